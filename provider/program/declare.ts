// clp.conf → the Pulumi objects that declare it (pure). `clusterpro-conf to-program` renders this
// as a program (render.ts); the unit tests apply it through the provider's own plan functions and
// check that the file comes out byte-identical, which is what makes the first `preview` show no
// change. What the resource types cannot express is listed in `kept`: it stays in clp.conf as it is.
import { actualCluster } from "../resources/cluster";
import { MANAGEMENT_GROUP, MANAGEMENT_IP_RESOURCE, type GroupPlanInput, type InterconnectPlan } from "../clusterpro/plan";
import type { FloatingIpArgs } from "../../sdk/floating-ip";
import type { MirrorDiskArgs } from "../../sdk/mirror-disk";
import type { SharedDiskArgs } from "../../sdk/shared-disk";
import type { VirtualComputerNameArgs } from "../../sdk/virtual-computer-name";
import type { VolumeManagerArgs } from "../../sdk/volume-manager";
import type { IpMonitorArgs, NicLinkMonitorArgs } from "../../sdk/monitors";
import { NP_ACTION_CODES, NetworkPartitionSchema, type NetworkPartitionActionName } from "../../sdk/schemas/cluster";
import { IpMonitorArgsSchema, MONITOR_FINAL_ACTIONS, NicLinkMonitorArgsSchema, VolumeManagerArgsSchema, VOLUME_MANAGERS } from "../../sdk/schemas/monitors";
import {
  startupServersInOrder, watchedResource, type ApplicationResource, type ClusterConfig, type DiskResource, type FipResource, type MirrorDiskResource, type Monitor, type Resource, type ServiceResource,
  type SharedDiskResource, type VcomResource, type VolumeManagerResource,
} from "../clusterpro";

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
  networkPartitions?: { kind: "ping"; targets: string[]; intervalSeconds?: number; timeoutSeconds?: number; retries?: number; servers?: string[] }[];
  networkPartitionAction?: NetworkPartitionActionName;
  userModeMonitor?: { method?: "keepalive" | "softdog" | "ipmi"; action?: "RESET" | "PANIC" };
}

export type DeclaredGroupResource =
  | { type: "service"; name: string; serviceName: string; startTimeoutSeconds?: number; stopTimeoutSeconds?: number; monitor: boolean; dependsOn?: string[] }
  | { type: "application"; name: string; resident: boolean; startPath: string; stopPath?: string; dependsOn?: string[] };

/** The SDK's args without the objects a program wires in (its group) and the opt-ins to-program never sets. */
export type DeclaredFloatingIp = Omit<FloatingIpArgs, "group" | "adopt"> & { monitor: boolean };
export type DeclaredMirrorDisk = Omit<MirrorDiskArgs, "group" | "adopt" | "allowReplace"> & { monitor: boolean };
export type DeclaredSharedDisk = Omit<SharedDiskArgs, "group" | "adopt" | "hbaFilters"> & { monitor: boolean };
export type DeclaredVirtualComputerName = Omit<VirtualComputerNameArgs, "group" | "adopt"> & { monitor: boolean };
export type DeclaredVolumeManager = Omit<VolumeManagerArgs, "group" | "adopt"> & { monitor: boolean };
type DeclaredMember =
  | ({ kind: "floatingIp" } & DeclaredFloatingIp)
  | ({ kind: "mirrorDisk" } & DeclaredMirrorDisk)
  | ({ kind: "sharedDisk" } & DeclaredSharedDisk)
  | ({ kind: "virtualComputerName" } & DeclaredVirtualComputerName)
  | ({ kind: "volumeManager" } & DeclaredVolumeManager);

/**
 * A monitor that is a resource of its own (IpMonitor, NicLinkMonitor): `group` names the failover group it recovers
 * (the program passes that group's object); without it, it belongs to the cluster and recovers the local server.
 */
export type DeclaredMonitor =
  | ({ kind: "ipMonitor"; group?: string } & Omit<IpMonitorArgs, "group" | "cluster" | "adopt">)
  | ({ kind: "nicLinkMonitor"; group?: string } & Omit<NicLinkMonitorArgs, "group" | "cluster" | "adopt">);

export interface DeclaredGroup extends Omit<GroupPlanInput, "os" | "resources"> {
  resources: DeclaredGroupResource[];
  /** In an order where each one's dependsOn names only resources declared before it. */
  members: DeclaredMember[];
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
  /** Monitors of their own, after the groups they recover. */
  monitors: DeclaredMonitor[];
  kept: KeptObject[];
}

const LANGUAGE_OF: Record<string, "ja" | "en" | "zh"> = { SJIS: "ja", "EUC-JP": "ja", GB2312: "zh", ASCII: "en" };
const LANGUAGE_CHARSET = { ja: { windows: "SJIS", linux: "EUC-JP" }, en: { windows: "ASCII", linux: "ASCII" }, zh: { windows: "GB2312", linux: "GB2312" } } as const;
const FILE_SYSTEMS = new Set(["ext3", "ext4", "xfs"]);
const DISK_FILE_SYSTEMS = new Set(["ext2", "ext3", "ext4", "xfs", "reiserfs", "jfs", "vxfs", "zfs"]);
const MONITOR_TYPES_DECLARED = new Set(["fipw", "mdw", "mdnw", "servicew", "sdw", "vcomw", "volmgrw"]);
/** emergency/action codes → the finalAction names (the codes Windows and Linux share: standalone-monitor.ts). */
const FINAL_ACTION_OF: Record<number, (typeof MONITOR_FINAL_ACTIONS)[number]> = { 1: "none", 2: "stopGroup", 3: "stopClusterService", 4: "shutdownOs", 5: "rebootOs" };

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
  const networkPartitions = pingPartitionsOf(model, actual.servers as string[]);
  for (const n of np) if (!networkPartitions) kept.push({ path: `networkpartition/${n.type}@${n.name}`, why: "only ping network partitions named pingnp1, pingnp2, … on devices 10200, 10201, …, each server's device saying 1 (uses it) or 0, are declared" });
  const npCodes: Record<string, number> = NP_ACTION_CODES[os];
  const npAction = model.cluster.npAction === undefined ? undefined : (Object.keys(npCodes).find((k) => npCodes[k] === model.cluster.npAction) as NetworkPartitionActionName | undefined);
  if (model.cluster.npAction !== undefined && !npAction) kept.push({ path: "cluster/networkpartition/npaction", why: `code ${model.cluster.npAction} is not a network partition action of a ${os} cluster that networkPartitionAction names` });
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
    ...(networkPartitions ? { networkPartitions } : {}),
    ...(npAction ? { networkPartitionAction: npAction } : {}),
    ...(userw ? { userModeMonitor: userw } : {}),
  };
}

/**
 * The ping network partitions as the Cluster declares them (pingnp1, pingnp2, … on devices 10200, 10201, …, every
 * server with that ping device saying 1 or 0), with the interval, timeout and retries the file gives; undefined when
 * any partition is otherwise (the Cluster then declares none and the file keeps them all).
 */
function pingPartitionsOf(model: ClusterConfig, servers: string[]): DeclaredCluster["networkPartitions"] | undefined {
  const np = model.networkPartitions;
  if (np.length === 0) return undefined;
  const out: NonNullable<DeclaredCluster["networkPartitions"]> = [];
  for (const [i, n] of np.entries()) {
    if (n.type !== "pingnp" || n.name !== `pingnp${i + 1}` || n.priority !== i || n.device !== 10200 + i || (n.pingTargets ?? []).length === 0) return undefined;
    const devices = servers.map((s) => model.servers.find((x) => x.name === s)?.devices?.filter((d) => d.id === n.device) ?? []);
    if (devices.some((d) => d.length !== 1 || d[0].type !== "ping" || (d[0].info !== "0" && d[0].info !== "1"))) return undefined;
    const users = servers.filter((_, j) => devices[j][0].info === "1");
    const entry = {
      kind: "ping" as const, targets: [...(n.pingTargets ?? [])],
      ...(n.interval !== undefined ? { intervalSeconds: n.interval } : {}),
      ...(n.timeout !== undefined ? { timeoutSeconds: n.timeout } : {}),
      ...(n.retry !== undefined ? { retries: n.retry } : {}),
      ...(users.length !== servers.length ? { servers: users } : {}),
    };
    if (!NetworkPartitionSchema.safeParse(entry).success) return undefined;
    out.push(entry);
  }
  return out;
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
  // A virtual computer name comes after the floating IP it is bound to.
  const needs = (m: DeclaredMember) => [...(m.dependsOn ?? []), ...(m.kind === "virtualComputerName" ? [m.floatingIp] : [])];
  while (pending.length > 0) {
    const i = pending.findIndex((m) => needs(m).every((d) => out.some((o) => o.name === d) || !pending.some((p) => p.name === d)));
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
    let others: DeclaredGroup["members"] = [];
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
    // A shared disk, a virtual computer name or a volume manager that names a resource this program does not declare
    // (a floating IP kept as it is) is kept too: the SDK refuses a dependency on an undeclared resource.
    for (;;) {
      const declaredHere = new Set([...resources.map((r) => r.name), ...others.map((o) => o.name)]);
      const fips = new Set(others.filter((o) => o.kind === "floatingIp").map((o) => o.name));
      const orphan = others.find((o) => (o.kind === "sharedDisk" || o.kind === "virtualComputerName" || o.kind === "volumeManager") &&
        ((o.dependsOn ?? []).some((d) => !declaredHere.has(d)) || (o.kind === "virtualComputerName" && !fips.has(o.floatingIp))));
      if (!orphan) break;
      const missing = [...(orphan.dependsOn ?? []), ...(orphan.kind === "virtualComputerName" ? [orphan.floatingIp] : [])].filter((d) => !declaredHere.has(d) || (orphan.kind === "virtualComputerName" && d === orphan.floatingIp && !fips.has(d)));
      const r = members.find((x) => x.name === orphan.name)!;
      kept.push({ path: `resource/${r.type}@${r.name}`, why: `it names ${missing.join(", ")}, which this program does not declare` });
      declaredResources.delete(orphan.name);
      others = others.filter((o) => o !== orphan);
    }
    groups.push({
      name: g.name,
      ...(g.comment?.trim() ? { comment: g.comment } : {}),
      ...(g.startupServers ? { startupServers: startupServersInOrder(g) } : {}),
      autoStart: g.autoStart ?? true,
      failover: g.autoFailover === false ? "manual" : "auto",
      failback: g.autoFailback ? "auto" : "manual",
      resources,
      members: orderMembers(others),
    });
    if (g.startAfter?.length) kept.push({ path: `group@${g.name}/depend`, why: "group start dependencies are not declared by FailoverGroup" });
  }
  const declaredGroups = new Set(groups.map((g) => g.name));
  const monitors: DeclaredMonitor[] = [];
  for (const m of model.monitors) {
    if (m.type === "genw") {
      kept.push({ path: `monitor/genw@${m.name}`, why: "its script (scripts/monitor.s/<name>/genw.sh or genw.bat) is not in clp.conf, and a CustomMonitor writes the script it declares: declare it with the script's content (adopt: true) to manage it" });
      continue;
    }
    if (m.type === "ipw" || m.type === "miiw") {
      const d = standaloneMonitorOf(m, os, declaredGroups);
      if ("why" in d) kept.push({ path: `monitor/${m.type}@${m.name}`, why: d.why });
      else monitors.push(d);
      continue;
    }
    const watched = watchedResource(m);
    const diskwOwner = m.type === "diskw" && groups.some((g) => g.members.some((x) => x.kind === "sharedDisk" && x.monitor && (x.monitorDevice ?? x.device) === m.object)) &&
      model.monitors.filter((x) => x.type === "diskw" && x.object === m.object).length === 1;
    const owned = (m.type === "userw" && cluster.userModeMonitor !== undefined) || diskwOwner ||
      (MONITOR_TYPES_DECLARED.has(m.type) && watched !== undefined && declaredResources.has(watched) && watchedBy(model.monitors, m.type, watched));
    if (!owned) kept.push({ path: `monitor/${m.type}@${m.name}`, why: m.type === "userw" ? "a user-mode monitor the Cluster's userModeMonitor cannot express" : "monitors are declared with the resource they watch (fipw, mdw, mdnw, servicew, sdw, diskw, vcomw, volmgrw) or on their own (ipw, miiw)" });
  }
  return { os, cluster, groups, monitors, kept };
}

/** The first issue the SDK's schema finds, as `field: reason`. */
function firstIssue(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string {
  const i = r.error?.issues[0];
  return i ? `${i.path.map(String).join(".") || "args"}: ${i.message}` : "";
}

/**
 * An ipw or miiw as an IpMonitor / NicLinkMonitor: it recovers a failover group this program declares or the local
 * server, and writes nothing the file does not have (every element it names has the file's value).
 */
function standaloneMonitorOf(m: Monitor, os: "windows" | "linux", groups: Set<string>): DeclaredMonitor | { why: string } {
  const rel = m.relation;
  const group = rel?.type === "grp" && groups.has(rel.name) ? rel.name : undefined;
  if (!group && !(rel?.type === "cls" && rel.name === "LocalServer")) return { why: "it recovers neither a failover group this program declares nor the local server" };
  if (m.restartThreshold === undefined) return { why: "it has no emergency/threshold/restart, which a declared monitor writes" };
  if (m.finalAction !== undefined && FINAL_ACTION_OF[m.finalAction] === undefined) return { why: `its final action (emergency/action ${m.finalAction}) is not one finalAction names` };
  // Windows X4+ counts failovers in fo2, Linux in fo; one in the other OS's element is kept as the file has it.
  const fo = os === "windows" ? m.failoverThreshold2 : m.failoverThreshold;
  const common = {
    name: m.name,
    ...(m.interval !== undefined ? { intervalSeconds: m.interval } : {}),
    ...(m.timeout !== undefined ? { timeoutSeconds: m.timeout } : {}),
    ...(m.retry !== undefined ? { retries: m.retry } : {}),
    ...(m.restartThreshold !== 0 ? { restartLimit: m.restartThreshold } : {}),
    ...(fo !== undefined ? { failoverLimit: fo } : {}),
    ...(m.finalAction !== undefined ? { finalAction: FINAL_ACTION_OF[m.finalAction] } : {}),
  };
  if (m.type === "ipw") {
    const args = { ...common, targets: [...(m.ipTargets ?? [])] };
    const r = IpMonitorArgsSchema.safeParse(args);
    if (!r.success) return { why: `an IP monitor the IpMonitor cannot declare (${firstIssue(r)})` };
    return { kind: "ipMonitor", ...(group ? { group } : {}), ...args };
  }
  const args = { ...common, nic: m.object ?? "" };
  const r = NicLinkMonitorArgsSchema.safeParse(args);
  if (!r.success) return { why: `a NIC link monitor the NicLinkMonitor cannot declare (${firstIssue(r)})` };
  return { kind: "nicLinkMonitor", ...(group ? { group } : {}), ...args };
}

/**
 * The diskw a Linux disk declares: the one monitor reading its device; else the one recovering this disk or its
 * group when the group has no other disk (its device becomes monitorDevice, as a real file has it).
 */
function diskMonitorOf(d: DiskResource, model: ClusterConfig): { monitor: boolean; monitorDevice?: string } {
  const diskws = model.monitors.filter((m) => m.type === "diskw");
  const onDevice = diskws.filter((m) => m.object === d.device);
  if (onDevice.length === 1) return { monitor: true };
  if (onDevice.length > 1) return { monitor: false };
  const disksOfGroup = model.resources.filter((r) => r.type === "disk" && r.group === d.group);
  const recovering = diskws.filter((m) => (m.relation?.type === "rsc" && m.relation.name === d.name) || (m.relation?.type === "grp" && m.relation.name === d.group));
  if (disksOfGroup.length === 1 && recovering.length === 1 && recovering[0].object && /^\/dev\/[A-Za-z0-9/_.-]+$/.test(recovering[0].object) && diskws.filter((m) => m.object === recovering[0].object).length === 1) {
    return { monitor: true, monitorDevice: recovering[0].object };
  }
  return { monitor: false };
}

function declareResource(r: Resource, model: ClusterConfig, os: "windows" | "linux"): DeclaredGroupResource | DeclaredMember | { why: string } {
  const own = (type: string) => watchedBy(model.monitors, type, r.name);
  if (r.type === "sd" && os === "windows") {
    const sd = r as SharedDiskResource;
    if (!sd.volumeMountPoint || !/^[A-Za-z](:\\?)?$/.test(sd.volumeMountPoint)) return { why: "a shared disk without a drive letter" };
    return { kind: "sharedDisk", name: r.name, drive: sd.volumeMountPoint, monitor: own("sdw"), ...dependsOnOf(r) };
  }
  if (r.type === "disk" && os === "linux") {
    const d = r as DiskResource;
    if (!d.device || !/^\/dev\/[A-Za-z0-9/_.-]+$/.test(d.device) || !d.mountPoint || !DISK_FILE_SYSTEMS.has(d.fs ?? "") || !["disk", "lvm"].includes(d.diskType ?? "")) {
      return { why: "a disk whose device, mount point, file system or disk type (disk, lvm) the SharedDisk cannot declare" };
    }
    return {
      kind: "sharedDisk", name: r.name, device: d.device, mountPoint: d.mountPoint, fileSystem: d.fs as "ext4",
      ...(d.diskType !== "disk" ? { diskType: d.diskType as "lvm" } : {}),
      ...(d.mountOption !== undefined ? { mountOptions: d.mountOption } : {}),
      ...(d.fsckOption !== undefined ? { fsckOptions: d.fsckOption } : {}),
      ...diskMonitorOf(d, model), ...dependsOnOf(r),
    };
  }
  if (r.type === "volmgr" && os === "linux") {
    const v = r as VolumeManagerResource;
    if (!(VOLUME_MANAGERS as readonly string[]).includes(v.volumeManager ?? "")) return { why: `a volume manager of type ${v.volumeManager ?? "(none)"} (VolumeManager declares ${VOLUME_MANAGERS.join(", ")})` };
    const args = { name: r.name, volumeManager: v.volumeManager as "lvm", target: v.devName ?? "", monitor: own("volmgrw"), ...dependsOnOf(r) };
    const parsed = VolumeManagerArgsSchema.safeParse(args);
    if (!parsed.success) return { why: `a volume manager the VolumeManager cannot declare (${firstIssue(parsed)})` };
    return { kind: "volumeManager", ...args };
  }
  if (r.type === "vcom" && os === "windows") {
    const v = r as VcomResource;
    if (!v.computerName || !v.fipName) return { why: "a virtual computer name without its name or floating IP" };
    return { kind: "virtualComputerName", name: r.name, computerName: v.computerName, floatingIp: v.fipName, monitor: own("vcomw"), ...dependsOnOf(r) };
  }
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
