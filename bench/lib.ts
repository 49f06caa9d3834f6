// Building blocks of the benchmark (bench/run.ts): generated wide stacks, round-trip counts from
// the lab, the provider process's CPU and peak memory from /proc, and the one-setting-per-round-trip
// baseline. Everything talks to a lab on 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { runAgent } from "../provider/remote/host";
import type { AgentOpInput } from "../provider/remote/agent/protocol";
import type { RemoteHost } from "../provider/remote/types";
import { WinRmClient } from "../provider/remote/winrm";
import { readStateOps } from "../provider/engine/sequences";
import type { Lab, LabInfo, LabNodeSpec } from "../sim/lab";

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function windowsNodes(n: number): LabNodeSpec[] {
  return Array.from({ length: n }, (_, i) => ({ name: `server${String(i + 1).padStart(2, "0")}`, os: "windows" as const }));
}

/**
 * A generated stack: N Windows nodes over WinRM/HTTPS (CA pinned), one cluster with one kernel
 * heartbeat, G failover groups each with one floating IP. `groups` can be changed between runs
 * (config `groups`), so one project can grow from 1 to 64 groups.
 */
export function syntheticProgram(nodes: number): string {
  return `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
const groups = Number(cfg.get("groups") ?? "1");
const names = Array.from({ length: ${nodes} }, (_, i) => "server" + String(i + 1).padStart(2, "0"));
const servers = names.map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort,
    https: true, caCertPem: n.winrm.caCertPem, username: n.username, password } });
});
const cluster = new clusterpro.Cluster("wide", { name: "Wide", language: "en", servers,
  interconnects: [{ priority: 1, kind: "kernel", addresses: Object.fromEntries(names.map((s, i) => [s, "10.0.0." + (i + 1)])) }],
  maxDisruption: "cluster" });
for (let g = 1; g <= groups; g++) {
  const group = new clusterpro.FailoverGroup("g" + g, { cluster, name: "g" + g, failover: "auto" });
  new clusterpro.FloatingIp("fip" + g, { group, name: "fip" + g, address: "10.1." + Math.floor(g / 200) + "." + (g % 200 + 10) });
}
`;
}

/** Remote round trips per node since the last resetStats: command executions (WinRM Command, SSH exec), and agent batches. */
export function roundTrips(lab: Lab): Record<string, { commands: number; agent: number; requests: number }> {
  return Object.fromEntries(
    [...lab.stats.entries()].map(([node, s]) => [node, { commands: (s.operations["winrm.Command"] ?? 0) + (s.operations["ssh.exec"] ?? 0), agent: s.operations["agent"] ?? 0, requests: s.requests }]),
  );
}

export function maxPerNode(rt: ReturnType<typeof roundTrips>): number {
  return Math.max(0, ...Object.values(rt).map((r) => r.commands));
}

export function totalRoundTrips(rt: ReturnType<typeof roundTrips>): number {
  return Object.values(rt).reduce((n, r) => n + r.commands, 0);
}

/** Samples the dynamic-provider processes whose working directory is `cwd` (CPU ticks, peak RSS). */
export class ProviderSampler {
  private timer?: NodeJS.Timeout;
  private readonly seen = new Map<number, { cpuMs: number; peakKb: number }>();
  private readonly tick = Number(process.env.CLK_TCK ?? 100);

  constructor(private readonly cwd: string) {}

  start(intervalMs = 50): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    let pids: string[];
    try {
      pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes("dynamic-provider")) continue;
        if (fs.readlinkSync(`/proc/${pid}/cwd`) !== this.cwd) continue;
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / this.tick; // utime + stime
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        const prev = this.seen.get(Number(pid)) ?? { cpuMs: 0, peakKb: 0 };
        this.seen.set(Number(pid), { cpuMs: Math.max(prev.cpuMs, cpuMs), peakKb: Math.max(prev.peakKb, hwm ? Number(hwm[1]) : 0) });
      } catch {
        // the process ended between listing and reading
      }
    }
  }

  /** Stops sampling; CPU summed over the provider processes seen, the largest peak RSS. */
  stop(): { processes: number; cpuMs: number; peakRssMb: number } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const all = [...this.seen.values()];
    return { processes: all.length, cpuMs: all.reduce((n, p) => n + p.cpuMs, 0), peakRssMb: round(Math.max(0, ...all.map((p) => p.peakKb)) / 1024, 1) };
  }
}

/** WinRM/HTTPS clients to every node of a lab, as the provider connects (CA pinned). */
export function labHosts(labJson: string, password: string): RemoteHost[] {
  const info = JSON.parse(fs.readFileSync(labJson, "utf8")) as LabInfo;
  return info.nodes.map(
    (n) =>
      new WinRmClient({
        name: n.name,
        host: "127.0.0.1",
        port: n.winrm!.httpsPort,
        https: true,
        auth: { type: "basic", username: n.username, password },
        tls: { caPem: n.winrm!.caCertPem },
      }),
  );
}

/**
 * The settings a program of generic remote-command resources would read to know the same state,
 * one command each: every scalar the stack declares or reports, from the stack's checkpoint.
 * Node facts are read on their node, cluster objects on the master (first server).
 */
export function settingsOf(resources: { type: string; urn: string; outputs: Record<string, unknown> }[]): { node: string; setting: string }[] {
  const internal = new Set(["connection", "connections", "serverOs", "servers", "clusterName", "maxDisruption", "adopt", "allowReplace", "applyMethod", "restartedGroups", "__provider"]);
  const leaves = (v: unknown, p: string, out: string[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${p}[${i}]`, out));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) leaves(x, p ? `${p}.${k}` : k, out);
    else if (v !== undefined && v !== null) out.push(p);
  };
  const result: { node: string; setting: string }[] = [];
  let master: string | undefined;
  const clusterObjects: { name: string; settings: string[] }[] = [];
  for (const r of resources) {
    if (!r.type.startsWith("pulumi-nodejs:dynamic:Resource") && !r.type.includes("clusterpro")) continue;
    const name = r.urn.split("::").pop() as string;
    const settings: string[] = [];
    for (const [k, v] of Object.entries(r.outputs)) if (!internal.has(k) && !k.startsWith("__")) leaves(v, k, settings);
    if (r.type.endsWith(":Node") || r.type.endsWith("Node")) {
      const host = String(r.outputs.hostname);
      for (const s of settings) result.push({ node: host, setting: `${name}.${s}` });
    } else {
      if (Array.isArray(r.outputs.servers) && !master) master = String(r.outputs.servers[0]);
      clusterObjects.push({ name, settings });
    }
  }
  for (const o of clusterObjects) for (const s of o.settings) result.push({ node: master ?? "server01", setting: `${o.name}.${s}` });
  return result;
}

/** Reads every setting with one agent round trip each (nodes in parallel, one setting at a time per node); wall ms. */
export async function baselineRead(hosts: RemoteHost[], settings: { node: string; setting: string }[], installedConf: string): Promise<number> {
  const started = Date.now();
  await Promise.all(
    hosts.map(async (h) => {
      for (const s of settings.filter((x) => x.node === h.name)) {
        const op: AgentOpInput = s.setting.split(".")[1]?.startsWith("hostname") || /\.(os|osName|clusterpro\w*)$/.test(s.setting) ? { op: "facts" } : { op: "file.read", path: installedConf, encoding: "binary" };
        await runAgent(h, [op]);
      }
    }),
  );
  return Date.now() - started;
}

/** The same state read the provider's way: one read batch on the master, one facts batch per node; wall ms. */
export async function providerRead(hosts: RemoteHost[]): Promise<number> {
  const started = Date.now();
  await Promise.all(hosts.map((h, i) => runAgent(h, i === 0 ? [...readStateOps("windows")] : [{ op: "facts" }])));
  return Date.now() - started;
}

/** CPU ms (utime + stime) of one process from /proc, or undefined once it is gone. */
function processCpuMs(pid: number, tick: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
  } catch {
    return undefined;
  }
}

/** Load processes still running, killed by pid when the bench exits however it exits. */
const liveLoads = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const pid of liveLoads) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    liveLoads.clear();
  };
  process.on("exit", killAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      killAll();
      process.exit(130);
    });
  }
}

const hasTaskset = (): boolean => spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;

/**
 * A busy loop beside the run (BENCH_CPU_LOAD=1): one child process spinning at 100% of one core,
 * pinned to the last core with taskset when it is there (taskset execs the loop, so the pid is the
 * loop's). stop() kills it by pid and reports the share of one core it used.
 */
export class CpuLoad {
  private child?: ChildProcess;
  private startedAt = 0;
  private readonly tick = Number(process.env.CLK_TCK ?? 100);
  readonly core = os.cpus().length - 1;
  readonly pinned = hasTaskset();

  start(): void {
    installExitHook();
    const loop = [process.execPath, "-e", "for (;;) {}"];
    this.child = this.pinned ? spawn("taskset", ["-c", String(this.core), ...loop], { stdio: "ignore" }) : spawn(loop[0], loop.slice(1), { stdio: "ignore" });
    if (this.child.pid === undefined) throw new Error("BENCH_CPU_LOAD: the busy loop did not start");
    liveLoads.add(this.child.pid);
    this.child.on("error", () => undefined);
    this.startedAt = Date.now();
  }

  /** Kills the loop by pid and waits for it to end; returns its CPU as a percentage of one core over its life. */
  async stop(): Promise<{ pid: number; cpuPctOfOneCore: number; pinnedCore: number | null }> {
    const child = this.child;
    if (!child || child.pid === undefined) throw new Error("BENCH_CPU_LOAD: stop() without start()");
    const pid = child.pid;
    const cpuMs = processCpuMs(pid, this.tick) ?? 0;
    const wallMs = Math.max(1, Date.now() - this.startedAt);
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
    await exited;
    liveLoads.delete(pid);
    this.child = undefined;
    return { pid, cpuPctOfOneCore: round((100 * cpuMs) / wallMs, 0), pinnedCore: this.pinned ? this.core : null };
  }
}

/** Runs `body` with a CpuLoad beside it when `load` is true; the loop is killed after it, also when it throws. */
export async function withCpuLoad<T>(load: boolean, body: () => Promise<T>): Promise<{ value: T; load: Awaited<ReturnType<CpuLoad["stop"]>> | null }> {
  if (!load) return { value: await body(), load: null };
  const cpu = new CpuLoad();
  cpu.start();
  let value: T;
  try {
    value = await body();
  } catch (e) {
    await cpu.stop();
    throw e;
  }
  return { value, load: await cpu.stop() };
}

/** The engine's parallelism when no --parallel is given (pulumi up/preview: PULUMI_PARALLEL, else 4 x GOMAXPROCS). */
export function engineDefaultParallel(): string {
  const env = Number(process.env.PULUMI_PARALLEL);
  if (env > 0) return `engine default (PULUMI_PARALLEL=${env})`;
  const procs = Number(process.env.GOMAXPROCS) > 0 ? Number(process.env.GOMAXPROCS) : os.availableParallelism();
  return `engine default (4 x ${procs} cores = ${4 * procs})`;
}
