// Model changes → minimal document edits. Each function changes only the elements its object
// owns, leaves unmodelled children alone, keeps `<types>` declarations and group membership in
// step, and recomputes `webmgr/client/objectnumber`.
import {
  CLUSTER_FIELDS, Entry, MONITOR_FIELDS, fieldEntries, groupEntries, heartbeatEntries, ManagedList, monitorEntries, networkPartitionEntries, objectsIn,
  readMonitor, resourceEntries, sameValue, serverEntries, specFromEntries,
} from "./codec";
import { ClpDocument, findElement, insertElement, removeChildren, removeElement, setValue } from "./document";
import { checkInvariants, Violation } from "./invariants";
import {
  Cluster, ClusterConfig, Group, Heartbeat, MirrorDiskResource, Monitor, NetworkPartition, Resource, resourceRef, Server, watchedResource,
} from "./model";
import { computeObjectNumber } from "./objectnumber";
import { readModel } from "./read";
import { attribute, childElements, elementKey, findPath, textContent, XmlElement } from "./xml-lossless";

export class ClpConfError extends Error {
  constructor(message: string, readonly violations: Violation[] = []) {
    super(violations.length === 0 ? message : `${message}:\n${violations.map((v) => `  ${v.path}: [${v.rule}] ${v.message}`).join("\n")}`);
    this.name = "ClpConfError";
  }
}

const join = (a: string, b: string) => (b === "" ? a : `${a}/${b}`);

/** Write entries into an existing object and drop list children the model no longer has. */
function writeEntries(doc: ClpDocument, base: string, entries: Entry[], lists: ManagedList[]): ClpDocument {
  for (const list of lists) {
    const where = list.onlyWhere;
    const belongs = (el: XmlElement) => {
      const at = where && findPath(el, where.path);
      return !where || (at !== undefined && where.values.includes(textContent(at).trim()));
    };
    doc = removeChildren(doc, join(base, list.parent), (el) => el.name === list.child && belongs(el) && !list.keys.includes(elementKey(el) ?? ""));
  }
  for (const e of entries) {
    const path = `${base}/${e.path}`;
    // An absent element already means the product's default: writing the default is no change.
    if (e.absentMeans !== undefined && e.value !== null && sameValue(e.absentMeans, e.value, e.type) && !findElement(doc, path)) continue;
    if (e.value === null) {
      // Presence-only element (`<depend name="x"/>`, `<resource name="t@n"/>`): create if missing, never rewrite.
      if (!findElement(doc, path)) doc = setValue(doc, path, "", () => true);
    } else {
      doc = setValue(doc, path, e.value, (a, b) => sameValue(a, b, e.type));
    }
  }
  return doc;
}

/** Insert a new object element in a section, declaring its `<types>` first if the section lacks it. */
function insertInSection(doc: ClpDocument, section: string, type: string, name: string, entries: Entry[]): ClpDocument {
  if (!findElement(doc, section)) doc = insertElement(doc, "", { name: section }, { after: lastChild(doc.root) });
  let sectionEl = findElement(doc, section)!;
  const declared = childElements(sectionEl, "types").some((t) => attribute(t, "name") === type);
  if (!declared) {
    const types = childElements(sectionEl, "types");
    const firstObject = childElements(sectionEl).find((c) => c.name !== "types");
    const at = types.length > 0 ? { after: types[types.length - 1] } : firstObject ? { before: firstObject } : {};
    doc = insertElement(doc, section, { name: "types", attributes: { name: type } }, at);
    sectionEl = findElement(doc, section)!;
  }
  const sameType = childElements(sectionEl, type);
  const after = sameType[sameType.length - 1] ?? lastChild(sectionEl);
  return insertElement(doc, section, specFromEntries(type, name, entries), { after });
}

function lastChild(el: XmlElement): XmlElement | undefined {
  const children = childElements(el);
  return children[children.length - 1];
}

function insertAtRoot(doc: ClpDocument, elementName: string, name: string, entries: Entry[]): ClpDocument {
  const same = childElements(doc.root, elementName);
  return insertElement(doc, "", specFromEntries(elementName, name, entries), { after: same[same.length - 1] ?? lastChild(doc.root) });
}

/** Remove a section object and, when it was the last of its type, the type's `<types>` declarations. */
function removeFromSection(doc: ClpDocument, section: string, type: string, name: string): ClpDocument {
  doc = removeElement(doc, `${section}/${type}@${name}`);
  const sectionEl = findElement(doc, section);
  if (sectionEl && childElements(sectionEl, type).length === 0) {
    doc = removeChildren(doc, section, (el) => el.name === "types" && attribute(el, "name") === type);
  }
  return doc;
}

function findInSection(doc: ClpDocument, section: string, name: string): XmlElement | undefined {
  return objectsIn(doc.root, section).find((c) => attribute(c, "name") === name);
}

/** Recompute the derived object count (creating `webmgr/client/objectnumber` if the file lacks it). */
export function updateObjectNumber(doc: ClpDocument): ClpDocument {
  // Counted from the elements readModel would read one object each from (every set and remove recomputes it, so
  // reading the whole model here made a commit of N objects read N growing models).
  const root = doc.root;
  const count = (section: string) => objectsIn(root, section).length;
  const n = computeObjectNumber({
    servers: childElements(root, "server"), groups: childElements(root, "group"), resources: { length: count("resource") }, monitors: { length: count("monitor") },
    heartbeats: { length: count("heartbeat") }, networkPartitions: { length: count("networkpartition") },
  });
  return setValue(doc, "webmgr/client/objectnumber", String(n), (a, b) => sameValue(a, b, "int"));
}

// ---------- cluster ----------

export function setCluster(doc: ClpDocument, cluster: Partial<Cluster>): ClpDocument {
  const entries = fieldEntries(cluster, CLUSTER_FIELDS);
  for (const e of entries) doc = setValue(doc, e.path, e.value!, (a, b) => sameValue(a, b, e.type));
  return doc;
}

// ---------- servers, heartbeats, network partition ----------

export function setServer(doc: ClpDocument, server: Server): ClpDocument {
  const { entries, lists } = serverEntries(server);
  const path = `server@${server.name}`;
  doc = findElement(doc, path) ? writeEntries(doc, path, entries, lists) : insertAtRoot(doc, "server", server.name, entries);
  return updateObjectNumber(doc);
}

export function removeServer(doc: ClpDocument, name: string): ClpDocument {
  return updateObjectNumber(removeElement(doc, `server@${name}`));
}

export function setHeartbeat(doc: ClpDocument, hb: Heartbeat): ClpDocument {
  return setSectionObject(doc, "heartbeat", hb.type, hb.name, heartbeatEntries(hb));
}

export function removeHeartbeat(doc: ClpDocument, name: string): ClpDocument {
  return removeSectionObject(doc, "heartbeat", name);
}

export function setNetworkPartition(doc: ClpDocument, np: NetworkPartition): ClpDocument {
  return setSectionObject(doc, "networkpartition", np.type, np.name, networkPartitionEntries(np));
}

export function removeNetworkPartition(doc: ClpDocument, name: string): ClpDocument {
  return removeSectionObject(doc, "networkpartition", name);
}

function setSectionObject(doc: ClpDocument, section: string, type: string, name: string, body: { entries: Entry[]; lists: ManagedList[] }): ClpDocument {
  const existing = findInSection(doc, section, name);
  if (existing && existing.name !== type) {
    throw new ClpConfError(`${section}/${existing.name}@${name}: cannot change its type to ${type}; remove it and add a new one`);
  }
  doc = existing
    ? writeEntries(doc, `${section}/${type}@${name}`, body.entries, body.lists)
    : insertInSection(doc, section, type, name, body.entries);
  return updateObjectNumber(doc);
}

function removeSectionObject(doc: ClpDocument, section: string, name: string): ClpDocument {
  const existing = findInSection(doc, section, name);
  return existing ? updateObjectNumber(removeFromSection(doc, section, existing.name, name)) : doc;
}

// ---------- groups ----------

function gidOf(group: XmlElement): number | undefined {
  const el = childElements(group, "gid")[0];
  const gid = el ? Number(textContent(el).trim()) : NaN;
  return Number.isInteger(gid) ? gid : undefined;
}

function nextGid(doc: ClpDocument): number | undefined {
  const groups = childElements(doc.root, "group");
  if (groups.length === 0) return 0;
  const gids = groups.map(gidOf).filter((g): g is number => g !== undefined);
  // A file whose groups carry no gid at all (older generators) keeps that style.
  if (gids.length === 0) return undefined;
  return Math.max(...gids) + 1;
}

export function setGroup(doc: ClpDocument, group: Group): ClpDocument {
  const path = `group@${group.name}`;
  const existing = findElement(doc, path);
  if (!existing) {
    const gid = group.gid ?? nextGid(doc);
    const { entries } = groupEntries({ comment: "", ...group, gid }, []);
    return updateObjectNumber(insertAtRoot(doc, "group", group.name, entries));
  }
  const { entries, lists } = groupEntries(group, undefined);
  // A failover group is written without `<type>`; an existing other type is turned back explicitly.
  if (group.type === "failover") {
    const typeEl = childElements(existing, "type")[0];
    if (typeEl && textContent(typeEl).trim() !== "failover") doc = setValue(doc, `${path}/type`, "failover");
  }
  return updateObjectNumber(writeEntries(doc, path, entries, lists));
}

/** Remove a group with the resources it lists; later groups' gids are renumbered to stay sequential. */
export function removeGroup(doc: ClpDocument, name: string): ClpDocument {
  const el = findElement(doc, `group@${name}`);
  if (!el) return doc;
  const removedGid = gidOf(el);
  const members = childElements(el, "resource").map((r) => attribute(r, "name") ?? "");
  doc = removeElement(doc, `group@${name}`);
  for (const ref of members) {
    const at = ref.indexOf("@");
    if (at > 0) doc = removeFromSection(doc, "resource", ref.slice(0, at), ref.slice(at + 1));
  }
  if (removedGid !== undefined) {
    for (const g of childElements(doc.root, "group")) {
      const gid = gidOf(g);
      if (gid !== undefined && gid > removedGid) doc = setValue(doc, `group@${attribute(g, "name")}/gid`, String(gid - 1));
    }
  }
  return updateObjectNumber(doc);
}

// ---------- resources ----------

/** New objects always get a `<comment>` first, as the WebUI writes them. */
function withComment(entries: Entry[]): Entry[] {
  return entries.some((e) => e.path === "comment") ? entries : [{ path: "comment", value: "", type: "text" }, ...entries];
}

export function setResource(doc: ClpDocument, resource: Resource): ClpDocument {
  if (!findElement(doc, `group@${resource.group}`)) {
    throw new ClpConfError(`resource/${resource.type}@${resource.name}: [group-exists] its group "${resource.group}" does not exist; set the group first`);
  }
  const ref = resourceRef(resource);
  // Move membership if the resource is listed in another group.
  for (const g of childElements(doc.root, "group")) {
    const gname = attribute(g, "name") ?? "";
    if (gname !== resource.group && childElements(g, "resource").some((r) => attribute(r, "name") === ref)) {
      doc = removeElement(doc, `group@${gname}/resource@${ref}`);
    }
  }
  if (!findElement(doc, `group@${resource.group}/resource@${ref}`)) {
    const groupEl = findElement(doc, `group@${resource.group}`)!;
    const entries = childElements(groupEl, "resource");
    // The WebUI lists members right after the comment (and type), before gid and attributes.
    const after = entries[entries.length - 1] ?? childElements(groupEl, "comment")[0] ?? childElements(groupEl, "type")[0];
    const spec = { name: "resource", attributes: { name: ref } };
    doc = after ? insertElement(doc, `group@${resource.group}`, spec, { after }) : insertElement(doc, `group@${resource.group}`, spec);
  }
  const existing = findInSection(doc, "resource", resource.name);
  if (existing) resource = withoutCreateOnly(resource);
  else if (resource.type === "md" && (resource as MirrorDiskResource).nmpPath) {
    resource = { ...resource, nmpPath: freeNmpPath(doc, (resource as MirrorDiskResource).nmpPath!) } as MirrorDiskResource;
  }
  const { entries, lists } = resourceEntries(resource);
  if (existing && existing.name !== resource.type) {
    throw new ClpConfError(`resource/${existing.name}@${resource.name}: cannot change its type to ${resource.type}; remove it and add a new one`);
  }
  doc = existing
    ? writeEntries(doc, `resource/${resource.type}@${resource.name}`, entries, lists)
    : insertInSection(doc, "resource", resource.type, resource.name, withComment(entries));
  return updateObjectNumber(doc);
}

const SINGLETON_MONITORS = ["userw"];

/**
 * The name a desired monitor takes: its own when clp.conf has it (a monitor made by an earlier
 * version keeps its `fipw-<name>`); else the name of the existing monitor of the same type that
 * watches the same resource (a WebUI-made `fipw1` is kept, not joined by a second fipw); else, for a
 * new monitor, the product's naming: the type and the lowest free number (`fipw1`, `mdw2`, …), unless
 * the program named it itself (`named`).
 */
export function monitorName(monitors: readonly Monitor[], m: Monitor): string {
  if (monitors.some((x) => x.name === m.name)) return m.name;
  // A cluster has one user-mode monitor, whatever it is called.
  if (SINGLETON_MONITORS.includes(m.type)) return monitors.find((x) => x.type === m.type)?.name ?? m.name;
  const watched = watchedResource(m);
  const adopted = watched && monitors.find((x) => x.type === m.type && watchedResource(x) === watched)?.name;
  if (adopted) return adopted;
  if (m.named) return m.name;
  const taken = new Set(monitors.map((x) => x.name.toLowerCase()));
  for (let n = 1; ; n++) if (!taken.has(`${m.type}${n}`.toLowerCase())) return `${m.type}${n}`;
}

/** Removing monitors: by the name a new one gets and by what they watch (an adopted one keeps its own name). */
export function monitorRemoval(monitors: readonly Monitor[]): { monitors: string[]; monitorsWatching: { type: string; resource: string }[] } {
  return {
    monitors: monitors.map((m) => m.name),
    monitorsWatching: monitors.flatMap((m) => {
      const resource = watchedResource(m);
      return resource ? [{ type: m.type, resource }] : [];
    }),
  };
}

/** Remove every monitor of a type that watches a resource, whatever its name. */
export function removeMonitorsWatching(doc: ClpDocument, type: string, resource: string): ClpDocument {
  for (const m of readModel(doc).monitors) if (m.type === type && watchedResource(m) === resource) doc = removeMonitor(doc, m.name);
  return doc;
}

/** A new Linux mirror disk's NMP device: the one asked for unless another mirror disk has it, else the lowest free /dev/NMPn. */
function freeNmpPath(doc: ClpDocument, wanted: string): string {
  const taken = new Set(readModel(doc).resources.flatMap((r) => (r.type === "md" && (r as MirrorDiskResource).nmpPath ? [(r as MirrorDiskResource).nmpPath!] : [])));
  if (!taken.has(wanted)) return wanted;
  for (let n = 1; ; n++) if (!taken.has(`/dev/NMP${n}`)) return `/dev/NMP${n}`;
}

/** Remove a resource (by name) and its group membership entry. Monitors that watch it are left to the caller. */
export function removeResource(doc: ClpDocument, name: string): ClpDocument {
  const el = findInSection(doc, "resource", name);
  if (!el) return doc;
  const ref = `${el.name}@${name}`;
  doc = removeFromSection(doc, "resource", el.name, name);
  for (const g of childElements(doc.root, "group")) {
    const gname = attribute(g, "name") ?? "";
    if (childElements(g, "resource").some((r) => attribute(r, "name") === ref)) doc = removeElement(doc, `group@${gname}/resource@${ref}`);
  }
  return updateObjectNumber(doc);
}

// ---------- monitors ----------

/** An object without the fields it sets only at creation (for an object that exists already). */
function withoutCreateOnly<T extends { createOnly?: string[] }>(o: T): T {
  if (!o.createOnly) return o;
  const out: Record<string, unknown> = { ...o };
  for (const k of o.createOnly) delete out[k];
  return out as T;
}

export function setMonitor(doc: ClpDocument, monitor: Monitor): ClpDocument {
  const existing = findInSection(doc, "monitor", monitor.name);
  if (existing) {
    monitor = withoutCreateOnly(monitor);
    for (const key of monitor.onlyIfPresent ?? []) {
      const field = MONITOR_FIELDS.find((f) => f.key === key);
      if (field && !findPath(existing, field.path)) monitor = { ...monitor, [key]: undefined };
    }
  }
  const exists = existing !== undefined;
  const body = monitorEntries(monitor);
  if (!exists) body.entries = withComment(body.entries);
  return setSectionObject(doc, "monitor", monitor.type, monitor.name, body);
}

export function removeMonitor(doc: ClpDocument, name: string): ClpDocument {
  return removeSectionObject(doc, "monitor", name);
}

// ---------- a whole desired model ----------

export interface DesiredConfig {
  cluster?: Partial<Cluster>;
  servers?: Server[];
  heartbeats?: Heartbeat[];
  networkPartitions?: NetworkPartition[];
  groups?: Group[];
  resources?: Resource[];
  monitors?: Monitor[];
  /** Objects to delete, by name; monitors also by what they watch (an adopted monitor keeps its own name). */
  remove?: {
    servers?: string[]; heartbeats?: string[]; networkPartitions?: string[]; groups?: string[]; resources?: string[]; monitors?: string[];
    monitorsWatching?: { type: string; resource: string }[];
  };
}

/**
 * Apply desired objects (objects not mentioned are kept as they are), then validate the result.
 * Throws ClpConfError listing every error-level invariant violation.
 */
export function applyModel(doc: ClpDocument, desired: DesiredConfig, options: { validate?: boolean } = {}): ClpDocument {
  const rm = desired.remove ?? {};
  // A configuration without servers is new (readModel's servers are exactly these elements; no whole read for a count).
  const newConfiguration = childElements(doc.root, "server").length === 0;
  if (desired.cluster) doc = setCluster(doc, desired.cluster);
  for (const name of rm.monitors ?? []) doc = removeMonitor(doc, name);
  for (const w of rm.monitorsWatching ?? []) doc = removeMonitorsWatching(doc, w.type, w.resource);
  for (const name of rm.resources ?? []) doc = removeResource(doc, name);
  for (const name of rm.groups ?? []) doc = removeGroup(doc, name);
  for (const name of rm.networkPartitions ?? []) doc = removeNetworkPartition(doc, name);
  for (const name of rm.heartbeats ?? []) doc = removeHeartbeat(doc, name);
  for (const name of rm.servers ?? []) doc = removeServer(doc, name);
  for (const s of desired.servers ?? []) doc = setServer(doc, s);
  for (const h of desired.heartbeats ?? []) doc = setHeartbeat(doc, h);
  for (const n of desired.networkPartitions ?? []) doc = setNetworkPartition(doc, n);
  for (const g of desired.groups ?? []) doc = setGroup(doc, g);
  for (const r of desired.resources ?? []) doc = setResource(doc, r);
  // The monitors as the file has them, plus each one set here (its name is then taken): read once.
  const monitors = objectsIn(doc.root, "monitor").map(readMonitor);
  for (const m of desired.monitors ?? []) {
    if (m.newConfigurationOnly && !newConfiguration) continue;
    const { named: _named, newConfigurationOnly: _new, ...monitor } = m;
    const named = { ...monitor, name: monitorName(monitors, m) };
    doc = setMonitor(doc, named);
    if (!monitors.some((x) => x.name === named.name)) monitors.push(named);
  }
  if (options.validate !== false) assertValid(readModel(doc));
  return doc;
}

export function assertValid(config: ClusterConfig): void {
  const errors = checkInvariants(config).filter((v) => v.severity === "error");
  if (errors.length > 0) throw new ClpConfError("clp.conf would violate the cluster's rules", errors);
}
