// Desired objects → clp.conf fragments (pure). Each Pulumi resource contributes one fragment; the
// session merges every fragment of a commit into one DesiredConfig and patches the pulled document
// once, so N resources cost one push.
import { tuned, type MonitorSetting } from "./monitor-tuning";
import { networkPartitionActionIssue, NP_ACTION_CODES } from "../../sdk/schemas/cluster";
import { buildApplicationResource, buildFloatingIp, buildMirrorDisk, buildRegsync, buildScriptResource, buildServiceResource } from "./builders";
import type { Device, Heartbeat, Monitor, Resource } from "./model";
import { monitorRemoval, type DesiredConfig } from "./patch";

export type ServerOs = "windows" | "linux";

export interface InterconnectPlan {
  priority?: number;
  kind: "kernel" | "user" | "mirror";
  mdc?: string;
  addresses: Record<string, string>;
}

export interface ClusterPlanInput {
  name: string;
  comment?: string;
  language: "ja" | "en" | "zh";
  os: ServerOs;
  managementIp?: string;
  servers: string[];
  interconnects: InterconnectPlan[];
  /** `all/charset` and `all/encode` when they are not the language's. */
  charset?: string;
  encode?: string;
  /** Ping network partition resolution; undefined: the configuration's own are kept. */
  networkPartitions?: { kind: "ping"; targets: string[]; intervalSeconds?: number; timeoutSeconds?: number; retries?: number; servers?: string[] }[];
  /** `cluster/networkpartition/npaction` by name (NP_ACTION_CODES of the OS); undefined: the configuration's own is kept. */
  networkPartitionAction?: string;
  /** The user-mode monitor (userw); undefined: the configuration's own is kept. */
  userModeMonitor?: { method?: string; action?: string };
}

/** pingnp1 → device 10200, pingnp2 → 10201, … (the device-ID convention of real files). */
export const PING_NP_DEVICE = 10200;

/** The management group the WebUI creates for the management IP. */
export const MANAGEMENT_GROUP = "ManagementGroup";
export const MANAGEMENT_IP_RESOURCE = "ManagementIP";

/** mdc1 → device 400, mdc2 → 401, … (the device-ID convention of real files). */
export function mdcDevice(mdc: string): number {
  return 399 + Number(mdc.replace(/^mdc/, ""));
}

/** The encoding CLUSTERPRO writes for a WebUI language (clpcfset `create <cluster> <encode>`). */
export function charsetFor(language: ClusterPlanInput["language"], os: ServerOs): string {
  if (language === "ja") return os === "windows" ? "SJIS" : "EUC-JP";
  if (language === "zh") return "GB2312";
  return "ASCII";
}

export function clusterFragment(c: ClusterPlanInput): DesiredConfig {
  const heartbeatLans = c.interconnects.filter((i) => i.kind !== "mirror").sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  const servers = c.servers.map((server, priority) => {
    const devices: Device[] = heartbeatLans.map((ic, id) => ({ id, type: "lan", info: ic.addresses[server] }));
    for (const ic of c.interconnects) if (ic.mdc) devices.push({ id: mdcDevice(ic.mdc), type: "mdc", info: ic.addresses[server] });
    // A ping device on every server (the cluster's rule); `1` where the server uses the resolution, `0` where it does
    // not (clpcfset `add npsrv pingnp <server> <device> <use>`, CreateCluster@6294aee script; "0" is inferred).
    (c.networkPartitions ?? []).forEach((np, i) => devices.push({ id: PING_NP_DEVICE + i, type: "ping", info: !np.servers || np.servers.includes(server) ? "1" : "0" }));
    devices.sort((a, b) => a.id - b.id);
    // The cluster owns the LAN and mirror-connect devices (and the ping ones when it declares its
    // network partitions); disk heartbeat devices and undeclared ones are kept.
    return { name: server, priority, devices, deviceTypes: c.networkPartitions ? ["lan", "mdc", "ping"] : ["lan", "mdc"] };
  });
  const heartbeats: Heartbeat[] = heartbeatLans.map((ic, i) => ({ type: ic.kind === "kernel" ? "lankhb" : "lanhb", name: `${ic.kind === "kernel" ? "lankhb" : "lanhb"}${i + 1}`, priority: i, device: i }));
  const charset = charsetFor(c.language, c.os);
  const npCodes: Record<string, number> = NP_ACTION_CODES[c.os];
  if (c.networkPartitionAction !== undefined && npCodes[c.networkPartitionAction] === undefined) throw new Error(`networkPartitionAction: ${networkPartitionActionIssue(c.networkPartitionAction, c.os)}`);
  const fragment: DesiredConfig = {
    cluster: {
      name: c.name, comment: c.comment ?? "", charset: c.charset ?? charset, encode: c.encode ?? charset, serverOs: c.os,
      ...(c.networkPartitionAction !== undefined ? { npAction: npCodes[c.networkPartitionAction] } : {}),
    },
    servers,
    heartbeats,
  };
  // The user-mode monitor as the WebUI makes it (blank target, recovering the local server: every real
  // file has one). Undeclared, a new configuration still gets it; an existing one keeps what it has.
  fragment.monitors = [{
    type: "userw", name: "userw", target: "", relation: { type: "cls", name: "LocalServer" }, ...(c.userModeMonitor ?? {}),
    createOnly: ["relation", "target"], ...(c.userModeMonitor ? {} : { newConfigurationOnly: true }),
  }];
  if (c.networkPartitions) {
    fragment.networkPartitions = c.networkPartitions.map((np, i) => ({
      type: "pingnp", name: `pingnp${i + 1}`, priority: i, device: PING_NP_DEVICE + i, pingTargets: np.targets,
      ...(np.intervalSeconds !== undefined ? { interval: np.intervalSeconds } : {}),
      ...(np.timeoutSeconds !== undefined ? { timeout: np.timeoutSeconds } : {}),
      ...(np.retries !== undefined ? { retry: np.retries } : {}),
    }));
  }
  if (c.managementIp) {
    fragment.groups = [{ name: MANAGEMENT_GROUP, type: "cluster", autoStart: true }];
    const fip = buildFloatingIp({ name: MANAGEMENT_IP_RESOURCE, group: MANAGEMENT_GROUP, ip: c.managementIp, monitor: false });
    fragment.resources = [fip.resource];
  }
  return fragment;
}

export type GroupResourcePlan =
  | { type: "service"; name: string; serviceName: string; startTimeoutSeconds?: number; stopTimeoutSeconds?: number; monitor?: MonitorSetting; dependsOn?: string[] }
  | { type: "application"; name: string; resident?: boolean; startPath: string; stopPath?: string; dependsOn?: string[] }
  | { type: "script"; name: string; start: string; stop: string; startTimeoutSeconds?: number; stopTimeoutSeconds?: number; dependsOn?: string[] }
  | { type: "registrySync"; name: string; keys: string[]; dependsOn?: string[] };

/** A file of the configuration folder pushed with clp.conf (path relative to it, '/'-separated). */
export interface ConfigFile {
  path: string;
  content: string;
}

export interface GroupPlanInput {
  os: ServerOs;
  name: string;
  comment?: string;
  startupServers?: string[];
  autoStart: boolean;
  failover: "auto" | "manual";
  failback: "auto" | "manual";
  resources: GroupResourcePlan[];
}

/** Resources and monitors a group owns, keyed so a later fragment can remove exactly them. */
function groupResource(os: ServerOs, group: string, r: GroupResourcePlan): { resource: Resource; monitors: Monitor[] } {
  if (r.type === "script") {
    // Windows: a `script` resource running start.bat/stop.bat; Linux: an `exec` resource running start.sh/stop.sh.
    if (os === "linux") return buildScriptResource({ os, name: r.name, group, dependsOn: r.dependsOn, startTimeout: r.startTimeoutSeconds, stopTimeout: r.stopTimeoutSeconds });
    const built = buildScriptResource({ os, name: r.name, group, dependsOn: r.dependsOn });
    if (r.startTimeoutSeconds !== undefined) built.resource.act = { timeout: r.startTimeoutSeconds };
    if (r.stopTimeoutSeconds !== undefined) built.resource.deact = { timeout: r.stopTimeoutSeconds };
    return built;
  }
  if (r.type === "registrySync") return buildRegsync({ name: r.name, group, keys: r.keys, dependsOn: r.dependsOn });
  if (r.type === "service") {
    const built = buildServiceResource({ name: r.name, group, serviceName: r.serviceName, dependsOn: r.dependsOn, monitor: Boolean(r.monitor) });
    built.monitors = tuned(built.monitors, r.monitor, group);
    // Time-outs: the resource's stall time-out covers the service's own start/stop wait (details §2.1).
    if (r.startTimeoutSeconds !== undefined) built.resource.act = { ...built.resource.act, timeout: r.startTimeoutSeconds };
    if (r.stopTimeoutSeconds !== undefined) built.resource.deact = { ...built.resource.deact, timeout: r.stopTimeoutSeconds };
    return built;
  }
  return buildApplicationResource({ name: r.name, group, startPath: r.startPath, stopPath: r.stopPath, resident: r.resident ?? false, dependsOn: r.dependsOn });
}

export function groupFragment(g: GroupPlanInput): DesiredConfig {
  const built = g.resources.map((r) => groupResource(g.os, g.name, r));
  return {
    groups: [
      {
        name: g.name,
        comment: g.comment ?? "",
        autoStart: g.autoStart,
        autoFailover: g.failover === "auto",
        autoFailback: g.failback === "auto",
        ...(g.startupServers ? { startupServers: g.startupServers.map((server, order) => ({ server, order })) } : {}),
      },
    ],
    resources: built.map((b) => b.resource),
    monitors: built.flatMap((b) => b.monitors),
  };
}

/** The script files of a group's script resources: scripts/<group>/<resource>/start.bat|stop.bat (.sh on Linux). */
export function groupFiles(g: GroupPlanInput): ConfigFile[] {
  const ext = g.os === "windows" ? "bat" : "sh";
  const eol = g.os === "windows" ? "\r\n" : "\n";
  const text = (s: string) => (s.endsWith("\n") ? s : s + "\n").replace(/\r?\n/g, eol);
  return g.resources.flatMap((r) =>
    r.type === "script"
      ? [
          { path: `scripts/${g.name}/${r.name}/start.${ext}`, content: text(r.start) },
          { path: `scripts/${g.name}/${r.name}/stop.${ext}`, content: text(r.stop) },
        ]
      : [],
  );
}

/** What removing a group's own objects takes (its FloatingIps and MirrorDisks remove themselves). */
export function groupRemoval(g: { os: ServerOs; name: string; resources: GroupResourcePlan[] }): DesiredConfig {
  const built = g.resources.map((r) => groupResource(g.os, g.name, r));
  return { remove: { ...monitorRemoval(built.flatMap((b) => b.monitors)), resources: built.map((b) => b.resource.name), groups: [g.name] } };
}

export interface FloatingIpPlanInput {
  group: string;
  name: string;
  address: string;
  monitor: MonitorSetting;
  dependsOn?: string[];
}

export function floatingIpFragment(f: FloatingIpPlanInput): DesiredConfig {
  const built = buildFloatingIp({ name: f.name, group: f.group, ip: f.address, dependsOn: f.dependsOn, monitor: f.monitor ? undefined : false });
  return { resources: [built.resource], monitors: tuned(built.monitors, f.monitor, f.group) };
}


export function floatingIpRemoval(f: FloatingIpPlanInput): DesiredConfig {
  return { remove: { resources: [f.name], ...monitorRemoval(floatingIpFragment(f).monitors ?? []) } };
}

export interface MirrorDiskPlanInput {
  group: string;
  name: string;
  os: ServerOs;
  servers: string[];
  dataPartition: string;
  clusterPartition: string;
  mirrorConnects: string[];
  mountPoint?: string;
  fileSystem?: string;
  monitor: MonitorSetting;
  dependsOn?: string[];
  /** Windows: each server's volume GUIDs of the two partitions, as read from the nodes; absent: the file's own are kept. */
  volumes?: { server: string; volumeGuid: string; cpVolumeGuid: string }[];
}

export function mirrorDiskFragment(m: MirrorDiskPlanInput): DesiredConfig {
  const mirrorConnects = m.mirrorConnects.map((mdc) => ({ device: mdcDevice(mdc), mdcName: mdc }));
  const common = { name: m.name, group: m.group, dependsOn: m.dependsOn, mirrorConnects, monitors: m.monitor ? undefined : (false as const) };
  const built =
    m.os === "windows"
      ? buildMirrorDisk({ ...common, os: "windows", volumeMountPoint: m.dataPartition, cpVolumeMountPoint: m.clusterPartition, ...(m.volumes ? { volumes: m.volumes } : {}) })
      : buildMirrorDisk({
          ...common,
          os: "linux",
          nmpPath: `/dev/NMP${m.name.replace(/\D/g, "") || "1"}`,
          mountPoint: m.mountPoint ?? "/mnt/md1",
          dataPartition: m.dataPartition,
          clusterPartition: m.clusterPartition,
          fs: m.fileSystem ?? "ext4",
        });
  return { resources: [built.resource], monitors: tuned(built.monitors, m.monitor, m.group) };
}

export function mirrorDiskRemoval(m: MirrorDiskPlanInput): DesiredConfig {
  return { remove: { resources: [m.name], ...monitorRemoval(mirrorDiskFragment(m).monitors ?? []) } };
}

/** Concatenates fragments (later objects with the same name replace earlier ones at patch time). */
export function mergeFragments(fragments: readonly DesiredConfig[]): DesiredConfig {
  const out: DesiredConfig = {};
  const remove: NonNullable<DesiredConfig["remove"]> = {};
  for (const f of fragments) {
    if (f.cluster) out.cluster = { ...out.cluster, ...f.cluster };
    for (const k of ["servers", "heartbeats", "networkPartitions", "groups", "resources", "monitors"] as const) {
      if (f[k]) (out[k] as unknown[]) = [...((out[k] as unknown[]) ?? []), ...(f[k] as unknown[])];
    }
    for (const [k, v] of Object.entries(f.remove ?? {}) as [keyof typeof remove, unknown[]][]) (remove[k] as unknown[]) = [...((remove[k] as unknown[]) ?? []), ...v];
  }
  if (Object.keys(remove).length > 0) out.remove = remove;
  return out;
}

/** A group update: the new group, minus the resources (and their monitors) it no longer declares. */
export function groupTransition(old: GroupPlanInput, next: GroupPlanInput): DesiredConfig {
  const kept = new Set(next.resources.map((r) => r.name));
  const dropped = old.resources.filter((r) => !kept.has(r.name));
  const removal = groupRemoval({ os: old.os, name: old.name, resources: dropped }).remove ?? {};
  const nextMonitors = new Set((groupFragment(next).monitors ?? []).map((m) => m.name));
  // A service that keeps its name but loses its monitor loses the servicew too.
  const droppedMonitors = monitorRemoval((groupFragment(old).monitors ?? []).filter((m) => !nextMonitors.has(m.name)));
  return mergeFragments([
    groupFragment(next),
    {
      remove: {
        resources: removal.resources ?? [],
        monitors: [...new Set([...(removal.monitors ?? []), ...droppedMonitors.monitors])],
        monitorsWatching: [...(removal.monitorsWatching ?? []), ...droppedMonitors.monitorsWatching],
      },
    },
  ]);
}
