// FailoverGroup: a group with its startup servers and attributes, and the resources it declares
// itself (service and application resources, with their optional service monitors). Its
// FloatingIps and MirrorDisks are resources of their own.
import { actualSetting } from "../engine/monitor-tuning";
import { z } from "zod";
import type { ApplicationResource, RegsyncResource, ServiceResource } from "../clusterpro";
import { groupFiles, groupFragment, groupRemoval, groupTransition, type GroupPlanInput, type GroupResourcePlan } from "../engine/plan";
import { FailoverGroupArgsSchema, windowsScriptIssues } from "../../sdk/schemas/cluster";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";

const InputsSchema = TargetInputsSchema.extend(FailoverGroupArgsSchema.shape)
  .extend({ adopt: z.boolean().default(false) })
  // Windows scripts are written in CP932: refuse what it cannot carry (also checked at construction).
  .superRefine((i, ctx) => {
    if (i.serverOs === "windows") for (const issue of windowsScriptIssues(i.resources)) ctx.addIssue({ code: "custom", ...issue });
  });

function plan(inputs: Record<string, unknown>): GroupPlanInput {
  const i = InputsSchema.parse(inputs);
  return {
    os: i.serverOs,
    name: i.name,
    comment: i.comment,
    startupServers: i.startupServers,
    autoStart: i.autoStart,
    failover: i.failover,
    failback: i.failback,
    resources: i.resources.map((r): GroupResourcePlan => r),
  };
}

function pickDefined(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

const provider = clusterObjectProvider<GroupPlanInput>({
  kind: "FailoverGroup",
  section: "group",
  schema: InputsSchema,
  ownKeys: ["name", "comment", "startupServers", "autoStart", "failover", "failback", "resources"],
  replaceKeys: ["clusterName", "name"],
  plan,
  fragment: groupFragment,
  removal: groupRemoval,
  transition: groupTransition,
  files: groupFiles,
  // The folders of script resources that go away (the whole group's folder when the group goes).
  removedFolders: (old, next) =>
    next === undefined ? [`scripts/${old.name}`] : old.resources.filter((r) => r.type === "script" && !next.resources.some((n) => n.name === r.name && n.type === "script")).map((r) => `scripts/${old.name}/${r.name}`),
  requiresGroups: () => [],
  actual(model, props) {
    const g = model.groups.find((x) => x.name === props.name);
    if (!g) return undefined;
    const declared = (props.resources as { type: string; name: string }[] | undefined) ?? [];
    const resources = declared.flatMap((spec): Record<string, unknown>[] => {
      const r = model.resources.find((x) => x.name === spec.name && x.group === g.name);
      if (!r) return [];
      const dependsOn = Array.isArray(r.dependsOn) ? { dependsOn: r.dependsOn } : {};
      if (r.type === "service") {
        const s = r as ServiceResource;
        const monitor = actualSetting((spec as { monitor?: unknown }).monitor, model.monitors.find((m) => m.type === "servicew" && m.target === s.name), g.name);
        return [{ type: "service", name: s.name, serviceName: s.serviceName, ...(s.act?.timeout !== undefined ? { startTimeoutSeconds: s.act.timeout } : {}), ...(s.deact?.timeout !== undefined ? { stopTimeoutSeconds: s.deact.timeout } : {}), monitor, ...dependsOn }];
      }
      if (r.type === "script" || r.type === "exec") {
        // The scripts' content is pushed, not read back: drift shows for the resource, not for its files.
        const declaredSpec = spec as { start?: string; stop?: string; startTimeoutSeconds?: number; stopTimeoutSeconds?: number };
        return [{ type: "script", name: r.name, start: declaredSpec.start, stop: declaredSpec.stop, ...pickDefined(declaredSpec, ["startTimeoutSeconds", "stopTimeoutSeconds"]), ...dependsOn }];
      }
      if (r.type === "regsync") {
        return [{ type: "registrySync", name: r.name, keys: (r as RegsyncResource).keys ?? [], ...dependsOn }];
      }
      if (r.type === "appli") {
        const a = r as ApplicationResource;
        return [{ type: "application", name: a.name, resident: a.resident ?? false, startPath: a.startPath, ...(a.stopPath !== undefined ? { stopPath: a.stopPath } : {}), ...dependsOn }];
      }
      return [];
    });
    return {
      comment: g.comment?.trim() || undefined,
      ...(g.startupServers ? { startupServers: [...g.startupServers].sort((a, b) => a.order - b.order).map((s) => s.server) } : {}),
      autoStart: g.autoStart ?? true,
      failover: g.autoFailover === false ? "manual" : "auto",
      failback: g.autoFailback ? "auto" : "manual",
      resources,
    };
  },
  id: (i) => `${String(i.clusterName)}/group@${String(i.name)}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
