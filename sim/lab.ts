// The lab: simulated nodes behind real WinRM (HTTP + HTTPS) and SSH endpoints on 127.0.0.1, one
// simulated CLUSTERPRO cluster across them, faults and latency, request counts, and state that
// persists in a directory. Addresses inside the simulated cluster (192.168.x.y) are data only:
// every real socket is on 127.0.0.1.
import * as fs from "node:fs";
import * as path from "node:path";
import { WINDOWS_BOOTSTRAP, POSIX_BOOTSTRAP } from "../provider/remote/agent/invocation";
import { decodeAgentStdin } from "./agent/decode";
import { executeOps, formatAgentOutput, type AgentError, type WireOp } from "./agent/executor";
import { createLabCluster, restoreLabCluster, type LabCluster } from "./lab-cluster";
import { layDownProduct } from "./products";
import { SimNode, labVolumeGuid, restoreStore, snapshotStore, type NodeSnapshot, type StoreSnapshot } from "./node/node";
import { VolumeStore } from "./node/filesystem";
import { SimError, type SimOs } from "./node/types";
import { splitPosixCommand } from "./ssh/command-split";
import { SshNodeServer, generateHostKey, hostKeyFingerprint } from "./ssh/server";
import { generateSelfSignedCertificate, type SelfSignedCertificate } from "./winrm/cert";
import type { CommandInvocation, CommandResult } from "./winrm/handler";
import { WinRmServer } from "./winrm/server";

export interface LabNodeSpec {
  name: string;
  os: SimOs;
  /** Windows nodes: also serve SSH (Windows OpenSSH). Linux nodes always do. */
  ssh?: boolean;
}

export interface LabOptions {
  dir: string;
  nodes: LabNodeSpec[];
  username: string;
  password: string;
  authorizedKeys?: string[];
  latencyMs?: number;
  /** Catalog products laid down on every Windows node as a fresh install leaves them. */
  products?: string[];
}

/** The shape of DIR/lab.json: everything a client needs to connect. */
export interface LabInfo {
  nodes: {
    name: string;
    os: SimOs;
    username: string;
    password: string;
    winrm?: { httpPort: number; httpsPort: number; caCertPem: string; certificateSha256: string };
    ssh?: { port: number; hostKeyFingerprint: string };
  }[];
}

export interface LabFaults {
  /** Injected latency per request (WinRM SOAP operation, SSH exec or SFTP request), ms. */
  latencyMs: number;
  /** Node → the request number (counted from now) at which its connections are dropped. */
  dropAt: Record<string, number>;
  /** Command or agent-op name ("clpcfctrl", "service.stop", …) → how many more times it fails. */
  failCommands: Record<string, number>;
  /** Command or agent-op name → how many more times it hangs until the client gives up. */
  hangCommands: Record<string, number>;
}

export interface NodeStats {
  /** Every request that reached the node (WinRM SOAP operations, SSH execs, SFTP requests). */
  requests: number;
  /** By operation: "winrm.Command", "ssh.exec", "agent", "agent.file.write", "clp.clpcfctrl", … */
  operations: Record<string, number>;
}

interface PersistedState {
  version: 1;
  options: Omit<LabOptions, "dir">;
  ports: Record<string, { http?: number; https?: number; ssh?: number }>;
  nodes: NodeSnapshot[];
  stores: StoreSnapshot[];
  cluster: unknown;
}

interface NodeEndpoints {
  http?: WinRmServer;
  https?: WinRmServer;
  ssh?: SshNodeServer;
  hostKey?: string;
  certificate?: SelfSignedCertificate;
}

const STATE_FILE = "state.json";
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Lab {
  readonly nodes = new Map<string, SimNode>();
  readonly endpoints = new Map<string, NodeEndpoints>();
  readonly stats = new Map<string, NodeStats>();
  readonly faults: LabFaults = { latencyMs: 0, dropAt: {}, failCommands: {}, hangCommands: {} };
  cluster!: LabCluster;
  private ports: PersistedState["ports"] = {};
  private ticker?: NodeJS.Timeout;
  private saveTimer?: NodeJS.Timeout;

  private constructor(readonly options: LabOptions) {
    this.faults.latencyMs = options.latencyMs ?? 0;
  }

  /** Starts a lab in options.dir, resuming its saved state when there is one. */
  static async start(options: LabOptions): Promise<Lab> {
    fs.mkdirSync(options.dir, { recursive: true });
    const statePath = path.join(options.dir, STATE_FILE);
    const saved = fs.existsSync(statePath) ? (JSON.parse(fs.readFileSync(statePath, "utf8")) as PersistedState) : undefined;
    const lab = new Lab(saved ? { ...saved.options, dir: options.dir, latencyMs: options.latencyMs ?? saved.options.latencyMs } : options);
    if (saved) {
      const stores = new Map(saved.stores.map((s) => [s.id, restoreStore(s)]));
      for (const n of saved.nodes) lab.nodes.set(n.name, SimNode.restore(n, stores));
      lab.ports = saved.ports;
      lab.cluster = restoreLabCluster(saved.cluster, [...lab.nodes.values()]);
    } else {
      lab.freshNodes();
    }
    for (const name of lab.nodes.keys()) lab.stats.set(name, { requests: 0, operations: {} });
    for (const node of lab.nodes.values()) if (node.isUp()) await lab.openEndpoints(node);
    lab.ticker = setInterval(() => lab.tick(), 1000);
    lab.ticker.unref();
    lab.save();
    lab.writeInfo();
    return lab;
  }

  get dir(): string {
    return this.options.dir;
  }

  spec(name: string): LabNodeSpec {
    return this.options.nodes.find((n) => n.name === name) ?? { name, os: this.node(name).os };
  }

  node(name: string): SimNode {
    const n = this.nodes.get(name);
    if (!n) throw new SimError("not-found", `no node named ${name} (nodes: ${[...this.nodes.keys()].join(", ")})`);
    return n;
  }

  /** Nodes as freshly installed (with the lab's products), and no cluster configuration. */
  private freshNodes(): void {
    this.nodes.clear();
    for (const spec of this.options.nodes) {
      const node = SimNode.fresh(spec.name, spec.os);
      if (spec.os === "windows") for (const p of this.options.products ?? []) layDownProduct(node, p);
      this.nodes.set(spec.name, node);
    }
    this.cluster = createLabCluster([...this.nodes.values()]);
  }

  // ----- endpoints -----

  private secret(file: string, make: () => string): string {
    const p = path.join(this.dir, "keys", file);
    if (fs.existsSync(p)) return fs.readFileSync(p, "utf8");
    fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o700 });
    const value = make();
    fs.writeFileSync(p, value, { mode: 0o600 });
    return value;
  }

  private certificate(name: string): SelfSignedCertificate {
    const stored = this.secret(`${name}-winrm-tls.json`, () => JSON.stringify(generateSelfSignedCertificate({ commonName: name, hosts: ["127.0.0.1", "localhost", name] })));
    return JSON.parse(stored) as SelfSignedCertificate;
  }

  private async openEndpoints(node: SimNode): Promise<void> {
    const e: NodeEndpoints = this.endpoints.get(node.name) ?? {};
    const ports = (this.ports[node.name] ??= {});
    const listen = async <T>(want: number | undefined, start: (port: number) => Promise<T>): Promise<T> => {
      try {
        return await start(want ?? 0);
      } catch (err) {
        if (want && (err as NodeJS.ErrnoException).code === "EADDRINUSE") return start(0); // the old port is taken: take a new one
        throw err;
      }
    };
    if (node.os === "windows") {
      e.certificate = this.certificate(node.name);
      const common = {
        users: [{ username: this.options.username, password: this.options.password }],
        handler: (cmd: CommandInvocation) => this.handleWinRm(node.name, cmd),
        hostname: node.name.toUpperCase(),
        latencyMs: (op: string) => this.onRequest(node.name, `winrm.${op}`),
      };
      e.http = await listen(ports.http, (p) => new WinRmServer({ ...common }).start(p));
      e.https = await listen(ports.https, (p) => new WinRmServer({ ...common, https: true, certificate: e.certificate }).start(p));
      ports.http = e.http.listeningPort;
      ports.https = e.https.listeningPort;
    }
    if (node.os === "linux" || this.spec(node.name).ssh) {
      e.hostKey = this.secret(`${node.name}-ssh-host-ed25519`, () => generateHostKey().privateKey);
      const server = new SshNodeServer({
        hostKey: e.hostKey,
        username: this.options.username,
        password: this.options.password,
        authorizedKeys: this.options.authorizedKeys,
        exec: (cmd) => this.handleSsh(node.name, cmd.command, cmd.readStdin, cmd.signal),
        sftp: () => sftpView(node),
        isUp: () => node.isUp(),
        latencyMs: () => this.faults.latencyMs,
        count: (kind) => void this.onRequest(node.name, `ssh.${kind}`),
      });
      ports.ssh = await listen(ports.ssh, (p) => server.listen(p));
      e.ssh = server;
    }
    this.endpoints.set(node.name, e);
  }

  private async closeEndpoints(name: string): Promise<void> {
    const e = this.endpoints.get(name);
    if (!e) return;
    await Promise.all([e.http?.close(), e.https?.close(), e.ssh?.close()]);
    e.http = e.https = e.ssh = undefined;
  }

  /** Counts a request and applies faults; answers the latency to inject (ms). */
  private onRequest(node: string, operation: string): number {
    const s = this.stats.get(node) as NodeStats;
    s.requests++;
    s.operations[operation] = (s.operations[operation] ?? 0) + 1;
    const dropAt = this.faults.dropAt[node];
    if (dropAt !== undefined) {
      if (dropAt <= 1) {
        delete this.faults.dropAt[node];
        const e = this.endpoints.get(node);
        setImmediate(() => {
          e?.http?.dropConnections();
          e?.https?.dropConnections();
          e?.ssh?.dropConnections();
        });
      } else this.faults.dropAt[node] = dropAt - 1;
    }
    return this.faults.latencyMs;
  }

  private count(node: string, operation: string): void {
    const s = this.stats.get(node) as NodeStats;
    s.operations[operation] = (s.operations[operation] ?? 0) + 1;
  }

  /** Consumes one injected failure/hang for a command or op name. */
  private takeFault(kind: "failCommands" | "hangCommands", name: string): boolean {
    const left = this.faults[kind][name];
    if (!left) return false;
    if (left <= 1) delete this.faults[kind][name];
    else this.faults[kind][name] = left - 1;
    return true;
  }

  // ----- commands -----

  /** Runs a clp* command on a node through the simulated cluster (with injected faults). */
  runClp(nodeName: string, argv: string[]): { exitCode: number; stdout: string; stderr: string } {
    const program = argv[0].replace(/^.*[\\/]/, "").replace(/\.exe$/i, "").toLowerCase();
    this.count(nodeName, `clp.${program}`);
    if (this.takeFault("failCommands", program)) return { exitCode: 1, stdout: "", stderr: `${program}: failed (fault injected by clusterpro-lab)\n` };
    const r = this.cluster.exec(nodeName, [program, ...argv.slice(1)]);
    this.scheduleSave();
    return r;
  }

  private runAgent(nodeName: string, ops: WireOp[]): string {
    const node = this.node(nodeName);
    this.count(nodeName, "agent");
    for (const op of ops) this.count(nodeName, `agent.${op.op}`);
    const inject = (op: WireOp): AgentError | undefined => {
      const name = op.op === "clp" ? String(op.command) : op.op;
      return this.takeFault("failCommands", name) ? { code: "failed", message: `${name}: failed (fault injected by clusterpro-lab)` } : undefined;
    };
    const outcomes = executeOps(node, ops, (n, argv) => this.runClp(n.name, argv), inject);
    this.cluster.afterNodeChange(nodeName);
    this.scheduleSave();
    return formatAgentOutput(outcomes, node.os === "windows" ? "\r\n" : "\n");
  }

  private async hangIfAsked(name: string, signal: AbortSignal): Promise<boolean> {
    if (!this.takeFault("hangCommands", name)) return false;
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
    return true;
  }

  private plainCommand(nodeName: string, argv: string[]): { exitCode: number; stdout: string; stderr: string } {
    const node = this.node(nodeName);
    const program = (argv[0] ?? "").replace(/^.*[\\/]/, "").replace(/\.exe$/i, "").toLowerCase();
    if (program === "hostname") return { exitCode: 0, stdout: `${node.hostname}${node.os === "windows" ? "\r\n" : "\n"}`, stderr: "" };
    if (/^clp[a-z]+$/.test(program)) return this.runClp(nodeName, argv);
    if (node.os === "windows") return { exitCode: 1, stdout: "", stderr: `'${argv[0]}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n` };
    return { exitCode: 127, stdout: "", stderr: `sh: 1: ${argv[0]}: not found\n` };
  }

  private async handleWinRm(nodeName: string, cmd: CommandInvocation): Promise<CommandResult> {
    const node = this.node(nodeName);
    const name = cmd.kind === "powershell" && cmd.script === WINDOWS_BOOTSTRAP ? "agent" : (cmd.program ?? "").replace(/^.*[\\/]/, "").replace(/\.exe$/i, "").toLowerCase();
    if (await this.hangIfAsked(name, cmd.signal)) return { exitCode: 1 };
    switch (cmd.kind) {
      case "powershell": {
        if (cmd.script !== WINDOWS_BOOTSTRAP) return { exitCode: 1, stderr: Buffer.from("clusterpro-lab: only the clusterpro agent's PowerShell is simulated\r\n") };
        return { exitCode: 0, stdout: Buffer.from(this.runAgent(nodeName, decodeAgentStdin("windows", await cmd.readStdin())), "utf8") };
      }
      case "putFile":
        node.fs.writeFile(String(cmd.path), await cmd.readStdin());
        this.scheduleSave();
        return { exitCode: 0 };
      case "getFile":
        return { exitCode: 0, stdout: node.fs.readFile(String(cmd.path)) };
      default: {
        const r = this.plainCommand(nodeName, [cmd.program, ...cmd.args]);
        // A plain command line (pywinrm's run_cmd) gets the console's code page; our launcher gets UTF-8.
        return { exitCode: r.exitCode, stdout: Buffer.from(r.stdout, "utf8"), stderr: Buffer.from(r.stderr, "utf8") };
      }
    }
  }

  private async handleSsh(nodeName: string, command: string, readStdin: () => Promise<Buffer>, signal: AbortSignal): Promise<{ exitCode: number; stdout?: Buffer; stderr?: Buffer }> {
    // Our SSH transport runs a command with a time-out under coreutils `timeout -s KILL SECONDS …`;
    // the lab answers at once, and the client enforces its time-out on its side too.
    let argv = splitPosixCommand(command);
    if (argv[0] === "timeout") argv = argv.slice(argv[1] === "-s" ? 4 : 2);
    const isAgent = argv.length === 3 && argv[0] === "sh" && argv[1] === "-c" && argv[2] === POSIX_BOOTSTRAP;
    if (await this.hangIfAsked(isAgent ? "agent" : (argv[0] ?? ""), signal)) return { exitCode: 1 };
    if (isAgent) {
      const node = this.node(nodeName);
      return { exitCode: 0, stdout: Buffer.from(this.runAgent(nodeName, decodeAgentStdin(node.os, await readStdin())), "utf8") };
    }
    const r = this.plainCommand(nodeName, argv);
    return { exitCode: r.exitCode, stdout: Buffer.from(r.stdout, "utf8"), stderr: Buffer.from(r.stderr, "utf8") };
  }

  // ----- node failure -----

  /**
   * Attaches one disk to several nodes (default: all of them), as a LUN every server of a shared-disk cluster sees:
   * one volume store mounted at `volume` on each (Windows: a drive letter with the same GUID everywhere, as a GPT
   * volume has; Linux: a mount point, plus the device node `device`). Nobody may use it until the cluster activates
   * its shared disk resource there. Nothing is replaced: a node that already has the volume keeps its own.
   */
  addSharedDisk(o: { volume: string; device?: string; nodes?: string[] }): void {
    const names = o.nodes ?? [...this.nodes.keys()];
    const storeId = `shared:${o.volume}`;
    let store: VolumeStore | undefined;
    for (const name of names) {
      const node = this.node(name);
      const fsys = node.fs;
      if (fsys.volumes().some((v) => (node.os === "windows" ? v.volume.toUpperCase() === o.volume.toUpperCase() : v.volume === o.volume))) continue;
      if (node.os === "linux") {
        if (!fsys.exists(o.volume)) fsys.mkdir(o.volume);
        if (o.device && !fsys.exists(o.device)) {
          const parent = o.device.slice(0, o.device.lastIndexOf("/"));
          if (parent && !fsys.exists(parent)) fsys.mkdir(parent);
          fsys.writeFile(o.device, Buffer.alloc(0));
        }
      }
      store = fsys.addVolume(o.volume, store ?? new VolumeStore(storeId, node.os === "windows" ? "BUILTIN\\Administrators" : "root"), "none");
      if (node.os === "windows") node.setVolumeGuid(o.volume, labVolumeGuid("shared-disk", o.volume.replace(/:.*$/, "")));
    }
    this.save();
  }

  /** Takes a node down: its endpoints refuse connections and the cluster fails its groups over. */
  async fail(name: string): Promise<void> {
    const node = this.node(name);
    node.fail();
    await this.closeEndpoints(name);
    this.tick();
  }

  async recover(name: string): Promise<void> {
    const node = this.node(name);
    node.recover();
    await this.openEndpoints(node);
    this.tick();
    this.writeInfo();
  }

  tick(): void {
    this.cluster.tick();
    this.scheduleSave();
  }

  resetStats(): void {
    for (const s of this.stats.values()) {
      s.requests = 0;
      s.operations = {};
    }
    this.cluster.resetStats();
  }

  // ----- persistence -----

  info(): LabInfo {
    return {
      nodes: [...this.nodes.values()].map((n) => {
        const e = this.endpoints.get(n.name) ?? {};
        const ports = this.ports[n.name] ?? {};
        const cert = e.certificate ?? (n.os === "windows" ? this.certificate(n.name) : undefined);
        const key = e.hostKey ?? (n.os === "linux" || this.spec(n.name).ssh ? this.secret(`${n.name}-ssh-host-ed25519`, () => generateHostKey().privateKey) : undefined);
        return {
          name: n.name,
          os: n.os,
          username: this.options.username,
          password: this.options.password,
          ...(cert ? { winrm: { httpPort: ports.http ?? 0, httpsPort: ports.https ?? 0, caCertPem: cert.certPem, certificateSha256: cert.sha256Hex } } : {}),
          ...(key ? { ssh: { port: ports.ssh ?? 0, hostKeyFingerprint: hostKeyFingerprint(key) } } : {}),
        };
      }),
    };
  }

  writeInfo(): void {
    const file = path.join(this.dir, "lab.json");
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(this.info(), null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, 50);
    this.saveTimer.unref();
  }

  save(): void {
    const stores = new Map<string, StoreSnapshot>();
    for (const n of this.nodes.values()) for (const v of n.fs.volumes()) stores.set(v.store.id, snapshotStore(v.store));
    const { dir: _dir, ...options } = this.options;
    const state: PersistedState = {
      version: 1,
      options,
      ports: this.ports,
      nodes: [...this.nodes.values()].map((n) => n.snapshot()),
      stores: [...stores.values()],
      cluster: this.cluster.snapshot(),
    };
    const file = path.join(this.dir, STATE_FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }

  /** Forgets all state (nodes as freshly installed, no cluster), keeping ports and keys. */
  async reset(): Promise<void> {
    for (const name of [...this.nodes.keys()]) await this.closeEndpoints(name);
    this.freshNodes();
    this.resetStats();
    for (const node of this.nodes.values()) await this.openEndpoints(node);
    this.save();
    this.writeInfo();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.save();
    for (const name of this.nodes.keys()) await this.closeEndpoints(name);
    await sleep(0);
  }
}

/** The SFTP view of a node's filesystem. */
function sftpView(node: SimNode) {
  return {
    readFile: (p: string) => node.fs.readFile(p),
    writeFile: (p: string, d: Buffer) => node.fs.writeFile(p, d),
    stat: (p: string) => {
      const e = node.fs.stat(p);
      return e ? { type: e.type, size: e.data?.length ?? 0, mtimeMs: e.mtimeMs, mode: e.mode } : undefined;
    },
    mkdir: (p: string) => node.fs.mkdir(p),
    list: (p: string) => node.fs.list(p),
    remove: (p: string, r: boolean) => node.fs.remove(p, r),
    move: (a: string, b: string) => node.fs.move(a, b, true),
  };
}
