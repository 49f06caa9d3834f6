// A two-node Linux cluster over SSH (password authentication, host keys pinned from lab.json):
// converge a group with a floating IP and a Linux mirror disk, check it runs, a second up changes
// nothing, and destroy keeps the mirrored data.
import { strict as assert } from "node:assert";
import { parseClpConf, readModel, type MirrorDiskResource } from "../../provider/clusterpro";
import type { Lab } from "../../sim/lab";
import { startLabStack, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";

const PASSWORD = "Lab-linux-Pa55";

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
const nodes = ["node1", "node2"].map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "ssh", host: "127.0.0.1", port: n.ssh.port,
    username: n.username, password, hostKeyFingerprint: n.ssh.hostKeyFingerprint } });
});
const cluster = new clusterpro.Cluster("linux", {
  name: "LinuxMirror", language: "en", servers: nodes,
  interconnects: [
    { priority: 1, kind: "kernel", mdc: "mdc1", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } },
    { priority: 2, kind: "kernel", addresses: { node1: "10.0.1.1", node2: "10.0.1.2" } } ] });
const group = new clusterpro.FailoverGroup("failover", { cluster, name: "failover",
  resources: [{ type: "script", name: "exec1", start: cfg.get("startScript") ?? "#!/bin/sh\\necho starting the database\\n", stop: "#!/bin/sh\\necho stopping\\n" }] });
new clusterpro.FloatingIp("fip", { group, name: "fip1", address: "10.0.0.100" });
new clusterpro.MirrorDisk("md", { group, name: "md1", dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1",
  mountPoint: "/mnt/md1", fileSystem: "ext4", mirrorConnects: ["mdc1"] });
`;

describe("e2e: a two-node Linux cluster over SSH", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;

  before(async () => {
    stack = await startLabStack({ project: "linuxmirror", program: PROGRAM, nodes: [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root", password: PASSWORD });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges the group with its floating IP and mirror disk, and it runs", async () => {
    await project.run(["up"]);
    const bytes = lab.cluster.conf("node1") as Buffer;
    assert.match(bytes.toString("latin1"), /^<\?xml version="1\.0" encoding="ASCII"\?>/);
    const m = readModel(parseClpConf(bytes));
    const md = m.resources.find((r) => r.name === "md1") as MirrorDiskResource;
    assert.deepEqual([md.mountPoint, md.dataPartition, md.clusterPartition, md.fs], ["/mnt/md1", "/dev/sdb2", "/dev/sdb1", "ext4"]);
    assert.match(lab.cluster.statusText(), /failover \.+: Online\s*\n\s+current +: node1/);
    assert.ok(lab.node("node1").activeAddresses.has("10.0.0.100"));
    assert.equal(m.resources.find((r) => r.name === "exec1")?.type, "exec");
    for (const n of ["node1", "node2"]) {
      assert.equal(lab.node(n).fs.readFile("/opt/nec/clusterpro/scripts/failover/exec1/start.sh").toString(), "#!/bin/sh\necho starting the database\n", `${n} has the start script`);
    }
    assert.ok(lab.node("node1").runLog.some((r) => r.path === "/opt/nec/clusterpro/scripts/failover/exec1/start.sh" && r.env.CLP_EVENT === "START"), "the exec resource ran start.sh");
  });

  it("pushes a changed script to both servers", async () => {
    await project.run(["config", "set", "startScript", "#!/bin/sh\necho v2\n"]);
    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /~ resources/);
    await project.run(["up"]);
    for (const n of ["node1", "node2"]) assert.equal(lab.node(n).fs.readFile("/opt/nec/clusterpro/scripts/failover/exec1/start.sh").toString(), "#!/bin/sh\necho v2\n");
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("destroys the group and keeps the data on the mirror's partition", async () => {
    lab.node("node1").fs.writeFile("/mnt/md1/data.db", Buffer.from("rows"));
    await project.run(["destroy"]);
    const m = readModel(parseClpConf(lab.cluster.conf("node1") as Buffer));
    assert.deepEqual(m.groups.map((g) => g.name), []);
    assert.equal(lab.node("node2").fs.exists("/opt/nec/clusterpro/scripts/failover"), false, "the group's scripts went with it");
    assert.equal(lab.node("node1").fs.readFile("/mnt/md1/data.db").toString(), "rows");
  });
});
