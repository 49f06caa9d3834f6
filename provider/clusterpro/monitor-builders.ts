// Builders for the monitors a program declares on their own (genw, ipw, miiw) and for the volume manager
// resource (volmgr, with its volmgrw). Shapes follow the real files: CreateClusterOnLinux@502a973 src/clp.conf
// (genw, ipw, volmgr, volmgrw, all recovering group "failover" with restart 0), clpcfdiff 01/02 (genw with
// polling/interval), clpcfset@3960942 doc/linux/miiw.md (miiw: parameters/object = the NIC).
import type { Monitor, VolumeManagerResource } from "./model";
import type { Built } from "./builders";

/** What a standalone monitor recovers and how hard it tries (clp.conf codes, already mapped). */
export interface MonitorRecovery {
  os: "windows" | "linux";
  /** `relation`: a group (`grp`) or the local server (`cls LocalServer`). */
  relation: { type: "grp" | "cls" | "rsc"; name: string };
  /** `emergency/threshold/restart` (every real genw/ipw/volmgrw writes it; the lab requires it of genw). */
  restartThreshold: number;
  /** Failovers before the final action: `emergency/threshold/fo` (Linux) or `fo2` (Windows X4+); absent: the product's default. */
  failoverThreshold?: number;
  /** `emergency/action` code; absent: the product's default. */
  finalAction?: number;
  interval?: number;
  timeout?: number;
  retry?: number;
}

function recoveryFields(r: MonitorRecovery): Partial<Monitor> {
  const out: Partial<Monitor> = { relation: r.relation, restartThreshold: r.restartThreshold };
  if (r.failoverThreshold !== undefined) {
    if (r.os === "windows") out.failoverThreshold2 = r.failoverThreshold;
    else out.failoverThreshold = r.failoverThreshold;
  }
  if (r.finalAction !== undefined) out.finalAction = r.finalAction;
  if (r.interval !== undefined) out.interval = r.interval;
  if (r.timeout !== undefined) out.timeout = r.timeout;
  if (r.retry !== undefined) out.retry = r.retry;
  return out;
}

/** A custom monitor (genw) running the product script genw.sh / genw.bat of scripts/monitor.s/<name>/. */
export function buildCustomMonitor(o: { name: string } & MonitorRecovery): Monitor {
  return { type: "genw", name: o.name, named: true, path: o.os === "windows" ? "genw.bat" : "genw.sh", ...recoveryFields(o) };
}

/** An IP monitor (ipw): the addresses pinged, in order (`parameters/list@N/ip`). */
export function buildIpMonitor(o: { name: string; targets: string[] } & MonitorRecovery): Monitor {
  return { type: "ipw", name: o.name, named: true, ipTargets: [...o.targets], ...recoveryFields(o) };
}

/** A NIC link up/down monitor (miiw): `parameters/object` is the NIC's name (eth0). */
export function buildNicLinkMonitor(o: { name: string; nic: string } & MonitorRecovery): Monitor {
  return { type: "miiw", name: o.name, named: true, object: o.nic, ...recoveryFields(o) };
}

/** The file a custom monitor runs, relative to the configuration folder. */
export function customMonitorScriptPath(name: string, os: "windows" | "linux"): string {
  return `scripts/monitor.s/${name}/genw.${os === "windows" ? "bat" : "sh"}`;
}

/**
 * A Linux volume manager resource (volmgr: `parameters/type` lvm|vxvm|zfspool, `parameters/devname` the volume
 * group) and its volmgrw monitor (`parameters/devname`, target the volmgr, recovering the group, restart 0) as the
 * 502a973 sample has them. A new volmgrw is named as the product names it (volmgrw1, …).
 */
export function buildVolumeManager(o: { name: string; group: string; volumeManager: string; devName: string; dependsOn?: string[]; monitor?: false }): Built<VolumeManagerResource> {
  const resource: VolumeManagerResource = { name: o.name, group: o.group, dependsOn: o.dependsOn ?? "default", type: "volmgr", volumeManager: o.volumeManager, devName: o.devName };
  if (o.monitor === false) return { resource, monitors: [] };
  return {
    resource,
    monitors: [{
      type: "volmgrw", name: `volmgrw-${o.name}`, devName: o.devName, target: o.name, relation: { type: "grp", name: o.group }, restartThreshold: 0,
      // An adopted volmgrw keeps its own recovery target and thresholds unless the program tunes them.
      createOnly: ["relation", "restartThreshold"],
    }],
  };
}
