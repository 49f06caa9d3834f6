// A user's view of the package: commands run with the environment of a user's shell (no npm_* of
// the `npm test` run, no NODE_PATH, no Pulumi or ts-node settings), and the package packed with
// `npm pack` and installed with npm into a project outside the repository.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./paths";

export const PULUMI_VERSION = "3.248.0";

export interface Run { code: number; stdout: string; stderr: string }

/** The environment of a user's shell, with a passphrase for the project's local state. */
export function userEnv(passphrase: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|TS_NODE_|PULUMI_|CLUSTERPRO_LAB_DIR$)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", PULUMI_CONFIG_PASSPHRASE: passphrase };
}

export function runAs(passphrase: string) {
  const run = (file: string, args: string[], o: { cwd: string; timeoutMs?: number; stdin?: string }): Promise<Run> =>
    new Promise((resolve) => {
      const child = execFile(file, args, { cwd: o.cwd, env: userEnv(passphrase), timeout: o.timeoutMs ?? 180_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(o.stdin ?? "");
    });
  const ok = async (file: string, args: string[], o: { cwd: string; timeoutMs?: number; stdin?: string }): Promise<string> => {
    const r = await run(file, args, o);
    assert.equal(r.code, 0, `${path.basename(file)} ${args.join(" ")} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
    return r.stdout;
  };
  return { run, ok };
}

/** `npm pack` of the repository into `dest`; the tarball's path and the files it holds (path → mode). */
export async function packPackage(dest: string, ok: ReturnType<typeof runAs>["ok"]): Promise<{ tarball: string; files: Map<string, number> }> {
  assert.ok(fs.existsSync(path.join(repoRoot, "dist", "sdk", "index.js")), "dist/ is missing: run scripts/setup (npm test does)");
  const out = await ok("npm", ["pack", "--json", "--pack-destination", dest], { cwd: repoRoot, timeoutMs: 120_000 });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string; mode: number }[] }[];
  return { tarball: path.join(dest, info.filename), files: new Map(info.files.map((f) => [f.path, f.mode])) };
}

/** A project folder whose package.json asks for @pulumi/pulumi and the tarball, installed with npm. */
export async function installPackage(projectDir: string, name: string, tarball: string, ok: ReturnType<typeof runAs>["ok"]): Promise<void> {
  fs.writeFileSync(path.join(projectDir, "package.json"), JSON.stringify({
    name, private: true, main: "index.ts",
    dependencies: { "@pulumi/pulumi": PULUMI_VERSION, "pulumi-clusterpro": `file:${tarball}` },
  }, null, 2));
  await ok("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: projectDir, timeoutMs: 480_000 });
}

/** Stops a lab started with `clusterpro-lab --dir DIR` by its PID (also when a test failed). */
export function killLab(labDir: string): void {
  const control = path.join(labDir, "control.json");
  if (!fs.existsSync(control)) return;
  const { pid } = JSON.parse(fs.readFileSync(control, "utf8")) as { pid: number };
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
