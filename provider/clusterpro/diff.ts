// Semantic diff of two clp.conf documents or models, keyed by XPath-like paths as NEC's clpcfdiff
// prints them (`/root/group[@name='failover2']/gid`). Whole added or removed objects are reported
// once, at the object; each change carries the apply method its rule assigns.
import { ApplyRule, classifyChange, ChangeFacts } from "./apply-method";
import { modelEntries } from "./codec";
import { ClpDocument } from "./document";
import { ApplyMethod, ClusterConfig } from "./model";
import { readModel } from "./read";
import { childElements, keyAttributeName, parsePath, textContent, XmlElement } from "./xml-lossless";

export interface Change {
  path: string;
  kind: "add" | "remove" | "modify";
  /** Leaf text, or for a whole object its leaves by relative path. */
  old?: string | Record<string, string>;
  new?: string | Record<string, string>;
  applyMethod: ApplyMethod;
  /** For the `group` method: the groups to stop and start again. */
  groups?: string[];
  /** The apply-method rule that decided (see docs/apply-methods.md). */
  rule: string;
  extraSteps?: string[];
}

interface FlatNode {
  leaf: boolean;
  value: string;
}

type Flat = Map<string, FlatNode>;

const keyPredicate = (el: { attributes: { name: string; value: string }[] }): string => {
  const name = el.attributes.find((a) => a.name === "name");
  if (name) return `[@name='${name.value}']`;
  const id = el.attributes.find((a) => a.name === "id");
  return id ? `[@id='${id.value}']` : "";
};

/** Flatten a document: every element except `<types>` declarations (they follow from the objects present). */
export function flattenDocument(doc: ClpDocument): Flat {
  const out: Flat = new Map();
  const walk = (el: XmlElement, path: string) => {
    const kids = childElements(el);
    out.set(path, kids.length === 0 ? { leaf: true, value: textContent(el).trim() } : { leaf: false, value: "" });
    const seen = new Map<string, number>();
    for (const k of kids) {
      if (k.name === "types") continue;
      let seg = `${k.name}${keyPredicate(k)}`;
      const n = (seen.get(seg) ?? 0) + 1;
      seen.set(seg, n);
      if (n > 1) seg += `[${n}]`;
      walk(k, `${path}/${seg}`);
    }
  };
  walk(doc.root, "/root");
  return out;
}

/**
 * The flattening of the last document diffConfigs compared from (`before`), kept until another one is: the session
 * diffs one pulled document against each resource's edit in preview and in its commits. One slot, not a cache per
 * document: each edit's own flattening is garbage at once instead of living in old space until a full GC (a
 * ClpDocument is immutable, and the flattening is only read here).
 */
let lastBefore: { doc: ClpDocument; flat: Flat } | undefined;
function flatOfBefore(doc: ClpDocument): Flat {
  if (lastBefore?.doc !== doc) lastBefore = { doc, flat: flattenDocument(doc) };
  return lastBefore.flat;
}

/** `group@g/policy@s/order` → `/root/group[@name='g']/policy[@name='s']/order`. */
export function necPathToXPath(necPath: string): string {
  const segs = parsePath(necPath).map((s) => (s.key === undefined ? s.name : `${s.name}[@${keyAttributeName(s.key)}='${s.key}']`));
  return `/root${segs.length ? "/" : ""}${segs.join("/")}`;
}

export function flattenModel(config: ClusterConfig): Flat {
  const out: Flat = new Map([["/root", { leaf: false, value: "" }]]);
  for (const e of modelEntries(config)) {
    const path = necPathToXPath(e.path);
    const parts = splitXPath(path);
    for (let i = 2; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      const node = out.get(prefix);
      if (!node) out.set(prefix, { leaf: false, value: "" });
      else if (node.leaf) node.leaf = false;
    }
    const existing = out.get(path);
    if (!existing) out.set(path, { leaf: e.value !== null, value: e.value === null ? "" : e.value.trim() });
    else if (e.value !== null) Object.assign(existing, { leaf: true, value: e.value.trim() });
  }
  // Presence-only elements with nothing below them are leaves with empty text, as in a document.
  for (const [path, node] of out) {
    if (!node.leaf && ![...out.keys()].some((p) => p.startsWith(`${path}/`))) node.leaf = true;
  }
  return out;
}

/** Split on `/` outside `[...]` predicates; element 0 is "" (the leading slash). */
export function splitXPath(path: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of path) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "/" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function parentOf(path: string): string {
  const parts = splitXPath(path);
  return parts.slice(0, -1).join("/");
}

function segmentOf(part: string): { name: string; key?: string } {
  const m = /^([^[]+)(?:\[@(?:name|id)='(.*)'\])?(?:\[\d+\])?$/.exec(part);
  return m ? (m[2] !== undefined ? { name: m[1], key: m[2] } : { name: m[1] }) : { name: part };
}

function subtree(flat: Flat, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, node] of flat) {
    if (node.leaf && (p === path || p.startsWith(`${path}/`))) out[p === path ? "." : p.slice(path.length + 1)] = node.value;
  }
  return out;
}

type Input = ClpDocument | ClusterConfig;

/**
 * Ordered changes from `before` to `after`. Two documents are compared in full (unmodelled
 * elements included); when either side is a model, both are compared as models.
 */
export function diffConfigs(before: Input, after: Input): Change[] {
  const bothDocs = before instanceof ClpDocument && after instanceof ClpDocument;
  const toFlat = (x: Input): Flat => (bothDocs ? flattenDocument(x as ClpDocument) : flattenModel(x instanceof ClpDocument ? readModel(x) : x));
  const oldFlat = bothDocs ? flatOfBefore(before as ClpDocument) : toFlat(before);
  const newFlat = toFlat(after);
  const membership = membershipIndex(oldFlat, newFlat);
  const groupsAddedOrRemoved = new Set<string>();
  for (const [p] of newFlat) if (isGroupPath(p) && !oldFlat.has(p)) groupsAddedOrRemoved.add(groupName(p));
  for (const [p] of oldFlat) if (isGroupPath(p) && !newFlat.has(p)) groupsAddedOrRemoved.add(groupName(p));

  const changes: Omit<Change, "applyMethod" | "rule">[] = [];
  for (const [path, node] of newFlat) {
    const was = oldFlat.get(path);
    if (!was) {
      if (!oldFlat.has(parentOf(path)) && parentOf(path) !== "") continue; // reported at an ancestor
      changes.push({ path, kind: "add", new: node.leaf ? node.value : subtree(newFlat, path) });
    } else if (was.leaf && node.leaf && was.value !== node.value) {
      changes.push({ path, kind: "modify", old: was.value, new: node.value });
    } else if (was.leaf !== node.leaf) {
      changes.push({ path, kind: "modify", old: was.leaf ? was.value : subtree(oldFlat, path), new: node.leaf ? node.value : subtree(newFlat, path) });
    }
  }
  for (const [path, node] of oldFlat) {
    if (newFlat.has(path)) continue;
    if (!newFlat.has(parentOf(path))) continue;
    changes.push({ path, kind: "remove", old: node.leaf ? node.value : subtree(oldFlat, path) });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return changes.map((c) => {
    const facts = factsOf(c, oldFlat, newFlat, membership, groupsAddedOrRemoved);
    const rule: ApplyRule = classifyChange(facts);
    const out: Change = { ...c, applyMethod: rule.method, rule: rule.id };
    if (rule.method === "group" && facts.group) out.groups = [facts.group];
    if (rule.extraSteps) out.extraSteps = rule.extraSteps;
    return out;
  });
}

const isGroupPath = (p: string) => /^\/root\/group\[@name='[^']*'\]$/.test(p);
const groupName = (p: string) => /\[@name='([^']*)'\]/.exec(p)![1];

/** `type@name` → group, from both sides (a removed resource still names its old group). */
function membershipIndex(oldFlat: Flat, newFlat: Flat): Map<string, string> {
  const index = new Map<string, string>();
  for (const flat of [oldFlat, newFlat]) {
    for (const p of flat.keys()) {
      const m = /^\/root\/group\[@name='([^']*)'\]\/resource\[@name='([^']*)'\]$/.exec(p);
      if (m) index.set(m[2], m[1]);
    }
  }
  return index;
}

function factsOf(c: { path: string; kind: Change["kind"] }, oldFlat: Flat, newFlat: Flat, membership: Map<string, string>, groupsAddedOrRemoved: Set<string>): ChangeFacts {
  const parts = splitXPath(c.path).slice(2); // drop "" and "root"
  const segments = parts.map(segmentOf);
  const facts: ChangeFacts = { kind: c.kind, segments };
  const [first, second] = segments;
  if (first?.name === "server" && second?.name === "device") {
    const devicePath = `/root/${parts[0]}/${parts[1]}/type`;
    facts.deviceType = newFlat.get(devicePath)?.value ?? oldFlat.get(devicePath)?.value;
  }
  if (first?.name === "resource" && second) {
    facts.resourceType = second.name;
    facts.group = membership.get(`${second.name}@${second.key}`);
  }
  if (first?.name === "group") {
    facts.group = first.key;
    if (second?.name === "resource" && second.key) facts.resourceType = second.key.split("@")[0];
  }
  if (facts.group !== undefined) facts.groupIsNewOrGone = groupsAddedOrRemoved.has(facts.group);
  return facts;
}

export { worstApplyMethod } from "./apply-method";

/** Group names a `group`-method apply must stop and restart. */
export function groupsToRestart(changes: readonly Change[]): string[] {
  return [...new Set(changes.filter((c) => c.applyMethod === "group").flatMap((c) => c.groups ?? []))].sort();
}
