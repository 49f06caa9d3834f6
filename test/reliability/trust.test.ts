// Transport trust: a wrong SSH host key and a wrong WinRM certificate are refused before any
// credential is sent or any command runs (the lab records no command), naming the node.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runAgent } from "../../provider/remote/host";
import { createSshHost } from "../../provider/remote/ssh";
import type { RemoteHost } from "../../provider/remote/types";
import { WinRmClient } from "../../provider/remote/winrm";
import { Lab, type LabInfo } from "../../sim/lab";
import { sshKeyPair } from "./support";

const PASSWORD = "Lab-rel-trust-Pa55";

describe("reliability: a wrong SSH host key and a wrong WinRM certificate are refused", function () {
  this.timeout(60_000);
  let dir: string;
  let lab: Lab;
  let info: LabInfo;
  const key = sshKeyPair();
  const node = (name: string) => info.nodes.find((n) => n.name === name)!;
  const commands = () => [...lab.stats.values()].reduce((n, s) => n + (s.operations["winrm.Command"] ?? 0) + (s.operations["ssh.exec"] ?? 0) + (s.operations["agent"] ?? 0), 0);
  const refused = async (host: RemoteHost, expect: RegExp) => {
    lab.resetStats();
    try {
      await assert.rejects(runAgent(host, [{ op: "facts" }]), (e: Error) => {
        assert.match(e.message, expect);
        assert.ok(!e.message.includes(PASSWORD) && !e.message.includes(key.privateKey), "no secret in the message");
        return true;
      });
    } finally {
      await host.close();
    }
    assert.equal(commands(), 0, "no command reached the node");
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-rel-trust-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }, { name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root", password: PASSWORD, authorizedKeys: [key.publicKey] });
    info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8"));
  });
  after(async () => {
    await lab?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const ssh = (name: string, fingerprint: string, auth: { password?: string; privateKey?: string }) =>
    createSshHost({ name, os: "linux", host: "127.0.0.1", port: node(name).ssh!.port, username: "root", ...auth, hostKeyFingerprint: fingerprint });
  const winrm = (name: string, tls: { caPem?: string; fingerprintSha256?: string }) =>
    new WinRmClient({ name, host: "127.0.0.1", port: node(name).winrm!.httpsPort, https: true, auth: { type: "basic", username: "root", password: PASSWORD }, tls });

  it("accepts the pinned SSH host key and the pinned WinRM CA (control)", async () => {
    for (const host of [ssh("node1", node("node1").ssh!.hostKeyFingerprint, { privateKey: key.privateKey }), winrm("server01", { caPem: node("server01").winrm!.caCertPem })]) {
      try {
        const [r] = await runAgent(host, [{ op: "facts" }]);
        assert.equal(r.ok, true);
      } finally {
        await host.close();
      }
    }
  });

  it("refuses an SSH host whose key is another node's (password auth)", () => refused(ssh("node1", node("node2").ssh!.hostKeyFingerprint, { password: PASSWORD }), /^node1: .*host key/i));

  it("refuses an SSH host whose key is another node's (key auth)", () => refused(ssh("node1", node("node2").ssh!.hostKeyFingerprint, { privateKey: key.privateKey }), /^node1: .*host key/i));

  it("refuses a WinRM server whose certificate another node's CA does not sign", () => refused(winrm("server01", { caPem: node("server02").winrm!.caCertPem }), /^server01: /));

  it("refuses a WinRM server whose certificate does not match the pinned fingerprint", () => refused(winrm("server01", { fingerprintSha256: node("server02").winrm!.certificateSha256 }), /^server01: /));

  it("refuses a WinRM server over HTTPS with no trust configured (the system CAs do not know it)", () => refused(winrm("server01", {}), /^server01: /));
});
