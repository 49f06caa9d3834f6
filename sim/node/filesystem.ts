// A node's simulated filesystem: volumes (drive letters on Windows, mount points on Linux), each a
// store of entries keyed by normalized relative path. A mirror disk's data partition is one store
// attached on both nodes, so the standby holds exactly the active node's data; access per node
// ("rw" | "ro" | "none") models which node may use the partition.
import { SimError, type SimFs, type SimOs, type SimVolume, type VolumeAccess } from "./types";

export type AceRight = "FullControl" | "Modify" | "ReadAndExecute" | "Read" | "Write" | "ListDirectory";

export interface Ace {
  identity: string;
  rights: AceRight[];
  type: "allow" | "deny";
  inherited: boolean;
  inherit: boolean;
}

export interface FsEntry {
  /** The name as it was created (Windows keeps case for display, compares case-insensitively). */
  name: string;
  type: "file" | "directory";
  data?: Buffer;
  mtimeMs: number;
  mode: number;
  owner: string;
  acl: Ace[];
}

export class VolumeStore implements SimVolume {
  generation = 0;
  /** The cluster's handle for this data when it is a mirror (its generation follows ours). */
  twin?: SimVolume;
  /** Key: normalized relative path ("" is the volume root). */
  readonly entries = new Map<string, FsEntry>();
  constructor(readonly id: string, owner: string) {
    this.entries.set("", { name: "", type: "directory", mtimeMs: Date.now(), mode: 0o755, owner, acl: [] });
  }
}

/** The store behind each mirror handle the cluster attaches (one per mirror disk). */
const MIRRORS = new WeakMap<SimVolume, VolumeStore>();

interface Mount {
  store: VolumeStore;
  access: VolumeAccess;
}

interface Resolved {
  volume: string;
  mount: Mount;
  /** Normalized key inside the volume. */
  key: string;
  /** The path's last component as given (for display names). */
  leaf: string;
}

export class SimFilesystem implements SimFs {
  private readonly mounts = new Map<string, Mount>();

  /** label: names this filesystem's own volume stores ("server01/E:"), unique within a lab. */
  constructor(readonly os: SimOs, private readonly defaultOwner: string, private readonly label = "") {}

  addVolume(volume: string, store = new VolumeStore(`${this.label}/${this.volumeKey(volume)}`, this.defaultOwner), access: VolumeAccess = "rw"): VolumeStore {
    this.mounts.set(this.volumeKey(volume), { store, access });
    return store;
  }

  volumes(): { volume: string; store: VolumeStore; access: VolumeAccess }[] {
    return [...this.mounts.entries()].map(([volume, m]) => ({ volume, store: m.store, access: m.access }));
  }

  // ----- SimFs -----

  exists(path: string): boolean {
    const r = this.resolve(path, "read", false);
    return r !== undefined && r.mount.store.entries.has(r.key);
  }

  isDirectory(path: string): boolean {
    const r = this.resolve(path, "read", false);
    return r?.mount.store.entries.get(r.key)?.type === "directory";
  }

  stat(path: string): FsEntry | undefined {
    const r = this.resolve(path, "read", false);
    return r?.mount.store.entries.get(r.key);
  }

  readFile(path: string): Buffer {
    const r = this.resolve(path, "read");
    const e = r.mount.store.entries.get(r.key);
    if (!e) throw new SimError("not-found", `${path}: no such file`);
    if (e.type !== "file") throw new SimError("invalid", `${path}: is a directory`);
    return Buffer.from(e.data ?? Buffer.alloc(0));
  }

  writeFile(path: string, data: Buffer): void {
    const r = this.resolve(path, "write");
    this.requireParent(r, path);
    const existing = r.mount.store.entries.get(r.key);
    if (existing?.type === "directory") throw new SimError("invalid", `${path}: is a directory`);
    r.mount.store.entries.set(r.key, {
      name: r.leaf,
      type: "file",
      data: Buffer.from(data),
      mtimeMs: Date.now(),
      mode: existing?.mode ?? 0o644,
      owner: existing?.owner ?? this.defaultOwner,
      acl: existing?.acl ?? this.inheritedAcl(r),
    });
    bump(r.mount.store);
  }

  mkdir(path: string): void {
    const r = this.resolve(path, "write");
    const parts = r.key === "" ? [] : r.key.split("/");
    const display = this.components(path).slice(-parts.length);
    for (let i = 1; i <= parts.length; i++) {
      const key = parts.slice(0, i).join("/");
      const e = r.mount.store.entries.get(key);
      if (e && e.type !== "directory") throw new SimError("exists", `${path}: a file is in the way`);
      if (!e) {
        const parentKey = parts.slice(0, i - 1).join("/");
        r.mount.store.entries.set(key, {
          name: display[i - 1] ?? parts[i - 1],
          type: "directory",
          mtimeMs: Date.now(),
          mode: 0o755,
          owner: this.defaultOwner,
          acl: inheritFrom(r.mount.store.entries.get(parentKey)),
        });
        bump(r.mount.store);
      }
    }
  }

  list(path: string): string[] {
    const r = this.resolve(path, "read");
    const dir = r.mount.store.entries.get(r.key);
    if (!dir || dir.type !== "directory") throw new SimError("not-found", `${path}: no such directory`);
    const prefix = r.key === "" ? "" : `${r.key}/`;
    const names: string[] = [];
    for (const [k, e] of r.mount.store.entries) {
      if (k !== r.key && k.startsWith(prefix) && !k.slice(prefix.length).includes("/")) names.push(e.name);
    }
    return names.sort();
  }

  remove(path: string, recursive = false): void {
    const r = this.resolve(path, "write");
    const e = r.mount.store.entries.get(r.key);
    if (!e) throw new SimError("not-found", `${path}: no such file or directory`);
    if (r.key === "") throw new SimError("invalid", `${path}: cannot remove a volume root`);
    const prefix = `${r.key}/`;
    const children = [...r.mount.store.entries.keys()].filter((k) => k.startsWith(prefix));
    if (children.length > 0 && !recursive) throw new SimError("invalid", `${path}: directory not empty`);
    for (const k of children) r.mount.store.entries.delete(k);
    r.mount.store.entries.delete(r.key);
    bump(r.mount.store);
  }

  /** Copies a file or a folder tree (to must not exist unless overwrite). */
  copy(from: string, to: string, overwrite: boolean): void {
    if (!this.exists(from)) throw new SimError("not-found", `${from}: no such file or directory`);
    if (this.exists(to)) {
      if (!overwrite) throw new SimError("exists", `${to}: already exists`);
      this.remove(to, true);
    }
    this.copyTree(from, to);
  }

  private copyTree(from: string, to: string): void {
    const source = this.stat(from) as FsEntry;
    if (source.type === "directory") {
      this.mkdir(to);
      for (const name of this.list(from)) this.copyTree(this.join(from, name), this.join(to, name));
    } else {
      this.writeFile(to, source.data ?? Buffer.alloc(0));
    }
    const copied = this.stat(to) as FsEntry;
    copied.acl = source.acl.map((a) => ({ ...a }));
  }

  move(from: string, to: string, overwrite: boolean): void {
    this.copy(from, to, overwrite);
    this.remove(from, true);
  }

  getAcl(path: string): { owner: string; acl: Ace[] } {
    const e = this.stat(path);
    if (!e) throw new SimError("not-found", `${path}: no such file or directory`);
    return { owner: e.owner, acl: e.acl.map((a) => ({ ...a })) };
  }

  /** Replaces the explicit rules of the named identities (replace) or adds rules; inherited rules stay. */
  setAcl(path: string, rules: Ace[], replace: boolean): boolean {
    const r = this.resolve(path, "write");
    const e = r.mount.store.entries.get(r.key);
    if (!e) throw new SimError("not-found", `${path}: no such file or directory`);
    const before = JSON.stringify(e.acl);
    const names = new Set(rules.map((x) => x.identity.toLowerCase()));
    let acl = replace ? e.acl.filter((a) => a.inherited || !names.has(a.identity.toLowerCase())) : [...e.acl];
    for (const rule of rules) {
      const same = acl.find((a) => !a.inherited && a.identity.toLowerCase() === rule.identity.toLowerCase() && a.type === rule.type && a.inherit === rule.inherit);
      if (same) same.rights = [...new Set([...same.rights, ...rule.rights])];
      else acl = [...acl, { ...rule, inherited: false }];
    }
    e.acl = acl;
    // Inheritable rules flow to everything below, as NTFS propagation does.
    const prefix = r.key === "" ? "" : `${r.key}/`;
    for (const [k, child] of r.mount.store.entries) {
      if (k !== r.key && k.startsWith(prefix)) child.acl = [...child.acl.filter((a) => !a.inherited), ...acl.filter((a) => a.inherit).map((a) => ({ ...a, inherited: true }))];
    }
    return JSON.stringify(e.acl) !== before;
  }

  setVolumeAccess(volume: string, access: VolumeAccess): void {
    this.mount(volume).access = access;
  }

  volumeAccess(volume: string): VolumeAccess {
    return this.mount(volume).access;
  }

  /**
   * Makes `shared` the data of this volume. The first node to attach a mirror brings its current data
   * (the initial mirror copy); every later node attaching the same handle sees that one store.
   */
  attachVolume(volume: string, shared: SimVolume): void {
    const mount = this.mount(volume);
    if (shared instanceof VolumeStore) {
      mount.store = shared;
      return;
    }
    let store = MIRRORS.get(shared);
    if (!store) {
      store = new VolumeStore(shared.id, this.defaultOwner);
      for (const [k, e] of mount.store.entries) store.entries.set(k, { ...e, acl: e.acl.map((a) => ({ ...a })) });
      store.generation = Math.max(shared.generation, mount.store.generation);
      store.twin = shared;
      MIRRORS.set(shared, store);
    }
    mount.store = store;
  }

  volumeStore(volume: string): VolumeStore {
    return this.mount(volume).store;
  }

  // ----- paths -----

  /** Splits a path into components, without the volume. */
  components(path: string): string[] {
    const p = this.os === "windows" ? path.replace(/\//g, "\\").replace(/^[A-Za-z]:/, "") : path;
    return p.split(this.os === "windows" ? "\\" : "/").filter((c) => c !== "" && c !== ".");
  }

  join(base: string, ...parts: string[]): string {
    const sep = this.os === "windows" ? "\\" : "/";
    return [base.replace(/[\\/]+$/, ""), ...parts].join(sep);
  }

  private volumeKey(volume: string): string {
    return this.os === "windows" ? volume.replace(/[\\/]+$/, "").toUpperCase() : volume.replace(/\/+$/, "") || "/";
  }

  private mount(volume: string): Mount {
    const m = this.mounts.get(this.volumeKey(volume));
    if (!m) throw new SimError("not-found", `${volume}: no such volume`);
    return m;
  }

  private resolve(path: string, intent: "read" | "write"): Resolved;
  private resolve(path: string, intent: "read" | "write", strict: false): Resolved | undefined;
  private resolve(path: string, intent: "read" | "write", strict = true): Resolved | undefined {
    try {
      const r = this.locate(path);
      const access = r.mount.access;
      if (access === "none" || (intent === "write" && access === "ro")) {
        throw new SimError("access-denied", `${path}: access is denied (volume ${r.volume} is ${access === "none" ? "not accessible on this node" : "read-only"})`);
      }
      return r;
    } catch (e) {
      if (!strict && e instanceof SimError) return undefined;
      throw e;
    }
  }

  private locate(path: string): Resolved {
    if (this.os === "windows") {
      const m = /^([A-Za-z]:)(?:[\\/]|$)/.exec(path);
      if (!m) throw new SimError("invalid", `${path}: not an absolute Windows path`);
      const volume = m[1].toUpperCase();
      const parts = this.components(path);
      if (parts.includes("..")) throw new SimError("invalid", `${path}: '..' is not allowed`);
      return { volume, mount: this.mount(volume), key: parts.map((p) => p.toLowerCase()).join("/"), leaf: parts[parts.length - 1] ?? "" };
    }
    if (!path.startsWith("/")) throw new SimError("invalid", `${path}: not an absolute path`);
    const parts = this.components(path);
    if (parts.includes("..")) throw new SimError("invalid", `${path}: '..' is not allowed`);
    let best = "/";
    for (const v of this.mounts.keys()) {
      if (v !== "/" && (path === v || path.startsWith(`${v}/`)) && v.length > best.length) best = v;
    }
    const rel = best === "/" ? parts : parts.slice(this.components(best).length);
    return { volume: best, mount: this.mount(best), key: rel.join("/"), leaf: parts[parts.length - 1] ?? "" };
  }

  private requireParent(r: Resolved, path: string): void {
    const parentKey = r.key.includes("/") ? r.key.slice(0, r.key.lastIndexOf("/")) : "";
    const parent = r.mount.store.entries.get(parentKey);
    if (!parent || parent.type !== "directory") throw new SimError("not-found", `${path}: the parent folder does not exist`);
  }

  private inheritedAcl(r: Resolved): Ace[] {
    const parentKey = r.key.includes("/") ? r.key.slice(0, r.key.lastIndexOf("/")) : "";
    return inheritFrom(r.mount.store.entries.get(parentKey));
  }
}

function bump(store: VolumeStore): void {
  store.generation++;
  if (store.twin) store.twin.generation = store.generation;
}

function inheritFrom(parent: FsEntry | undefined): Ace[] {
  return (parent?.acl ?? []).filter((a) => a.inherit).map((a) => ({ ...a, inherited: true }));
}
