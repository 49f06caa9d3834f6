// Builders for the disk and name resources of issue 15: a Windows shared disk (sd + sdw), a Linux disk resource
// (disk + diskw) and a Windows virtual computer name (vcom + vcomw). Same conventions as builders.ts: a monitor's
// `<type>-<resource>` name is provisional (a new one is named sdw1, diskw1, … when applied) and dependencies stay
// "default" unless named.
import type { DiskResource, Monitor, SharedDiskResource, VcomResource } from "./model";
import type { Built } from "./builders";

interface Common {
  name: string;
  group: string;
  dependsOn?: string[];
}

const common = (o: Common) => ({ name: o.name, group: o.group, dependsOn: o.dependsOn ?? ("default" as const) });

/** A monitor's recovery target is the builder's default for a new monitor; an existing (adopted) one keeps its own. */
const MONITOR_CREATE_ONLY = ["relation"];

/**
 * Windows shared disk: `parameters/volumemountpoint` and one `server@<srv>/parameters/volumeguid` per server
 * (clpcfset sample/windows/sd: `add rscparam sd sd1 server@server1/parameters/volumeguid …`), with its Disk TUR
 * monitor sdw (`parameters/object` the sd, recovery target the sd, as the same sample writes it).
 */
export function buildSharedDisk(o: Common & { drive: string; volumes?: { server: string; volumeGuid: string }[]; monitor?: false }): Built<SharedDiskResource> {
  const resource: SharedDiskResource = { ...common(o), type: "sd", volumeMountPoint: o.drive, ...(o.volumes ? { volumes: o.volumes } : {}) };
  const monitors: Monitor[] = o.monitor === false ? [] : [{
    type: "sdw", name: `sdw-${o.name}`, target: "", relation: { type: "rsc", name: o.name }, object: o.name, createOnly: MONITOR_CREATE_ONLY,
  }];
  return { resource, monitors };
}

/**
 * Linux disk resource: `parameters/{disktype,device,mount/point,fs}` as both real Linux files have them, plus the
 * mount and fsck options when given (clpcfset doc/linux/disk.md: parameters/mount/option, parameters/fsck/option).
 * Its disk monitor diskw reads a device (`parameters/object`), recovering the disk resource (clpcreate_v2 sample).
 */
export function buildDisk(o: Common & {
  device: string;
  mountPoint: string;
  fs: string;
  diskType?: string;
  mountOption?: string;
  fsckOption?: string;
  /** The device diskw reads (default: the disk's device); false: no monitor. */
  monitor?: false | { device?: string };
}): Built<DiskResource> {
  const resource: DiskResource = {
    ...common(o), type: "disk", diskType: o.diskType ?? "disk", device: o.device, mountPoint: o.mountPoint, fs: o.fs,
    ...(o.mountOption !== undefined ? { mountOption: o.mountOption } : {}),
    ...(o.fsckOption !== undefined ? { fsckOption: o.fsckOption } : {}),
  };
  const monitors: Monitor[] = o.monitor === false ? [] : [{
    type: "diskw", name: `diskw-${o.name}`, relation: { type: "rsc", name: o.name }, object: o.monitor?.device ?? o.device, createOnly: MONITOR_CREATE_ONLY,
  }];
  return { resource, monitors };
}

/** Windows virtual computer name bound to a floating IP resource, with its vcomw monitor (recovering the vcom). */
export function buildVirtualComputerName(o: Common & { computerName: string; fipName: string; monitor?: false }): Built<VcomResource> {
  const resource: VcomResource = { ...common(o), type: "vcom", computerName: o.computerName, fipName: o.fipName };
  const monitors: Monitor[] = o.monitor === false ? [] : [{
    type: "vcomw", name: `vcomw-${o.name}`, target: o.name, relation: { type: "rsc", name: o.name }, object: o.name, createOnly: MONITOR_CREATE_ONLY,
  }];
  return { resource, monitors };
}
