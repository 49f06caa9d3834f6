// HTTP(S) transport for WS-Management: Basic over HTTPS, NTLMv2 over HTTP or HTTPS with message
// encryption (multipart/encrypted) on a single keep-alive TCP connection per client. NTLM
// authenticates the connection, so every request checks that it runs on the authenticated socket
// and re-authenticates (new keys, sequence numbers from 0) when the connection was dropped.
// Secrets never reach the log or error messages: see redact().
import * as http from "node:http";
import * as https from "node:https";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { ENCRYPTED_CONTENT_TYPE, encryptedBodyLength, isEncryptedContentType, unwrapEncrypted, wrapEncrypted } from "./encryption";
import { tlsServerEndPointBindingHash } from "./channel-binding";
import { NtlmClientContext, NtlmError, NtlmSession, ntowfv1, splitUsername } from "./ntlm";

export type WinRmAuth =
  | { type: "basic"; username: string; password: string }
  | { type: "ntlm"; username: string; password: string; domain?: string; workstation?: string };

export interface WinRmTlsOptions {
  /** PEM of the CA (or the self-signed server certificate) to trust instead of the system CAs. */
  caPem?: string | Buffer;
  /** SHA-256 fingerprint of the server certificate ("AB:CD:..." or hex). When set, it must match. */
  fingerprintSha256?: string;
  /** Accept any certificate. Explicit opt-in only; never the default. */
  insecureSkipVerify?: boolean;
  /** TLS server name (SNI and hostname check) when it differs from `host`. */
  servername?: string;
}

export interface WinRmTransportOptions {
  /** Node name used in every error message. */
  name: string;
  host: string;
  port?: number;
  https?: boolean;
  path?: string;
  auth: WinRmAuth;
  tls?: WinRmTlsOptions;
  /** NTLM message encryption: "auto" seals over http and not over https (pywinrm's rule). */
  encryption?: "auto" | "always" | "never";
  /** Per-HTTP-request time limit in ms (a Receive long-poll adds its OperationTimeout). Default 60000. */
  requestTimeoutMs?: number;
  /** Optional debug log; every line is redacted. */
  log?: (line: string) => void;
  /** Allow Basic over plain HTTP (password in clear on the wire; lab use only). Default false. */
  allowBasicOverHttp?: boolean;
}

export interface TransportResponse {
  status: number;
  body: Buffer;
}

/** Raised for transport-level failures; the client wraps it into a RemoteError with the node name. */
export class TransportError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export function abortError(): Error {
  const e = new Error("The operation was aborted");
  e.name = "AbortError";
  (e as Error & { code: string }).code = "ABORT_ERR";
  return e;
}

const RETRY = Symbol("retry-on-new-connection");

interface NtlmConnection {
  socket: Socket;
  session: NtlmSession;
  sealed: boolean;
}

function normFingerprint(f: string): string {
  return f.replace(/[^0-9a-fA-F]/g, "").toLowerCase();
}

export class WinRmTransport {
  readonly url: string;
  private readonly agent: http.Agent;
  private readonly secure: boolean;
  private readonly port: number;
  private readonly secrets: string[];
  private ntlm?: NtlmConnection;
  private readonly verifiedSockets = new WeakSet<Socket>();
  private closed = false;

  constructor(private readonly opts: WinRmTransportOptions) {
    this.secure = opts.https ?? false;
    this.port = opts.port ?? (this.secure ? 5986 : 5985);
    const hostPart = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
    this.url = `${this.secure ? "https" : "http"}://${hostPart}:${this.port}${opts.path ?? "/wsman"}`;
    const { password } = opts.auth;
    const basic = Buffer.from(`${opts.auth.username}:${password}`, "utf8").toString("base64");
    const latin1Basic = Buffer.from(`${opts.auth.username}:${password}`, "latin1").toString("base64");
    this.secrets = [password, basic, latin1Basic, ntowfv1(password).toString("hex"), encodeURIComponent(password)].filter((s) => s.length >= 1);
    const base = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1, keepAliveMsecs: 30000 };
    if (this.secure) {
      const tls = opts.tls ?? {};
      const pinOnly = !!tls.fingerprintSha256 && !tls.caPem;
      this.agent = new https.Agent({
        ...base,
        ca: tls.caPem,
        servername: tls.servername,
        rejectUnauthorized: !(tls.insecureSkipVerify || pinOnly),
      });
    } else {
      if (opts.auth.type === "basic" && !opts.allowBasicOverHttp) {
        // Basic over plain HTTP sends the password in clear: refuse unless explicitly allowed.
        throw new TransportError("winrm.config", "Basic authentication over plain HTTP is refused; use https, or NTLM (encrypted) over http");
      }
      this.agent = new http.Agent(base);
    }
  }

  /** Replaces every secret (password, Basic token, NT hash) in `s` with "***". */
  redact(s: string): string {
    let out = s;
    for (const secret of this.secrets) out = out.split(secret).join("***");
    return out.replace(/(Authorization:\s*)(Basic|Negotiate|NTLM)\s+\S+/gi, "$1$2 ***");
  }

  private log(line: string): void {
    if (this.opts.log) this.opts.log(this.redact(line));
  }

  private get sealOverThisScheme(): boolean {
    if (this.opts.auth.type !== "ntlm") return false;
    const mode = this.opts.encryption ?? "auto";
    return mode === "always" || (mode === "auto" && !this.secure);
  }

  /** POSTs one SOAP envelope and returns the (decrypted) reply. Throws TransportError / AbortError. */
  async post(envelope: string, o: { signal?: AbortSignal; timeoutMs?: number; label?: string } = {}): Promise<TransportResponse> {
    if (this.closed) throw new TransportError("winrm.http", "the connection was closed");
    const body = Buffer.from(envelope, "utf8");
    const label = o.label ?? "request";
    if (this.opts.auth.type === "basic") {
      const token = Buffer.from(`${this.opts.auth.username}:${this.opts.auth.password}`, "utf8").toString("base64");
      for (let attempt = 0; ; attempt++) {
        const r = await this.send({ Authorization: `Basic ${token}`, "Content-Type": "application/soap+xml;charset=UTF-8" }, body.length, () => body, o, label);
        if (r === RETRY) {
          // A kept-alive connection the server had already closed: nothing was processed, resend once.
          if (attempt >= 1) throw new TransportError("winrm.http", `${label}: the connection was reset twice`);
          continue;
        }
        if (r.status === 401) throw this.authError();
        return { status: r.status, body: r.body };
      }
    }
    for (let attempt = 0; ; attempt++) {
      if (!this.ntlm || this.ntlm.socket.destroyed) await this.handshake(o);
      const conn = this.ntlm as NtlmConnection;
      const sealed = conn.sealed;
      const headers: Record<string, string> = {
        "Content-Type": sealed ? ENCRYPTED_CONTENT_TYPE : "application/soap+xml;charset=UTF-8",
      };
      const r = await this.send(headers, sealed ? encryptedBodyLength(body.length) : body.length, (sock) => {
        if (sock !== conn.socket || this.ntlm !== conn) return RETRY;
        return sealed ? wrapEncrypted(conn.session, body) : body;
      }, o, label).catch((e) => {
        // The keystreams may have advanced without the server seeing the message: drop the context.
        if (this.ntlm === conn) this.dropNtlm();
        throw e;
      });
      if (r === RETRY || r.status === 401) {
        this.dropNtlm();
        if (attempt >= 1) throw r === RETRY ? new TransportError("winrm.http", "could not keep an authenticated connection") : this.authError();
        this.log(`ntlm: ${r === RETRY ? "connection changed" : "401 on an authenticated connection"}; re-authenticating`);
        continue;
      }
      let replyBody = r.body;
      if (sealed) {
        // Over plain HTTP the password never crosses the wire: a reply sealed and signed with the
        // session key is the only proof that the server knows it. Anything else is refused, so an
        // impostor that accepted any AUTHENTICATE cannot answer in plain SOAP (or with its own key).
        if (!isEncryptedContentType(r.contentType)) {
          this.dropNtlm();
          throw new TransportError(
            "winrm.seal",
            `${label}: the server's reply was not sealed (HTTP ${r.status}, Content-Type ${JSON.stringify(r.contentType ?? "")}): possible impostor (a server that does not know the password) or a proxy rewriting the traffic; refused`,
            { status: r.status, contentType: r.contentType },
          );
        }
        try {
          replyBody = unwrapEncrypted(conn.session, r.body);
        } catch (e) {
          this.dropNtlm();
          throw new TransportError("winrm.seal", `${label}: the server's reply was not verified with the NTLM session key (${(e as Error).message}): possible impostor (a server that does not know the password); refused`, { status: r.status });
        }
      } else if (isEncryptedContentType(r.contentType)) {
        try {
          replyBody = unwrapEncrypted(conn.session, r.body);
        } catch (e) {
          this.dropNtlm();
          throw new TransportError("winrm.decrypt", `cannot decrypt the server's reply: ${(e as Error).message}`);
        }
      }
      return { status: r.status, body: replyBody };
    }
  }

  private authError(): TransportError {
    return new TransportError(
      "winrm.auth",
      `the server rejected the credentials of user ${JSON.stringify(this.opts.auth.username)} (HTTP 401, ${this.opts.auth.type})`,
      { status: 401, authType: this.opts.auth.type, username: this.opts.auth.username },
    );
  }

  private dropNtlm(): void {
    const c = this.ntlm;
    this.ntlm = undefined;
    if (c && !c.socket.destroyed) c.socket.destroy();
  }

  private async handshake(o: { signal?: AbortSignal; timeoutMs?: number }): Promise<void> {
    const a = this.opts.auth;
    if (a.type !== "ntlm") return;
    const { user, domain } = splitUsername(a.username, a.domain);
    for (let attempt = 0; attempt < 3; attempt++) {
      const ctx = new NtlmClientContext({ user, domain, password: a.password, workstation: a.workstation }, { requireSeal: this.sealOverThisScheme });
      this.log(`ntlm: NEGOTIATE for user ${JSON.stringify(a.username)} on ${this.url}`);
      let socket: Socket | undefined;
      const r1 = await this.send({ Authorization: `Negotiate ${ctx.negotiate.toString("base64")}`, "Content-Type": "application/soap+xml;charset=UTF-8" }, 0, (s) => {
        socket = s;
        return Buffer.alloc(0);
      }, o, "ntlm.negotiate");
      if (r1 === RETRY) continue;
      const www = ([] as string[]).concat(r1.headers["www-authenticate"] ?? []);
      const token = www.map((h) => /^(?:Negotiate|NTLM)\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h.trim())?.[1]).find((t) => t);
      if (r1.status !== 401 || !token) {
        throw new TransportError("winrm.auth", `the server did not answer the NTLM NEGOTIATE with a challenge (HTTP ${r1.status}); is Negotiate authentication enabled?`, { status: r1.status });
      }
      let cbt: Buffer | undefined;
      const raw = this.secure ? (socket as TLSSocket | undefined)?.getPeerCertificate?.(true)?.raw : undefined;
      if (raw) cbt = tlsServerEndPointBindingHash(raw);
      let auth;
      try {
        auth = ctx.authenticate(Buffer.from(token, "base64"), cbt);
      } catch (e) {
        if (e instanceof NtlmError) throw new TransportError("winrm.auth", `NTLM: ${e.message}`);
        throw e;
      }
      const r2 = await this.send({ Authorization: `Negotiate ${auth.authenticate.toString("base64")}`, "Content-Type": "application/soap+xml;charset=UTF-8" }, 0, (s) => (s === socket ? Buffer.alloc(0) : RETRY), o, "ntlm.authenticate");
      if (r2 === RETRY) {
        this.log("ntlm: the connection closed during the handshake; retrying");
        continue;
      }
      if (r2.status === 401) throw this.authError();
      if (r2.status < 200 || r2.status >= 300) throw new TransportError("winrm.auth", `NTLM AUTHENTICATE answered with HTTP ${r2.status}`, { status: r2.status });
      this.ntlm = { socket: socket as Socket, session: auth.session, sealed: this.sealOverThisScheme };
      this.log(`ntlm: authenticated (flags 0x${auth.flags.toString(16)}, ${this.sealOverThisScheme ? "sealing" : "no sealing"})`);
      return;
    }
    throw new TransportError("winrm.auth", "could not keep one TCP connection for the NTLM handshake");
  }

  private checkPeer(sock: Socket): Error | undefined {
    const fp = this.opts.tls?.fingerprintSha256;
    if (!fp) return undefined;
    const cert = (sock as TLSSocket).getPeerCertificate?.();
    const actual = cert?.fingerprint256 ? normFingerprint(cert.fingerprint256) : "";
    if (actual !== normFingerprint(fp)) {
      return new TransportError("winrm.tls", `the server certificate's SHA-256 fingerprint ${cert?.fingerprint256 ?? "(none)"} does not match the pinned fingerprint`, {
        expected: fp,
        actual: cert?.fingerprint256,
      });
    }
    return undefined;
  }

  /**
   * One HTTP exchange. The body is produced only once the socket is known (and, for TLS, verified), so
   * sealing uses the keystream of the connection the bytes really travel on, and no credential is sent
   * to an unverified server.
   */
  private send(
    headers: Record<string, string>,
    contentLength: number,
    produce: (sock: Socket) => Buffer | typeof RETRY,
    o: { signal?: AbortSignal; timeoutMs?: number },
    label: string,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; contentType?: string; body: Buffer } | typeof RETRY> {
    return new Promise((resolve, reject) => {
      if (o.signal?.aborted) return reject(abortError());
      const mod = this.secure ? https : http;
      const started = Date.now();
      let settled = false;
      const finish = (err: Error | undefined, value?: Parameters<typeof resolve>[0]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        o.signal?.removeEventListener("abort", onAbort);
        if (err) reject(err);
        else resolve(value as Parameters<typeof resolve>[0]);
      };
      const req = mod.request({
        host: this.opts.host,
        port: this.port,
        path: this.opts.path ?? "/wsman",
        method: "POST",
        agent: this.agent,
        headers: { ...headers, "Content-Length": String(contentLength), "User-Agent": "pulumi-clusterpro WinRM client", Connection: "Keep-Alive" },
      });
      const timeoutMs = o.timeoutMs ?? this.opts.requestTimeoutMs ?? 60000;
      const timer = setTimeout(() => {
        req.destroy();
        finish(new TransportError("winrm.http", `${label}: no reply within ${timeoutMs} ms`, { timeoutMs }));
      }, timeoutMs);
      const onAbort = () => {
        req.destroy();
        finish(abortError());
      };
      o.signal?.addEventListener("abort", onAbort, { once: true });
      req.on("socket", (sock: Socket) => {
        const go = () => {
          if (settled) return;
          if (this.secure && !this.verifiedSockets.has(sock)) {
            const bad = this.checkPeer(sock);
            if (bad) {
              req.destroy();
              sock.destroy();
              return finish(bad);
            }
            this.verifiedSockets.add(sock);
          }
          let out: Buffer | typeof RETRY;
          try {
            out = produce(sock);
          } catch (e) {
            req.destroy();
            return finish(e as Error);
          }
          if (out === RETRY) {
            req.destroy();
            return finish(undefined, RETRY);
          }
          this.log(`POST ${this.url} ${label} (${out.length} bytes${headers["Content-Type"]?.startsWith("multipart/encrypted") ? ", sealed" : ""})`);
          req.end(out);
        };
        const tlsSock = sock as TLSSocket;
        if (this.secure && !this.verifiedSockets.has(sock) && (sock.connecting || !tlsSock.getPeerCertificate?.()?.raw)) {
          tlsSock.once("secureConnect", go);
        } else {
          go();
        }
      });
      let gotResponse = false;
      req.on("response", (res) => {
        gotResponse = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => finish(new TransportError("winrm.http", `${label}: ${e.message}`)));
        res.on("end", () => {
          this.log(`${label}: HTTP ${res.statusCode} in ${Date.now() - started} ms (${chunks.reduce((n, c) => n + c.length, 0)} bytes)`);
          finish(undefined, {
            status: res.statusCode ?? 0,
            headers: res.headers,
            contentType: res.headers["content-type"],
            body: Buffer.concat(chunks),
          });
        });
      });
      req.on("error", (e: NodeJS.ErrnoException) => {
        if (e instanceof TransportError) return finish(e);
        if (req.reusedSocket && e.code === "ECONNRESET" && !gotResponse) {
          // Node's documented keep-alive race: the server closed the idle socket as we reused it.
          this.log(`${label}: kept-alive connection was closed by the server; retrying on a new one`);
          return finish(undefined, RETRY);
        }
        const tlsCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/;
        const step = tlsCodes.test(e.code ?? "") || tlsCodes.test(e.message) ? "winrm.tls" : "winrm.http";
        finish(new TransportError(step, `${label}: ${this.redact(e.message)}`, { code: e.code, url: this.url }));
      });
    });
  }

  /** Closes the keep-alive connection. Idempotent. */
  close(): void {
    this.closed = true;
    this.ntlm = undefined;
    this.agent.destroy();
  }
}
