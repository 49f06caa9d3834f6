// The clp* command lines of the simulated cluster: argv in, { exitCode, stdout, stderr } out.
// Syntax: anchors-and-clusterpro-x.md §1.4; output: clusterpro-x-details.md §5. Exit codes: 0 success, 1 any
// failure (the reference only confirms "non-zero"), 9 busy (only when injected with failCommand), 127 unknown command.
// Windows nodes get CRLF line endings, Linux nodes LF.

import { SimError, type SimNodeApi } from "../node/types";
import { ClusterOpError } from "./errors";
import type { ClusterConf } from "./conf";
import type { PushOptions, PushResult } from "./push-gate";
import { renderClpstat, renderGroupMap, renderMdList, renderMdMirror, type ClusterStatus } from "./render";

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** File access for commands that read/write configuration directories (defaults to the node's own fs). */
export interface ExecContext {
  readFile?(path: string): Buffer;
  writeFile?(path: string, data: Buffer): void;
  /** Working directory for relative `-x` paths (default: the node's install directory). */
  cwd?: string;
}

/** What the commands need of a cluster (ClusterSim implements it; tests may pass another implementation). */
export interface ClusterOps {
  readonly stats: { pulls: number; commands: Record<string, number> };
  node(name: string): SimNodeApi | undefined;
  isUp(server: string): boolean;
  takeFault(command: string): { exitCode: number } | undefined;
  installDirOf(node: SimNodeApi): string;
  confPath(node: SimNodeApi): string;
  conf(node: string): Buffer | undefined;
  config(): ClusterConf | undefined;
  hasConfig(): boolean;
  check(bytes: Buffer): ClusterConf;
  push(bytes: Buffer, opts?: PushOptions): PushResult;
  installScripts(server: string, from: SimNodeApi, scripts: string): void;
  exportScripts(node: SimNodeApi, scripts: string): void;
  serverName(name: string): string | undefined;
  startCluster(servers?: string[]): { server: string; error?: string }[];
  stopCluster(servers?: string[]): { server: string; error?: string }[];
  startMirrorAgent(servers?: string[]): void;
  stopMirrorAgent(servers?: string[]): void;
  suspend(): void;
  resume(): void;
  groupLocation(name: string): string | null;
  startGroup(name: string, server: string): void;
  stopGroup(name: string): void;
  moveGroup(name: string, dest?: string): string;
  startResource(rsc: string, server: string, force: boolean): void;
  stopResource(rsc: string, force: boolean): void;
  status(localServer?: string): ClusterStatus;
  mdBreak(md: string): void;
  mdRecover(md: string): void;
  mdForce(md: string, server: string): void;
}

export const CLP_COMMANDS = ["clpcfctrl", "clpcl", "clpgrp", "clprsc", "clpstat", "clpmdstat", "clpmdctrl"] as const;

class Usage extends ClusterOpError {}

interface Parsed {
  flags: Set<string>;
  values: Map<string, string>;
  positional: string[];
}

/** Splits argv into flags, valued options and positionals. `valued` options take the next word. */
function parse(args: string[], valued: string[]): Parsed {
  const p: Parsed = { flags: new Set(), values: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("-") && a.length > 1) {
      if (valued.includes(a)) {
        const v = args[i + 1];
        if (v === undefined || (v.startsWith("-") && v.length > 1)) throw new Usage(`Invalid option: ${a} needs a value.`);
        p.values.set(a, v);
        i++;
      } else p.flags.add(a);
    } else p.positional.push(a);
  }
  return p;
}

function only(p: Parsed, allowed: string[]): void {
  for (const f of [...p.flags, ...p.values.keys()]) if (!allowed.includes(f)) throw new Usage(`Invalid option: ${f}`);
}

export function commandName(argv0: string): string {
  const base = argv0.split(/[\\/]/).pop() ?? argv0;
  return base.toLowerCase().replace(/\.exe$/, "");
}

/** True for the commands execClp simulates ("clpcl", "clpcl.exe", "C:\\…\\bin\\clpstat.exe", "/opt/…/clpgrp"). */
export function isClpCommand(argv0: string): boolean {
  return (CLP_COMMANDS as readonly string[]).includes(commandName(argv0));
}

/**
 * Runs a clp* command on `nodeName`. Throws SimError("node-down") when the node does not answer, and
 * SimError("not-found") when it is not a node of this lab.
 */
export function execClp(sim: ClusterOps, nodeName: string, argv: string[], ctx: ExecContext = {}): ExecResult {
  const node = sim.node(nodeName);
  if (!node) throw new SimError("not-found", `no node named ${nodeName} in this lab`);
  if (!sim.isUp(nodeName)) throw new SimError("node-down", `node ${nodeName} is down`);
  const eol = node.os === "windows" ? "\r\n" : "\n";
  const cmd = commandName(argv[0] ?? "");
  const args = argv.slice(1);
  sim.stats.commands[cmd] = (sim.stats.commands[cmd] ?? 0) + 1;
  const out = (lines: string[]): ExecResult => ({ exitCode: 0, stdout: lines.map((l) => l + eol).join(""), stderr: "" });
  const fault = sim.takeFault(cmd);
  if (fault) {
    const msg = fault.exitCode === 9 ? "The command is busy. Try again later." : "Command failed (fault injected by the lab).";
    return { exitCode: fault.exitCode, stdout: "", stderr: msg + eol };
  }
  try {
    switch (cmd) {
      case "clpcfctrl": return clpcfctrl(sim, node, args, ctx, out);
      case "clpcl": return clpcl(sim, node, args, out);
      case "clpgrp": return clpgrp(sim, node, args, out);
      case "clprsc": return clprsc(sim, node, args, out);
      case "clpstat": return clpstat(sim, node, args, out);
      case "clpmdstat": return clpmdstat(sim, args, out);
      case "clpmdctrl": return clpmdctrl(sim, node, args, out);
      default:
        return { exitCode: 127, stdout: "", stderr: `${argv[0] ?? ""}: command not found (not a simulated CLUSTERPRO command)${eol}` };
    }
  } catch (e) {
    if (e instanceof ClusterOpError) {
      return { exitCode: e.exitCode, stdout: "", stderr: e.message.split("\n").map((l) => l + eol).join("") };
    }
    if (e instanceof SimError) return { exitCode: 1, stdout: "", stderr: `${e.code}: ${e.message}${eol}` };
    throw e;
  }
}

type Out = (lines: string[]) => ExecResult;

function joinPath(node: SimNodeApi, dir: string, file: string): string {
  const sep = node.os === "windows" ? "\\" : "/";
  return dir.endsWith("\\") || dir.endsWith("/") ? dir + file : dir + sep + file;
}

function resolveDir(sim: ClusterOps, node: SimNodeApi, dir: string | undefined, ctx: ExecContext): string {
  const etc = sim.confPath(node).replace(/[\\/]clp\.conf$/, "");
  if (dir === undefined) return etc;
  const absolute = node.os === "windows" ? /^[A-Za-z]:[\\/]|^\\\\/.test(dir) : dir.startsWith("/");
  if (absolute) return dir;
  const base = ctx.cwd ?? sim.installDirOf(node);
  if (dir === ".") return base;
  return joinPath(node, base, dir.replace(/^\.[\\/]/, ""));
}

function clpcfctrl(sim: ClusterOps, node: SimNodeApi, args: string[], ctx: ExecContext, out: Out): ExecResult {
  const p = parse(args, ["-x", "-h", "-c", "-p", "-m"]);
  only(p, ["--push", "--pull", "--compcheck", "-w", "-l", "-x", "--force", "-h", "--nocheck", "-c", "-p", "-m"]);
  if (p.flags.has("-w") && p.flags.has("-l")) throw new Usage("Invalid option: -w and -l cannot be used together.");
  const dir = resolveDir(sim, node, p.values.get("-x"), ctx);
  const file = joinPath(node, dir, "clp.conf");
  const read = (path: string): Buffer => {
    try {
      return ctx.readFile ? ctx.readFile(path) : node.fs.readFile(path);
    } catch (e) {
      throw new ClusterOpError(`Failed to read ${path}: ${(e as Error).message}`);
    }
  };
  if (p.flags.has("--push")) {
    const bytes = read(file);
    const r = sim.push(bytes, { from: node.name, force: p.flags.has("--force") });
    // The configuration folder's scripts/ tree goes with clp.conf to every server that got it.
    const scripts = joinPath(node, dir, "scripts");
    if (node.fs.exists(scripts)) for (const server of r.delivered ?? []) sim.installScripts(server, node, scripts);
    const lines = r.unreachable.map((s) => `Failed to deliver the configuration to server ${s} (not reachable; --force).`);
    if (r.level === "reboot" && r.changed) lines.push("Reboot all servers to apply the configuration.");
    return out([...lines, "The upload is completed successfully.(cfmgr:0)", "", "Command succeeded.(code:0)"]);
  }
  if (p.flags.has("--pull")) {
    if (!p.values.has("-x")) throw new Usage("Invalid option: --pull needs -x <directory>.");
    const bytes = sim.conf(node.name);
    if (!bytes) throw new ClusterOpError("The cluster configuration does not exist on this server.");
    try {
      if (ctx.writeFile) ctx.writeFile(file, Buffer.from(bytes));
      else {
        if (!node.fs.exists(dir)) node.fs.mkdir(dir);
        node.fs.writeFile(file, Buffer.from(bytes));
      }
    } catch (e) {
      throw new ClusterOpError(`Failed to write ${file}: ${(e as Error).message}`);
    }
    sim.exportScripts(node, joinPath(node, dir, "scripts"));
    sim.stats.pulls++;
    return out(["The download is completed successfully.(cfmgr:0)", "", "Command succeeded.(code:0)"]);
  }
  if (p.flags.has("--compcheck")) {
    sim.check(read(file));
    return out(["Command succeeded.(code:0)"]);
  }
  throw new Usage("Invalid option: one of --push, --pull, --compcheck is required.");
}

function targetServers(sim: ClusterOps, node: SimNodeApi, p: Parsed): string[] | undefined {
  if (p.flags.has("-a")) return undefined;
  return [p.values.get("-h") ?? node.name];
}

function perServer(verb: string, results: { server: string; error?: string }[], out: Out): ExecResult {
  const lines = results.map((r) => `${verb} ${r.server} : ${r.error ?? "Command succeeded."}`);
  const failed = results.some((r) => r.error);
  const res = out(lines);
  return failed ? { exitCode: 1, stdout: res.stdout, stderr: "" } : res;
}

function clpcl(sim: ClusterOps, node: SimNodeApi, args: string[], out: Out): ExecResult {
  const p = parse(args, ["-h"]);
  only(p, ["-s", "-t", "--suspend", "--resume", "-r", "-a", "-h", "--md", "--web", "--alert", "--ib", "--api", "--force", "-w", "--apito", "--nm"]);
  if (p.flags.has("-s")) {
    if (p.flags.has("--md")) {
      sim.startMirrorAgent(targetServers(sim, node, p));
      return out(["Command succeeded."]);
    }
    return perServer("Start", sim.startCluster(targetServers(sim, node, p)), out);
  }
  if (p.flags.has("-t")) {
    if (p.flags.has("--md")) {
      sim.stopMirrorAgent(targetServers(sim, node, p));
      return out(["Command succeeded."]);
    }
    return perServer("Stop", sim.stopCluster(targetServers(sim, node, p)), out);
  }
  if (p.flags.has("--suspend")) {
    sim.suspend();
    return out(["Command succeeded."]);
  }
  if (p.flags.has("--resume")) {
    sim.resume();
    return out(["Command succeeded."]);
  }
  if (p.flags.has("-r")) {
    // Restarting manager services (--web, --alert, --ib, --api) has no effect in the lab.
    return out(["Command succeeded."]);
  }
  throw new Usage("Invalid option: one of -s, -t, --suspend, --resume, -r is required.");
}

function clpgrp(sim: ClusterOps, node: SimNodeApi, args: string[], out: Out): ExecResult {
  const p = parse(args, ["-h", "-a"]);
  only(p, ["-s", "-t", "-m", "-n", "-h", "-a", "-f", "-l"]);
  const conf = sim.config();
  if (!conf) throw new ClusterOpError("The cluster configuration does not exist.");
  const grp = p.positional[0];
  const host = p.values.get("-h") ?? node.name;
  if (p.flags.has("-n")) {
    if (!grp) throw new Usage("Invalid option: -n needs a group name.");
    const where = sim.groupLocation(grp);
    return out(where ? [where] : []);
  }
  if (p.flags.has("-s")) {
    if (grp) sim.startGroup(grp, host);
    else {
      for (const g of conf.groups) {
        if (sim.groupLocation(g.name)) continue;
        try {
          sim.startGroup(g.name, host);
        } catch (e) {
          if (!(e instanceof ClusterOpError) || !/not a startup server/.test(e.message)) throw e;
        }
      }
    }
    return out(["Command succeeded."]);
  }
  if (p.flags.has("-t")) {
    if (grp) sim.stopGroup(grp);
    else {
      const srv = sim.serverName(host);
      for (const g of [...conf.groups].reverse()) if (sim.groupLocation(g.name) === srv) sim.stopGroup(g.name);
    }
    return out(["Command succeeded."]);
  }
  if (p.flags.has("-m")) {
    if (grp) sim.moveGroup(grp, p.values.get("-a"));
    else {
      const srv = sim.serverName(host);
      for (const g of conf.groups) if (sim.groupLocation(g.name) === srv) sim.moveGroup(g.name, p.values.get("-a"));
    }
    return out(["Command succeeded."]);
  }
  throw new Usage("Invalid option: one of -s, -t, -m, -n is required.");
}

function clprsc(sim: ClusterOps, node: SimNodeApi, args: string[], out: Out): ExecResult {
  const p = parse(args, ["-h"]);
  only(p, ["-s", "-t", "-h", "-f"]);
  const rsc = p.positional[0];
  if (!rsc) throw new Usage("Invalid option: a resource name is required.");
  if (p.flags.has("-s")) sim.startResource(rsc, p.values.get("-h") ?? node.name, p.flags.has("-f"));
  else if (p.flags.has("-t")) sim.stopResource(rsc, p.flags.has("-f"));
  else throw new Usage("Invalid option: one of -s, -t is required.");
  return out(["Command succeeded."]);
}

function clpstat(sim: ClusterOps, node: SimNodeApi, args: string[], out: Out): ExecResult {
  const p = parse(args, ["-h"]);
  only(p, ["-s", "--long", "-g", "--json", "-h", "--local"]);
  if (!sim.hasConfig()) throw new ClusterOpError("The cluster configuration does not exist.");
  const status = sim.status(p.values.get("-h") ?? node.name);
  if (p.flags.has("--json")) {
    const res = out([JSON.stringify(status)]);
    return res;
  }
  if (p.flags.has("-g")) return out(renderGroupMap(status));
  return out(renderClpstat(status, p.flags.has("--long")));
}

function clpmdstat(sim: ClusterOps, args: string[], out: Out): ExecResult {
  const p = parse(args, ["-m", "--mirror"]);
  only(p, ["-l", "--list", "-m", "--mirror"]);
  if (!sim.hasConfig()) throw new ClusterOpError("The cluster configuration does not exist.");
  const status = sim.status();
  if (p.flags.has("-l") || p.flags.has("--list")) return out(renderMdList(status));
  const md = p.values.get("-m") ?? p.values.get("--mirror");
  if (md !== undefined) {
    const m = status.mirrors.find((x) => x.name === md);
    if (!m) throw new ClusterOpError(`Mirror disk resource ${md} does not exist.`);
    return out(renderMdMirror(m));
  }
  throw new Usage("Invalid option: one of -l, -m <md> is required.");
}

function clpmdctrl(sim: ClusterOps, node: SimNodeApi, args: string[], out: Out): ExecResult {
  const p = parse(args, []);
  const md = p.positional[0];
  const has = (...f: string[]) => f.some((x) => p.flags.has(x));
  if (!md) throw new Usage("Invalid option: a mirror disk resource name is required.");
  if (has("--break", "-b")) sim.mdBreak(md);
  else if (has("--recover", "-r")) sim.mdRecover(md);
  else if (has("--force", "-f")) sim.mdForce(md, node.name);
  else throw new Usage("Invalid option: the lab supports --break/-b, --recover/-r, --force/-f.");
  return out(["Command succeeded."]);
}
