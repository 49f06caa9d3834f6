// `clusterpro-conf`: check, roundtrip and diff clp.conf files from a shell. The only file in
// provider/clusterpro that does I/O; tests call main() with their own streams and reader.
import * as fs from "node:fs";
import * as path from "node:path";
import { toProgram } from "../program/to-program";
import { SCRIPTS_USAGE, scriptsCommand } from "../products/scripts-cli";
import { effectiveDependencies } from "./builders";
import { Change, diffConfigs, groupsToRestart } from "./diff";
import { parseClpConf, serializeClpConf } from "./document";
import { checkInvariants } from "./invariants";
import { resourceRef } from "./model";
import { computeObjectNumber } from "./objectnumber";
import { readModel } from "./read";
import { worstApplyMethod } from "./apply-method";

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readFile(path: string): Buffer;
  /** For to-program: write a file (creating its folder). */
  writeFile?(path: string, content: string): void;
  exists?(path: string): boolean;
}

const USAGE = `usage:
  clusterpro-conf check FILE          validate; list servers, groups, resources, monitors
  clusterpro-conf roundtrip FILE      exit 0 only if parse → serialize is byte-identical
  clusterpro-conf diff OLD NEW [--json]  changes with their apply method
  clusterpro-conf to-program FILE [--out DIR] [--force]
                                      write a Pulumi TypeScript project (Pulumi.yaml, package.json,
                                      tsconfig.json, index.ts) declaring the cluster in FILE; its first
                                      preview against that cluster changes nothing (checked before writing)
${SCRIPTS_USAGE}exit codes: 0 ok, 1 check/roundtrip failed, 2 usage or unreadable input
`;

/** Runs the CLI; with no `io` it uses the process and sets process.exitCode. */
export function main(argv: string[], io?: CliIo): number {
  const realIo: CliIo = io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (p) => fs.readFileSync(p),
    writeFile: (p, content) => {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    },
    exists: (p) => fs.existsSync(p),
  };
  let code: number;
  try {
    code = run(argv, realIo);
  } catch (e) {
    realIo.stderr.write(`clusterpro-conf: ${(e as Error).message}\n`);
    code = 2;
  }
  if (!io) process.exitCode = code;
  return code;
}

function run(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === "to-program") return toProgram(rest, io);
  if (command === "scripts") return scriptsCommand(rest, io);
  const json = rest.includes("--json");
  const files = rest.filter((a) => a !== "--json");
  const out = (s: string) => io.stdout.write(`${s}\n`);
  switch (command) {
    case "check":
      if (files.length !== 1) return usage(io);
      return check(files[0], io, out);
    case "roundtrip": {
      if (files.length !== 1) return usage(io);
      const bytes = io.readFile(files[0]);
      const again = serializeClpConf(parseClpConf(bytes));
      if (again.equals(bytes)) {
        out(`${files[0]}: byte-identical (${bytes.length} bytes)`);
        return 0;
      }
      out(`${files[0]}: DIFFERS after round trip (${bytes.length} → ${again.length} bytes)`);
      return 1;
    }
    case "diff": {
      if (files.length !== 2) return usage(io);
      const changes = diffConfigs(parseClpConf(io.readFile(files[0])), parseClpConf(io.readFile(files[1])));
      const worst = worstApplyMethod(changes);
      if (json) {
        out(JSON.stringify({ changes, worstApplyMethod: worst ?? null, groupsToRestart: groupsToRestart(changes) }, null, 2));
      } else {
        for (const c of changes) out(formatChange(c));
        out(changes.length === 0 ? "no changes" : `${changes.length} change(s); apply method: ${worst}${worst === "group" ? ` (${groupsToRestart(changes).join(", ")})` : ""}`);
      }
      return 0;
    }
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(USAGE);
      return 0;
    default:
      return usage(io);
  }
}

function usage(io: CliIo): number {
  io.stderr.write(USAGE);
  return 2;
}

function formatChange(c: Change): string {
  const sign = c.kind === "add" ? "+" : c.kind === "remove" ? "-" : "~";
  const show = (v: Change["old"]) => (v === undefined ? "" : typeof v === "string" ? JSON.stringify(v) : "{…}");
  const values = c.kind === "modify" ? ` ${show(c.old)} → ${show(c.new)}` : "";
  const groups = c.groups ? ` [${c.groups.join(", ")}]` : "";
  return `${sign} ${c.path}${values}  (${c.applyMethod}${groups}; rule ${c.rule})`;
}

function check(file: string, io: CliIo, out: (s: string) => void): number {
  const doc = parseClpConf(io.readFile(file));
  const model = readModel(doc);
  out(`cluster ${model.cluster.name} (${model.cluster.serverOs ?? "?"}, charset ${model.cluster.charset ?? "?"}, file encoding ${doc.encoding.declared}${doc.style.newline === "\r\n" ? ", CRLF" : ""})`);
  out("servers:");
  for (const s of model.servers) {
    out(`  ${s.name} priority ${s.priority}: ${(s.devices ?? []).map((d) => `${d.type}#${d.id}=${d.info}`).join(", ")}`);
  }
  out(`heartbeats: ${model.heartbeats.map((h) => `${h.type}@${h.name}(device ${h.device})`).join(", ") || "none"}`);
  out(`network partition: ${model.networkPartitions.map((n) => `${n.type}@${n.name}(device ${n.device})`).join(", ") || "none"}`);
  out("groups:");
  for (const g of model.groups) {
    out(`  ${g.name} (${g.type ?? "failover"}${g.gid !== undefined ? `, gid ${g.gid}` : ""})`);
    const members = model.resources.filter((r) => r.group === g.name);
    for (const r of members) {
      const deps = Array.isArray(r.dependsOn) ? `depends on ${r.dependsOn.join(", ") || "nothing"}` : `default dependency (presumably after: ${effectiveDependencies(r, members).join(", ") || "nothing"})`;
      out(`    ${resourceRef(r)}: ${deps}`);
    }
  }
  const orphans = model.resources.filter((r) => !model.groups.some((g) => g.name === r.group));
  for (const r of orphans) out(`  (no group) ${resourceRef(r)}`);
  out("monitors:");
  for (const m of model.monitors) {
    const rel = m.relation ? ` → recover ${m.relation.type} ${m.relation.name}` : "";
    out(`  ${m.type}@${m.name}${m.target ? ` target ${m.target}` : ""}${rel}`);
  }
  const expected = computeObjectNumber(model);
  out(`objectnumber: ${model.objectNumber ?? "missing"} (computed ${expected}) ${model.objectNumber === expected ? "ok" : "MISMATCH"}`);
  const violations = checkInvariants(model);
  for (const v of violations) out(`${v.severity}: ${v.path}: [${v.rule}] ${v.message}`);
  const errors = violations.filter((v) => v.severity === "error").length;
  out(errors === 0 ? "check: ok" : `check: ${errors} error(s)`);
  return errors === 0 ? 0 : 1;
}
