// A tiny CommandHandler for tests and demos of the WinRM endpoint (the lab plugs in its simulated
// Windows node instead). Programs (case-insensitive, ".exe" optional):
//   hostname                 → the configured host name + CRLF
//   echo-args ARG...         → JSON.stringify(args) on stdout (proves argv arrives as data)
//   sleep MS                 → waits MS milliseconds, respects Signal terminate
//   bytes N                  → N bytes of a deterministic pattern (see demoBytes)
//   jp utf8|cp932            → "ローカル エリア接続" + CRLF in that encoding
//   exit CODE [MESSAGE...]   → MESSAGE on stderr, exit CODE
//   ticks N MS               → "tick 1".."tick N" lines streamed MS apart (uses write())
//   cat                      → stdin to stdout
//   cmd /c PROGRAM ARGS...   → runs PROGRAM (what pywinrm's run_cmd sends for cmd built-ins)
// PowerShell scripts: only `Write-Output '<text>'` is simulated; plus our putFile/getFile templates against an in-memory file map. Anything else: exit 9009 with
// cmd.exe's "is not recognized" message.
import * as iconv from "iconv-lite";
import type { CommandHandler, CommandInvocation, CommandResult } from "./handler";

export const JAPANESE_SAMPLE = "ローカル エリア接続";

/** The `bytes N` output: byte i is (i * 7 + 3) mod 251, so a shifted or truncated chunk is detected. */
export function demoBytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + 3) % 251;
  return b;
}

export interface DemoHandlerOptions {
  hostname: string;
  files?: Map<string, Buffer>;
  /** Every invocation is appended here (for assertions). */
  invocations?: CommandInvocation[];
}

export function createDemoHandler(o: DemoHandlerOptions): CommandHandler {
  const files = o.files ?? new Map<string, Buffer>();
  const ok = (stdout: string | Buffer = "", exitCode = 0, stderr: string | Buffer = ""): CommandResult => ({
    exitCode,
    stdout: Buffer.isBuffer(stdout) ? stdout : Buffer.from(stdout, "utf8"),
    stderr: Buffer.isBuffer(stderr) ? stderr : Buffer.from(stderr, "utf8"),
  });

  const run = async (program: string, args: string[], cmd: CommandInvocation): Promise<CommandResult> => {
    const name = program.toLowerCase().replace(/\.exe$/, "");
    switch (name) {
      case "hostname":
        return ok(`${o.hostname}\r\n`);
      case "echo-args":
        return ok(JSON.stringify(args));
      case "sleep": {
        const ms = Number(args[0] ?? 0);
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          cmd.signal.addEventListener("abort", () => {
            clearTimeout(t);
            reject(new Error("terminated"));
          }, { once: true });
        });
        return ok();
      }
      case "bytes":
        return ok(demoBytes(Number(args[0] ?? 0)));
      case "jp":
        return ok(args[0] === "cp932" ? iconv.encode(`${JAPANESE_SAMPLE}\r\n`, "cp932") : Buffer.from(`${JAPANESE_SAMPLE}\r\n`, "utf8"));
      case "exit":
        return ok("", Number(args[0] ?? 1), args.length > 1 ? `${args.slice(1).join(" ")}\r\n` : "");
      case "ticks": {
        // ticks N MS: streams "tick i" lines through write(), MS apart (several Running Receives).
        const n = Number(args[0] ?? 3);
        const ms = Number(args[1] ?? 50);
        for (let i = 1; i <= n; i++) {
          if (i > 1) await new Promise((r) => setTimeout(r, ms));
          if (cmd.signal.aborted) throw new Error("terminated");
          cmd.write("stdout", Buffer.from(`tick ${i}\r\n`));
        }
        return ok();
      }
      case "cat":
        return ok(await cmd.readStdin());
      case "cmd":
        if (args[0]?.toLowerCase() === "/c" && args.length > 1) return run(args[1], args.slice(2), cmd);
        return ok("", 1, "demo: only cmd /c is supported\r\n");
      default:
        return ok("", 9009, `'${program}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`);
    }
  };

  return async (cmd) => {
    o.invocations?.push(cmd);
    switch (cmd.kind) {
      case "putFile":
        files.set(cmd.path as string, await cmd.readStdin());
        return ok();
      case "getFile": {
        const data = files.get(cmd.path as string);
        if (!data) return ok("", 1, `Exception calling "ReadAllBytes": Could not find file '${cmd.path}'.\r\n`);
        return ok(data);
      }
      case "powershell": {
        const m = /^\s*Write-Output '([^']*)'\s*$/.exec(cmd.script ?? "");
        if (m) return ok(`${m[1]}\r\n`);
        return ok("", 1, "demo handler: PowerShell scripts are not simulated\r\n");
      }
      default:
        return run(cmd.program, cmd.args, cmd);
    }
  };
}
