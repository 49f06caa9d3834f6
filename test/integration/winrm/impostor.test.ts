// NTLM over plain HTTP: the password never crosses the wire, so the only thing that proves the
// server knows it is that its replies are sealed with the session key. An impostor on 127.0.0.1
// completes the NTLM handshake without the password (it sends a challenge and accepts any
// AUTHENTICATE), then answers in plain SOAP, or sealed with a key it made up. The client must
// refuse both before it believes a word of the reply.
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { RemoteError } from "../../../provider/remote/types";
import { WinRmClient } from "../../../provider/remote/winrm/client";
import { ENCRYPTED_CONTENT_TYPE, wrapEncrypted } from "../../../provider/remote/winrm/encryption";
import { NS } from "../../../provider/remote/winrm/soap";
import { NtlmFlags, NtlmSession } from "../../../provider/remote/winrm/ntlm";
import { createChallenge, type PendingChallenge } from "../../../sim/winrm/ntlm-acceptor";

const PASSWORD = "the-real-Pa$$word";

/** One envelope that satisfies every reply parser: a shell, a command, and its output with exit code 0. */
function universalReply(): string {
  const out = Buffer.from("I am your server\r\n").toString("base64");
  return (
    `<s:Envelope xmlns:s="${NS.s}" xmlns:w="${NS.w}" xmlns:rsp="${NS.rsp}"><s:Header>` +
    `<w:SelectorSet><w:Selector Name="ShellId">IMPOSTOR-SHELL</w:Selector></w:SelectorSet></s:Header><s:Body>` +
    `<rsp:Shell><rsp:ShellId>IMPOSTOR-SHELL</rsp:ShellId></rsp:Shell>` +
    `<rsp:CommandResponse><rsp:CommandId>IMPOSTOR-CMD</rsp:CommandId></rsp:CommandResponse>` +
    `<rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="IMPOSTOR-CMD">${out}</rsp:Stream>` +
    `<rsp:Stream Name="stdout" CommandId="IMPOSTOR-CMD" End="true"></rsp:Stream><rsp:Stream Name="stderr" CommandId="IMPOSTOR-CMD" End="true"></rsp:Stream>` +
    `<rsp:CommandState CommandId="IMPOSTOR-CMD" State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done"><rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState>` +
    `</rsp:ReceiveResponse></s:Body></s:Envelope>`
  );
}

type Mode = "plain" | "bad-signature";

/** An HTTP server that plays the NTLM handshake without knowing any password. */
async function startImpostor(mode: Mode): Promise<{ port: number; requests: { sealed: number }; close: () => Promise<void> }> {
  const requests = { sealed: 0 };
  const pending = new WeakMap<object, PendingChallenge>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const auth = req.headers.authorization ?? "";
      const token = /^(?:Negotiate|NTLM)\s+(\S+)/i.exec(auth)?.[1];
      const conn = req.socket as object;
      if (token) {
        const msg = Buffer.from(token, "base64");
        if (msg.readUInt32LE(8) === 1) {
          const p = createChallenge(msg, { computerName: "WINNODE", domainName: "LAB" });
          pending.set(conn, p);
          res.writeHead(401, { "WWW-Authenticate": `Negotiate ${p.challenge.toString("base64")}`, "Content-Length": "0" });
          return void res.end();
        }
        // AUTHENTICATE: accepted whatever it proves.
        res.writeHead(200, { "Content-Length": "0", "Content-Type": "application/soap+xml;charset=UTF-8" });
        return void res.end();
      }
      if (!/multipart\/encrypted/i.test(req.headers["content-type"] ?? "")) {
        res.writeHead(401, { "WWW-Authenticate": "Negotiate", "Content-Length": "0" });
        return void res.end();
      }
      requests.sealed++;
      const xml = Buffer.from(universalReply(), "utf8");
      if (mode === "plain") {
        res.writeHead(200, { "Content-Type": "application/soap+xml;charset=UTF-8", "Content-Length": String(xml.length) });
        return void res.end(xml);
      }
      // Sealed with a session key the impostor made up: the framing is right, the signature is not.
      const flags = NtlmFlags.EXTENDED_SESSIONSECURITY | NtlmFlags.KEY_EXCH | NtlmFlags.SEAL | NtlmFlags.SIGN | NtlmFlags.NEGOTIATE_128;
      const body = wrapEncrypted(new NtlmSession(randomBytes(16), flags, "server"), xml);
      res.writeHead(200, { "Content-Type": ENCRYPTED_CONTENT_TYPE, "Content-Length": String(body.length) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe("WinRM NTLM over HTTP: an impostor that does not know the password is refused", function () {
  this.timeout(20000);

  for (const mode of ["plain", "bad-signature"] as const) {
    it(`refuses a server whose reply is ${mode === "plain" ? "plain SOAP (not sealed)" : "sealed with a wrong key"}`, async () => {
      const impostor = await startImpostor(mode);
      const logLines: string[] = [];
      const client = new WinRmClient({
        name: "node1",
        host: "127.0.0.1",
        port: impostor.port,
        auth: { type: "ntlm", username: "LAB\\operator", password: PASSWORD },
        log: (l) => logLines.push(l),
      });
      try {
        let result: unknown;
        const error = await client.exec(["hostname"]).then(
          (r) => {
            result = r;
            return undefined;
          },
          (e: unknown) => e,
        );
        assert.equal(result, undefined, `the client believed the impostor: ${JSON.stringify(result)}`);
        assert.ok(error instanceof RemoteError, `expected RemoteError, got ${String(error)}`);
        assert.equal(error.step, "winrm.seal");
        assert.match(error.message, /not sealed|not verified|possible impostor/);
        assert.match(error.message, /possible impostor/);
        assert.ok(impostor.requests.sealed >= 1, "the client did send its (sealed) request");
        for (const text of [error.message, ...logLines]) assert.ok(!text.includes(PASSWORD), "password leaked");
      } finally {
        await client.close().catch(() => undefined);
        await impostor.close();
      }
    });
  }
});
