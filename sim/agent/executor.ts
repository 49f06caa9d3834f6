// The lab's side of the agent protocol: runs wire operations against a simulated node and answers
// in the agents' output format (a begin marker, one JSON line per op, an end marker). It is an
// independent implementation of what windows-agent.ps1 and posix-agent.sh do on real machines.
import { createHash } from "node:crypto";
import * as os from "node:os";
import { type Ace, type AceRight } from "../node/filesystem";
import { CLUSTERPRO_VERSION, type SimNode } from "../node/node";
import { keyInView, type RegType, type RegView } from "../node/registry";
import { SimError } from "../node/types";

import { PROTOCOL_VERSION } from "../../provider/remote/agent/protocol";
import { RESULT_BEGIN, RESULT_END, type WireOp } from "../../provider/remote/agent/wire";

export type { WireOp };

/** Runs a clp* command on a node: the lab's simulated CLUSTERPRO answers it. */
export type ClpRunner = (node: SimNode, argv: string[]) => { exitCode: number; stdout: string; stderr: string };

export interface AgentError {
  code: string;
  message: string;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: AgentError };

class OpError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const str = (op: WireOp, k: string): string => {
  const v = op[k];
  if (typeof v !== "string" || v === "") throw new OpError("bad-request", `${op.op}: field ${k} is required`);
  return v;
};
const strs = (op: WireOp, k: string): string[] => {
  const v = op[k];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new OpError("bad-request", `${op.op}: field ${k} must be a list of strings`);
  return v as string[];
};
const bool = (op: WireOp, k: string, dflt = false): boolean => (typeof op[k] === "boolean" ? (op[k] as boolean) : dflt);

/**
 * file.copy / file.move refusals (provider/remote/README.md): an existing target needs overwrite; overwrite never
 * replaces a directory with a file, never deletes a non-empty directory (nothing is merged), and a tree is never
 * copied onto or into itself. The target's missing parents are created, as the agents do.
 */
function guardTransfer(node: SimNode, name: string, from: string, to: string, overwrite: boolean): void {
  const fs = node.fs;
  const sep = node.os === "windows" ? "\\" : "/";
  const norm = (p: string) => {
    const s = node.os === "windows" ? p.replace(/\//g, "\\").toLowerCase() : p;
    return s.length > 1 ? s.replace(/[\\/]+$/, "") : s;
  };
  const source = fs.stat(from);
  if (!source) throw new OpError("not-found", `${name}: no such file or directory: ${from}`);
  if (norm(to) === norm(from) || norm(to).startsWith(norm(from) + sep)) throw new OpError("refused", `${name}: the target ${to} is the source ${from} or inside it`);
  const target = fs.stat(to);
  if (target) {
    if (!overwrite) throw new OpError("exists", `${name}: the target exists (set overwrite to replace it): ${to}`);
    if (target.type === "directory" && source.type !== "directory") throw new OpError("refused", `${name}: the target ${to} is a directory; a file never replaces a directory (give the file's full target path)`);
    if (target.type === "directory" && fs.list(to).length > 0) throw new OpError("refused", `${name}: the target ${to} is a directory that is not empty; it is never deleted or merged into`);
  }
  const parent = to.replace(/[\\/][^\\/]*$/, "");
  if (parent && !/^[A-Za-z]:$/.test(parent) && !fs.exists(parent)) fs.mkdir(parent);
}

/** The op's key in the view it asks for (32: HKLM\\SOFTWARE is redirected to WOW6432Node, as on 64-bit Windows). */
function regKey(op: WireOp): string {
  return keyInView(str(op, "key"), op.view === "32" || op.view === "64" ? (op.view as RegView) : undefined);
}

function windowsOnly(node: SimNode, op: WireOp): void {
  if (node.os !== "windows") throw new OpError("unsupported", `${op.op} exists only on Windows`);
}

function parseHosts(text: string): { address: string; hostnames: string[] }[] {
  const out: { address: string; hostnames: string[] }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [address, ...hostnames] = line.split(/\s+/);
    if (hostnames.length > 0) out.push({ address, hostnames });
  }
  return out;
}

function runOp(node: SimNode, op: WireOp, clp: ClpRunner): unknown {
  const fs = node.fs;
  switch (op.op) {
    case "facts":
      return {
        hostname: node.hostname,
        os: node.os === "windows" ? { family: "windows", name: "Microsoft Windows Server 2019 Standard (clusterpro-lab)", version: "10.0.17763" } : { family: "linux", name: "Debian GNU/Linux 12 (clusterpro-lab)", version: "12" },
        clusterpro: { installed: true, version: CLUSTERPRO_VERSION, installPath: node.clusterproPath },
        domain: node.os === "windows" ? { member: node.domain !== undefined, name: node.domain ?? null } : null,
        ...(node.os === "windows" ? { env: { ...node.windowsEnv } } : {}),
      };
    case "service.query":
      return {
        services: strs(op, "names").map((name) => {
          const s = node.services.find(name);
          return s ? { name: s.name, exists: true, startup: s.startup, state: s.state } : { name, exists: false };
        }),
      };
    case "service.setStartup": {
      const s = node.services.find(str(op, "name"));
      if (!s) throw new OpError("not-found", `service ${str(op, "name")} does not exist`);
      return { name: s.name, changed: node.services.setStartup(s.name, str(op, "startup") as never) };
    }
    case "service.start":
    case "service.stop":
      return {
        services: strs(op, "names").map((name) => {
          if (op.op === "service.start") node.services.start(name);
          else node.services.stop(name);
          return { name, state: node.services.get(name)?.state ?? "unknown" };
        }),
      };
    case "reg.query": {
      windowsOnly(node, op);
      const reg = node.registry!;
      const key = regKey(op);
      const values = reg.values(key);
      if (!values) return { exists: false, values: [], subkeys: [] };
      const names = Array.isArray(op.names) ? (op.names as string[]).map((n) => n.toLowerCase()) : undefined;
      return { exists: true, values: values.filter((v) => !names || names.includes(v.name.toLowerCase())), subkeys: reg.subkeys(key) ?? [] };
    }
    case "reg.set": {
      windowsOnly(node, op);
      const value = op.value as { type: RegType; data: string | string[] | number };
      return { changed: node.registry!.set(regKey(op), { name: typeof op.name === "string" ? op.name : "", type: value.type, data: value.data }) };
    }
    case "reg.deleteValue":
      windowsOnly(node, op);
      return { deleted: node.registry!.deleteValue(regKey(op), typeof op.name === "string" ? op.name : "") };
    case "reg.deleteSubkeys":
      windowsOnly(node, op);
      return { deleted: node.registry!.deleteSubkeys(regKey(op), Array.isArray(op.names) ? (op.names as string[]) : undefined) };
    case "reg.export": {
      windowsOnly(node, op);
      const tree = node.registry!.exportTree(regKey(op), typeof op.maxDepth === "number" ? op.maxDepth : 16);
      return { exists: tree !== undefined, tree: tree ?? null };
    }
    case "file.stat": {
      const e = fs.stat(str(op, "path"));
      if (!e) return { exists: false };
      return { exists: true, type: e.type, size: e.data?.length ?? 0, mtimeMs: e.mtimeMs, mode: e.mode.toString(8), owner: e.owner };
    }
    case "file.read": {
      const data = fs.readFile(str(op, "path"));
      return { dataBase64: data.toString("base64"), size: data.length };
    }
    case "file.write": {
      const path = str(op, "path");
      const data = Buffer.from(typeof op.dataBase64 === "string" ? op.dataBase64 : "", "base64");
      const parent = path.replace(/[\\/][^\\/]*$/, "");
      if (bool(op, "createParents") && parent && !fs.exists(parent)) fs.mkdir(parent);
      const before = fs.exists(path) && !fs.isDirectory(path) ? fs.readFile(path) : undefined;
      fs.writeFile(path, data);
      if (typeof op.mode === "string") (fs.stat(path) as { mode: number }).mode = parseInt(op.mode, 8);
      return { changed: !before || !before.equals(data) };
    }
    case "file.mkdir": {
      const path = str(op, "path");
      const existed = fs.isDirectory(path);
      fs.mkdir(path);
      return { created: !existed };
    }
    case "file.move":
    case "file.copy": {
      const from = str(op, "from");
      const to = str(op, "to");
      guardTransfer(node, op.op, from, to, bool(op, "overwrite"));
      if (op.op === "file.move") fs.move(from, to, true);
      else fs.copy(from, to, true);
      return op.op === "file.move" ? { moved: true } : { copied: true };
    }
    case "file.delete": {
      const path = str(op, "path");
      if (!fs.exists(path)) return { deleted: false };
      fs.remove(path, bool(op, "recursive"));
      return { deleted: true };
    }
    case "acl.get": {
      windowsOnly(node, op);
      const { owner, acl } = fs.getAcl(str(op, "path"));
      return {
        owner,
        protected: false,
        rules: acl.map((a) => ({
          identity: a.identity,
          rights: a.rights.join(", "),
          type: a.type,
          inherited: a.inherited,
          inheritance: a.inherit ? "ContainerInherit, ObjectInherit" : "None",
          propagation: "None",
        })),
      };
    }
    case "acl.set": {
      windowsOnly(node, op);
      const rules = (op.rules as { identity: string; rights: AceRight[]; type?: "allow" | "deny"; inherit?: boolean }[]).map(
        (r): Ace => ({ identity: r.identity, rights: r.rights, type: r.type ?? "allow", inherit: r.inherit ?? true, inherited: false }),
      );
      return { changed: fs.setAcl(str(op, "path"), rules, bool(op, "replace")) };
    }
    case "hosts.get":
      return { entries: parseHosts(fs.readFile(node.hostsPath).toString("utf8")) };
    case "hosts.set": {
      const eol = node.os === "windows" ? "\r\n" : "\n";
      const before = fs.readFile(node.hostsPath).toString("utf8");
      const entries = (op.entries as { address: string; hostnames: string[] }[] | undefined) ?? [];
      const remove = new Set(((op.removeAddresses as string[] | undefined) ?? []).map((a) => a.toLowerCase()));
      const wanted = new Map(entries.map((e) => [e.address.toLowerCase(), `${e.address}\t${e.hostnames.join(" ")}`]));
      const seen = new Set<string>();
      const lines: string[] = [];
      for (const line of before.split(/\r?\n/)) {
        const address = line.replace(/#.*/, "").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
        if (address && remove.has(address)) continue;
        if (address && wanted.has(address)) {
          if (!seen.has(address)) lines.push(wanted.get(address) as string);
          seen.add(address);
          continue;
        }
        lines.push(line);
      }
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      for (const [address, line] of wanted) if (!seen.has(address)) lines.push(line);
      const after = lines.join(eol) + eol;
      if (after !== before) fs.writeFile(node.hostsPath, Buffer.from(after));
      return { changed: after !== before };
    }
    case "nic.setEnabled": {
      const name = str(op, "name");
      if (!node.nics.has(name)) throw new OpError("not-found", `network interface ${name} does not exist`);
      const enabled = bool(op, "enabled");
      const changed = node.nics.get(name) !== enabled;
      node.nics.set(name, enabled);
      return { name, changed };
    }
    case "clp": {
      const command = str(op, "command");
      const args = Array.isArray(op.args) ? (op.args as string[]) : [];
      const r = clp(node, [command, ...args]);
      if (op.requireExitZero === true && r.exitCode !== 0) {
        const output = `${r.stderr}${r.stdout}`.trim().slice(0, 500);
        throw new OpError("exit-nonzero", `${command} exited with ${r.exitCode}${output ? `: ${output}` : ""}`);
      }
      return { exitCode: r.exitCode, stdoutBase64: Buffer.from(r.stdout, "utf8").toString("base64"), stderrBase64: Buffer.from(r.stderr, "utf8").toString("base64") };
    }
    case "lock.acquire":
      return acquireLock(node, op);
    case "lock.release": {
      const path = str(op, "path");
      const ownerFile = `${path}${node.os === "windows" ? "\\" : "/"}owner`;
      if (!fs.isDirectory(path) || !fs.exists(ownerFile) || fs.readFile(ownerFile).toString("utf8") !== str(op, "owner")) return { released: false };
      fs.remove(path, true);
      return { released: true };
    }
    case "file.sha256": {
      const path = str(op, "path");
      const sha256 = fs.exists(path) && !fs.isDirectory(path) ? createHash("sha256").update(fs.readFile(path)).digest("hex") : null;
      const expect = typeof op.expect === "string" ? op.expect : undefined;
      if (expect !== undefined && expect !== (sha256 ?? "absent")) throw new OpError("mismatch", `${path} is ${sha256 === null ? "absent" : `sha256 ${sha256}`}, expected ${expect}`);
      return { exists: sha256 !== null, sha256 };
    }
    case "volume.list":
      // As windows-agent.ps1 answers it: Win32_Volume's DeviceID / DriveLetter / FileSystem / Capacity, raw.
      windowsOnly(node, op);
      return {
        volumes: node.letteredVolumes().map((v) => ({
          deviceId: `\\\\?\\Volume{${v.guid}}\\`,
          driveLetter: `${v.letter}:`,
          fileSystem: "NTFS",
          capacity: 21474836480,
        })),
      };
    default:
      throw new OpError("unknown-op", `the agent does not know op ${JSON.stringify(op.op)}`);
  }
}

/**
 * lock.acquire, as the agents do it: the folder appears with its owner file at once (here: in one synchronous step;
 * the agents build it under a temporary name and rename it into place). Age comes from the folder's time on the
 * node, never from what the owner file says; a folder dated in the future by more than the limit is stale too.
 */
function acquireLock(node: SimNode, op: WireOp): unknown {
  const fs = node.fs;
  const path = str(op, "path");
  const owner = str(op, "owner");
  const limit = typeof op.staleAfterSec === "number" ? op.staleAfterSec : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1) throw new OpError("bad-request", "lock.acquire: staleAfterSec must be a positive integer");
  const ownerFile = `${path}${node.os === "windows" ? "\\" : "/"}owner`;
  let broken: { owner: string; ageSec: number } | null = null;
  const held = fs.stat(path);
  if (held) {
    const holder = fs.exists(ownerFile) && !fs.isDirectory(ownerFile) ? fs.readFile(ownerFile).toString("utf8").trim() : "";
    const ageSec = Math.floor((Date.now() - held.mtimeMs) / 1000);
    if (Math.abs(ageSec) <= limit) throw new OpError("locked", `the lock ${path} is held by ${holder || "an unknown owner (empty owner file)"} for ${ageSec} s`);
    fs.remove(path, true);
    broken = { owner: holder, ageSec };
  }
  const parent = path.replace(/[\\/][^\\/]*$/, "");
  if (parent && !fs.exists(parent)) fs.mkdir(parent);
  fs.mkdir(path);
  fs.writeFile(ownerFile, Buffer.from(owner, "utf8"));
  return { acquired: true, broken };
}

function toError(e: unknown): AgentError {
  if (e instanceof OpError) return { code: e.code, message: e.message };
  if (e instanceof SimError) {
    const code = { "not-found": "not-found", exists: "exists", "access-denied": "failed", disabled: "failed", invalid: "bad-request", busy: "failed", failed: "failed", "node-down": "failed" }[e.code];
    return { code, message: e.message };
  }
  return { code: "failed", message: e instanceof Error ? e.message : String(e) };
}

/** Runs a batch; one outcome per op, in order. A failed op with stopOnError skips the rest.
 *  `inject` lets the lab make a named op fail (fault injection) before it runs. */
export function executeOps(node: SimNode, ops: WireOp[], clp: ClpRunner, inject?: (op: WireOp) => AgentError | undefined): Outcome[] {
  const out: Outcome[] = [];
  let stopped = false;
  for (const op of ops) {
    if (stopped) {
      out.push({ ok: false, error: { code: "skipped", message: "not run: an earlier operation failed and had stopOnError" } });
      continue;
    }
    try {
      const injected = inject?.(op);
      if (injected) throw new OpError(injected.code, injected.message);
      out.push({ ok: true, value: runOp(node, op, clp) });
    } catch (e) {
      out.push({ ok: false, error: toError(e) });
      if (op.stopOnError === true) stopped = true;
    }
  }
  return out;
}

/** The agents' stdout format. */
export function formatAgentOutput(outcomes: Outcome[], eol = os.EOL): string {
  const lines = [`${RESULT_BEGIN} ${PROTOCOL_VERSION}`, ...outcomes.map((o, i) => JSON.stringify({ i, ...o })), RESULT_END];
  return lines.join(eol) + eol;
}

