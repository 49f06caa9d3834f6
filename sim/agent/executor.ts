// The lab's side of the agent protocol: runs wire operations against a simulated node and answers
// in the agents' output format (a begin marker, one JSON line per op, an end marker). It is an
// independent implementation of what windows-agent.ps1 and posix-agent.sh do on real machines.
import * as os from "node:os";
import { type Ace, type AceRight } from "../node/filesystem";
import { CLUSTERPRO_VERSION, type SimNode } from "../node/node";
import type { RegType } from "../node/registry";
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
      };
    case "service.query":
      return {
        services: strs(op, "names").map((name) => {
          const s = node.services.get(name);
          return s ? { name: s.name, exists: true, startup: s.startup, state: s.state } : { name, exists: false };
        }),
      };
    case "service.setStartup": {
      const name = str(op, "name");
      if (!node.services.get(name)) throw new OpError("not-found", `service ${name} does not exist`);
      return { name, changed: node.services.setStartup(name, str(op, "startup") as never) };
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
      const key = str(op, "key");
      const values = reg.values(key);
      if (!values) return { exists: false, values: [], subkeys: [] };
      const names = Array.isArray(op.names) ? (op.names as string[]).map((n) => n.toLowerCase()) : undefined;
      return { exists: true, values: values.filter((v) => !names || names.includes(v.name.toLowerCase())), subkeys: reg.subkeys(key) ?? [] };
    }
    case "reg.set": {
      windowsOnly(node, op);
      const value = op.value as { type: RegType; data: string | string[] | number };
      return { changed: node.registry!.set(str(op, "key"), { name: typeof op.name === "string" ? op.name : "", type: value.type, data: value.data }) };
    }
    case "reg.deleteValue":
      windowsOnly(node, op);
      return { deleted: node.registry!.deleteValue(str(op, "key"), typeof op.name === "string" ? op.name : "") };
    case "reg.deleteSubkeys":
      windowsOnly(node, op);
      return { deleted: node.registry!.deleteSubkeys(str(op, "key"), Array.isArray(op.names) ? (op.names as string[]) : undefined) };
    case "reg.export": {
      windowsOnly(node, op);
      const tree = node.registry!.exportTree(str(op, "key"), typeof op.maxDepth === "number" ? op.maxDepth : 16);
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
      fs.move(str(op, "from"), str(op, "to"), bool(op, "overwrite"));
      return { moved: true };
    case "file.copy":
      fs.copy(str(op, "from"), str(op, "to"), bool(op, "overwrite"));
      return { copied: true };
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
      return { exitCode: r.exitCode, stdoutBase64: Buffer.from(r.stdout, "utf8").toString("base64"), stderrBase64: Buffer.from(r.stderr, "utf8").toString("base64") };
    }
    default:
      throw new OpError("unknown-op", `the agent does not know op ${JSON.stringify(op.op)}`);
  }
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
