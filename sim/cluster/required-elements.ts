// The lab's own table of elements a clp.conf must have, per object type — what a configuration written by the
// product (Cluster WebUI, clpcfset) always contains, so a push without it is refused as the real cluster would not
// run it. Independent of provider/ (DESIGN.md: the lab is an independent peer).
//
// HOW THE TABLE WAS DERIVED. From the nine real clp.conf files in shared/fixtures/clpconf-real (SOURCES.md):
//   Windows: BasicCluster X41/Win/conf/2nodesMirror, NeoFace NeoFace-Watch, CreateCluster work/conf_dll,
//            CreateClusterOnLinux src/clp.conf@b75aa54 (windows md);
//   Linux:   CreateClusterOnLinux src/clp.conf@502a973 (disk, volmgr), …template_scripts/clpcreate_v2,
//            MIRACLE-FailSafe 02_mariadb_apache, clpcfdiff 01_previous + 02_current (one cluster, before/after).
// For every object (the cluster's top-level sections, each <server>, each <group>, and each element below
// <resource>, <monitor>, <heartbeat>, <networkpartition>), every element path below it was listed; per type the
// paths present in EVERY real instance of that type in clusters of one OS were kept. A type is in the table for an
// OS only if it occurs in at least two different real clusters of that OS (the clpcfdiff pair counts once);
// an entry without an OS holds the paths both OS entries share:
// with one sample, its paths are that cluster's own choices (NeoFace's service act/timeout 2010, appli run-as
// accounts, monitor <multi>), not the product's shape. Left out on purpose: membership and reference lists
// (<group>/<resource>, <depend>), which express the user's structure, not product defaults.
// What that gives (and what it does not):
//   - cluster: cluster/name, cluster/comment, all/charset, all/encode, all/serveros, webmgr/client/objectnumber,
//     and a userw (user-mode monitor) — all nine files have one: the WebUI creates it with every cluster;
//   - server: priority and at least one device with type and info (its LAN interface);
//   - lankhb, pingnp, diskhb (Linux): priority, device (pingnp also grp/list/ip);
//   - group: comment; on Linux also gid (all five Linux files). No group in any real file has a <policy>, so a
//     group without one (all servers by priority) is accepted;
//   - fip: comment; on Windows parameters/ip (one Linux generator file has a fip without an address);
//   - md (Windows): comment, parameters/netdev (priority, device, mdcname), parameters/volumemountpoint,
//     parameters/cpvolumemountpoint and, for EACH server of the cluster, server@NAME/parameters/volumeguid and
//     cpvolumeguid (the mirror driver finds the data and cluster partitions by volume GUID on each server). Linux md
//     (and its mdw/mdnw) occurs only in the clpcfdiff cluster, so nothing is required of a Linux md;
//   - exec (Linux): comment, parameters/act/path, parameters/deact/path; disk (Linux): comment, parameters/disktype,
//     device, mount/point, fs;
//   - monitors userw: comment, relation/type, relation/name; fipw: + target; mdw, mdnw (Windows): + target,
//     parameters/object; diskw (Linux): comment, parameters/object, relation/*; genw (Linux): comment,
//     parameters/path, relation/*, emergency/threshold/restart.
// test/unit/sim-cluster/required-elements.test.ts checks that every real file satisfies the table (so it never
// refuses a real file) and that the table's types occur in two real clusters of their OS.

import { childrenOf, type ConfElement } from "./conf";

export type ObjectSection = "cluster" | "server" | "group" | "resource" | "monitor" | "heartbeat" | "networkpartition";

export interface Requirement {
  section: ObjectSection;
  /** The element tag below resource/monitor/heartbeat/networkpartition ("md", "userw", …); none for cluster/server/group. */
  type?: string;
  /** Only for clusters of this OS (all/serveros). */
  os?: "windows" | "linux";
  /** Slash paths that must exist below the object (any element with that tag path). */
  paths: string[];
  /** Paths that must exist below `<server name="S">` inside the object, for EACH server S of the cluster. */
  perServer?: string[];
  /** Why, in a few words (printed with a refusal). */
  why: string;
}

export const REQUIRED_ELEMENTS: readonly Requirement[] = [
  {
    section: "cluster",
    paths: ["cluster/name", "cluster/comment", "all/charset", "all/encode", "all/serveros", "webmgr/client/objectnumber"],
    why: "every real clp.conf has it",
  },
  { section: "cluster", paths: ["monitor/userw"], why: "all nine real files have the user-mode monitor userw: the WebUI creates it with every cluster" },
  { section: "server", paths: ["priority", "device/type", "device/info"], why: "every real server has a priority and its LAN device" },
  { section: "heartbeat", type: "lankhb", paths: ["priority", "device"], why: "every real kernel-mode LAN heartbeat names its priority and device" },
  { section: "heartbeat", type: "diskhb", os: "linux", paths: ["priority", "device"], why: "every real disk heartbeat names its priority and device" },
  { section: "networkpartition", type: "pingnp", paths: ["priority", "device", "grp/list/ip"], why: "every real ping NP resolution names its priority, device and target" },
  { section: "group", paths: ["comment"], why: "every real group has a comment element" },
  { section: "group", os: "linux", paths: ["gid"], why: "every real Linux group has a gid" },
  { section: "resource", type: "fip", paths: ["comment"], why: "every real fip has a comment element" },
  { section: "resource", type: "fip", os: "windows", paths: ["parameters/ip"], why: "every real Windows fip has its address" },
  {
    section: "resource", type: "md", os: "windows",
    paths: ["comment", "parameters/netdev/priority", "parameters/netdev/device", "parameters/netdev/mdcname", "parameters/volumemountpoint", "parameters/cpvolumemountpoint"],
    perServer: ["parameters/volumeguid", "parameters/cpvolumeguid"],
    why: "every real Windows md names its mirror connects, its data and cluster partitions and, for each server, their volume GUIDs",
  },
  { section: "resource", type: "exec", os: "linux", paths: ["comment", "parameters/act/path", "parameters/deact/path"], why: "every real exec names its start and stop scripts" },
  {
    section: "resource", type: "disk", os: "linux",
    paths: ["comment", "parameters/disktype", "parameters/device", "parameters/mount/point", "parameters/fs"],
    why: "every real disk resource names its device, mount point and file system",
  },
  { section: "monitor", type: "userw", paths: ["comment", "relation/type", "relation/name"], why: "every real userw has its recovery target" },
  { section: "monitor", type: "fipw", paths: ["comment", "target", "relation/type", "relation/name"], why: "every real fipw has its target and recovery target" },
  { section: "monitor", type: "mdw", os: "windows", paths: ["comment", "target", "relation/type", "relation/name", "parameters/object"], why: "every real mdw names its mirror disk" },
  { section: "monitor", type: "mdnw", os: "windows", paths: ["comment", "target", "relation/type", "relation/name", "parameters/object"], why: "every real mdnw names its mirror disk" },
  { section: "monitor", type: "diskw", os: "linux", paths: ["comment", "parameters/object", "relation/type", "relation/name"], why: "every real diskw names its device" },
  {
    section: "monitor", type: "genw", os: "linux",
    paths: ["comment", "parameters/path", "relation/type", "relation/name", "emergency/threshold/restart"],
    why: "every real genw names its script, recovery target and restart count",
  },
];

/** True when some chain of elements below `el` has the tags of `path`. */
export function hasPath(el: ConfElement, path: string): boolean {
  const segs = path.split("/");
  const walk = (cur: ConfElement, i: number): boolean => i === segs.length || childrenOf(cur, segs[i]).some((c) => walk(c, i + 1));
  return walk(el, 0);
}

function objectsOf(tree: ConfElement, r: Requirement): { label: string; el: ConfElement }[] {
  switch (r.section) {
    case "cluster":
      return [{ label: "the cluster", el: tree }];
    case "server":
    case "group":
      return childrenOf(tree, r.section).map((el) => ({ label: `${r.section} "${el.attrs.name ?? ""}"`, el }));
    default:
      return childrenOf(tree, r.section).flatMap((s) => childrenOf(s, r.type as string))
        .map((el) => ({ label: `${r.section} ${r.type} "${el.attrs.name ?? ""}"`, el }));
  }
}

/**
 * Every missing required element of a clp.conf element tree, as "OBJECT lacks PATH (WHY)"; [] when complete.
 * `os` is the cluster's (all/serveros); `servers` the cluster's server names (for per-server requirements).
 */
export function missingRequiredElements(tree: ConfElement, os: "windows" | "linux", servers: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of REQUIRED_ELEMENTS) {
    if (r.os && r.os !== os) continue;
    for (const o of objectsOf(tree, r)) {
      for (const p of r.paths) if (!hasPath(o.el, p)) out.push(`${o.label} lacks ${p} (${r.why})`);
      for (const s of r.perServer ?? []) {
        for (const srv of servers) {
          const block = childrenOf(o.el, "server").find((x) => x.attrs.name === srv);
          if (!block || !hasPath(block, s)) out.push(`${o.label} lacks server[@name="${srv}"]/${s} (${r.why})`);
        }
      }
    }
  }
  return out;
}
