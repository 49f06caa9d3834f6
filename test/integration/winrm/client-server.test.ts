// Our WinRM client against the lab's WinRM server on 127.0.0.1: NTLMv2 with message encryption over
// HTTP, Basic over HTTPS with CA / fingerprint pinning, argv as data, encodings, large output and
// input, time-outs, abort, re-authentication, and that no secret reaches logs or errors.
import { strict as assert } from "node:assert";
import { RemoteError } from "../../../provider/remote/types";
import { WinRmClient, WinRmClientOptions } from "../../../provider/remote/winrm/client";
import { ntowfv1 } from "../../../provider/remote/winrm/ntlm";
import { CommandInvocation, JAPANESE_SAMPLE, WinRmServer, createDemoHandler, demoBytes, generateSelfSignedCertificate } from "../../../sim/winrm";

const PASSWORD = "Pa$$w0rd-ローカル-\"q\"";
const USER = "LAB\\operator";

const INJECTION_CORPUS = [
  'he said "hi"',
  "'single'",
  "a;b",
  "a & b",
  "a | b",
  "$(whoami)",
  "`whoami`",
  "%PATH%",
  "!VAR!",
  "line1\nline2\r\nline3",
  "ローカル エリア接続",
  "",
  " ",
  "trailing\\",
  'back\\"slash',
  "\\\\server\\share\\",
  "a\tb",
  "^caret^",
  "<redir> >out 2>&1",
  "-EncodedCommand",
  "; Remove-Item -Recurse C:\\ #",
];

function expectRemoteError(e: unknown, step: RegExp | string): RemoteError {
  assert.ok(e instanceof RemoteError, `expected RemoteError, got ${String(e)}`);
  if (typeof step === "string") assert.equal(e.step, step);
  else assert.match(e.step, step);
  return e;
}

function assertNoSecrets(text: string): void {
  assert.ok(!text.includes(PASSWORD), "password leaked");
  assert.ok(!text.includes(ntowfv1(PASSWORD).toString("hex")), "NT hash leaked");
  assert.ok(!text.includes(Buffer.from(`${USER}:${PASSWORD}`).toString("base64")), "Basic token leaked");
  assert.ok(!/Authorization:\s*(Basic|Negotiate)\s+[A-Za-z0-9+/=]{8,}/i.test(text), "Authorization token leaked");
}

describe("WinRM client ↔ lab server: HTTP + NTLMv2 with message encryption", function () {
  this.timeout(60000);
  const invocations: CommandInvocation[] = [];
  const files = new Map<string, Buffer>();
  const server = new WinRmServer({
    users: [{ username: USER, password: PASSWORD }],
    hostname: "WIN-NODE1",
    handler: createDemoHandler({ hostname: "WIN-NODE1", invocations, files }),
    receiveChunkBytes: 256 * 1024,
  });
  const logLines: string[] = [];
  let client: WinRmClient;
  const opts = (): WinRmClientOptions => ({
    name: "node1",
    host: "127.0.0.1",
    port: server.listeningPort,
    auth: { type: "ntlm", username: USER, password: PASSWORD },
    log: (l) => logLines.push(l),
  });

  before(async () => {
    await server.start();
    client = new WinRmClient(opts());
  });
  after(async () => {
    await client?.close().catch(() => undefined);
    await server.close();
  });

  it("runs hostname over sealed messages, reusing one shell and one authenticated connection", async () => {
    const r1 = await client.exec(["hostname"]);
    assert.equal(r1.exitCode, 0);
    assert.equal(r1.stdoutText, "WIN-NODE1\r\n");
    assert.equal(r1.timedOut, false);
    const r2 = await client.exec(["hostname.exe"]);
    assert.equal(r2.stdoutText, "WIN-NODE1\r\n");
    assert.equal(server.stats.operations.Create, 1, "one shell for both commands");
    assert.equal(server.stats.ntlmHandshakes, 1, "one NTLM handshake");
    assert.ok(server.stats.encryptedRequests >= 4, "requests were encrypted");
    assert.equal(server.stats.connections, 1, "one TCP connection");
  });

  it("delivers an injection corpus to the handler as the literal argv", async () => {
    invocations.length = 0;
    const r = await client.exec(["echo-args", ...INJECTION_CORPUS]);
    assert.equal(r.exitCode, 0);
    assert.deepEqual(JSON.parse(r.stdoutText), INJECTION_CORPUS);
    assert.equal(invocations.length, 1);
    assert.equal(invocations[0].kind, "argv");
    assert.equal(invocations[0].program, "echo-args");
    assert.deepEqual(invocations[0].args, INJECTION_CORPUS);
    // What went over the wire is a fixed launcher: no user string appears in the command line.
    for (const s of INJECTION_CORPUS.filter((x) => x.length > 2 && /[^A-Za-z0-9+/=-]/.test(x))) assert.ok(!invocations[0].commandLine.includes(s));
  });

  it("keeps Japanese output intact in UTF-8 and CP932", async () => {
    const u = await client.exec(["jp", "utf8"]);
    assert.equal(u.stdoutText, `${JAPANESE_SAMPLE}\r\n`);
    const c = await client.exec(["jp", "cp932"], { encoding: "cp932" });
    assert.equal(c.stdoutText, `${JAPANESE_SAMPLE}\r\n`);
    assert.notDeepEqual(c.stdout, u.stdout, "raw bytes differ by encoding");
  });

  it("returns exit codes with stdout and stderr kept apart", async () => {
    const r = await client.exec(["exit", "3", "boom", "failed"]);
    assert.equal(r.exitCode, 3);
    assert.equal(r.stdoutText, "");
    assert.equal(r.stderrText, "boom failed\r\n");
    const nf = await client.exec(["no-such-program"]);
    assert.equal(nf.exitCode, 9009);
    assert.match(nf.stderrText, /not recognized/);
  });

  it("receives a 6 MB output intact over several Receive messages", async () => {
    const before = server.stats.operations.Receive ?? 0;
    const n = 6 * 1024 * 1024 + 17;
    const r = await client.exec(["bytes", String(n)]);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stdout.length, n);
    assert.ok(r.stdout.equals(demoBytes(n)), "content identical");
    assert.ok((server.stats.operations.Receive ?? 0) - before >= 20, "several Receive chunks");
  });

  it("collects output streamed by the handler over several Running Receives", async () => {
    const before = server.stats.operations.Receive ?? 0;
    const r = await client.exec(["ticks", "4", "80"]);
    assert.equal(r.stdoutText, "tick 1\r\ntick 2\r\ntick 3\r\ntick 4\r\n");
    assert.ok((server.stats.operations.Receive ?? 0) - before >= 3);
  });

  it("sends a 5 MB stdin in chunks (Send with End) and gets it back byte for byte", async () => {
    const before = server.stats.operations.Send ?? 0;
    const data = demoBytes(5 * 1024 * 1024 + 3);
    const r = await client.exec(["cat"], { stdin: data });
    assert.equal(r.exitCode, 0);
    assert.ok(r.stdout.equals(data));
    assert.ok((server.stats.operations.Send ?? 0) - before >= 80, "stdin was chunked over many Send messages");
  });

  it("sends an inert powershell -EncodedCommand argv (the agent's form) directly, with its stdin", async () => {
    invocations.length = 0;
    const bootstrap = "$s = [Console]::In.ReadLine()\n& ([ScriptBlock]::Create($s))";
    const argv = ["powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", Buffer.from(bootstrap, "utf16le").toString("base64")];
    const r = await client.exec(argv, { stdin: "payload\n" });
    assert.equal(r.exitCode, 1); // not simulated by the demo handler
    assert.equal(invocations[0].kind, "powershell");
    assert.equal(invocations[0].script, bootstrap);
    assert.equal((await invocations[0].readStdin()).toString(), "payload\n");
    // Anything with a non-inert character goes through the launcher instead.
    invocations.length = 0;
    await client.exec(["powershell.exe", "-Command", "Get-Date; rm x"]);
    assert.equal(invocations[0].kind, "argv");
    assert.deepEqual(invocations[0].args, ["-Command", "Get-Date; rm x"]);
  });

  it("runs PowerShell via -EncodedCommand with stdin, and put/get files through fixed scripts", async () => {
    invocations.length = 0;
    const ps = await client.runPowerShell("Write-Output 'x'; $in = [Console]::In.ReadToEnd()", { stdin: '{"ops":[]}' });
    assert.equal(ps.exitCode, 1); // the demo handler does not simulate PowerShell
    assert.equal(invocations[0].kind, "powershell");
    assert.equal(invocations[0].script, "Write-Output 'x'; $in = [Console]::In.ReadToEnd()");
    const payload = Buffer.concat([Buffer.from("ローカル\r\n"), demoBytes(300000)]);
    await client.putFile("C:\\Program Files\\x y\\ファイル.bin", payload);
    assert.ok(files.get("C:\\Program Files\\x y\\ファイル.bin")?.equals(payload));
    const back = await client.getFile("C:\\Program Files\\x y\\ファイル.bin");
    assert.ok(back.equals(payload));
    await assert.rejects(client.getFile("C:\\missing.txt"), (e) => {
      expectRemoteError(e, "winrm.getFile");
      return true;
    });
  });

  it("terminates a command that runs past timeoutMs with Signal and reports timedOut", async () => {
    invocations.length = 0;
    const signals = server.stats.operations.Signal ?? 0;
    const t0 = Date.now();
    const r = await client.exec(["sleep", "60000"], { timeoutMs: 1500 });
    const took = Date.now() - t0;
    assert.equal(r.timedOut, true);
    assert.ok(took >= 1400 && took < 6000, `took ${took} ms`);
    assert.equal((server.stats.operations.Signal ?? 0) - signals, 1);
    assert.equal(invocations[0].signal.aborted, true, "the handler saw the abort");
    const after = await client.exec(["hostname"]);
    assert.equal(after.stdoutText, "WIN-NODE1\r\n");
  });

  it("retries Receive on the w:TimedOut fault (operation timeout) until the command is done", async () => {
    const c2 = new WinRmClient({ ...opts(), operationTimeoutSec: 1 });
    try {
      const r = await c2.exec(["sleep", "2500"]);
      assert.equal(r.exitCode, 0);
      assert.equal(r.timedOut, false);
    } finally {
      await c2.close();
    }
  });

  it("supports AbortSignal: rejects with AbortError and terminates the command", async () => {
    invocations.length = 0;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(client.exec(["sleep", "30000"], { signal: ac.signal }), (e: Error) => e.name === "AbortError");
    assert.equal(invocations[0].signal.aborted, true);
    const r = await client.exec(["hostname"]);
    assert.equal(r.exitCode, 0);
  });

  it("re-authenticates when the server drops the connection, and recreates an expired shell", async () => {
    const hs = server.stats.ntlmHandshakes;
    server.dropConnections();
    server.dropShells();
    const creates = server.stats.operations.Create ?? 0;
    const r = await client.exec(["hostname"]);
    assert.equal(r.stdoutText, "WIN-NODE1\r\n");
    assert.ok(server.stats.ntlmHandshakes > hs, "a new NTLM handshake");
    assert.equal((server.stats.operations.Create ?? 0) - creates, 1, "a new shell");
  });

  it("serializes concurrent exec calls on one shell", async () => {
    const rs = await Promise.all([1, 2, 3, 4, 5].map((i) => client.exec(["echo-args", String(i)])));
    assert.deepEqual(rs.map((r) => JSON.parse(r.stdoutText)[0]), ["1", "2", "3", "4", "5"]);
  });

  it("refuses a wrong password with a clear error that does not contain the password", async () => {
    const bad = new WinRmClient({ ...opts(), auth: { type: "ntlm", username: USER, password: PASSWORD + "x" } });
    try {
      const e = await bad.exec(["hostname"]).then(() => undefined, (x) => x);
      const re = expectRemoteError(e, "winrm.auth");
      assert.match(re.message, /^node1: winrm\.auth: the server rejected the credentials/);
      assertNoSecrets(re.message + JSON.stringify(re.details));
      assert.ok(!re.message.includes(PASSWORD + "x"));
    } finally {
      await bad.close();
    }
  });

  it("never writes a secret to the debug log", () => {
    assert.ok(logLines.length > 20, "the log was used");
    assertNoSecrets(logLines.join("\n"));
  });

  it("close() is idempotent and deletes the shell", async () => {
    const c = new WinRmClient(opts());
    await c.exec(["hostname"]);
    const shells = server.shellCount;
    await c.close();
    await c.close();
    assert.equal(server.shellCount, shells - 1);
    await assert.rejects(c.exec(["hostname"]), /closed/);
  });
});

describe("WinRM client ↔ lab server: HTTPS + Basic with certificate checks", function () {
  this.timeout(30000);
  const server = new WinRmServer({
    https: true,
    users: [{ username: "operator", password: PASSWORD }],
    hostname: "WIN-NODE2",
    handler: createDemoHandler({ hostname: "WIN-NODE2" }),
  });
  const logLines: string[] = [];
  const base = (): WinRmClientOptions => ({
    name: "node2",
    host: "127.0.0.1",
    port: server.listeningPort,
    https: true,
    auth: { type: "basic", username: "operator", password: PASSWORD },
    log: (l) => logLines.push(l),
  });
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.close();
  });

  async function run(o: WinRmClientOptions) {
    const c = new WinRmClient(o);
    try {
      return await c.exec(["hostname"]);
    } finally {
      await c.close();
    }
  }

  it("works with the server's CA pinned (hostname verification on)", async () => {
    const r = await run({ ...base(), tls: { caPem: server.certificate?.certPem } });
    assert.equal(r.stdoutText, "WIN-NODE2\r\n");
    assert.equal(r.exitCode, 0);
  });

  it("works with a SHA-256 fingerprint pin (with or without colons)", async () => {
    const fp = server.certificate?.fingerprint256 as string;
    assert.equal((await run({ ...base(), tls: { fingerprintSha256: fp } })).exitCode, 0);
    assert.equal((await run({ ...base(), tls: { fingerprintSha256: fp.replace(/:/g, "").toLowerCase() } })).exitCode, 0);
  });

  it("refuses the server by default (system CAs) and with a wrong CA", async () => {
    for (const tls of [undefined, { caPem: generateSelfSignedCertificate().certPem }]) {
      const e = await run({ ...base(), tls }).then(() => undefined, (x) => x);
      expectRemoteError(e, "winrm.tls");
    }
  });

  it("refuses a wrong fingerprint before sending any credentials", async () => {
    const before = server.stats.httpRequests;
    const e = await run({ ...base(), tls: { fingerprintSha256: "00".repeat(32) } }).then(() => undefined, (x) => x);
    const re = expectRemoteError(e, "winrm.tls");
    assert.match(re.message, /fingerprint/);
    assert.equal(server.stats.httpRequests, before, "no HTTP request reached the server");
  });

  it("insecureSkipVerify is an explicit opt-in", async () => {
    assert.equal((await run({ ...base(), tls: { insecureSkipVerify: true } })).exitCode, 0);
  });

  it("refuses a wrong password with a clear error that does not contain the password", async () => {
    const e = await run({ ...base(), tls: { caPem: server.certificate?.certPem }, auth: { type: "basic", username: "operator", password: "not-" + PASSWORD } }).then(
      () => undefined,
      (x) => x,
    );
    const re = expectRemoteError(e, "winrm.auth");
    assert.ok(!re.message.includes(PASSWORD));
    assert.match(re.message, /rejected the credentials of user "operator"/);
  });

  it("NTLM over HTTPS sends a TLS channel binding that a strict server accepts", async () => {
    const strict = new WinRmServer({
      https: true,
      cbtHardeningLevel: "strict",
      users: [{ username: "operator", password: PASSWORD }],
      handler: createDemoHandler({ hostname: "WIN-CBT" }),
    });
    await strict.start();
    try {
      const c = new WinRmClient({ ...base(), port: strict.listeningPort, tls: { caPem: strict.certificate?.certPem }, auth: { type: "ntlm", username: "operator", password: PASSWORD } });
      try {
        assert.equal((await c.exec(["hostname"])).stdoutText, "WIN-CBT\r\n");
      } finally {
        await c.close();
      }
      assert.equal(strict.stats.authFailures, 0);
    } finally {
      await strict.close();
    }
  });

  it("NTLM over HTTPS (no sealing inside TLS) also works", async () => {
    const r = await run({ ...base(), tls: { caPem: server.certificate?.certPem }, auth: { type: "ntlm", username: "operator", password: PASSWORD } });
    assert.equal(r.stdoutText, "WIN-NODE2\r\n");
  });

  it("NTLM over HTTPS with encryption \"always\" seals inside TLS too", async () => {
    const before = server.stats.encryptedRequests;
    const r = await run({ ...base(), tls: { caPem: server.certificate?.certPem }, encryption: "always", auth: { type: "ntlm", username: "operator", password: PASSWORD } });
    assert.equal(r.stdoutText, "WIN-NODE2\r\n");
    assert.ok(server.stats.encryptedRequests - before >= 4);
  });

  it("refuses Basic over plain HTTP unless explicitly allowed", () => {
    assert.throws(
      () => new WinRmClient({ ...base(), https: false }),
      (e) => expectRemoteError(e, "winrm.config") !== undefined,
    );
  });

  it("never writes a secret to the debug log", () => {
    assert.ok(logLines.length > 5);
    assertNoSecrets(logLines.join("\n"));
  });
});

describe("WinRM lab server: statistics and injected latency", function () {
  this.timeout(20000);
  const server = new WinRmServer({
    users: [{ username: "op", password: PASSWORD }],
    handler: createDemoHandler({ hostname: "WIN-LAT" }),
    latencyMs: (op) => (op === "Command" ? 200 : 20),
  });
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.close();
  });

  it("counts requests per operation and delays each operation as configured", async () => {
    const c = new WinRmClient({ name: "lat", host: "127.0.0.1", port: server.listeningPort, auth: { type: "ntlm", username: "op", password: PASSWORD } });
    try {
      const t0 = Date.now();
      await c.exec(["hostname"]);
      const took = Date.now() - t0;
      assert.ok(took >= 200 + 3 * 20, `took ${took} ms`);
      assert.deepEqual(server.stats.operations, { Create: 1, Command: 1, Send: 1, Receive: 1 });
      assert.equal(server.stats.ntlmHandshakes, 1);
      assert.equal(server.stats.httpRequests, 2 + 4, "2 handshake legs + 4 operations: one round trip per operation");
    } finally {
      await c.close();
    }
    assert.equal((server.stats.operations as Record<string, number>).Delete, 1);
    server.resetStats();
    assert.deepEqual(server.stats.operations, {});
  });
});

describe("WinRM client: output limit", function () {
  this.timeout(20000);
  const server = new WinRmServer({ users: [{ username: "op", password: PASSWORD }], handler: createDemoHandler({ hostname: "W" }) });
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.close();
  });

  it("terminates a command whose output exceeds maxOutputBytes", async () => {
    const c = new WinRmClient({ name: "lim", host: "127.0.0.1", port: server.listeningPort, auth: { type: "ntlm", username: "op", password: PASSWORD }, maxOutputBytes: 100000 });
    try {
      const e = await c.exec(["bytes", "1000000"]).then(() => undefined, (x) => x);
      assert.ok(e instanceof RemoteError);
      assert.match(e.message, /output exceeded 100000 bytes/);
      assert.equal(server.stats.operations.Signal, 1);
      assert.equal((await c.exec(["hostname"])).stdoutText, "W\r\n");
    } finally {
      await c.close();
    }
  });
});
