// The lab's OWN table of which clp.conf changes CLUSTERPRO X accepts in which cluster state (DESIGN.md: the lab
// must not call the provider's classifier — if it did, a wrong rule would pass its own test).
//
// A push that changes the configuration is compared with the configuration the cluster holds. Every changed
// element is matched against the rows below (first match wins); the strictest requirement of all changes must be
// met by the current state or the push is REFUSED. A push while the cluster is stopped, and a first push, are
// always accepted. Where the evidence is missing the stricter candidate state was chosen (marked "conservative").
//
// Requirement levels:
//   upload        accepted in any state
//   suspend       cluster suspended (clpcl --suspend) or stopped
//   group-stop    the affected group stopped (clpgrp -t) — the cluster may run
//   group-suspend the affected group stopped AND the cluster suspended or stopped
//   cluster-stop  cluster stopped (clpcl -t -a)
//   reboot        cluster stopped; afterwards every server must be rebooted before `clpcl -s` works

import type { ConfElement } from "./conf";

export type ApplyLevel = "upload" | "suspend" | "group-stop" | "group-suspend" | "cluster-stop" | "reboot";

export interface Seg {
  tag: string;
  key?: string;
}

export interface ConfChange {
  kind: "added" | "removed" | "changed";
  path: Seg[];
  /** "/root/group@failover/start" */
  pathText: string;
  /** For server devices: the device type (old or new). */
  deviceType?: string;
}

export interface ApplyRule {
  id: string;
  /** Human text of what the row covers. */
  covers: string;
  match(c: ConfChange): boolean;
  level: ApplyLevel;
  source: string;
}

const STORAGE_OR_IP = new Set(["md", "sd", "hd", "disk", "volmgr", "fip", "vip", "nas", "cifs"]);
const STORAGE_MONITORS = new Set(["mdw", "mdnw", "regsyncw", "sdw", "diskw", "volmgrw", "hdw", "hdnw"]);

function at(c: ConfChange, i: number): Seg | undefined {
  return c.path[i];
}
function under(c: ConfChange, ...tags: string[]): boolean {
  return tags.every((t, i) => at(c, i + 1)?.tag === t);
}

export const APPLY_RULES: readonly ApplyRule[] = [
  {
    id: "bookkeeping",
    covers: "WebUI bookkeeping: trekking/* (configid changes on every save), webmgr/client/objectnumber (derived), <types> declarations",
    match: (c) => under(c, "trekking") || (under(c, "webmgr", "client", "objectnumber") && c.path.length === 4)
      || (c.path.length === 3 && (at(c, 1)?.tag === "resource" || at(c, 1)?.tag === "monitor" || at(c, 1)?.tag === "heartbeat" || at(c, 1)?.tag === "networkpartition") && at(c, 2)?.tag === "types"),
    level: "upload",
    source: "anchors-and-clusterpro-x.md §1.2 (trekking = WebUI bookkeeping, configid changes on every save per EXPRESSCLUSTER/clpcfdiff README; objectnumber derived by cal_obj_num()); types are declarations — the element itself is classified by the rows below",
  },
  {
    id: "mdc-device",
    covers: "a mirror-connect (mdc) device of a server: added, removed or its IP changed",
    match: (c) => under(c, "server") && at(c, 2)?.tag === "device" && (c.deviceType === "mdc" || /^4\d\d$/.test(at(c, 2)?.key ?? "")),
    level: "reboot",
    source: "EXPRESSCLUSTER/clpcfset@3960942 change_ipaddr/Windows/clp_changeIP.ps1:100-111,254-288 and change_ipaddr/Linux/clp_changeip.sh (mdc change: clpcl -t -a, clpcl -t -a --md, push, reboot all servers); anchors §1.5",
  },
  {
    id: "server-added-removed",
    covers: "a server added to or removed from the cluster",
    match: (c) => c.path.length === 2 && at(c, 1)?.tag === "server" && c.kind !== "changed",
    level: "cluster-stop",
    source: "conservative: no public sequence adds a server to a running cluster; first-time creation pushes with the cluster stopped (clusterpro-x-details.md §8.2)",
  },
  {
    id: "server-priority",
    covers: "server priority (master server)",
    match: (c) => under(c, "server", "priority"),
    level: "cluster-stop",
    source: "conservative (UNCONFIRMED): the master server changes; stricter than suspend",
  },
  {
    id: "server-device",
    covers: "other server devices (lan interconnect IP, disk/ping/bmc/witness devices)",
    match: (c) => under(c, "server"),
    level: "suspend",
    source: "EXPRESSCLUSTER/clpcfset@3960942 change_ipaddr/Linux/clp_changeip.sh:67-300 (lan IP: suspend → push → restart services → resume); anchors §1.5",
  },
  {
    id: "heartbeat",
    covers: "heartbeat resources (lankhb → lanhb, priorities, devices)",
    match: (c) => under(c, "heartbeat"),
    level: "suspend",
    source: "EXPRESSCLUSTER/Tools@35bca0d ConvertToUserModeCluster/HowToUse_ConvertToUserModeCluster_en.md:40-66 (suspend → push → clpcl -r → resume)",
  },
  {
    id: "network-partition",
    covers: "network partition resolution resources",
    match: (c) => under(c, "networkpartition"),
    level: "suspend",
    source: "conservative (UNCONFIRMED): treated like heartbeat resources",
  },
  {
    id: "shutdown-monitor",
    covers: "haltp (shutdown monitoring method) and other server-wide monitoring settings",
    match: (c) => under(c, "haltp"),
    level: "suspend",
    source: "EXPRESSCLUSTER/Tools@35bca0d ConvertToUserModeCluster doc:40-66 (shutdown monitor method changed with suspend/resume)",
  },
  {
    id: "rc-settings",
    covers: "rc/* (e.g. rc/checkgroup/downopt), pm/*, rm/*, rstd/* cluster-wide control settings",
    match: (c) => under(c, "rc") || under(c, "pm") || under(c, "rm") || under(c, "rstd"),
    level: "cluster-stop",
    source: "EXPRESSCLUSTER/SCSI-PR@30fbbc9 \"Windows Setup.md\":99-120 (rc/checkgroup/downopt pushed while the cluster is stopped); pm/rm/rstd conservative",
  },
  {
    id: "cluster-identity",
    covers: "cluster name, all/* (charset, encode, serveros)",
    match: (c) => under(c, "cluster", "name") || under(c, "all"),
    level: "cluster-stop",
    source: "conservative (UNCONFIRMED): identity/encoding of the whole configuration",
  },
  {
    id: "cluster-params",
    covers: "other cluster properties (cluster/*, alert destinations, webmgr, statsd, …)",
    match: (c) => under(c, "cluster") || under(c, "webmgr") || under(c, "messages") || under(c, "alert") || under(c, "statsd"),
    level: "suspend",
    source: "EXPRESSCLUSTER/StatsD@121ee93 README.md:69-87 (clsparam: suspend → push → resume); EXPRESSCLUSTER/AlertMessages README (alert destinations: suspend → push → resume)",
  },
  {
    id: "group-storage-ip-membership",
    covers: "an md/sd/disk/volmgr/fip resource added to or removed from a group (group membership entry)",
    match: (c) => under(c, "group") && at(c, 2)?.tag === "resource" && STORAGE_OR_IP.has((at(c, 2)?.key ?? "").split("@")[0]),
    level: "group-stop",
    source: "mkazuyuki/docs@3c9a040 etc/howto-make-additional-iscsi-datastore.md:83-106 (md added: stop group → apply → start group); EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1 (md removed with the group stopped, pushed while running, then suspend/resume)",
  },
  {
    id: "group-regsync-membership",
    covers: "a regsync resource removed from / added to a group",
    match: (c) => under(c, "group") && at(c, 2)?.tag === "resource" && (at(c, 2)?.key ?? "").startsWith("regsync@"),
    level: "group-stop",
    source: "EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1, HowToUpdateUM8700withCluster.md:20-44 (regsync removed with the group stopped)",
  },
  {
    id: "group-added-removed",
    covers: "a group added or removed",
    match: (c) => c.path.length === 2 && at(c, 1)?.tag === "group" && c.kind !== "changed",
    level: "group-suspend",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:787-793 (groups added/removed: suspend → push → resume); removing a group that is online: conservative (the group must be stopped too)",
  },
  {
    // Named on its own (issue 13 item 4): the startup servers and their order are read when the group next
    // starts or fails over, so a push while suspended takes them without stopping the group.
    id: "group-startup-policy",
    covers: "startup servers of a group and their order (policy@<server>/order), start/failover/failback attributes, start waits",
    match: (c) => under(c, "group") && ["policy", "start", "failover", "failback", "depend"].includes(at(c, 2)?.tag ?? ""),
    level: "suspend",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:180-193,787-793 (<policy><order> written and applied with suspend → push → resume); NEC's per-parameter Reference Guide table not found in a public source (docs/apply-methods.md, Research)",
  },
  {
    id: "group-other",
    covers: "group attributes (start/failover/failback, startup servers, group dependencies) and non-storage membership",
    match: (c) => under(c, "group"),
    level: "suspend",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:180-193,787-793 (policy + exec membership via suspend → push → resume); attributes: clusterpro-x-details.md §8.1 conservative rule",
  },
  {
    id: "storage-resource-added-removed",
    covers: "an md/sd/disk/volmgr/fip/regsync resource element added or removed",
    match: (c) => under(c, "resource") && c.path.length === 3 && c.kind !== "changed" && (STORAGE_OR_IP.has(at(c, 2)?.tag ?? "") || at(c, 2)?.tag === "regsync"),
    level: "group-stop",
    source: "mkazuyuki/docs@3c9a040 etc/howto-make-additional-iscsi-datastore.md:83-106 (md added with the group stopped); EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1 + HowToUpdateUM8700withCluster.md:20-44 (md/regsync removed with the group stopped, pushed while running, then suspend/resume)",
  },
  {
    id: "storage-ip-resource",
    covers: "parameters of md/sd/disk/volmgr/fip resources (e.g. FIP address, mirror netdev, data partition)",
    match: (c) => under(c, "resource") && STORAGE_OR_IP.has(at(c, 2)?.tag ?? ""),
    level: "group-suspend",
    source: "clusterpro-x-details.md §8.1 last row (UNCONFIRMED; conservative: suspend → push → resume and stop the affected group first for md/sd/fip)",
  },
  {
    // Settings read when the resource is next started or stopped: a suspended push takes them and the group
    // keeps running (issue 13 item 4). Which service a service resource controls, or an application's paths,
    // are not in this row (they fall to resource-other, also suspend here: the lab has no stricter evidence).
    id: "resource-start-stop-settings",
    covers: "start/stop time-outs, retries and final actions (act/*, deact/*), service waits, exec script time-outs and a regsync resource's key list, on service/appli/script/exec/regsync resources",
    match: (c) => under(c, "resource") && ["service", "appli", "script", "exec", "regsync"].includes(at(c, 2)?.tag ?? "") && c.path.length > 3
      && (["act", "deact"].includes(at(c, 3)?.tag ?? "") || (at(c, 3)?.tag === "parameters" && ["actwaittime", "deactwaittime", "started", "timeout", "key"].includes(at(c, 4)?.tag ?? ""))),
    level: "suspend",
    source: "NeoFace-Watch clp.conf (EXPRESSCLUSTER/NeoFace@a889e01: service act/timeout, deact/timeout, actwaittime, deactwaittime); regsync keys replicate only while active (EXPRESSCLUSTER/Tools@35bca0d HowToUpdateUM8700withCluster.md:58-65); NEC's per-parameter Reference Guide table not found in a public source (docs/apply-methods.md, Research)",
  },
  {
    id: "resource-other",
    covers: "any other resource added, removed or edited (service, appli, script, exec, regsync, …)",
    match: (c) => under(c, "resource"),
    level: "suspend",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:270,787-793 (exec add/remove via suspend → push → resume); parameter edits: §8.1 conservative rule",
  },
  {
    id: "storage-monitor-added-removed",
    covers: "an mdw/mdnw/regsyncw/sdw/diskw/volmgrw monitor added or removed (they come and go with their storage resource)",
    match: (c) => under(c, "monitor") && c.path.length === 3 && c.kind !== "changed" && STORAGE_MONITORS.has(at(c, 2)?.tag ?? ""),
    level: "group-stop",
    source: "EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1:67-118 (regsync + regsyncw removed together with the group stopped); mdw/mdnw are created with the md (seed 000)",
  },
  {
    id: "monitor",
    covers: "monitors added, removed or edited",
    match: (c) => under(c, "monitor"),
    level: "suspend",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:787-793 (genw monitors added via suspend → push → resume); §8.1 conservative rule for edits",
  },
  {
    id: "default",
    covers: "anything else",
    match: () => true,
    level: "suspend",
    source: "clusterpro-x-details.md §8.1 conservative rule",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Tree diff keyed by name/id (never by position, except for repeated unnamed siblings)

function segKey(el: ConfElement): string | undefined {
  return el.attrs.name ?? el.attrs.id;
}

function segText(s: Seg): string {
  return s.key === undefined ? s.tag : `${s.tag}@${s.key}`;
}

function keyed(children: ConfElement[]): Map<string, { seg: Seg; el: ConfElement }> {
  const out = new Map<string, { seg: Seg; el: ConfElement }>();
  const seen = new Map<string, number>();
  for (const el of children) {
    const key = segKey(el);
    let seg: Seg = { tag: el.tag, key };
    let id = segText(seg);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) {
      seg = { tag: el.tag, key: `${key ?? ""}#${n + 1}` };
      id = segText(seg);
    }
    out.set(id, { seg, el });
  }
  return out;
}

/** Element-level differences between two clp.conf trees: topmost added/removed elements and changed texts. */
export function diffTrees(oldRoot: ConfElement, newRoot: ConfElement): ConfChange[] {
  const out: ConfChange[] = [];
  const walk = (a: ConfElement | undefined, b: ConfElement | undefined, path: Seg[], deviceType?: string) => {
    const pathText = "/" + path.map(segText).join("/");
    if (a && b && path.length === 3 && path[1].tag === "server" && path[2].tag === "device") {
      deviceType = a.children.find((x) => x.tag === "type")?.text || b.children.find((x) => x.tag === "type")?.text;
    }
    if (!a && b) {
      out.push({ kind: "added", path, pathText, deviceType: deviceType ?? b.children.find((x) => x.tag === "type")?.text });
      return;
    }
    if (a && !b) {
      out.push({ kind: "removed", path, pathText, deviceType: deviceType ?? a.children.find((x) => x.tag === "type")?.text });
      return;
    }
    if (!a || !b) return;
    const aLeaf = a.children.length === 0;
    const bLeaf = b.children.length === 0;
    if ((aLeaf || bLeaf) && a.text !== b.text) out.push({ kind: "changed", path, pathText, deviceType });
    const ka = keyed(a.children);
    const kb = keyed(b.children);
    for (const [id, x] of ka) walk(x.el, kb.get(id)?.el, [...path, x.seg], deviceType);
    for (const [id, y] of kb) if (!ka.has(id)) walk(undefined, y.el, [...path, y.seg], deviceType);
  };
  walk(oldRoot, newRoot, [{ tag: "root" }]);
  return out;
}

export interface ClassifiedChange extends ConfChange {
  rule: ApplyRule;
  /** The group whose state matters for group-stop levels (resolved by the caller). */
  group?: string;
}

export function classify(changes: ConfChange[]): ClassifiedChange[] {
  return changes.map((c) => ({ ...c, rule: APPLY_RULES.find((r) => r.match(c)) ?? APPLY_RULES[APPLY_RULES.length - 1] }));
}

export const LEVEL_TEXT: Record<ApplyLevel, string> = {
  "upload": "no particular state (upload only)",
  "suspend": "the cluster suspended (clpcl --suspend) or stopped",
  "group-stop": "the group stopped (clpgrp -t)",
  "group-suspend": "the group stopped (clpgrp -t) and the cluster suspended (clpcl --suspend) or stopped",
  "cluster-stop": "the cluster stopped (clpcl -t -a)",
  "reboot": "the cluster stopped (clpcl -t -a); all servers must be rebooted afterwards",
};
