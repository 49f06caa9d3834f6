// Random operation sequences on the seed lab keep the cluster's safety invariants:
// a floating IP is active on at most one up node, the mirror partition is writable on at most one node,
// the monitored service runs on at most one node, and after a monitoring round an online group sits on an up server.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { printportLab } from "./helpers";

type Op =
  | { op: "fail" | "recover" | "stopSvc"; node: 0 | 1 }
  | { op: "tick" | "suspend" | "resume" | "startAll" | "stopAll" | "write" }
  | { op: "move" | "stopGrp" | "startGrp"; group: "failover" | "NIC_disable"; node: 0 | 1 };

const node = fc.constantFrom<0 | 1>(0, 1);
const group = fc.constantFrom<"failover" | "NIC_disable">("failover", "NIC_disable");
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom<"fail" | "recover" | "stopSvc">("fail", "recover", "stopSvc"), node }),
  fc.record({ op: fc.constantFrom<"tick" | "suspend" | "resume" | "startAll" | "stopAll" | "write">("tick", "tick", "suspend", "resume", "startAll", "stopAll", "write") }),
  fc.record({ op: fc.constantFrom<"move" | "stopGrp" | "startGrp">("move", "stopGrp", "startGrp"), group, node }),
);

describe("sim/cluster: invariants under random operations", () => {
  it("never activates a FIP, the mirror partition or the service on two nodes", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const lab = printportLab();
        const nodes = [lab.s1, lab.s2];
        const names = ["server01", "server02"];
        let n = 0;
        for (const o of ops) {
          const target = "node" in o ? names[o.node] : "server01";
          const runner = nodes[0].up ? "server01" : nodes[1].up ? "server02" : undefined;
          switch (o.op) {
            case "fail": nodes[o.node].up = false; break;
            case "recover": nodes[o.node].up = true; break;
            case "stopSvc": if (nodes[o.node].up) nodes[o.node].services.stop("PrintPort_SPL"); break;
            case "tick": lab.sim.tick(); break;
            case "write": {
              const active = nodes.find((x) => x.up && x.fs.volumeAccess("E:") === "rw");
              if (active) active.fs.writeFile(`E:\\f${n++}`, Buffer.from("x"));
              break;
            }
            default: {
              if (!runner) break;
              const argv: Record<string, string[]> = {
                suspend: ["clpcl", "--suspend"], resume: ["clpcl", "--resume"], startAll: ["clpcl", "-s", "-a"], stopAll: ["clpcl", "-t", "-a"],
                move: ["clpgrp", "-m", "group" in o ? o.group : ""], stopGrp: ["clpgrp", "-t", "group" in o ? o.group : ""],
                startGrp: ["clpgrp", "-s", "group" in o ? o.group : "", "-h", target],
              };
              lab.sim.exec(runner, argv[o.op]);
            }
          }
          const up = nodes.filter((x) => x.up);
          for (const ip of ["192.168.1.13", "192.168.1.14"]) assert.ok(up.filter((x) => x.activeAddresses.has(ip)).length <= 1, `${ip} twice after ${JSON.stringify(o)}`);
          assert.ok(up.filter((x) => x.fs.volumeAccess("E:") === "rw").length <= 1, `E: rw twice after ${JSON.stringify(o)}`);
          assert.ok(up.filter((x) => x.services.get("PrintPort_SPL")!.state === "running").length <= 1, `service twice after ${JSON.stringify(o)}`);
          const st = lab.sim.status();
          for (const g of st.groups) {
            // A failure is only noticed by the next monitoring round (tick).
            if (!g.current || o.op !== "tick") continue;
            const srv = st.servers.find((s) => s.name === g.current)!;
            assert.ok(srv.up, `${g.name} on down ${g.current}`);
          }
          const fo = st.groups.find((g) => g.name === "failover")!;
          if (fo.current && fo.resources.every((r) => r.status === "Online")) {
            const i = names.indexOf(fo.current);
            assert.ok(nodes[i].activeAddresses.has("192.168.1.14"));
            assert.equal(nodes[i].fs.volumeAccess("E:"), "rw");
          }
        }
        // Every file ever written is still readable wherever the mirror is active now.
        const active = nodes.find((x) => x.up && x.fs.volumeAccess("E:") === "rw");
        if (active) for (let i = 0; i < n; i++) assert.equal(active.fs.readFile(`E:\\f${i}`).toString(), "x");
      }),
      { numRuns: Number(process.env.SIM_CLUSTER_RUNS ?? 150) },
    );
  });
});
