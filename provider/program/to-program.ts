// `clusterpro-conf to-program FILE [--out DIR] [--force]`: declare the cluster in FILE as a Pulumi
// project. The program is checked before anything is written: applied to FILE through the
// provider's own plan functions it must leave the file byte-identical.
import * as path from "node:path";
import type { CliIo } from "../clusterpro/cli";
import { parseClpConf, readModel } from "../clusterpro";
import { declareProgram } from "./declare";
import { renderProject } from "./render";
import { applyProgram } from "./verify";

function packageVersion(): string {
  try {
    return (require("../../package.json") as { version: string }).version;
  } catch {
    return (require("../../../package.json") as { version: string }).version; // from dist/
  }
}

export function toProgram(args: string[], io: CliIo): number {
  const rest = [...args];
  const force = rest.includes("--force");
  const at = rest.indexOf("--out");
  let out: string | undefined;
  if (at >= 0) {
    out = rest[at + 1];
    if (!out || out.startsWith("--")) return fail(io, "--out needs a folder", 2);
    rest.splice(at, 2);
  }
  const files = rest.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0].startsWith("--")) return fail(io, "usage: clusterpro-conf to-program FILE [--out DIR] [--force]", 2);
  const file = files[0];
  if (!io.writeFile || !io.exists) return fail(io, "to-program needs a writable file system", 2);
  const bytes = io.readFile(file);
  const program = declareProgram(readModel(parseClpConf(bytes)));
  const check = applyProgram(bytes, program);
  if (check.changed) {
    return fail(io, `${file}: the generated program would change this configuration, so it was not written (a bug in clusterpro-conf: please report it with the file)`, 1);
  }
  const dir = out ?? `clusterpro-${program.cluster.name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`;
  const project = renderProject(program, { source: path.basename(file), packageVersion: packageVersion() });
  const clobbered = project.map((f) => path.join(dir, f.path)).filter((p) => io.exists!(p));
  if (clobbered.length > 0 && !force) return fail(io, `${clobbered.join(", ")} already exist; choose another --out folder or pass --force to overwrite`, 1);
  for (const f of project) io.writeFile(path.join(dir, f.path), f.content);
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const members = program.groups.reduce((n, g) => n + g.resources.length + g.members.length, 0);
  say(`wrote ${project.map((f) => path.join(dir, f.path)).join(", ")}`);
  say(`declared: cluster ${program.cluster.name} (${program.os}, ${program.cluster.servers.length} servers), ${program.groups.length} failover group(s), ${members} resource(s)`);
  if (program.kept.length > 0) {
    say(`kept in clp.conf as they are (not declared):`);
    for (const k of program.kept) say(`  ${k.path}: ${k.why}`);
  }
  say(`checked: applied to ${path.basename(file)}, the program changes nothing (byte-identical)`);
  say(`next: cd ${dir} && npm install && pulumi config set --secret password … && pulumi preview`);
  return 0;
}

function fail(io: CliIo, message: string, code: number): number {
  io.stderr.write(`clusterpro-conf: ${message}\n`);
  return code;
}
