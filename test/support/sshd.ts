// A real OpenSSH server on 127.0.0.1 for transport tests: own host key, own user key, own config,
// an ephemeral port, stopped by its PID. Needs the Debian package `openssh-server` (/usr/sbin/sshd).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export const SSHD_BINARY = "/usr/sbin/sshd";

export interface SshdFixture {
  host: "127.0.0.1";
  port: number;
  /** The OS account the tests log in as (the current user; root on the CI machine), with key auth only. */
  username: string;
  /** OpenSSH private key (ed25519, no passphrase) accepted by the server. */
  privateKey: Buffer;
  /** A second key the server does NOT accept. */
  wrongPrivateKey: Buffer;
  /** The server's host key fingerprint, `SHA256:<base64 without padding>` (as `ssh-keygen -l` prints it). */
  hostKeyFingerprint: string;
  /** A temp directory owned by the fixture (removed by stop()). */
  dir: string;
  /** The sshd log so far (for diagnostics in failing tests). */
  log(): string;
  stop(): Promise<void>;
}

export function sshdAvailable(): boolean {
  return fs.existsSync(SSHD_BINARY);
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function fingerprintOfPub(pubLine: string): string {
  const b64 = pubLine.trim().split(/\s+/)[1];
  const digest = crypto.createHash("sha256").update(Buffer.from(b64, "base64")).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

async function waitForListening(port: number, child: ChildProcess, logFile: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`sshd exited with ${child.exitCode}: ${fs.readFileSync(logFile, "utf8")}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${fs.readFileSync(logFile, "utf8")}`);
}

/**
 * Starts sshd with key authentication only. (Password auth would need a system account's password, which tests
 * never change; test/integration/ssh/password.test.ts uses an ssh2.Server double instead.)
 */
export async function startSshd(): Promise<SshdFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clp-sshd-"));
  fs.mkdirSync("/run/sshd", { recursive: true });
  const keygen = (file: string) =>
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "clp-test", "-f", file], { stdio: "ignore" });
  keygen(path.join(dir, "hostkey"));
  keygen(path.join(dir, "userkey"));
  keygen(path.join(dir, "wrongkey"));
  fs.copyFileSync(path.join(dir, "userkey.pub"), path.join(dir, "authorized_keys"));
  const port = await freePort();
  const username = os.userInfo().username;
  const config = [
    "ListenAddress 127.0.0.1",
    `Port ${port}`,
    `HostKey ${path.join(dir, "hostkey")}`,
    `PidFile ${path.join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
    "StrictModes no",
    "UsePAM no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PubkeyAuthentication yes",
    // Only this loopback test daemon: the test machine's only account is root (keys only).
    "PermitRootLogin prohibit-password",
    "Subsystem sftp internal-sftp",
    "LogLevel VERBOSE",
    "MaxStartups 50",
    "",
  ].join("\n");
  const configFile = path.join(dir, "sshd_config");
  fs.writeFileSync(configFile, config);
  const logFile = path.join(dir, "sshd.log");
  execFileSync(SSHD_BINARY, ["-t", "-f", configFile], { stdio: "pipe" });
  const child = spawn(SSHD_BINARY, ["-D", "-e", "-f", configFile], { stdio: ["ignore", "ignore", "pipe"] });
  const logStream = fs.createWriteStream(logFile);
  child.stderr?.pipe(logStream);
  try {
    await waitForListening(port, child, logFile);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    username,
    privateKey: fs.readFileSync(path.join(dir, "userkey")),
    wrongPrivateKey: fs.readFileSync(path.join(dir, "wrongkey")),
    hostKeyFingerprint: fingerprintOfPub(fs.readFileSync(path.join(dir, "hostkey.pub"), "utf8")),
    dir,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : ""),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        const kill = (sig: NodeJS.Signals) => {
          try {
            process.kill(child.pid as number, sig);
          } catch {
            /* already gone */
          }
        };
        kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && child.signalCode === null) kill("SIGKILL");
      }
      logStream.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
