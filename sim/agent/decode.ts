// Reads an agent run's stdin as the lab receives it: the agent script on the first line (ignored: the
// lab executes the ops itself), then the ops — base64 JSON on Windows, the line format on POSIX.
import type { WireOp } from "./executor";

const BOOLEAN_FIELDS = new Set(["createParents", "overwrite", "recursive", "replace", "enabled", "inherit", "stopOnError", "requireExitZero"]);
const NUMBER_FIELDS = new Set(["timeoutSec", "maxDepth", "staleAfterSec"]);

export class AgentPayloadError extends Error {}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const nextIsIndex = /^\d+$/.test(path[i + 1]);
    const existing = (cur as Record<string, unknown>)[key];
    if (existing === undefined) (cur as Record<string, unknown>)[key] = nextIsIndex ? [] : {};
    cur = (cur as Record<string, unknown>)[key] as Record<string, unknown>;
  }
  (cur as Record<string, unknown>)[path[path.length - 1]] = value;
}

function coerce(key: string, raw: string): unknown {
  if (BOOLEAN_FIELDS.has(key)) return raw === "true";
  if (NUMBER_FIELDS.has(key) && /^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/** One op line of the POSIX line format back into a wire op. */
export function decodePosixOpLine(line: string): WireOp {
  const op: Record<string, unknown> = {};
  for (const field of line.trim().split(/\s+/)) {
    const eq = field.indexOf("=");
    if (eq <= 0) throw new AgentPayloadError(`malformed field ${JSON.stringify(field.slice(0, 40))}`);
    const key = field.slice(0, eq);
    // A "…Base64" field is already base64 of bytes; every other value is base64 of its UTF-8 text.
    const value = key.endsWith("Base64") ? field.slice(eq + 1) : Buffer.from(field.slice(eq + 1), "base64").toString("utf8");
    const path = key.split(".");
    if (path[path.length - 1] === "n") {
      // An array's length: make sure an empty list still exists.
      const holder = path.slice(0, -1);
      setPath(op, [...holder, "__len"], Number(value));
      continue;
    }
    setPath(op, path, coerce(path[path.length - 1], value));
  }
  return stripLengths(op) as WireOp;
}

function stripLengths(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripLengths);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("__len" in o) {
      const len = Number(o.__len);
      return Array.from({ length: len }, (_, i) => stripLengths(o[String(i)]));
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, stripLengths(x)]));
  }
  return v;
}

/** The wire ops of an agent run, from its stdin. */
export function decodeAgentStdin(os: "windows" | "linux", stdin: Buffer): WireOp[] {
  const lines = stdin.toString("utf8").split(/\r?\n/);
  if (lines.length < 2) throw new AgentPayloadError("no payload after the agent script");
  if (os === "windows") {
    const payload = JSON.parse(Buffer.from(lines[1].trim(), "base64").toString("utf8")) as { protocolVersion: number; ops: WireOp[] };
    if (payload.protocolVersion !== 1) throw new AgentPayloadError(`protocol version ${payload.protocolVersion} is not 1`);
    return payload.ops;
  }
  const header = lines[1].trim().split(/\s+/);
  if (header[0] !== "clp-agent" || header[1] !== "1") throw new AgentPayloadError(`bad header ${JSON.stringify(lines[1].slice(0, 40))}`);
  const ops: WireOp[] = [];
  for (const line of lines.slice(2)) {
    if (line.trim() === "end") return ops;
    if (line.trim() !== "") ops.push(decodePosixOpLine(line));
  }
  throw new AgentPayloadError("the payload has no end line");
}
