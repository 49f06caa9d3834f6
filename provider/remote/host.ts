// runAgent: one exec round trip that runs a batch of typed ops on a node through the fixed agent script.
// The agent's scripts, schemas and wire format are loaded by the first run (a no-op preview runs none).
import type { AgentOpInput, AgentResult, AgentRunOptions } from "./agent/protocol";
import { RemoteError, type RemoteHost } from "./types";

const invocation = (): typeof import("./agent/invocation") => require("./agent/invocation");
const wire = (): typeof import("./agent/wire") => require("./agent/wire");

export interface RunAgentOptions extends AgentRunOptions {
  /** Abandon the agent run after this many milliseconds (default 10 minutes): RemoteError step "agent.run". */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs `ops` on `host` in one round trip and returns one result per op, in order. A failing op is a result
 * (`ok: false`), not an exception; exceptions mean the round trip itself failed (connection, time-out, the agent
 * could not start, or its output was unusable) and are RemoteErrors naming the node and the step.
 */
export async function runAgent(host: RemoteHost, ops: readonly AgentOpInput[], options: RunAgentOptions = {}): Promise<AgentResult[]> {
  if (ops.length === 0) return [];
  let inv;
  try {
    inv = invocation().agentInvocation(host.os, ops, { root: options.root });
  } catch (e) {
    throw new RemoteError(host.name, "agent.validate", (e as Error).message);
  }
  // The overall deadline is an abort, not exec's timeoutMs: the argv stays exactly the fixed invocation (a POSIX
  // exec with timeoutMs would be wrapped in `timeout`). Each op that can hang (service start/stop, clp) has its own
  // time-out inside the agent.
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const onCallerAbort = () => deadline.abort();
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  if (options.signal?.aborted) deadline.abort();
  let r;
  try {
    r = await host.exec(inv.argv, { stdin: inv.stdin, signal: deadline.signal, encoding: "utf8" });
  } catch (e) {
    if ((e as Error).name === "AbortError" && !options.signal?.aborted) {
      throw new RemoteError(host.name, "agent.run", `the agent did not finish within ${timeoutMs} ms (ops: ${inv.ops.map((o) => o.op).join(", ")})`);
    }
    throw e;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
  const { AgentOutputError, parseAgentOutput } = wire();
  try {
    return parseAgentOutput(r.stdout, inv.ops, { node: host.name, stderr: r.stderrText });
  } catch (e) {
    if (e instanceof AgentOutputError) {
      throw new RemoteError(host.name, "agent.output", `${e.message.replace(/^[^:]*: agent: /, "")} (agent exit code ${r.exitCode})`, e.details);
    }
    throw e;
  }
}
