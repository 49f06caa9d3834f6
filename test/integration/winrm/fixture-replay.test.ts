// Our client against a scripted fake endpoint on 127.0.0.1 that replays the recorded Windows replies:
// a w:TimedOut fault (retried), a Running Receive with several chunks, a Done Receive with exit code 3,
// and a Command fault that must surface as a RemoteError carrying code, subcode and WSManFault message.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { RemoteError } from "../../../provider/remote/types";
import { WinRmClient } from "../../../provider/remote/winrm/client";
import { ACTION, NS, first, parseXml, text } from "../../../provider/remote/winrm/soap";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "..", "..", "fixtures", "winrm", name));
const EMPTY = Buffer.from(`<s:Envelope xmlns:s="${NS.s}"><s:Header/><s:Body/></s:Envelope>`);

describe("WinRM client replaying recorded Windows replies", function () {
  this.timeout(20000);
  let server: http.Server;
  let port = 0;
  const seen: string[] = [];
  let script: Record<string, Array<[number, Buffer]>> = {};

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        if (req.headers.authorization !== `Basic ${Buffer.from("u:p").toString("base64")}`) {
          res.writeHead(401, { "WWW-Authenticate": 'Basic realm="WSMAN"', "Content-Length": "0" });
          return res.end();
        }
        const action = text(first(parseXml(Buffer.concat(chunks)), NS.a, "Action")) ?? "";
        const op = Object.entries(ACTION).find(([, v]) => v === action)?.[0] ?? "Other";
        seen.push(op);
        const queue = script[op] ?? [];
        const [status, body] = queue.length > 1 ? (queue.shift() as [number, Buffer]) : (queue[0] ?? [200, EMPTY]);
        res.writeHead(status, { "Content-Type": "application/soap+xml;charset=UTF-8", "Content-Length": String(body.length) });
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const client = () =>
    new WinRmClient({ name: "fixture-node", host: "127.0.0.1", port, auth: { type: "basic", username: "u", password: "p" }, allowBasicOverHttp: true });

  it("retries TimedOut, concatenates chunks per stream, and returns exit code 3", async () => {
    seen.length = 0;
    script = {
      Create: [[200, fixture("create-response.xml")]],
      Command: [[200, fixture("command-response.xml")]],
      Receive: [
        [500, fixture("fault-timedout.xml")],
        [200, fixture("receive-running.xml")],
        [200, fixture("receive-done-exit3.xml")],
      ],
    };
    const c = client();
    try {
      const r = await c.exec(["anything"]);
      assert.equal(r.exitCode, 3);
      assert.equal(r.stdoutText, "part1\r\nロー\r\npart2\r\n");
      assert.equal(r.stderrText, "warn\r\n");
      assert.equal(r.timedOut, false);
      assert.deepEqual(seen, ["Create", "Command", "Send", "Receive", "Receive", "Receive"]);
    } finally {
      await c.close();
    }
    assert.equal(seen[seen.length - 1], "Delete");
  });

  it("turns a SOAP fault into a RemoteError with code, subcode and WSManFault message", async () => {
    script = {
      Create: [[200, fixture("create-response.xml")]],
      Command: [[500, fixture("fault-file-not-found.xml")]],
    };
    const c = client();
    try {
      const e = await c.exec(["missing.exe"]).then(() => undefined, (x) => x);
      assert.ok(e instanceof RemoteError, String(e));
      assert.equal(e.node, "fixture-node");
      assert.match(e.message, /^fixture-node: winrm\.exec missing\.exe: Command failed: The system cannot find the file specified\. \[w:InternalError 2147942402\]$/);
      assert.equal(e.details.faultCode, "s:Receiver");
      assert.equal(e.details.faultSubcode, "w:InternalError");
      assert.equal(e.details.wsmanCode, "2147942402");
      assert.equal(e.details.status, 500);
    } finally {
      await c.close();
    }
  });

  it("a 401 under Basic is a winrm.auth error naming the user, not the password", async () => {
    const c = new WinRmClient({ name: "fixture-node", host: "127.0.0.1", port, auth: { type: "basic", username: "u", password: "hunter2-secret" }, allowBasicOverHttp: true });
    try {
      const e = await c.exec(["x"]).then(() => undefined, (x) => x);
      assert.ok(e instanceof RemoteError);
      assert.equal(e.step, "winrm.auth");
      assert.ok(!e.message.includes("hunter2-secret"));
      assert.ok(!JSON.stringify(e.details).includes("hunter2-secret"));
    } finally {
      await c.close();
    }
  });
});
