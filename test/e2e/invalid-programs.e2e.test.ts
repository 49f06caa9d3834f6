// Invalid programs fail at `pulumi preview` with the field path and a reason, changing nothing: the
// lab records no change, and at most the one state read with which preview judges the objects
// registered before the invalid one against the disruption policy (docs/architecture.md).
import { strict as assert } from "node:assert";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";
import { SEED000_PROGRAM } from "../support/seed000";

const PASSWORD = "Lab-invalid-Pa55";
/** The agent operations of the state read (provider/engine/sequences.ts readStateOps). */
const READ_OPS = new Set(["agent.facts", "agent.file.mkdir", "agent.clp", "agent.file.read", "agent.file.stat", "agent.volume.list"]);

const CASES: { name: string; edit: (p: string) => string; expect: RegExp }[] = [
  {
    name: "an invalid floating IP",
    edit: (p) => p.replace(`cfg.get("fipAddress") ?? "192.168.1.14"`, `"192.168.1.300"`),
    expect: /invalid FloatingIp "fip":\s+address: must be an IPv4 address such as 192\.168\.1\.14/,
  },
  {
    name: "an unknown startup server",
    edit: (p) => p.replace(`startupServers: ["server02", "server01"]`, `startupServers: ["server02", "server03"]`),
    expect: /invalid FailoverGroup "nic":\s+startupServers\[1\]: server03 is not a server of cluster PrintPort \(servers: server01, server02\)/,
  },
  {
    name: "a duplicate group name",
    edit: (p) => p.replace(`cluster, name: "NIC_disable"`, `cluster, name: "failover"`),
    expect: /invalid FailoverGroup "nic":\s+name: group name failover is already used by FailoverGroup "failover"/,
  },
  {
    name: "a mirror connect the cluster does not have",
    edit: (p) => p.replace(`mirrorConnects: ["mdc1", "mdc2"]`, `mirrorConnects: ["mdc1", "mdc3"]`),
    expect: /invalid MirrorDisk "md":\s+mirrorConnects\[1\]: mdc3 is not a mirror connect of cluster PrintPort \(it has: mdc2, mdc1\)/,
  },
  {
    name: "a floating IP used twice (the management IP)",
    edit: (p) => p.replace(`cfg.get("fipAddress") ?? "192.168.1.14"`, `"192.168.1.13"`),
    expect: /invalid FloatingIp "fip":\s+address: address 192\.168\.1\.13 is already used by Cluster "printport" \(managementIp\)/,
  },
  {
    name: "a typo in an argument",
    edit: (p) => p.replace(`autoStart: true, failover: "auto"`, `autoStrat: true, failover: "auto"`),
    expect: /invalid FailoverGroup "failover":\s+\(args\): Unrecognized key: "autoStrat"/,
  },
];

describe("e2e: invalid programs fail at preview with the field path, changing nothing", function () {
  this.timeout(300_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;

  before(async () => {
    stack = await startLabStack({ project: "invalid", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  for (const c of CASES) {
    it(`refuses ${c.name}`, async () => {
      lab.resetStats();
      project.writeProgram(c.edit(SEED000_PROGRAM));
      const r = await project.run(["preview"], { allowFailure: true });
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, c.expect);
      // A Windows mirror disk checked before the invalid object reads each server's volume GUIDs: one read per node.
      const writes = [...lab.stats.values()].flatMap((s) => Object.keys(s.operations)).filter((op) => op.startsWith("agent.") && !READ_OPS.has(op));
      for (const [node, st] of lab.stats) assert.ok((st.operations.agent ?? 0) <= 1, `${node}: at most one read (${st.operations.agent} agent runs)`);
      assert.deepEqual(writes, [], "nothing but the state read");
      assert.equal(lab.cluster.pushes(), 0, "nothing pushed");
      assert.equal(lab.cluster.conf("server01"), undefined, "no configuration");
    });
  }
});
