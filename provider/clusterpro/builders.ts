// Builders turn a few desired facts into complete model objects plus the monitors the WebUI would
// add with them (fip → fipw, md → mdw + mdnw, service → servicew). A monitor's `<type>-<resource>`
// name is provisional: a new monitor is named as the product names it (fipw1, …) when applied.
// Dependencies stay "default" (no `<depend>`: the product's type-based order) unless named.
import {
  ApplicationResource, ExecResource, FipResource, MirrorDiskResource, Monitor, RegsyncResource, Resource, ScriptResource, ServiceResource,
} from "./model";

export interface Built<R extends Resource> {
  resource: R;
  monitors: Monitor[];
}

interface Common {
  name: string;
  group: string;
  comment?: string;
  /** Omit for the product's default dependency; `[]` for none at all. */
  dependsOn?: string[];
}

// A new object gets an empty <comment> when it is inserted (patch.ts); an existing one keeps its own.
const common = (o: Common) => ({
  name: o.name,
  group: o.group,
  ...(o.comment !== undefined ? { comment: o.comment } : {}),
  dependsOn: o.dependsOn ?? ("default" as const),
});

/** A monitor's recovery target is the builder's default for a new monitor; an existing (adopted) one keeps its own. */
const MONITOR_CREATE_ONLY = ["relation"];

export function buildFloatingIp(o: Common & { ip: string; monitor?: false | { name?: string } }): Built<FipResource> {
  const resource: FipResource = { ...common(o), type: "fip", ip: o.ip };
  const monitors: Monitor[] = o.monitor === false ? [] : [{
    type: "fipw",
    name: o.monitor?.name ?? `fipw-${o.name}`,
    ...(o.monitor?.name ? { named: true } : {}),
    target: o.name,
    relation: { type: "rsc", name: o.name },
    createOnly: MONITOR_CREATE_ONLY,
  }];
  return { resource, monitors };
}

export interface MirrorConnect {
  /** mdc device id (400+). */
  device: number;
  mdcName?: string;
  priority?: number;
}

interface MirrorDiskCommon extends Common {
  /** Mirror connects in priority order; default: device 400 named mdc1. */
  mirrorConnects?: MirrorConnect[];
  monitors?: false | { mdwName?: string; mdnwName?: string };
}

export type MirrorDiskOptions =
  | (MirrorDiskCommon & {
      os: "windows";
      /** Data partition drive (`E` or `E:`). */
      volumeMountPoint: string;
      /** Cluster partition drive. */
      cpVolumeMountPoint: string;
      /** Per-server volume GUIDs of the two partitions; absent: the file's own are kept. */
      volumes?: { server: string; volumeGuid: string; cpVolumeGuid: string }[];
    })
  | (MirrorDiskCommon & {
      os: "linux";
      nmpPath: string;
      mountPoint: string;
      dataPartition: string;
      clusterPartition: string;
      fs: string;
      mdDriver?: { port?: number; hbPort?: number; ack2Port?: number };
    });

export function buildMirrorDisk(o: MirrorDiskOptions): Built<MirrorDiskResource> {
  const connects = o.mirrorConnects ?? [{ device: 400 }];
  // Windows WebUI exports number netdev priorities from 1, Linux ones from 0 (BasicCluster vs clpcfdiff samples).
  const base = o.os === "windows" ? 1 : 0;
  const netdevs = connects.map((c, i) => ({ id: i, priority: c.priority ?? base + i, device: c.device, mdcName: c.mdcName ?? `mdc${i + 1}` }));
  const resource: MirrorDiskResource = o.os === "windows"
    ? { ...common(o), type: "md", netdevs, volumeMountPoint: o.volumeMountPoint, cpVolumeMountPoint: o.cpVolumeMountPoint, ...(o.volumes ? { volumes: o.volumes } : {}) }
    : {
        // The NMP device is chosen once, when the mirror disk is created (an adopted one keeps its own).
        ...common(o), type: "md", netdevs, nmpPath: o.nmpPath, createOnly: ["nmpPath"], mountPoint: o.mountPoint, dataPartition: o.dataPartition,
        clusterPartition: o.clusterPartition, fs: o.fs, ...(o.mdDriver ? { mdDriver: o.mdDriver } : {}),
      };
  if (o.monitors === false) return { resource, monitors: [] };
  // Windows exports recover the md resource; the X5 Linux export recovers the local server.
  const relation = o.os === "windows" ? { type: "rsc" as const, name: o.name } : { type: "cls" as const, name: "LocalServer" };
  const monitor = (type: "mdw" | "mdnw", name: string | undefined): Monitor => ({
    type, name: name ?? `${type}-${o.name}`, target: "", relation, object: o.name, createOnly: MONITOR_CREATE_ONLY, ...(name ? { named: true } : {}),
  });
  return {
    resource,
    monitors: [monitor("mdw", o.monitors?.mdwName), monitor("mdnw", o.monitors?.mdnwName)],
  };
}

export function buildServiceResource(o: Common & {
  serviceName: string;
  actWaitTime?: number;
  deactWaitTime?: number;
  /** Do not fail when the service is already running. */
  started?: boolean;
  /** Add a servicew monitor (default false). */
  monitor?: boolean | { name?: string };
}): Built<ServiceResource> {
  const resource: ServiceResource = { ...common(o), type: "service", serviceName: o.serviceName };
  if (o.actWaitTime !== undefined) resource.actWaitTime = o.actWaitTime;
  if (o.deactWaitTime !== undefined) resource.deactWaitTime = o.deactWaitTime;
  if (o.started !== undefined) resource.started = o.started;
  const monitors: Monitor[] = !o.monitor ? [] : [{
    type: "servicew",
    name: (typeof o.monitor === "object" ? o.monitor.name : undefined) ?? `servicew-${o.name}`,
    ...(typeof o.monitor === "object" && o.monitor.name ? { named: true } : {}),
    target: o.name,
    relation: { type: "rsc", name: o.name },
    serviceName: o.serviceName,
    createOnly: MONITOR_CREATE_ONLY,
    onlyIfPresent: ["serviceName"],
  }];
  return { resource, monitors };
}

export function buildApplicationResource(o: Common & {
  startPath: string;
  stopPath?: string;
  resident?: boolean;
  startAccount?: string;
  /** Already encrypted with clpencrypt. */
  startPassword?: string;
  stopAccount?: string;
  stopPassword?: string;
}): Built<ApplicationResource> {
  const resource: ApplicationResource = { ...common(o), type: "appli", resident: o.resident ?? false, startPath: o.startPath };
  for (const k of ["stopPath", "startAccount", "startPassword", "stopAccount", "stopPassword"] as const) {
    if (o[k] !== undefined) resource[k] = o[k];
  }
  return { resource, monitors: [] };
}

/** Windows: a `script` resource (start.bat/stop.bat under scripts/<group>/<name>/); Linux: an `exec` resource (start.sh/stop.sh). */
export function buildScriptResource(o: Common & { os: "windows" } ): Built<ScriptResource>;
export function buildScriptResource(o: Common & { os: "linux"; startTimeout?: number; stopTimeout?: number }): Built<ExecResource>;
export function buildScriptResource(o: Common & { os: "windows" | "linux"; startTimeout?: number; stopTimeout?: number }): Built<ScriptResource | ExecResource> {
  if (o.os === "windows") return { resource: { ...common(o), type: "script" }, monitors: [] };
  const resource: ExecResource = { ...common(o), type: "exec", startPath: "start.sh", stopPath: "stop.sh" };
  if (o.startTimeout !== undefined) {
    resource.startTimeout = o.startTimeout;
    // Documented rule: act/timeout = 180 + script start timeout (clpcfset@3960942 doc/linux/exec.md:30-43).
    resource.act = { timeout: 180 + o.startTimeout };
  }
  if (o.stopTimeout !== undefined) {
    resource.stopTimeout = o.stopTimeout;
    resource.deact = { timeout: 180 + o.stopTimeout };
  }
  return { resource, monitors: [] };
}

/** Registry synchronization of the given keys (the key-list XML is an assumption: see RegsyncResourceSchema). */
export function buildRegsync(o: Common & { keys?: string[] }): Built<RegsyncResource> {
  return { resource: { ...common(o), type: "regsync", ...(o.keys ? { keys: o.keys } : {}) }, monitors: [] };
}

/**
 * The order the product would activate resources in when they keep the default dependency.
 * UNCONFIRMED working hypothesis (clusterpro-x-details.md §3.2): IP-type resources first, then
 * storage, then application types; explicit `dependsOn` lists are taken as written.
 */
export const DEFAULT_DEPENDENCY_TIERS: Record<string, number> = {
  fip: 0, vip: 0, awsvip: 0, azurepp: 0,
  vcom: 1, ddns: 1,
  md: 2, sd: 2, hd: 2, disk: 2, volmgr: 2, nas: 2, cifs: 2, regsync: 2,
  service: 3, script: 3, appli: 3, exec: 3,
};

export function effectiveDependencies(resource: Resource, groupResources: readonly Resource[]): string[] {
  if (Array.isArray(resource.dependsOn)) return resource.dependsOn;
  const tier = DEFAULT_DEPENDENCY_TIERS[resource.type];
  if (tier === undefined) return [];
  return groupResources
    .filter((r) => r.name !== resource.name && (DEFAULT_DEPENDENCY_TIERS[r.type] ?? Infinity) < tier)
    .map((r) => r.name);
}
