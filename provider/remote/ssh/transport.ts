// The SSH transport: one lazily opened, reused ssh2 connection per host, pinned host key, exec of an argv
// (never a user-built command line), SFTP for files. Implements RemoteHost.
import { Client, type ClientChannel, type ConnectConfig, type SFTPWrapper } from "ssh2";
import { RemoteError, type ExecOptions, type ExecResult, type RemoteHost, type RemoteOs } from "../types";
import { decodeOutput } from "../winrm/client";
import { posixCommandLine, windowsCommandLine } from "./command-line";
import { normaliseFingerprint, sshFingerprint } from "./fingerprint";

export interface SshHostOptions {
  /** The node's name as declared by the user; starts every error message. */
  name: string;
  os: RemoteOs;
  host: string;
  port?: number;
  username: string;
  /** Password authentication. Never logged, never part of an error. */
  password?: string;
  /** OpenSSH/PEM/PPK private key. Never logged, never part of an error. */
  privateKey?: Buffer | string;
  passphrase?: string;
  /** Pinned host key, `SHA256:<base64 without padding>` as `ssh-keygen -l` prints it. */
  hostKeyFingerprint?: string;
  /**
   * Accept a host whose key is not pinned (no hostKeyFingerprint given). The offered fingerprint is then
   * available as `offeredHostKeyFingerprint` so it can be pinned. A pinned key that does not match is
   * refused whatever this says.
   */
  acceptUnknownHostKey?: boolean;
  /** SSH-level keepalive interval; default 15000 ms, 0 disables. */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives before the connection counts as dropped; default 3. */
  keepaliveCountMax?: number;
  /** Time allowed for TCP connect + handshake + authentication; default 20000 ms. */
  readyTimeoutMs?: number;
  /**
   * Channels (exec/SFTP) open at the same time on the one connection; more calls wait their turn. Default 8:
   * OpenSSH refuses a session channel beyond its MaxSessions (default 10).
   */
  maxConcurrentChannels?: number;
  /** Optional diagnostics sink. Receives only non-secret messages. */
  log?: (message: string) => void;
}

const SIGNAL_NUMBERS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, ABRT: 6, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15 };

/**
 * The path SFTP should use. Windows OpenSSH's sftp-server names files `/C:/dir/file`; a Windows path given as
 * `C:\dir\file` is converted to that form. POSIX paths are used as they are.
 */
export function sftpPath(os: RemoteOs, remotePath: string): string {
  if (os === "windows" && /^[A-Za-z]:[\\/]/.test(remotePath)) return `/${remotePath.replace(/\\/g, "/")}`;
  return remotePath;
}

/** How long a killed command's channel may take to close before exec returns anyway. */
const KILL_GRACE_MS = 500;

function abortError(): Error {
  const e = new Error("The operation was aborted");
  e.name = "AbortError";
  return e;
}

/**
 * What is wrong with a private key ssh2 refused, in our own words: ssh2's messages can echo key
 * bytes (a cipher or kdf name, the "magic"), so none of its text is passed on. Names the field.
 */
export function describeKeyError(e: Error): { key: boolean; message: string } {
  const m = e?.message ?? "";
  if (!/privateKey|private key|OpenSSH key|passphrase|decrypt|PPK|PEM/i.test(m)) {
    return { key: false, message: "cannot start the SSH connection with the given configuration (connection.privateKey / connection.password)" };
  }
  const field = "connection.privateKey";
  if (/no passphrase given/i.test(m)) return { key: true, message: `${field} is encrypted and no passphrase was given` };
  if (/integrity check failed|bad decrypt|decrypt|passphrase/i.test(m)) return { key: true, message: `${field} could not be decrypted with the passphrase given (wrong passphrase?)` };
  if (/does not contain a \(valid\) private key|No private key/i.test(m)) return { key: true, message: `${field} holds no private key (a public key or certificate?)` };
  if (/Unsupported/i.test(m)) return { key: true, message: `${field} uses a key type, cipher or format ssh2 does not support (use an OpenSSH or PEM RSA, ECDSA or Ed25519 key)` };
  return { key: true, message: `${field} could not be parsed: it is malformed or not an OpenSSH, PEM or PPK private key (its content is not shown)` };
}

/** A channel could not be opened, so nothing started. Retried on a new connection when the old one is dead. */
class NotStartedError extends Error {
  readonly connectionDead: boolean;
  constructor(what: string, cause: Error) {
    super(`${what}: ${cause.message}`);
    // ssh2's words for a connection that is gone (a refused channel, e.g. MaxSessions, is not retried).
    this.connectionDead = /not connected|no response|closed|ECONNRESET|EPIPE/i.test(cause.message);
  }
}

export class SshHost implements RemoteHost {
  readonly name: string;
  readonly os: RemoteOs;
  private readonly opts: SshHostOptions;
  private readonly pinned: string | undefined;
  private client: Promise<Client> | undefined;
  private offered: string | undefined;
  private closed = false;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: SshHostOptions) {
    this.opts = { ...options };
    this.name = options.name;
    this.os = options.os;
    if (options.hostKeyFingerprint !== undefined) {
      this.pinned = normaliseFingerprint(options.hostKeyFingerprint);
      if (!this.pinned) {
        throw new RemoteError(this.name, "ssh.config", `hostKeyFingerprint must look like "SHA256:<43 base64 characters>" (as printed by ssh-keygen -l), got "${options.hostKeyFingerprint}"`);
      }
    }
    if (options.password === undefined && options.privateKey === undefined) {
      throw new RemoteError(this.name, "ssh.config", "give a password or a privateKey");
    }
  }

  /** The host key fingerprint the server offered on the last handshake (to pin it). */
  get offeredHostKeyFingerprint(): string | undefined {
    return this.offered;
  }

  private where(): Record<string, unknown> {
    return { host: this.opts.host, port: this.opts.port ?? 22, username: this.opts.username };
  }

  private connect(): Promise<Client> {
    if (this.client) return this.client;
    const o = this.opts;
    let hostKeyProblem: string | undefined;
    const attempt = new Promise<Client>((resolve, reject) => {
      const c = new Client();
      // Each running exec listens for the connection's "close".
      c.setMaxListeners(Math.max(1, o.maxConcurrentChannels ?? 8) + 10);
      let ready = false;
      const config: ConnectConfig = {
        host: o.host,
        port: o.port ?? 22,
        username: o.username,
        keepaliveInterval: o.keepaliveIntervalMs ?? 15000,
        keepaliveCountMax: o.keepaliveCountMax ?? 3,
        readyTimeout: o.readyTimeoutMs ?? 20000,
        hostVerifier: (key: Buffer) => {
          const fp = sshFingerprint(key);
          this.offered = fp;
          if (this.pinned) {
            if (fp === this.pinned) return true;
            hostKeyProblem = `host key mismatch: expected ${this.pinned}, the server offered ${fp}. If the server was re-installed on purpose, pin the new key; otherwise this may be an attack`;
            return false;
          }
          if (o.acceptUnknownHostKey === true) {
            o.log?.(`${this.name}: accepting unpinned host key ${fp} (acceptUnknownHostKey)`);
            return true;
          }
          hostKeyProblem = `unknown host key: no hostKeyFingerprint is pinned, the server offered ${fp}. Check it (ssh-keygen -lf on the server's host key) and set hostKeyFingerprint to it, or set acceptUnknownHostKey: true`;
          return false;
        },
      };
      if (o.password !== undefined) config.password = o.password;
      if (o.privateKey !== undefined) config.privateKey = o.privateKey;
      if (o.passphrase !== undefined) config.passphrase = o.passphrase;
      c.on("ready", () => {
        ready = true;
        o.log?.(`${this.name}: ssh connected to ${o.host}:${o.port ?? 22}`);
        resolve(c);
      });
      c.on("error", (err: Error & { level?: string }) => {
        if (!ready) {
          const msg = hostKeyProblem ?? this.describeConnectError(err);
          reject(new RemoteError(this.name, hostKeyProblem ? "ssh.hostkey" : "ssh.connect", msg, { ...this.where(), level: err.level }));
        } else {
          o.log?.(`${this.name}: ssh connection error: ${err.message}`);
        }
      });
      c.on("close", () => {
        if (!ready) reject(new RemoteError(this.name, "ssh.connect", hostKeyProblem ?? "connection closed during the handshake", this.where()));
        if (this.client === attempt) this.client = undefined;
      });
      try {
        c.connect(config);
      } catch (e) {
        // ssh2 throws synchronously for an unparsable key, and its message may quote parts of the key
        // ("Unsupported OpenSSH key magic: …"): only our own words reach the error.
        const m = describeKeyError(e as Error);
        reject(new RemoteError(this.name, m.key ? "ssh.config" : "ssh.connect", m.message, this.where()));
      }
    });
    this.client = attempt;
    attempt.catch(() => {
      if (this.client === attempt) this.client = undefined;
    });
    return attempt;
  }

  private describeConnectError(err: Error & { level?: string }): string {
    if (err.level === "client-authentication") {
      return `authentication failed for user "${this.opts.username}" (${this.opts.privateKey !== undefined ? "private key" : "password"})`;
    }
    if (err.level === "client-timeout") return `timed out after ${this.opts.readyTimeoutMs ?? 20000} ms while connecting`;
    return err.message;
  }

  private async acquireChannelSlot(): Promise<void> {
    const max = Math.max(1, this.opts.maxConcurrentChannels ?? 8);
    if (this.active < max) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseChannelSlot(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next caller
    else this.active--;
  }

  /**
   * Runs fn on the shared connection (within the channel limit). If the connection turned out to be dead before fn
   * started anything, it reconnects once and retries.
   */
  private async withClient<T>(step: string, fn: (c: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new RemoteError(this.name, step, "the connection was closed");
    await this.acquireChannelSlot();
    try {
      for (let attempt = 0; ; attempt++) {
        const c = await this.connect();
        try {
          return await fn(c);
        } catch (e) {
          if (e instanceof NotStartedError && e.connectionDead && attempt === 0) {
            this.opts.log?.(`${this.name}: ssh connection dropped, reconnecting once`);
            c.end();
            if (this.client && (await this.client.catch(() => undefined)) === c) this.client = undefined;
            continue;
          }
          if (e instanceof NotStartedError) throw new RemoteError(this.name, step, e.message, this.where());
          throw e;
        }
      }
    } finally {
      this.releaseChannelSlot();
    }
  }

  private openExec(c: Client, command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      try {
        c.exec(command, (err, stream) => (err ? reject(new NotStartedError("cannot open a session channel", err)) : resolve(stream)));
      } catch (e) {
        reject(new NotStartedError("cannot open a session channel", e as Error));
      }
    });
  }

  /**
   * The exec string for argv. On POSIX with a timeout the command runs under coreutils `timeout -s KILL`, which
   * kills the command's whole process group on the far side: OpenSSH refuses "signal" requests in root
   * sessions, and closing the channel alone leaves a silent command running.
   */
  commandLine(argv: readonly string[], timeoutMs?: number): string {
    if (this.os === "windows") return windowsCommandLine(argv);
    if (timeoutMs !== undefined && timeoutMs > 0) {
      return posixCommandLine(["timeout", "-s", "KILL", (timeoutMs / 1000).toFixed(3), ...argv]);
    }
    return posixCommandLine(argv);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    let command: string;
    try {
      command = this.commandLine(argv, options.timeoutMs);
    } catch (e) {
      throw new RemoteError(this.name, "ssh.exec", (e as Error).message, { argv0: argv[0] });
    }
    if (options.signal?.aborted) throw abortError();
    const encoding = options.encoding ?? "utf8";
    return this.withClient("ssh.exec", async (c) => {
      const stream = await this.openExec(c, command);
      return await new Promise<ExecResult>((resolve, reject) => {
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let exitCode: number | undefined;
        let exitSignal: string | undefined;
        let timedOut = false;
        let aborted = false;
        let timer: NodeJS.Timeout | undefined;
        let finished = false;
        const kill = () => {
          try {
            stream.signal("KILL");
          } catch {
            /* the channel may already be closing */
          }
          stream.close();
          // OpenSSH delivers KILL to the process it started; a grandchild that still holds stdout open would
          // delay the channel's close. Do not wait for it longer than the grace period.
          setTimeout(finish, KILL_GRACE_MS).unref();
        };
        const onAbort = () => {
          aborted = true;
          kill();
        };
        if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
          timer = setTimeout(() => {
            timedOut = true;
            kill();
          }, options.timeoutMs);
        }
        options.signal?.addEventListener("abort", onAbort, { once: true });
        let connectionLost = false;
        const onClientClose = () => {
          connectionLost = true;
          finish();
        };
        c.once("close", onClientClose);
        stream.on("data", (d: Buffer) => out.push(d));
        stream.stderr.on("data", (d: Buffer) => err.push(d));
        stream.on("exit", (code: number | null, signal?: string) => {
          if (typeof code === "number") exitCode = code;
          if (signal) exitSignal = signal;
        });
        stream.on("error", (e: Error) => this.opts.log?.(`${this.name}: channel error: ${e.message}`));
        const finish = () => {
          if (finished) return;
          finished = true;
          if (timer) clearTimeout(timer);
          options.signal?.removeEventListener("abort", onAbort);
          c.removeListener("close", onClientClose);
          if (aborted) return reject(abortError());
          if (exitCode === undefined && exitSignal === undefined && !timedOut) {
            const why = connectionLost ? "the connection was lost" : "the channel closed without an exit status";
            return reject(new RemoteError(this.name, "ssh.exec", `${why} while ${JSON.stringify(argv[0])} ran; it may or may not have completed`, this.where()));
          }
          const stdout = Buffer.concat(out);
          const stderr = Buffer.concat(err);
          const code = exitCode ?? (exitSignal ? 128 + (SIGNAL_NUMBERS[exitSignal.replace(/^SIG/, "")] ?? 0) : -1);
          resolve({
            exitCode: code,
            stdout,
            stderr,
            stdoutText: decodeOutput(stdout, encoding),
            stderrText: decodeOutput(stderr, encoding),
            timedOut,
          });
        };
        stream.on("close", finish);
        if (options.stdin !== undefined) stream.end(options.stdin);
        else stream.end();
        // Aborted while the connection or the channel was opening (a loaded machine): the event has already fired.
        if (options.signal?.aborted) onAbort();
      });
    });
  }

  private openSftp(c: Client): Promise<SFTPWrapper> {
    return new Promise((resolve, reject) => {
      try {
        c.sftp((err, sftp) => (err ? reject(new NotStartedError("cannot start SFTP", err)) : resolve(sftp)));
      } catch (e) {
        reject(new NotStartedError("cannot start SFTP", e as Error));
      }
    });
  }

  async putFile(remotePath: string, data: Buffer): Promise<void> {
    await this.withClient("sftp.put", async (c) => {
      const sftp = await this.openSftp(c);
      try {
        await new Promise<void>((resolve, reject) =>
          sftp.writeFile(sftpPath(this.os, remotePath), data, (e) => (e ? reject(new RemoteError(this.name, "sftp.put", `${remotePath}: ${e.message}`, this.where())) : resolve())),
        );
      } finally {
        sftp.end();
      }
    });
  }

  async getFile(remotePath: string): Promise<Buffer> {
    return this.withClient("sftp.get", async (c) => {
      const sftp = await this.openSftp(c);
      try {
        return await new Promise<Buffer>((resolve, reject) =>
          sftp.readFile(sftpPath(this.os, remotePath), (e: Error | null | undefined, buf: Buffer) =>
            e ? reject(new RemoteError(this.name, "sftp.get", `${remotePath}: ${e.message}`, this.where())) : resolve(buf),
          ),
        );
      } finally {
        sftp.end();
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const p = this.client;
    this.client = undefined;
    if (!p) return;
    const c = await p.catch(() => undefined);
    if (!c) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 2000);
      c.once("close", () => {
        clearTimeout(t);
        resolve();
      });
      c.end();
    });
  }
}

export function createSshHost(options: SshHostOptions): SshHost {
  return new SshHost(options);
}
