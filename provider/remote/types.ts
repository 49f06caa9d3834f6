// The contract between the transports (WinRM, SSH) and everything above them.
// No command is ever assembled from user strings: argv elements and stdin are data.

export type RemoteOs = "windows" | "linux";

export interface ExecOptions {
  /** Kill the command (WinRM Signal terminate / SSH channel close) after this many milliseconds. */
  timeoutMs?: number;
  /** Abort the command early; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Bytes (or UTF-8 text) delivered on the command's standard input, then EOF. */
  stdin?: Buffer | string;
  /** How to decode stdout/stderr into text. Default "utf8"; "cp932" for Japanese Windows console output. */
  encoding?: "utf8" | "cp932";
}

export interface ExecResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  stdoutText: string;
  stderrText: string;
  /** True when the command was terminated because timeoutMs elapsed. */
  timedOut: boolean;
}

export interface RemoteHost {
  /** The node's name as the user declared it; used in every error message. */
  readonly name: string;
  readonly os: RemoteOs;
  /** Runs argv[0] with argv[1..] as literal arguments. One round trip (plus streaming). */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  putFile(remotePath: string, data: Buffer): Promise<void>;
  getFile(remotePath: string): Promise<Buffer>;
  /** Closes the reused connection/shell. Idempotent. */
  close(): Promise<void>;
}

/** An error from a remote operation: always names the node and the step, never a secret. */
export class RemoteError extends Error {
  constructor(
    readonly node: string,
    readonly step: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${node}: ${step}: ${message}`);
    this.name = "RemoteError";
  }
}
