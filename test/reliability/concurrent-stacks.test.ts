// Two engines converging the same cluster at once, through the real engine: the same stack (same
// project and stack name) run from two checkouts, each with its own state. Applies are serialized by
// the cluster-wide lock and the optimistic check, and no update is lost (a run whose read is stale is
// refused, names why, and converges when re-run, keeping the other run's change). A different stack
// is refused outright: the cluster records which stack manages it.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import { workDirs } from "../../provider/engine/sequences";
import { PulumiProject } from "../support/pulumi-project";
import { TWO_WINDOWS_NODES } from "../support/lab-stack";
import { scanAndDispose, startStack, type ReliabilityStack } from "./support";

const PASSWORD = "Lab-rel-concurrent-Pa55";

/** The same cluster in both stacks (identical, so the second adopts it); each stack declares its own groups. */
const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
const servers = ["server01", "server02"].map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort,
    https: true, caCertPem: n.winrm.caCertPem, username: n.username, password } });
});
const cluster = new clusterpro.Cluster("shared", { name: "Shared", language: "en", servers,
  interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] });
for (const g of (cfg.get("groups") ?? "").split(",").filter(Boolean)) {
  new clusterpro.FailoverGroup(g, { cluster, name: g, failover: "auto" });
}
`;

describe("reliability: two stacks converging the same cluster at once", function () {
  this.timeout(300_000);
  let a: ReliabilityStack;
  let b: ReliabilityStack | undefined;

  const groups = () => readModel(parseClpConf(a.lab.cluster.conf("server01") as Buffer)).groups.map((g) => g.name).sort();

  before(async () => {
    a = await startStack({ project: "relconcurrent", program: PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD });
    await a.project.run(["config", "set", "groups", "ga1"]);
    await a.project.run(["up"]);
    // B: the same project and stack in another checkout (its own state), on the same lab.
    const project = PulumiProject.create("relconcurrent", PROGRAM);
    b = { ...a, project, captured: [], dispose: async () => project.dispose() };
    await project.run(["stack", "init", "lab"]);
    await project.run(["config", "set", "labJson", path.join(a.labDir, "lab.json")]);
    await project.setSecret("password", PASSWORD);
    await project.run(["config", "set", "groups", "gb1"]);
  });
  after(async () => {
    try {
      await scanAndDispose(b);
    } finally {
      await scanAndDispose(a);
    }
  });

  it("runs both ups at once: serialized, and after at most one re-run both changes are there", async () => {
    const sb = b as ReliabilityStack;
    await a.project.run(["config", "set", "groups", "ga1,ga2"]);
    a.lab.faults.latencyMs = 20; // widen the window in which both are between read and push
    a.lab.resetStats();
    const [ra, rb] = await Promise.all([a.project.run(["up"], { allowFailure: true }), sb.project.run(["up"], { allowFailure: true })]);
    a.lab.faults.latencyMs = 0;
    const pushes = a.lab.cluster.pushes();
    const results = [{ s: a, r: ra }, { s: sb, r: rb }];
    const failed = results.filter((x) => x.r.code !== 0);
    console.log(`      at once: ${results.map((x) => (x.r.code === 0 ? "succeeded" : "refused")).join(", ")}; ${pushes} pushes`);
    assert.ok(failed.length <= 1, "at least one stack applies");
    assert.equal(pushes, 2 - failed.length, "one push per stack that applied, none by a refused one");
    for (const f of failed) assert.match(f.r.stdout + f.r.stderr, /server01: verify: clp\.conf changed on the cluster since it was read|is held by/, f.r.stdout);
    // The refused one (if any) converges on a re-run, keeping the other's groups.
    for (const f of failed) await f.s.project.run(["up"]);
    assert.deepEqual(groups(), ["ga1", "ga2", "gb1"].sort(), "no update lost");
    assert.equal(a.lab.node("server01").fs.exists(workDirs("windows").lock), false, "the lock is released");
  });

  it("both stacks then have nothing to change", async () => {
    await a.project.run(["preview", "--expect-no-changes"]);
    await (b as ReliabilityStack).project.run(["preview", "--expect-no-changes"]);
  });

  it("another stack (another project name) is told which stack manages the cluster, and changes nothing", async () => {
    const other = PulumiProject.create("relconcurrentother", PROGRAM);
    try {
      await other.run(["stack", "init", "lab"]);
      await other.run(["config", "set", "labJson", path.join(a.labDir, "lab.json")]);
      await other.setSecret("password", PASSWORD);
      await other.run(["config", "set", "groups", "gc1"]);
      const pushes = a.lab.cluster.pushes();
      const r = await other.run(["up"], { allowFailure: true });
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, /cluster Shared is managed by another Pulumi stack, relconcurrent\/lab/);
      assert.equal(a.lab.cluster.pushes(), pushes);
      assert.ok(!groups().includes("gc1"));
    } finally {
      await other.dispose();
    }
  });
});
