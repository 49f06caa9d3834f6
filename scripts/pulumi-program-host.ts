// Runs the real Pulumi CLI for a project directory, serving the project's TypeScript program with
// the language runtime server that ships inside @pulumi/pulumi (the one the Automation API uses
// for inline programs), connected through the CLI's `--client` flag.
//
// Why: the Node.js language host (`pulumi-language-nodejs`) is a separate Go module that the Go
// module proxy cannot serve (no tags, and the proxy refuses its commit pseudo-versions; see
// docs/engine.md). The CLI, the deployment engine, the state backend, the dynamic-provider plugin
// and the SDK are all the real v3.248.0 parts; only the program runner is the SDK's own in-process one.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** CLI commands that execute the program (and so need a language runtime). */
const PROGRAM_COMMANDS = new Set(["up", "update", "preview", "pre", "refresh", "destroy", "down", "import", "watch"]);
/** Global flags that take a separate value, so that value is not mistaken for the command. */
const GLOBAL_FLAGS_WITH_VALUE = new Set(["-C", "--cwd", "--color", "-v", "--verbose", "--tracing", "--tracing-header", "--profiling", "--memprofilerate"]);

/**
 * What `pulumi import` and the `import` resource option answer: the engine cannot import a dynamic
 * provider's resources (its read gets no serialized provider on import, pulumi/pulumi#16175), and every
 * pulumi-clusterpro resource is one.
 */
export const IMPORT_REFUSAL =
  "Pulumi cannot import dynamic-provider resources, and every pulumi-clusterpro resource is one (pulumi/pulumi#16175).\n" +
  "To take over a cluster that exists, declare it in the program with `adopt: true` on its resources " +
  "(the program's values win; the rest of clp.conf is kept), or generate a program from its clp.conf with `clusterpro-conf to-program FILE`.";

/**
 * Where the program host tells the provider processes which run of the program this is (see
 * provider/engine/engine-log.ts): the name of a file, passed to the CLI (and so to the providers it starts).
 */
export const RUN_PHASE_ENV = "CLUSTERPRO_RUN_PHASE_FILE";

/** The run a Run request of `command` is: a preview (its dry run), the update of `up`, or a refresh or destroy that runs the program. */
export function runPhase(command: string, dryRun: boolean): "preview" | "update" | "refresh" | "destroy" {
  if (command === "refresh") return "refresh";
  if (command === "destroy" || command === "down") return "destroy";
  return dryRun ? "preview" : "update";
}

export interface ParsedArgs {
  command: string | undefined;
  cwd: string | undefined;
}

export function parseCliArgs(args: readonly string[]): ParsedArgs {
  let cwd: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a.startsWith("-")) {
      const eq = a.indexOf("=");
      const flag = eq >= 0 ? a.slice(0, eq) : a;
      const value = eq >= 0 ? a.slice(eq + 1) : undefined;
      if (flag === "-C" || flag === "--cwd") cwd = value ?? args[i + 1];
      if (value === undefined && GLOBAL_FLAGS_WITH_VALUE.has(flag)) i++;
      continue;
    }
    return { command: a, cwd };
  }
  return { command: undefined, cwd };
}

/** Whether the command line asks for help (`-h`/`--help` before any `--`): the CLI answers it without a program. */
export function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "-h" || a === "--help" || a === "--help=true") return true;
  }
  return false;
}

/** The directory holding Pulumi.yaml, searching upward as the CLI does. */
export function findProjectDir(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) || fs.existsSync(path.join(dir, "Pulumi.yml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no Pulumi.yaml found in ${start} or any parent directory`);
    dir = parent;
  }
}

/** The program's entry module: Pulumi.yaml `main`, else the project directory (package.json main or index). */
export function programEntry(projectDir: string): string {
  const yaml = require("js-yaml") as typeof import("js-yaml");
  const file = fs.existsSync(path.join(projectDir, "Pulumi.yaml")) ? "Pulumi.yaml" : "Pulumi.yml";
  const project = (yaml.load(fs.readFileSync(path.join(projectDir, file), "utf8")) ?? {}) as { runtime?: unknown; main?: string };
  const runtimeName = typeof project.runtime === "string" ? project.runtime : (project.runtime as { name?: string } | undefined)?.name;
  if (runtimeName !== "nodejs") throw new Error(`${file}: runtime must be nodejs (found ${String(runtimeName)})`);
  return path.resolve(projectDir, project.main ?? ".");
}

/** `name` resolved from the project first, then from this package; undefined when neither has it. */
function resolveFrom(name: string, projectDir: string): string | undefined {
  try {
    return require.resolve(name, { paths: [projectDir, __dirname] });
  } catch {
    return undefined;
  }
}

/**
 * TypeScript programs run through ts-node, found as Pulumi's own language host finds it: the project's
 * `ts-node` (this repository has 10.9.2), else the copy vendored inside @pulumi/pulumi (a stock Pulumi
 * project has no ts-node of its own), compiling with the project's `typescript` or the vendored one.
 */
function registerTypeScript(projectDir: string, pulumiDir: string): void {
  const vendored = (p: string) => path.join(pulumiDir, "vendor", p);
  const tsNodePath = resolveFrom("ts-node", projectDir) ?? vendored("ts-node@7.0.1");
  const ownCompiler = resolveFrom("typescript", projectDir);
  const compiler = ownCompiler ?? vendored(path.join("typescript@3.8.3", "typescript.js"));
  const tsNode = require(tsNodePath) as typeof import("ts-node");
  const tsconfig = path.join(projectDir, "tsconfig.json");
  tsNode.register({
    compiler,
    transpileOnly: true,
    ...(fs.existsSync(tsconfig) ? { project: tsconfig } : { skipProject: true }),
    compilerOptions: { module: "commonjs", target: ownCompiler ? "es2022" : "es2019", esModuleInterop: true },
  });
}

/** Forget the project's own modules so that each Run (preview, then update) registers resources anew. */
function forgetProjectModules(projectDir: string): void {
  const prefix = projectDir + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(prefix) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
  }
}

async function runWithProgram(pulumiBin: string, command: string, args: string[], projectDir: string): Promise<number> {
  // The SDK that runs the program must be the very module instance the program imports.
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] }));
  refuseImportOption(pulumiDir);
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
  const { LanguageServer } = require(path.join(pulumiDir, "automation", "server"));
  const langrpc = require(path.join(pulumiDir, "proto", "language_grpc_pb"));
  const { grpcChannelOptions } = require(path.join(pulumiDir, "runtime"));

  const entry = programEntry(projectDir);
  registerTypeScript(projectDir, pulumiDir);
  const program = async () => {
    forgetProjectModules(projectDir);
    const mod = require(entry);
    return typeof mod?.default === "function" ? await mod.default() : mod;
  };

  const server = new grpc.Server({ ...grpcChannelOptions });
  const languageServer = new LanguageServer(program);
  answerBailOnceLogged(languageServer, pulumiDir);
  const phaseDir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-run-"));
  const phaseFile = path.join(phaseDir, "phase");
  tellRunPhase(languageServer, command, phaseFile);
  server.addService(langrpc.LanguageRuntimeService, languageServer);
  let code: number;
  try {
    const port: number = await new Promise((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) => (err ? reject(err) : resolve(p))),
    );
    // No --non-interactive: the CLI decides from the terminal as usual, so `up` and `destroy` still ask
    // for confirmation in a terminal unless --yes is given (and refuse without --yes when piped).
    code = await runCli(pulumiBin, [...args, `--client=127.0.0.1:${port}`], projectDir, { [RUN_PHASE_ENV]: phaseFile });
  } finally {
    fs.rmSync(phaseDir, { recursive: true, force: true });
  }
  try {
    languageServer.onPulumiExit(code !== 0);
  } catch (e) {
    console.error(String((e as Error).message ?? e));
  }
  server.forceShutdown();
  return code;
}

/**
 * Before each run of the program, writes which run it is (runPhase) where the provider processes read
 * it: `up` runs the program twice, and only its preview should say how each change "would apply"; the
 * update reports what it applied. The engine tells a provider's `check` nothing about that.
 */
function tellRunPhase(languageServer: { run(call: { request: { getDryrun(): boolean } }, callback: unknown): unknown }, command: string, phaseFile: string): void {
  fs.writeFileSync(phaseFile, runPhase(command, true)); // a refresh or destroy may not run the program at all
  const run = languageServer.run.bind(languageServer);
  languageServer.run = (call, callback) => {
    fs.writeFileSync(phaseFile, runPhase(command, call.request.getDryrun()));
    return run(call, callback);
  };
}

/**
 * The `import` resource option on a dynamic resource fails deep in the engine with a TypeError and a
 * stack trace (the provider's read gets no serialized provider, pulumi/pulumi#16175). Refuse it where
 * the program registers the resource, with what to do instead, as a RunError (no stack trace).
 */
function refuseImportOption(pulumiDir: string): void {
  const runtimeResource = require(path.join(pulumiDir, "runtime", "resource")) as { registerResource: (...args: unknown[]) => unknown; __clusterproImportRefused?: true };
  if (runtimeResource.__clusterproImportRefused) return;
  const { RunError } = require(path.join(pulumiDir, "errors")) as { RunError: new (message: string) => Error };
  const register = runtimeResource.registerResource;
  runtimeResource.registerResource = (...args: unknown[]) => {
    const [, , type, name, , , , , opts] = args as [unknown, unknown, string, string, unknown, unknown, unknown, unknown, { import?: unknown } | undefined];
    if (opts?.import !== undefined && String(type).startsWith("pulumi-nodejs:dynamic")) {
      throw new RunError(`${type.split(":").pop()} "${name}": the import option cannot be used here. ${IMPORT_REFUSAL}`);
    }
    return register(...args);
  };
  runtimeResource.__clusterproImportRefused = true;
}

/**
 * A program's error is logged by the SDK while the program runs (its message; with the stack unless it
 * is a RunError). The stock Node.js language host then answers the engine "bail", so the error is
 * printed once; the SDK's LanguageServer answers with the error again, and the engine prints it a
 * second time. When the run already logged an error, answer "bail" as the stock host does.
 */
function answerBailOnceLogged(languageServer: { run(call: unknown, callback: (err: unknown, resp?: unknown) => void): unknown }, pulumiDir: string): void {
  const log = require(path.join(pulumiDir, "log")) as { hasErrors(): boolean };
  const { RunResponse } = require(path.join(pulumiDir, "proto", "language_pb")) as { RunResponse: new () => { setBail(b: boolean): void } };
  const run = languageServer.run.bind(languageServer);
  languageServer.run = (call, callback) => {
    let answered = false;
    return run(call, (err, resp) => {
      if (answered) return; // the SDK's run answers twice after an error; the engine takes the first
      answered = true;
      if (err && log.hasErrors()) {
        const bail = new RunResponse();
        bail.setBail(true);
        callback(null, bail);
      } else callback(err, resp);
    });
  };
}

function runCli(pulumiBin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(pulumiBin, args, { cwd, stdio: "inherit", env: { ...process.env, ...env } });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(code ?? (signal ? 128 + 15 : 1));
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const pulumiBin = "pulumi"; // found on PATH, which scripts/pulumi sets to the engine directory first
  const { command, cwd } = parseCliArgs(argv);
  if (!command || !PROGRAM_COMMANDS.has(command) || asksForHelp(argv)) return runCli(pulumiBin, argv, process.cwd());
  if (command === "import") {
    console.error(`pulumi import: ${IMPORT_REFUSAL}`);
    return 1;
  }
  const projectDir = findProjectDir(cwd ? path.resolve(cwd) : process.cwd());
  process.chdir(projectDir);
  return runWithProgram(pulumiBin, command, argv, projectDir);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`pulumi: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
