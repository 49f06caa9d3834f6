// The lab's own clp.conf reader. Deliberately independent of provider/clusterpro (DESIGN.md: "the lab is an
// independent peer"): bytes are first checked by the lab's strict XML 1.0 reader (xml-strict.ts: what an
// expat-class parser refuses, the lab refuses, naming line and column), then parsed with the @xmldom/xmldom DOM, and turned into (a) a small plain element tree used for diffing and (b) the typed view the
// cluster behaviour needs. Nothing here writes clp.conf: the lab keeps pushed bytes exactly as received.

import { DOMParser } from "@xmldom/xmldom";
import * as iconv from "iconv-lite";
import { checkWellFormed, XmlStrictError } from "./xml-strict";

/** A plain element: tag, attributes, trimmed direct text, element children (comments/PIs dropped). */
export interface ConfElement {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: ConfElement[];
}

export class ConfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfError";
  }
}

/** The encoding named by `<?xml … encoding="…"?>` (ASCII-compatible header), or "UTF-8" when absent. */
export function declaredEncoding(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString("latin1");
  const m = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head);
  return m ? m[1] : "UTF-8";
}

/** Decodes clp.conf bytes by their declared encoding. "ASCII" is read as UTF-8 (lenient, lossless for ASCII). */
export function decodeConf(bytes: Buffer): string {
  const enc = declaredEncoding(bytes).trim().toUpperCase();
  const map: Record<string, string> = {
    "ASCII": "utf8", "US-ASCII": "utf8", "UTF-8": "utf8", "UTF8": "utf8",
    "SJIS": "shift_jis", "SHIFT_JIS": "shift_jis", "SHIFT-JIS": "shift_jis", "CP932": "cp932", "WINDOWS-31J": "cp932",
    "EUC-JP": "euc-jp", "EUCJP": "euc-jp",
  };
  const name = map[enc] ?? (iconv.encodingExists(enc) ? enc : undefined);
  if (!name) throw new ConfError(`unsupported clp.conf encoding "${enc}"`);
  let text = iconv.decode(bytes, name);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Parses clp.conf bytes into the plain element tree; throws ConfError on malformed XML or a non-<root> document. */
export function parseConfTree(bytes: Buffer): ConfElement {
  let text: string;
  try {
    text = checkWellFormed(bytes);
  } catch (e) {
    if (e instanceof XmlStrictError) throw new ConfError(`clp.conf is not well-formed XML at ${e.message}`);
    throw e;
  }
  let doc: ReturnType<DOMParser["parseFromString"]>;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") throw new Error(msg);
      },
    }).parseFromString(text, "text/xml");
  } catch (e) {
    throw new ConfError(`clp.conf is not well-formed XML: ${(e as Error).message}`);
  }
  const rootEl = doc.documentElement;
  if (!rootEl || rootEl.tagName !== "root") throw new ConfError("clp.conf has no <root> element");
  return convert(rootEl as unknown as DomNode);
}

interface DomNode {
  nodeType: number;
  tagName?: string;
  nodeValue?: string | null;
  attributes?: { length: number; item(i: number): { name: string; value: string } | null };
  childNodes: { length: number; item(i: number): DomNode | null };
}

function convert(el: DomNode): ConfElement {
  const attrs: Record<string, string> = {};
  if (el.attributes) {
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i);
      if (a) attrs[a.name] = a.value;
    }
  }
  const children: ConfElement[] = [];
  let text = "";
  for (let i = 0; i < el.childNodes.length; i++) {
    const c = el.childNodes.item(i);
    if (!c) continue;
    if (c.nodeType === 1) children.push(convert(c));
    else if (c.nodeType === 3 || c.nodeType === 4) text += c.nodeValue ?? "";
  }
  return { tag: el.tagName ?? "", attrs, text: text.trim(), children };
}

// ---------------------------------------------------------------------------------------------------------------
// Navigation helpers

export function child(el: ConfElement | undefined, tag: string, name?: string): ConfElement | undefined {
  if (!el) return undefined;
  return el.children.find((c) => c.tag === tag && (name === undefined || c.attrs.name === name || c.attrs.id === name));
}

export function childrenOf(el: ConfElement | undefined, tag: string): ConfElement[] {
  return el ? el.children.filter((c) => c.tag === tag) : [];
}

/** Text at a slash path below `el` ("parameters/act/path"); segments may be `tag@name`. */
export function textAt(el: ConfElement | undefined, path: string): string | undefined {
  let cur = el;
  for (const seg of path.split("/")) {
    const at = seg.indexOf("@");
    cur = at < 0 ? child(cur, seg) : child(cur, seg.slice(0, at), seg.slice(at + 1));
    if (!cur) return undefined;
  }
  return cur?.text;
}

function intAt(el: ConfElement | undefined, path: string): number | undefined {
  const t = textAt(el, path);
  if (t === undefined || t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Typed view

export interface ServerConf {
  name: string;
  priority: number;
  comment: string;
  devices: { id: string; type: string; info: string }[];
}

export interface HeartbeatConf {
  kind: "hb" | "np";
  type: string;
  name: string;
  priority: number;
  /** `<device>`: the device id each server has for it. */
  device?: number;
}

export interface GroupConf {
  name: string;
  /** failover (element omitted), cluster (management group), virtualmachine, … */
  type: string;
  comment: string;
  gid?: number;
  /** `<start>`: default 1 (auto start). */
  autoStart: boolean;
  /** `<failover>`: default 1 (auto failover). */
  autoFailover: boolean;
  /** `<failback>`: default 0 (manual failback). */
  autoFailback: boolean;
  /** Startup servers in order (from `<policy name="srv"><order>`), or undefined = all servers by priority. */
  policy?: string[];
  /** Member resource names in membership order. */
  resources: string[];
}

export interface ResourceConf {
  type: string;
  name: string;
  comment: string;
  el: ConfElement;
  /** undefined = no `<depend>` (type defaults); [] = `<depend name=""/>` (no dependency). */
  depend?: string[];
  group?: string;
}

export interface MonitorConf {
  type: string;
  name: string;
  comment: string;
  el: ConfElement;
  target?: string;
  relationType?: string;
  relationName?: string;
  /** polling/timing: 1 = only while target active. Absent → per-type default (see monitors.ts). */
  timing?: number;
  restart?: number;
  failover?: number;
  /** `emergency/action`: the final action code. */
  finalAction?: number;
}

export interface ClusterConf {
  tree: ConfElement;
  name: string;
  comment: string;
  os: "windows" | "linux";
  encoding: string;
  servers: ServerConf[];
  heartbeats: HeartbeatConf[];
  groups: GroupConf[];
  resources: Map<string, ResourceConf>;
  monitors: MonitorConf[];
}

const HB_TYPES = new Set(["lankhb", "lanhb", "diskhb", "bmchb", "witnesshb", "comhb"]);
const NP_TYPES = new Set(["pingnp", "disknp", "httpnp", "majonp", "comnp"]);

export function readConf(bytes: Buffer): ClusterConf {
  const tree = parseConfTree(bytes);
  const clusterEl = child(tree, "cluster");
  const name = textAt(clusterEl, "name");
  if (!name) throw new ConfError("clp.conf has no cluster/name");
  const osText = (textAt(tree, "all/serveros") ?? "").toLowerCase();
  const os: "windows" | "linux" = osText === "linux" ? "linux" : "windows";

  const servers: ServerConf[] = childrenOf(tree, "server").map((s, i) => ({
    name: s.attrs.name ?? "",
    priority: intAt(s, "priority") ?? 1000 + i,
    comment: textAt(s, "comment") ?? "",
    devices: childrenOf(s, "device").map((d) => ({ id: d.attrs.id ?? "", type: textAt(d, "type") ?? "", info: textAt(d, "info") ?? "" })),
  }));
  if (servers.length === 0) throw new ConfError("clp.conf has no <server>");
  for (const s of servers) if (!s.name) throw new ConfError("a <server> has no name attribute");
  servers.sort((a, b) => a.priority - b.priority);

  const heartbeats: HeartbeatConf[] = [];
  for (const [section, kind, types] of [["heartbeat", "hb", HB_TYPES], ["networkpartition", "np", NP_TYPES]] as const) {
    for (const el of child(tree, section)?.children ?? []) {
      if (el.tag === "types" || !el.attrs.name) continue;
      if (!types.has(el.tag) && !el.tag.endsWith(kind === "hb" ? "hb" : "np")) continue;
      heartbeats.push({ kind, type: el.tag, name: el.attrs.name, priority: intAt(el, "priority") ?? 999, device: intAt(el, "device") });
    }
  }
  heartbeats.sort((a, b) => (a.kind === b.kind ? a.priority - b.priority : a.kind === "hb" ? -1 : 1));

  const resources = new Map<string, ResourceConf>();
  for (const el of child(tree, "resource")?.children ?? []) {
    if (el.tag === "types" || el.attrs.name === undefined) continue;
    const deps = childrenOf(el, "depend");
    let depend: string[] | undefined;
    if (deps.length > 0) depend = deps.map((d) => d.attrs.name ?? "").filter((n) => n !== "");
    if (resources.has(el.attrs.name)) throw new ConfError(`resource name "${el.attrs.name}" is used twice`);
    resources.set(el.attrs.name, { type: el.tag, name: el.attrs.name, comment: textAt(el, "comment") ?? "", el, depend });
  }

  const groups: GroupConf[] = [];
  for (const g of childrenOf(tree, "group")) {
    const gname = g.attrs.name;
    if (!gname) throw new ConfError("a <group> has no name attribute");
    const members: string[] = [];
    for (const r of childrenOf(g, "resource")) {
      const ref = r.attrs.name ?? "";
      const at = ref.indexOf("@");
      const rname = at < 0 ? ref : ref.slice(at + 1);
      const rtype = at < 0 ? undefined : ref.slice(0, at);
      const rc = resources.get(rname);
      if (!rc) throw new ConfError(`group "${gname}" lists resource "${ref}" that is not defined under <resource>`);
      if (rtype !== undefined && rtype !== rc.type) throw new ConfError(`group "${gname}" lists "${ref}" but "${rname}" is a ${rc.type} resource`);
      if (rc.group && rc.group !== gname) throw new ConfError(`resource "${rname}" belongs to groups "${rc.group}" and "${gname}"`);
      rc.group = gname;
      members.push(rname);
    }
    const policies = childrenOf(g, "policy").map((p, i) => ({ srv: p.attrs.name ?? "", order: intAt(p, "order") ?? 1000 + i }));
    policies.sort((a, b) => a.order - b.order);
    const flag = (tag: string, dflt: boolean) => {
      const t = textAt(g, tag);
      return t === undefined || t === "" ? dflt : t !== "0";
    };
    groups.push({
      name: gname,
      type: textAt(g, "type") || "failover",
      comment: textAt(g, "comment") ?? "",
      gid: intAt(g, "gid"),
      autoStart: flag("start", true),
      autoFailover: flag("failover", true),
      autoFailback: flag("failback", false),
      policy: policies.length > 0 ? policies.map((p) => p.srv) : undefined,
      resources: members,
    });
  }

  const monitors: MonitorConf[] = [];
  for (const el of child(tree, "monitor")?.children ?? []) {
    if (el.tag === "types" || el.attrs.name === undefined) continue;
    const target = textAt(el, "target");
    monitors.push({
      type: el.tag,
      name: el.attrs.name,
      comment: textAt(el, "comment") ?? "",
      el,
      target: target ? target : undefined,
      relationType: textAt(el, "relation/type") || undefined,
      relationName: textAt(el, "relation/name") || undefined,
      timing: intAt(el, "polling/timing"),
      restart: intAt(el, "emergency/threshold/restart"),
      failover: intAt(el, "emergency/threshold/fo2") ?? intAt(el, "emergency/threshold/fo"),
      finalAction: intAt(el, "emergency/action"),
    });
  }

  return {
    tree, name, comment: textAt(clusterEl, "comment") ?? "", os, encoding: declaredEncoding(bytes),
    servers, heartbeats, groups, resources, monitors,
  };
}

/** Startup servers of a group in order: its `<policy>` list, or every server by priority. */
export function startupServers(conf: ClusterConf, g: GroupConf): string[] {
  return g.policy ?? conf.servers.map((s) => s.name);
}

/** A Windows drive ("E", "E:", "E:\\") → "E:"; anything else unchanged. */
export function normalizeVolume(v: string): string {
  const m = /^([A-Za-z])(:\\?)?$/.exec(v.trim());
  return m ? `${m[1].toUpperCase()}:` : v.trim();
}
