// A small in-memory SimNodeApi for the cluster model's unit tests (the real simulated node lives in sim/node/).
// Like sim/node, every volume starts with the node's own store ("server01/E:"); attachVolume mounts another
// store there. Content is held by the FakeWorld per store id, so a mirror disk's data is one set of files
// visible on whichever node has access to it (also across ClusterSim.restore()).

import {
  SimError, type RegTreeData, type SimFs, type SimNodeApi, type SimOs, type SimProcesses, type SimRegistry,
  type SimService, type SimServices, type SimVolume, type VolumeAccess,
} from "../../../sim/node/types";

export class FakeWorld {
  /** Volume content by SimVolume.id: relative path (lower-cased on Windows) → bytes. */
  readonly volumes = new Map<string, Map<string, Buffer>>();
  content(id: string): Map<string, Buffer> {
    let m = this.volumes.get(id);
    if (!m) {
      m = new Map();
      this.volumes.set(id, m);
    }
    return m;
  }
}

export interface ProcessRun {
  path: string;
  env: Record<string, string>;
}

class FakeServices implements SimServices {
  private readonly map = new Map<string, SimService>();
  constructor(private readonly os: SimOs) {}
  private key(n: string) {
    return this.os === "windows" ? n.toLowerCase() : n;
  }
  get(name: string) {
    return this.map.get(this.key(name));
  }
  list() {
    return [...this.map.values()];
  }
  start(name: string) {
    const s = this.get(name);
    if (!s) throw new SimError("not-found", `service ${name} not found`);
    if (s.startup === "disabled") throw new SimError("disabled", `service ${name} is disabled`);
    for (const d of s.dependsOn) this.start(d);
    s.state = "running";
  }
  stop(name: string) {
    const s = this.get(name);
    if (!s) throw new SimError("not-found", `service ${name} not found`);
    for (const other of this.map.values()) if (other.state === "running" && other.dependsOn.some((d) => this.key(d) === this.key(name))) this.stop(other.name);
    s.state = "stopped";
  }
  define(service: SimService) {
    this.map.set(this.key(service.name), { ...service, dependsOn: [...service.dependsOn] });
  }
}

class FakeFs implements SimFs {
  private readonly dirs = new Set<string>();
  private readonly access = new Map<string, VolumeAccess>();
  /** Each volume starts with its own store ("<node>/<volume>"), like sim/node; attachVolume swaps it. */
  private readonly mounted = new Map<string, SimVolume>();
  constructor(private readonly os: SimOs, private readonly world: FakeWorld, private readonly label: string) {}

  private norm(p: string): string {
    return this.os === "windows" ? p.replace(/\//g, "\\").replace(/\\+$/, "").toLowerCase() : p.replace(/\/+$/, "");
  }
  private volumeOf(p: string): string {
    if (this.os === "windows") {
      const m = /^([A-Za-z]):/.exec(p);
      return m ? `${m[1].toUpperCase()}:` : "C:";
    }
    let best = "/";
    for (const v of [...this.mounted.keys(), ...this.access.keys()]) if ((p === v || p.startsWith(v + "/")) && v.length > best.length) best = v;
    return best;
  }
  volumeStore(volume: string): SimVolume {
    let s = this.mounted.get(volume);
    if (!s) {
      s = { id: `${this.label}/${volume}`, generation: 0 };
      this.mounted.set(volume, s);
    }
    return s;
  }
  private where(p: string): { map: Map<string, Buffer>; key: string; volume: string; store: SimVolume } {
    const volume = this.volumeOf(p);
    const store = this.volumeStore(volume);
    return { map: this.world.content(store.id), key: this.norm(p).slice(volume.length), volume, store };
  }
  private check(volume: string, write: boolean) {
    const a = this.volumeAccess(volume);
    if (a === "none" || (write && a === "ro")) throw new SimError("access-denied", `volume ${volume} is not accessible (${a})`);
  }
  exists(p: string) {
    const w = this.where(p);
    return w.map.has(w.key) || this.dirs.has(this.norm(p));
  }
  isDirectory(p: string) {
    return this.dirs.has(this.norm(p));
  }
  readFile(p: string) {
    const w = this.where(p);
    this.check(w.volume, false);
    const b = w.map.get(w.key);
    if (!b) throw new SimError("not-found", `${p} not found`);
    return Buffer.from(b);
  }
  writeFile(p: string, data: Buffer) {
    const w = this.where(p);
    this.check(w.volume, true);
    w.map.set(w.key, Buffer.from(data));
    w.store.generation++;
  }
  mkdir(p: string) {
    this.dirs.add(this.norm(p));
  }
  list(p: string) {
    const w = this.where(p);
    const sep = this.os === "windows" ? "\\" : "/";
    const prefix = w.key === "" ? sep : w.key + sep;
    return [...new Set([...w.map.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split(sep)[0]))];
  }
  remove(p: string) {
    const w = this.where(p);
    w.map.delete(w.key);
    this.dirs.delete(this.norm(p));
  }
  setVolumeAccess(volume: string, access: VolumeAccess) {
    this.access.set(volume, access);
  }
  volumeAccess(volume: string): VolumeAccess {
    return this.access.get(volume) ?? "rw";
  }
  attachVolume(volume: string, store: SimVolume) {
    this.mounted.set(volume, store);
  }
}

class FakeRegistry implements SimRegistry {
  readonly keys = new Map<string, RegTreeData>();
  exportTree(key: string) {
    const t = this.keys.get(key.toLowerCase());
    return t ? (JSON.parse(JSON.stringify(t)) as RegTreeData) : undefined;
  }
  importTree(tree: RegTreeData) {
    this.keys.set(tree.key.toLowerCase(), JSON.parse(JSON.stringify(tree)) as RegTreeData);
  }
}

export class FakeNode implements SimNodeApi {
  up = true;
  readonly services: FakeServices;
  readonly fs: FakeFs;
  readonly registry?: FakeRegistry;
  readonly runs: ProcessRun[] = [];
  /** Exit code per path (default 0). */
  readonly exitCodes = new Map<string, number>();
  readonly processes: SimProcesses;
  readonly activeAddresses = new Set<string>();
  readonly nics = new Map<string, boolean>();
  /** Drive letter ("E") → volume GUID; a letter not here has no GUID (tests set what they need). */
  readonly volumeGuids = new Map<string, string>();

  constructor(readonly name: string, readonly os: SimOs, world: FakeWorld) {
    this.services = new FakeServices(os);
    this.fs = new FakeFs(os, world, name);
    if (os === "windows") this.registry = new FakeRegistry();
    this.processes = {
      run: (path, env) => {
        this.runs.push({ path, env: { ...env } });
        return { exitCode: this.exitCodes.get(path) ?? 0, stdout: "" };
      },
    };
  }

  isUp() {
    return this.up;
  }

  volumeGuid(letter: string): string | undefined {
    return this.os === "windows" ? this.volumeGuids.get(letter.replace(/[:\\]+$/, "").toUpperCase()) : undefined;
  }

  /** A service as the seed's Windows settings leave it: startup Manual, stopped. */
  addService(name: string, displayName = name) {
    this.services.define({ name, displayName, startup: "manual", state: "stopped", dependsOn: [] });
  }
}

export function fakeNodes(os: SimOs, ...names: string[]): { world: FakeWorld; nodes: FakeNode[] } {
  const world = new FakeWorld();
  return { world, nodes: names.map((n) => new FakeNode(n, os, world)) };
}
