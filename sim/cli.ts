// clusterpro-lab: start, drive and stop a local lab of simulated CLUSTERPRO X nodes.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { ControlInfo, ControlReply } from "./control";
import type { LabNodeSpec, LabOptions } from "./lab";
import { checkLoad, LoadRefusal, nodesOfConf, type LoadNode } from "./lab-load";
import { LAB_PRODUCT_IDS } from "./products";

const USAGE = `usage:
  clusterpro-lab start --dir DIR --nodes NAME:windows|linux[,…] [--conf FILE] [--latency-ms N] [--username U]
                       [--password P] [--authorized-key FILE] [--products ID,…] [--foreground]
  clusterpro-lab start --dir DIR --conf FILE [options]   the nodes are FILE's servers (OS from all/serveros)
  clusterpro-lab --dir DIR COMMAND
commands:
  stop                          save the state and stop the lab
  load [NODE] FILE              the cluster takes over clp.conf FILE (its servers must be the lab's nodes):
                                drives, devices, services and default scripts it names are laid down, the
                                bytes are pushed unchanged (clpcfctrl --push on NODE) and the cluster starts
  status                        a clpstat-like table: servers, groups, where each runs, resources, mirror state
  fail NODE | recover NODE      take a node down (its endpoints refuse connections) or bring it back
  exec NODE -- CMD [ARG…]       run a CLUSTERPRO command on a node, e.g. exec server01 -- clpgrp -m failover
  events                        the cluster's alert log (groups activated, failovers, pushes, …)
  conf NODE                     print the node's clp.conf
  put NODE LOCALFILE REMOTEPATH copy a local file onto a node
  file NODE PATH                print a file (or list a folder) of a node
  reg NODE KEY [VALUE]          print a registry key or value (Windows nodes)
  svc NODE [NAME [ACTION]]      list services with startup type and state; ACTION: start, stop,
                                automatic, manual or disabled (change a service by hand)
  stats [--json] | stats-reset  request counts per node and operation, clp.conf pushes
  fault latency MS | fault drop NODE N | fault fail NAME [TIMES] | fault hang NAME [TIMES] | fault clear
  fault disk NODE DRIVE|MOUNTPOINT|DEVICE   a shared disk cannot be reached from NODE (sdw/diskw see it)
  fault name NODE COMPUTERNAME  a virtual computer name stops answering from NODE (vcomw sees it)
  shared-disk VOLUME [DEVICE] [NODE,NODE…]  one disk attached to the nodes (S:, or /mnt/sd1 /dev/sdb1)
  resolve COMPUTERNAME          a client's name lookup: the floating IP of an online virtual computer name
  fault monitor NAME NODE [off]  a monitor fails on a node (genw: its script exits non-zero; volmgrw)
  fault unreachable IP [NODE] [off]  an address stops answering pings (ipw, pingnp), from all nodes or one
  fault nic NODE NIC down|up    a network interface's link goes down or up (miiw)
  reset                         forget everything: nodes as freshly installed, no cluster
  info                          print lab.json (connection details)
The directory can also be given as CLUSTERPRO_LAB_DIR.`;

export class UsageError extends Error {}

interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Raw bytes (file contents, clp.conf in its own encoding). */
  bytes?(b: Buffer): void;
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

export function parseNodes(spec: string): LabNodeSpec[] {
  const nodes = spec.split(",").map((part): LabNodeSpec => {
    const [name, os, extra] = part.split(":");
    if (!name || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(name)) throw new UsageError(`--nodes: "${name}" is not a valid node name (letters, digits, - and _)`);
    if (os !== "windows" && os !== "linux") throw new UsageError(`--nodes: ${name}: the OS must be windows or linux, not "${os ?? ""}"`);
    if (extra !== undefined && extra !== "ssh") throw new UsageError(`--nodes: ${name}: the only option is ":ssh" (Windows OpenSSH)`);
    return { name, os, ...(extra === "ssh" ? { ssh: true } : {}) };
  });
  const dup = nodes.find((n, i) => nodes.findIndex((m) => m.name.toLowerCase() === n.name.toLowerCase()) !== i);
  if (dup) throw new UsageError(`--nodes: ${dup.name} is listed twice`);
  return nodes;
}

function controlInfo(dir: string): ControlInfo | undefined {
  const file = path.join(dir, "control.json");
  if (!fs.existsSync(file)) return undefined;
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as ControlInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined; // a stale file from a crashed lab
  }
}

export function request(info: ControlInfo, command: string, args: string[]): Promise<ControlReply> {
  const body = JSON.stringify({ command, args });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: info.port, method: "POST", path: "/", headers: { "x-lab-token": info.token, "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`the lab answered HTTP ${res.statusCode}`));
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as ControlReply);
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

/** A clp.conf file's bytes; an unreadable file is an error (exit 1), not a usage error. */
function readConfFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
}

/** The nodes of a saved lab (start resumes them, whatever --nodes says). */
function savedNodes(dir: string): LoadNode[] {
  const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as { nodes: LoadNode[] };
  return state.nodes.map((n) => ({ name: n.name, os: n.os }));
}

/** Asks the running lab to load a clp.conf; prints its report (or its refusal, exit 1). */
async function sendLoad(info: ControlInfo, bytes: Buffer, label: string, node: string | undefined, io: Io): Promise<number> {
  const reply = await request(info, "load", [bytes.toString("base64"), label, ...(node !== undefined ? [node] : [])]);
  if (reply.ok) {
    io.out(reply.output);
    return 0;
  }
  io.err(`clusterpro-lab: ${reply.output}`);
  return 1;
}

async function start(dir: string, args: string[], io: Io): Promise<number> {
  const nodesSpec = takeOption(args, "--nodes");
  const confFile = takeOption(args, "--conf");
  const latency = takeOption(args, "--latency-ms");
  const username = takeOption(args, "--username") ?? "Administrator";
  const password = takeOption(args, "--password") ?? `Lab-${randomBytes(9).toString("base64url")}`;
  const keyFile = takeOption(args, "--authorized-key");
  const products = takeOption(args, "--products")?.split(",").filter(Boolean);
  const unknown = products?.filter((p) => !LAB_PRODUCT_IDS.includes(p));
  if (unknown?.length) throw new UsageError(`--products: unknown product ${unknown.join(", ")} (known: ${LAB_PRODUCT_IDS.join(", ")})`);
  const foreground = args.includes("--foreground");
  const rest = args.filter((a) => a !== "--foreground");
  if (rest.length > 0) throw new UsageError(`unknown arguments: ${rest.join(" ")}`);
  const saved = fs.existsSync(path.join(dir, "state.json"));
  if (!nodesSpec && !saved && !confFile) throw new UsageError("start needs --nodes or --conf (or a directory with a saved lab)");
  if (latency !== undefined && !/^\d+$/.test(latency)) throw new UsageError("--latency-ms must be a whole number of milliseconds");
  if (controlInfo(dir)) throw new UsageError(`a lab is already running in ${dir}; stop it first`);
  let nodes = nodesSpec ? parseNodes(nodesSpec) : [];
  const conf = confFile !== undefined ? { bytes: readConfFile(confFile), label: confFile } : undefined;
  if (conf) {
    // Everything about the file is checked before anything starts: its servers become (or must be) the nodes.
    if (!nodesSpec && !saved) {
      const fromFile = nodesOfConf(conf.bytes, conf.label);
      const bad = fromFile.find((n) => !/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(n.name));
      if (bad) throw new LoadRefusal(`${conf.label}: server "${bad.name}" cannot be a lab node name (letters, digits, - and _)`);
      nodes = fromFile;
    }
    checkLoad(conf.bytes, saved ? savedNodes(dir) : nodes, conf.label);
  }
  const options: LabOptions = {
    dir: path.resolve(dir),
    nodes,
    username,
    password,
    ...(keyFile ? { authorizedKeys: fs.readFileSync(keyFile, "utf8").split("\n").filter((l) => l.trim()) } : {}),
    ...(latency !== undefined ? { latencyMs: Number(latency) } : {}),
    ...(products ? { products } : {}),
  };
  fs.mkdirSync(options.dir, { recursive: true });
  const encoded = Buffer.from(JSON.stringify(options)).toString("base64");
  const daemon = path.join(__dirname, "daemon.js");
  if (foreground) {
    const { runDaemon } = require("./daemon") as typeof import("./daemon");
    await runDaemon(options);
    const running = controlInfo(options.dir);
    if (conf && running) await sendLoad(running, conf.bytes, conf.label, undefined, io);
    return new Promise<number>(() => undefined); // runs until stopped
  }
  fs.rmSync(path.join(options.dir, "control.json"), { force: true });
  const log = fs.openSync(path.join(options.dir, "lab.log"), "a");
  // The options (with the lab's password) travel in the environment, which only the same user can read.
  const child = spawn(process.execPath, [daemon], { detached: true, stdio: ["ignore", log, log], env: { ...process.env, CLUSTERPRO_LAB_OPTIONS: encoded } });
  child.unref();
  const ready = await waitFor(() => controlInfo(options.dir) !== undefined, 30_000);
  if (!ready) {
    io.err(`clusterpro-lab: the lab did not start; see ${path.join(options.dir, "lab.log")}\n`);
    return 1;
  }
  const info = JSON.parse(fs.readFileSync(path.join(options.dir, "lab.json"), "utf8")) as import("./lab").LabInfo;
  io.out(`lab started in ${options.dir} (pid ${child.pid}); connection details in ${path.join(options.dir, "lab.json")}\n`);
  for (const n of info.nodes) {
    const parts = [n.winrm ? `WinRM http 127.0.0.1:${n.winrm.httpPort} https 127.0.0.1:${n.winrm.httpsPort}` : "", n.ssh ? `SSH 127.0.0.1:${n.ssh.port} (${n.ssh.hostKeyFingerprint})` : ""].filter(Boolean);
    io.out(`  ${n.name.padEnd(12)} ${n.os.padEnd(8)} ${parts.join("  ")}\n`);
  }
  if (!conf) return 0;
  const running = controlInfo(options.dir) as ControlInfo;
  const code = await sendLoad(running, conf.bytes, conf.label, undefined, io);
  if (code !== 0) io.err(`clusterpro-lab: the lab is running without that configuration; stop it with: clusterpro-lab --dir ${dir} stop\n`);
  return code;
}

async function stop(dir: string, io: Io): Promise<number> {
  const info = controlInfo(dir);
  if (!info) {
    io.out(`no lab is running in ${dir}\n`);
    return 0;
  }
  try {
    const r = await request(info, "stop", []);
    io.out(r.output);
  } catch {
    process.kill(info.pid, "SIGTERM");
  }
  const gone = await waitFor(() => {
    try {
      process.kill(info.pid, 0);
      return false;
    } catch {
      return true;
    }
  }, 10_000);
  if (!gone) {
    process.kill(info.pid, "SIGKILL");
    io.err(`clusterpro-lab: the lab (pid ${info.pid}) did not stop in time and was killed\n`);
  }
  fs.rmSync(path.join(dir, "control.json"), { force: true });
  return 0;
}

export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  const args = [...argv];
  try {
    if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
      io.out(`${USAGE}\n`);
      return args.length === 0 ? 2 : 0;
    }
    const dir = path.resolve(takeOption(args, "--dir") ?? process.env.CLUSTERPRO_LAB_DIR ?? ".lab");
    const command = args.shift() as string;
    if (command === "start") return await start(dir, args, io);
    if (command === "stop") return await stop(dir, io);
    const info = controlInfo(dir);
    if (!info) throw new UsageError(`no lab is running in ${dir} (start one with: clusterpro-lab start --dir ${dir} --nodes …)`);
    let rest = args;
    let json = false;
    if (command === "stats") {
      json = rest.includes("--json");
      rest = rest.filter((a) => a !== "--json");
    }
    if (command === "load") {
      if (rest.length < 1 || rest.length > 2) throw new UsageError("usage: clusterpro-lab load [NODE] FILE");
      const file = rest[rest.length - 1];
      return await sendLoad(info, readConfFile(file), file, rest.length === 2 ? rest[0] : undefined, io);
    }
    if (command === "exec") {
      const dash = rest.indexOf("--");
      if (dash !== 1) throw new UsageError("usage: clusterpro-lab exec NODE -- CMD [ARG…]");
      rest = [rest[0], ...rest.slice(2)];
    }
    if (command === "put") {
      if (rest.length !== 3) throw new UsageError("usage: clusterpro-lab put NODE LOCALFILE REMOTEPATH");
      rest = [rest[0], fs.readFileSync(rest[1]).toString("base64"), rest[2]];
    }
    const reply = await request(info, command, rest);
    if (json) io.out(`${JSON.stringify(reply.data, null, 2)}\n`);
    else if (command === "file" || command === "conf") {
      const b64 = (reply.data as { base64?: string } | undefined)?.base64;
      if (b64) (io.bytes ?? ((b: Buffer) => process.stdout.write(b)))(Buffer.from(b64, "base64"));
      else io.out(reply.output);
    } else io.out(reply.output);
    if (command === "exec") return (reply.data as { exitCode: number }).exitCode;
    return reply.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`clusterpro-lab: ${e.message}\n`);
      return 2;
    }
    io.err(`clusterpro-lab: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
