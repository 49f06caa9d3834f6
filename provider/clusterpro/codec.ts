// One table per object kind maps model fields to clp.conf paths. The same tables drive reading
// (XML → model), writing (model → minimal edits or a new element) and model diffs, so the three
// can never disagree about where a field lives.
import {
  ClusterConfig, Device, Group, Heartbeat, Monitor, NetworkPartition, Resource, resourceRef, Server,
} from "./model";
import { attribute, childElements, ElementSpec, findPath, keyAttributes, parsePath, textContent, XmlElement } from "./xml-lossless";

/** `drive`: a Windows drive letter, `E` and `E:` being the same drive (real files write both). */
export type FieldType = "string" | "text" | "int" | "bool" | "drive";

export interface FieldSpec {
  /** Dotted model key (`act.retry`). */
  key: string;
  /** NEC-style path below the object element (`parameters/ip`). */
  path: string;
  type: FieldType;
  /** The product's value when the element is absent: writing it into an existing object that lacks the element is no change. */
  absentMeans?: string;
}

/** A value at a path below an object; `null` = an element that carries no text (`<depend name="x"/>`). */
export interface Entry {
  path: string;
  value: string | null;
  type: FieldType;
  /** See FieldSpec.absentMeans. */
  absentMeans?: string;
}

/** A keyed child list the model owns completely (children not in the model are removed). */
export interface ManagedList {
  /** Path of the list's parent below the object ("" = the object itself). */
  parent: string;
  child: string;
  keys: string[];
  /** Only children whose text at this path is one of these values belong to the list (others are kept). */
  onlyWhere?: { path: string; values: string[] };
}

const f = (key: string, path: string, type: FieldType = "string", absentMeans?: string): FieldSpec => ({ key, path, type, ...(absentMeans !== undefined ? { absentMeans } : {}) });

export const CLUSTER_FIELDS: FieldSpec[] = [
  f("name", "cluster/name"),
  f("comment", "cluster/comment", "text"),
  f("uuid", "cluster/uuid"),
  f("charset", "all/charset"),
  f("encode", "all/encode"),
  f("serverOs", "all/serveros"),
  f("npAction", "cluster/networkpartition/npaction", "int"),
];

export const SERVER_FIELDS: FieldSpec[] = [f("priority", "priority", "int")];
export const HEARTBEAT_FIELDS: FieldSpec[] = [f("priority", "priority", "int"), f("device", "device", "int")];
export const NETWORK_PARTITION_FIELDS: FieldSpec[] = [
  ...HEARTBEAT_FIELDS,
  f("interval", "parameters/interval", "int"),
  f("timeout", "parameters/timeout", "int"),
  f("retry", "parameters/retry", "int"),
];

// Absent attributes mean the product's defaults: auto start, auto failover, manual failback.
export const GROUP_FIELDS: FieldSpec[] = [
  f("comment", "comment", "text", ""),
  f("gid", "gid", "int"),
  f("autoStart", "start", "bool", "1"),
  f("autoFailover", "failover", "bool", "1"),
  f("autoFailback", "failback", "bool", "0"),
];

const recovery = (phase: "act" | "deact"): FieldSpec[] => [
  f(`${phase}.retry`, `${phase}/retry`, "int"),
  f(`${phase}.fo`, `${phase}/fo`, "int"),
  f(`${phase}.action`, `${phase}/action`, "int"),
  f(`${phase}.timeout`, `${phase}/timeout`, "int"),
];

export const RESOURCE_COMMON_FIELDS: FieldSpec[] = [f("comment", "comment", "text", "")];
export const RESOURCE_RECOVERY_FIELDS: FieldSpec[] = [...recovery("act"), ...recovery("deact")];

export const RESOURCE_TYPE_FIELDS: Record<string, FieldSpec[]> = {
  fip: [f("ip", "parameters/ip")],
  md: [
    f("volumeMountPoint", "parameters/volumemountpoint", "drive"),
    f("cpVolumeMountPoint", "parameters/cpvolumemountpoint", "drive"),
    f("nmpPath", "parameters/nmppath"),
    f("mountPoint", "parameters/mount/point"),
    f("dataPartition", "parameters/diskdev/dppath"),
    f("clusterPartition", "parameters/diskdev/cppath"),
    f("fs", "parameters/fs"),
    f("mdDriver.port", "parameters/mddriver/port", "int"),
    f("mdDriver.hbPort", "parameters/mddriver/hbport", "int"),
    f("mdDriver.ack2Port", "parameters/mddriver/ack2port", "int"),
  ],
  service: [
    f("serviceName", "parameters/name"),
    f("actWaitTime", "parameters/actwaittime", "int"),
    f("deactWaitTime", "parameters/deactwaittime", "int"),
    f("started", "parameters/started", "bool"),
  ],
  appli: [
    f("resident", "parameters/resident", "bool"),
    f("startPath", "parameters/actpath"),
    f("stopPath", "parameters/deactpath"),
    f("startAccount", "parameters/actaccount"),
    f("startPassword", "parameters/actpassword"),
    f("stopAccount", "parameters/deactaccount"),
    f("stopPassword", "parameters/deactpassword"),
  ],
  script: [],
  exec: [
    f("startPath", "parameters/act/path"),
    f("stopPath", "parameters/deact/path"),
    f("startTimeout", "parameters/timeout/start", "int"),
    f("stopTimeout", "parameters/timeout/stop", "int"),
  ],
  regsync: [],
  disk: [
    f("diskType", "parameters/disktype"),
    f("device", "parameters/device"),
    f("mountPoint", "parameters/mount/point"),
    f("mountOption", "parameters/mount/option"),
    f("fs", "parameters/fs"),
    f("fsckOption", "parameters/fsck/option"),
  ],
  sd: [f("volumeMountPoint", "parameters/volumemountpoint", "drive")],
  vcom: [f("computerName", "parameters/name"), f("fipName", "parameters/fipname")],
  volmgr: [f("volumeManager", "parameters/type"), f("devName", "parameters/devname")],
};

export const MONITOR_FIELDS: FieldSpec[] = [
  f("comment", "comment", "text", ""),
  f("target", "target", "text"),
  f("relation.type", "relation/type"),
  f("relation.name", "relation/name"),
  f("object", "parameters/object"),
  f("devName", "parameters/devname"),
  f("serviceName", "parameters/name"),
  f("path", "parameters/path"),
  f("method", "parameters/method"),
  f("action", "parameters/action"),
  f("interval", "polling/interval", "int"),
  f("timeout", "polling/timeout", "int"),
  f("retry", "polling/reconfirmation", "int"),
  f("restartThreshold", "emergency/threshold/restart", "int"),
  f("failoverThreshold", "emergency/threshold/fo", "int"),
  f("failoverThreshold2", "emergency/threshold/fo2", "int"),
  f("finalAction", "emergency/action", "int"),
];

// ---------- values ----------

export function formatValue(value: unknown, type: FieldType): string {
  if (type === "bool") return value ? "1" : "0";
  return String(value);
}

export function parseValue(raw: string, type: FieldType): unknown {
  switch (type) {
    case "text": return raw.trim() === "" ? "" : raw;
    case "int": {
      const n = Number(raw.trim());
      return Number.isInteger(n) ? n : raw.trim();
    }
    case "bool": return raw.trim() === "1";
    default: return raw.trim();
  }
}

/** Whether the file's text already says what the model says (so the file is left alone). */
export function sameValue(fileText: string, wanted: string, type: FieldType): boolean {
  if (type === "text") return fileText.trim() === "" ? wanted.trim() === "" : fileText === wanted;
  if (type === "int") return fileText.trim() !== "" && Number(fileText.trim()) === Number(wanted);
  if (type === "drive") return fileText.trim().replace(/:$/, "").toUpperCase() === wanted.trim().replace(/:$/, "").toUpperCase();
  return fileText.trim() === wanted;
}

export function getDotted(obj: object, key: string): unknown {
  let cur: unknown = obj;
  for (const k of key.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

export function setDotted(obj: Record<string, unknown>, key: string, value: unknown): void {
  const keys = key.split(".");
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== "object" || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

export function readFields(el: XmlElement, fields: FieldSpec[], into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const field of fields) {
    const found = findPath(el, field.path);
    if (found && childElements(found).length === 0) setDotted(into, field.key, parseValue(textContent(found), field.type));
  }
  return into;
}

export function fieldEntries(obj: object, fields: FieldSpec[]): Entry[] {
  const out: Entry[] = [];
  for (const field of fields) {
    const v = getDotted(obj, field.key);
    if (v !== undefined) out.push({ path: field.path, value: formatValue(v, field.type), type: field.type, ...(field.absentMeans !== undefined ? { absentMeans: field.absentMeans } : {}) });
  }
  return out;
}

const intOf = (el: XmlElement | undefined): number => Number((el ? textContent(el) : "").trim());
const textOf = (el: XmlElement | undefined): string => (el ? textContent(el).trim() : "");

// ---------- servers ----------

export function readServer(el: XmlElement): Server {
  const server = readFields(el, SERVER_FIELDS, { name: attribute(el, "name") ?? "" }) as Server;
  server.devices = childElements(el, "device").map((d): Device => ({
    id: Number(attribute(d, "id")),
    type: textOf(findPath(d, "type")),
    info: textOf(findPath(d, "info")),
  }));
  const hbas = childElements(el, "hba");
  if (hbas.length > 0) {
    server.hbas = hbas.map((h) => ({
      id: Number(attribute(h, "id")),
      portNumber: intOf(findPath(h, "portnumber")),
      deviceId: textOf(findPath(h, "deviceid")),
      instanceId: textOf(findPath(h, "instanceid")),
    }));
  }
  return server;
}

export function serverEntries(s: Server): { entries: Entry[]; lists: ManagedList[] } {
  const entries = fieldEntries(s, SERVER_FIELDS);
  const lists: ManagedList[] = [];
  if (s.devices) {
    for (const d of s.devices) {
      entries.push({ path: `device@${d.id}/type`, value: d.type, type: "string" });
      entries.push({ path: `device@${d.id}/info`, value: d.info, type: "string" });
      // Mirror connects and disk heartbeats repeat the address in a type-named child, as the WebUI writes them.
      if (d.type === "mdc") entries.push({ path: `device@${d.id}/mdc/info`, value: d.info, type: "string" });
      if (d.type === "disk") entries.push({ path: `device@${d.id}/disk/info`, value: d.info, type: "string" });
    }
    lists.push({ parent: "", child: "device", keys: s.devices.map((d) => String(d.id)), ...(s.deviceTypes ? { onlyWhere: { path: "type", values: s.deviceTypes } } : {}) });
  }
  // HBA filters are written, never listed: several shared disks may name HBAs of one server, and a filter stays
  // when its last shared disk goes (it changes no data; the product keeps excluded volumes under it).
  for (const h of s.hbas ?? []) {
    entries.push({ path: `hba@${h.id}/portnumber`, value: String(h.portNumber), type: "int" });
    entries.push({ path: `hba@${h.id}/deviceid`, value: h.deviceId, type: "string" });
    entries.push({ path: `hba@${h.id}/instanceid`, value: h.instanceId, type: "string" });
  }
  return { entries, lists };
}

// ---------- heartbeats and network partition ----------

export function readHeartbeat(el: XmlElement): Heartbeat {
  return readFields(el, HEARTBEAT_FIELDS, { type: el.name, name: attribute(el, "name") ?? "" }) as Heartbeat;
}

export function heartbeatEntries(h: Heartbeat): { entries: Entry[]; lists: ManagedList[] } {
  return { entries: fieldEntries(h, HEARTBEAT_FIELDS), lists: [] };
}

export function readNetworkPartition(el: XmlElement): NetworkPartition {
  const np = readFields(el, NETWORK_PARTITION_FIELDS, { type: el.name, name: attribute(el, "name") ?? "" }) as NetworkPartition;
  if (el.name === "pingnp") {
    np.pingTargets = childElements(el, "grp").flatMap((g) => childElements(g, "list").map((l) => textOf(findPath(l, "ip"))));
  }
  return np;
}

export function networkPartitionEntries(np: NetworkPartition): { entries: Entry[]; lists: ManagedList[] } {
  const entries = fieldEntries(np, NETWORK_PARTITION_FIELDS);
  const lists: ManagedList[] = [];
  if (np.pingTargets) {
    np.pingTargets.forEach((ip, i) => entries.push({ path: `grp@0/list@${i}/ip`, value: ip, type: "string" }));
    lists.push({ parent: "grp@0", child: "list", keys: np.pingTargets.map((_, i) => String(i)) });
  }
  return { entries, lists };
}

// ---------- groups ----------

export function readGroup(el: XmlElement): Group {
  const g = readFields(el, GROUP_FIELDS, { name: attribute(el, "name") ?? "" }) as Group;
  g.resources = childElements(el, "resource").map((r) => attribute(r, "name") ?? "");
  const type = findPath(el, "type");
  g.type = type ? textOf(type) : "failover";
  const policies = childElements(el, "policy");
  if (policies.length > 0) g.startupServers = policies.map((p) => ({ server: attribute(p, "name") ?? "", order: intOf(findPath(p, "order")) }));
  const waits = findPath(el, "depend/act");
  if (waits) {
    g.startAfter = childElements(waits, "depend").map((d) => {
      const same = findPath(d, "sameserver");
      return same ? { group: attribute(d, "name") ?? "", sameServer: textOf(same) === "1" } : { group: attribute(d, "name") ?? "" };
    });
  }
  return g;
}

export function groupEntries(g: Group, resources: string[] | undefined): { entries: Entry[]; lists: ManagedList[] } {
  const entries: Entry[] = [];
  const lists: ManagedList[] = [];
  // `<type>` is omitted for failover groups (clpcfset add_grp writes it only for other types).
  if (g.type !== undefined && g.type !== "failover") entries.push({ path: "type", value: g.type, type: "string" });
  entries.push(...fieldEntries(g, GROUP_FIELDS.slice(0, 1)));
  if (resources) {
    for (const ref of resources) entries.push({ path: `resource@${ref}`, value: null, type: "string" });
  }
  entries.push(...fieldEntries(g, GROUP_FIELDS.slice(1)));
  if (g.startupServers) {
    for (const p of g.startupServers) entries.push({ path: `policy@${p.server}/order`, value: String(p.order), type: "int" });
    lists.push({ parent: "", child: "policy", keys: g.startupServers.map((p) => p.server) });
  }
  if (g.startAfter) {
    for (const w of g.startAfter) {
      if (w.sameServer !== undefined) entries.push({ path: `depend/act/depend@${w.group}/sameserver`, value: w.sameServer ? "1" : "0", type: "bool" });
      else entries.push({ path: `depend/act/depend@${w.group}`, value: null, type: "string" });
    }
    lists.push({ parent: "depend/act", child: "depend", keys: g.startAfter.map((w) => w.group) });
  }
  return { entries, lists };
}

// ---------- resources ----------

export function readResource(el: XmlElement, group: string): Resource {
  const r = readFields(el, RESOURCE_COMMON_FIELDS, { type: el.name, name: attribute(el, "name") ?? "", group }) as Record<string, unknown>;
  readFields(el, RESOURCE_TYPE_FIELDS[el.name] ?? [], r);
  readFields(el, RESOURCE_RECOVERY_FIELDS, r);
  const depends = childElements(el, "depend");
  r.dependsOn = depends.length === 0 ? "default" : depends.map((d) => attribute(d, "name") ?? "").filter((n) => n !== "");
  if (el.name === "md") {
    const netdevs = childElements(findPath(el, "parameters") ?? el, "netdev");
    if (netdevs.length > 0) {
      r.netdevs = netdevs.map((n) => ({
        id: Number(attribute(n, "id")),
        priority: intOf(findPath(n, "priority")),
        device: intOf(findPath(n, "device")),
        mdcName: textOf(findPath(n, "mdcname")),
      }));
    }
  }
  if (el.name === "regsync") {
    const keys = childElements(findPath(el, "parameters") ?? el, "key");
    if (keys.length > 0) r.keys = keys.map((k) => textContent(k).trim());
  }
  if (el.name === "md" || el.name === "sd") {
    const servers = childElements(el, "server");
    if (servers.length > 0) {
      r.volumes = servers.map((s) => {
        const v: Record<string, string> = { server: attribute(s, "name") ?? "", volumeGuid: textOf(findPath(s, "parameters/volumeguid")) };
        if (el.name === "md") v.cpVolumeGuid = textOf(findPath(s, "parameters/cpvolumeguid"));
        return v;
      });
    }
  }
  return r as unknown as Resource;
}

export function resourceEntries(r: Resource): { entries: Entry[]; lists: ManagedList[] } {
  const entries = fieldEntries(r, RESOURCE_COMMON_FIELDS);
  const lists: ManagedList[] = [];
  const rec = r as Record<string, unknown>;
  if (r.type === "md" && Array.isArray(rec.netdevs)) {
    for (const n of rec.netdevs as { id: number; priority: number; device: number; mdcName: string }[]) {
      entries.push({ path: `parameters/netdev@${n.id}/priority`, value: String(n.priority), type: "int" });
      entries.push({ path: `parameters/netdev@${n.id}/device`, value: String(n.device), type: "int" });
      entries.push({ path: `parameters/netdev@${n.id}/mdcname`, value: n.mdcName, type: "string" });
    }
    lists.push({ parent: "parameters", child: "netdev", keys: (rec.netdevs as { id: number }[]).map((n) => String(n.id)) });
  }
  entries.push(...fieldEntries(r, RESOURCE_TYPE_FIELDS[r.type] ?? []));
  if (r.type === "regsync" && Array.isArray(rec.keys)) {
    (rec.keys as string[]).forEach((key, i) => entries.push({ path: `parameters/key@${i}`, value: key, type: "string" }));
    lists.push({ parent: "parameters", child: "key", keys: (rec.keys as string[]).map((_, i) => String(i)) });
  }
  if ((r.type === "md" || r.type === "sd") && Array.isArray(rec.volumes)) {
    for (const v of rec.volumes as { server: string; volumeGuid: string; cpVolumeGuid?: string }[]) {
      entries.push({ path: `server@${v.server}/parameters/volumeguid`, value: v.volumeGuid, type: "string" });
      if (v.cpVolumeGuid !== undefined) entries.push({ path: `server@${v.server}/parameters/cpvolumeguid`, value: v.cpVolumeGuid, type: "string" });
    }
    lists.push({ parent: "", child: "server", keys: (rec.volumes as { server: string }[]).map((v) => v.server) });
  }
  entries.push(...fieldEntries(r, RESOURCE_RECOVERY_FIELDS));
  if (r.dependsOn !== undefined) {
    const names = r.dependsOn === "default" ? [] : r.dependsOn.length === 0 ? [""] : r.dependsOn;
    for (const n of names) entries.push({ path: `depend@${n}`, value: null, type: "string" });
    lists.push({ parent: "", child: "depend", keys: names });
  }
  return { entries, lists };
}

// ---------- monitors ----------

export function readMonitor(el: XmlElement): Monitor {
  const m = readFields(el, MONITOR_FIELDS, { type: el.name, name: attribute(el, "name") ?? "" }) as Record<string, unknown>;
  const rel = m.relation as Record<string, unknown> | undefined;
  // A half-written relation is kept in the file but not modelled.
  if (rel && (rel.type === undefined || rel.name === undefined)) delete m.relation;
  if (el.name === "ipw") {
    const list = childElements(findPath(el, "parameters") ?? el, "list");
    if (list.length > 0) m.ipTargets = list.map((l) => textOf(findPath(l, "ip")));
  }
  return m as unknown as Monitor;
}

/** Monitors whose real elements put <parameters> right after <comment> (502a973: genw, ipw, volmgrw; miiw as clpcfset writes it). */
const PARAMETERS_FIRST = new Set(["genw", "ipw", "miiw", "volmgrw"]);

export function monitorEntries(m: Monitor): { entries: Entry[]; lists: ManagedList[] } {
  let entries = fieldEntries(m, MONITOR_FIELDS);
  // ipw: the address list is <parameters><list id="N"><ip>…</ip></list>…</parameters> (502a973 sample).
  const list: Entry[] = (m.ipTargets ?? []).map((ip, i) => ({ path: `parameters/list@${i}/ip`, value: ip, type: "string" }));
  entries = [...entries.filter((e) => e.path === "comment"), ...list, ...entries.filter((e) => e.path !== "comment")];
  if (PARAMETERS_FIRST.has(m.type)) {
    const rank = (e: Entry) => (e.path === "comment" ? 0 : e.path.startsWith("parameters/") ? 1 : 2);
    entries = [...entries].sort((a, b) => rank(a) - rank(b));
  }
  return { entries, lists: m.ipTargets ? [{ parent: "parameters", child: "list", keys: m.ipTargets.map((_, i) => String(i)) }] : [] };
}

// ---------- rendering a new element from entries ----------

/** Build a new element tree from entries, in entry order (which follows the WebUI's element order). */
export function specFromEntries(name: string, key: string | undefined, entries: Entry[]): ElementSpec {
  const root: ElementSpec = { name, attributes: keyAttributes(key), children: [] };
  for (const e of entries) {
    let cur = root;
    const segments = parsePath(e.path);
    segments.forEach(({ name: n, key: k }, i) => {
      cur.children ??= [];
      let next = cur.children.find((c) => c.name === n && (k === undefined ? !c.attributes : elementKeyOfSpec(c) === k));
      if (!next) {
        next = { name: n, attributes: keyAttributes(k) };
        cur.children.push(next);
      }
      if (i === segments.length - 1 && e.value !== null) next.text = e.value;
      cur = next;
    });
  }
  return root;
}

function elementKeyOfSpec(spec: ElementSpec): string | undefined {
  return spec.attributes?.name ?? spec.attributes?.id;
}

// ---------- the whole model ----------

/** Objects of a section (`heartbeat`, `networkpartition`, `resource`, `monitor`): its children other than `<types>`. */
export function objectsIn(root: XmlElement, section: string): XmlElement[] {
  return childElements(root, section).flatMap((s) => childElements(s).filter((c) => c.name !== "types"));
}

/** Everything `readModel` returns, as (path, value) entries in NEC path form — used to diff two models. */
export function modelEntries(config: ClusterConfig): Entry[] {
  const out: Entry[] = [];
  const push = (prefix: string, list: Entry[]) => {
    out.push({ path: prefix, value: null, type: "string" });
    for (const e of list) out.push({ ...e, path: `${prefix}/${e.path}` });
  };
  for (const e of fieldEntries(config.cluster, CLUSTER_FIELDS)) out.push(e);
  for (const s of config.servers) push(`server@${s.name}`, serverEntries(s).entries);
  for (const h of config.heartbeats) push(`heartbeat/${h.type}@${h.name}`, heartbeatEntries(h).entries);
  for (const n of config.networkPartitions) push(`networkpartition/${n.type}@${n.name}`, networkPartitionEntries(n).entries);
  for (const g of config.groups) {
    const members = config.resources.filter((r) => r.group === g.name).map(resourceRef);
    push(`group@${g.name}`, groupEntries(g, members).entries);
  }
  for (const r of config.resources) push(`resource/${r.type}@${r.name}`, resourceEntries(r).entries);
  for (const m of config.monitors) push(`monitor/${m.type}@${m.name}`, monitorEntries(m).entries);
  if (config.objectNumber !== undefined) out.push({ path: "webmgr/client/objectnumber", value: String(config.objectNumber), type: "int" });
  return out;
}
