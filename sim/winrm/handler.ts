// The pluggable command executor of the lab's WinRM endpoint. The server decodes what the client sent
// (our fixed launcher → literal argv; PowerShell -EncodedCommand → script; anything else → a command
// line split like CommandLineToArgvW) and hands it to a CommandHandler.

export type InvocationKind = "argv" | "powershell" | "cmd" | "putFile" | "getFile";

export interface CommandInvocation {
  shellId: string;
  commandId: string;
  /** How the command arrived: "argv" (our launcher), "powershell" (-EncodedCommand script),
   *  "putFile"/"getFile" (our file templates), "cmd" (a plain command line, e.g. pywinrm run_cmd). */
  kind: InvocationKind;
  /** argv[0] for "argv"; the first word of the command line for "cmd"; "powershell.exe" otherwise. */
  program: string;
  /** The literal arguments (argv[1..] for "argv"). */
  args: string[];
  /** The raw Command and Arguments text as received, joined with spaces. */
  commandLine: string;
  /** Decoded script for "powershell". */
  script?: string;
  /** Target path for "putFile"/"getFile". */
  path?: string;
  /** Standard input as it arrives through Send; ends at End="true" (or when the command is terminated). */
  stdin: AsyncIterable<Buffer>;
  /** Convenience: all of stdin once it has ended. */
  readStdin(): Promise<Buffer>;
  /** Aborted by Signal terminate, Delete shell or server close. */
  signal: AbortSignal;
  /** The shell's WINRS_CODEPAGE (65001 for our client, 437 by default for pywinrm). */
  codePage: number;
  /** The authenticated user name. */
  user: string;
  /** Streams output before the command ends (optional; returned buffers are appended after). */
  write(stream: "stdout" | "stderr", data: Buffer): void;
}

export interface CommandResult {
  exitCode: number;
  stdout?: Buffer;
  stderr?: Buffer;
}

export type CommandHandler = (cmd: CommandInvocation) => Promise<CommandResult>;
