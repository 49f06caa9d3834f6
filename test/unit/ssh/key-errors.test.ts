// A private key that ssh2 cannot parse: the error names the field (connection.privateKey) and what is
// wrong with it in general terms, and never echoes key bytes. ssh2's own messages do quote parts
// of the key ("Unsupported OpenSSH key magic: …", "Unsupported cipher for OpenSSH key: …").
import { strict as assert } from "node:assert";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { RemoteError } from "../../../provider/remote/types";
import { createSshHost } from "../../../provider/remote/ssh";

const MARKER = "KEYBYTES-MARKER-7f3a9c";

function sshString(s: string): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(Buffer.byteLength(s));
  return Buffer.concat([len, Buffer.from(s)]);
}

function pem(body: Buffer, label = "OPENSSH PRIVATE KEY"): string {
  return `-----BEGIN ${label}-----\n${body.toString("base64").replace(/.{1,70}/g, "$&\n")}-----END ${label}-----`;
}

const GARBAGE_KEYS: [string, string][] = [
  ["a key whose magic carries the marker", pem(Buffer.concat([Buffer.from(MARKER.slice(0, 15)), Buffer.alloc(40, 0x41)]))],
  ["a key whose cipher name is the marker", pem(Buffer.concat([Buffer.from("openssh-key-v1\0"), sshString(MARKER), sshString("none"), sshString(""), Buffer.alloc(8)]))],
  ["a key whose kdf name is the marker", pem(Buffer.concat([Buffer.from("openssh-key-v1\0"), sshString("aes256-ctr"), sshString(MARKER), sshString(""), Buffer.alloc(8)]))],
  ["a PEM body that is the marker in clear", `-----BEGIN RSA PRIVATE KEY-----\n${MARKER}\n-----END RSA PRIVATE KEY-----`],
  ["text that is no key at all", `${MARKER} PRIVATE KEY`],
];

describe("ssh: an unusable private key is reported without its bytes", () => {
  let server: net.Server;
  let port: number;
  before(async () => {
    // Anything that listens: the key is refused before a byte is exchanged.
    server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  for (const [what, key] of GARBAGE_KEYS) {
    it(`names connection.privateKey and leaves the key out for ${what}`, async () => {
      const logs: string[] = [];
      const host = createSshHost({ name: "node1", os: "linux", host: "127.0.0.1", port, username: "root", privateKey: key, acceptUnknownHostKey: true, readyTimeoutMs: 3000, log: (l) => logs.push(l) });
      const error = await host.exec(["true"]).then(() => undefined, (e: unknown) => e);
      await host.close();
      assert.ok(error instanceof RemoteError, `expected a RemoteError, got ${String(error)}`);
      assert.equal(error.step, "ssh.config", error.message);
      assert.match(error.message, /connection\.privateKey/);
      const everything = [error.message, error.stack ?? "", JSON.stringify(error.details ?? {}), JSON.stringify(error), ...logs].join("\n");
      assert.ok(!everything.includes(MARKER.slice(0, 12)), `key bytes leaked: ${everything}`);
      assert.ok(!everything.includes(key.split("\n")[1]?.slice(0, 16) ?? MARKER), "base64 of the key leaked");
    });
  }
});
