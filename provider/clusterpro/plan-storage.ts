// SharedDisk and VirtualComputerName → clp.conf fragments (pure), as plan.ts does for the other objects.
import { tuned, type MonitorSetting } from "./monitor-tuning";
import { buildDisk, buildSharedDisk, buildVirtualComputerName } from "./storage-builders";
import { monitorRemoval, type DesiredConfig } from "./patch";
import type { Server } from "./model";
import type { ServerOs } from "./plan";

export interface HbaFilterPlan {
  server: string;
  id: number;
  port: number;
  deviceId: string;
  instanceId: string;
}

export interface SharedDiskPlanInput {
  group: string;
  name: string;
  os: ServerOs;
  /** The cluster's servers in priority order (an HBA filter's server keeps its priority). */
  servers: string[];
  /** Windows: the drive letter ("S:"). */
  drive?: string;
  /** Windows: each server's GUID of the drive's volume, read from the nodes; absent: the file's own are kept. */
  volumes?: { server: string; volumeGuid: string }[];
  /** Windows: HBA filters (server@<srv>/hba@<id>). */
  hbaFilters?: HbaFilterPlan[];
  /** Linux. */
  device?: string;
  mountPoint?: string;
  fileSystem?: string;
  diskType?: string;
  mountOptions?: string;
  fsckOptions?: string;
  monitorDevice?: string;
  monitor: MonitorSetting;
  dependsOn?: string[];
}

export function sharedDiskFragment(d: SharedDiskPlanInput): DesiredConfig {
  if (d.os === "windows") {
    const built = buildSharedDisk({ name: d.name, group: d.group, dependsOn: d.dependsOn, drive: d.drive ?? "", ...(d.volumes ? { volumes: d.volumes } : {}), ...(d.monitor ? {} : { monitor: false as const }) });
    const out: DesiredConfig = { resources: [built.resource], monitors: tuned(built.monitors, d.monitor, d.group) };
    const servers: Server[] = [];
    for (const h of d.hbaFilters ?? []) {
      const priority = d.servers.indexOf(h.server);
      if (priority < 0) continue; // the sdk refuses a server of another cluster
      let s = servers.find((x) => x.name === h.server);
      if (!s) servers.push((s = { name: h.server, priority, hbas: [] }));
      s.hbas!.push({ id: h.id, portNumber: h.port, deviceId: h.deviceId, instanceId: h.instanceId });
    }
    if (servers.length > 0) out.servers = servers;
    return out;
  }
  const built = buildDisk({
    name: d.name, group: d.group, dependsOn: d.dependsOn, device: d.device ?? "", mountPoint: d.mountPoint ?? "", fs: d.fileSystem ?? "ext4", diskType: d.diskType,
    mountOption: d.mountOptions, fsckOption: d.fsckOptions, monitor: d.monitor ? (d.monitorDevice ? { device: d.monitorDevice } : undefined) : false,
  });
  return { resources: [built.resource], monitors: tuned(built.monitors, d.monitor, d.group) };
}

/** Removing a shared disk removes its resource and monitor; the disk, its data and HBA filters stay. */
export function sharedDiskRemoval(d: SharedDiskPlanInput): DesiredConfig {
  return { remove: { resources: [d.name], ...monitorRemoval(sharedDiskFragment(d).monitors ?? []) } };
}

/** An update: the new fragment, minus a monitor the program dropped or moved to another device. */
export function sharedDiskTransition(old: SharedDiskPlanInput, next: SharedDiskPlanInput): DesiredConfig {
  const out = sharedDiskFragment(next);
  const kept = new Set((out.monitors ?? []).map((m) => `${m.type} ${m.object}`));
  const dropped = (sharedDiskFragment(old).monitors ?? []).filter((m) => !kept.has(`${m.type} ${m.object}`));
  if (dropped.length > 0) out.remove = monitorRemoval(dropped);
  return out;
}

export interface VirtualComputerNamePlanInput {
  group: string;
  name: string;
  computerName: string;
  floatingIp: string;
  monitor: MonitorSetting;
  dependsOn?: string[];
}

export function virtualComputerNameFragment(v: VirtualComputerNamePlanInput): DesiredConfig {
  const built = buildVirtualComputerName({ name: v.name, group: v.group, dependsOn: v.dependsOn, computerName: v.computerName, fipName: v.floatingIp, ...(v.monitor ? {} : { monitor: false as const }) });
  return { resources: [built.resource], monitors: tuned(built.monitors, v.monitor, v.group) };
}

export function virtualComputerNameRemoval(v: VirtualComputerNamePlanInput): DesiredConfig {
  return { remove: { resources: [v.name], ...monitorRemoval(virtualComputerNameFragment(v).monitors ?? []) } };
}
