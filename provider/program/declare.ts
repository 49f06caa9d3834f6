// clp.conf → the Pulumi objects that declare it (pure). `clusterpro-conf to-program` renders this
// as a program (render.ts); the unit tests apply it through the provider's own plan functions and
// check that the file comes out byte-identical, which is what makes the first `preview` show no
// change. What the resource types cannot express is listed in `kept`: it stays in clp.conf as it is.
import { actualCluster } from "../resources/cluster";
import { MANAGEMENT_GROUP, MANAGEMENT_IP_RESOURCE, type GroupPlanInput, type InterconnectPlan } from "../clusterpro/plan";
import type { FloatingIpArgs } from "../../sdk/floating-ip";
import type { MirrorDiskArgs } from "../../sdk/mirror-disk";
import { watchedResource, type ApplicationResource, type ClusterConfig, type FipResource, type MirrorDiskResource, type Monitor, type Resource, type ServiceResource } from "../clusterpro";

/** An interconnect as the Cluster declares it (the same shape the plan takes). */
export type DeclaredInterconnect = InterconnectPlan;

export interface DeclaredCluster {
  name: string;
  comment?: string;
  language: "ja" | "en" | "zh";
  charset?: string;
  encode?: string;
  managementIp?: string;
  servers: string[];
  interconnects: DeclaredInterconnect[];
  networkPartitions?: { kind: "ping"; targets: string[] }[];
  userModeMonitor?: { method?: "keepalive" | "softdog" | "ipmi"; action?: "RESET" | "PANIC" };
}

export type DeclaredGroupResource =
  | { type: "service"; name: string; serviceName: string; startTimeoutSeconds?: number; stopTimeoutSeconds?: number; monitor: boolean; dependsOn?: string[] }
  | { type: "application"; name: string; resident: boolean; startPath: string; stopPath?: string; dependsOn?: string[] };

/** The SDK's args without the objects a program wires in (its group) and the opt-ins to-program never sets. */
export type DeclaredFloatingIp = Omit<FloatingIpArgs, "group" | "adopt"> & { monitor: boolean };
export type DeclaredMirrorDisk = Omit<MirrorDiskArgs, "group" | "adopt" | "allowReplace"> & { monitor: boolean };

export interface DeclaredGroup extends Omit<GroupPlanInput, "os" | "resources"> {
  resources: DeclaredGroupResource[];
  /** In an order where each one's dependsOn names only resources declared before it. */
  members: ({ kind: "floatingIp" } & DeclaredFloatingIp | { kind: "mirrorDisk" } & DeclaredMirrorDisk)[];
}

export interface KeptObject {
  /** `resource/exec@exec1`, `monitor/genw@genw1`, … */
  path: string;
  why: string;
}

export interface DeclaredProgram {
  os: "windows" | "linux";
  cluster: DeclaredCluster;
  groups: DeclaredGroup[];
  kept: KeptObject[];
}

const LANGUAGE_OF: Record<string, "ja" | "en" | "zh"> = { SJIS: "ja", "EUC-JP": "ja", GB2312: "zh", ASCII: "en" };
const LANGUAGE_CHARSET = { ja: { windows: "SJIS", linux: "EUC-JP" }, en: { windows: "ASCII", linux: "ASCII" }, zh: { windows: "GB2312", linux: "GB2312" } } as const;
const FILE_SYSTEMS = new Set(["ext3", "ext4", "xfs"]);
const MONITOR_TYPES_DECLARED = new Set(["fipw", "mdw", "mdnw", "servicew"]);

/** Whether a monitor of this type watches exactly this resource (and no other monitor of the type does). */
function watchedBy(monitors: readonly Monitor[], type: string, resource: string): boolean {
  return monitors.filter((m) => m.type === type && watchedResource(m) === resource).length === 1;
}

function dependsOnOf(r: Resource): { dependsOn?: string[] } {
  return Array.isArray(r.dependsOn) ? { dependsOn: [...r.dependsOn] } : {};
}

function clusterOf(model: ClusterConfig, os: "windows" | "linux", kept: KeptObject[]): DeclaredCluster {
  const actual = actualCluster(model);
  const language = LANGUAGE_OF[model.cluster.encode ?? model.cluster.charset ?? "SJIS"] ?? "ja";
  const defaults = LANGUAGE_CHARSET[language][os];
  const np = model.networkPartitions;
  const pingOnly = np.length > 0 && np.every((n, i) => n.type === "pingnp" && n.name === `pingnp${i + 1}` && n.priority === i && n.device === 10200 + i && (n.pingTargets ?? []).length > 0);
  for (const n of np) if (!pingOnly) kept.push({ path: `networkpartition/${n.type}@${n.name}`, why: "only ping network partitions named pingnp1, pingnp2, … on devices 10200, 10201, … are declared" });
  for (const h of model.heartbeats) if (h.type !== "lankhb" && h.type !== "lanhb") kept.push({ path: `heartbeat/${h.type}@${h.name}`, why: "the Cluster declares LAN heartbeats only" });
  const userw = userModeMonitorOf(model);
  return {
    name: model.cluster.name,
    ...(actual.comment !== undefined ? { comment: String(actual.comment) } : {}),
    language,
    ...(model.cluster.charset && model.cluster.charset !== defaults ? { charset: model.cluster.charset } : {}),
    ...(model.cluster.encode && model.cluster.encode !== defaults ? { encode: model.cluster.encode } : {}),
    ...(actual.managementIp ? { managementIp: String(actual.managementIp) } : {}),
    servers: actual.servers as string[],
    interconnects: actual.interconnects as DeclaredInterconnect[],
    ...(pingOnly ? { networkPartitions: np.map((n) => ({ kind: "ping" as const, targets: n.pingTargets ?? [] })) } : {}),
    ...(userw ? { userModeMonitor: userw } : {}),
  };
}

/** The cluster's one user-mode monitor, when it is as the Cluster declares it (recovering the local server, known method and action). */
function userModeMonitorOf(model: ClusterConfig): DeclaredCluster["userModeMonitor"] | undefined {
  const all = model.monitors.filter((m) => m.type === "userw");
  const m = all[0];
  if (all.length !== 1 || m.relation?.type !== "cls" || m.relation.name !== "LocalServer") return undefined;
  if (m.method !== undefined && !["keepalive", "softdog", "ipmi"].includes(m.method)) return undefined;
  if (m.action !== undefined && !["RESET", "PANIC"].includes(m.action)) return undefined;
  return { ...(m.method ? { method: m.method as "keepalive" } : {}), ...(m.action ? { action: m.action as "RESET" } : {}) };
}

/** Declarable members first in dependency order (a member that names another comes after it). */
function orderMembers(members: DeclaredGroup["members"]): DeclaredGroup["members"] {
  const out: DeclaredGroup["members"] = [];
  const pending = [...members];
  while (pending.length > 0) {
    const i = pending.findIndex((m) => (m.dependsOn ?? []).every((d) => out.some((o) => o.name === d) || !pending.some((p) => p.name === d)));
    out.push(...pending.splice(i < 0 ? 0 : i, 1));
  }
  return out;
}

export function declareProgram(model: ClusterConfig): DeclaredProgram {
  const os = model.cluster.serverOs === "linux" ? "linux" : "windows";
  const kept: KeptObject[] = [];
  const cluster = clusterOf(model, os, kept);
  const declaredResources = new Set<string>();
  const groups: DeclaredGroup[] = [];
  for (const g of model.groups) {
    if (cluster.managementIp && g.name === MANAGEMENT_GROUP) {
      declaredResources.add(MANAGEMENT_IP_RESOURCE);
      continue;
    }
    if (g.type !== "failover") {
      kept.push({ path: `group@${g.name}`, why: `a ${g.type} group (FailoverGroup declares failover groups)` });
      continue;
    }
    const members = (g.resources ?? []).map((ref) => model.resources.find((r) => `${r.type}@${r.name}` === ref)).filter((r): r is Resource => r !== undefined);
    const resources: DeclaredGroupResource[] = [];
    const others: DeclaredGroup["members"] = [];
    for (const r of members) {
      const declared = declareResource(r, model, os);
      if ("why" in declared) {
        kept.push({ path: `resource/${r.type}@${r.name}`, why: declared.why });
        continue;
      }
      declaredResources.add(r.name);
      if ("kind" in declared) others.push(declared);
      else resources.push(declared);
    }
    groups.push({
      name: g.name,
      ...(g.comment?.trim() ? { comment: g.comment } : {}),
      ...(g.startupServers ? { startupServers: [...g.startupServers].sort((a, b) => a.order - b.order).map((s) => s.server) } : {}),
      autoStart: g.autoStart ?? true,
      failover: g.autoFailover === false ? "manual" : "auto",
      failback: g.autoFailback ? "auto" : "manual",
      resources,
      members: orderMembers(others),
    });
    if (g.startAfter?.length) kept.push({ path: `group@${g.name}/depend`, why: "group start dependencies are not declared by FailoverGroup" });
  }
  for (const m of model.monitors) {
    const watched = watchedResource(m);
    const owned = (m.type === "userw" && cluster.userModeMonitor !== undefined) ||
      (MONITOR_TYPES_DECLARED.has(m.type) && watched !== undefined && declaredResources.has(watched) && watchedBy(model.monitors, m.type, watched));
    if (!owned) kept.push({ path: `monitor/${m.type}@${m.name}`, why: m.type === "userw" ? "a user-mode monitor the Cluster's userModeMonitor cannot express" : "monitors are declared with the resource they watch (fipw, mdw, mdnw, servicew)" });
  }
  return { os, cluster, groups, kept };
}

function declareResource(r: Resource, model: ClusterConfig, os: "windows" | "linux"): DeclaredGroupResource | ({ kind: "floatingIp" } & DeclaredFloatingIp) | ({ kind: "mirrorDisk" } & DeclaredMirrorDisk) | { why: string } {
  const own = (type: string) => watchedBy(model.monitors, type, r.name);
  if (r.type === "fip") {
    const fip = r as FipResource;
    if (!fip.ip) return { why: "a floating IP without an address" };
    return { kind: "floatingIp", name: r.name, address: fip.ip, monitor: own("fipw"), ...dependsOnOf(r) };
  }
  if (r.type === "md") {
    const md = r as MirrorDiskResource;
    const mirrorConnects = [...(md.netdevs ?? [])].sort((a, b) => a.priority - b.priority).map((n) => n.mdcName);
    if (mirrorConnects.length === 0 || mirrorConnects.length > 2) return { why: "a mirror disk without one or two mirror connects" };
    const monitor = own("mdw") && own("mdnw");
    if (os === "windows") {
      if (!md.volumeMountPoint || !md.cpVolumeMountPoint) return { why: "a mirror disk without its drive letters" };
      return { kind: "mirrorDisk", name: r.name, dataPartition: md.volumeMountPoint, clusterPartition: md.cpVolumeMountPoint, mirrorConnects, monitor, ...dependsOnOf(r) };
    }
    if (!md.dataPartition || !md.clusterPartition || !md.mountPoint || !FILE_SYSTEMS.has(md.fs ?? "")) return { why: "a mirror disk whose partitions, mount point or file system (ext3, ext4, xfs) the MirrorDisk cannot declare" };
    return {
      kind: "mirrorDisk", name: r.name, dataPartition: md.dataPartition, clusterPartition: md.clusterPartition, mirrorConnects,
      mountPoint: md.mountPoint, fileSystem: md.fs as "ext3" | "ext4" | "xfs", monitor, ...dependsOnOf(r),
    };
  }
  if (r.type === "service" && os === "windows") {
    const s = r as ServiceResource;
    return {
      type: "service", name: r.name, serviceName: s.serviceName,
      ...(s.act?.timeout !== undefined ? { startTimeoutSeconds: s.act.timeout } : {}),
      ...(s.deact?.timeout !== undefined ? { stopTimeoutSeconds: s.deact.timeout } : {}),
      monitor: own("servicew"), ...dependsOnOf(r),
    };
  }
  if (r.type === "appli" && os === "windows") {
    const a = r as ApplicationResource;
    if (!a.startPath) return { why: "an application resource without a start path" };
    if (a.startAccount || a.stopAccount) return { why: "an application resource that runs as another account (its encrypted password is kept as it is)" };
    return { type: "application", name: r.name, resident: a.resident ?? false, startPath: a.startPath, ...(a.stopPath ? { stopPath: a.stopPath } : {}), ...dependsOnOf(r) };
  }
  if (r.type === "exec" || r.type === "script") return { why: `its start and stop scripts live in the scripts folder, not in clp.conf (declare it as a type "script" resource with their content to manage them)` };
  return { why: `resource type ${r.type} is not declared by this version` };
}
