// Invalid programs through the real engine against a converged seed-000 stack: each fails at
// `pulumi preview` (and `pulumi up`) with the resource and the field path, and the lab records no
// request and no change. The in-process half (80 cases) is invalid-args.test.ts.
import { strict as assert } from "node:assert";
import { TWO_WINDOWS_NODES } from "../support/lab-stack";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../support/seed000";
import { labFingerprint, labRequests, scanAndDispose, startStack, type ReliabilityStack } from "./support";

const PASSWORD = "Lab-rel-invalid-Pa55";

const CASES: { name: string; command: "preview" | "up"; edit: (p: string) => string; expect: RegExp }[] = [
  {
    name: "an interconnect address that is not an IP",
    command: "preview",
    edit: (p) => p.replace(`server02: "192.168.3.12"`, `server02: "192.168.3.312"`),
    expect: /invalid Cluster "printport":\s+interconnects\[2\]\.addresses\.server02: must be an IPv4 address/,
  },
  {
    name: "a Linux device as a Windows mirror disk's data partition",
    command: "preview",
    edit: (p) => p.replace(`dataPartition: "E:"`, `dataPartition: "/dev/sdb2"`),
    expect: /invalid MirrorDisk "md":[\s\S]*dataPartition: /,
  },
  {
    name: "a wrong type (autoStart as a string)",
    command: "preview",
    edit: (p) => p.replace(`autoStart: true, failover: "auto"`, `autoStart: "yes" as unknown as boolean, failover: "auto"`),
    expect: /invalid FailoverGroup "failover":\s+autoStart: /,
  },
  {
    name: "a resource that depends on itself",
    command: "preview",
    edit: (p) => p.replace(`serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }`, `serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30, dependsOn: ["service"] }`),
    expect: /invalid FailoverGroup "failover":\s+resources\[0\]\.dependsOn\[0\]: a resource cannot depend on itself/,
  },
  {
    name: "an unknown startup server, with `pulumi up`",
    command: "up",
    edit: (p) => p.replace(`startupServers: ["server02", "server01"]`, `startupServers: ["server02", "server09"]`),
    expect: /invalid FailoverGroup "nic":\s+startupServers\[1\]: server09 is not a server of cluster PrintPort/,
  },
];

describe("reliability: invalid programs through the engine fail at preview, the lab records no change (at most one read per node)", function () {
  this.timeout(300_000);
  let stack: ReliabilityStack;

  before(async () => {
    stack = await startStack({ project: "relinvalid", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
    await stack.project.run(["up"]);
  });
  after(() => scanAndDispose(stack));

  for (const c of CASES) {
    it(`refuses ${c.name}`, async () => {
      const { lab, project } = stack;
      lab.resetStats();
      const before = labFingerprint(lab);
      project.writeProgram(c.edit(SEED000_PROGRAM));
      const r = await project.run([c.command], { allowFailure: true });
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, c.expect);
      // Objects registered before the invalid one may be checked: a Windows mirror disk reads each server's
      // volume GUIDs once (a read, never a change); nothing else reaches the nodes.
      for (const [node, s] of lab.stats) assert.ok((s.operations.agent ?? 0) <= 1, `${node}: at most one agent run (${s.operations.agent})`);
      assert.ok(labRequests(lab) <= 10 * lab.nodes.size, `few requests (${labRequests(lab)})`);
      assert.equal(labFingerprint(lab), before, "the lab's configuration is unchanged");
    });
  }

  it("the valid program still has nothing to change", async () => {
    stack.project.writeProgram(SEED000_PROGRAM);
    await stack.project.run(["preview", "--expect-no-changes"]);
  });
});
