// The lab's fault injection as a client sees it: latency per request, a dropped connection at the
// N-th request, a named command that fails, a command that hangs until the client's time-out.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runAgent } from "../../../provider/remote/host";
import { WinRmClient } from "../../../provider/remote/winrm";
import { Lab, type LabInfo } from "../../../sim/lab";

const PASSWORD = "Lab-faults-Pa55";

describe("lab faults", function () {
  this.timeout(120_000);
  let dir: string;
  let lab: Lab;
  let info: LabInfo;
  const client = () =>
    new WinRmClient({ name: "server01", host: "127.0.0.1", port: info.nodes[0].winrm!.httpPort, auth: { type: "ntlm", username: "Administrator", password: PASSWORD } });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-faults-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server01", os: "windows" }], username: "Administrator", password: PASSWORD });
    info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8"));
  });
  afterEach(() => Object.assign(lab.faults, { latencyMs: 0, dropAt: {}, failCommands: {}, hangCommands: {} }));
  after(async () => {
    await lab?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("delays every request by the injected latency", async () => {
    const host = client();
    try {
      await runAgent(host, [{ op: "facts" }]); // warm: shell created
      lab.resetStats();
      let t = Date.now();
      await runAgent(host, [{ op: "facts" }]);
      const fast = Date.now() - t;
      const requests = lab.stats.get("server01")!.requests;
      lab.faults.latencyMs = 100;
      t = Date.now();
      await runAgent(host, [{ op: "facts" }]);
      const slow = Date.now() - t;
      // The injected delay is a floor (a sleep per request), whatever the machine's load does to the rest.
      assert.ok(slow >= 100 * requests, `with 100 ms per request: ${slow} ms for ${requests} requests (${fast} ms without)`);
    } finally {
      await host.close();
    }
  });

  it("drops the connection at the N-th request: the client reconnects and the batch completes", async () => {
    const host = client();
    try {
      await runAgent(host, [{ op: "facts" }]);
      const server = lab.endpoints.get("server01")!.http!;
      const handshakes = server.stats.ntlmHandshakes;
      lab.faults.dropAt.server01 = 2;
      const [r] = await runAgent(host, [{ op: "facts" }]);
      assert.equal(r.ok, true);
      assert.equal(lab.faults.dropAt.server01, undefined, "the fault fired");
      assert.ok(server.stats.ntlmHandshakes > handshakes, "a new connection was authenticated");
    } finally {
      await host.close();
    }
  });

  it("takes a node down: its endpoints refuse connections, naming the node, until it recovers", async () => {
    const host = client();
    try {
      await lab.fail("server01");
      await assert.rejects(runAgent(host, [{ op: "facts" }]), (e: Error) => /^server01: /.test(e.message) && /ECONNREFUSED|refused/i.test(e.message));
      await lab.recover("server01");
      const [r] = await runAgent(host, [{ op: "facts" }]);
      assert.equal(r.ok, true);
    } finally {
      await host.close();
    }
  });

  it("makes a named agent operation fail once", async () => {
    const host = client();
    try {
      lab.faults.failCommands["service.stop"] = 1;
      const [first] = await runAgent(host, [{ op: "service.stop", names: ["SNMP"] }]);
      assert.deepEqual(first.ok ? "" : first.error.message, "service.stop: failed (fault injected by clusterpro-lab)");
      const [second] = await runAgent(host, [{ op: "service.stop", names: ["SNMP"] }]);
      assert.equal(second.ok, true);
    } finally {
      await host.close();
    }
  });

  it("hangs a command until the client's time-out ends it", async () => {
    const host = client();
    try {
      lab.faults.hangCommands.agent = 1;
      await assert.rejects(runAgent(host, [{ op: "facts" }], { timeoutMs: 1500 }), /server01: agent\.run: the agent did not finish within 1500 ms/);
    } finally {
      await host.close();
    }
  });
});
