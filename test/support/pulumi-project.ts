// A throw-away Pulumi project that depends on this package, driven through scripts/pulumi
// (the real engine, offline). Each project has its own state backend and PULUMI_HOME, and
// everything it wrote is removed by dispose().
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./paths";

export interface RunResult { code: number; stdout: string; stderr: string }

export class PulumiProject {
  readonly dir: string;
  readonly stateDir: string;
  readonly homeDir: string;
  /** Everything the engine printed, for secret scans. */
  readonly transcript: string[] = [];

  private constructor(readonly root: string) {
    this.dir = path.join(root, "project");
    this.stateDir = path.join(root, "state");
    this.homeDir = path.join(root, "home");
  }

  static create(name: string, program: string): PulumiProject {
    const p = new PulumiProject(fs.mkdtempSync(path.join(os.tmpdir(), `clusterpro-${name}-`)));
    for (const d of [p.dir, p.stateDir, p.homeDir]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\ndescription: test project\n`);
    fs.writeFileSync(path.join(p.dir, "package.json"), JSON.stringify({ name, private: true, dependencies: { "pulumi-clusterpro": `file:${repoRoot}` } }, null, 2));
    // Stands in for `npm install`: the package (self-linked by scripts/setup) and its dependencies.
    const modules = path.join(repoRoot, "node_modules");
    const self = path.join(modules, "pulumi-clusterpro");
    if (!fs.existsSync(self) || fs.realpathSync(self) === fs.realpathSync(repoRoot)) fs.symlinkSync(modules, path.join(p.dir, "node_modules"));
    else {
      // A git worktree sharing another checkout's node_modules: its self-link is that checkout. The package under
      // test is this one, so the project gets its own folder: every dependency linked, the package linked here.
      const own = path.join(p.dir, "node_modules");
      fs.mkdirSync(own);
      for (const e of fs.readdirSync(modules)) if (e !== "pulumi-clusterpro") fs.symlinkSync(path.join(modules, e), path.join(own, e));
      fs.symlinkSync(repoRoot, self.replace(modules, own));
    }
    p.writeProgram(program);
    return p;
  }

  writeProgram(program: string): void {
    fs.writeFileSync(path.join(this.dir, "index.ts"), program);
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${this.stateDir}`,
      PULUMI_HOME: this.homeDir,
      PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
      // The tests are a script: up, refresh and destroy run without Pulumi's confirmation prompt, as
      // `--yes` would (scripts/pulumi keeps the prompt otherwise).
      PULUMI_SKIP_CONFIRMATIONS: "true",
      NO_COLOR: "1",
    };
  }

  /** Sets a secret config value through stdin, so it is on no command line. */
  async setSecret(key: string, value: string): Promise<void> {
    await this.run(["config", "set", "--secret", key], { stdin: value });
  }

  /** Runs `scripts/pulumi ARGS` in the project; rejects on a non-zero exit unless allowFailure. */
  async run(args: string[], options: { allowFailure?: boolean; timeoutMs?: number; stdin?: string } = {}): Promise<RunResult> {
    const child = spawn(path.join(repoRoot, "scripts", "pulumi"), [...args, "--color", "never"], { cwd: this.dir, env: this.env(), stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.end(options.stdin ?? "");
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000);
    const code: number = await new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    }).finally(() => clearTimeout(timer)) as number;
    const result = { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
    this.transcript.push(`$ pulumi ${args.join(" ")}\n${result.stdout}\n${result.stderr}`);
    if (code !== 0 && !options.allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} exited ${code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }

  /** The stack's current checkpoint (the file backend's JSON). */
  checkpoint(project: string, stack: string): { resources: { type: string; urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } {
    const file = path.join(this.stateDir, ".pulumi", "stacks", project, `${stack}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")).checkpoint.latest;
  }

  /** Every file the engine wrote (state, backups, history, logs), for secret scans. */
  allWrittenFiles(): string[] {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.isFile()) files.push(f);
      }
    };
    walk(this.stateDir);
    walk(this.homeDir);
    return files;
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
