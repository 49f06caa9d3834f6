// `clusterpro-lab load [NODE] FILE` (and `start --conf FILE`): the lab's cluster takes over a given clp.conf, as a
// cluster an administrator built with the WebUI and applied with `clpcfctrl --push` and `clpcl -s -a`. The file is
// read with the lab's own reader (sim/cluster/conf.ts) and checked with the lab's own validation; before the push
// each node gets what the configuration presumes a real installation has (the drives and devices its disks name,
// the services its service resources control, the default scripts of its exec/script resources); then the bytes go
// through the cluster's own push path unchanged and the cluster starts. Nothing here comes from provider/
// (DESIGN.md: "the lab is an independent peer").
import { randomBytes } from "node:crypto";
import { ClusterSim } from "./cluster/cluster-sim";
import { normalizeVolume, textAt, type ClusterConf, type ResourceConf } from "./cluster/conf";
import type { ClusterStatus } from "./cluster/render";
import type { Lab } from "./lab";
import { VolumeStore, type Ace, type FsEntry } from "./node/filesystem";
import type { SimNode } from "./node/node";
import { SimError, type SimOs } from "./node/types";

/** A load the lab refuses before it changes anything (unreadable file, invalid configuration, servers ≠ nodes). */
export class LoadRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoadRefusal";
  }
}

export interface LoadNode {
  name: string;
  os: SimOs;
}

export interface LoadCheck {
  conf: ClusterConf;
  /** The file's `all/serveros` as written ("" when absent). */
  serverOs: string;
  /** Server name (as in the file) → lab node name. */
  nodeOf: Map<string, string>;
}

/** A scratch cluster for the lab's pure rules (validation, install directory); it never holds state. */
const rules = () => new ClusterSim({ nodes: [] });

/** Validates FILE's bytes as the lab's push would and checks its servers against the lab's nodes; throws LoadRefusal. */
export function checkLoad(bytes: Buffer, nodes: LoadNode[], label: string): LoadCheck {
  let conf: ClusterConf;
  try {
    conf = rules().check(bytes);
  } catch (e) {
    throw new LoadRefusal(`${label}: ${(e as Error).message}`);
  }
  const serverOs = textAt(conf.tree, "all/serveros") ?? "";
  // The push gate's required elements guarantee all/serveros.
  const osText = `all/serveros is "${serverOs}"`;
  const problems: string[] = [];
  const nodeOf = new Map<string, string>();
  const names = nodes.map((n) => n.name).join(", ");
  for (const s of conf.servers) {
    const node = nodes.find((n) => n.name.toLowerCase() === s.name.toLowerCase());
    if (!node) {
      problems.push(`server "${s.name}" is not a node of this lab (nodes: ${names})`);
      continue;
    }
    const twin = [...nodeOf].find(([, n]) => n === node.name);
    if (twin) {
      problems.push(`servers "${twin[0]}" and "${s.name}" are the same lab node ${node.name} (the lab compares names case-insensitively)`);
      continue;
    }
    nodeOf.set(s.name, node.name);
    if (node.os !== conf.os) problems.push(`server "${s.name}": the file is for ${conf.os} servers (${osText}) but lab node ${node.name} is a ${node.os} node`);
  }
  for (const n of nodes) {
    if (!conf.servers.some((s) => s.name.toLowerCase() === n.name.toLowerCase())) {
      problems.push(`lab node ${n.name} is not a server of the file (servers: ${conf.servers.map((s) => s.name).join(", ")})`);
    }
  }
  if (problems.length > 0) throw new LoadRefusal(`${label} does not fit this lab:\n  ${problems.join("\n  ")}`);
  return { conf, serverOs, nodeOf };
}

/** The lab nodes a file describes (`start --conf FILE` without --nodes): its servers, with the OS of all/serveros. */
export function nodesOfConf(bytes: Buffer, label: string): LoadNode[] {
  let conf: ClusterConf;
  try {
    conf = rules().check(bytes);
  } catch (e) {
    throw new LoadRefusal(`${label}: ${(e as Error).message}`);
  }
  return conf.servers.map((s) => ({ name: s.name, os: conf.os }));
}

// -----------------------------------------------------------------------------------------------------------------
// What a real installation has before the configuration is applied

/** The volumes a resource names: Windows drive letters, Linux mount points; shared = one disk seen by every server. */
function volumesOf(r: ResourceConf, os: SimOs): { volume: string; shared: boolean; role: string }[] {
  const mirrored = ["md", "hd"].includes(r.type);
  const out: { volume: string; shared: boolean; role: string }[] = [];
  if (os === "windows") {
    // md/hd: volumemountpoint = data partition, cpvolumemountpoint = cluster partition (both per server).
    for (const [p, role] of [["parameters/volumemountpoint", "data partition"], ["parameters/cpvolumemountpoint", "cluster partition"]]) {
      const v = normalizeVolume(textAt(r.el, p) ?? "");
      if (!/^[A-Z]:$/.test(v)) continue;
      const shared = !mirrored && role === "data partition";
      out.push({ volume: v, shared, role: mirrored ? role : shared ? "shared disk" : role });
    }
  } else {
    const point = (textAt(r.el, "parameters/mount/point") ?? "").replace(/\/+$/, "");
    if (point.startsWith("/")) out.push({ volume: point, shared: !mirrored, role: mirrored ? "data partition" : "shared disk" });
  }
  return out;
}

/** The volume GUIDs a Windows disk resource's `<server name>` block names for `server` (case-insensitive), by letter. */
function volumeGuidsOf(r: ResourceConf, server: string): { letter: string; guid: string }[] {
  const block = r.el.children.find((c) => c.tag === "server" && (c.attrs.name ?? "").toLowerCase() === server.toLowerCase());
  if (!block) return [];
  const out: { letter: string; guid: string }[] = [];
  for (const [mount, element] of [["parameters/volumemountpoint", "parameters/volumeguid"], ["parameters/cpvolumemountpoint", "parameters/cpvolumeguid"]]) {
    const letter = normalizeVolume(textAt(r.el, mount) ?? "");
    const guid = (textAt(block, element) ?? "").trim().toLowerCase().replace(/^\{|\}$/g, "");
    if (/^[A-Z]:$/.test(letter) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(guid)) out.push({ letter, guid });
  }
  return out;
}

/** Linux device paths a resource names (mirror NMP and partitions, a disk's device, an LVM volume group). */
function devicesOf(r: ResourceConf): { path: string; dir: boolean }[] {
  const out: { path: string; dir: boolean }[] = [];
  for (const p of ["parameters/device", "parameters/nmppath", "parameters/diskdev/dppath", "parameters/diskdev/cppath"]) {
    const v = textAt(r.el, p);
    if (v?.startsWith("/dev/")) out.push({ path: v, dir: false });
  }
  if (r.type === "volmgr") {
    const vg = textAt(r.el, "parameters/devname");
    if (vg && /^[A-Za-z0-9_.+-]+$/.test(vg)) out.push({ path: `/dev/${vg}`, dir: true });
  }
  return out;
}

const WINDOWS_ROOT_ACL: Ace[] = [
  { identity: "BUILTIN\\Administrators", rights: ["FullControl"], type: "allow", inherited: false, inherit: true },
  { identity: "NT AUTHORITY\\SYSTEM", rights: ["FullControl"], type: "allow", inherited: false, inherit: true },
  { identity: "BUILTIN\\Users", rights: ["ReadAndExecute"], type: "allow", inherited: false, inherit: true },
];

function isAbsolute(os: SimOs, path: string): boolean {
  return os === "windows" ? /^[A-Za-z]:[\\/]|^\\\\/.test(path) : path.startsWith("/");
}

function defaultScript(os: SimOs, file: string, kind: string): Buffer {
  if (os === "windows") {
    const lines = [
      "rem ***************************************",
      `rem *  ${file.padEnd(35)}*`,
      "rem ***************************************",
      `rem Laid down by clusterpro-lab load: the configuration names this file of its ${kind} resource`,
      "rem and only clp.conf was given (not the configuration folder's scripts).",
      "echo %CLP_EVENT%",
      "exit 0",
    ];
    return Buffer.from(`${lines.join("\r\n")}\r\n`, "latin1");
  }
  return Buffer.from(
    [
      "#! /bin/sh",
      "#***************************************",
      `#*  ${file.padEnd(35)}*`,
      "#***************************************",
      `# Laid down by clusterpro-lab load: the configuration names this file of its ${kind} resource`,
      "# and only clp.conf was given (not the configuration folder's scripts).",
      'echo "$CLP_EVENT"',
      "exit 0",
      "",
    ].join("\n"),
  );
}

/**
 * Lays down on each node what the configuration presumes: drives / mount points and device nodes of its disks,
 * a stopped Manual service for each service resource, and the start/stop files of exec, script and appli resources
 * that name files of the configuration (relative paths). Only what is missing is added; nothing is replaced.
 * Returns, per node, what was laid down.
 */
export function prepareNodes(conf: ClusterConf, nodes: SimNode[]): Map<string, string[]> {
  const laid = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  const sharedStores = new Map<string, VolumeStore>();
  const scratch = rules();
  for (const node of nodes) {
    const items = laid.get(node.name) as string[];
    const sep = node.os === "windows" ? "\\" : "/";
    const install = scratch.installDirOf(node);
    const hasVolume = (v: string) => node.fs.volumes().some((x) => (node.os === "windows" ? x.volume.toUpperCase() === v.toUpperCase() : x.volume === v));
    const writeNew = (path: string, data: Buffer, mode?: number) => {
      if (node.fs.exists(path)) return false;
      const parent = path.slice(0, path.lastIndexOf(sep));
      if (parent && !node.fs.exists(parent)) node.fs.mkdir(parent);
      node.fs.writeFile(path, data);
      if (mode !== undefined) (node.fs.stat(path) as FsEntry).mode = mode;
      return true;
    };

    for (const r of conf.resources.values()) {
      // Disks: drive letters (Windows) or mount points (Linux); a shared disk is one store on every server.
      for (const { volume, shared, role } of volumesOf(r, node.os)) {
        if (hasVolume(volume)) continue;
        if (node.os === "linux") {
          if (node.fs.exists(volume) && !node.fs.isDirectory(volume)) continue;
          if (!node.fs.exists(volume)) node.fs.mkdir(volume);
        }
        const key = `${r.name}:${volume}`;
        const store = node.fs.addVolume(volume, shared ? sharedStores.get(key) : undefined);
        if (shared) sharedStores.set(key, store);
        if (node.os === "windows") (node.fs.stat(`${volume}\\`) as FsEntry).acl = WINDOWS_ROOT_ACL.map((a) => ({ ...a }));
        items.push(`${node.os === "windows" ? "drive" : "mount point"} ${volume} (${role} of ${r.type} ${r.name})`);
      }
      // Windows md/hd/sd: the volumes have the GUIDs the resource's <server> block names for this server, so a
      // taken-over file activates as it did on the machines it was made on (the cluster checks them at activation).
      if (node.os === "windows") {
        for (const { letter, guid } of volumeGuidsOf(r, node.name)) {
          if (node.volumeGuid(letter) === guid) continue;
          node.setVolumeGuid(letter, guid);
          items.push(`volume GUID ${guid} for ${letter} (${r.type} ${r.name})`);
        }
      }
      if (node.os === "linux") {
        for (const d of devicesOf(r)) {
          if (node.fs.exists(d.path)) continue;
          if (d.dir) node.fs.mkdir(d.path);
          else writeNew(d.path, Buffer.alloc(0), 0o660);
          items.push(`device ${d.path} (${r.type} ${r.name})`);
        }
      }
      // Services a service resource controls: installed, Manual and stopped, as the product guides leave them.
      if (r.type === "service") {
        const name = textAt(r.el, "parameters/name") || r.name;
        if (!node.services.find(name)) {
          node.services.define({ name, displayName: name, startup: "manual", state: "stopped", dependsOn: [] });
          items.push(`service "${name}" (Manual, stopped)`);
        }
      }
      // Files of the configuration: exec/script start and stop scripts (scripts/<group>/<resource>/), and an
      // appli's relative start/stop paths (the product's bin folder, where the product guides put them).
      if (!r.group) continue;
      if (r.type === "exec" || r.type === "script") {
        const ext = node.os === "windows" ? "bat" : "sh";
        for (const [p, dflt] of [["parameters/act/path", `start.${ext}`], ["parameters/deact/path", `stop.${ext}`]] as const) {
          const rel = textAt(r.el, p) || dflt;
          if (isAbsolute(node.os, rel)) continue;
          const path = [install, "scripts", r.group, r.name, rel].join(sep);
          if (writeNew(path, defaultScript(node.os, rel, r.type), node.os === "linux" ? 0o755 : undefined)) items.push(`script ${path}`);
        }
      }
      if (r.type === "appli") {
        for (const p of ["parameters/actpath", "parameters/deactpath"]) {
          const rel = textAt(r.el, p);
          if (!rel || isAbsolute(node.os, rel) || rel.includes("..")) continue;
          const path = [install, "bin", rel].join(sep);
          if (writeNew(path, defaultScript(node.os, rel, r.type))) items.push(`application file ${path}`);
        }
      }
    }
  }
  return laid;
}

// -----------------------------------------------------------------------------------------------------------------
// The load itself

export interface LoadedGroup {
  name: string;
  current: string | null;
  status: string;
  /** True when the cluster tried to start the group and could not. */
  failed: boolean;
  /** Why the group is not online (undefined when it runs). */
  reason?: string;
}

export interface LoadReport {
  cluster: string;
  servers: string[];
  laidDown: Record<string, string[]>;
  clusterStart: string;
  groups: LoadedGroup[];
}

/** Why a group did not start: the cluster's own "could not start" log lines among `events`, by reason. */
function whyNotStarted(events: { time: string; message: string }[], group: string): string | undefined {
  const reasons = new Map<string, string[]>();
  for (const e of events) {
    const m = new RegExp(`^Group ${group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} could not start on (\\S+): (.*)$`).exec(e.message);
    if (m) reasons.set(m[2], [...(reasons.get(m[2]) ?? []), m[1]]);
  }
  if (reasons.size === 0) return undefined;
  return [...reasons].map(([why, on]) => `${why} (on ${[...new Set(on)].join(", ")})`).join("; ");
}

/**
 * Installs `bytes` as the cluster's configuration from `fromNode` (default: the file's first server) and starts the
 * cluster. Throws LoadRefusal (nothing changed) or SimError("failed") with the lab's message when the push is refused.
 */
export function loadConf(lab: Lab, bytes: Buffer, label: string, fromNode?: string): LoadReport {
  const nodes = [...lab.nodes.values()];
  const { conf, nodeOf } = checkLoad(bytes, nodes.map((n) => ({ name: n.name, os: n.os })), label);
  const cluster = conf.servers.map((s) => lab.node(nodeOf.get(s.name) as string));
  const down = cluster.filter((n) => !n.isUp());
  if (down.length > 0) throw new LoadRefusal(`${label}: lab node ${down.map((n) => n.name).join(", ")} is down; recover it first (clusterpro-lab recover NODE)`);
  let from = cluster[0];
  if (fromNode !== undefined) {
    const n = nodes.find((x) => x.name.toLowerCase() === fromNode.toLowerCase());
    if (!n) throw new LoadRefusal(`no node named ${fromNode} (nodes: ${nodes.map((x) => x.name).join(", ")})`);
    from = n;
  }

  const before = lab.cluster.events();
  const mark = before[before.length - 1];
  const laid = prepareNodes(conf, cluster);

  // clpcfctrl --push -x DIR on `from`, from a scratch configuration folder that is removed afterwards.
  const sep = from.os === "windows" ? "\\" : "/";
  const dir = from.os === "windows" ? `C:\\clusterpro-lab-load-${randomBytes(4).toString("hex")}` : `/clusterpro-lab-load-${randomBytes(4).toString("hex")}`;
  let push: { exitCode: number; stdout: string; stderr: string };
  try {
    from.fs.mkdir(dir);
    from.fs.writeFile(`${dir}${sep}clp.conf`, bytes);
    push = lab.cluster.exec(from.name, ["clpcfctrl", "--push", "-x", dir]);
  } finally {
    if (from.fs.exists(dir)) from.fs.remove(dir, true);
  }
  if (push.exitCode !== 0) {
    lab.save();
    const hint = /cluster is (running|suspended)/.test(push.stderr) ? `\n(stop the cluster first: clusterpro-lab exec ${from.name} -- clpcl -t -a; or start afresh: clusterpro-lab reset)` : "";
    throw new SimError("failed", `${label}: clpcfctrl --push on ${from.name} refused the configuration (exit ${push.exitCode}):\n${push.stderr.replace(/\r\n/g, "\n").trimEnd()}${hint}`);
  }

  const start = lab.cluster.exec(from.name, ["clpcl", "-s", "-a"]);
  lab.tick();
  lab.save();
  const clusterStart = (start.stdout + start.stderr).replace(/\r\n/g, "\n").trimEnd();

  const after = lab.cluster.events();
  let at = after.length - 1;
  while (at >= 0 && !(mark && after[at].time === mark.time && after[at].message === mark.message)) at--;
  const fresh = after.slice(at + 1); // (all of the log when the mark has scrolled out of it)
  const status = lab.cluster.statusJson() as Partial<ClusterStatus>;
  const groups: LoadedGroup[] = conf.groups.map((g) => {
    const st = status.groups?.find((x) => x.name === g.name);
    const current = st?.current ?? null;
    let reason: string | undefined;
    let failed = false;
    if (!current) {
      const why = whyNotStarted(fresh, g.name);
      failed = why !== undefined || st?.status === "Online Failure";
      reason =
        why ??
        (status.cluster?.state !== "running"
          ? `the cluster is ${status.cluster?.state ?? "not running"}`
          : !g.autoStart
            ? "it starts manually (<start>0</start>; clpgrp -s)"
            : "no startup server runs the cluster");
    }
    return { name: g.name, current, status: st?.status ?? "Offline", failed, ...(reason ? { reason } : {}) };
  });
  return {
    cluster: conf.name,
    servers: conf.servers.map((s) => s.name),
    laidDown: Object.fromEntries(laid),
    clusterStart,
    groups,
  };
}

/** The lines `load` prints: what was laid down, the cluster start, and one line per group. */
export function describeLoad(r: LoadReport, label: string): string {
  const lines = [`${label}: cluster ${r.cluster} (servers ${r.servers.join(", ")}) loaded: clp.conf pushed unchanged to every server`];
  for (const [node, items] of Object.entries(r.laidDown)) if (items.length > 0) lines.push(`  laid down on ${node}: ${items.join(", ")}`);
  for (const l of r.clusterStart.split("\n")) if (l.trim()) lines.push(`  ${l.trim()}`);
  for (const g of r.groups) {
    if (g.current) lines.push(`group ${g.name}: ${g.status === "Online" ? "online" : g.status} on ${g.current}`);
    else lines.push(`group ${g.name}: ${g.failed ? "could not start" : "not started"}: ${g.reason ?? "unknown"}`);
  }
  return `${lines.join("\n")}\n`;
}
