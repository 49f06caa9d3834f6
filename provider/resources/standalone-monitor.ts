// The monitors a program declares as resources of their own: CustomMonitor (genw), IpMonitor (ipw) and
// NicLinkMonitor (miiw). One factory, one ClusterObjectKind per type; each type's module exports its provider.
import { z } from "zod";
import { readModel, type DesiredConfig, type Monitor } from "../clusterpro";
import type { ClusterSession } from "../engine/session";
import type { CheckFailure } from "./check-failures";
import { buildCustomMonitor, buildIpMonitor, buildNicLinkMonitor, customMonitorScriptPath, type MonitorRecovery } from "../clusterpro/monitor-builders";
import type { ConfigFile, ServerOs } from "../clusterpro/plan";
import { CustomMonitorArgsSchema, IpMonitorArgsSchema, MONITOR_FINAL_ACTIONS, NicLinkMonitorArgsSchema } from "../../sdk/schemas/monitors";
import { objectName } from "../../sdk/schemas/common";
import { windowsScriptIssue } from "../../sdk/schemas/monitors";
import { clusterObjectProvider, TargetInputsSchema, type ClusterObjectKind } from "./cluster-object";

/** Final-action codes common to Windows and Linux (MonitorParameters_Windows_jp.md:144-155, _Linux_jp.md:131-150). */
const FINAL_ACTION_CODES: Record<(typeof MONITOR_FINAL_ACTIONS)[number], number> = { none: 1, stopGroup: 2, stopClusterService: 3, shutdownOs: 4, rebootOs: 5 };

export type StandaloneMonitorType = "genw" | "ipw" | "miiw";

export interface StandaloneMonitorPlan {
  type: StandaloneMonitorType;
  os: ServerOs;
  name: string;
  group?: string;
  recovery: MonitorRecovery;
  script?: string;
  targets?: string[];
  nic?: string;
}

const KINDS = { genw: "CustomMonitor", ipw: "IpMonitor", miiw: "NicLinkMonitor" } as const;
/** Own keys each type adds to the common ones. */
const TYPE_KEYS = { genw: ["script"], ipw: ["targets"], miiw: ["nic"] } as const;
const COMMON_KEYS = ["group", "name", "intervalSeconds", "timeoutSeconds", "retries", "recoveryTarget", "restartLimit", "failoverLimit", "finalAction"] as const;

/** What the SDK adds to a monitor's own fields: its group (none: it recovers the local server) and adopt. */
const PLACEMENT = { group: objectName.optional(), adopt: z.boolean().default(false) };

/** Rules over a monitor's inputs that need its cluster (the OS) or its group. */
function monitorRules(i: { recoveryTarget?: string; group?: string; serverOs: ServerOs; script?: string }, ctx: z.RefinementCtx): void {
  if (i.recoveryTarget === "group" && !i.group) ctx.addIssue({ code: "custom", path: ["recoveryTarget"], message: "is \"group\" but the monitor has no group; give it a group or recover the local server" });
  const issue = i.serverOs === "windows" && typeof i.script === "string" ? windowsScriptIssue(i.script) : undefined;
  if (issue) ctx.addIssue({ code: "custom", path: ["script"], message: issue });
}

/** Each type's inputs: the target, its SDK schema's fields and PLACEMENT. */
const INPUTS = {
  genw: TargetInputsSchema.extend(CustomMonitorArgsSchema.shape).extend(PLACEMENT).superRefine(monitorRules),
  ipw: TargetInputsSchema.extend(IpMonitorArgsSchema.shape).extend(PLACEMENT).superRefine(monitorRules),
  miiw: TargetInputsSchema.extend(NicLinkMonitorArgsSchema.shape).extend(PLACEMENT).superRefine(monitorRules),
};
/** The parsed inputs of any of the three types (z.output of its schema). */
type MonitorInputs = z.output<(typeof INPUTS)[StandaloneMonitorType]>;

/** A monitor's plan from the engine's inputs (or a state's): parsed with the type's schema. */
export function monitorPlan(type: StandaloneMonitorType, inputs: Record<string, unknown>): StandaloneMonitorPlan {
  return planOf(type, INPUTS[type].parse(inputs));
}

function planOf(type: StandaloneMonitorType, i: MonitorInputs): StandaloneMonitorPlan {
  const target = i.recoveryTarget ?? (i.group ? "group" : "localServer");
  const recovery: MonitorRecovery = {
    os: i.serverOs,
    relation: target === "group" && i.group ? { type: "grp", name: i.group } : { type: "cls", name: "LocalServer" },
    restartThreshold: i.restartLimit,
    ...(i.failoverLimit !== undefined ? { failoverThreshold: i.failoverLimit } : {}),
    ...(i.finalAction !== undefined ? { finalAction: FINAL_ACTION_CODES[i.finalAction] } : {}),
    ...(i.intervalSeconds !== undefined ? { interval: i.intervalSeconds } : {}),
    ...(i.timeoutSeconds !== undefined ? { timeout: i.timeoutSeconds } : {}),
    ...(i.retries !== undefined ? { retry: i.retries } : {}),
  };
  return {
    type, os: i.serverOs, name: i.name, ...(i.group ? { group: i.group } : {}), recovery,
    script: "script" in i ? i.script : undefined, targets: "targets" in i ? i.targets : undefined, nic: "nic" in i ? i.nic : undefined,
  };
}

export function standaloneMonitor(p: StandaloneMonitorPlan): Monitor {
  if (p.type === "genw") return buildCustomMonitor({ name: p.name, ...p.recovery });
  if (p.type === "ipw") return buildIpMonitor({ name: p.name, targets: p.targets ?? [], ...p.recovery });
  return buildNicLinkMonitor({ name: p.name, nic: p.nic ?? "", ...p.recovery });
}

export function standaloneMonitorFragment(p: StandaloneMonitorPlan): DesiredConfig {
  return { monitors: [standaloneMonitor(p)] };
}

export function standaloneMonitorRemoval(p: StandaloneMonitorPlan): DesiredConfig {
  return { remove: { monitors: [p.name] } };
}

/** A custom monitor's script, in the OS's line endings (genw.bat is CRLF, genw.sh LF). */
export function standaloneMonitorFiles(p: StandaloneMonitorPlan): ConfigFile[] {
  if (p.type !== "genw" || p.script === undefined) return [];
  const eol = p.os === "windows" ? "\r\n" : "\n";
  const content = (p.script.endsWith("\n") ? p.script : p.script + "\n").replace(/\r?\n/g, eol);
  return [{ path: customMonitorScriptPath(p.name, p.os), content }];
}

/** The monitor's own properties as clp.conf has them, in the shape the program declared (fields it left out stay out). */
export function actualStandaloneMonitor(type: StandaloneMonitorType, m: Monitor | undefined, props: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!m || m.type !== type) return undefined;
  const out: Record<string, unknown> = {};
  const rel = m.relation;
  out.group = rel?.type === "grp" ? rel.name : props.group;
  if (props.recoveryTarget !== undefined || rel) {
    const target = rel?.type === "cls" ? "localServer" : rel?.type === "grp" ? "group" : undefined;
    if (props.recoveryTarget !== undefined && target) out.recoveryTarget = target;
    // Undeclared, the target follows from group: a monitor recovering another object than the program's default is drift.
    else if (props.recoveryTarget === undefined && target !== (props.group ? "group" : "localServer")) out.recoveryTarget = target ?? `${rel?.type} ${rel?.name}`;
  }
  out.restartLimit = m.restartThreshold ?? 0;
  const fo = m.failoverThreshold2 ?? m.failoverThreshold;
  if (props.failoverLimit !== undefined) out.failoverLimit = fo;
  if (props.finalAction !== undefined) out.finalAction = (Object.keys(FINAL_ACTION_CODES) as (keyof typeof FINAL_ACTION_CODES)[]).find((k) => FINAL_ACTION_CODES[k] === m.finalAction) ?? m.finalAction;
  if (props.intervalSeconds !== undefined) out.intervalSeconds = m.interval;
  if (props.timeoutSeconds !== undefined) out.timeoutSeconds = m.timeout;
  if (props.retries !== undefined) out.retries = m.retry;
  if (type === "ipw") out.targets = m.ipTargets ?? [];
  if (type === "miiw") out.nic = m.object;
  // genw: clp.conf names the product script (genw.sh); its content is not read back (docs/resources/custom-monitor.md).
  return out;
}

/**
 * A monitor's name is unique among all the cluster's monitors: a program's monitor named like a monitor of another
 * type (a WebUI-made `fipw1`) would be written into that element, so it is a failure naming `name`, found in the
 * cluster read that check and the commit make anyway. A cluster that cannot be read says nothing here.
 */
async function nameTakenByAnotherType(type: StandaloneMonitorType, inputs: Record<string, unknown>, session: ClusterSession): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }> {
  const name = inputs.name;
  if (typeof name !== "string") return { inputs, failures: [] };
  const found = await session.document().then(({ doc, configured }) => (configured ? readModel(doc).monitors.find((m) => m.name.toLowerCase() === name.toLowerCase() && m.type !== type) : undefined), () => undefined);
  if (!found) return { inputs, failures: [] };
  return { inputs, failures: [{ property: "name", reason: `${KINDS[type]} "${name}": cluster ${session.target.clusterName} already has a ${found.type} monitor named ${found.name}; a monitor's name is unique among all the cluster's monitors` }] };
}

export function standaloneMonitorKind(type: StandaloneMonitorType): ClusterObjectKind<StandaloneMonitorPlan, MonitorInputs> {
  return {
    kind: KINDS[type],
    section: "monitor",
    schema: INPUTS[type],
    ownKeys: [...COMMON_KEYS, ...TYPE_KEYS[type]],
    replaceKeys: ["clusterName", "name"],
    plan: (i) => planOf(type, i),
    resolve: (inputs, session) => nameTakenByAnotherType(type, inputs, session),
    fragment: standaloneMonitorFragment,
    removal: standaloneMonitorRemoval,
    files: standaloneMonitorFiles,
    // The custom monitor's folder goes with it (delete); a rename is a replacement (a delete first).
    removedFolders: (old, next) => (old.type === "genw" && next === undefined ? [`scripts/monitor.s/${old.name}`] : []),
    requiresGroups: (p) => (p.group ? [p.group] : []),
    actual: (model, props) => actualStandaloneMonitor(type, model.monitors.find((m) => m.name === props.name), props),
    id: (i) => `${i.clusterName}/monitor/${type}@${i.name}`,
  };
}

export function standaloneMonitorProvider(type: StandaloneMonitorType) {
  return clusterObjectProvider(standaloneMonitorKind(type));
}
