// Monitors and network partition resolution through the real engine against a two-node Linux lab (SSH): a cluster
// with ping NP resolution and its npaction, a group with an exec resource, a volume manager (volmgr + volmgrw), a
// custom monitor (genw) and an IP monitor (ipw) converges with one push; a genw fault the lab injects on the active
// server fails the group over, then an ipw fault (its target stops answering there) fails it back; an out-of-band
// edit of the ipw's targets shows after refresh; destroy removes them all (the cluster definition stays).
import { strict as assert } from "node:assert";
import { parseClpConf, readModel, type VolumeManagerResource } from "../../provider/clusterpro";
import type { Lab } from "../../sim/lab";
import { startLabStack, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";

const PASSWORD = "Lab-monitors-Pa55";

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
  name: "LinuxMon", language: "en", servers: nodes,
  interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }],
  networkPartitions: [{ kind: "ping", targets: ["10.0.0.254"] }],
  networkPartitionAction: "stopClusterService" });
const group = new clusterpro.FailoverGroup("failover", { cluster, name: "failover",
  resources: [{ type: "script", name: "exec1", start: "#!/bin/sh\\necho start\\n", stop: "#!/bin/sh\\necho stop\\n" }] });
new clusterpro.VolumeManager("vg", { group, name: "volmgr1", volumeManager: "lvm", target: "ecxsd" });
new clusterpro.CustomMonitor("genw", { group, name: "genw1", script: "#!/bin/sh\\npidof mydaemon\\n", intervalSeconds: 10 });
new clusterpro.IpMonitor("ipw", { group, name: "ipw1", targets: ["10.0.0.253"] });
`;

describe("e2e: monitors and network partition resolution on a Linux cluster", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const model = () => readModel(parseClpConf(lab.cluster.conf("node1") as Buffer));
  const location = () => /failover \.+: Online\s*\n\s+current +: (\S+)/.exec(lab.cluster.statusText())?.[1];
  const events = () => lab.cluster.events().map((e) => e.message);

  before(async () => {
    stack = await startLabStack({ project: "linuxmon", program: PROGRAM, nodes: [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root", password: PASSWORD });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges the cluster's ping NP and the group's exec, volmgr, genw and ipw with one push", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up"]);
    assert.equal(lab.cluster.pushes() - pushes, 1, "one push for the whole stack");
    const m = model();
    assert.equal(m.cluster.npAction, 1);
    assert.deepEqual(m.networkPartitions.map((n) => [n.type, n.name, n.device, n.pingTargets]), [["pingnp", "pingnp1", 10200, ["10.0.0.254"]]]);
    const volmgr = m.resources.find((r) => r.name === "volmgr1") as VolumeManagerResource;
    assert.deepEqual([volmgr.type, volmgr.group, volmgr.volumeManager, volmgr.devName], ["volmgr", "failover", "lvm", "ecxsd"]);
    const byType = (t: string) => m.monitors.filter((x) => x.type === t);
    assert.deepEqual(byType("volmgrw").map((x) => [x.name, x.devName, x.target, x.relation?.type, x.relation?.name]), [["volmgrw1", "ecxsd", "volmgr1", "grp", "failover"]]);
    assert.deepEqual(byType("genw").map((x) => [x.name, x.path, x.interval, x.relation?.name, x.restartThreshold]), [["genw1", "genw.sh", 10, "failover", 0]]);
    assert.deepEqual(byType("ipw").map((x) => [x.name, x.ipTargets, x.relation?.name]), [["ipw1", ["10.0.0.253"], "failover"]]);
    for (const n of ["node1", "node2"]) {
      assert.equal(lab.node(n).fs.readFile("/opt/nec/clusterpro/scripts/monitor.s/genw1/genw.sh").toString(), "#!/bin/sh\npidof mydaemon\n", `${n} has the genw script`);
    }
    assert.equal(location(), "node1");
    const status = lab.cluster.statusText();
    assert.match(status, /pingnp1 +: Normal +ping resolution/);
    assert.match(status, /genw1 +: Normal/);
    assert.match(status, /ipw1 +: Normal/);
    assert.match(status, /volmgrw1 +: Normal/);
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("fails the group over when the genw's script fails on the active server, and back when the ipw's target stops answering", async () => {
    const seen = events().length;
    lab.cluster.setMonitorFault("genw1", "node1", true);
    lab.tick();
    assert.equal(location(), "node2");
    const genwEvents = events().slice(seen);
    assert.ok(genwEvents.includes("Monitor genw1 detected an error on node1."), genwEvents.join("\n"));
    assert.ok(genwEvents.includes("Failover group failover has started (monitor genw1)."), genwEvents.join("\n"));
    assert.ok(genwEvents.includes("Failover group failover has completed."), genwEvents.join("\n"));
    lab.cluster.setMonitorFault("genw1", "node1", false);
    lab.tick();

    const seen2 = events().length;
    lab.cluster.setUnreachable("10.0.0.253", true, "node2");
    lab.tick();
    assert.equal(location(), "node1");
    const ipwEvents = events().slice(seen2);
    assert.ok(ipwEvents.includes("Monitor ipw1 detected an error on node2."), ipwEvents.join("\n"));
    assert.ok(ipwEvents.includes("Failover group failover has started (monitor ipw1)."), ipwEvents.join("\n"));
    lab.cluster.setUnreachable("10.0.0.253", false, "node2");
    lab.tick();
    assert.match(lab.cluster.statusText(), /ipw1 +: Normal/);
  });

  it("shows an out-of-band change of the ipw's targets after refresh", async () => {
    // Someone edits the IP monitor with the WebUI: pull, edit, push while suspended.
    const bytes = lab.cluster.conf("node1") as Buffer;
    const edited = Buffer.from(bytes.toString("latin1").replace("<ip>10.0.0.253</ip>", "<ip>10.0.0.252</ip>"), "latin1");
    assert.notDeepEqual(edited, bytes);
    lab.node("node1").fs.mkdir("/tmp/webui");
    lab.node("node1").fs.writeFile("/tmp/webui/clp.conf", edited);
    for (const argv of [["clpcl", "--suspend", "-a"], ["clpcfctrl", "--push", "-w", "-x", "/tmp/webui"], ["clpcl", "--resume", "-a"]]) {
      assert.equal(lab.runClp("node1", argv).exitCode, 0, argv.join(" "));
    }
    await project.run(["refresh"]);
    const ipw = project.checkpoint("linuxmon", "lab").resources.find((r) => r.urn.endsWith("::ipw"));
    assert.deepEqual(ipw?.outputs.targets, ["10.0.0.252"]);
    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /10\.0\.0\.252/);
    assert.match(preview.stdout, /10\.0\.0\.253/);
    await project.run(["up"]);
    assert.deepEqual(model().monitors.find((x) => x.name === "ipw1")?.ipTargets, ["10.0.0.253"]);
  });

  it("destroys the monitors, the volume manager and the group; the cluster and its ping NP stay", async () => {
    await project.run(["destroy"]);
    const m = model();
    assert.deepEqual(m.groups.map((g) => g.name), []);
    assert.deepEqual(m.monitors.filter((x) => ["genw", "ipw", "volmgrw"].includes(x.type)), []);
    assert.equal(m.resources.some((r) => r.type === "volmgr"), false);
    assert.equal(m.networkPartitions.length, 1, "the cluster definition stays on the servers");
    assert.equal(lab.node("node2").fs.exists("/opt/nec/clusterpro/scripts/monitor.s/genw1"), false, "the genw's script went with it");
  });
});
