// The lab's WS-Management endpoint (/wsman) over HTTP or HTTPS: Basic and NTLMv2 (with per-TCP-connection
// contexts and multipart/encrypted message encryption), the Windows Remote Shell operations Create,
// Command, Receive, Send, Signal and Delete, a pluggable CommandHandler, per-operation statistics and
// injectable latency. Behaviour follows reference/winrm-wire.md and ntlm-and-winrm-encryption.md; it is
// checked against our client and against Debian's pywinrm.
import { X509Certificate, randomUUID, timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tlsServerEndPointBindingHash } from "../../provider/remote/winrm/channel-binding";
import { ENCRYPTED_CONTENT_TYPE, isEncryptedContentType, unwrapEncrypted, wrapEncrypted } from "../../provider/remote/winrm/encryption";
import { POWERSHELL_ARGS, decodePowerShell, parseWindowsCommandLine, recogniseScript } from "../../provider/remote/winrm/launcher";
import { NtlmSession } from "../../provider/remote/winrm/ntlm";
import { ACTION, NS, STATE_DONE, STATE_RUNNING, XmlDocument, XmlElement, all, first, parseXml, text, xmlEscape } from "../../provider/remote/winrm/soap";
import { generateSelfSignedCertificate, SelfSignedCertificate } from "./cert";
import type { CommandHandler, CommandInvocation, InvocationKind } from "./handler";
import { NtlmAccount, PendingChallenge, acceptAuthenticate, createChallenge } from "./ntlm-acceptor";

export interface WinRmServerOptions {
  /** Serve HTTPS with a self-signed certificate generated at start (or `certificate`). */
  https?: boolean;
  certificate?: SelfSignedCertificate;
  /** Accounts accepted by Basic and NTLM ("user" or "DOMAIN\\user"). */
  users: NtlmAccount[];
  handler: CommandHandler;
  /** The simulated machine's name (WSManFault Machine, NTLM target info). Default "WINNODE". */
  hostname?: string;
  /** NetBIOS domain for NTLM target info. Default "LAB". */
  domain?: string;
  /** Enable Basic (default true). Like Windows, Basic needs HTTPS unless allowUnencrypted. */
  basic?: boolean;
  /** Enable Negotiate/NTLM (default true). */
  ntlm?: boolean;
  /** Accept unencrypted SOAP over HTTP (Windows' AllowUnencrypted). Default false. */
  allowUnencrypted?: boolean;
  /** Injected latency before each SOAP operation is processed, ms. */
  latencyMs?: number | ((operation: string) => number);
  /** Max raw output bytes returned by one Receive. Default 65536. */
  receiveChunkBytes?: number;
  /** Upper bound for a Receive long-poll, ms, whatever OperationTimeout says. Default 60000. */
  maxOperationTimeoutMs?: number;
  /** Idle keep-alive time of connections, ms. Default 120000. */
  keepAliveTimeoutMs?: number;
  /** NTLM over HTTPS: "relaxed" (default) checks a channel binding when sent, "strict" requires one. */
  cbtHardeningLevel?: "relaxed" | "strict";
  /** Optional log (never sees passwords or keys). */
  log?: (line: string) => void;
}

export interface WinRmServerStats {
  /** HTTP requests received, including authentication legs. */
  httpRequests: number;
  /** SOAP operations processed, by name (Create, Command, Receive, Send, Signal, Delete, Other). */
  operations: Record<string, number>;
  /** 401 answers (challenges and refusals). */
  unauthorized: number;
  /** Failed authentications (wrong password, unknown user, bad MIC). */
  authFailures: number;
  /** Successful NTLM handshakes (one per TCP connection). */
  ntlmHandshakes: number;
  /** Requests that carried an encrypted body. */
  encryptedRequests: number;
  connections: number;
}

interface ConnState {
  pending?: PendingChallenge;
  session?: NtlmSession;
  user?: string;
}

interface CommandState {
  id: string;
  stdout: Buffer[];
  stderr: Buffer[];
  done: boolean;
  exitCode: number;
  abort: AbortController;
  stdinQueue: Buffer[];
  stdinEnded: boolean;
  stdinWaiters: Array<() => void>;
  outputWaiters: Array<() => void>;
}

interface ShellState {
  id: string;
  codePage: number;
  user: string;
  commands: Map<string, CommandState>;
}

class Fault extends Error {
  constructor(
    readonly subcode: string,
    readonly wsmanCode: string,
    message: string,
    readonly code = "s:Receiver",
  ) {
    super(message);
  }
}

const TIMED_OUT_MSG = "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.";

function emptyStats(): WinRmServerStats {
  return { httpRequests: 0, operations: {}, unauthorized: 0, authFailures: 0, ntlmHandshakes: 0, encryptedRequests: 0, connections: 0 };
}

function parseDuration(s: string | undefined): number | undefined {
  const m = s ? /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(s.trim()) : null;
  if (!m) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class WinRmServer {
  readonly stats: WinRmServerStats = emptyStats();
  certificate?: SelfSignedCertificate;
  private server?: http.Server;
  private readonly conns = new WeakMap<Socket, ConnState>();
  private readonly sockets = new Set<Socket>();
  private readonly shells = new Map<string, ShellState>();
  private port = 0;
  private channelBinding?: { expected: Buffer; required: boolean };

  constructor(private readonly opts: WinRmServerOptions) {}

  get hostname(): string {
    return this.opts.hostname ?? "WINNODE";
  }

  get url(): string {
    return `${this.opts.https ? "https" : "http"}://127.0.0.1:${this.port}/wsman`;
  }

  get listeningPort(): number {
    return this.port;
  }

  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  /** Listens on 127.0.0.1 (port 0 = ephemeral). */
  async start(port = 0): Promise<this> {
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.onRequest(req, res).catch((e) => {
        this.opts.log?.(`internal error: ${(e as Error).message}`);
        if (!res.headersSent) {
          res.writeHead(500, { "Content-Type": "text/plain" });
          res.end("internal error");
        }
      });
    };
    if (this.opts.https) {
      this.certificate = this.opts.certificate ?? generateSelfSignedCertificate({ commonName: this.hostname });
      this.server = https.createServer({ cert: this.certificate.certPem, key: this.certificate.keyPem }, onRequest);
      this.channelBinding = {
        expected: tlsServerEndPointBindingHash(new X509Certificate(this.certificate.certPem).raw),
        required: this.opts.cbtHardeningLevel === "strict",
      };
    } else {
      this.server = http.createServer(onRequest);
    }
    const srv = this.server;
    srv.keepAliveTimeout = this.opts.keepAliveTimeoutMs ?? 120000;
    srv.headersTimeout = srv.keepAliveTimeout + 1000;
    srv.requestTimeout = 0;
    srv.on(this.opts.https ? "secureConnection" : "connection", (s: Socket) => {
      this.stats.connections++;
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (srv.address() as AddressInfo).port;
    return this;
  }

  /** Closes the listener, every connection, and aborts running commands. */
  async close(): Promise<void> {
    for (const sh of this.shells.values()) for (const c of sh.commands.values()) c.abort.abort();
    this.shells.clear();
    const srv = this.server;
    this.server = undefined;
    if (!srv) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  }

  /** Forgets every shell (as if they idled out); running commands are aborted. For tests. */
  dropShells(): void {
    for (const sh of this.shells.values()) for (const c of sh.commands.values()) c.abort.abort();
    this.shells.clear();
  }

  /** Number of live shells. */
  get shellCount(): number {
    return this.shells.size;
  }

  /** Drops every open TCP connection (clients must re-authenticate NTLM). For tests. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  // -------------------------------------------------------------------------------------------
  // HTTP + authentication

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.stats.httpRequests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.method !== "POST" || (req.url ?? "").split("?")[0].toLowerCase() !== "/wsman") {
      res.writeHead(404, { "Content-Type": "text/plain", "Content-Length": "0" });
      return void res.end();
    }
    const sock = req.socket;
    let conn = this.conns.get(sock);
    if (!conn) {
      conn = {};
      this.conns.set(sock, conn);
    }
    const basicOn = this.opts.basic ?? true;
    const ntlmOn = this.opts.ntlm ?? true;
    const basicAllowed = basicOn && (!!this.opts.https || !!this.opts.allowUnencrypted);
    const challenge401 = (extra?: string) => {
      this.stats.unauthorized++;
      const www: string[] = [];
      if (extra) www.push(extra);
      else {
        if (ntlmOn) www.push("Negotiate");
        if (basicAllowed) www.push('Basic realm="WSMAN"');
      }
      res.writeHead(401, { "WWW-Authenticate": www, "Content-Length": "0", "Content-Type": "application/soap+xml;charset=UTF-8" });
      res.end();
    };
    const authz = req.headers.authorization;
    let user: string | undefined;
    let plain: Buffer = body;
    let encrypted = false;

    if (authz && /^Basic\s/i.test(authz)) {
      if (!basicAllowed) return challenge401();
      const decoded = Buffer.from(authz.slice(6).trim(), "base64").toString("utf8");
      const i = decoded.indexOf(":");
      const name = i >= 0 ? decoded.slice(0, i) : decoded;
      const pass = i >= 0 ? decoded.slice(i + 1) : "";
      const acct = this.opts.users.find((u) => u.username.toLowerCase() === name.toLowerCase());
      const want = Buffer.from(acct?.password ?? "", "utf8");
      const got = Buffer.from(pass, "utf8");
      const ok = !!acct && want.length === got.length && timingSafeEqual(want, got);
      if (!ok) {
        this.stats.authFailures++;
        this.opts.log?.(`basic: refused user ${JSON.stringify(name)}`);
        return challenge401();
      }
      user = acct.username;
    } else if (authz && /^(Negotiate|NTLM)\s/i.test(authz)) {
      if (!ntlmOn) return challenge401();
      const scheme = /^NTLM/i.test(authz) ? "NTLM" : "Negotiate";
      const token = Buffer.from(authz.replace(/^\S+\s+/, "").trim(), "base64");
      if (token.length < 12 || token.subarray(0, 8).toString("latin1") !== "NTLMSSP\0") {
        this.stats.authFailures++;
        return challenge401(); // SPNEGO-wrapped tokens (Kerberos/negotiate) are not supported by the lab
      }
      const type = token.readUInt32LE(8);
      if (type === 1) {
        conn.session = undefined;
        conn.user = undefined;
        conn.pending = createChallenge(token, { computerName: this.hostname.toUpperCase().slice(0, 15), domainName: this.opts.domain ?? "LAB" });
        return challenge401(`${scheme} ${conn.pending.challenge.toString("base64")}`);
      }
      if (type === 3 && conn.pending) {
        const r = acceptAuthenticate(conn.pending, token, this.opts.users, this.channelBinding);
        conn.pending = undefined;
        if (!r.ok) {
          this.stats.authFailures++;
          this.opts.log?.(`ntlm: refused (${r.reason})`);
          return challenge401();
        }
        this.stats.ntlmHandshakes++;
        conn.session = r.session;
        conn.user = r.domain ? `${r.domain}\\${r.user}` : r.user;
        user = conn.user;
        if (body.length === 0) {
          res.writeHead(200, { "Content-Length": "0", "Content-Type": "application/soap+xml;charset=UTF-8" });
          return void res.end();
        }
      } else {
        this.stats.authFailures++;
        return challenge401();
      }
    } else if (conn.session && conn.user) {
      user = conn.user;
    } else {
      return challenge401();
    }

    if (isEncryptedContentType(req.headers["content-type"])) {
      if (!conn.session) return challenge401();
      try {
        plain = unwrapEncrypted(conn.session, body);
      } catch (e) {
        this.opts.log?.(`decrypt failed: ${(e as Error).message}`);
        conn.session = undefined;
        conn.user = undefined;
        return challenge401();
      }
      encrypted = true;
      this.stats.encryptedRequests++;
    } else if (!this.opts.https && !this.opts.allowUnencrypted && body.length > 0) {
      res.writeHead(400, { "Content-Type": "text/plain", "Content-Length": "0" });
      return void res.end();
    }
    if (plain.length === 0) {
      res.writeHead(200, { "Content-Length": "0", "Content-Type": "application/soap+xml;charset=UTF-8" });
      return void res.end();
    }

    const { status, xml } = await this.dispatch(plain, user as string);
    let out: Buffer = Buffer.from(xml, "utf8");
    let contentType = "application/soap+xml;charset=UTF-8";
    if (encrypted && conn.session) {
      out = wrapEncrypted(conn.session, out);
      contentType = ENCRYPTED_CONTENT_TYPE;
    }
    res.writeHead(status, { "Content-Type": contentType, "Content-Length": String(out.length) });
    res.end(out);
  }

  // -------------------------------------------------------------------------------------------
  // SOAP

  private envelope(action: string, relatesTo: string | undefined, body: string): string {
    return (
      `<?xml version="1.0" encoding="utf-8"?>` +
      `<s:Envelope xml:lang="en-US" xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:x="${NS.x}" xmlns:w="${NS.w}" xmlns:rsp="${NS.rsp}" xmlns:p="${NS.p}">` +
      `<s:Header><a:Action>${action}</a:Action><a:MessageID>uuid:${randomUUID().toUpperCase()}</a:MessageID>` +
      `<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>` +
      (relatesTo ? `<a:RelatesTo>${xmlEscape(relatesTo)}</a:RelatesTo>` : "") +
      `</s:Header><s:Body>${body}</s:Body></s:Envelope>`
    );
  }

  private faultXml(f: Fault, relatesTo: string | undefined): string {
    return this.envelope(
      "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault",
      relatesTo,
      `<s:Fault><s:Code><s:Value>${f.code}</s:Value><s:Subcode><s:Value>${f.subcode}</s:Value></s:Subcode></s:Code>` +
        `<s:Reason><s:Text xml:lang="en-US">${xmlEscape(f.message)}</s:Text></s:Reason>` +
        `<s:Detail><f:WSManFault xmlns:f="${NS.f}" Code="${f.wsmanCode}" Machine="${xmlEscape(this.hostname)}"><f:Message>${xmlEscape(f.message)}</f:Message></f:WSManFault></s:Detail></s:Fault>`,
    );
  }

  private async dispatch(plain: Buffer, user: string): Promise<{ status: number; xml: string }> {
    let doc: XmlDocument;
    try {
      doc = parseXml(plain);
    } catch (e) {
      return { status: 400, xml: this.faultXml(new Fault("w:SchemaValidationError", "2150858817", (e as Error).message, "s:Sender"), undefined) };
    }
    const header = first(doc, NS.s, "Header");
    const action = text(header ? first(header, NS.a, "Action") : undefined) ?? "";
    const messageId = text(header ? first(header, NS.a, "MessageID") : undefined);
    const op = (Object.keys(ACTION) as Array<keyof typeof ACTION>).find((k) => ACTION[k] === action) ?? "Other";
    this.stats.operations[op] = (this.stats.operations[op] ?? 0) + 1;
    const lat = typeof this.opts.latencyMs === "function" ? this.opts.latencyMs(op) : this.opts.latencyMs;
    if (lat && lat > 0) await sleep(lat);
    const shellId = header ? text(all(header, NS.w, "Selector").find((e) => e.getAttribute("Name") === "ShellId")) : undefined;
    const options: Record<string, string> = {};
    if (header) for (const o of all(header, NS.w, "Option")) options[o.getAttribute("Name") ?? ""] = text(o) ?? "";
    const opTimeout = Math.min(parseDuration(text(header ? first(header, NS.w, "OperationTimeout") : undefined)) ?? 60000, this.opts.maxOperationTimeoutMs ?? 60000);
    const body = first(doc, NS.s, "Body") as XmlElement;
    try {
      switch (op) {
        case "Create":
          return { status: 200, xml: this.create(options, user, messageId) };
        case "Command":
          return { status: 200, xml: this.command(this.shell(shellId), body, messageId) };
        case "Receive":
          return { status: 200, xml: await this.receive(this.shell(shellId), body, opTimeout, messageId) };
        case "Send":
          return { status: 200, xml: this.send(this.shell(shellId), body, messageId) };
        case "Signal":
          return { status: 200, xml: this.signal(this.shell(shellId), body, messageId) };
        case "Delete":
          return { status: 200, xml: this.deleteShell(this.shell(shellId), messageId) };
        default:
          throw new Fault("w:ActionNotSupported", "2150858754", `The action is not supported by the service: ${action}`, "s:Sender");
      }
    } catch (e) {
      if (e instanceof Fault) return { status: 500, xml: this.faultXml(e, messageId) };
      throw e;
    }
  }

  private shell(id: string | undefined): ShellState {
    const sh = id ? this.shells.get(id) : undefined;
    if (!sh) throw new Fault("w:InvalidSelectors", "2150858843", "The request for the Windows Remote Shell with ShellId " + (id ?? "(none)") + " failed because the shell was not found on the server.", "s:Sender");
    return sh;
  }

  private create(options: Record<string, string>, user: string, messageId?: string): string {
    const id = randomUUID().toUpperCase();
    const codePage = Number(options.WINRS_CODEPAGE ?? 437) || 437;
    this.shells.set(id, { id, codePage, user, commands: new Map() });
    return this.envelope(
      "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse",
      messageId,
      `<x:ResourceCreated><a:Address>${xmlEscape(this.url)}</a:Address><a:ReferenceParameters>` +
        `<w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</w:ResourceURI>` +
        `<w:SelectorSet><w:Selector Name="ShellId">${id}</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>` +
        `<rsp:Shell><rsp:ShellId>${id}</rsp:ShellId><rsp:ResourceUri>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</rsp:ResourceUri>` +
        `<rsp:Owner>${xmlEscape(user)}</rsp:Owner><rsp:ClientIP>127.0.0.1</rsp:ClientIP><rsp:IdleTimeOut>PT7200.000S</rsp:IdleTimeOut>` +
        `<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>`,
    );
  }

  /** Turns Command/Arguments into what the handler sees (our launcher → literal argv). */
  static classify(command: string, args: string[]): { kind: InvocationKind; program: string; args: string[]; script?: string; path?: string } {
    // Command may hold a whole command line (pywinrm: "powershell -encodedcommand …") or just the program.
    const parsed = parseWindowsCommandLine([command, ...args].join(" "));
    const prog = parsed[0] ?? "";
    const rest = parsed.slice(1);
    if (/^powershell(\.exe)?$/i.test(prog)) {
      const encAt = rest.findIndex((a) => /^-e(nc(odedcommand)?)?$/i.test(a));
      if (encAt >= 0 && encAt + 1 < rest.length) {
        const script = decodePowerShell(rest[encAt + 1]);
        const exact = rest.length === POWERSHELL_ARGS.length + 1 && POWERSHELL_ARGS.every((a, i) => a.toLowerCase() === rest[i].toLowerCase());
        const rec = exact ? recogniseScript(script) : undefined;
        if (rec?.kind === "argv") return { kind: "argv", program: rec.argv[0], args: rec.argv.slice(1) };
        if (rec) return { kind: rec.kind, program: "powershell.exe", args: [], path: rec.path };
        return { kind: "powershell", program: "powershell.exe", args: [], script };
      }
    }
    return { kind: "cmd", program: prog, args: rest };
  }

  private command(sh: ShellState, body: XmlElement, messageId?: string): string {
    const command = text(first(body, NS.rsp, "Command")) ?? "";
    const args = all(body, NS.rsp, "Arguments").map((a) => a.textContent ?? "");
    const c = WinRmServer.classify(command, args);
    const id = randomUUID().toUpperCase();
    const st: CommandState = {
      id, stdout: [], stderr: [], done: false, exitCode: 0, abort: new AbortController(),
      stdinQueue: [], stdinEnded: false, stdinWaiters: [], outputWaiters: [],
    };
    sh.commands.set(id, st);
    const wake = (list: Array<() => void>) => list.splice(0).forEach((f) => f());
    st.abort.signal.addEventListener("abort", () => {
      st.stdinEnded = true;
      wake(st.stdinWaiters);
    });
    const stdin: AsyncIterable<Buffer> = {
      [Symbol.asyncIterator]: async function* () {
        for (;;) {
          if (st.stdinQueue.length) {
            yield st.stdinQueue.shift() as Buffer;
            continue;
          }
          if (st.stdinEnded) return;
          await new Promise<void>((r) => st.stdinWaiters.push(r));
        }
      },
    };
    const inv: CommandInvocation = {
      shellId: sh.id,
      commandId: id,
      kind: c.kind,
      program: c.program,
      args: c.args,
      commandLine: [command, ...args].join(" "),
      script: c.script,
      path: c.path,
      stdin,
      readStdin: async () => {
        const parts: Buffer[] = [];
        for await (const b of stdin) parts.push(b);
        return Buffer.concat(parts);
      },
      signal: st.abort.signal,
      codePage: sh.codePage,
      user: sh.user,
      write: (stream, data) => {
        if (st.done) return;
        (stream === "stderr" ? st.stderr : st.stdout).push(Buffer.from(data));
        wake(st.outputWaiters);
      },
    };
    Promise.resolve()
      .then(() => this.opts.handler(inv))
      .then(
        (r) => {
          if (r.stdout?.length) st.stdout.push(r.stdout);
          if (r.stderr?.length) st.stderr.push(r.stderr);
          st.exitCode = r.exitCode;
        },
        (e: Error) => {
          st.stderr.push(Buffer.from(`${e?.message ?? String(e)}\r\n`));
          st.exitCode = st.abort.signal.aborted ? 1067 : 1;
        },
      )
      .finally(() => {
        st.done = true;
        wake(st.outputWaiters);
      });
    return this.envelope(
      "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse",
      messageId,
      `<rsp:CommandResponse><rsp:CommandId>${id}</rsp:CommandId></rsp:CommandResponse>`,
    );
  }

  private findCommand(sh: ShellState, id: string | null | undefined): CommandState {
    const st = id ? sh.commands.get(id) : undefined;
    if (!st) throw new Fault("w:InvalidSelectors", "2150858843", `The command ${id ?? "(none)"} was not found in shell ${sh.id}.`, "s:Sender");
    return st;
  }

  private async receive(sh: ShellState, body: XmlElement, opTimeoutMs: number, messageId?: string): Promise<string> {
    const ds = first(body, NS.rsp, "DesiredStream");
    const st = this.findCommand(sh, ds?.getAttribute("CommandId"));
    const hasOutput = () => st.stdout.length > 0 || st.stderr.length > 0;
    if (!hasOutput() && !st.done) {
      const timedOut = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => {
          const i = st.outputWaiters.indexOf(wake);
          if (i >= 0) st.outputWaiters.splice(i, 1);
          resolve(true);
        }, opTimeoutMs);
        t.unref();
        const wake = () => {
          clearTimeout(t);
          resolve(false);
        };
        st.outputWaiters.push(wake);
      });
      if (timedOut && !hasOutput() && !st.done) throw new Fault("w:TimedOut", "2150858793", TIMED_OUT_MSG);
    }
    const limit = this.opts.receiveChunkBytes ?? 65536;
    const streams: string[] = [];
    let budget = limit;
    const take = (name: "stdout" | "stderr", q: Buffer[]) => {
      const parts: Buffer[] = [];
      while (q.length && budget > 0) {
        const b = q[0];
        if (b.length <= budget) {
          parts.push(b);
          budget -= b.length;
          q.shift();
        } else {
          parts.push(b.subarray(0, budget));
          q[0] = b.subarray(budget);
          budget = 0;
        }
      }
      if (parts.length) streams.push(`<rsp:Stream Name="${name}" CommandId="${st.id}">${Buffer.concat(parts).toString("base64")}</rsp:Stream>`);
    };
    take("stdout", st.stdout);
    take("stderr", st.stderr);
    const finished = st.done && !hasOutput();
    let state = `<rsp:CommandState CommandId="${st.id}" State="${STATE_RUNNING}"/>`;
    if (finished) {
      sh.commands.delete(st.id); // delivered: forget it (pywinrm's cleanup Signal is answered anyway)
      streams.push(`<rsp:Stream Name="stdout" CommandId="${st.id}" End="true"></rsp:Stream>`, `<rsp:Stream Name="stderr" CommandId="${st.id}" End="true"></rsp:Stream>`);
      state = `<rsp:CommandState CommandId="${st.id}" State="${STATE_DONE}"><rsp:ExitCode>${st.exitCode}</rsp:ExitCode></rsp:CommandState>`;
    }
    return this.envelope(
      "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse",
      messageId,
      `<rsp:ReceiveResponse>${streams.join("")}${state}</rsp:ReceiveResponse>`,
    );
  }

  private send(sh: ShellState, body: XmlElement, messageId?: string): string {
    for (const s of all(body, NS.rsp, "Stream")) {
      const st = this.findCommand(sh, s.getAttribute("CommandId"));
      const data = Buffer.from((s.textContent ?? "").replace(/\s+/g, ""), "base64");
      if (data.length && !st.stdinEnded) st.stdinQueue.push(data);
      if (s.getAttribute("End") === "true") st.stdinEnded = true;
      st.stdinWaiters.splice(0).forEach((f) => f());
    }
    return this.envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SendResponse", messageId, `<rsp:SendResponse/>`);
  }

  private signal(sh: ShellState, body: XmlElement, messageId?: string): string {
    const sig = first(body, NS.rsp, "Signal");
    const id = sig?.getAttribute("CommandId");
    const st = id ? sh.commands.get(id) : undefined;
    const code = text(sig ? first(sig, NS.rsp, "Code") : undefined) ?? "";
    if (st && /terminate|ctrl_c|ctrl_break/.test(code)) {
      st.abort.abort();
      if (/terminate/.test(code)) sh.commands.delete(st.id);
    }
    return this.envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse", messageId, `<rsp:SignalResponse/>`);
  }

  private deleteShell(sh: ShellState, messageId?: string): string {
    for (const c of sh.commands.values()) c.abort.abort();
    this.shells.delete(sh.id);
    return this.envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse", messageId, "");
  }
}
