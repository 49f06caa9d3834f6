// Turning an argv (data) into the single command string an SSH "exec" request carries.
//
// POSIX host: every element is single-quoted ('a'\''b'), which the remote account's POSIX login shell
// (sh, dash, bash, ksh, zsh) reads back as exactly that element: inside single quotes nothing is special.
// Windows OpenSSH host: the string is `powershell.exe … -EncodedCommand <base64 UTF-16LE>` of a FIXED launcher;
// the argv travels inside it as base64 data, so neither cmd.exe nor PowerShell ever parses a user value.
import { isInertPowerShellArgv } from "../winrm/client";
import { buildLauncherScript, powerShellCommand } from "../winrm/launcher";

export class CommandLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandLineError";
  }
}

function checkArgv(argv: readonly string[]): void {
  if (argv.length === 0) throw new CommandLineError("argv is empty");
  argv.forEach((a, i) => {
    if (typeof a !== "string") throw new CommandLineError(`argv[${i}] is not a string`);
    if (a.includes("\0")) throw new CommandLineError(`argv[${i}] contains a NUL character, which no command line can carry`);
  });
}

/** Quotes one argument for a POSIX shell: `'` + text with every `'` written as `'\''` + `'`. */
export function posixQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The exec string for a POSIX host: each argv element single-quoted, joined by spaces. */
export function posixCommandLine(argv: readonly string[]): string {
  checkArgv(argv);
  return argv.map(posixQuote).join(" ");
}

/**
 * Windows exec reuses the WinRM transport's fixed launcher (`../winrm/launcher.ts`): the same PowerShell script,
 * whose only variable part is a list of base64 argv elements, quotes them with the CommandLineToArgvW rules,
 * starts the program without a shell and relays stdin/stdout/stderr as raw bytes. One launcher for both
 * transports means one script to verify on Windows, and the lab recognises it (`recogniseScript`).
 * A `powershell.exe … -EncodedCommand <b64>` argv of inert tokens (the agent's invocation) is sent as it is
 * (`isInertPowerShellArgv`), which avoids starting PowerShell twice.
 */
export { isInertPowerShellArgv } from "../winrm/client";

/** Windows' CreateProcess command lines are limited to 32,767 characters. */
export const WINDOWS_COMMAND_LINE_LIMIT = 32767;

/** The exec string for a Windows OpenSSH host (default shell cmd.exe or PowerShell: both read it the same way). */
export function windowsCommandLine(argv: readonly string[]): string {
  checkArgv(argv);
  let line: string;
  if (isInertPowerShellArgv(argv)) {
    line = argv.join(" ");
  } else {
    let ps: { command: string; args: string[] };
    try {
      ps = powerShellCommand(buildLauncherScript(argv));
    } catch (e) {
      throw new CommandLineError(`${(e as Error).message}`);
    }
    line = [ps.command, ...ps.args].join(" ");
  }
  if (line.length > WINDOWS_COMMAND_LINE_LIMIT) {
    throw new CommandLineError(
      `the command line would be ${line.length} characters, over Windows' limit of ${WINDOWS_COMMAND_LINE_LIMIT}; send large data on stdin`,
    );
  }
  return line;
}
