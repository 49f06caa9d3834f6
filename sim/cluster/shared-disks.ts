// Shared disks (Windows sd, Linux disk) and virtual computer names (vcom): which server may use a shared volume,
// what an sd needs on a server before it activates (an HBA filter, the volume GUID its <server> block names), the
// lab's disk and name faults, and the name lookup a client does. Apart from resources.ts so the per-type rules
// read in one place. A shared disk is one volume store the lab attaches on every server (Lab.addSharedDisk); the
// cluster only decides who may reach it: the server where its group is active (rw), nobody else (none).

import type { SimNodeApi } from "../node/types";
import { childrenOf, normalizeVolume, textAt, type ClusterConf, type ResourceConf } from "./conf";
import type { SimCore } from "./core";

export const SHARED_DISK_TYPES = new Set(["sd", "disk"]);

/** The volume a shared disk resource controls: the sd's drive letter ("S:") or the disk's mount point. */
export function sharedVolume(r: ResourceConf): string {
  return r.type === "sd" ? normalizeVolume(textAt(r.el, "parameters/volumemountpoint") ?? "") : (textAt(r.el, "parameters/mount/point") ?? "").trim();
}

/** Whether the node has this volume (a drive letter or a mount point); a filesystem that cannot list them is asked for the path. */
function hasVolume(node: SimNodeApi, volume: string): boolean {
  const fs = node.fs as SimNodeApi["fs"] & { volumes?(): { volume: string }[] };
  if (typeof fs.volumes !== "function") return volume !== "" && node.os === "windows" ? node.volumeGuid(volume) !== undefined : fs.exists(volume);
  return fs.volumes().some((v) => (node.os === "windows" ? v.volume.toUpperCase() === volume.toUpperCase() : v.volume === volume));
}

const faultKey = (server: string, what: string) => `${server.toLowerCase()}|${what}`;

/** The lab's fault: `what` (a drive "S:", a mount point, a device "/dev/sdb1") cannot be reached from `server`. */
export function failDisk(c: SimCore, server: string, what: string): void {
  c.diskFaults.add(faultKey(server, /^[A-Za-z]:?\\?$/.test(what) ? normalizeVolume(what) : what));
}

/** The lab's fault: the virtual computer name is no longer registered from `server` (its name service lost it). */
export function failName(c: SimCore, server: string, name: string): void {
  c.diskFaults.add(faultKey(server, `name:${name.toUpperCase()}`));
}

function diskFailed(c: SimCore, server: string, r: ResourceConf): boolean {
  const keys = [sharedVolume(r), textAt(r.el, "parameters/device")?.trim()].filter((k): k is string => !!k);
  return keys.some((k) => c.diskFaults.has(faultKey(server, k)));
}

/**
 * Why a shared disk cannot be activated on `server` (undefined: it can). Windows sd: the server filters an HBA
 * (`server@<srv>/hba`, as the product requires for a shared disk: clpdiskctrl set filter), its <server> block names
 * the GUID of its volume with the sd's letter, and that volume is there. Linux disk: the device node and the mount
 * point exist. Both: the disk is reachable (no lab disk fault).
 */
export function sharedDiskProblem(c: SimCore, conf: ClusterConf, r: ResourceConf, server: string, node: SimNodeApi): string | undefined {
  const volume = sharedVolume(r);
  if (diskFailed(c, server, r)) return `the disk ${volume} cannot be reached from ${server} (I/O error)`;
  const has = hasVolume(node, volume);
  if (r.type === "sd") {
    const srv = conf.tree.children.find((x) => x.tag === "server" && (x.attrs.name ?? "").toLowerCase() === server.toLowerCase());
    const hbas = childrenOf(srv, "hba").filter((h) => textAt(h, "portnumber") && textAt(h, "deviceid") && textAt(h, "instanceid"));
    if (hbas.length === 0) return `server ${server} filters no HBA (server@${server}/hba): the shared disk ${volume} is not under cluster control`;
    const block = childrenOf(r.el, "server").find((s) => (s.attrs.name ?? "").toLowerCase() === server.toLowerCase());
    const named = (textAt(block, "parameters/volumeguid") ?? "").trim();
    if (!named) return `shared disk ${r.name}: server ${server} has no volumeguid (the GUID of its volume ${volume || "?"})`;
    const actual = /^[A-Z]:$/.test(volume) && has ? node.volumeGuid(volume) : undefined;
    if (!actual) return `shared disk ${r.name}: server ${server} has no volume ${volume || "(volumemountpoint is empty)"}`;
    if (actual !== named.toLowerCase().replace(/^\{|\}$/g, "")) return `shared disk ${r.name}: volumeguid ${named} of server ${server} is not the GUID of its volume ${volume} (${actual})`;
    return undefined;
  }
  const device = textAt(r.el, "parameters/device")?.trim() ?? "";
  if (!device || !node.fs.exists(device)) return `device ${device || "(parameters/device is empty)"} does not exist on ${server}`;
  if (!has) return `mount point ${volume} is not a disk of ${server}`;
  return undefined;
}

/** Who may use the shared volume: `active` read-write, every other server of the cluster none. */
export function setSharedAccess(c: SimCore, conf: ClusterConf, r: ResourceConf, active: string | null): void {
  const volume = sharedVolume(r);
  for (const s of conf.servers) {
    const node = c.node(s.name);
    if (!node || !c.isUp(s.name)) continue;
    if (!hasVolume(node, volume)) continue;
    try {
      node.fs.setVolumeAccess(volume, s.name === active ? "rw" : "none");
    } catch {
      // the volume is not on that server
    }
  }
}

/**
 * Shared disks the previous configuration had and this one does not: the disk leaves cluster control with its data
 * (nothing is formatted); it is left usable on the server that last held it, or the first server that answers.
 */
export function releaseRemovedDisks(c: SimCore, previous: ClusterConf | undefined, conf: ClusterConf): void {
  if (!previous) return;
  for (const r of previous.resources.values()) {
    if (!SHARED_DISK_TYPES.has(r.type) || conf.resources.get(r.name)?.type === r.type) continue;
    const volume = sharedVolume(r);
    const holder = r.group ? c.groups.get(r.group)?.current ?? null : null;
    const to = holder && c.isUp(holder) ? holder : previous.servers.map((s) => s.name).find((s) => c.isUp(s)) ?? null;
    setSharedAccess(c, previous, r, to);
    c.log(`Shared disk ${r.name} was removed from the configuration; its volume ${volume} is released with its data${to ? ` (usable on ${to})` : ""}.`);
  }
}

/** The floating IP a vcom is bound to (`parameters/fipname`), when it is a fip of the same group. */
export function vcomAddress(conf: ClusterConf, r: ResourceConf): { fip: string; ip: string } | undefined {
  const fip = textAt(r.el, "parameters/fipname")?.trim() ?? "";
  const f = conf.resources.get(fip);
  const ip = f?.type === "fip" ? textAt(f.el, "parameters/ip") : undefined;
  return f && f.group === r.group && ip ? { fip, ip } : undefined;
}

/**
 * A client's name lookup: the address a virtual computer name answers with, and the server that registered it.
 * Only an online vcom answers (on the server where its group is active), and not while the lab's name fault holds.
 */
export function resolveName(c: SimCore, name: string): { server: string; address: string; resource: string } | undefined {
  const conf = c.current?.conf;
  if (!conf) return undefined;
  for (const r of conf.resources.values()) {
    if (r.type !== "vcom" || (textAt(r.el, "parameters/name") ?? "").trim().toUpperCase() !== name.toUpperCase()) continue;
    const g = r.group ? c.groups.get(r.group) : undefined;
    if (!g?.current || g.resources[r.name] !== "Online" || !c.isUp(g.current)) continue;
    if (c.diskFaults.has(faultKey(g.current, `name:${name.toUpperCase()}`))) continue;
    const addr = vcomAddress(conf, r);
    if (addr && c.node(g.current)?.activeAddresses.has(addr.ip)) return { server: g.current, address: addr.ip, resource: r.name };
  }
  return undefined;
}

/** Whether a monitor of these types sees its object fine on the server where the watched resource runs. */
export function storageMonitorStatus(c: SimCore, conf: ClusterConf, type: string, object: string, recoveryGroup: string | undefined): { status: string; server?: string; group?: string } {
  if (type === "sdw" || type === "vcomw") {
    const r = conf.resources.get(object);
    const g = r?.group ? c.groups.get(r.group) : undefined;
    if (!r || !g?.current) return { status: "Offline" };
    if (g.resources[r.name] !== "Online") return { status: "Offline" };
    const ok = type === "sdw" ? !diskFailed(c, g.current, r) : resolveName(c, textAt(r.el, "parameters/name") ?? "")?.server === g.current;
    return { status: ok ? "Normal" : "Error", server: g.current, group: recoveryGroup ?? r.group };
  }
  // diskw: reads its device (parameters/object) on the server where the group it recovers (or the disk on that
  // device) is active.
  const disk = [...conf.resources.values()].find((r) => r.type === "disk" && textAt(r.el, "parameters/device")?.trim() === object);
  const group = recoveryGroup ?? disk?.group;
  const server = group ? c.groups.get(group)?.current : undefined;
  if (!server) return { status: "Normal" };
  const failed = c.diskFaults.has(faultKey(server, object)) || (disk !== undefined && diskFailed(c, server, disk));
  return { status: failed ? "Error" : "Normal", server, group };
}
