import { strict as assert } from "node:assert";
import { agentInvocation } from "../../../provider/remote/agent/invocation";
import { decodeAgentStdin } from "../../../sim/agent/decode";

describe("sim agent: decoding what the provider sends", () => {
  const ops = [
    { op: "file.write" as const, path: "/srv/a'; rm -rf /", content: "ローカル エリア接続\n", createParents: true },
    { op: "hosts.set" as const, entries: [{ address: "192.168.1.13", hostnames: ["PrinterServer", "ps"] }], removeAddresses: [] },
    { op: "service.start" as const, names: ["clusterpro"], timeoutSec: 30 },
    { op: "clp" as const, command: "clpgrp" as const, args: ["-m", "NIC_disable"] },
  ];

  for (const os of ["linux", "windows"] as const) {
    it(`reads the ${os} payload back into the same wire ops`, () => {
      const inv = agentInvocation(os, ops);
      const wire = decodeAgentStdin(os, inv.stdin);
      assert.equal(wire.length, 4);
      assert.equal(wire[0].path, "/srv/a'; rm -rf /");
      assert.equal(Buffer.from(String(wire[0].dataBase64), "base64").toString(), "ローカル エリア接続\n");
      assert.equal(wire[0].createParents, true);
      assert.deepEqual(wire[1].entries, [{ address: "192.168.1.13", hostnames: ["PrinterServer", "ps"] }]);
      assert.deepEqual(wire[1].removeAddresses, []);
      assert.equal(wire[2].timeoutSec, 30);
      assert.deepEqual(wire[3].args, ["-m", "NIC_disable"]);
    });
  }
});
