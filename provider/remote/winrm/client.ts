// WinRM (WS-Management Windows Remote Shell) client implementing RemoteHost for Windows nodes.
// One shell per host, reused; commands are serialized. exec(argv) runs the fixed PowerShell launcher
// (launcher.ts) so user strings are never interpreted by cmd.exe or PowerShell.
import * as iconv from "iconv-lite";
import { ExecOptions, ExecResult, RemoteError, RemoteHost } from "../types";
import {
  buildGetFileScript,
  buildLauncherScript,
  buildPutFileScript,
  powerShellCommand,
} from "./launcher";
import {
  SoapFault,
  SoapParseError,
  WSMAN_INVALID_SELECTORS,
  WSMAN_TIMED_OUT,
  XmlDocument,
  commandEnvelope,
  createShellEnvelope,
  deleteShellEnvelope,
  parseCommandId,
  parseFault,
  parseReceive,
  parseShellId,
  parseXml,
  receiveEnvelope,
  sendEnvelope,
  signalEnvelope,
} from "./soap";
import { TransportError, WinRmTransport, abortError, type WinRmTransportOptions } from "./transport";

/** The transport's options (name, host, port, https, path, auth, tls, encryption, requestTimeoutMs, log,
 *  allowBasicOverHttp) and the shell's. */
export interface WinRmClientOptions extends WinRmTransportOptions {
  /** WS-Man OperationTimeout for one Receive long-poll, seconds. Default 20. */
  operationTimeoutSec?: number;
  /** Shell code page. Default 65001 (UTF-8). */
  codePage?: number;
  /** Raw bytes of stdin per Send message (base64 inflates by 4/3). Default 65536. */
  stdinChunkBytes?: number;
  /** MaxEnvelopeSize announced to the server. Default 153600. */
  maxEnvelopeSize?: number;
  /** Fail (and terminate the command) when stdout+stderr exceed this many bytes. Default 512 MiB. */
  maxOutputBytes?: number;
}

export interface RunOptions extends ExecOptions {
  /** Label used in errors (default: the operation). */
  step?: string;
}

/** Thrown (as RemoteError details.fault) when the server answers with a SOAP fault. */
export interface FaultDetails {
  fault: SoapFault;
  operation: string;
  status: number;
}

class FaultError extends Error {
  constructor(
    readonly fault: SoapFault,
    readonly operation: string,
    readonly status: number,
  ) {
    super(fault.message);
  }
}

/**
 * True for `powershell[.exe] … -EncodedCommand <base64>` where every argument consists only of
 * characters no Windows command-line parser treats specially: sent as is, it arrives as is.
 */
export function isInertPowerShellArgv(argv: readonly string[]): boolean {
  return (
    argv.length >= 3 &&
    /^powershell(\.exe)?$/i.test(argv[0]) &&
    argv.slice(1).every((a) => /^[A-Za-z0-9+/=-]+$/.test(a)) &&
    argv.slice(1, -1).some((a) => /^-e(nc(odedcommand)?)?$/i.test(a))
  );
}

export function decodeOutput(buf: Buffer, encoding: "utf8" | "cp932" = "utf8"): string {
  return encoding === "cp932" ? iconv.decode(buf, "cp932") : buf.toString("utf8");
}

export class WinRmClient implements RemoteHost {
  readonly name: string;
  readonly os = "windows" as const;
  private readonly transport: WinRmTransport;
  private shellId?: string;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: WinRmClientOptions) {
    this.name = opts.name;
    try {
      this.transport = new WinRmTransport({
        name: opts.name,
        host: opts.host,
        port: opts.port,
        https: opts.https,
        path: opts.path,
        auth: opts.auth,
        tls: opts.tls,
        encryption: opts.encryption,
        requestTimeoutMs: opts.requestTimeoutMs,
        log: opts.log,
        allowBasicOverHttp: opts.allowBasicOverHttp,
      });
    } catch (e) {
      throw this.wrap(e, "winrm.config");
    }
  }

  get url(): string {
    return this.transport.url;
  }

  /** Runs argv[0] with argv[1..] as literal arguments through the fixed launcher. */
  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (!Array.isArray(argv) || argv.length === 0) {
      return Promise.reject(new RemoteError(this.name, "winrm.exec", "argv must contain at least the program"));
    }
    if (isInertPowerShellArgv(argv)) {
      // e.g. the agent's ["powershell.exe", "-NoProfile", …, "-EncodedCommand", <base64>]: every element is
      // inert (letters, digits, + / = -), so sending it directly reaches powershell.exe with exactly this
      // argv, and saves starting a second PowerShell for the launcher.
      return this.run(argv[0], argv.slice(1), { ...options, step: `exec ${argv[0]}` });
    }
    let cmd;
    try {
      cmd = powerShellCommand(buildLauncherScript(argv));
    } catch (e) {
      return Promise.reject(this.wrap(e, "winrm.exec"));
    }
    return this.run(cmd.command, cmd.args, { ...options, step: `exec ${argv[0]}` });
  }

  /** Runs a PowerShell script via -EncodedCommand; stdin (bytes) is delivered through Send. */
  runPowerShell(script: string, options: RunOptions = {}): Promise<ExecResult> {
    let cmd;
    try {
      cmd = powerShellCommand(script);
    } catch (e) {
      return Promise.reject(this.wrap(e, "winrm.powershell"));
    }
    return this.run(cmd.command, cmd.args, { ...options, step: options.step ?? "powershell" });
  }

  /**
   * Low level: runs `command` with `args` as WS-Man Command/Arguments. With skipCmdShell (default)
   * no cmd.exe is involved, but the program still parses its own command line: prefer exec().
   */
  runRaw(command: string, args: readonly string[], options: RunOptions & { skipCmdShell?: boolean } = {}): Promise<ExecResult> {
    return this.run(command, args, options);
  }

  async putFile(remotePath: string, data: Buffer): Promise<void> {
    const r = await this.runPowerShell(buildPutFileScript(remotePath), { stdin: data, step: `putFile ${remotePath}` });
    if (r.exitCode !== 0) {
      throw new RemoteError(this.name, "winrm.putFile", `writing ${remotePath} failed (exit ${r.exitCode}): ${r.stderrText.trim().slice(0, 500)}`, { exitCode: r.exitCode, path: remotePath });
    }
  }

  async getFile(remotePath: string): Promise<Buffer> {
    const r = await this.runPowerShell(buildGetFileScript(remotePath), { step: `getFile ${remotePath}` });
    if (r.exitCode !== 0) {
      throw new RemoteError(this.name, "winrm.getFile", `reading ${remotePath} failed (exit ${r.exitCode}): ${r.stderrText.trim().slice(0, 500)}`, { exitCode: r.exitCode, path: remotePath });
    }
    return r.stdout;
  }

  /** Deletes the shell (best effort) and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const shellId = this.shellId;
    this.shellId = undefined;
    try {
      await this.queue.catch(() => undefined);
      if (shellId) await this.soap("Delete", deleteShellEnvelope(this.common(), shellId), {}).catch(() => undefined);
    } finally {
      this.transport.close();
    }
  }

  // -------------------------------------------------------------------------------------------

  private run(command: string, args: readonly string[], options: RunOptions & { skipCmdShell?: boolean }): Promise<ExecResult> {
    if (this.closed) return Promise.reject(new RemoteError(this.name, "winrm.exec", "the WinRM client is closed"));
    const p = this.queue.then(() => this.runNow(command, args, options));
    this.queue = p.catch(() => undefined);
    return p;
  }

  private common(operationTimeoutSec?: number) {
    return { to: this.transport.url, operationTimeoutSec: operationTimeoutSec ?? this.opts.operationTimeoutSec ?? 20, maxEnvelopeSize: this.opts.maxEnvelopeSize };
  }

  private async ensureShell(signal?: AbortSignal): Promise<string> {
    if (this.shellId) return this.shellId;
    const doc = await this.soap("Create", createShellEnvelope(this.common(), this.opts.codePage ?? 65001), { signal });
    this.shellId = parseShellId(doc);
    return this.shellId;
  }

  private async runNow(command: string, args: readonly string[], options: RunOptions & { skipCmdShell?: boolean }): Promise<ExecResult> {
    const step = options.step ?? command;
    const signal = options.signal;
    if (signal?.aborted) throw abortError();
    const deadline = options.timeoutMs !== undefined ? Date.now() + options.timeoutMs : undefined;
    let shellId: string;
    let commandId: string;
    try {
      shellId = await this.ensureShell(signal);
      try {
        commandId = parseCommandId(await this.soap("Command", commandEnvelope(this.common(), shellId, command, args, options.skipCmdShell ?? true), { signal }));
      } catch (e) {
        // An idle shell may have expired on the server: make a new one once.
        if (!(e instanceof FaultError) || e.fault.wsmanCode !== WSMAN_INVALID_SELECTORS) throw e;
        this.shellId = undefined;
        shellId = await this.ensureShell(signal);
        commandId = parseCommandId(await this.soap("Command", commandEnvelope(this.common(), shellId, command, args, options.skipCmdShell ?? true), { signal }));
      }
    } catch (e) {
      if ((e as Error).name === "AbortError") throw e;
      throw this.wrap(e, `winrm.${step}`);
    }

    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const maxOutput = this.opts.maxOutputBytes ?? 512 * 1024 * 1024;
    let received = 0;
    const terminate = async () => {
      await this.soap("Signal", signalEnvelope(this.common(), shellId, commandId), {}).catch((e) => {
        this.opts.log?.(`signal terminate failed: ${this.transport.redact((e as Error).message)}`);
      });
    };
    const result = (exitCode: number, timedOut: boolean): ExecResult => {
      const out = Buffer.concat(stdout);
      const err = Buffer.concat(stderr);
      return { exitCode, stdout: out, stderr: err, stdoutText: decodeOutput(out, options.encoding), stderrText: decodeOutput(err, options.encoding), timedOut };
    };

    try {
      // stdin: always end the stream, so a program reading it sees EOF.
      const input = options.stdin === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.stdin) ? options.stdin : Buffer.from(options.stdin, "utf8");
      const chunk = this.opts.stdinChunkBytes ?? 65536;
      for (let off = 0; ; off += chunk) {
        const piece = input.subarray(off, off + chunk);
        const end = off + chunk >= input.length;
        if (deadline !== undefined && Date.now() >= deadline) {
          await terminate();
          return result(-1, true);
        }
        await this.soap("Send", sendEnvelope(this.common(), shellId, commandId, piece, end), { signal });
        if (end) break;
      }
      const opTimeout = this.opts.operationTimeoutSec ?? 20;
      for (;;) {
        if (signal?.aborted) throw abortError();
        let sec = opTimeout;
        if (deadline !== undefined) {
          const left = deadline - Date.now();
          if (left <= 0) {
            await terminate();
            return result(-1, true);
          }
          sec = Math.max(1, Math.min(opTimeout, Math.ceil(left / 1000)));
        }
        let doc: XmlDocument;
        try {
          doc = await this.soap("Receive", receiveEnvelope(this.common(sec), shellId, commandId), { signal, timeoutMs: sec * 1000 + (this.opts.requestTimeoutMs ?? 60000) });
        } catch (e) {
          if (e instanceof FaultError && (e.fault.wsmanCode === WSMAN_TIMED_OUT || /TimedOut$/.test(e.fault.subcode ?? ""))) continue;
          throw e;
        }
        const r = parseReceive(doc);
        for (const c of r.chunks) {
          if (c.data.length === 0) continue;
          received += c.data.length;
          if (c.stream === "stdout") stdout.push(c.data);
          else if (c.stream === "stderr") stderr.push(c.data);
        }
        if (received > maxOutput) {
          await terminate();
          throw new RemoteError(this.name, `winrm.${step}`, `output exceeded ${maxOutput} bytes; the command was terminated`, { maxOutputBytes: maxOutput });
        }
        if (r.done) return result(r.exitCode ?? 0, false);
      }
    } catch (e) {
      if ((e as Error).name === "AbortError") {
        await terminate();
        throw abortError();
      }
      throw this.wrap(e, `winrm.${step}`);
    }
  }

  /** Sends one envelope; returns the reply document or throws FaultError / TransportError. */
  private async soap(operation: string, envelope: string, o: { signal?: AbortSignal; timeoutMs?: number }): Promise<XmlDocument> {
    const r = await this.transport.post(envelope, { ...o, label: operation });
    let doc: XmlDocument | undefined;
    if (r.body.length > 0) {
      try {
        doc = parseXml(r.body);
      } catch (e) {
        if (r.status >= 200 && r.status < 300) throw e;
      }
    }
    const fault = doc ? parseFault(doc) : undefined;
    if (fault) throw new FaultError(fault, operation, r.status);
    if (r.status < 200 || r.status >= 300) {
      throw new TransportError("winrm.http", `${operation}: HTTP ${r.status}${r.body.length ? `: ${this.transport.redact(r.body.toString("utf8").slice(0, 300))}` : ""}`, { status: r.status });
    }
    if (!doc) {
      if (operation === "Delete" || operation === "Signal" || operation === "Send") return parseXml("<empty/>");
      throw new SoapParseError(`${operation}: empty reply`);
    }
    return doc;
  }

  private wrap(e: unknown, step: string): Error {
    if (e instanceof RemoteError) return e;
    if ((e as Error)?.name === "AbortError") return e as Error;
    if (e instanceof FaultError) {
      const f = e.fault;
      return new RemoteError(this.name, step, `${e.operation} failed: ${f.message}${f.subcode ? ` [${f.subcode}${f.wsmanCode ? ` ${f.wsmanCode}` : ""}]` : ""}`, {
        operation: e.operation,
        status: e.status,
        faultCode: f.code,
        faultSubcode: f.subcode,
        wsmanCode: f.wsmanCode,
        wsmanMessage: f.message,
        machine: f.machine,
      });
    }
    if (e instanceof TransportError) return new RemoteError(this.name, e.step === "winrm.http" ? step : e.step, this.transport?.redact(e.message) ?? e.message, e.details);
    const msg = e instanceof Error ? e.message : String(e);
    return new RemoteError(this.name, step, this.transport ? this.transport.redact(msg) : msg);
  }
}
