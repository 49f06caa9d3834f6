// The simulated CLUSTERPRO X behaviour of one cluster, as a pure in-memory model over SimNodeApi nodes.
// No sockets, no processes: nodes are reached only through sim/node/types.ts. Commands (clpcl, clpgrp, …) are in
// commands.ts and call the operations below; the lab CLI and tests may call these operations directly.

import { SimError, type SimNodeApi, type SimVolume, type RegTreeData } from "../node/types";
import { readConf, startupServers, normalizeVolume, textAt, childrenOf, ConfError, type ClusterConf, type GroupConf, type MonitorConf } from "./conf";
import { activationOrder, dependents, effectiveDependencies } from "./dependencies";
import { classify, diffTrees, LEVEL_TEXT, type ApplyLevel, type ClassifiedChange } from "./apply-rules";
import type { ClusterState, ClusterStatus, MirrorStatus } from "./render";
import { ClusterOpError } from "./errors";
import { missingRequiredElements } from "./required-elements";
import { execClp, type ClusterOps, type ExecContext, type ExecResult } from "./commands";

export { ClusterOpError };

export type ResourceState = "Online" | "Offline" | "Online Failure" | "Offline Failure";
export type MirrorState = "normal" | "broken" | "no-construction";

interface ServerRt {
  clusterService: "running" | "stopped";
  mirrorAgent: "running" | "stopped";
  pendingReboot: boolean;
  /** The cluster service starts with the OS (set by clpcl -s, cleared by clpcl -t). */
  enabled: boolean;
  /** Last observed availability, to detect transitions in tick(). */
  wasUp: boolean;
}

interface GroupRt {
  current: string | null;
  failed: boolean;
  /** CLP_EVENT of the last activation (START / FAILOVER / RECOVER), passed again to stop scripts. */
  event: string;
  resources: Record<string, ResourceState>;
}

interface MirrorRt {
  volume: string;
  servers: string[];
  storeId: string;
  state: MirrorState;
  /** Store generation each server is known to hold. */
  synced: Record<string, number>;
  lastUpdate: string | null;
  breakTime: string | null;
}

interface MonitorRt {
  status: string;
  restarts: number;
  failovers: number;
}

export interface ClusterEvent {
  seq: number;
  time: string;
  message: string;
}

export interface ClusterStats {
  pushes: number;
  refusedPushes: number;
  pulls: number;
  failovers: number;
  commands: Record<string, number>;
}

export interface PushOptions {
  /** Server the command runs on (for the event log). */
  from?: string;
  /** `--force`: push even if some servers are unreachable (they keep their old copy until they come back). */
  force?: boolean;
}

export interface PushResult {
  /** False when the bytes equal the configuration the cluster already has. */
  changed: boolean;
  /** Strictest apply level among the changes (upload when nothing or only bookkeeping changed). */
  level: ApplyLevel;
  changes: { path: string; kind: string; rule: string; level: ApplyLevel }[];
  delivered: string[];
  unreachable: string[];
}

export interface ClusterSimOptions {
  nodes: SimNodeApi[];
  /** Install directory per OS (default C:\Program Files\EXPRESSCLUSTER and /opt/nec/clusterpro). */
  installDir?: { windows?: string; linux?: string };
  /** Clock for Lastupdate/Break times and the event log (default: new Date()). */
  now?: () => Date;
  /** Also write pushed clp.conf to <install>/etc/clp.conf on the node's filesystem (best effort, default true). */
  writeConfToNodeFs?: boolean;
}

export interface ClusterSnapshot {
  version: 1;
  confB64: Record<string, string>;
  currentB64: string | null;
  suspended: boolean;
  failed: string[];
  servers: Record<string, ServerRt>;
  groups: Record<string, GroupRt>;
  mirrors: Record<string, MirrorRt & { generation: number }>;
  monitors: Record<string, MonitorRt>;
  faults: Record<string, { remaining: number; exitCode: number }>;
  stats: ClusterStats;
  events: ClusterEvent[];
  installDir: { windows?: string; linux?: string };
}

/** Optional extension of SimFs implemented by sim/node: the store object currently mounted at a volume. */
interface StoreOwningFs {
  volumeStore?(volume: string): SimVolume;
}

const LEVEL_RANK: Record<ApplyLevel, number> = { "upload": 0, "group-stop": 1, "suspend": 2, "group-suspend": 3, "cluster-stop": 4, "reboot": 5 };

export class ClusterSim implements ClusterOps {
  readonly stats: ClusterStats = { pushes: 0, refusedPushes: 0, pulls: 0, failovers: 0, commands: {} };
  readonly events: ClusterEvent[] = [];
  /** The bytes of the last push the cluster refused and why (for inspection; never loaded). */
  lastRefusedPush?: { bytes: Buffer; reason: string };
  /** Install directories given in the options (otherwise detected per node, see installDirOf). */
  private readonly explicitInstall: { windows?: string; linux?: string };
  private readonly nodes = new Map<string, SimNodeApi>();
  private readonly now: () => Date;
  private readonly writeConfToNodeFs: boolean;
  private readonly confCopies = new Map<string, Buffer>();
  private current: { bytes: Buffer; conf: ClusterConf } | undefined;
  private suspended = false;
  private readonly failed = new Set<string>();
  private readonly servers = new Map<string, ServerRt>();
  private readonly groups = new Map<string, GroupRt>();
  private readonly mirrors = new Map<string, MirrorRt>();
  private readonly stores = new Map<string, SimVolume>();
  private readonly monitors = new Map<string, MonitorRt>();
  private readonly faults = new Map<string, { remaining: number; exitCode: number }>();
  private seq = 0;

  constructor(opts: ClusterSimOptions) {
    for (const n of opts.nodes) this.nodes.set(n.name.toLowerCase(), n);
    this.explicitInstall = { ...opts.installDir };
    this.now = opts.now ?? (() => new Date());
    this.writeConfToNodeFs = opts.writeConfToNodeFs ?? true;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Nodes, faults, log

  node(name: string): SimNodeApi | undefined {
    return this.nodes.get(name.toLowerCase());
  }

  /** A server is up when its node exists, answers (isUp) and was not failed with failNode(). */
  isUp(server: string): boolean {
    const n = this.node(server);
    return n !== undefined && n.isUp() && !this.failed.has(server.toLowerCase());
  }

  /** Simulates a power loss of the node as far as the cluster is concerned; the next tick() reacts. */
  failNode(name: string): void {
    this.refreshMirrors();
    this.failed.add(name.toLowerCase());
  }

  /** Undoes failNode(); the node counts as rebooted (clears a pending reboot). The next tick() lets it rejoin. */
  recoverNode(name: string): void {
    this.failed.delete(name.toLowerCase());
    this.nodeRebooted(name);
  }

  /** The lab tells the cluster a node's OS was rebooted: pending reboots clear, the mirror agent runs again. */
  nodeRebooted(name: string): void {
    const srv = this.serverName(name);
    const rt = srv ? this.servers.get(srv) : undefined;
    if (rt) {
      rt.pendingReboot = false;
      rt.mirrorAgent = "running";
    }
  }

  /** Makes the next `times` invocations of a clp* command fail (exitCode 9 simulates "busy"). times < 0 = forever. */
  failCommand(command: string, times = 1, exitCode = 1): void {
    this.faults.set(command.toLowerCase(), { remaining: times, exitCode });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Consumes one injected failure of `command`, if any. */
  takeFault(command: string): { exitCode: number } | undefined {
    const f = this.faults.get(command.toLowerCase());
    if (!f || f.remaining === 0) return undefined;
    if (f.remaining > 0) f.remaining--;
    return { exitCode: f.exitCode };
  }

  log(message: string): void {
    this.events.push({ seq: ++this.seq, time: this.now().toISOString(), message });
    if (this.events.length > 1000) this.events.splice(0, this.events.length - 1000);
  }

  /**
   * Runs a clp* command (clpcfctrl, clpcl, clpgrp, clprsc, clpstat, clpmdstat, clpmdctrl) on a node.
   * Throws SimError("node-down") when the node does not answer.
   */
  exec(nodeName: string, argv: string[], ctx: ExecContext = {}): ExecResult {
    return execClp(this, nodeName, argv, ctx);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Configuration

  /** The clp.conf bytes a node holds (undefined before the first push reached it). */
  conf(node: string): Buffer | undefined {
    return this.confCopies.get(node.toLowerCase());
  }

  /** The configuration the cluster runs with. */
  config(): ClusterConf | undefined {
    return this.current?.conf;
  }

  hasConfig(): boolean {
    return this.current !== undefined;
  }

  private requireConf(): ClusterConf {
    if (!this.current) throw new ClusterOpError("The cluster configuration does not exist. Upload it with clpcfctrl --push.");
    return this.current.conf;
  }

  /**
   * The product's install directory on a node: the option if given, else on Windows
   * `C:\\Program Files\\EXPRESSCLUSTER` or (Japanese builds) `C:\\Program Files\\CLUSTERPRO`, whichever exists
   * (EXPRESSCLUSTER when neither does); `/opt/nec/clusterpro` on Linux.
   */
  /** Copies a configuration folder's scripts/ tree (on `from`) into `server`'s install folder, replacing its scripts. */
  installScripts(server: string, from: SimNodeApi, scripts: string): void {
    const to = this.node(server);
    if (!to || !this.isUp(server)) return;
    const target = to.os === "windows" ? `${this.installDirOf(to)}\\scripts` : `${this.installDirOf(to)}/scripts`;
    if (to.fs.exists(target)) to.fs.remove(target, true);
    copyTree(from, scripts, to, target);
  }

  /** Writes `node`'s installed scripts/ tree into a pulled configuration folder (as clpcfctrl --pull does). */
  exportScripts(node: SimNodeApi, scripts: string): void {
    const source = node.os === "windows" ? `${this.installDirOf(node)}\\scripts` : `${this.installDirOf(node)}/scripts`;
    if (node.fs.exists(scripts)) node.fs.remove(scripts, true);
    if (node.fs.exists(source)) copyTree(node, source, node, scripts);
  }

  installDirOf(node: SimNodeApi): string {
    if (node.os === "linux") return this.explicitInstall.linux ?? "/opt/nec/clusterpro";
    if (this.explicitInstall.windows) return this.explicitInstall.windows;
    for (const dir of ["C:\\Program Files\\EXPRESSCLUSTER", "C:\\Program Files\\CLUSTERPRO"]) {
      try {
        if (node.fs.isDirectory(dir)) return dir;
      } catch {
        // not there
      }
    }
    return "C:\\Program Files\\EXPRESSCLUSTER";
  }

  /** `<install>\\etc\\clp.conf` on the node (where the product keeps the pushed configuration). */
  confPath(node: SimNodeApi): string {
    return node.os === "windows" ? `${this.installDirOf(node)}\\etc\\clp.conf` : `${this.installDirOf(node)}/etc/clp.conf`;
  }

  /** Validates bytes as the product's configuration check would (well-formed, references resolve, no loops). */
  check(bytes: Buffer): ClusterConf {
    let conf: ClusterConf;
    try {
      conf = readConf(bytes);
    } catch (e) {
      if (e instanceof ConfError) throw new ClusterOpError(`The configuration is invalid: ${e.message}`);
      throw e;
    }
    const missing = missingRequiredElements(conf.tree, conf.os, conf.servers.map((x) => x.name));
    if (missing.length > 0) {
      const more = missing.length > 5 ? `\n  … and ${missing.length - 5} more` : "";
      throw new ClusterOpError(`The configuration is invalid: required elements are missing:\n  ${missing.slice(0, 5).join("\n  ")}${more}`);
    }
    try {
      for (const g of conf.groups) {
        activationOrder(conf, g);
        for (const s of g.policy ?? []) {
          if (!conf.servers.some((x) => x.name === s)) throw new ConfError(`group "${g.name}" names startup server "${s}" that is not a server of the cluster`);
        }
      }
    } catch (e) {
      if (e instanceof ConfError) throw new ClusterOpError(`The configuration is invalid: ${e.message}`);
      throw e;
    }
    return conf;
  }

  /**
   * `clpcfctrl --push`: validates, enforces the lab's apply-method table against the current state, distributes
   * the bytes unchanged to every reachable server and loads them. Throws ClusterOpError when refused.
   */
  push(bytes: Buffer, opts: PushOptions = {}): PushResult {
    try {
      return this.pushChecked(bytes, opts);
    } catch (e) {
      if (e instanceof ClusterOpError) this.lastRefusedPush = { bytes: Buffer.from(bytes), reason: e.message };
      throw e;
    }
  }

  private pushChecked(bytes: Buffer, opts: PushOptions): PushResult {
    let conf: ClusterConf;
    try {
      conf = this.check(bytes);
    } catch (e) {
      if (e instanceof ClusterOpError) {
        this.stats.refusedPushes++;
        this.log(`Upload of the cluster configuration refused: ${e.message}`);
      }
      throw e;
    }
    const unreachable = conf.servers.map((s) => s.name).filter((s) => !this.isUp(s));
    if (unreachable.length > 0 && !opts.force) {
      this.stats.refusedPushes++;
      throw new ClusterOpError(`Failed to upload: server ${unreachable.join(", ")} is not reachable. Use --force to upload to the reachable servers only.`);
    }
    let level: ApplyLevel = "upload";
    let classified: ClassifiedChange[] = [];
    const changed = !this.current || !this.current.bytes.equals(bytes);
    if (this.current && changed) {
      classified = classify(diffTrees(this.current.conf.tree, conf.tree));
      for (const c of classified) if (LEVEL_RANK[c.rule.level] > LEVEL_RANK[level]) level = c.rule.level;
      const refusal = this.refusal(classified, this.current.conf, conf);
      if (refusal) {
        this.stats.refusedPushes++;
        this.log(`Upload of the cluster configuration refused: ${refusal}`);
        throw new ClusterOpError(refusal);
      }
    }
    const delivered: string[] = [];
    for (const s of conf.servers) {
      if (!this.isUp(s.name)) continue;
      this.deliver(s.name, bytes);
      delivered.push(s.name);
    }
    this.current = { bytes: Buffer.from(bytes), conf };
    this.reconcile(conf, level === "reboot");
    this.stats.pushes++;
    this.log(`The cluster configuration data has been uploaded by ${opts.from ?? "lab"}.`);
    return {
      changed, level, delivered, unreachable,
      changes: classified.map((c) => ({ path: c.pathText, kind: c.kind, rule: c.rule.id, level: c.rule.level })),
    };
  }

  private deliver(server: string, bytes: Buffer): void {
    this.confCopies.set(server.toLowerCase(), Buffer.from(bytes));
    if (!this.writeConfToNodeFs) return;
    const node = this.node(server);
    if (!node) return;
    const path = this.confPath(node);
    const sep = node.os === "windows" ? "\\" : "/";
    try {
      const dir = path.slice(0, path.lastIndexOf(sep));
      if (!node.fs.exists(dir)) node.fs.mkdir(dir);
      node.fs.writeFile(path, Buffer.from(bytes));
    } catch {
      // Best effort: the authoritative copy is the cluster's (conf(node)).
    }
  }

  private refusal(changes: ClassifiedChange[], oldConf: ClusterConf, newConf: ClusterConf): string | undefined {
    const state = this.clusterState();
    if (state === "stopped") return undefined;
    const problems: string[] = [];
    for (const c of changes) {
      const level = c.rule.level;
      let ok = true;
      let group: string | undefined;
      if (level === "cluster-stop" || level === "reboot") ok = false;
      if ((level === "suspend" || level === "group-suspend") && state === "running") ok = false;
      if (level === "group-stop" || level === "group-suspend") {
        group = this.changeGroup(c, oldConf, newConf);
        if (group === undefined) {
          if (state === "running") ok = false;
        } else if (this.groups.get(group)?.current) ok = false;
      }
      if (!ok) {
        const g = group ? ` (group "${group}")` : "";
        problems.push(`${c.kind} ${c.pathText}${g} needs ${LEVEL_TEXT[level]} [lab rule ${c.rule.id}: ${c.rule.source}]`);
      }
    }
    if (problems.length === 0) return undefined;
    const shown = problems.slice(0, 5).join("\n  ");
    const more = problems.length > 5 ? `\n  … and ${problems.length - 5} more` : "";
    return `Failed to upload: the cluster is ${state} and this configuration change cannot be applied in that state:\n  ${shown}${more}`;
  }

  /** The group whose state matters for a change (group element, resource's group, monitor's object/target). */
  private changeGroup(c: ClassifiedChange, oldConf: ClusterConf, newConf: ClusterConf): string | undefined {
    const p = c.path;
    if (p[1]?.tag === "group") return p[1].key;
    const rscGroup = (name: string | undefined) => (name ? newConf.resources.get(name)?.group ?? oldConf.resources.get(name)?.group : undefined);
    if (p[1]?.tag === "resource") return rscGroup(p[2]?.key);
    if (p[1]?.tag === "monitor") {
      const name = p[2]?.key;
      const m = newConf.monitors.find((x) => x.name === name) ?? oldConf.monitors.find((x) => x.name === name);
      if (!m) return undefined;
      const obj = textAt(m.el, "parameters/object");
      if (m.relationType === "grp") return m.relationName;
      return rscGroup(obj) ?? rscGroup(m.target) ?? (m.relationType === "rsc" ? rscGroup(m.relationName) : undefined);
    }
    return undefined;
  }

  /** Brings runtime state in line with a newly loaded configuration. */
  private reconcile(conf: ClusterConf, rebootNeeded: boolean): void {
    for (const s of conf.servers) {
      if (!this.servers.has(s.name)) this.servers.set(s.name, { clusterService: "stopped", mirrorAgent: "running", pendingReboot: false, enabled: false, wasUp: this.isUp(s.name) });
    }
    for (const name of [...this.servers.keys()]) if (!conf.servers.some((s) => s.name === name)) this.servers.delete(name);
    if (rebootNeeded) for (const rt of this.servers.values()) rt.pendingReboot = true;

    for (const [name, rt] of [...this.groups]) {
      const g = conf.groups.find((x) => x.name === name);
      if (!g) {
        this.groups.delete(name);
        continue;
      }
      for (const r of Object.keys(rt.resources)) {
        if (g.resources.includes(r)) continue;
        if (rt.current && rt.resources[r] === "Online") this.log(`Resource ${r} was removed from the configuration while online on ${rt.current}; it is left as it is.`);
        delete rt.resources[r];
      }
      for (const r of g.resources) if (!(r in rt.resources)) rt.resources[r] = "Offline";
    }
    for (const g of conf.groups) {
      if (!this.groups.has(g.name)) this.groups.set(g.name, { current: null, failed: false, event: "START", resources: Object.fromEntries(g.resources.map((r) => [r, "Offline" as ResourceState])) });
    }

    for (const [name, m] of [...this.mirrors]) {
      if (conf.resources.get(name)?.type === "md") continue;
      // A mirror disk taken out of the configuration releases its data partition: a plain volume
      // again on every server, with the mirrored data (nothing is formatted or wiped).
      for (const s of m.servers) {
        const node = this.node(s);
        if (node && this.isUp(s)) node.fs.setVolumeAccess(m.volume, "rw");
      }
      this.log(`Mirror disk ${name} was removed from the configuration; its data partition ${m.volume} is released with its data.`);
      this.mirrors.delete(name);
    }
    for (const r of conf.resources.values()) {
      if (r.type !== "md") continue;
      const explicit = childrenOf(r.el, "server").map((s) => s.attrs.name ?? "").filter((n) => conf.servers.some((s) => s.name === n));
      const servers = explicit.length > 0 ? explicit : conf.servers.map((s) => s.name);
      const volume = normalizeVolume(textAt(r.el, "parameters/volumemountpoint") ?? textAt(r.el, "parameters/mount/point") ?? r.name);
      let m = this.mirrors.get(r.name);
      if (!m) {
        m = { volume, servers, storeId: `clpmd:${conf.name}:${r.name}`, state: "no-construction", synced: {}, lastUpdate: null, breakTime: null };
        this.mirrors.set(r.name, m);
      }
      m.volume = volume;
      m.servers = servers;
      const store = this.store(m);
      for (const s of servers) {
        if (!(s in m.synced)) m.synced[s] = store.generation;
        this.attach(m, s);
      }
    }

    for (const name of [...this.monitors.keys()]) if (!conf.monitors.some((m) => m.name === name)) this.monitors.delete(name);
    for (const m of conf.monitors) if (!this.monitors.has(m.name)) this.monitors.set(m.name, { status: "Offline", restarts: 0, failovers: 0 });
  }

  /**
   * The mirror's shared SimVolume. A node filesystem that owns its volume stores (sim/node exposes
   * `fs.volumeStore(volume)`) lends the store of the md's first reachable server — the data already on the primary
   * becomes the mirrored data, as an initial mirror construction copies it — and the cluster attaches that same
   * object on the other server. Without that hook the cluster creates a plain `{ id, generation }` store.
   */
  private store(m: MirrorRt): SimVolume {
    let s = this.stores.get(m.storeId);
    if (s) return s;
    for (const srv of m.servers) {
      const fs = this.node(srv)?.fs as StoreOwningFs | undefined;
      if (!fs || !this.isUp(srv) || typeof fs.volumeStore !== "function") continue;
      try {
        s = fs.volumeStore(m.volume);
      } catch {
        s = undefined;
      }
      if (s) break;
    }
    s ??= { id: m.storeId, generation: 0 };
    m.storeId = s.id;
    this.stores.set(s.id, s);
    return s;
  }

  /** Attaches the mirror's shared store on a server and keeps the partition inaccessible unless the md is active there. */
  private attach(m: MirrorRt, server: string): void {
    const node = this.node(server);
    if (!node || !this.isUp(server)) return;
    try {
      node.fs.attachVolume(m.volume, this.store(m));
      const active = this.mirrorActiveOn(m);
      node.fs.setVolumeAccess(m.volume, active === server ? "rw" : "none");
    } catch (e) {
      this.log(`Could not attach mirror volume ${m.volume} on ${server}: ${(e as Error).message}`);
    }
  }

  private mirrorActiveOn(m: MirrorRt): string | null {
    const conf = this.current?.conf;
    if (!conf) return null;
    for (const [mdName, rt] of this.mirrors) {
      if (rt !== m) continue;
      const g = conf.resources.get(mdName)?.group;
      const grt = g ? this.groups.get(g) : undefined;
      return grt?.current && grt.resources[mdName] === "Online" ? grt.current : null;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Cluster state

  serverName(name: string): string | undefined {
    return this.current?.conf.servers.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name;
  }

  private requireServer(name: string): string {
    this.requireConf();
    const s = this.serverName(name);
    if (!s) throw new ClusterOpError(`Server ${name} is not a server of the cluster.`);
    return s;
  }

  /** Servers whose cluster service runs and that are up. */
  private running(server: string): boolean {
    return this.isUp(server) && this.servers.get(server)?.clusterService === "running";
  }

  clusterState(): ClusterState {
    const conf = this.current?.conf;
    if (!conf || !conf.servers.some((s) => this.running(s.name))) return "stopped";
    return this.suspended ? "suspended" : "running";
  }

  /** `clpcl -s`: starts the cluster service on servers; the first start of a stopped cluster auto-starts groups. */
  startCluster(servers?: string[]): { server: string; error?: string }[] {
    const conf = this.requireConf();
    if (this.suspended && this.clusterState() === "suspended") throw new ClusterOpError("The cluster is suspended. Resume it with clpcl --resume.");
    const wasStopped = this.clusterState() === "stopped";
    this.suspended = false;
    const targets = (servers ?? conf.servers.map((s) => s.name)).map((s) => this.requireServer(s));
    const results: { server: string; error?: string }[] = [];
    for (const s of targets) {
      const rt = this.servers.get(s)!;
      if (!this.isUp(s)) results.push({ server: s, error: "Could not connect to the server." });
      else if (rt.pendingReboot) results.push({ server: s, error: "The configuration needs a reboot of this server before the cluster service can start." });
      else {
        rt.clusterService = "running";
        rt.mirrorAgent = "running";
        rt.enabled = true;
        rt.wasUp = true;
        results.push({ server: s });
        this.log(`Server ${s} has started.`);
      }
    }
    this.refreshMirrors();
    if (wasStopped && this.clusterState() === "running") {
      for (const g of this.orderedGroups()) {
        if (!g.autoStart) continue;
        const rt = this.groups.get(g.name)!;
        if (rt.current) continue;
        this.startOnFirstAvailable(g, "START");
      }
    } else {
      this.failbackAll();
    }
    this.mirrorAutoRecovery();
    return results;
  }

  /** `clpcl -t`: stops the cluster service on servers; their groups stop (and fail over when others still run). */
  stopCluster(servers?: string[]): { server: string; error?: string }[] {
    const conf = this.requireConf();
    const targets = (servers ?? conf.servers.map((s) => s.name)).map((s) => this.requireServer(s));
    const all = conf.servers.every((s) => targets.includes(s.name) || !this.running(s.name));
    const results: { server: string; error?: string }[] = [];
    if (all) this.suspended = false;
    for (const g of [...this.orderedGroups()].reverse()) {
      const rt = this.groups.get(g.name)!;
      if (rt.current && targets.includes(rt.current)) {
        const from = rt.current;
        // A server that does not answer cannot stop its groups: they stay there until a monitoring round notices it down.
        if (!this.isUp(from)) continue;
        this.deactivateGroup(g, "CLUSTERSHUTDOWN");
        if (!all && g.autoFailover) this.startOnFirstAvailable(g, "FAILOVER", [from, ...targets]);
      }
    }
    for (const s of targets) {
      const rt = this.servers.get(s)!;
      if (!this.isUp(s)) {
        results.push({ server: s, error: "Could not connect to the server." });
        continue;
      }
      rt.clusterService = "stopped";
      rt.enabled = false;
      results.push({ server: s });
      this.log(`Server ${s} has been stopped.`);
    }
    return results;
  }

  /** `clpcl -t --md`: stops the mirror agent (and the cluster service first where it still runs). */
  stopMirrorAgent(servers?: string[]): void {
    const conf = this.requireConf();
    const targets = (servers ?? conf.servers.map((x) => x.name)).map((x) => this.requireServer(x));
    // The cluster service cannot run without the mirror agent: stop it first where it still runs.
    const running = targets.filter((s) => this.running(s));
    if (running.length > 0) this.stopCluster(running);
    for (const s of targets) this.servers.get(s)!.mirrorAgent = "stopped";
  }

  /** `clpcl -s --md`: starts the mirror agent again (it also starts with the OS and with clpcl -s). */
  startMirrorAgent(servers?: string[]): void {
    const conf = this.requireConf();
    for (const s of (servers ?? conf.servers.map((x) => x.name)).map((x) => this.requireServer(x))) this.servers.get(s)!.mirrorAgent = "running";
  }

  suspend(): void {
    const st = this.clusterState();
    if (st === "stopped") throw new ClusterOpError("The cluster is not running.");
    if (st === "suspended") throw new ClusterOpError("The cluster is already suspended.");
    this.suspended = true;
    this.log("The cluster has been suspended.");
  }

  resume(): void {
    if (this.clusterState() !== "suspended") throw new ClusterOpError("The cluster is not suspended.");
    this.suspended = false;
    this.log("The cluster has been resumed.");
  }

  private orderedGroups(): GroupConf[] {
    const conf = this.requireConf();
    return [...conf.groups].sort((a, b) => (a.gid ?? 1e9) - (b.gid ?? 1e9));
  }

  private group(name: string): GroupConf {
    const g = this.requireConf().groups.find((x) => x.name === name);
    if (!g) throw new ClusterOpError(`Group ${name} does not exist.`);
    return g;
  }

  private requireOperable(): void {
    const st = this.clusterState();
    if (st === "stopped") throw new ClusterOpError("The cluster is not running.");
    if (st === "suspended") throw new ClusterOpError("The cluster is suspended. Group and resource operations are not possible.");
  }

  /**
   * Refuses to stop a group on a server that does not answer (down, and no monitoring round noticed it yet):
   * nothing can be deactivated there, so starting the group elsewhere would activate its FIP/md/service twice.
   */
  private requireReachable(g: GroupConf, server: string): void {
    if (this.isUp(server)) return;
    throw new ClusterOpError(
      `Could not connect to server ${server}, where group ${g.name} is active: the server is down or unreachable. ` +
        `Group ${g.name} stays on ${server} until the cluster detects the server down.`,
    );
  }

  /** Where a group runs (clpgrp -n), or null. */
  groupLocation(name: string): string | null {
    this.group(name);
    return this.groups.get(name)?.current ?? null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Group operations

  /** `clpgrp -s grp [-h server]`. */
  startGroup(name: string, server: string): void {
    this.requireOperable();
    const g = this.group(name);
    const srv = this.requireServer(server);
    const rt = this.groups.get(g.name)!;
    if (rt.current === srv) return;
    if (rt.current) throw new ClusterOpError(`Group ${g.name} is already started on ${rt.current}.`);
    if (!startupServers(this.requireConf(), g).includes(srv)) throw new ClusterOpError(`Server ${srv} is not a startup server of group ${g.name}.`);
    if (!this.running(srv)) throw new ClusterOpError(`The cluster service is not running on ${srv}.`);
    const err = this.activateGroup(g, srv, "START");
    if (err) throw new ClusterOpError(`Failed to start group ${g.name} on ${srv}: ${err}`);
  }

  /** `clpgrp -t grp`. */
  stopGroup(name: string): void {
    this.requireOperable();
    const g = this.group(name);
    const rt = this.groups.get(g.name)!;
    if (!rt.current) {
      rt.failed = false;
      for (const r of Object.keys(rt.resources)) rt.resources[r] = "Offline";
      return;
    }
    this.requireReachable(g, rt.current);
    this.deactivateGroup(g, "GROUPSTOP");
  }

  /** `clpgrp -m grp [-a dest]`: moves an online group to `dest` or the next running startup server. */
  moveGroup(name: string, dest?: string): string {
    this.requireOperable();
    const g = this.group(name);
    const rt = this.groups.get(g.name)!;
    if (!rt.current) throw new ClusterOpError(`Group ${g.name} is not started.`);
    const from = rt.current;
    const order = startupServers(this.requireConf(), g);
    let target: string | undefined;
    if (dest !== undefined) {
      target = this.requireServer(dest);
      if (target === from) throw new ClusterOpError(`Group ${g.name} is already started on ${target}.`);
      if (!order.includes(target)) throw new ClusterOpError(`Server ${target} is not a startup server of group ${g.name}.`);
      if (!this.running(target)) {
        const why = this.isUp(target) ? "its cluster service is stopped" : "it is down or unreachable";
        throw new ClusterOpError(`Server ${target} is not running (${why}): group ${g.name} cannot be moved there and stays on ${from}.`);
      }
    } else {
      const i = order.indexOf(from);
      const rotated = [...order.slice(i + 1), ...order.slice(0, Math.max(i, 0))];
      target = rotated.find((s) => s !== from && this.running(s));
      if (!target) throw new ClusterOpError(`There is no server to move group ${g.name} to: no other startup server is running. The group stays on ${from}.`);
    }
    this.requireReachable(g, from);
    this.log(`Moving group ${g.name} has started.`);
    this.deactivateGroup(g, "GROUPMOVE");
    const err = this.activateGroup(g, target, "START");
    if (err) {
      this.log(`Moving group ${g.name} has failed: ${err}`);
      throw new ClusterOpError(`Failed to move group ${g.name} to ${target}: ${err}`);
    }
    this.log(`Moving group ${g.name} has completed.`);
    return target;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Resource operations (clprsc)

  private resourceGroup(rsc: string): GroupConf {
    const conf = this.requireConf();
    const r = conf.resources.get(rsc);
    if (!r) throw new ClusterOpError(`Resource ${rsc} does not exist.`);
    if (!r.group) throw new ClusterOpError(`Resource ${rsc} does not belong to a group.`);
    return this.group(r.group);
  }

  /** `clprsc -s rsc [-h server] [-f]`: -f also starts the resources it depends on. */
  startResource(rsc: string, server: string, force: boolean): void {
    this.requireOperable();
    const g = this.resourceGroup(rsc);
    const rt = this.groups.get(g.name)!;
    const srv = rt.current ?? this.requireServer(server);
    if (rt.current && server && this.serverName(server) !== rt.current) throw new ClusterOpError(`Group ${g.name} is started on ${rt.current}.`);
    if (!this.running(srv)) throw new ClusterOpError(`The cluster service is not running on ${srv}.`);
    const conf = this.requireConf();
    const needed = new Set<string>([rsc]);
    const addDeps = (r: string) => {
      for (const d of effectiveDependencies(conf, g, r)) if (!needed.has(d)) { needed.add(d); addDeps(d); }
    };
    addDeps(rsc);
    const missing = [...needed].filter((r) => r !== rsc && rt.resources[r] !== "Online");
    if (missing.length > 0 && !force) throw new ClusterOpError(`Resource ${rsc} depends on ${missing.join(", ")}, which are not started. Use -f to start them too.`);
    rt.current = srv;
    for (const r of activationOrder(conf, g)) {
      if (!needed.has(r) || rt.resources[r] === "Online") continue;
      const err = this.activateResource(g, r, srv, "START");
      if (err) throw new ClusterOpError(`Failed to start resource ${r}: ${err}`);
    }
  }

  /** `clprsc -t rsc [-f]`: -f also stops the resources that depend on it. */
  stopResource(rsc: string, force: boolean): void {
    this.requireOperable();
    const g = this.resourceGroup(rsc);
    const rt = this.groups.get(g.name)!;
    if (!rt.current) return;
    this.requireReachable(g, rt.current);
    const conf = this.requireConf();
    const deps = dependents(conf, g, rsc).filter((r) => rt.resources[r] === "Online");
    if (deps.length > 0 && !force) throw new ClusterOpError(`Resources ${deps.join(", ")} depend on ${rsc} and are started. Use -f to stop them too.`);
    const stopSet = new Set([rsc, ...deps]);
    for (const r of [...activationOrder(conf, g)].reverse()) {
      if (stopSet.has(r) && rt.resources[r] === "Online") this.deactivateResource(g, r, rt.current, "GROUPSTOP");
    }
    if (Object.values(rt.resources).every((s) => s !== "Online")) rt.current = null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Activation

  private startOnFirstAvailable(g: GroupConf, event: "START" | "FAILOVER", exclude: string[] = []): string | null {
    const rt = this.groups.get(g.name)!;
    for (const s of startupServers(this.requireConf(), g)) {
      if (exclude.includes(s) || !this.running(s)) continue;
      const err = this.activateGroup(g, s, event);
      if (!err) return s;
      this.log(`Group ${g.name} could not start on ${s}: ${err}`);
    }
    if (!rt.current) this.log(`Group ${g.name} could not be started on any server.`);
    return null;
  }

  /** Activates all resources in dependency order on `server`; on failure rolls back and returns the reason. */
  private activateGroup(g: GroupConf, server: string, event: "START" | "FAILOVER" | "RECOVER"): string | undefined {
    const conf = this.requireConf();
    const rt = this.groups.get(g.name)!;
    this.log(`Activating group ${g.name} has started.`);
    rt.current = server;
    rt.failed = false;
    rt.event = event;
    const done: string[] = [];
    for (const r of activationOrder(conf, g)) {
      if (rt.resources[r] === "Online") {
        done.push(r);
        continue;
      }
      const err = this.activateResource(g, r, server, event);
      if (err) {
        for (const d of [...done].reverse()) this.deactivateResource(g, d, server, "GROUPSTOP");
        rt.current = null;
        rt.failed = true;
        rt.resources[r] = "Online Failure";
        this.log(`Activating group ${g.name} has failed.`);
        return `${r}: ${err}`;
      }
      done.push(r);
    }
    this.log(`Activating group ${g.name} has completed.`);
    return undefined;
  }

  private deactivateGroup(g: GroupConf, factor: string): void {
    const conf = this.requireConf();
    const rt = this.groups.get(g.name)!;
    const server = rt.current;
    this.log(`Stopping group ${g.name} has started.`);
    if (server) {
      for (const r of [...activationOrder(conf, g)].reverse()) {
        if (rt.resources[r] === "Online" || rt.resources[r] === "Online Failure") this.deactivateResource(g, r, server, factor);
      }
    }
    rt.current = null;
    this.log(`Stopping group ${g.name} has completed.`);
  }

  private scriptEnv(g: GroupConf, rsc: string, server: string, extra: Record<string, string>): Record<string, string> {
    const conf = this.requireConf();
    const node = this.node(server)!;
    const home = startupServers(conf, g)[0] === server ? "HOME" : "OTHER";
    const scriptPath = this.scriptDir(node, g.name, rsc);
    return {
      CLP_SERVER: home,
      CLP_DISK: "SUCCESS",
      CLP_GROUPNAME: g.name,
      CLP_RESOURCENAME: rsc,
      CLP_SCRIPT_PATH: scriptPath,
      CLP_PATH: this.installDirOf(node),
      ...extra,
    };
  }

  private scriptDir(node: SimNodeApi, group: string, rsc: string): string {
    const dir = this.installDirOf(node);
    return node.os === "windows" ? `${dir}\\scripts\\${group}\\${rsc}` : `${dir}/scripts/${group}/${rsc}`;
  }

  /** Resolves a start/stop path: product scripts (start.bat, stop.sh …) live under scripts/<group>/<resource>/. */
  private scriptPath(node: SimNodeApi, group: string, rsc: string, path: string): string {
    if (node.os === "windows" ? /^[A-Za-z]:[\\/]|^\\\\/.test(path) : path.startsWith("/")) return path;
    return node.os === "windows" ? `${this.scriptDir(node, group, rsc)}\\${path}` : `${this.scriptDir(node, group, rsc)}/${path}`;
  }

  /**
   * An appli start/stop path. A relative one is taken from the product's bin folder when the file is there (the
   * NeoFace guide saves its StartNFWPS.bat "on EXPRESSCLUSTER bin directory"); otherwise it is passed as given.
   */
  private appliPath(node: SimNodeApi, path: string | undefined): string | undefined {
    if (!path || (node.os === "windows" ? /^[A-Za-z]:[\\/]|^\\\\/.test(path) : path.startsWith("/"))) return path;
    const inBin = node.os === "windows" ? `${this.installDirOf(node)}\\bin\\${path}` : `${this.installDirOf(node)}/bin/${path}`;
    try {
      return node.fs.exists(inBin) ? inBin : path;
    } catch {
      return path;
    }
  }

  private findService(node: SimNodeApi, name: string): string | undefined {
    const direct = node.services.get(name);
    if (direct) return direct.name;
    const lower = name.toLowerCase();
    return node.services.list().find((s) => s.name.toLowerCase() === lower || s.displayName.toLowerCase() === lower)?.name;
  }

  /** Activates one resource; returns an error text on failure (state set accordingly). */
  private activateResource(g: GroupConf, rsc: string, server: string, event: string): string | undefined {
    const conf = this.requireConf();
    const r = conf.resources.get(rsc)!;
    const rt = this.groups.get(g.name)!;
    const node = this.node(server);
    const fail = (msg: string) => {
      rt.resources[rsc] = "Online Failure";
      this.log(`Activating ${rsc} resource has failed.(${msg})`);
      return msg;
    };
    if (!node || !this.isUp(server)) return fail(`server ${server} is down`);
    try {
      switch (r.type) {
        case "fip": {
          const ip = textAt(r.el, "parameters/ip");
          if (!ip) return fail("no parameters/ip");
          for (const other of this.nodes.values()) {
            if (other !== node && other.isUp() && other.activeAddresses.has(ip)) return fail(`IP address ${ip} is already in use on the network`);
          }
          node.activeAddresses.add(ip);
          break;
        }
        case "md": {
          const m = this.mirrors.get(rsc);
          if (!m) return fail("mirror disk not initialised");
          const volumes = node.os === "windows" ? mirrorVolumeProblem(r.el, rsc, server, node) : undefined;
          if (volumes) return fail(volumes);
          if (!m.servers.includes(server)) return fail(`server ${server} is not a server of mirror disk ${rsc}`);
          const rtS = this.servers.get(server);
          if (rtS?.mirrorAgent !== "running") return fail("the mirror agent is not running");
          this.refreshMirror(rsc, m);
          const store = this.store(m);
          if (m.state !== "no-construction") {
            const latest = Math.max(...m.servers.map((s) => m.synced[s] ?? 0));
            if ((m.synced[server] ?? 0) < latest) return fail(`the data on ${server} is not the latest (mirror ${m.state}); recover the mirror first (clpmdctrl)`);
          }
          m.synced[server] = store.generation;
          for (const s of m.servers) {
            const n = this.node(s);
            if (n && this.isUp(s)) n.fs.setVolumeAccess(m.volume, s === server ? "rw" : "none");
          }
          break;
        }
        case "service": {
          const want = textAt(r.el, "parameters/name") ?? rsc;
          const svc = this.findService(node, want);
          if (!svc) return fail(`service "${want}" does not exist on ${server}`);
          const cur = node.services.get(svc);
          if (cur?.state === "running") {
            if (textAt(r.el, "parameters/started") !== "1") return fail(`service "${want}" is already running`);
          } else {
            node.services.start(svc);
          }
          break;
        }
        case "appli": {
          const path = this.appliPath(node, textAt(r.el, "parameters/actpath"));
          if (path) {
            const res = node.processes.run(path, this.scriptEnv(g, rsc, server, { CLP_EVENT: event }));
            if (res.exitCode !== 0) return fail(`${path} exited with ${res.exitCode}`);
          }
          break;
        }
        case "script":
        case "exec": {
          const rel = textAt(r.el, "parameters/act/path") || (node.os === "windows" ? "start.bat" : "start.sh");
          const path = this.scriptPath(node, g.name, rsc, rel);
          const res = node.processes.run(path, this.scriptEnv(g, rsc, server, { CLP_EVENT: event }));
          if (res.exitCode !== 0) return fail(`${path} exited with ${res.exitCode}`);
          break;
        }
        case "regsync": {
          this.syncRegistry(rsc, server);
          break;
        }
        default:
          // Other types (disk, sd, volmgr, vcom, …) are simulated as always succeeding without node effects.
          break;
      }
    } catch (e) {
      return fail(e instanceof SimError ? `${e.code}: ${e.message}` : (e as Error).message);
    }
    rt.resources[rsc] = "Online";
    this.log(`Activating ${rsc} resource has completed.`);
    return undefined;
  }

  private deactivateResource(g: GroupConf, rsc: string, server: string, factor: string): void {
    const conf = this.requireConf();
    const r = conf.resources.get(rsc)!;
    const rt = this.groups.get(g.name)!;
    const node = this.node(server);
    if (r.type === "md") {
      const m = this.mirrors.get(rsc);
      if (m) this.refreshMirror(rsc, m);
    }
    rt.resources[rsc] = "Offline";
    if (!node || !this.isUp(server)) return;
    try {
      switch (r.type) {
        case "fip": {
          const ip = textAt(r.el, "parameters/ip");
          if (ip) node.activeAddresses.delete(ip);
          break;
        }
        case "md": {
          const m = this.mirrors.get(rsc);
          if (m) node.fs.setVolumeAccess(m.volume, "none");
          break;
        }
        case "service": {
          // The stop time-out (deact/timeout) is not simulated: a simulated service stops at once.
          const svc = this.findService(node, textAt(r.el, "parameters/name") ?? rsc);
          if (svc && node.services.get(svc)?.state === "running") node.services.stop(svc);
          break;
        }
        case "appli": {
          const path = this.appliPath(node, textAt(r.el, "parameters/deactpath"));
          if (path) node.processes.run(path, this.scriptEnv(g, rsc, server, { CLP_EVENT: rt.event, CLP_FACTOR: factor }));
          break;
        }
        case "script":
        case "exec": {
          const rel = textAt(r.el, "parameters/deact/path") || (node.os === "windows" ? "stop.bat" : "stop.sh");
          const path = this.scriptPath(node, g.name, rsc, rel);
          const res = node.processes.run(path, this.scriptEnv(g, rsc, server, { CLP_EVENT: rt.event, CLP_FACTOR: factor }));
          if (res.exitCode !== 0) {
            rt.resources[rsc] = "Offline Failure";
            this.log(`Stopping ${rsc} resource has failed.(${path} exited with ${res.exitCode})`);
            return;
          }
          break;
        }
        default:
          break;
      }
    } catch (e) {
      rt.resources[rsc] = "Offline Failure";
      this.log(`Stopping ${rsc} resource has failed.(${(e as Error).message})`);
      return;
    }
    this.log(`Stopping ${rsc} resource has completed.`);
  }

  /** Registry keys of a regsync resource: `<parameters><key>…</key></parameters>` (lab assumption, real XML UNCONFIRMED). */
  regsyncKeys(rsc: string): string[] {
    const r = this.current?.conf.resources.get(rsc);
    if (!r) return [];
    const params = r.el.children.find((c) => c.tag === "parameters");
    return childrenOf(params, "key").map((k) => textAt(k, "name") ?? k.text).filter((k) => k !== "");
  }

  private syncRegistry(rsc: string, from: string): void {
    const src = this.node(from)?.registry;
    if (!src) return;
    for (const key of this.regsyncKeys(rsc)) {
      const tree: RegTreeData | undefined = src.exportTree(key);
      if (!tree) continue;
      for (const s of this.requireConf().servers) {
        if (s.name === from || !this.isUp(s.name)) continue;
        this.node(s.name)?.registry?.importTree(tree);
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Mirrors

  private refreshMirrors(): void {
    for (const [name, m] of this.mirrors) this.refreshMirror(name, m);
  }

  /** Writes are synchronous while the mirror is normal: every up server holds the store's generation. */
  private refreshMirror(_name: string, m: MirrorRt): void {
    const store = this.store(m);
    const active = this.mirrorActiveOn(m);
    if (active && this.isUp(active)) {
      if (m.synced[active] !== store.generation) m.lastUpdate = this.timestamp();
      m.synced[active] = store.generation;
    }
    if (m.state === "normal") {
      const down = m.servers.filter((s) => !this.isUp(s) || this.servers.get(s)?.mirrorAgent !== "running");
      for (const s of m.servers) if (!down.includes(s)) m.synced[s] = store.generation;
      if (down.length > 0) {
        m.state = "broken";
        m.breakTime = this.timestamp();
        this.log(`Mirror disk ${_name} is broken (${down.join(", ")} not reachable).`);
      }
    }
  }

  private mirrorAutoRecovery(): void {
    if (this.clusterState() !== "running") return;
    for (const [name, m] of this.mirrors) {
      this.refreshMirror(name, m);
      if (m.state === "normal") continue;
      if (!m.servers.every((s) => this.running(s) && this.servers.get(s)?.mirrorAgent === "running")) continue;
      const latest = Math.max(...m.servers.map((s) => m.synced[s] ?? 0));
      const holders = m.servers.filter((s) => (m.synced[s] ?? 0) === latest);
      if (m.state === "broken" && holders.length === 0) continue;
      this.recoverMirror(name, m);
      this.log(`Mirror recovery of ${name} has completed.`);
    }
  }

  private recoverMirror(_name: string, m: MirrorRt): void {
    const store = this.store(m);
    for (const s of m.servers) m.synced[s] = store.generation;
    m.state = "normal";
    m.lastUpdate = this.timestamp();
  }

  private mirror(md: string): MirrorRt {
    this.requireConf();
    const m = this.mirrors.get(md);
    if (!m) throw new ClusterOpError(`Mirror disk resource ${md} does not exist.`);
    return m;
  }

  /** `clpmdctrl --break md`: the mirror is broken; standby writes stop until recovery. */
  mdBreak(md: string): void {
    const m = this.mirror(md);
    this.refreshMirror(md, m);
    if (m.state === "normal") {
      m.state = "broken";
      m.breakTime = this.timestamp();
    }
  }

  /** `clpmdctrl --recover md`: copies the latest data to the other server (both must be up). */
  mdRecover(md: string): void {
    const m = this.mirror(md);
    this.refreshMirror(md, m);
    const down = m.servers.filter((s) => !this.isUp(s));
    if (down.length > 0) throw new ClusterOpError(`Mirror recovery of ${md} is not possible: ${down.join(", ")} is not reachable.`);
    if (m.state === "normal") return;
    this.recoverMirror(md, m);
  }

  /** `clpmdctrl --force md` (run on `server`): declares that server's data the latest. */
  mdForce(md: string, server: string): void {
    const m = this.mirror(md);
    const srv = this.requireServer(server);
    if (!m.servers.includes(srv)) throw new ClusterOpError(`Server ${srv} is not a server of mirror disk ${md}.`);
    this.refreshMirror(md, m);
    const store = this.store(m);
    store.generation++;
    for (const s of m.servers) if (s !== srv) m.synced[s] = Math.min(m.synced[s] ?? 0, store.generation - 1);
    m.synced[srv] = store.generation;
    if (m.state === "no-construction") m.state = "broken";
  }

  private timestamp(): string {
    const d = this.now();
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Monitoring

  /**
   * One monitoring round: detects servers that went down or came back, fails groups over, evaluates monitors
   * (fipw, servicew, mdw, mdnw; userw/genw and unknown types are always Normal), syncs registries, recovers mirrors.
   * Returns the event messages logged during the round.
   */
  tick(): string[] {
    const first = this.seq;
    const conf = this.current?.conf;
    if (!conf) return [];
    this.refreshMirrors();
    const back: string[] = [];
    for (const s of conf.servers) {
      const rt = this.servers.get(s.name)!;
      const up = this.isUp(s.name);
      if (rt.wasUp && !up) this.serverDown(s.name);
      else if (!rt.wasUp && up) back.push(s.name);
      rt.wasUp = up;
      // A server that missed a push (down, --force) gets the current configuration as soon as it answers.
      const copy = this.confCopies.get(s.name.toLowerCase());
      if (up && this.current && (!copy || !copy.equals(this.current.bytes))) {
        this.deliver(s.name, this.current.bytes);
        for (const m of this.mirrors.values()) if (m.servers.includes(s.name)) this.attach(m, s.name);
      }
    }
    if (back.length > 0) this.serversBack(back);
    if (this.clusterState() === "running") {
      this.evaluateMonitors();
      for (const g of conf.groups) {
        const rt = this.groups.get(g.name)!;
        if (!rt.current) continue;
        for (const r of g.resources) if (conf.resources.get(r)?.type === "regsync" && rt.resources[r] === "Online") this.syncRegistry(r, rt.current);
      }
      this.mirrorAutoRecovery();
    }
    return this.events.filter((e) => e.seq > first).map((e) => e.message);
  }

  private serverDown(server: string): void {
    this.log(`Server ${server} has been stopped abnormally (down).`);
    const wasRunning = this.servers.get(server)!.clusterService === "running";
    this.servers.get(server)!.clusterService = "stopped";
    for (const g of this.orderedGroups()) {
      const rt = this.groups.get(g.name)!;
      if (rt.current !== server) continue;
      // Best-effort cleanup of what the dead node held (its addresses and disks are gone with it).
      this.releaseOnNode(g, server);
      for (const r of g.resources) rt.resources[r] = "Offline";
      rt.current = null;
      if (!wasRunning || this.suspended) continue;
      if (g.autoFailover) {
        this.log(`Failover group ${g.name} has started.`);
        const to = this.startOnFirstAvailable(g, "FAILOVER", [server]);
        if (to) {
          this.stats.failovers++;
          this.log(`Failover group ${g.name} has completed.`);
        } else this.log(`Failover group ${g.name} has failed.`);
      } else {
        this.log(`Group ${g.name} has manual failover; it stays stopped until clpgrp -s/-m.`);
      }
    }
  }

  /** Drops a group's floating IPs, mirror partition access and services on a node, ignoring errors (node down). */
  private releaseOnNode(g: GroupConf, server: string): void {
    const conf = this.requireConf();
    const node = this.node(server);
    if (!node) return;
    for (const r of g.resources) {
      const rc = conf.resources.get(r);
      try {
        if (rc?.type === "fip") node.activeAddresses.delete(textAt(rc.el, "parameters/ip") ?? "");
        if (rc?.type === "md") node.fs.setVolumeAccess(this.mirrors.get(r)?.volume ?? "", "none");
        if (rc?.type === "service") {
          const svc = this.findService(node, textAt(rc.el, "parameters/name") ?? r);
          if (svc && node.services.get(svc)?.state === "running") node.services.stop(svc);
        }
      } catch {
        // The node is down; ignore.
      }
    }
  }

  /** Servers that answer again (rebooted). Several coming back in one round start the cluster together. */
  private serversBack(servers: string[]): void {
    const conf = this.requireConf();
    // A returning server holds nothing of a group that is active on another server (its groups failed over when it
    // went down): whatever it still has of those is dropped, and its groups stay where they run now.
    for (const server of servers) {
      for (const g of conf.groups) {
        const cur = this.groups.get(g.name)?.current;
        if (cur && cur !== server) this.releaseOnNode(g, server);
      }
    }
    for (const server of servers) for (const m of this.mirrors.values()) if (m.servers.includes(server)) this.attach(m, server);
    // The cluster service starts with the OS when it was started before (clpcl -s) and not stopped (clpcl -t):
    // the server rejoins a running cluster, or the servers start the cluster (auto-start groups) together.
    const starting = servers.filter((s) => this.servers.get(s)!.enabled && !this.servers.get(s)!.pendingReboot);
    if (starting.length === 0) return;
    if (conf.servers.some((s) => !servers.includes(s.name) && this.running(s.name))) {
      for (const server of starting) {
        const rt = this.servers.get(server)!;
        rt.clusterService = "running";
        rt.mirrorAgent = "running";
        this.log(`Server ${server} has started.`);
      }
      this.failbackAll();
    } else if (!this.suspended || this.clusterState() === "stopped") {
      this.startCluster(starting);
    }
  }

  private failbackAll(): void {
    if (this.clusterState() !== "running") return;
    const conf = this.requireConf();
    for (const g of this.orderedGroups()) {
      const rt = this.groups.get(g.name)!;
      // A group on a server that does not answer stays there until the monitoring round fails it over.
      if (!g.autoFailback || !rt.current || !this.isUp(rt.current)) continue;
      const best = startupServers(conf, g).find((s) => this.running(s));
      if (best && best !== rt.current) {
        this.log(`Failback group ${g.name} has started.`);
        this.deactivateGroup(g, "GROUPFAILOVER");
        if (!this.activateGroup(g, best, "FAILOVER")) this.log(`Failback group ${g.name} has completed.`);
      }
    }
  }

  private monitorActiveTime(m: MonitorConf): boolean {
    return m.timing === 1 || (m.timing === undefined && m.target !== undefined);
  }

  private evaluateMonitors(): void {
    const conf = this.requireConf();
    for (const m of conf.monitors) {
      const rt = this.monitors.get(m.name)!;
      const { status, server, group } = this.monitorCheck(conf, m);
      if (status !== "Error") {
        rt.status = status;
        if (status === "Normal") { rt.restarts = 0; rt.failovers = 0; }
        continue;
      }
      if (rt.status !== "Error") this.log(`Monitor ${m.name} detected an error on ${server ?? "?"}.`);
      rt.status = "Error";
      const g = conf.groups.find((x) => x.name === group);
      if (!g || !server || this.groups.get(g.name)?.current !== server) continue;
      const restartMax = m.restart ?? 0;
      const foMax = m.failover ?? 1;
      if (rt.restarts < restartMax) {
        rt.restarts++;
        this.log(`Monitor ${m.name}: restarting group ${g.name} on ${server}.`);
        this.deactivateGroup(g, "RESOURCERESTART");
        if (!this.activateGroup(g, server, "RECOVER")) rt.status = "Normal";
      } else if (rt.failovers < foMax) {
        rt.failovers++;
        this.log(`Failover group ${g.name} has started (monitor ${m.name}).`);
        this.deactivateGroup(g, "GROUPFAILOVER");
        const to = this.startOnFirstAvailable(g, "FAILOVER", [server]) ?? (this.activateGroup(g, server, "RECOVER") ? null : server);
        if (to && to !== server) {
          this.stats.failovers++;
          this.log(`Failover group ${g.name} has completed.`);
        }
      } else {
        this.log(`Monitor ${m.name}: recovery thresholds reached; final action not simulated.`);
      }
    }
  }

  private monitorCheck(conf: ClusterConf, m: MonitorConf): { status: string; server?: string; group?: string } {
    const rscGroup = (n: string | undefined) => (n ? conf.resources.get(n)?.group : undefined);
    const recoveryGroup = m.relationType === "grp" ? m.relationName : m.relationType === "rsc" ? rscGroup(m.relationName) : rscGroup(m.target);
    if (this.monitorActiveTime(m)) {
      const tg = rscGroup(m.target);
      const grt = tg ? this.groups.get(tg) : undefined;
      if (!grt?.current || grt.resources[m.target!] !== "Online") return { status: "Offline" };
    }
    switch (m.type) {
      case "fipw": {
        const rsc = conf.resources.get(m.target ?? m.relationName ?? "");
        const g = rsc?.group ? this.groups.get(rsc.group) : undefined;
        if (!rsc || !g?.current) return { status: "Offline" };
        const ip = textAt(rsc.el, "parameters/ip") ?? "";
        const ok = this.node(g.current)?.activeAddresses.has(ip) ?? false;
        return { status: ok ? "Normal" : "Error", server: g.current, group: recoveryGroup ?? rsc.group };
      }
      case "servicew": {
        const rsc = conf.resources.get(m.target ?? m.relationName ?? "");
        const g = rsc?.group ? this.groups.get(rsc.group) : undefined;
        if (!rsc || !g?.current) return { status: "Offline" };
        const name = textAt(m.el, "parameters/name") || textAt(rsc.el, "parameters/name") || rsc.name;
        const node = this.node(g.current);
        const svc = node ? this.findService(node, name) : undefined;
        const ok = node !== undefined && svc !== undefined && node.services.get(svc)?.state === "running";
        return { status: ok ? "Normal" : "Error", server: g.current, group: recoveryGroup ?? rsc.group };
      }
      case "mdw":
      case "mdnw": {
        const md = textAt(m.el, "parameters/object") ?? "";
        const mr = this.mirrors.get(md);
        if (!mr) return { status: "Normal" };
        if (m.type === "mdw") return { status: mr.state === "normal" ? "Normal" : "Warning" };
        return { status: mr.servers.every((s) => this.running(s)) ? "Normal" : "Warning" };
      }
      default:
        // userw, genw and every other monitor type: always Normal in the lab.
        return { status: "Normal" };
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Status

  /** The machine-readable status as seen from `localServer` (clpstat --json and all text views). */
  status(localServer?: string): ClusterStatus {
    const conf = this.requireConf();
    const state = this.clusterState();
    const local = (localServer ? this.serverName(localServer) : conf.servers[0].name) ?? "";
    const HB_TEXT: Record<string, string> = {
      lankhb: "Kernel Mode LAN Heartbeat", lanhb: "LAN Heartbeat", diskhb: "DISK Heartbeat", comhb: "COM Heartbeat",
      bmchb: "BMC Heartbeat", witnesshb: "Witness Heartbeat", pingnp: "ping resolution", httpnp: "http resolution",
      disknp: "disk resolution", majonp: "majority resolution", comnp: "COM resolution",
    };
    const servers = conf.servers.map((s) => {
      const rt = this.servers.get(s.name)!;
      const on = this.running(s.name);
      const sstatus = on ? (this.suspended ? "Suspend" : "Online") : "Offline";
      return {
        name: s.name, status: sstatus, up: this.isUp(s.name), clusterService: on ? "running" as const : "stopped" as const,
        mirrorAgent: rt.mirrorAgent, pendingReboot: rt.pendingReboot, comment: s.comment,
        heartbeats: conf.heartbeats.map((h) => ({ name: h.name, type: h.type, status: on ? "Normal" : "Offline", description: HB_TEXT[h.type] ?? h.type })),
      };
    });
    const groups = conf.groups.map((g) => {
      const rt = this.groups.get(g.name)!;
      const anyFailure = Object.values(rt.resources).some((x) => x === "Online Failure" || x === "Offline Failure");
      return {
        name: g.name, type: g.type, comment: g.comment, current: rt.current,
        status: rt.current ? (anyFailure ? "Online Failure" : "Online") : rt.failed ? "Online Failure" : "Offline",
        startupServers: startupServers(conf, g),
        resources: g.resources.map((r) => ({ name: r, type: conf.resources.get(r)!.type, status: rt.resources[r] ?? "Offline", comment: conf.resources.get(r)!.comment })),
      };
    });
    const monitors = conf.monitors.map((m) => ({
      name: m.name, type: m.type, comment: m.comment,
      status: state === "stopped" ? "Offline" : state === "suspended" ? "Suspend" : this.monitorCheck(conf, m).status,
    }));
    const mirrors: MirrorStatus[] = [...this.mirrors].map(([name, m]) => {
      this.refreshMirror(name, m);
      const latest = Math.max(...m.servers.map((s) => m.synced[s] ?? 0));
      const active = this.mirrorActiveOn(m);
      return {
        name, volume: m.volume, state: m.state, lastUpdate: m.lastUpdate, breakTime: m.breakTime,
        servers: m.servers.map((s) => {
          const isLatest = (m.synced[s] ?? 0) === latest;
          return { name: s, latest: isLatest, active: active === s, color: !this.isUp(s) ? "GRAY" : m.state === "normal" || isLatest ? "GREEN" : "RED" };
        }),
      };
    });
    return { cluster: { name: conf.name, comment: conf.comment, state, configured: true }, localServer: local, servers, groups, monitors, mirrors };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Persistence

  snapshot(): ClusterSnapshot {
    const b64 = (b: Buffer) => b.toString("base64");
    return JSON.parse(JSON.stringify({
      version: 1,
      confB64: Object.fromEntries([...this.confCopies].map(([k, v]) => [k, b64(v)])),
      currentB64: this.current ? b64(this.current.bytes) : null,
      suspended: this.suspended,
      failed: [...this.failed],
      servers: Object.fromEntries(this.servers),
      groups: Object.fromEntries(this.groups),
      mirrors: Object.fromEntries([...this.mirrors].map(([k, m]) => [k, { ...m, generation: this.store(m).generation }])),
      monitors: Object.fromEntries(this.monitors),
      faults: Object.fromEntries(this.faults),
      stats: this.stats,
      events: this.events,
      installDir: this.explicitInstall,
    })) as ClusterSnapshot;
  }

  /**
   * Rebuilds a cluster from snapshot() output over the (restored) nodes. Node-side effects (addresses, services,
   * files) are the nodes' own persistent state and are not replayed; mirror volumes are re-attached with the same
   * store id and generation, so a node must key volume content by SimVolume.id.
   */
  static restore(snap: ClusterSnapshot, nodes: SimNodeApi[], opts: Omit<ClusterSimOptions, "nodes"> = {}): ClusterSim {
    if (snap.version !== 1) throw new Error(`unsupported cluster snapshot version ${String(snap.version)}`);
    const sim = new ClusterSim({ ...opts, nodes, installDir: opts.installDir ?? snap.installDir });
    for (const [k, v] of Object.entries(snap.confB64)) sim.confCopies.set(k, Buffer.from(v, "base64"));
    if (snap.currentB64) {
      const bytes = Buffer.from(snap.currentB64, "base64");
      sim.current = { bytes, conf: readConf(bytes) };
    }
    sim.suspended = snap.suspended;
    for (const f of snap.failed) sim.failed.add(f);
    for (const [k, v] of Object.entries(snap.servers)) sim.servers.set(k, { ...v });
    for (const [k, v] of Object.entries(snap.groups)) sim.groups.set(k, { ...v, resources: { ...v.resources } });
    for (const [k, v] of Object.entries(snap.mirrors)) {
      const { generation, ...m } = v;
      const rt: MirrorRt = { ...m, synced: { ...m.synced } };
      sim.mirrors.set(k, rt);
      // Prefer the nodes' own (restored) store object with the same id, so writes keep counting on it.
      let store: SimVolume | undefined;
      for (const srv of rt.servers) {
        const fs = sim.node(srv)?.fs as StoreOwningFs | undefined;
        try {
          const cand = fs?.volumeStore?.(rt.volume);
          if (cand && cand.id === rt.storeId) store = cand;
        } catch {
          // not mounted on this node
        }
        if (store) break;
      }
      store ??= { id: rt.storeId, generation };
      if (store.generation < generation) store.generation = generation;
      sim.stores.set(rt.storeId, store);
      for (const s of rt.servers) {
        const node = sim.node(s);
        if (node && sim.isUp(s)) {
          try {
            node.fs.attachVolume(rt.volume, sim.store(rt));
          } catch (e) {
            sim.log(`Could not re-attach mirror volume ${rt.volume} on ${s}: ${(e as Error).message}`);
          }
        }
      }
    }
    for (const [k, v] of Object.entries(snap.monitors)) sim.monitors.set(k, { ...v });
    for (const [k, v] of Object.entries(snap.faults)) sim.faults.set(k, { ...v });
    Object.assign(sim.stats, snap.stats, { commands: { ...snap.stats.commands } });
    sim.events.push(...snap.events);
    sim.seq = snap.events.length > 0 ? snap.events[snap.events.length - 1].seq : 0;
    return sim;
  }
}

/** Copies a folder tree between (possibly different) simulated nodes. */
function copyTree(from: SimNodeApi, source: string, to: SimNodeApi, target: string): void {
  const sep = (n: SimNodeApi) => (n.os === "windows" ? "\\" : "/");
  if (!from.fs.isDirectory(source)) {
    to.fs.writeFile(target, from.fs.readFile(source));
    return;
  }
  to.fs.mkdir(target);
  for (const name of from.fs.list(source)) copyTree(from, `${source}${sep(from)}${name}`, to, `${target}${sep(to)}${name}`);
}

/**
 * A Windows mirror disk activates on a server only when its `<server name="…">` block names the GUIDs of that
 * server's volumes: `volumeguid` for the data partition's letter (volumemountpoint), `cpvolumeguid` for the cluster
 * partition's (cpvolumemountpoint). The mirror driver finds its partitions by these GUIDs, not by letter, so a block
 * that is missing, incomplete or names another volume leaves the mirror disk unable to start there. Returns why.
 */
function mirrorVolumeProblem(el: Parameters<typeof textAt>[0], md: string, server: string, node: SimNodeApi): string | undefined {
  const block = childrenOf(el, "server").find((s) => (s.attrs.name ?? "").toLowerCase() === server.toLowerCase());
  if (!block) return `mirror disk ${md} has no <server name="${server}"> block: the volume GUIDs (volumeguid, cpvolumeguid) of server ${server} are not configured`;
  for (const [mountPath, element] of [["parameters/volumemountpoint", "volumeguid"], ["parameters/cpvolumemountpoint", "cpvolumeguid"]] as const) {
    const letter = normalizeVolume(textAt(el, mountPath) ?? "");
    const named = (textAt(block, `parameters/${element}`) ?? "").trim();
    if (!named) return `mirror disk ${md}: server ${server} has no ${element} (the GUID of its volume ${letter || "?"})`;
    const actual = /^[A-Z]:$/.test(letter) ? node.volumeGuid(letter) : undefined;
    if (!actual) return `mirror disk ${md}: server ${server} has no volume ${letter || `(${mountPath} is empty)`} (${element} ${named})`;
    if (actual !== named.toLowerCase().replace(/^\{|\}$/g, "")) return `mirror disk ${md}: ${element} ${named} of server ${server} is not the GUID of its volume ${letter} (${actual})`;
  }
  return undefined;
}
