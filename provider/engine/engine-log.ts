// Messages from the dynamic-provider process to the user's `pulumi preview`/`up` output. The
// dynamic-provider host receives the engine's address as its first argument but does not connect
// its log to it, so we open the engine's Log service ourselves. Outside an engine (unit tests) the
// messages go nowhere. Never pass a secret here.
import * as fs from "node:fs";
import * as path from "node:path";

type Logger = (severity: "info" | "warning", message: string, urn?: string) => Promise<void>;

let logger: Logger | undefined;

/** Whether this process is the dynamic-provider host the engine started (not a test, not the program). */
const isProviderHost = () => process.argv[1]?.includes(`${path.sep}dynamic-provider`) === true;

function connect(): Logger {
  const address = process.argv[2];
  if (!address || !isProviderHost()) return async () => undefined;
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
  const enginerpc = require(path.join(pulumiDir, "proto", "engine_grpc_pb"));
  const engineproto = require(path.join(pulumiDir, "proto", "engine_pb"));
  const client = new enginerpc.EngineClient(address, grpc.credentials.createInsecure());
  return (severity, message, urn) =>
    new Promise<void>((resolve) => {
      const req = new engineproto.LogRequest();
      req.setSeverity(severity === "warning" ? engineproto.LogSeverity.WARNING : engineproto.LogSeverity.INFO);
      req.setMessage(message);
      req.setUrn(urn ?? "");
      req.setEphemeral(false);
      client.log(req, () => resolve()); // a lost message must never fail the operation
    });
}

/** Shows a message in the engine's output (Diagnostics). */
export function engineLog(severity: "info" | "warning", message: string): Promise<void> {
  logger ??= connect();
  return logger(severity, message);
}

export type RunPhase = "preview" | "update" | "refresh" | "destroy";
const PHASES: readonly string[] = ["preview", "update", "refresh", "destroy"];

/**
 * Which run of the program the engine is in. The engine does not tell a provider's `check` whether it
 * runs for a preview or for the update of `up`; scripts/pulumi's program host writes it, before each
 * run, to the file named by CLUSTERPRO_RUN_PHASE_FILE. Under another runner (a stock Pulumi CLI) this
 * is unknown and answers "preview".
 */
export function runPhase(): RunPhase {
  const file = process.env.CLUSTERPRO_RUN_PHASE_FILE;
  if (!file) return "preview";
  try {
    const phase = fs.readFileSync(file, "utf8").trim();
    return PHASES.includes(phase) ? (phase as RunPhase) : "preview";
  } catch {
    return "preview";
  }
}

/**
 * A line that belongs to a preview only (how a change would apply, why that is not known yet). The
 * update of `up` reports what it applied instead, and a refresh changes nothing, so they do not repeat it.
 */
export async function previewNote(message: string): Promise<void> {
  if (runPhase() === "preview") await engineLog("info", message);
}

/** Error classes that mean a bug in this code rather than a reason to report: their stack stays. */
const BUG_CLASSES = new Set(["TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AssertionError"]);

/**
 * The dynamic-provider host prints `${error}: ${error.stack}` on its stderr when a provider's check,
 * diff, read or delete throws, and the engine shows that as a diagnostic, besides the error message it
 * already shows for the resource: a refusal such as "Set allowReplace: true …" came out three times,
 * twice with a JavaScript stack trace. Our errors (Error, RemoteError, ClpConfError, …) carry their
 * context in the message, so that line is dropped for them; a TypeError or another bug keeps its stack.
 */
export function quietProviderErrors(con: Pick<Console, "error"> = console): void {
  const original = con.error.bind(con);
  con.error = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string" && isReportedErrorWithStack(args[0])) return;
    original(...args);
  };
}

/** `text` is `${e}: ${e.stack}` (V8's stack starts with `${e}`) of an error that is not a bug class. */
export function isReportedErrorWithStack(text: string): boolean {
  const name = /^([A-Za-z_$][\w$]*): /.exec(text)?.[1];
  if (!name || BUG_CLASSES.has(name)) return false;
  for (let k = text.indexOf(": ", name.length + 2); k >= 0; k = text.indexOf(": ", k + 1)) {
    const head = text.slice(0, k);
    const rest = text.slice(k + 2);
    if (rest.startsWith(head) && /^\r?\n\s+at /.test(rest.slice(head.length))) return true;
  }
  return false;
}

if (isProviderHost()) quietProviderErrors();
