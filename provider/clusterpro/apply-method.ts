// How CLUSTERPRO must apply each kind of clp.conf change, least to most disruptive:
//   upload  — push only
//   suspend — suspend the cluster → push → resume
//   group   — stop the named groups → suspend → push → resume → start them
//   cluster — stop the cluster → push → start it
//   reboot  — stop the cluster and the mirror agent → push → reboot all servers
// Each rule carries its evidence; where no evidence exists the rule says so and picks the more
// disruptive class. The table is mirrored, with sources, in docs/apply-methods.md.
import { APPLY_METHODS, ApplyMethod } from "./model";

export interface ChangeFacts {
  kind: "add" | "remove" | "modify";
  /** Path segments below /root: `[{name:"resource"},{name:"md",key:"md2"},{name:"parameters"}…]`. */
  segments: { name: string; key?: string }[];
  /** For server devices: the device's type (lan, mdc, …). */
  deviceType?: string;
  /** For resources and group membership entries: the resource's type. */
  resourceType?: string;
  /** The group the changed object belongs to (resource, membership entry, group attribute). */
  group?: string;
  /** The group itself is added or removed by the same diff. */
  groupIsNewOrGone?: boolean;
}

export interface ApplyRule {
  id: string;
  method: ApplyMethod;
  /** What the rule covers, in words. */
  covers: string;
  /** Evidence (repository@commit:path:line, or "none — conservative choice"). */
  source: string;
  /** Extra steps inside the sequence (e.g. restart the manager services before resuming). */
  extraSteps?: string[];
  matches(c: ChangeFacts): boolean;
}

const STORAGE_OR_IP = new Set(["md", "sd", "disk", "volmgr", "hd", "fip", "vip", "nas", "cifs"]);
/** Resources that start and stop a program or copy settings (no storage, no address). */
const APPLICATION_TYPES = new Set(["service", "appli", "script", "exec", "regsync"]);
/** Group elements that are policy (who starts it, when, after what) rather than structure. */
const GROUP_POLICY = new Set(["policy", "start", "failover", "failback", "depend"]);
const top = (c: ChangeFacts) => c.segments[0]?.name;
const sub = (c: ChangeFacts) => c.segments[1];
const leaf = (c: ChangeFacts) => c.segments[c.segments.length - 1]?.name;
const isWholeObject = (c: ChangeFacts, depth: number) => c.segments.length === depth;

export const APPLY_RULES: ApplyRule[] = [
  {
    id: "derived-objectnumber",
    method: "upload",
    covers: "webmgr/client/objectnumber (derived object count)",
    source: "derived value: cal_obj_num() in EXPRESSCLUSTER/CreateClusterOnLinux@1f25c7b src/v2/clpcfset.c:2039-2063; it changes with every add/remove, which carries its own method",
    matches: (c) => top(c) === "webmgr" && leaf(c) === "objectnumber",
  },
  {
    id: "webui-bookkeeping",
    method: "upload",
    covers: "trekking/* (configid, savedversion… written by the WebUI on every save)",
    source: "EXPRESSCLUSTER/clpcfdiff@8e1adc5 README.md (configid differs between two saves of the same cluster)",
    matches: (c) => top(c) === "trekking",
  },
  {
    id: "mirror-connect",
    method: "reboot",
    covers: "server mirror-connect (mdc) devices: add, remove, address change",
    source: "EXPRESSCLUSTER/clpcfset@3960942 change_ipaddr/Linux/clp_changeip.sh:67-300 (rebootflag: clpcl -t -a, clpcl -t -a --md, push, reboot) and change_ipaddr/README.md ('Restart all servers manually')",
    matches: (c) => top(c) === "server" && c.deviceType === "mdc",
  },
  {
    id: "server-add-remove",
    method: "reboot",
    covers: "adding or removing a whole server",
    source: "none for a running cluster — conservative; first-time creation pushes then reboots all servers (EXPRESSCLUSTER/CreateClusterOnLinux@1f25c7b HowToCreateCluster_*_jp.md; mkazuyuki/hauc@8ec36f3 cf/cf-iscsi-phase2.pl:77-106)",
    matches: (c) => top(c) === "server" && isWholeObject(c, 1) && c.kind !== "modify",
  },
  {
    id: "interconnect-address",
    method: "suspend",
    covers: "server LAN (interconnect/public) devices: add, remove, address change",
    source: "EXPRESSCLUSTER/clpcfset@3960942 change_ipaddr/Linux/clp_changeip.sh:67-300 and Windows/clp_changeIP.ps1:254-288 (suspend → push → clpcl -r -a --alert/--web/--ib/--api → resume)",
    extraSteps: ["restart-manager-services"],
    matches: (c) => top(c) === "server" && c.deviceType === "lan",
  },
  {
    id: "server-other",
    method: "cluster",
    covers: "other server settings (priority, disk/ping/bmc/witness devices)",
    source: "none — conservative (Reference Guide per-parameter table not consulted)",
    matches: (c) => top(c) === "server",
  },
  {
    id: "heartbeat",
    method: "suspend",
    covers: "heartbeat resources (lankhb, lanhb, diskhb, …)",
    source: "EXPRESSCLUSTER/Tools@35bca0d ConvertToUserModeCluster/HowToUse_ConvertToUserModeCluster_en.md:40-66 (lankhb→lanhb: suspend → push → clpcl -r --ib --web --alert → resume)",
    extraSteps: ["restart-manager-services"],
    matches: (c) => top(c) === "heartbeat",
  },
  {
    id: "shutdown-monitor",
    method: "suspend",
    covers: "haltp (shutdown monitoring method) and the userw monitor",
    source: "EXPRESSCLUSTER/Tools@35bca0d ConvertToUserModeCluster/HowToUse_ConvertToUserModeCluster_en.md:40-66 (userw method, shutdown-monitor method)",
    extraSteps: ["restart-manager-services"],
    matches: (c) => top(c) === "haltp" || (top(c) === "monitor" && sub(c)?.name === "userw"),
  },
  {
    id: "network-partition",
    method: "cluster",
    covers: "network partition resolution resources (pingnp, disknp, httpnp)",
    source: "none — conservative",
    matches: (c) => top(c) === "networkpartition",
  },
  {
    id: "recovery-settings",
    method: "cluster",
    covers: "rc/* (group recovery behaviour, e.g. rc/checkgroup/downopt)",
    source: "EXPRESSCLUSTER/SCSI-PR@30fbbc9 'Windows Setup.md':101-120 (pushed while the cluster is stopped, then started)",
    matches: (c) => top(c) === "rc",
  },
  {
    id: "comment",
    method: "suspend",
    covers: "any object's comment",
    source: "none — conservative (display text; suspend/resume reloads the configuration without stopping groups)",
    matches: (c) => leaf(c) === "comment" && c.kind === "modify",
  },
  {
    id: "group-add-remove",
    method: "suspend",
    covers: "adding or removing a whole group",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:787-793 and :270 (add/remove failover groups with exec resources and genw monitors: suspend → push → resume)",
    matches: (c) => top(c) === "group" && isWholeObject(c, 1) && c.kind !== "modify",
  },
  {
    id: "gid",
    method: "suspend",
    covers: "group gid renumbering",
    source: "inferred from the same group add/remove sequence (mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:270,787-793)",
    matches: (c) => top(c) === "group" && leaf(c) === "gid",
  },
  {
    id: "resource-in-new-group",
    method: "suspend",
    covers: "non-storage resources (exec, script, service, appli, regsync, …) added or removed together with their group",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:787-793 (new groups with exec resources: suspend → push → resume → start)",
    matches: (c) => (top(c) === "resource" || top(c) === "group") && c.groupIsNewOrGone === true && !STORAGE_OR_IP.has(c.resourceType ?? ""),
  },
  // Parameters that the product reads when the resource is next started or stopped (time-outs, waits,
  // recovery actions, the registry keys to synchronize) and group policy settings read when the group
  // next starts or fails over: suspend → push → resume reloads them without stopping anything (issue 13
  // item 4). NEC's Reference Guide per-parameter "how to change" table was not found in any public
  // source searched (docs/apply-methods.md, "Research"): these rules are inferences, marked so.
  {
    id: "resource-recovery-settings",
    method: "suspend",
    covers: "act/* and deact/* (start/stop time-out, retries, final action) of service, application, script, exec and regsync resources in an existing group",
    source: "inferred — NEC's per-parameter table not found in a public source; NeoFace-Watch clp.conf (EXPRESSCLUSTER/NeoFace@a889e01) shows these elements on service resources; resource edits in a running cluster are applied with suspend → push → resume by NEC's own tools (mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:787-793); takes effect at the resource's next start/stop",
    matches: (c) => top(c) === "resource" && APPLICATION_TYPES.has(c.resourceType ?? "") && c.segments.length > 2 && ["act", "deact"].includes(c.segments[2].name),
  },
  {
    id: "service-tuning",
    method: "suspend",
    covers: "service resource tuning: parameters/actwaittime, parameters/deactwaittime, parameters/started",
    source: "inferred — NEC's per-parameter table not found in a public source; elements: EXPRESSCLUSTER/NeoFace@a889e01 config/NeoFace-Watch/clp.conf, EXPRESSCLUSTER/UM8700@1e1ff0e README.md (clpcfadm mod …/parameters/started); read when the service is next started/stopped",
    matches: (c) => top(c) === "resource" && c.resourceType === "service" && c.segments[2]?.name === "parameters" && ["actwaittime", "deactwaittime", "started"].includes(c.segments[3]?.name ?? ""),
  },
  {
    id: "exec-timeouts",
    method: "suspend",
    covers: "script time-outs of a Linux exec resource (parameters/timeout/start, parameters/timeout/stop)",
    source: "inferred — NEC's per-parameter table not found in a public source; elements: EXPRESSCLUSTER/clpcfset@3960942 doc/linux/exec.md:30-73; read when the scripts next run",
    matches: (c) => top(c) === "resource" && c.resourceType === "exec" && c.segments[2]?.name === "parameters" && c.segments[3]?.name === "timeout",
  },
  {
    id: "regsync-keys",
    method: "suspend",
    covers: "the registry keys a regsync resource synchronizes (parameters/key list)",
    source: "inferred — NEC's per-parameter table not found in a public source, and the key-list XML itself is unverified (docs/clusterpro-xml.md); keys are synchronized only while the resource is active (EXPRESSCLUSTER/Tools@35bca0d HowToUpdateUM8700withCluster.md:58-65), so a new key is taken from the resource's next activation",
    matches: (c) => top(c) === "resource" && c.resourceType === "regsync" && c.segments[2]?.name === "parameters" && c.segments[3]?.name === "key",
  },
  {
    id: "md-parameters",
    method: "reboot",
    covers: "changed parameters of an existing mirror disk (partitions, NMP path, mirror driver ports, netdevs, per-server volume GUIDs)",
    source: "none for most parameters — conservative; the documented md change (data partition resize) needs clpmdinit and a reboot (mkazuyuki/docs@3c9a040 etc/howto-extend-md-resource.md:33-77)",
    matches: (c) => top(c) === "resource" && sub(c)?.name === "md" && c.segments.length > 2 && ["parameters", "server"].includes(c.segments[2].name),
  },
  {
    id: "storage-or-ip-resource",
    method: "group",
    covers: "mirror disk, shared disk, disk, volume manager and floating IP resources: add, remove, change",
    source: "mkazuyuki/docs@3c9a040 etc/howto-make-additional-iscsi-datastore.md:83-106 (md added: stop group → apply → start group); EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1 (md/regsync removed with the group stopped); clusterpro-x-details.md §8.1 conservative rule for fip/sd",
    matches: (c) => (top(c) === "resource" || (top(c) === "group" && sub(c)?.name === "resource")) && STORAGE_OR_IP.has(c.resourceType ?? ""),
  },
  {
    id: "resource",
    method: "group",
    covers: "other resources in an existing group: add, remove, change (settings take effect when the resource is activated again)",
    source: "EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1, HowToUpdateUM8700withCluster.md:20-44 (regsync removed: stop group → push → suspend → resume); otherwise none — conservative",
    matches: (c) => top(c) === "resource" || (top(c) === "group" && sub(c)?.name === "resource"),
  },
  {
    id: "group-policy",
    method: "suspend",
    covers: "group policy read when the group next starts or fails over: startup servers and their order (policy), start, failover and failback attributes, start/stop waits (depend)",
    source: "inferred — NEC's per-parameter table not found in a public source; NEC's tool writes startup-server policy and applies it with suspend → push → resume (mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:180-193,787-793)",
    matches: (c) => top(c) === "group" && c.segments.length > 1 && GROUP_POLICY.has(sub(c)!.name),
  },
  {
    id: "group-attributes",
    method: "group",
    covers: "other group attributes (type)",
    source: "none — conservative (EXPRESSCLUSTER/SQLServer@8ea7188 MSSQL_Upgrade_Procedure.md:56-64 only says 'Apply cluster configuration')",
    matches: (c) => top(c) === "group",
  },
  {
    id: "storage-monitor",
    method: "group",
    covers: "a volmgrw, sdw or diskw monitor added or removed (it comes and goes with the storage resource it watches)",
    source: "inferred — treated as the storage resource it watches (storage-or-ip-resource row); NEC's per-parameter table not found in a public source",
    matches: (c) => top(c) === "monitor" && ["volmgrw", "sdw", "diskw"].includes(sub(c)?.name ?? "") && isWholeObject(c, 2) && c.kind !== "modify",
  },
  {
    id: "monitor",
    method: "suspend",
    covers: "monitor resources: add, remove, change",
    source: "mkazuyuki/hauc@8ec36f3 cf/cf-vma-phase3.pl:787-793 (genw monitors added with suspend → push → resume); parameter edits inferred from it",
    matches: (c) => top(c) === "monitor",
  },
  {
    id: "cluster-properties",
    method: "cluster",
    covers: "cluster name and cluster-wide properties, all/* (charset, encode, serveros)",
    source: "none — conservative (the StatsD cluster parameter is applied with suspend/resume: EXPRESSCLUSTER/StatsD@121ee93 README.md:69-87, but other properties are unknown)",
    matches: (c) => top(c) === "cluster" || top(c) === "all",
  },
  {
    id: "unknown",
    method: "cluster",
    covers: "anything else (unmodelled sections: pm, rm, rstd, webmgr other than objectnumber, …)",
    source: "none — conservative default",
    matches: () => true,
  },
];

export function classifyChange(c: ChangeFacts): ApplyRule {
  return APPLY_RULES.find((r) => r.matches(c))!;
}

export function compareApplyMethods(a: ApplyMethod, b: ApplyMethod): number {
  return APPLY_METHODS.indexOf(a) - APPLY_METHODS.indexOf(b);
}

/** The most disruptive method among the changes; undefined when there is nothing to apply. */
export function worstApplyMethod(changes: readonly { applyMethod: ApplyMethod }[]): ApplyMethod | undefined {
  let worst: ApplyMethod | undefined;
  for (const c of changes) if (!worst || compareApplyMethods(c.applyMethod, worst) > 0) worst = c.applyMethod;
  return worst;
}

/** Whether a change of method `m` is allowed under the user's `maxDisruption` policy. */
export function withinPolicy(m: ApplyMethod, maxDisruption: ApplyMethod): boolean {
  return compareApplyMethods(m, maxDisruption) <= 0;
}
