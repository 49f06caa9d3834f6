// Proves the SSH transport against a real OpenSSH server (started by the test on 127.0.0.1):
// exec with exit codes/stderr/stdin, big and Japanese output, timeouts and abort, host key pinning,
// key auth, SFTP, reconnect, and that no secret reaches an error message.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { SshHost, type SshHostOptions } from "../../../provider/remote/ssh";
import { RemoteError } from "../../../provider/remote/types";
import { startSshd, sshdAvailable, type SshdFixture } from "../../support/sshd";

const JP = "ローカル エリア接続";

describe("SSH transport against a real sshd (127.0.0.1)", function () {
  this.timeout(30000);
  let sshd: SshdFixture;
  const hosts: SshHost[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      throw new Error("/usr/sbin/sshd is missing: apt-get install -y openssh-server");
    }
    sshd = await startSshd();
  });

  after(async () => {
    for (const h of hosts) await h.close();
    if (sshd) await sshd.stop();
  });

  function host(extra: Partial<SshHostOptions> = {}): SshHost {
    const h = new SshHost({
      name: "node1",
      os: "linux",
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKey: sshd.privateKey,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      ...extra,
    });
    hosts.push(h);
    return h;
  }

  it("runs argv with exit code, stdout and stderr kept apart", async () => {
    const h = host();
    const r = await h.exec(["sh", "-c", "echo out; echo err >&2; exit 7"]);
    assert.equal(r.exitCode, 7);
    assert.equal(r.stdoutText, "out\n");
    assert.equal(r.stderrText, "err\n");
    assert.equal(r.timedOut, false);
    const ok = await h.exec(["true"]);
    assert.equal(ok.exitCode, 0);
  });

  it("reuses one connection for several commands (lazy connect)", async () => {
    const h = host();
    const a = await h.exec(["sh", "-c", "echo $PPID"]);
    const b = await h.exec(["sh", "-c", "echo $PPID"]);
    assert.equal(a.exitCode, 0);
    assert.equal(b.exitCode, 0);
    const conns = (sshd.log().match(/Accepted publickey/g) ?? []).length;
    const before = conns;
    await h.exec(["true"]);
    assert.equal((sshd.log().match(/Accepted publickey/g) ?? []).length, before, "no new login for the third command");
  });

  it("runs 25 commands at once on the one connection (more than sshd's MaxSessions of 10)", async () => {
    const h = host();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => h.exec(["sh", "-c", `sleep 0.2; echo ${i}`])));
    results.forEach((r, i) => assert.equal(r.stdoutText, `${i}\n`));
  });

  it("delivers stdin bytes and then EOF", async () => {
    const h = host();
    const data = Buffer.concat([Buffer.from(`${JP}\n`), Buffer.from([0, 1, 2, 255])]);
    const r = await h.exec(["cat"], { stdin: data });
    assert.deepEqual(r.stdout, data);
    const noStdin = await h.exec(["cat"], { timeoutMs: 5000 });
    assert.equal(noStdin.timedOut, false, "cat without stdin sees EOF at once");
    assert.equal(noStdin.stdout.length, 0);
  });

  it("returns 5 MB of output intact", async () => {
    const h = host();
    const r = await h.exec(["sh", "-c", "head -c 5242880 /dev/zero | tr '\\0' 'x'; printf END"]);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stdout.length, 5 * 1024 * 1024 + 3);
    assert.ok(r.stdout.subarray(0, 5 * 1024 * 1024).every((b) => b === 0x78));
    assert.equal(r.stdout.subarray(-3).toString(), "END");
  });

  it("keeps Japanese UTF-8 output intact (argv and output)", async () => {
    const h = host();
    const r = await h.exec(["printf", "%s\\n", JP]);
    assert.equal(r.stdoutText, `${JP}\n`);
    assert.deepEqual(r.stdout, Buffer.from(`${JP}\n`, "utf8"));
  });

  it("decodes cp932 output when asked", async () => {
    const h = host();
    const cp932 = Buffer.from([0x83, 0x8d, 0x81, 0x5b, 0x83, 0x4a, 0x83, 0x8b]); // ローカル
    const r = await h.exec(["cat"], { stdin: cp932, encoding: "cp932" });
    assert.equal(r.stdoutText, "ローカル");
  });

  it("reports a timeout and kills the command", async () => {
    const h = host();
    const marker = path.join(sshd.dir, "after-timeout");
    const t0 = Date.now();
    const r = await h.exec(["sh", "-c", 'sleep 2; touch "$0"', marker], { timeoutMs: 500 });
    assert.equal(r.timedOut, true);
    assert.ok(Date.now() - t0 < 1900, "returned before the command would have finished");
    await new Promise((res) => setTimeout(res, 2500));
    assert.equal(fs.existsSync(marker), false, "the killed command did not go on");
    const after = await h.exec(["echo", "still usable"]);
    assert.equal(after.stdoutText, "still usable\n");
  });

  it("rejects with AbortError when the AbortSignal fires", async () => {
    const h = host();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(h.exec(["sleep", "5"], { signal: ac.signal }), (e: Error) => e.name === "AbortError");
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(h.exec(["true"], { signal: pre.signal }), (e: Error) => e.name === "AbortError");
  });

  it("rejects with AbortError when the signal fires while the connection is still opening", async () => {
    // A new host: its first exec connects first (key exchange, auth). The abort lands during that, before the channel
    // exists; the command must still be killed and the call rejected, not run to its end.
    const h = host();
    const ac = new AbortController();
    const started = Date.now();
    const run = h.exec(["sleep", "5"], { signal: ac.signal });
    setImmediate(() => ac.abort());
    await assert.rejects(run, (e: Error) => e.name === "AbortError");
    assert.ok(Date.now() - started < 4_500, "the command was not run to its end");
    await h.close();
  });

  it("refuses a mismatching pinned host key, naming both fingerprints", async () => {
    const wrong = "SHA256:" + "A".repeat(43);
    const h = host({ hostKeyFingerprint: wrong, acceptUnknownHostKey: true });
    await assert.rejects(h.exec(["true"]), (e: unknown) => {
      assert.ok(e instanceof RemoteError);
      assert.equal(e.step, "ssh.hostkey");
      assert.match(e.message, /^node1: ssh\.hostkey: host key mismatch/);
      assert.ok(e.message.includes(wrong), "names the expected fingerprint");
      assert.ok(e.message.includes(sshd.hostKeyFingerprint), "names the offered fingerprint");
      return true;
    });
  });

  it("refuses an unknown host key unless acceptUnknownHostKey is set", async () => {
    const h = host({ hostKeyFingerprint: undefined });
    await assert.rejects(h.exec(["true"]), (e: Error) => {
      assert.match(e.message, /unknown host key/);
      assert.ok(e.message.includes(sshd.hostKeyFingerprint));
      return true;
    });
    const accepting = host({ hostKeyFingerprint: undefined, acceptUnknownHostKey: true });
    const r = await accepting.exec(["echo", "hi"]);
    assert.equal(r.stdoutText, "hi\n");
    assert.equal(accepting.offeredHostKeyFingerprint, sshd.hostKeyFingerprint);
  });

  it("rejects a malformed fingerprint at construction", () => {
    assert.throws(() => host({ hostKeyFingerprint: "MD5:aa:bb" }), /SHA256:/);
  });

  it("fails key auth with a wrong key without printing key material", async () => {
    const h = host({ privateKey: sshd.wrongPrivateKey });
    await assert.rejects(h.exec(["true"]), (e: Error) => {
      assert.match(e.message, /authentication failed for user/);
      const keyBody = sshd.wrongPrivateKey.toString().split("\n").slice(1, -2).join("");
      for (const chunk of keyBody.match(/.{1,16}/g) ?? []) assert.ok(!e.message.includes(chunk));
      assert.ok(!JSON.stringify((e as RemoteError).details).includes("PRIVATE KEY"));
      return true;
    });
  });

  it("puts and gets files over SFTP", async () => {
    const h = host();
    const remote = path.join(sshd.dir, `sftp-${JP}.bin`);
    const data = Buffer.concat([Buffer.from(JP), Buffer.alloc(300000, 7)]);
    await h.putFile(remote, data);
    assert.deepEqual(fs.readFileSync(remote), data);
    assert.deepEqual(await h.getFile(remote), data);
    await assert.rejects(h.getFile(path.join(sshd.dir, "missing")), (e: Error) => e instanceof RemoteError && /sftp\.get/.test(e.message));
  });

  it("reports a connection lost mid-command, then reconnects on the next call", async () => {
    const h = host();
    assert.equal((await h.exec(["echo", "1"])).stdoutText, "1\n");
    // Kill this connection's sshd process (the parent of the command); the listener stays up.
    await assert.rejects(h.exec(["sh", "-c", "sleep 0.2; kill -9 $PPID; sleep 5"]), (e: Error) => {
      assert.ok(e instanceof RemoteError);
      assert.match(e.message, /^node1: ssh\.exec: (the connection was lost|the channel closed without an exit status) while "sh" ran/);
      return true;
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await h.exec(["echo", "2"])).stdoutText, "2\n");
  });

  it("close() is idempotent and later calls fail clearly", async () => {
    const h = host();
    await h.exec(["true"]);
    await h.close();
    await h.close();
    await assert.rejects(h.exec(["true"]), /closed/);
  });
});
