// Runs the real POSIX agent (dash on this Debian machine) over SSH against a real sshd, inside a temporary root
// with fake systemctl/ip/rpm/clp* commands. Proves each op's behaviour, the per-op error model, stopOnError, and
// that an injection corpus passed as argv and as op fields arrives as literal data and executes nothing.
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as iconv from "iconv-lite";
import { agentInvocation, posixPayloadLines, POSIX_AGENT_SCRIPT, resultValue, type AgentOpInput, type AgentOpName, type AgentResult, type AgentValue } from "../../../provider/remote/agent";
import { runAgent } from "../../../provider/remote/host";
import { SshHost } from "../../../provider/remote/ssh";
import { RemoteError } from "../../../provider/remote/types";
import { startSshd, sshdAvailable, type SshdFixture } from "../../support/sshd";
import { fileNameSafe, injectionCorpus } from "../../unit/agent/corpus";
import { makeFakeRoot, type FakeRoot } from "./fake-root";
import { checkTransferCorpus, transferCorpusOps, type PathOf } from "../../support/transfer-corpus";

const JP = "ローカル エリア接続";

/** The value of a successful result (typed when the op name is given); fails the test with the agent's error. */
function ok<N extends AgentOpName>(r: AgentResult, op?: N): AgentValue<N> {
  if (!r.ok) assert.fail(`${r.op} failed: ${r.error.code}: ${r.error.message}`);
  return resultValue(r, (op ?? r.op) as N);
}
function failed(r: AgentResult): { code: string; message: string } {
  if (r.ok) assert.fail(`${r.op} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("POSIX agent over SSH (real sshd, temporary root)", function () {
  this.timeout(60000);
  let sshd: SshdFixture;
  let host: SshHost;
  let fake: FakeRoot;
  let canary: string;
  const run = (ops: AgentOpInput[]) => runAgent(host, ops, { root: fake.root, timeoutMs: 30000 });
  const onDisk = (p: string) => path.join(fake.root, p);

  before(async function () {
    if (!sshdAvailable()) throw new Error("/usr/sbin/sshd is missing: apt-get install -y openssh-server");
    sshd = await startSshd();
    host = new SshHost({ name: "node1", os: "linux", host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.hostKeyFingerprint });
    fake = makeFakeRoot();
    canary = path.join(fake.root, "CANARY");
  });

  after(async () => {
    if (host) await host.close();
    if (sshd) await sshd.stop();
    if (fake) fake.remove();
  });

  afterEach(() => {
    assert.equal(fs.existsSync(canary), false, "the canary file was created: something was executed");
  });

  it("facts: hostname, OS from <root>/etc/os-release, CLUSTERPRO install path and version", async () => {
    const [r] = await run([{ op: "facts" }]);
    assert.deepEqual(ok(r), {
      hostname: os.hostname(),
      os: { family: "linux", name: "Test Linux 12 (fake)", version: "12" },
      clusterpro: { installed: true, version: "5.1.0-1", installPath: "/opt/nec/clusterpro" },
      domain: null,
    });
  });

  it("file ops: write/read utf8, cp932 and binary byte-exact, stat, idempotent write, mode", async () => {
    const binary = Buffer.concat([crypto.randomBytes(4096), Buffer.from([0, 0, 10, 10])]);
    const r = await run([
      { op: "file.write", path: "/data/jp.txt", content: `${JP}\n` },
      { op: "file.write", path: "/data/sjis.txt", content: JP, encoding: "cp932" },
      { op: "file.write", path: "/data/bin.dat", content: binary.toString("base64"), encoding: "binary", mode: "0600" },
      { op: "file.read", path: "/data/jp.txt" },
      { op: "file.read", path: "/data/sjis.txt", encoding: "cp932" },
      { op: "file.read", path: "/data/bin.dat", encoding: "binary" },
      { op: "file.write", path: "/data/jp.txt", content: `${JP}\n` },
      { op: "file.stat", path: "/data/bin.dat" },
      { op: "file.stat", path: "/data/missing" },
      { op: "file.write", path: "/nodir/x.txt", content: "x" },
      { op: "file.read", path: "/data/missing" },
    ]);
    assert.deepEqual(ok(r[0]), { changed: true });
    assert.deepEqual(fs.readFileSync(onDisk("data/jp.txt")), Buffer.from(`${JP}\n`));
    assert.deepEqual(fs.readFileSync(onDisk("data/sjis.txt")), iconv.encode(JP, "cp932"));
    assert.deepEqual(fs.readFileSync(onDisk("data/bin.dat")), binary);
    assert.equal(fs.statSync(onDisk("data/bin.dat")).mode & 0o777, 0o600);
    assert.equal(ok(r[3], "file.read").content, `${JP}\n`);
    assert.equal(ok(r[4], "file.read").content, JP);
    assert.deepEqual(Buffer.from(ok(r[5], "file.read").content, "base64"), binary);
    assert.equal(ok(r[5], "file.read").size, binary.length);
    assert.deepEqual(ok(r[6]), { changed: false }, "same content: no change");
    const st = ok(r[7], "file.stat");
    assert.equal(st.exists, true);
    assert.equal(st.type, "file");
    assert.equal(st.size, binary.length);
    assert.equal(st.mode, "600");
    assert.deepEqual(ok(r[8]), { exists: false });
    assert.equal(failed(r[9]).code, "not-found");
    assert.equal(failed(r[10]).code, "not-found");
  });

  it("file ops: mkdir, copy and move folder trees, overwrite rules, delete", async () => {
    const r = await run([
      { op: "file.mkdir", path: "/tree/src/sub" },
      { op: "file.mkdir", path: "/tree/src/sub" },
      { op: "file.write", path: "/tree/src/sub/a.txt", content: "A" },
      { op: "file.write", path: "/tree/src/b.txt", content: "B" },
      { op: "file.copy", from: "/tree/src", to: "/tree/copy" },
      { op: "file.copy", from: "/tree/src", to: "/tree/copy" },
      { op: "file.move", from: "/tree/copy", to: "/tree/moved/deeper" },
      { op: "file.delete", path: "/tree/src" },
      { op: "file.delete", path: "/tree/src", recursive: true },
      { op: "file.delete", path: "/tree/src", recursive: true },
      { op: "file.copy", from: "/tree/moved/deeper", to: "/tree/moved/deeper2", overwrite: true },
      { op: "file.move", from: "/tree/nothing", to: "/tree/x" },
    ]);
    assert.deepEqual(ok(r[0]), { created: true });
    assert.deepEqual(ok(r[1]), { created: false });
    assert.deepEqual(ok(r[4]), { copied: true });
    assert.equal(failed(r[5]).code, "exists");
    assert.deepEqual(ok(r[6]), { moved: true });
    assert.equal(fs.readFileSync(onDisk("tree/moved/deeper/sub/a.txt"), "utf8"), "A");
    assert.equal(fs.readFileSync(onDisk("tree/moved/deeper/b.txt"), "utf8"), "B");
    assert.equal(fs.existsSync(onDisk("tree/copy")), false);
    assert.equal(failed(r[7]).code, "failed", "non-recursive delete of a non-empty directory");
    assert.deepEqual(ok(r[8]), { deleted: true });
    assert.deepEqual(ok(r[9]), { deleted: false });
    assert.deepEqual(ok(r[10]), { copied: true });
    assert.equal(failed(r[11]).code, "not-found");
  });

  it("file.copy / file.move refusal corpus (shared with the lab executor): never replaces a directory with a file, never deletes a non-empty directory, names the path", async () => {
    const pathOf: PathOf = (i, rel) => `/xfer/${i}${rel ? `/${rel}` : ""}`;
    const planned = transferCorpusOps(pathOf);
    checkTransferCorpus(planned, await run(planned.ops), pathOf);
  });

  it("hosts.get / hosts.set: replace in place, append, remove, idempotent, comments kept", async () => {
    const set: AgentOpInput = {
      op: "hosts.set",
      entries: [
        { address: "10.0.0.1", hostnames: ["node1", "node1.example.local"] },
        { address: "10.0.0.2", hostnames: ["node2"] },
      ],
      removeAddresses: ["192.168.0.9"],
    };
    const r = await run([{ op: "hosts.get" }, set, set, { op: "hosts.get" }]);
    assert.deepEqual(ok(r[0], "hosts.get").entries, [
      { address: "127.0.0.1", hostnames: ["localhost"] },
      { address: "10.0.0.1", hostnames: ["old-name"] },
      { address: "192.168.0.9", hostnames: ["keep-me"] },
    ]);
    assert.deepEqual(ok(r[1]), { changed: true });
    assert.deepEqual(ok(r[2]), { changed: false });
    assert.deepEqual(ok(r[3], "hosts.get").entries, [
      { address: "127.0.0.1", hostnames: ["localhost"] },
      { address: "10.0.0.1", hostnames: ["node1", "node1.example.local"] },
      { address: "10.0.0.2", hostnames: ["node2"] },
    ]);
    assert.equal(fs.readFileSync(onDisk("etc/hosts"), "utf8"), "127.0.0.1\tlocalhost\n# managed below\n10.0.0.1\tnode1 node1.example.local\n10.0.0.2\tnode2\n");
  });

  it("services: query, setStartup, start/stop in the given order, failures and time-outs per op", async () => {
    fake.addService("clusterpro_md", { enabled: true, active: true });
    fake.addService("app1");
    fake.addService("app2");
    fake.addService("slowsvc");
    fake.addService("failsvc");
    const r = await run([
      { op: "service.query", names: ["clusterpro_md", "app1", "nosuch"] },
      { op: "service.setStartup", name: "clusterpro_md", startup: "manual" },
      { op: "service.setStartup", name: "clusterpro_md", startup: "manual" },
      { op: "service.setStartup", name: "app1", startup: "disabled" },
      { op: "service.start", names: ["app2", "app1"] },
      { op: "service.stop", names: ["app1", "app2"], timeoutSec: 5 },
      { op: "service.start", names: ["slowsvc"], timeoutSec: 1 },
      { op: "service.start", names: ["failsvc"] },
      { op: "service.setStartup", name: "app1", startup: "automatic-delayed" },
      { op: "service.query", names: ["clusterpro_md", "app1"] },
    ]);
    assert.deepEqual(ok(r[0], "service.query").services, [
      { name: "clusterpro_md", exists: true, startup: "automatic", state: "running" },
      { name: "app1", exists: true, startup: "manual", state: "stopped" },
      { name: "nosuch", exists: false },
    ]);
    assert.deepEqual(ok(r[1]), { name: "clusterpro_md", changed: true });
    assert.deepEqual(ok(r[2]), { name: "clusterpro_md", changed: false });
    assert.deepEqual(ok(r[3]), { name: "app1", changed: true });
    assert.deepEqual(ok(r[4], "service.start").services, [
      { name: "app2", state: "running" },
      { name: "app1", state: "running" },
    ]);
    assert.deepEqual(ok(r[5], "service.stop").services, [
      { name: "app1", state: "stopped" },
      { name: "app2", state: "stopped" },
    ]);
    assert.equal(failed(r[6]).code, "timeout");
    assert.match(failed(r[6]).message, /slowsvc did not start within 1 s/);
    assert.equal(failed(r[7]).code, "failed");
    assert.match(failed(r[7]).message, /Job for failsvc\.service failed/);
    assert.equal(failed(r[8]).code, "unsupported");
    assert.deepEqual(ok(r[9], "service.query").services, [
      { name: "clusterpro_md", exists: true, startup: "manual", state: "running" },
      { name: "app1", exists: true, startup: "disabled", state: "stopped" },
    ]);
    const order = fake
      .calls("systemctl")
      .filter((c) => c[0] === "start" || c[0] === "stop")
      .map((c) => `${c[0]} ${c[2]}`);
    assert.deepEqual(order.slice(0, 4), ["start app2", "start app1", "stop app1", "stop app2"]);
  });

  it("stopOnError skips the rest; without it the batch goes on", async () => {
    const r = await run([
      { op: "file.read", path: "/nope" },
      { op: "file.write", path: "/data/after1.txt", content: "1" },
      { op: "file.read", path: "/nope", stopOnError: true },
      { op: "file.write", path: "/data/after2.txt", content: "2" },
      { op: "facts" },
    ]);
    assert.equal(failed(r[0]).code, "not-found");
    assert.deepEqual(ok(r[1]), { changed: true });
    assert.equal(failed(r[2]).code, "not-found");
    assert.equal(failed(r[3]).code, "skipped");
    assert.equal(failed(r[4]).code, "skipped");
    assert.equal(fs.existsSync(onDisk("data/after2.txt")), false);
  });

  it("nic.setEnabled by a Japanese interface name", async () => {
    fake.addNic(JP, true);
    const r = await run([
      { op: "nic.setEnabled", name: JP, enabled: false },
      { op: "nic.setEnabled", name: JP, enabled: false },
      { op: "nic.setEnabled", name: JP, enabled: true },
      { op: "nic.setEnabled", name: "eth9", enabled: true },
    ]);
    assert.deepEqual(ok(r[0]), { name: JP, changed: true });
    assert.deepEqual(ok(r[1]), { name: JP, changed: false });
    assert.deepEqual(ok(r[2]), { name: JP, changed: true });
    assert.equal(failed(r[3]).code, "not-found");
    assert.deepEqual(fake.calls("ip").filter((c) => c[1] === "set")[0], ["link", "set", "dev", JP, "down"]);
  });

  it("clp: argv as data, exit code, stdout and Japanese stderr; missing command; time-out", async () => {
    const r = await run([
      { op: "clp", command: "clpstat", args: ["-g", "failover 1", ""] },
      { op: "clp", command: "clpmdstat", args: ["--mirror", "md1"] },
      { op: "clp", command: "clpcl", args: ["-s"], timeoutSec: 1 },
    ]);
    const v = ok(r[0], "clp");
    assert.equal(v.exitCode, 3);
    assert.equal(v.stdout, "-g\0failover 1\0\0");
    assert.equal(v.stderr, "クラスタ停止中\n");
    assert.equal(failed(r[1]).code, "not-found");
    assert.equal(failed(r[2]).code, "timeout");
  });

  it("clp requireExitZero is a gate: a non-zero exit fails the op (exit-nonzero) and, with stopOnError, skips the rest", async () => {
    const r = await run([
      { op: "clp", command: "clpstat", args: ["-g"], requireExitZero: true },
      { op: "file.write", path: "/data/gate1.txt", content: "1" },
      { op: "clp", command: "clpstat", args: ["-g"], requireExitZero: true, stopOnError: true },
      { op: "file.write", path: "/data/gate2.txt", content: "2" },
    ]);
    const e = failed(r[0]);
    assert.equal(e.code, "exit-nonzero");
    assert.match(e.message, /clpstat exited with 3: クラスタ停止中/);
    assert.deepEqual(ok(r[1]), { changed: true });
    assert.equal(failed(r[2]).code, "exit-nonzero");
    assert.equal(failed(r[3]).code, "skipped");
    assert.equal(fs.existsSync(onDisk("data/gate2.txt")), false);
  });

  it("lock.acquire / lock.release: owner in one step, held locks refused, stale by the folder's time only, release checks the owner", async () => {
    const lock = "/work/clusterpro-pulumi/lock";
    const r = await run([
      { op: "lock.acquire", path: lock, owner: "stack-A 2025-01-01T00:00:00.000Z", staleAfterSec: 60 },
      { op: "lock.acquire", path: lock, owner: "stack-B", staleAfterSec: 60 },
      { op: "lock.release", path: lock, owner: "stack-B" },
    ]);
    assert.deepEqual(ok(r[0], "lock.acquire"), { acquired: true, broken: null });
    const held = failed(r[1]);
    assert.equal(held.code, "locked");
    assert.match(held.message, /held by stack-A 2025-01-01T00:00:00.000Z for -?\d+ s/);
    assert.deepEqual(ok(r[2], "lock.release"), { released: false });
    assert.equal(fs.readFileSync(onDisk(`${lock}/owner`), "utf8"), "stack-A 2025-01-01T00:00:00.000Z");
    assert.deepEqual(fs.readdirSync(onDisk("/work/clusterpro-pulumi")), ["lock"], "no temporary folder is left beside the lock");
    // A far-future date in the owner file is not trusted, an empty owner is stale: the folder's time decides.
    fs.writeFileSync(onDisk(`${lock}/owner`), "someone 2999-01-01T00:00:00.000Z");
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(onDisk(lock), old, old);
    const [broke] = await run([{ op: "lock.acquire", path: lock, owner: "stack-C", staleAfterSec: 60 }]);
    const v = ok(broke, "lock.acquire");
    assert.equal(v.broken?.owner, "someone 2999-01-01T00:00:00.000Z");
    assert.ok((v.broken?.ageSec ?? 0) >= 3500, JSON.stringify(v));
    fs.writeFileSync(onDisk(`${lock}/owner`), "");
    const [fresh] = await run([{ op: "lock.acquire", path: lock, owner: "stack-D", staleAfterSec: 60 }]);
    assert.equal(failed(fresh).code, "locked", "a fresh lock with an empty owner is not broken");
    fs.utimesSync(onDisk(lock), old, old);
    const [emptyStale, release] = await run([
      { op: "lock.acquire", path: lock, owner: "stack-E", staleAfterSec: 60 },
      { op: "lock.release", path: lock, owner: "stack-E" },
    ]);
    assert.equal(ok(emptyStale, "lock.acquire").broken?.owner, "");
    assert.deepEqual(ok(release, "lock.release"), { released: true });
    assert.deepEqual(fs.readdirSync(onDisk("/work/clusterpro-pulumi")), []);
  });

  it("file.sha256: the digest, and expect as a gate (mismatch / absent)", async () => {
    fs.mkdirSync(onDisk("data"), { recursive: true });
    fs.writeFileSync(onDisk("data/conf.xml"), "<root/>");
    const sha = crypto.createHash("sha256").update("<root/>").digest("hex");
    const r = await run([
      { op: "file.sha256", path: "/data/conf.xml" },
      { op: "file.sha256", path: "/data/conf.xml", expect: sha },
      { op: "file.sha256", path: "/data/missing.xml", expect: "absent" },
      { op: "file.sha256", path: "/data/conf.xml", expect: "absent", stopOnError: true },
      { op: "facts" },
    ]);
    assert.deepEqual(ok(r[0], "file.sha256"), { exists: true, sha256: sha });
    assert.deepEqual(ok(r[1], "file.sha256"), { exists: true, sha256: sha });
    assert.deepEqual(ok(r[2], "file.sha256"), { exists: false, sha256: null });
    assert.equal(failed(r[3]).code, "mismatch");
    assert.equal(failed(r[4]).code, "skipped");
  });

  it("registry, ACL and volume ops answer 'unsupported' on POSIX; other ops in the batch still run", async () => {
    const r = await run([
      { op: "reg.query", key: "HKLM\\SOFTWARE" },
      { op: "reg.set", key: "HKLM\\SOFTWARE\\X", name: "a", value: { type: "REG_SZ", data: "b" } },
      { op: "reg.deleteValue", key: "HKLM\\SOFTWARE\\X", name: "a" },
      { op: "reg.deleteSubkeys", key: "HKLM\\SOFTWARE\\X" },
      { op: "reg.export", key: "HKLM\\SOFTWARE\\X" },
      { op: "acl.get", path: "/data" },
      { op: "acl.set", path: "/data", rules: [{ identity: "root", rights: ["FullControl"] }] },
      { op: "volume.list" },
      { op: "file.stat", path: "/data" },
    ]);
    for (const x of r.slice(0, 8)) assert.equal(failed(x).code, "unsupported");
    assert.equal(failed(r[7]).message, "volume.list exists only on Windows");
    assert.equal(ok(r[8], "file.stat").type, "directory");
  });

  it("the script itself rejects unknown ops and missing fields (validation on the far side)", async () => {
    // Bypass the TS validation: hand-made wire lines.
    const b = (s: string) => Buffer.from(s).toString("base64");
    const payload = posixPayloadLines({ protocolVersion: 1, options: { root: fake.root }, ops: [{ op: "rm.everything" }, { op: "file.read" }, { op: "clp", command: "bash", "args": ["-c", `touch ${canary}`] }, { op: "facts" }] });
    const stdin = Buffer.from(`${b(POSIX_AGENT_SCRIPT)}\n${payload}`);
    const res = await host.exec(agentInvocation("linux", []).argv, { stdin });
    const lines = res.stdoutText.trim().split("\n");
    assert.equal(lines.length, 6, res.stdoutText + res.stderrText);
    assert.match(lines[1], /"code":"unknown-op","message":"unknown op: rm.everything"/);
    assert.match(lines[2], /"code":"bad-request","message":"missing or undecodable field: path"/);
    assert.match(lines[3], /"code":"bad-request","message":"not an allowed CLUSTERPRO command: bash"/);
    assert.match(lines[4], /"ok":true/);
    // And a payload of another protocol version answers "protocol" for each op.
    const v2 = Buffer.from(`${b(POSIX_AGENT_SCRIPT)}\nclp-agent 2\n${posixPayloadLines({ protocolVersion: 1, options: {}, ops: [{ op: "facts" }] }).split("\n")[1]}\nend\n`);
    const res2 = await host.exec(agentInvocation("linux", []).argv, { stdin: v2 });
    assert.match(res2.stdoutText, /"code":"protocol"/);
  });

  it("runAgent reports its overall deadline as RemoteError agent.run; the connection stays usable", async () => {
    const t0 = Date.now();
    await assert.rejects(
      runAgent(host, [{ op: "clp", command: "clpcl", timeoutSec: 20 }], { root: fake.root, timeoutMs: 800 }),
      /^RemoteError: node1: agent\.run: the agent did not finish within 800 ms \(ops: clp\)/,
    );
    assert.ok(Date.now() - t0 < 5000);
    const [r] = await run([{ op: "file.stat", path: "/data" }]);
    assert.equal(ok(r, "file.stat").type, "directory");
  });

  it("a malformed answer becomes a RemoteError naming the node and the op", async () => {
    const fakeHost = { name: "node9", os: "linux" as const, exec: async () => ({ exitCode: 0, stdout: Buffer.from("@@clp-agent-begin@@ 1\n{oops\n"), stderr: Buffer.alloc(0), stdoutText: "", stderrText: "", timedOut: false }), putFile: async () => {}, getFile: async () => Buffer.alloc(0), close: async () => {} };
    await assert.rejects(runAgent(fakeHost, [{ op: "facts" }]), (e: Error) => {
      assert.ok(e instanceof RemoteError);
      assert.match(e.message, /^node9: agent\.output: malformed JSON in the result for op #0 \(facts\)/);
      return true;
    });
  });

  describe("injection corpus", () => {
    it("as exec argv (with and without a time-out): arrives literally, runs nothing", async () => {
      const corpus = [...injectionCorpus(canary), ""];
      for (const timeoutMs of [undefined, 20000]) {
        const r = await host.exec(["printf", "%s\\0", ...corpus], { timeoutMs });
        assert.equal(r.exitCode, 0, r.stderrText);
        assert.deepEqual(r.stdoutText.split("\0").slice(0, -1), corpus);
      }
    });

    it("as file names and contents: written and read back byte-identical", async () => {
      const corpus = injectionCorpus(canary);
      const names = fileNameSafe(corpus);
      const content = corpus.join("\u0000|");
      const ops: AgentOpInput[] = [{ op: "file.mkdir", path: "/inj" }];
      names.forEach((n, i) => ops.push({ op: "file.write", path: `/inj/${i}-${n}`, content }));
      names.forEach((n, i) => ops.push({ op: "file.read", path: `/inj/${i}-${n}` }));
      names.forEach((n, i) => ops.push({ op: "file.copy", from: `/inj/${i}-${n}`, to: `/inj/copy/${n}-${i}` }));
      const r = await run(ops);
      r.forEach((x) => ok(x));
      const reads = r.slice(1 + names.length, 1 + 2 * names.length);
      reads.forEach((x) => assert.equal(ok(x, "file.read").content, content));
      const listed = fs.readdirSync(onDisk("inj")).filter((f) => f !== "copy").sort();
      assert.deepEqual(listed, names.map((n, i) => `${i}-${n}`).sort());
      names.forEach((n, i) => assert.equal(fs.readFileSync(onDisk(`inj/copy/${n}-${i}`), "utf8"), content));
    });

    it("as clp args, service names, interface names and hosts names: literal data", async () => {
      const corpus = injectionCorpus(canary);
      const serviceNames = corpus.filter((s) => s !== "" && !/[\r\n/\\]/.test(s));
      serviceNames.forEach((s) => fake.addService(s));
      const tokens = corpus.filter((s) => /^[^\s#]+$/.test(s));
      const r = await run([
        { op: "clp", command: "clpstat", args: corpus },
        { op: "service.query", names: serviceNames },
        { op: "nic.setEnabled", name: "$(touch " + canary + ")", enabled: true },
        { op: "hosts.set", entries: [{ address: "10.9.9.9", hostnames: tokens }] },
        { op: "hosts.get" },
      ]);
      assert.deepEqual(ok(r[0], "clp").stdout.split("\0").slice(0, -1), corpus);
      assert.deepEqual(
        ok(r[1], "service.query").services.map((s) => [s.name, s.exists]),
        serviceNames.map((s) => [s, true]),
      );
      assert.equal(failed(r[2]).code, "not-found");
      ok(r[3]);
      assert.deepEqual(ok(r[4], "hosts.get").entries.find((e) => e.address === "10.9.9.9")?.hostnames, tokens);
    });

    it("hosts tokens with whitespace are refused before anything is sent", async () => {
      await assert.rejects(run([{ op: "hosts.set", entries: [{ address: "10.0.0.1", hostnames: ["a\nb 10.0.0.66 evil"] }] }]), (e: Error) => e instanceof RemoteError && /agent\.validate/.test(e.message));
    });
  });
});
