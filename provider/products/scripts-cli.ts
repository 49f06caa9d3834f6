// `clusterpro-conf scripts FILE [--legacy] [--out DIR]`: the start/stop scripts of one failover group's product installs
// (scripts.ts), from a JSON file; I/O only through the CLI's io.
import * as path from "node:path";
import { parseProductInstall, type ValidProductInstall } from "./install-input";
import { clusterproXForm, legacyScripts, ScriptGenerationError } from "./scripts";

export interface ScriptsIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readFile(path: string): Buffer;
  writeFile?(path: string, content: string): void;
}

export const SCRIPTS_USAGE = `  clusterpro-conf scripts FILE [--legacy] [--out DIR]
                                      the start/stop scripts of one failover group's products, from FILE:
                                      {"group": "failover1", "installs": [{"product": "esmpro-filetransfer",
                                      "version"?, "settings"?, "sharedFolder"?, "installFolder"?}, …]}
                                      (declaration order = start order). Default: the CLUSTERPRO X form
                                      (service resources chained, script resources with CLP_EVENT);
                                      --legacy: start.bat/stop.bat for CLUSTERPRO Ver5–7 (ARMS_EVENT,
                                      ARMLOAD/ARMKILL). --out DIR writes the .bat files there (CRLF)
`;

/** Exit codes as the CLI's: 0 ok, 2 usage or invalid input (each field path named). */
export function scriptsCommand(args: string[], io: ScriptsIo): number {
  const legacy = args.includes("--legacy");
  const outIndex = args.indexOf("--out");
  const outDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const files = args.filter((a, i) => a !== "--legacy" && a !== "--out" && (outIndex < 0 || i !== outIndex + 1));
  if (files.length !== 1 || (outIndex >= 0 && !outDir) || files[0].startsWith("--")) {
    io.stderr.write(`usage:\n${SCRIPTS_USAGE}`);
    return 2;
  }
  const fail = (lines: string[]) => {
    io.stderr.write(`clusterpro-conf scripts: ${files[0]}:\n${lines.map((l) => `  ${l}\n`).join("")}`);
    return 2;
  };
  let input: unknown;
  try {
    input = JSON.parse(io.readFile(files[0]).toString("utf8"));
  } catch (e) {
    return fail([`not JSON: ${(e as Error).message}`]);
  }
  const doc = input as { group?: unknown; installs?: unknown };
  const issues: string[] = [];
  if (typeof doc !== "object" || doc === null) return fail(["must be an object with group and installs"]);
  if (typeof doc.group !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,30}$/.test(doc.group)) issues.push("group: required, a failover group name (letters, digits, _ . -; up to 31)");
  if (!Array.isArray(doc.installs) || doc.installs.length === 0) issues.push("installs: required, a non-empty list of product installs");
  const installs: ValidProductInstall[] = [];
  if (Array.isArray(doc.installs))
    doc.installs.forEach((raw: unknown, i: number) => {
      const x = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
      const unknownKeys = Object.keys(x).filter((k) => !["product", "version", "settings", "sharedFolder", "installFolder"].includes(k));
      for (const k of unknownKeys) issues.push(`installs[${i}].${k}: unknown field`);
      const parsed = parseProductInstall({ product: x.product, version: x.version, settings: x.settings, sharedFolder: x.sharedFolder, installFolder: x.installFolder });
      if (parsed.ok) installs.push(parsed.value);
      else issues.push(...parsed.issues.map((p) => `installs[${i}].${p.path}: ${p.message}`));
    });
  if (issues.length > 0) return fail(issues);

  const write = (name: string, content: string) => {
    if (outDir && io.writeFile) io.writeFile(path.join(outDir, name), content);
    else io.stdout.write(`== ${name} ==\n${content.replace(/\r\n/g, "\n")}`);
  };
  try {
    if (legacy) {
      const s = legacyScripts(installs);
      write("start.bat", s.start);
      write("stop.bat", s.stop);
      if (outDir) io.stdout.write(`wrote start.bat, stop.bat to ${outDir}\n`);
      return 0;
    }
    const x = clusterproXForm(doc.group as string, installs);
    io.stdout.write(`group ${doc.group as string}: service resources in start order\n`);
    for (const s of x.services) io.stdout.write(`  ${s.resource}: service ${JSON.stringify(s.serviceName)} (${s.displayName}; ${s.product}), after ${s.dependsOn.join(", ") || "the group's storage and IP resources"}${s.monitored ? ", monitored" : ""}\n`);
    for (const s of x.scripts) io.stdout.write(`  ${s.resource}: script (${s.role}), after ${s.dependsOn.join(", ") || "the group's storage and IP resources"}\n`);
    for (const s of x.scripts) {
      write(`${s.resource}/start.bat`, s.start);
      write(`${s.resource}/stop.bat`, s.stop);
    }
    const notes = [...new Set(x.scripts.flatMap((s) => s.notes))];
    if (notes.length > 0) io.stdout.write(`notes:\n${notes.map((n) => `  - ${n}\n`).join("")}`);
    return 0;
  } catch (e) {
    if (e instanceof ScriptGenerationError) return fail([e.message]);
    throw e;
  }
}
