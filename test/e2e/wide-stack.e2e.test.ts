// A stack with more cluster objects than the engine runs at once (`--parallel 2`), whose Cluster
// resource is created after all of them: every object stages its change and returns, the cluster's
// Apply (after all of them) pushes once, creating the cluster and groups from the plans the objects
// carry, so nothing waits for a resource the engine has not scheduled yet.
import { strict as assert } from "node:assert";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";

const PASSWORD = "Lab-wide-Pa55";
const GROUPS = 10;

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
const nodes = ["server01", "server02"].map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpPort, https: false, username: n.username, password } });
});
// The Cluster resource is created last (it depends on every group and floating IP), so the children
// must create the cluster themselves from the plan they carry: nothing can wait for the Cluster.
let release: (children: pulumi.Resource[]) => void = () => undefined;
const afterChildren = new Promise<pulumi.Resource[]>((resolve) => (release = resolve));
const cluster = new clusterpro.Cluster("wide", { name: "Wide", language: "en", servers: nodes,
  interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] }, { dependsOn: afterChildren });
const children: pulumi.Resource[] = [];
for (let i = 1; i <= ${GROUPS}; i++) {
  const group = new clusterpro.FailoverGroup("g" + i, { cluster, name: "g" + i });
  children.push(group, new clusterpro.FloatingIp("fip" + i, { group, name: "fip" + i, address: "10.0.1." + i }));
}
release(children);
`;

describe("e2e: a wide stack with little engine parallelism", function () {
  this.timeout(600_000);
  let stack: LabStack;

  before(async () => {
    stack = await startLabStack({ project: "wide", program: PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD });
  });
  after(() => stack?.dispose());

  it(`converges ${GROUPS} groups and ${GROUPS} floating IPs with --parallel 2`, async () => {
    await stack.project.run(["up", "--parallel", "2"]);
    const m = readModel(parseClpConf(stack.lab.cluster.conf("server01") as Buffer));
    assert.equal(m.groups.length, GROUPS);
    assert.equal(m.resources.filter((r) => r.type === "fip").length, GROUPS);
    console.log(`      clp.conf pushes: ${stack.lab.cluster.pushes()}`);
    assert.equal(stack.lab.cluster.pushes(), 1, "one push, with 21 objects and 2 engine slots: they stage, the Apply pushes");
    await stack.project.run(["up", "--expect-no-changes"]);
  });
});
