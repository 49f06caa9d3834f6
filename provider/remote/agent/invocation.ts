// How an agent run is started: a FIXED argv (only our own code, no user value) plus stdin that carries the agent
// script and the ops as data.
//
//   POSIX:   sh -c '<bootstrap>'          stdin: base64(posix-agent.sh) \n  <line-format payload>
//   Windows: powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <bootstrap>
//                                         stdin: base64(windows-agent.ps1) \n base64(JSON payload) \n
import type { RemoteOs } from "../types";
import { encodePowerShell, POWERSHELL_ARGS, POWERSHELL_EXE } from "../winrm/launcher";
import { AgentOpSchema, type AgentOp, type AgentOpInput, type AgentRunOptions } from "./protocol";
import { POSIX_AGENT_SCRIPT, WINDOWS_AGENT_SCRIPT } from "./scripts.generated";
import { posixPayloadLines, wirePayload } from "./wire";

/** Reads the base64 agent script from the first stdin line and runs it; the agent reads the rest of stdin. */
export const POSIX_BOOTSTRAP = 'IFS= read -r a || exit 90; s=$(printf "%s" "$a" | base64 -d) || exit 91; eval "$s"';

/** Reads the agent script and the payload (two base64 lines) from stdin and runs the script with the payload. */
export const WINDOWS_BOOTSTRAP = [
  "$ErrorActionPreference = 'Stop'",
  "[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)",
  "$s = [Console]::In.ReadLine()",
  "$p = [Console]::In.ReadLine()",
  "if (-not $s -or -not $p) { [Console]::Error.WriteLine('clp-agent: no payload on stdin'); exit 93 }",
  "$agent = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s.Trim()))",
  "& ([ScriptBlock]::Create($agent)) $p.Trim()",
  "exit 0",
].join("\n");

export interface AgentInvocation {
  argv: string[];
  stdin: Buffer;
  /** The validated ops (defaults filled in), to hand to parseAgentOutput. */
  ops: AgentOp[];
}

/**
 * The argv and stdin for one agent round trip. Validates the ops (throws a ZodError naming the op index and field).
 * `options.root` is honoured by the POSIX agent only (tests).
 */
export function agentInvocation(os: RemoteOs, ops: readonly AgentOpInput[], options: AgentRunOptions = {}): AgentInvocation {
  const valid = ops.map((op) => AgentOpSchema.parse(op));
  const payload = wirePayload(valid, options);
  if (os === "windows") {
    const script = Buffer.from(WINDOWS_AGENT_SCRIPT, "utf8").toString("base64");
    const json = Buffer.from(JSON.stringify(payload), "utf8").toString("base64");
    return {
      argv: [POWERSHELL_EXE, ...POWERSHELL_ARGS, encodePowerShell(WINDOWS_BOOTSTRAP)],
      stdin: Buffer.from(`${script}\n${json}\n`, "utf8"),
      ops: valid,
    };
  }
  const script = Buffer.from(POSIX_AGENT_SCRIPT, "utf8").toString("base64");
  return {
    argv: ["sh", "-c", POSIX_BOOTSTRAP],
    stdin: Buffer.from(`${script}\n${posixPayloadLines(payload)}`, "utf8"),
    ops: valid,
  };
}
