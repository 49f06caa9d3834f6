// Faults during a converging `pulumi up` through the real engine (the full matrix, every op and every
// request, is faults-session.test.ts): the up fails with a message naming the node and the step, the
// mirrored data and clp.conf are intact, and a re-run converges.
import { strict as assert } from "node:assert";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import { TWO_WINDOWS_NODES } from "../support/lab-stack";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../support/seed000";
import { scanAndDispose, startStack, type ReliabilityStack } from "./support";

const PASSWORD = "Lab-rel-faults-Pa55";
const NAMES_NODE_AND_STEP = /error: server0[12]: \S[^\n]*?: \S/;

describe("reliability: faults during a converging up through the engine", function () {
  this.timeout(300_000);
  let stack: ReliabilityStack;
  let address = 20;

  const fip = () => (readModel(parseClpConf(stack.lab.cluster.conf("server01") as Buffer)).resources.find((r) => r.name === "fip") as { ip?: string }).ip;
  const assertIntact = () => {
    for (const n of ["server01", "server02"]) {
      const m = readModel(parseClpConf(stack.lab.cluster.conf(n) as Buffer));
      assert.deepEqual(m.groups.map((g) => g.name).sort(), ["ManagementGroup", "NIC_disable", "failover"], `${n}: clp.conf is whole`);
    }
    const holder = ["server01", "server02"].find((n) => stack.lab.node(n).fs.exists("E:\\spool.dat"));
    assert.ok(holder, "the mirrored file is on a data partition");
    assert.equal(stack.lab.node(holder).fs.readFile("E:\\spool.dat").toString(), "print job");
  };

  /** Changes the floating IP (a group-class apply), injects the fault, runs up, checks, recovers, re-runs. */
  async function faultCase(inject: () => void | Promise<void>, recover: () => void | Promise<void> = () => undefined) {
    address++;
    await stack.project.run(["config", "set", "fipAddress", `192.168.1.${address}`]);
    await inject();
    // --skip-preview: the fault then hits the update's own step (the preview's best-effort reads
    // would otherwise consume it; a failed read there only drops the "would apply with" line).
    const r = await stack.project.run(["up", "--skip-preview"], { allowFailure: true });
    Object.assign(stack.lab.faults, { dropAt: {}, failCommands: {}, hangCommands: {} });
    await recover();
    const out = r.stdout + r.stderr;
    if (r.code !== 0) assert.match(out, NAMES_NODE_AND_STEP, out);
    assertIntact();
    await stack.project.run(["up"]);
    assert.equal(fip(), `192.168.1.${address}`, "the re-run converged");
    assertIntact();
    return { failed: r.code !== 0, line: /error: (server0[12]: [^\n]*)/.exec(out)?.[1] };
  }

  before(async () => {
    stack = await startStack({ project: "relfaults", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
    await stack.project.run(["up"]);
    const active = /failover \.+: Online\s*\r?\n\s+current +: (server0[12])/.exec(stack.lab.cluster.statusText())?.[1] as string;
    stack.lab.node(active).fs.writeFile("E:\\spool.dat", Buffer.from("print job"));
  });
  after(() => scanAndDispose(stack));

  it("read step: reading the pulled clp.conf fails (every time: a single failure is retried by the commit's own read)", async () => {
    const r = await faultCase(() => void (stack.lab.faults.failCommands["file.read"] = 1000));
    assert.ok(r.failed);
    assert.match(r.line ?? "", /^server01: clpcfctrl --pull: /);
  });

  it("apply step: stopping the group fails", async () => {
    const r = await faultCase(() => void (stack.lab.faults.failCommands.clpgrp = 1));
    assert.ok(r.failed);
    assert.match(r.line ?? "", /^server01: clpgrp -t failover: /);
  });

  it("connection dropped at the first request: retried, or refused naming the node", async () => {
    await faultCase(() => void (stack.lab.faults.dropAt.server01 = 1));
  });

  it("node down: the standby is unreachable at the push", async () => {
    const r = await faultCase(() => stack.lab.fail("server02"), () => stack.lab.recover("server02"));
    assert.ok(r.failed);
    assert.match(r.line ?? "", /^server01: clpcfctrl --push .*server02 is not reachable/);
  });
});
