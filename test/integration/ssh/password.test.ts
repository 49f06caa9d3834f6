// Password authentication and the Windows exec path, against an ssh2.Server test double on 127.0.0.1.
// (The real sshd fixture cannot test passwords without changing a system account's password, which we never do.)
// Proves: password auth works; a wrong password fails with a message that contains no secret, also in the log
// sink; a Windows host receives only `powershell.exe … -EncodedCommand <b64>` whose launcher carries argv as
// base64 JSON; the agent invocation is sent as it is.
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { Server, utils, type Connection } from "ssh2";
import { generateEd25519 } from "../../../sim/ssh/server";
import { agentInvocation } from "../../../provider/remote/agent";
import { SshHost, sshFingerprint } from "../../../provider/remote/ssh";
import { decodePowerShell, recogniseScript } from "../../../provider/remote/winrm/launcher";

const PASSWORD = "S3cret-P@ss'\"; $(whoami) ローカル";
const KEY_PASSPHRASE = "another-Secret-9";

describe("SSH password auth and Windows exec (ssh2.Server double)", function () {
  this.timeout(20000);
  let server: Server;
  let port: number;
  let fingerprint: string;
  const received: string[] = [];
  const hosts: SshHost[] = [];

  before(async () => {
    const hostKey = generateEd25519();
    const parsed = utils.parseKey(hostKey.private);
    if (parsed instanceof Error) throw parsed;
    fingerprint = sshFingerprint(parsed.getPublicSSH());
    server = new Server({ hostKeys: [hostKey.private] }, (client: Connection) => {
      client.on("authentication", (ctx) => {
        if (ctx.method === "password" && ctx.username === "admin" && ctx.password === PASSWORD) return ctx.accept();
        return ctx.reject(["password"]);
      });
      client.on("ready", () => {
        client.on("session", (accept) => {
          const session = accept();
          session.on("exec", (acceptExec, _reject, info) => {
            received.push(info.command);
            const ch = acceptExec();
            const chunks: Buffer[] = [];
            ch.on("data", (d: Buffer) => chunks.push(d));
            ch.on("end", () => {
              ch.write(`got ${Buffer.concat(chunks).length} bytes of stdin\n`);
              ch.stderr.write("err\n");
              ch.exit(5);
              ch.end();
            });
          });
        });
      });
      client.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    for (const h of hosts) await h.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function host(os: "linux" | "windows", password: string, log?: (m: string) => void): SshHost {
    const h = new SshHost({ name: "win1", os, host: "127.0.0.1", port, username: "admin", password, hostKeyFingerprint: fingerprint, log });
    hosts.push(h);
    return h;
  }

  it("authenticates with a password and runs a command", async () => {
    const r = await host("linux", PASSWORD).exec(["echo", "hi"], { stdin: "abc" });
    assert.equal(r.exitCode, 5);
    assert.equal(r.stdoutText, "got 3 bytes of stdin\n");
    assert.equal(r.stderrText, "err\n");
    assert.equal(received.at(-1), "'echo' 'hi'");
  });

  it("a wrong password fails without the password in the error or the log", async () => {
    const logs: string[] = [];
    const wrong = `${PASSWORD}-wrong`;
    await assert.rejects(host("linux", wrong, (m) => logs.push(m)).exec(["true"]), (e: Error & { details?: unknown }) => {
      assert.match(e.message, /^win1: ssh\.connect: authentication failed for user "admin" \(password\)/);
      for (const secret of [wrong, PASSWORD, "S3cret"]) {
        assert.ok(!e.message.includes(secret));
        assert.ok(!JSON.stringify(e.details).includes(secret));
        assert.ok(!String(e.stack).includes(secret));
      }
      return true;
    });
    assert.ok(!logs.join("\n").includes("S3cret"));
  });

  it("an encrypted private key with a wrong passphrase fails without key or passphrase in the error", async () => {
    const kp = generateEd25519({ passphrase: KEY_PASSPHRASE, cipher: "aes256-ctr", rounds: 4 });
    const h = new SshHost({ name: "n", os: "linux", host: "127.0.0.1", port, username: "admin", privateKey: kp.private, passphrase: "wrong-Passphrase-1", hostKeyFingerprint: fingerprint });
    hosts.push(h);
    await assert.rejects(h.exec(["true"]), (e: Error) => {
      for (const s of [KEY_PASSPHRASE, "wrong-Passphrase-1", kp.private.split("\n")[1].slice(0, 20)]) assert.ok(!e.message.includes(s), e.message);
      return true;
    });
  });

  it("Windows: exec sends only powershell -EncodedCommand of the fixed launcher, argv as base64 data", async () => {
    const argv = ["C:\\Program Files\\EXPRESSCLUSTER\\bin\\clpgrp.exe", "-s", "failover 1", `a"b & del C:\\*`, "%PATH%", "ローカル エリア接続"];
    await host("windows", PASSWORD).exec(argv);
    const cmd = received.at(-1) as string;
    assert.match(cmd, /^powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand [A-Za-z0-9+/=]+$/);
    assert.deepEqual(recogniseScript(decodePowerShell(cmd.split(" ").pop() as string)), { kind: "argv", argv });
  });

  it("Windows: the agent invocation goes out unchanged, the payload only on stdin", async () => {
    const inv = agentInvocation("windows", [{ op: "nic.setEnabled", name: "ローカル エリア接続", enabled: false }]);
    const r = await host("windows", PASSWORD).exec(inv.argv, { stdin: inv.stdin });
    assert.equal(received.at(-1), inv.argv.join(" "));
    assert.ok(!(received.at(-1) as string).includes(Buffer.from("ローカル").toString("base64").slice(0, 8)));
    assert.equal(r.stdoutText, `got ${inv.stdin.length} bytes of stdin\n`);
  });

  it("fingerprints are computed like ssh-keygen -l (SHA256:, no padding)", () => {
    const blob = crypto.randomBytes(51);
    const fp = sshFingerprint(blob);
    assert.match(fp, /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(fp, `SHA256:${crypto.createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`);
  });
});
