// Encoding ops for the scripts, and decoding what the scripts answer.
//
// Windows: the payload is base64 of the JSON `{ protocolVersion, options, ops }` (PowerShell has ConvertFrom-Json).
// POSIX: sh cannot parse JSON, and Debian's minimal image has no python3, so the TS side also writes the same
// wire ops in a line format the sh agent reads with `read` alone:
//     clp-agent 1 root=<b64>
//     op=<b64> <key>=<b64> <key>.n=<b64 count> <key>.0=<b64> <key>.0.<sub>=<b64> …
//     end
// Every value (also numbers and booleans) is base64 of its UTF-8 text (a `…Base64` field, already base64, is sent
// as it is), so a line holds only [A-Za-z0-9+/=.] and spaces,
// and no user byte is ever seen by the shell's parser: the agent decodes a field with `base64 -d` straight into a
// variable or a file.
import * as iconv from "iconv-lite";
import { z } from "zod";
import { AgentErrorSchema, AgentValueSchemas, PROTOCOL_VERSION, volumeFromWin32, type AgentOp, type AgentResult, type AgentRunOptions } from "./protocol";

export type WireOp = Record<string, unknown> & { op: string };

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** The op as the scripts see it: file.write carries bytes (`dataBase64`) instead of text + encoding. */
export function toWireOp(op: AgentOp): WireOp {
  if (op.op === "file.write") {
    const { content, encoding, ...rest } = op;
    let bytes: Buffer;
    if (encoding === "binary") bytes = Buffer.from(content, "base64");
    else if (encoding === "cp932") bytes = iconv.encode(content, "cp932");
    else bytes = Buffer.from(content, "utf8");
    return { ...rest, dataBase64: bytes.toString("base64") };
  }
  return { ...op };
}

export interface WirePayload {
  protocolVersion: typeof PROTOCOL_VERSION;
  options: AgentRunOptions;
  ops: WireOp[];
}

export function wirePayload(ops: readonly AgentOp[], options: AgentRunOptions = {}): WirePayload {
  return { protocolVersion: PROTOCOL_VERSION, options: { ...options }, ops: ops.map(toWireOp) };
}

function flatten(prefix: string, v: unknown, out: string[]): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    out.push(`${prefix}.n=${b64(String(v.length))}`);
    v.forEach((item, i) => flatten(`${prefix}.${i}`, item, out));
  } else if (typeof v === "object") {
    for (const [k, sub] of Object.entries(v as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, sub, out);
  } else if (typeof v === "string" && prefix.endsWith("Base64")) {
    // Already base64 (file bytes): sent as it is, not encoded twice.
    out.push(`${prefix}=${v}`);
  } else {
    out.push(`${prefix}=${b64(String(v))}`);
  }
}

/** One line per op (see the header comment). Keys are the schema's field names, never user text. */
export function posixOpLine(op: WireOp): string {
  const fields: string[] = [];
  flatten("", op, fields);
  return fields.join(" ");
}

export function posixPayloadLines(payload: WirePayload): string {
  const header = `clp-agent ${payload.protocolVersion}${payload.options.root !== undefined ? ` root=${b64(payload.options.root)}` : ""}`;
  return [header, ...payload.ops.map(posixOpLine), "end", ""].join("\n");
}

// ---------- output ----------

export const RESULT_BEGIN = "@@clp-agent-begin@@";
export const RESULT_END = "@@clp-agent-end@@";

const WireResultSchema = z.union([
  z.object({ i: z.number().int().min(0), ok: z.literal(true), value: z.unknown() }),
  z.object({ i: z.number().int().min(0), ok: z.literal(false), error: AgentErrorSchema }),
]);

const WireFileReadSchema = z.object({ dataBase64: z.string(), size: z.number() });
const WireClpSchema = z.object({ exitCode: z.number(), stdoutBase64: z.string(), stderrBase64: z.string() });
/** volume.list as the Windows agent sends it: Win32_Volume's own fields. */
const WireVolumeListSchema = z.object({
  volumes: z.array(z.object({ deviceId: z.string(), driveLetter: z.string().nullable(), fileSystem: z.string().nullable().optional(), capacity: z.union([z.number(), z.string()]).nullable().optional() })),
});

export class AgentOutputError extends Error {
  constructor(
    readonly node: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${node}: agent: ${message}`);
    this.name = "AgentOutputError";
  }
}

function describeOp(ops: readonly AgentOp[], i: number): string {
  const op = ops[i];
  if (!op) return `#${i}`;
  return `#${i} (${op.op}${op.id ? ` "${op.id}"` : ""})`;
}

/** Turns a wire value into the public value of its op (decoding bytes), checked against the op's value schema. */
function publicValue(op: AgentOp, value: unknown): unknown {
  if (op.op === "file.read") {
    const w = WireFileReadSchema.parse(value);
    const bytes = Buffer.from(w.dataBase64, "base64");
    const content = op.encoding === "binary" ? w.dataBase64 : op.encoding === "cp932" ? iconv.decode(bytes, "cp932") : bytes.toString("utf8");
    return { content, encoding: op.encoding, size: w.size };
  }
  if (op.op === "clp") {
    const w = WireClpSchema.parse(value);
    const dec = (s: string) => (op.encoding === "cp932" ? iconv.decode(Buffer.from(s, "base64"), "cp932") : Buffer.from(s, "base64").toString("utf8"));
    return { exitCode: w.exitCode, stdout: dec(w.stdoutBase64), stderr: dec(w.stderrBase64) };
  }
  if (op.op === "volume.list") {
    // Volumes without a letter or a GUID path (none are asked for, but a WMI provider may still list one) are left out.
    const w = WireVolumeListSchema.parse(value);
    return { volumes: w.volumes.map(volumeFromWin32).filter((v) => v !== undefined).sort((a, b) => a.letter.localeCompare(b.letter)) };
  }
  return value;
}

export interface ParseOptions {
  /** The node's name, for error messages. */
  node?: string;
  /** The agent's stderr, quoted (shortened) in errors when the output is unusable. */
  stderr?: string;
}

function excerpt(s: string, max = 400): string {
  const t = s.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/**
 * Parses the agent's stdout into one result per op, in op order. Text outside the markers (a login banner,
 * PowerShell noise) is ignored. Throws AgentOutputError naming the node and the op when the output is malformed,
 * a result is missing, or a value does not match its op's schema.
 */
export function parseAgentOutput(stdout: string | Buffer, ops: readonly AgentOp[], options: ParseOptions = {}): AgentResult[] {
  const node = options.node ?? "agent";
  const textOut = typeof stdout === "string" ? stdout : stdout.toString("utf8");
  const lines = textOut.split(/\r?\n/);
  const begin = lines.findIndex((l) => l.startsWith(RESULT_BEGIN));
  const hint = options.stderr ? `; stderr: ${excerpt(options.stderr)}` : "";
  if (begin < 0) {
    throw new AgentOutputError(node, `the agent produced no result block (no "${RESULT_BEGIN}" line)${hint}`, { stdout: excerpt(textOut) });
  }
  const version = Number(lines[begin].slice(RESULT_BEGIN.length).trim());
  if (version !== PROTOCOL_VERSION) {
    throw new AgentOutputError(node, `the agent speaks protocol version ${lines[begin].slice(RESULT_BEGIN.length).trim() || "?"}, expected ${PROTOCOL_VERSION}`);
  }
  const results: (AgentResult | undefined)[] = new Array(ops.length).fill(undefined);
  let ended = false;
  for (let n = begin + 1; n < lines.length; n++) {
    const line = lines[n];
    if (line.startsWith(RESULT_END)) {
      ended = true;
      break;
    }
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      const next = results.findIndex((r) => r === undefined);
      throw new AgentOutputError(node, `malformed JSON in the result for op ${describeOp(ops, next)}: ${(e as Error).message}`, { line: excerpt(line, 200) });
    }
    const w = WireResultSchema.safeParse(parsed);
    if (!w.success) throw new AgentOutputError(node, `a result line has the wrong shape: ${z.prettifyError(w.error)}`, { line: excerpt(line, 200) });
    const i = w.data.i;
    if (i >= ops.length) throw new AgentOutputError(node, `result for op #${i}, but only ${ops.length} ops were sent`);
    if (results[i]) throw new AgentOutputError(node, `two results for op ${describeOp(ops, i)}`);
    const op = ops[i];
    if (w.data.ok) {
      let value: unknown;
      try {
        value = AgentValueSchemas[op.op].parse(publicValue(op, w.data.value));
      } catch (e) {
        const msg = e instanceof z.ZodError ? z.prettifyError(e) : (e as Error).message;
        throw new AgentOutputError(node, `the result of op ${describeOp(ops, i)} does not match its schema: ${msg}`, { line: excerpt(line, 200) });
      }
      results[i] = { op: op.op, ok: true, value } as AgentResult;
    } else {
      results[i] = { op: op.op, ok: false, error: w.data.error } as AgentResult;
    }
  }
  const missing = results.findIndex((r) => r === undefined);
  if (missing >= 0) {
    throw new AgentOutputError(
      node,
      `no result for op ${describeOp(ops, missing)}${ended ? "" : " (the output ended early: the agent was killed or crashed)"}${hint}`,
      { received: results.filter(Boolean).length, expected: ops.length },
    );
  }
  return results as AgentResult[];
}
