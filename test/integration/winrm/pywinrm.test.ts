// Debian's pywinrm (an independent WinRM client) against the lab's WinRM server on 127.0.0.1:
// Basic over HTTPS and NTLMv2 with message encryption over HTTP. Skipped, with a message, only when
// /usr/bin/python3 cannot import winrm (Debian packages: python3-winrm, which pulls in
// python3-requests-ntlm, python3-ntlm-auth, python3-requests, python3-cryptography).
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { JAPANESE_SAMPLE, WinRmServer, createDemoHandler, demoBytes } from "../../../sim/winrm";

// PYWINRM_PYTHON only exists to check the skip path (e.g. PYWINRM_PYTHON=/nonexistent).
const PYTHON = process.env.PYWINRM_PYTHON ?? "/usr/bin/python3";
const PROBE = path.resolve(__dirname, "..", "..", "fixtures", "winrm", "pywinrm_probe.py");
// OpenSSL 3 keeps MD4 in the legacy provider; ntlm-auth 1.4.0 needs it (reference: trap 1).
const OPENSSL_CONF_TEXT = `openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
`;

interface ProbeResult {
  ok: boolean;
  status?: number;
  stdout?: string;
  stderr?: string;
  error?: string;
  message?: string;
}

function pywinrmAvailable(): string | undefined {
  const r = spawnSync(PYTHON, ["-c", "import winrm"], { timeout: 15000, encoding: "utf8" });
  if (r.error) return `${PYTHON} cannot run (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} cannot import winrm (install the Debian package python3-winrm)`;
  return undefined;
}

let tmp: string | undefined;
const children = new Set<number>();

function killChild(pid: number | undefined): void {
  if (pid === undefined || !children.has(pid)) return;
  children.delete(pid);
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function runProbe(cfg: object, timeoutMs = 60000): Promise<ProbeResult[]> {
  if (!tmp) {
    tmp = mkdtempSync(path.join(tmpdir(), "pywinrm-"));
    writeFileSync(path.join(tmp, "openssl.cnf"), OPENSSL_CONF_TEXT);
  }
  return new Promise((resolve, reject) => {
    // The configuration (with the test password) goes on stdin, not argv, so `ps` never shows it.
    const child = spawn(PYTHON, [PROBE], {
      env: { PATH: "/usr/bin:/bin", OPENSSL_CONF: path.join(tmp as string, "openssl.cnf"), PYTHONDONTWRITEBYTECODE: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end(JSON.stringify(cfg));
    if (child.pid !== undefined) children.add(child.pid);
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      killChild(child.pid);
      reject(new Error(`pywinrm probe timed out after ${timeoutMs} ms; stderr: ${err.slice(-2000)}`));
    }, timeoutMs);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (child.pid !== undefined) children.delete(child.pid);
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? ""));
      } catch {
        reject(new Error(`pywinrm probe exited ${code}; stdout: ${out.slice(-1000)} stderr: ${err.slice(-3000)}`));
      }
    });
  });
}

const text = (b64?: string) => Buffer.from(b64 ?? "", "base64").toString("utf8");

describe("pywinrm (Debian python3-winrm) against the lab WinRM server", function () {
  this.timeout(120000);
  const PASSWORD = "Secr3t!pw";
  const servers: WinRmServer[] = [];

  before(function () {
    const why = pywinrmAvailable();
    if (why) {
      console.warn(`      SKIPPED pywinrm interop tests: ${why}`);
      this.skip();
    }
  });
  after(async () => {
    for (const pid of [...children]) killChild(pid);
    await Promise.all(servers.map((s) => s.close()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  async function startServer(https: boolean, strictCbt = false): Promise<WinRmServer> {
    const s = new WinRmServer({
      https,
      cbtHardeningLevel: strictCbt ? "strict" : "relaxed",
      users: [{ username: "LAB\\operator", password: PASSWORD }],
      hostname: "WIN-PY1",
      handler: createDemoHandler({ hostname: "WIN-PY1" }),
      receiveChunkBytes: 65536,
    });
    servers.push(s);
    return s.start();
  }

  const commands = [
    ["hostname"],
    ["cmd", "/c", "exit", "3"],
    ["exit", "5", "something", "failed"],
    ["jp", "utf8"],
    ["bytes", "300000"],
    ["__ps__", "Write-Output 'from run_ps'"],
  ];

  function checkResults(r: ProbeResult[]) {
    assert.equal(r.length, commands.length, JSON.stringify(r));
    for (const x of r) assert.ok(x.ok, JSON.stringify(x));
    assert.equal(r[0].status, 0);
    assert.equal(text(r[0].stdout), "WIN-PY1\r\n");
    assert.equal(text(r[0].stderr), "");
    assert.equal(r[1].status, 3);
    assert.equal(r[2].status, 5);
    assert.equal(text(r[2].stdout), "");
    assert.equal(text(r[2].stderr), "something failed\r\n");
    assert.equal(text(r[3].stdout), `${JAPANESE_SAMPLE}\r\n`);
    assert.ok(Buffer.from(r[4].stdout ?? "", "base64").equals(demoBytes(300000)), "300 kB over several Receives");
    // run_ps: "powershell -encodedcommand <UTF-16LE base64>" is decoded and recognised as PowerShell.
    assert.equal(r[5].status, 0);
    assert.equal(text(r[5].stdout), "from run_ps\r\n");
  }

  it("Basic over HTTPS: run_cmd returns output and exit codes", async () => {
    const s = await startServer(true);
    const r = await runProbe({ url: s.url, user: "LAB\\operator", password: PASSWORD, transport: "basic", commands });
    checkResults(r);
    assert.ok((s.stats.operations.Receive ?? 0) >= 6);
    assert.ok((s.stats.operations.Signal ?? 0) >= 1, "pywinrm's cleanup Signal was answered");
  });

  it("NTLMv2 with message encryption over HTTP: run_cmd returns output and exit codes", async () => {
    const s = await startServer(false);
    const r = await runProbe({ url: s.url, user: "LAB\\operator", password: PASSWORD, transport: "ntlm", encryption: "auto", commands });
    checkResults(r);
    assert.ok(s.stats.ntlmHandshakes >= 1);
    assert.ok(s.stats.encryptedRequests >= 10, `encrypted requests: ${s.stats.encryptedRequests}`);
  });

  it("NTLMv2 over HTTPS with a strict channel-binding check (pywinrm computes its own CBT)", async () => {
    const s = await startServer(true, true);
    const r = await runProbe({ url: s.url, user: "LAB\\operator", password: PASSWORD, transport: "ntlm", commands: commands.slice(0, 2) });
    assert.ok(r[0].ok, JSON.stringify(r));
    assert.equal(text(r[0].stdout), "WIN-PY1\r\n");
    assert.equal(r[1].status, 3);
    assert.equal(s.stats.authFailures, 0);
    assert.equal(s.stats.encryptedRequests, 0, "inside TLS pywinrm does not seal (message_encryption auto)");
  });

  it("wrong passwords give InvalidCredentialsError for Basic and NTLM", async () => {
    const https = await startServer(true);
    const httpS = await startServer(false);
    const a = await runProbe({ url: https.url, user: "LAB\\operator", password: "wrong", transport: "basic", commands: [["hostname"]] });
    assert.equal(a[0].error, "InvalidCredentialsError", JSON.stringify(a));
    const b = await runProbe({ url: httpS.url, user: "LAB\\operator", password: "wrong", transport: "ntlm", commands: [["hostname"]] });
    assert.equal(b[0].error, "InvalidCredentialsError", JSON.stringify(b));
    assert.ok(httpS.stats.authFailures >= 1);
  });
});
