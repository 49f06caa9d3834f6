// Messages from the dynamic-provider process to the user's `pulumi preview`/`up` output. The
// dynamic-provider host receives the engine's address as its first argument but does not connect
// its log to it, so we open the engine's Log service ourselves. Outside an engine (unit tests) the
// messages go nowhere. Never pass a secret here.
import * as path from "node:path";

type Logger = (severity: "info" | "warning", message: string, urn?: string) => Promise<void>;

let logger: Logger | undefined;

function connect(): Logger {
  const address = process.argv[2];
  const isProviderHost = process.argv[1]?.includes(`${path.sep}dynamic-provider`);
  if (!address || !isProviderHost) return async () => undefined;
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
