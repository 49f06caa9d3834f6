// The lab as clients see it: our WinRM client and SSH transport run agent batches against simulated
// nodes, Debian's pywinrm and OpenSSH's ssh talk to it as independent clients, and its state
// survives a restart. Every socket is on 127.0.0.1; the lab is stopped in after() even on failure.
import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runAgent } from "../../../provider/remote/host";
import { createSshHost } from "../../../provider/remote/ssh";
import { WinRmClient } from "../../../provider/remote/winrm";
import { Lab, type LabInfo } from "../../../sim/lab";

const USER = "Administrator";
const PASSWORD = "Lab-Pa55word-x9";

function pywinrmAvailable(): boolean {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import winrm"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs a pywinrm script with MD4 available (OpenSSL 3 keeps it in the legacy provider). */
function pywinrm(script: string, dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const conf = path.join(dir, "openssl-legacy.cnf");
  fs.writeFileSync(
    conf,
    "openssl_conf = openssl_init\n[openssl_init]\nproviders = provider_sect\n[provider_sect]\ndefault = default_sect\nlegacy = legacy_sect\n[default_sect]\nactivate = 1\n[legacy_sect]\nactivate = 1\n",
  );
  // requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override the trust pywinrm sets: drop them.
  const { REQUESTS_CA_BUNDLE: _r, CURL_CA_BUNDLE: _c, ...env } = process.env;
  return new Promise((resolve) => {
    const child = execFile("/usr/bin/python3", ["-c", script], { env: { ...env, OPENSSL_CONF: conf, LAB_PASSWORD: PASSWORD }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe("lab: simulated nodes behind real WinRM and SSH endpoints", function () {
  this.timeout(120_000);
  let dir: string;
  let lab: Lab | undefined;
  let info: LabInfo;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-lab-"));
    const key = path.join(dir, "client_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
    lab = await Lab.start({
      dir: path.join(dir, "lab"),
      nodes: [
        { name: "server01", os: "windows" },
        { name: "server02", os: "windows" },
        { name: "node1", os: "linux" },
        { name: "node2", os: "linux" },
      ],
      username: USER,
      password: PASSWORD,
      authorizedKeys: [fs.readFileSync(`${key}.pub`, "utf8")],
    });
    info = JSON.parse(fs.readFileSync(path.join(dir, "lab", "lab.json"), "utf8"));
  });
  after(async () => {
    await lab?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const windows = (name: string, https: boolean) => {
    const n = info.nodes.find((x) => x.name === name)!;
    return new WinRmClient({
      name,
      host: "127.0.0.1",
      port: https ? n.winrm!.httpsPort : n.winrm!.httpPort,
      https,
      auth: { type: https ? "basic" : "ntlm", username: USER, password: PASSWORD },
      tls: https ? { caPem: n.winrm!.caCertPem, servername: name } : undefined,
    });
  };

  it("writes lab.json with every node's endpoints and pins", () => {
    assert.deepEqual(info.nodes.map((n) => [n.name, n.os, Boolean(n.winrm), Boolean(n.ssh)]), [
      ["server01", "windows", true, false],
      ["server02", "windows", true, false],
      ["node1", "linux", false, true],
      ["node2", "linux", false, true],
    ]);
    assert.match(info.nodes[2].ssh!.hostKeyFingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.match(info.nodes[0].winrm!.caCertPem, /BEGIN CERTIFICATE/);
  });

  for (const https of [false, true]) {
    it(`runs an agent batch on a Windows node over WinRM (${https ? "HTTPS + Basic, CA pinned" : "HTTP + NTLM with encryption"})`, async () => {
      const host = windows("server01", https);
      try {
        const before = lab!.stats.get("server01")!.operations["agent"] ?? 0;
        const results = await runAgent(host, [
          { op: "facts" },
          { op: "service.setStartup", name: "W32Time", startup: "automatic" },
          { op: "service.start", names: ["W32Time"] },
          { op: "reg.set", key: "HKLM\\SOFTWARE\\Lab\\Test", name: "Path", value: { type: "REG_SZ", data: "E:\\ESMPRO\\ローカル" } },
          { op: "file.write", path: "E:\\lab\\a\"; del /s.txt", content: "ローカル エリア接続\r\n", encoding: "cp932", createParents: true },
          { op: "file.read", path: "E:\\lab\\a\"; del /s.txt", encoding: "cp932" },
        ]);
        assert.deepEqual(results.map((r) => r.ok), [true, true, true, true, true, true]);
        const facts = results[0].ok && results[0].op === "facts" ? results[0].value : undefined;
        assert.equal(facts?.hostname, "server01");
        assert.equal(facts?.clusterpro.installed, true);
        const read = results[5];
        assert.equal(read.ok && read.op === "file.read" ? read.value.content : "", "ローカル エリア接続\r\n");
        const node = lab!.node("server01");
        assert.equal(node.services.get("W32Time")?.state, "running");
        assert.equal(node.registry?.get("HKLM\\SOFTWARE\\Lab\\Test", "Path")?.data, "E:\\ESMPRO\\ローカル");
        assert.equal(lab!.stats.get("server01")!.operations["agent"], before + 1, "one batch is one agent run");
      } finally {
        await host.close();
      }
    });
  }

  it("refuses a wrong password over WinRM without echoing it", async () => {
    const n = info.nodes[0];
    const host = new WinRmClient({ name: "server01", host: "127.0.0.1", port: n.winrm!.httpPort, auth: { type: "ntlm", username: USER, password: "wrong-Secret-42" } });
    try {
      await assert.rejects(runAgent(host, [{ op: "facts" }]), (e: Error) => /server01/.test(e.message) && !e.message.includes("wrong-Secret-42"));
    } finally {
      await host.close();
    }
  });

  it("runs the POSIX agent protocol and SFTP on a Linux node over SSH, host key pinned", async () => {
    const n = info.nodes[2];
    const host = createSshHost({ name: "node1", os: "linux", host: "127.0.0.1", port: n.ssh!.port, username: USER, password: PASSWORD, hostKeyFingerprint: n.ssh!.hostKeyFingerprint });
    try {
      const [facts, write, hosts] = await runAgent(host, [
        { op: "facts" },
        { op: "file.write", path: "/mnt/md1/data/$(touch canary).txt", content: "x'y\n", createParents: true },
        { op: "hosts.set", entries: [{ address: "192.168.1.13", hostnames: ["PrinterServer"] }] },
      ]);
      assert.equal(facts.ok && facts.op === "facts" ? facts.value.os.family : "", "linux");
      assert.equal(write.ok, true);
      assert.equal(hosts.ok, true);
      assert.equal(lab!.node("node1").fs.readFile("/mnt/md1/data/$(touch canary).txt").toString(), "x'y\n");
      await host.putFile("/tmp-upload.bin", Buffer.from([0, 1, 2, 255]));
      assert.deepEqual([...(await host.getFile("/tmp-upload.bin"))], [0, 1, 2, 255]);
      const r = await host.exec(["hostname"]);
      assert.equal(r.stdoutText, "node1\n");
    } finally {
      await host.close();
    }
  });

  it("refuses an SSH client that pins another host key", async () => {
    const n = info.nodes[2];
    const host = createSshHost({ name: "node1", os: "linux", host: "127.0.0.1", port: n.ssh!.port, username: USER, password: PASSWORD, hostKeyFingerprint: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    try {
      await assert.rejects(host.exec(["hostname"]), /host key/i);
    } finally {
      await host.close();
    }
  });

  it("accepts OpenSSH's ssh client with a key, checking the lab's host key", async () => {
    const n = info.nodes[2];
    const known = path.join(dir, "known_hosts");
    const pub = execFileSync("ssh-keygen", ["-y", "-f", path.join(dir, "lab", "keys", "node1-ssh-host-ed25519")]).toString().trim();
    fs.writeFileSync(known, `[127.0.0.1]:${n.ssh!.port} ${pub}\n`);
    // Asynchronously: the lab answers from this very process.
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        "ssh",
        ["-n", "-p", String(n.ssh!.port), "-i", path.join(dir, "client_ed25519"), "-o", `UserKnownHostsFile=${known}`, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", `${USER}@127.0.0.1`, "hostname"],
        { timeout: 30_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    assert.equal(out, "node1\n");
  });

  it("answers Debian's pywinrm: NTLM with message encryption over HTTP and Basic over HTTPS", async function () {
    if (!pywinrmAvailable()) this.skip(); // scripts/setup --for-tests installs python3-winrm
    const n = info.nodes[0];
    const ca = path.join(dir, "server01-ca.pem");
    fs.writeFileSync(ca, n.winrm!.caCertPem);
    // A configured, running cluster, so that clpstat has something to show.
    const conf = fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "sim", "printport-clp.conf"));
    lab!.node("server01").fs.mkdir("C:\\conf");
    lab!.node("server01").fs.writeFile("C:\\conf\\clp.conf", conf);
    assert.equal(lab!.runClp("server01", ["clpcfctrl", "--push", "-w", "-x", "C:\\conf"]).exitCode, 0);
    assert.equal(lab!.runClp("server01", ["clpcl", "-s", "-a"]).exitCode, 0);
    const script = `
import os, winrm
for url, transport in [("http://127.0.0.1:${n.winrm!.httpPort}/wsman", "ntlm"), ("https://127.0.0.1:${n.winrm!.httpsPort}/wsman", "basic")]:
    s = winrm.Session(url, auth=("${USER}", os.environ["LAB_PASSWORD"]), transport=transport, server_cert_validation="validate", ca_trust_path="${ca}")
    r = s.run_cmd("hostname")
    print(transport, r.status_code, r.std_out.decode().strip())
    r = s.run_cmd("nosuchcommand")
    print(transport, r.status_code, len(r.std_err) > 0)
    r = s.run_cmd("clpstat")
    out = r.std_out.decode()
    print(transport, r.status_code, "CLUSTER STATUS" in out, "Cluster : PrintPort" in out, "*server01" in out)
    r = s.run_cmd("clpgrp", ["-n", "ManagementGroup"])
    print(transport, r.status_code, r.std_out.decode().strip())
`;
    const r = await pywinrm(script, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split("\n"), [
      "ntlm 0 server01", "ntlm 1 True", "ntlm 0 True True True", "ntlm 0 server01",
      "basic 0 server01", "basic 1 True", "basic 0 True True True", "basic 0 server01",
    ]);
  });

  it("keeps its state and ports across a restart", async () => {
    const before = JSON.parse(fs.readFileSync(path.join(dir, "lab", "lab.json"), "utf8")) as LabInfo;
    lab!.node("server02").fs.writeFile("C:\\kept.txt", Buffer.from("kept"));
    await lab!.stop();
    lab = await Lab.start({ dir: path.join(dir, "lab"), nodes: [], username: "ignored", password: "ignored" });
    assert.equal(lab.node("server02").fs.readFile("C:\\kept.txt").toString(), "kept");
    assert.match(lab.cluster.statusText(), /ManagementGroup \.+: Online/, "the cluster's state survives too");
    assert.equal(lab.node("server01").services.get("W32Time")?.startup, "automatic");
    const after = JSON.parse(fs.readFileSync(path.join(dir, "lab", "lab.json"), "utf8")) as LabInfo;
    assert.deepEqual(after, before, "same ports, same certificate and host key, same credentials");
  });
});
