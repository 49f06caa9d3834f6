// FailoverGroup: a group with its startup servers and attributes, and the resources it declares
// itself (service and application resources, with their optional service monitors). Its
// FloatingIps and MirrorDisks are resources of their own.
import { actualSetting } from "../clusterpro/monitor-tuning";
import { z } from "zod";
import { startupServersInOrder, type ApplicationResource, type RegsyncResource, type ServiceResource } from "../clusterpro";
import { groupFiles, groupFragment, groupRemoval, groupTransition, type GroupPlanInput, type GroupResourcePlan } from "../clusterpro/plan";
import { FailoverGroupArgsSchema, windowsScriptIssues } from "../../sdk/schemas/cluster";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";
import type { ClusterSession } from "../engine/session";

const InputsSchema = TargetInputsSchema.extend(FailoverGroupArgsSchema.shape)
  .extend({ adopt: z.boolean().default(false), nodeState: z.string().optional() })
  // Windows scripts are written in CP932: refuse what it cannot carry (also checked at construction).
  .superRefine((i, ctx) => {
    if (i.serverOs === "windows") for (const issue of windowsScriptIssues(i.resources)) ctx.addIssue({ code: "custom", ...issue });
  });

type Inputs = z.output<typeof InputsSchema>;

function plan(i: Inputs): GroupPlanInput {
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

/** The servers a group's services must be Manual on: its startup servers, else every server of the cluster. */
function groupServers(inputs: Pick<Inputs, "startupServers" | "servers">): string[] {
  const declared = inputs.startupServers;
  return declared && declared.length > 0 ? declared : (inputs.servers ?? []);
}

function serviceNames(resources: unknown): string[] {
  return ((resources as { type: string; serviceName?: string }[] | undefined) ?? []).filter((r) => r.type === "service" && r.serviceName).map((r) => r.serviceName as string);
}

/**
 * A service resource owns its Windows service's startup type: Manual on every server the group can run on, set before
 * the push, so that Windows never starts it beside the cluster (a second instance on the standby, or one the
 * cluster did not start).
 */
function manualServices(inputs: Inputs) {
  const names = inputs.serverOs === "windows" ? serviceNames(inputs.resources) : [];
  if (names.length === 0) return [];
  return groupServers(inputs).map((server) => ({ server, ops: names.map((name) => ({ op: "service.setStartup" as const, name, startup: "manual" as const })) }));
}

/** For refresh: each server whose group services are not Manual (or not installed). A server not reachable says so. */
async function serviceDrift(actual: Record<string, unknown>, session: ClusterSession): Promise<string[]> {
  const names = actual.serverOs === "windows" ? serviceNames(actual.resources) : [];
  if (names.length === 0) return [];
  // `actual` is the state as refresh rebuilt it (not parsed: what it holds is what clp.conf had).
  const reads = await session.onServers(groupServers(actual as Pick<Inputs, "startupServers" | "servers">), [{ op: "service.query", names }]);
  const drift: string[] = [];
  for (const r of reads) {
    const q = r.results?.[0];
    if (!q || !q.ok) {
      drift.push(`${r.server}: the services could not be read (${r.error ?? (q && !q.ok ? q.error.message : "no answer")})`);
      continue;
    }
    for (const s of (q.value as { services: { name: string; exists: boolean; startup?: string }[] }).services) {
      if (!s.exists) drift.push(`${r.server}: service ${s.name} is not installed`);
      else if (s.startup !== "manual") drift.push(`${r.server}: service ${s.name} startup ${s.startup} (want manual)`);
    }
  }
  return drift;
}

function pickDefined(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

const provider = clusterObjectProvider({
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
  nodeSteps: (_p, inputs) => manualServices(inputs),
  nodeDrift: serviceDrift,
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
      ...(g.startupServers ? { startupServers: startupServersInOrder(g) } : {}),
      autoStart: g.autoStart ?? true,
      failover: g.autoFailover === false ? "manual" : "auto",
      failback: g.autoFailback ? "auto" : "manual",
      resources,
    };
  },
  id: (i) => `${i.clusterName}/group@${i.name}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
