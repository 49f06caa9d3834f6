// The lab's SSH endpoint for simulated Linux nodes (ssh2 Server on 127.0.0.1): password and public-key
// authentication, exec with stdin/stdout/stderr and exit codes, and the SFTP subset that file
// transfers use (open, read, write, fstat/stat, close, mkdir, remove, rename, realpath, readdir).
import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Server, utils, type Connection, type ParsedKey, type ServerChannel, type SFTPWrapper } from "ssh2";
import { SimError } from "../node/types";

export interface SshExec {
  command: string;
  user: string;
  /** All of stdin, once the client sent EOF. */
  readStdin(): Promise<Buffer>;
  signal: AbortSignal;
}

export interface SshExecResult {
  exitCode: number;
  stdout?: Buffer;
  stderr?: Buffer;
}

/** The file operations SFTP needs from a node (paths are the node's own absolute paths). */
export interface SftpFs {
  readFile(path: string): Buffer;
  writeFile(path: string, data: Buffer): void;
  stat(path: string): { type: "file" | "directory"; size: number; mtimeMs: number; mode: number } | undefined;
  mkdir(path: string): void;
  list(path: string): string[];
  remove(path: string, recursive: boolean): void;
  move(from: string, to: string): void;
}

export interface SshNodeServerOptions {
  /** PEM/OpenSSH private host key; generate once per node and persist, so the fingerprint stays pinned. */
  hostKey: string;
  username: string;
  password?: string;
  /** Authorized public keys (OpenSSH "ssh-ed25519 AAAA…" lines). */
  authorizedKeys?: string[];
  exec(cmd: SshExec): Promise<SshExecResult>;
  sftp: () => SftpFs;
  /** Refuse everything (a failed node): connections are closed at once. */
  isUp?: () => boolean;
  /** Per-request latency, ms (an exec, an SFTP request). */
  latencyMs?: () => number;
  /** Counts each request by kind ("exec", "sftp.open", …). */
  count?: (kind: string) => void;
}

const { STATUS_CODE, OPEN_MODE } = utils.sftp;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SshNodeServer {
  private server?: Server;
  private readonly connections = new Set<Connection>();
  port = 0;

  constructor(private readonly options: SshNodeServerOptions) {}

  async listen(port = 0, host = "127.0.0.1"): Promise<number> {
    const authorized = (this.options.authorizedKeys ?? []).map((k) => utils.parseKey(k)).filter((k): k is ParsedKey => !(k instanceof Error));
    this.server = new Server({ hostKeys: [this.options.hostKey] }, (client) => {
      if (this.options.isUp && !this.options.isUp()) {
        client.end();
        return;
      }
      this.connections.add(client);
      client.on("close", () => this.connections.delete(client));
      client.on("error", () => this.connections.delete(client));
      let user = "";
      client.on("authentication", (ctx) => {
        if (ctx.username !== this.options.username) return ctx.reject();
        if (ctx.method === "password" && this.options.password !== undefined && sameSecret(ctx.password, this.options.password)) {
          user = ctx.username;
          return ctx.accept();
        }
        if (ctx.method === "publickey") {
          const match = authorized.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
          if (match && (!ctx.signature || match.verify(ctx.blob as Buffer, ctx.signature, ctx.hashAlgo) === true)) {
            user = ctx.username;
            return ctx.accept();
          }
        }
        return ctx.reject(["password", "publickey"]);
      });
      client.on("ready", () => {
        client.on("session", (acceptSession) => {
          const session = acceptSession();
          session.on("exec", (accept, _reject, info) => void this.handleExec(accept(), info.command, user));
          session.on("sftp", (accept) => this.handleSftp(accept()));
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  private async delay(kind: string): Promise<void> {
    this.options.count?.(kind);
    const ms = this.options.latencyMs?.() ?? 0;
    if (ms > 0) await sleep(ms);
  }

  private async handleExec(channel: ServerChannel, command: string, user: string): Promise<void> {
    const abort = new AbortController();
    const chunks: Buffer[] = [];
    let ended = false;
    const waiters: (() => void)[] = [];
    channel.on("data", (b: Buffer) => chunks.push(b));
    channel.on("end", () => {
      ended = true;
      waiters.splice(0).forEach((w) => w());
    });
    channel.on("close", () => abort.abort());
    const readStdin = async () => {
      if (!ended) await new Promise<void>((r) => waiters.push(r));
      return Buffer.concat(chunks);
    };
    let result: SshExecResult;
    try {
      await this.delay("exec");
      result = await this.options.exec({ command, user, readStdin, signal: abort.signal });
    } catch (e) {
      result = { exitCode: 1, stderr: Buffer.from(`${e instanceof Error ? e.message : String(e)}\n`) };
    }
    if (abort.signal.aborted) return;
    if (result.stdout?.length) channel.write(result.stdout);
    if (result.stderr?.length) channel.stderr.write(result.stderr);
    channel.exit(result.exitCode);
    channel.end();
  }

  private handleSftp(sftp: SFTPWrapper): void {
    const fs = this.options.sftp();
    type Handle = { path: string; write: boolean; data: Buffer<ArrayBufferLike>; dir?: string[] };
    const handles = new Map<number, Handle>();
    let next = 1;
    const handleBuf = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const get = (h: Buffer) => (h.length === 4 ? handles.get(h.readUInt32BE(0)) : undefined);
    const attrs = (s: NonNullable<ReturnType<SftpFs["stat"]>>) => ({
      mode: (s.type === "directory" ? 0o040000 : 0o100000) | s.mode,
      uid: 0,
      gid: 0,
      size: s.size,
      atime: Math.floor(s.mtimeMs / 1000),
      mtime: Math.floor(s.mtimeMs / 1000),
    });
    const fail = (id: number, e: unknown) => {
      const code = e instanceof SimError && e.code === "not-found" ? STATUS_CODE.NO_SUCH_FILE : e instanceof SimError && e.code === "access-denied" ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE;
      sftp.status(id, code, e instanceof Error ? e.message : String(e));
    };
    const guarded = (kind: string, id: number, fn: () => void) => {
      void this.delay(`sftp.${kind}`).then(() => {
        try {
          fn();
        } catch (e) {
          fail(id, e);
        }
      });
    };
    sftp.on("OPEN", (id, filename, flags) =>
      guarded("open", id, () => {
        const write = (flags & OPEN_MODE.WRITE) !== 0;
        let data: Buffer<ArrayBufferLike> = Buffer.alloc(0);
        if (!write || (flags & OPEN_MODE.APPEND) !== 0) {
          if (!fs.stat(filename)) {
            if (!write) throw new SimError("not-found", `${filename}: no such file`);
          } else data = fs.readFile(filename);
        }
        if (write && (flags & OPEN_MODE.TRUNC) !== 0) data = Buffer.alloc(0);
        if (write) fs.writeFile(filename, data); // fails now when the folder is missing or not writable
        const n = next++;
        handles.set(n, { path: filename, write, data });
        sftp.handle(id, handleBuf(n));
      }),
    );
    sftp.on("READ", (id, h, offset, length) =>
      guarded("read", id, () => {
        const f = get(h);
        if (!f) return sftp.status(id, STATUS_CODE.FAILURE, "bad handle");
        if (offset >= f.data.length) return sftp.status(id, STATUS_CODE.EOF);
        sftp.data(id, f.data.subarray(offset, Math.min(f.data.length, offset + length)));
      }),
    );
    sftp.on("WRITE", (id, h, offset, data) =>
      guarded("write", id, () => {
        const f = get(h);
        if (!f || !f.write) return sftp.status(id, STATUS_CODE.FAILURE, "bad handle");
        const end = offset + data.length;
        if (end > f.data.length) f.data = Buffer.concat([f.data, Buffer.alloc(end - f.data.length)]);
        data.copy(f.data, offset);
        sftp.status(id, STATUS_CODE.OK);
      }),
    );
    sftp.on("FSTAT", (id, h) =>
      guarded("fstat", id, () => {
        const f = get(h);
        if (!f) return sftp.status(id, STATUS_CODE.FAILURE, "bad handle");
        sftp.attrs(id, attrs({ type: f.dir ? "directory" : "file", size: f.data.length, mtimeMs: Date.now(), mode: 0o644 }));
      }),
    );
    const statPath = (id: number, path: string) =>
      guarded("stat", id, () => {
        const s = fs.stat(path);
        if (!s) return sftp.status(id, STATUS_CODE.NO_SUCH_FILE, `${path}: no such file`);
        sftp.attrs(id, attrs(s));
      });
    sftp.on("STAT", statPath);
    sftp.on("LSTAT", statPath);
    sftp.on("CLOSE", (id, h) =>
      guarded("close", id, () => {
        const f = get(h);
        if (!f) return sftp.status(id, STATUS_CODE.FAILURE, "bad handle");
        handles.delete(h.readUInt32BE(0));
        if (f.write) fs.writeFile(f.path, f.data);
        sftp.status(id, STATUS_CODE.OK);
      }),
    );
    sftp.on("REALPATH", (id, path) => guarded("realpath", id, () => sftp.name(id, [{ filename: path.startsWith("/") ? path : `/${path}`, longname: path, attrs: {} as never }])));
    sftp.on("MKDIR", (id, path) => guarded("mkdir", id, () => (fs.mkdir(path), sftp.status(id, STATUS_CODE.OK))));
    sftp.on("REMOVE", (id, path) => guarded("remove", id, () => (fs.remove(path, false), sftp.status(id, STATUS_CODE.OK))));
    sftp.on("RMDIR", (id, path) => guarded("rmdir", id, () => (fs.remove(path, false), sftp.status(id, STATUS_CODE.OK))));
    sftp.on("RENAME", (id, from, to) => guarded("rename", id, () => (fs.move(from, to), sftp.status(id, STATUS_CODE.OK))));
    sftp.on("SETSTAT", (id) => sftp.status(id, STATUS_CODE.OK));
    sftp.on("FSETSTAT", (id) => sftp.status(id, STATUS_CODE.OK));
    sftp.on("OPENDIR", (id, path) =>
      guarded("opendir", id, () => {
        const n = next++;
        handles.set(n, { path, write: false, data: Buffer.alloc(0), dir: fs.list(path) });
        sftp.handle(id, handleBuf(n));
      }),
    );
    sftp.on("READDIR", (id, h) =>
      guarded("readdir", id, () => {
        const f = get(h);
        if (!f?.dir) return sftp.status(id, STATUS_CODE.FAILURE, "bad handle");
        if (f.dir.length === 0) return sftp.status(id, STATUS_CODE.EOF);
        const names = f.dir.splice(0);
        sftp.name(id, names.map((name) => ({ filename: name, longname: name, attrs: attrs(fs.stat(`${f.path.replace(/\/$/, "")}/${name}`) ?? { type: "file", size: 0, mtimeMs: 0, mode: 0o644 }) })));
      }),
    );
  }

  /** Drops every open connection (a node failure or a "drop the connection" fault). */
  dropConnections(): void {
    for (const c of this.connections) c.end();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * A new Ed25519 key pair in OpenSSH format that ssh2 itself can read back. ssh2 1.17's generator
 * strips a public key's leading zero byte (about 1 key in 256 comes out unreadable: mscdex/ssh2#1390,
 * #1513), so a pair that does not parse is drawn again; each retry fails independently with p ≈ 1/256.
 */
export function generateEd25519(options?: { passphrase: string; cipher: string; rounds: number }): { private: string; public: string } {
  for (;;) {
    const pair = options ? utils.generateKeyPairSync("ed25519", options) : utils.generateKeyPairSync("ed25519");
    if (!(utils.parseKey(pair.public) instanceof Error) && !(utils.parseKey(pair.private, options?.passphrase) instanceof Error)) return pair;
  }
}

/** A new Ed25519 host key in OpenSSH format, and its SHA-256 fingerprint as OpenSSH prints it. */
export function generateHostKey(): { privateKey: string; fingerprint: string } {
  const pair = generateEd25519();
  return { privateKey: pair.private, fingerprint: hostKeyFingerprint(pair.private) };
}

export function hostKeyFingerprint(privateKey: string): string {
  const key = utils.parseKey(privateKey);
  if (key instanceof Error) throw key;
  return `SHA256:${createHash("sha256").update(key.getPublicSSH()).digest("base64").replace(/=+$/, "")}`;
}
