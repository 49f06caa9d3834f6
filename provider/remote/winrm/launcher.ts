// Argv as data on Windows. exec(argv) never builds a cmd.exe or PowerShell command line from user
// strings: it runs a FIXED PowerShell launcher (-EncodedCommand) whose only variable part is a list of
// base64 strings (alphabet A-Z a-z 0-9 + / = and the separator ","), one per argv element (UTF-8).
// The launcher decodes them, quotes them with the MSVCRT / CommandLineToArgvW rules, starts the
// program without a shell, copies its own stdin to the child, relays the child's stdout and stderr as
// raw bytes and exits with the child's exit code. The lab's server recognises the same templates.

const ARGV_PLACEHOLDER = "__ARGV_BASE64_LIST__";
const PATH_PLACEHOLDER = "__PATH_BASE64__";

/** Arguments to powershell.exe before the encoded script. */
export const POWERSHELL_EXE = "powershell.exe";
export const POWERSHELL_ARGS = ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"] as const;

/** CreateProcess limits the whole command line to 32767 UTF-16 units; stay clear of it. */
export const MAX_ENCODED_COMMAND_CHARS = 30000;

const PRELUDE = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  "$utf8 = New-Object System.Text.UTF8Encoding($false)",
  "function Decode-B64([string]$s) { return $utf8.GetString([Convert]::FromBase64String($s)) }",
].join("\n");

export const LAUNCHER_TEMPLATE = [
  PRELUDE,
  `$list = '${ARGV_PLACEHOLDER}'`,
  "$argv = New-Object System.Collections.Generic.List[string]",
  "foreach ($item in $list.Split(',')) { $argv.Add((Decode-B64 $item)) }",
  "function Quote-Arg([string]$a) {",
  "  if ($a.Length -gt 0 -and $a -notmatch '[\\s\"]') { return $a }",
  "  $sb = New-Object System.Text.StringBuilder",
  "  [void]$sb.Append([char]34)",
  "  $bs = 0",
  "  foreach ($ch in $a.ToCharArray()) {",
  "    if ($ch -eq [char]92) { $bs++; continue }",
  "    if ($ch -eq [char]34) { [void]$sb.Append([char]92, 2 * $bs + 1); [void]$sb.Append([char]34); $bs = 0; continue }",
  "    if ($bs -gt 0) { [void]$sb.Append([char]92, $bs); $bs = 0 }",
  "    [void]$sb.Append($ch)",
  "  }",
  "  [void]$sb.Append([char]92, 2 * $bs)",
  "  [void]$sb.Append([char]34)",
  "  return $sb.ToString()",
  "}",
  "$quoted = New-Object System.Collections.Generic.List[string]",
  "for ($i = 1; $i -lt $argv.Count; $i++) { $quoted.Add((Quote-Arg $argv[$i])) }",
  "$psi = New-Object System.Diagnostics.ProcessStartInfo",
  "$psi.FileName = $argv[0]",
  "$psi.Arguments = [string]::Join(' ', $quoted)",
  "$psi.UseShellExecute = $false",
  "$psi.CreateNoWindow = $true",
  "$psi.RedirectStandardInput = $true",
  "$psi.RedirectStandardOutput = $true",
  "$psi.RedirectStandardError = $true",
  "try { $p = [System.Diagnostics.Process]::Start($psi) } catch {",
  "  [Console]::Error.WriteLine('launcher: cannot start ' + $argv[0] + ': ' + $_.Exception.Message)",
  "  exit 9009",
  "}",
  "$out = [Console]::OpenStandardOutput()",
  "$err = [Console]::OpenStandardError()",
  "$t1 = $p.StandardOutput.BaseStream.CopyToAsync($out)",
  "$t2 = $p.StandardError.BaseStream.CopyToAsync($err)",
  "try { [Console]::OpenStandardInput().CopyTo($p.StandardInput.BaseStream) } catch { }",
  "try { $p.StandardInput.Close() } catch { }",
  "$p.WaitForExit()",
  "[void]$t1.Wait()",
  "[void]$t2.Wait()",
  "$out.Flush()",
  "$err.Flush()",
  "exit $p.ExitCode",
].join("\n");

export const PUT_FILE_TEMPLATE = [
  PRELUDE,
  `$path = Decode-B64 '${PATH_PLACEHOLDER}'`,
  "$dir = [System.IO.Path]::GetDirectoryName($path)",
  "if ($dir -and -not [System.IO.Directory]::Exists($dir)) { [void][System.IO.Directory]::CreateDirectory($dir) }",
  "$tmp = $path + '.' + [Guid]::NewGuid().ToString('N') + '.tmp'",
  "$f = [System.IO.File]::Create($tmp)",
  "try { [Console]::OpenStandardInput().CopyTo($f) } finally { $f.Close() }",
  "if ([System.IO.File]::Exists($path)) { [System.IO.File]::Replace($tmp, $path, $null) } else { [System.IO.File]::Move($tmp, $path) }",
].join("\n");

export const GET_FILE_TEMPLATE = [
  PRELUDE,
  `$path = Decode-B64 '${PATH_PLACEHOLDER}'`,
  "$bytes = [System.IO.File]::ReadAllBytes($path)",
  "$out = [Console]::OpenStandardOutput()",
  "$out.Write($bytes, 0, $bytes.Length)",
  "$out.Flush()",
].join("\n");

const b64utf8 = (s: string) => Buffer.from(s, "utf8").toString("base64");

export function encodeArgvList(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error("argv must name a program");
  for (const a of argv) if (typeof a !== "string") throw new TypeError("argv elements must be strings");
  return argv.map(b64utf8).join(",");
}

export function buildLauncherScript(argv: readonly string[]): string {
  return LAUNCHER_TEMPLATE.replace(ARGV_PLACEHOLDER, encodeArgvList(argv));
}

export function buildPutFileScript(remotePath: string): string {
  return PUT_FILE_TEMPLATE.replace(PATH_PLACEHOLDER, b64utf8(remotePath));
}

export function buildGetFileScript(remotePath: string): string {
  return GET_FILE_TEMPLATE.replace(PATH_PLACEHOLDER, b64utf8(remotePath));
}

/** -EncodedCommand value: base64 of the UTF-16LE script. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, "utf16le").toString("base64");
}

export function decodePowerShell(encoded: string): string {
  return Buffer.from(encoded, "base64").toString("utf16le");
}

/** The Command/Arguments pair that runs `script` with powershell.exe. Throws when it is too long. */
export function powerShellCommand(script: string): { command: string; args: string[] } {
  const enc = encodePowerShell(script);
  if (enc.length > MAX_ENCODED_COMMAND_CHARS) {
    throw new RangeError(`encoded PowerShell command is ${enc.length} characters (limit ${MAX_ENCODED_COMMAND_CHARS}); pass large data on stdin`);
  }
  return { command: POWERSHELL_EXE, args: [...POWERSHELL_ARGS, enc] };
}

function matchTemplate(script: string, template: string, placeholder: string): string | undefined {
  const at = template.indexOf(placeholder);
  const prefix = template.slice(0, at);
  const suffix = template.slice(at + placeholder.length);
  if (!script.startsWith(prefix) || !script.endsWith(suffix) || script.length < prefix.length + suffix.length) return undefined;
  const middle = script.slice(prefix.length, script.length - suffix.length);
  return /^[A-Za-z0-9+/=,]*$/.test(middle) ? middle : undefined;
}

export type RecognisedScript =
  | { kind: "argv"; argv: string[] }
  | { kind: "putFile"; path: string }
  | { kind: "getFile"; path: string };

/** Recognises one of our fixed templates and extracts its data (for the lab's server). */
export function recogniseScript(script: string): RecognisedScript | undefined {
  const list = matchTemplate(script, LAUNCHER_TEMPLATE, ARGV_PLACEHOLDER);
  if (list !== undefined) {
    return { kind: "argv", argv: list.split(",").map((b) => Buffer.from(b, "base64").toString("utf8")) };
  }
  const put = matchTemplate(script, PUT_FILE_TEMPLATE, PATH_PLACEHOLDER);
  if (put !== undefined) return { kind: "putFile", path: Buffer.from(put, "base64").toString("utf8") };
  const get = matchTemplate(script, GET_FILE_TEMPLATE, PATH_PLACEHOLDER);
  if (get !== undefined) return { kind: "getFile", path: Buffer.from(get, "base64").toString("utf8") };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Windows command-line quoting (the same rules as the launcher's Quote-Arg), and the inverse.

/** Quotes one argument so that CommandLineToArgvW / the MSVCRT parser returns it unchanged. */
export function quoteWindowsArg(a: string): string {
  if (a.length > 0 && !/[\s"]/.test(a)) return a;
  let out = '"';
  let bs = 0;
  for (const ch of a) {
    if (ch === "\\") {
      bs++;
      continue;
    }
    if (ch === '"') {
      out += "\\".repeat(2 * bs + 1) + '"';
      bs = 0;
      continue;
    }
    out += "\\".repeat(bs) + ch;
    bs = 0;
  }
  return out + "\\".repeat(2 * bs) + '"';
}

/** Splits a command line like CommandLineToArgvW for arguments after the program (MSVCRT 2008+ rules). */
export function parseWindowsCommandLine(cmd: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = cmd.length;
  // argv[0]: quotes delimit, backslashes are literal.
  while (i < n && (cmd[i] === " " || cmd[i] === "\t")) i++;
  if (i >= n) return out;
  let prog = "";
  if (cmd[i] === '"') {
    i++;
    while (i < n && cmd[i] !== '"') prog += cmd[i++];
    if (i < n) i++;
  } else {
    while (i < n && cmd[i] !== " " && cmd[i] !== "\t") prog += cmd[i++];
  }
  out.push(prog);
  for (;;) {
    while (i < n && (cmd[i] === " " || cmd[i] === "\t")) i++;
    if (i >= n) break;
    let arg = "";
    let inQuotes = false;
    while (i < n) {
      const c = cmd[i];
      if (!inQuotes && (c === " " || c === "\t")) break;
      if (c === "\\") {
        let bs = 0;
        while (i < n && cmd[i] === "\\") {
          bs++;
          i++;
        }
        if (i < n && cmd[i] === '"') {
          arg += "\\".repeat(Math.floor(bs / 2));
          if (bs % 2 === 1) {
            arg += '"';
            i++;
          }
        } else {
          arg += "\\".repeat(bs);
        }
        continue;
      }
      if (c === '"') {
        if (inQuotes && cmd[i + 1] === '"') {
          arg += '"';
          i += 2;
          continue;
        }
        inQuotes = !inQuotes;
        i++;
        continue;
      }
      arg += c;
      i++;
    }
    out.push(arg);
  }
  return out;
}
