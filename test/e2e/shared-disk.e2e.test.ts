// Shared disks and a virtual computer name through the real engine against the lab (issue 15, items 1 and 2):
// a Linux group with a disk resource (diskw) and a Windows group with a shared disk (sd + sdw) and a virtual
// computer name (vcom + vcomw) converge, fail over (the lab's event log shows the resources
// activated on the other server, the data follows), a fault the lab injects is seen by the monitor and recovered by
// a failover, a change made behind the provider's back shows after refresh, and destroy removes the configuration
// only: the files written on the disk are still there.
import { strict as assert } from "node:assert";
import { parseClpConf, readModel, type DiskResource, type SharedDiskResource, type VcomResource } from "../../provider/clusterpro";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";

const PASSWORD = "Lab-disk-Pa55";

const LINUX_PROGRAM = `
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
const cluster = new clusterpro.Cluster("linux", { name: "LinuxDisk", language: "en", servers: nodes,
  interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }] });
const group = new clusterpro.FailoverGroup("failover", { cluster, name: "failover", resources: [] });
new clusterpro.FloatingIp("fip", { group, name: "fip1", address: "10.0.0.100" });
new clusterpro.SharedDisk("disk", { group, name: "disk1", device: "/dev/sdb1", mountPoint: "/mnt/sd1", fileSystem: "ext4",
  mountOptions: "rw", monitor: { recoveryTarget: "group" } });
`;

const WINDOWS_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
const nodes = ["server01", "server02"].map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort,
    https: true, caCertPem: n.winrm.caCertPem, username: n.username, password } });
});
const cluster = new clusterpro.Cluster("windows", { name: "SharedDisk", language: "en", servers: nodes,
  interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } }] });
const group = new clusterpro.FailoverGroup("failover", { cluster, name: "failover", resources: [] });
new clusterpro.FloatingIp("fip", { group, name: "fip1", address: "192.168.1.20" });
new clusterpro.SharedDisk("sd", { group, name: "sd1", drive: "S:",
  hbaFilters: ["server01", "server02"].map((server) => ({ server, port: 1, deviceId: "VMBUS\\\\{ba6163d9-04a1-4d29-b605-72e2ffb1dc7f}", instanceId: "{f8b3781b-1e82-4818-a1c3-63d806ec15bb}" })) });
new clusterpro.VirtualComputerName("vcom", { group, name: "vcom1", computerName: "VCOM01", floatingIp: "fip1" });
`;

/** Someone edits clp.conf with the WebUI: stop the group, suspend, push the edited file, resume, start. */
function editBehindTheBack(lab: Lab, node: string, dir: string, from: string, to: string): void {
  const bytes = lab.cluster.conf(node) as Buffer;
  const text = bytes.toString("latin1");
  assert.ok(text.includes(from), `clp.conf has ${from}`);
  const sep = dir.includes("\\") ? "\\" : "/";
  lab.node(node).fs.mkdir(dir);
  lab.node(node).fs.writeFile(`${dir}${sep}clp.conf`, Buffer.from(text.replace(from, to), "latin1"));
  for (const argv of [["clpgrp", "-t", "failover"], ["clpcl", "--suspend", "-a"], ["clpcfctrl", "--push", "-w", "-x", dir], ["clpcl", "--resume", "-a"], ["clpgrp", "-s", "failover"]]) {
    const r = lab.runClp(node, argv);
    assert.equal(r.exitCode, 0, `${argv.join(" ")}: ${r.stdout}${r.stderr}`);
  }
}

const eventsSince = (lab: Lab, n: number) => lab.cluster.events().slice(n).map((e) => e.message);

describe("e2e: a Linux disk resource through the real engine", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const conf = () => readModel(parseClpConf(lab.cluster.conf("node1") as Buffer));

  before(async () => {
    stack = await startLabStack({
      project: "linuxdisk", program: LINUX_PROGRAM, nodes: [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root", password: PASSWORD,
      prepare: (l) => l.addSharedDisk({ volume: "/mnt/sd1", device: "/dev/sdb1" }),
    });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges: the disk and its diskw are configured and the disk is usable on the active node only", async () => {
    await project.run(["up"]);
    console.log(`      clp.conf pushes for a converging up: ${lab.cluster.pushes()}`);
    assert.equal(lab.cluster.pushes(), 1, "the cluster's Apply pushes the whole stack once");
    const m = conf();
    const disk = m.resources.find((r) => r.name === "disk1") as DiskResource;
    assert.deepEqual([disk.type, disk.diskType, disk.device, disk.mountPoint, disk.fs, disk.mountOption], ["disk", "disk", "/dev/sdb1", "/mnt/sd1", "ext4", "rw"]);
    const diskw = m.monitors.find((x) => x.type === "diskw");
    assert.deepEqual([diskw?.name, diskw?.object, diskw?.relation], ["diskw1", "/dev/sdb1", { type: "grp", name: "failover" }]);
    assert.match(lab.cluster.statusText(), /failover \.+: Online\s*\n\s+current +: node1/);
    lab.node("node1").fs.writeFile("/mnt/sd1/data.db", Buffer.from("rows"));
    assert.throws(() => lab.node("node2").fs.readFile("/mnt/sd1/data.db"), /access|denied/i, "the standby cannot reach the disk");
  });

  it("fails over when the active node goes down: the disk is activated on the other node with the data", async () => {
    const from = lab.cluster.events().length;
    await lab.fail("node1");
    assert.ok(eventsSince(lab, from).includes("Activating disk1 resource has completed."), eventsSince(lab, from).join("\n"));
    assert.match(lab.cluster.statusText(), /current +: node2/);
    assert.equal(lab.node("node2").fs.readFile("/mnt/sd1/data.db").toString(), "rows");
    await lab.recover("node1");
  });

  it("diskw sees a disk fault the lab injects and recovers by failing the group over", () => {
    const from = lab.cluster.events().length;
    lab.cluster.failDisk("node2", "/dev/sdb1");
    lab.tick();
    const events = eventsSince(lab, from);
    assert.ok(events.includes("Monitor diskw1 detected an error on node2."), events.join("\n"));
    assert.match(lab.cluster.statusText(), /current +: node1/);
    assert.equal(lab.node("node1").fs.readFile("/mnt/sd1/data.db").toString(), "rows");
    lab.cluster.clearFaults();
  });

  it("refresh shows mount options changed behind the provider's back, and up puts them back", async () => {
    editBehindTheBack(lab, "node1", "/webui", "<option>rw</option>", "<option>ro</option>");
    await project.run(["refresh"]);
    const disk = project.checkpoint("linuxdisk", "lab").resources.find((r) => r.urn.endsWith("::disk"));
    assert.equal(disk?.outputs.mountOptions, "ro");
    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /~ mountOptions\s*: "ro" => "rw"/);
    await project.run(["up"]);
    assert.equal((conf().resources.find((r) => r.name === "disk1") as DiskResource).mountOption, "rw");
  });

  it("destroy removes the configuration only: the files on the disk are still there", async () => {
    await project.run(["destroy"]);
    const m = conf();
    assert.equal(m.resources.some((r) => r.name === "disk1"), false);
    assert.equal(m.monitors.some((x) => x.type === "diskw"), false);
    const holder = ["node1", "node2"].find((n) => { try { return lab.node(n).fs.readFile("/mnt/sd1/data.db").toString() === "rows"; } catch { return false; } });
    assert.ok(holder, "the data is still on the disk");
  });
});

describe("e2e: a Windows shared disk and virtual computer name through the real engine", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const conf = () => readModel(parseClpConf(lab.cluster.conf("server01") as Buffer));

  before(async () => {
    stack = await startLabStack({ project: "shareddisk", program: WINDOWS_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: (l) => l.addSharedDisk({ volume: "S:" }) });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges: sd with both servers' volume GUIDs and HBA filters, vcom bound to the fip, both monitors", async () => {
    await project.run(["up"]);
    console.log(`      clp.conf pushes for a converging up: ${lab.cluster.pushes()}`);
    assert.equal(lab.cluster.pushes(), 1, "the cluster's Apply pushes the whole stack once");
    const m = conf();
    const sd = m.resources.find((r) => r.name === "sd1") as SharedDiskResource;
    assert.equal(sd.volumeMountPoint, "S:");
    assert.deepEqual(sd.volumes, ["server01", "server02"].map((server) => ({ server, volumeGuid: lab.node(server).volumeGuid("S") })));
    for (const s of ["server01", "server02"]) assert.equal(m.servers.find((x) => x.name === s)?.hbas?.[0]?.deviceId, "VMBUS\\{ba6163d9-04a1-4d29-b605-72e2ffb1dc7f}");
    const vcom = m.resources.find((r) => r.name === "vcom1") as VcomResource;
    assert.deepEqual([vcom.computerName, vcom.fipName], ["VCOM01", "fip1"]);
    assert.deepEqual(m.monitors.filter((x) => x.type === "sdw" || x.type === "vcomw").map((x) => x.name).sort(), ["sdw1", "vcomw1"]);
    assert.match(lab.cluster.statusText(), /failover \.+: Online\s*\n\s+current +: server01/);
    assert.deepEqual(lab.cluster.resolveName("VCOM01"), { server: "server01", address: "192.168.1.20", resource: "vcom1" });
    lab.node("server01").fs.writeFile("S:\\spool.dat", Buffer.from("print job"));
    assert.throws(() => lab.node("server02").fs.readFile("S:\\spool.dat"), /access|denied/i);
  });

  it("changes nothing on a second up (the volume GUIDs read again are the same, the HBA filters are as written)", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("fails over when server01 goes down: sd and vcom are activated on server02, the name answers from there", async () => {
    const from = lab.cluster.events().length;
    await lab.fail("server01");
    const events = eventsSince(lab, from);
    for (const r of ["sd1", "vcom1"]) assert.ok(events.includes(`Activating ${r} resource has completed.`), events.join("\n"));
    assert.match(lab.cluster.statusText(), /current +: server02/);
    assert.equal(lab.node("server02").fs.readFile("S:\\spool.dat").toString(), "print job");
    assert.equal(lab.cluster.resolveName("VCOM01")?.server, "server02");
    await lab.recover("server01");
  });

  it("vcomw sees the name fault the lab injects and the group fails back over to server01", () => {
    const from = lab.cluster.events().length;
    lab.cluster.failName("server02", "VCOM01");
    lab.tick();
    const events = eventsSince(lab, from);
    assert.ok(events.includes("Monitor vcomw1 detected an error on server02."), events.join("\n"));
    assert.equal(lab.cluster.resolveName("VCOM01")?.server, "server01");
    assert.equal(lab.node("server01").fs.readFile("S:\\spool.dat").toString(), "print job");
    lab.cluster.clearFaults();
  });

  it("refresh shows a computer name changed behind the provider's back", async () => {
    editBehindTheBack(lab, "server01", "C:\\webui", "<name>VCOM01</name>", "<name>VCOM02</name>");
    await project.run(["refresh"]);
    const vcom = project.checkpoint("shareddisk", "lab").resources.find((r) => r.urn.endsWith("::vcom"));
    assert.equal(vcom?.outputs.computerName, "VCOM02");
    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /~ computerName\s*: "VCOM02" => "VCOM01"/);
  });

  it("destroy removes the configuration only: the files on the shared disk are still there", async () => {
    await project.run(["destroy"]);
    const m = conf();
    assert.equal(m.resources.some((r) => r.name === "sd1" || r.name === "vcom1"), false);
    assert.equal(lab.cluster.resolveName("VCOM01"), undefined);
    const holder = ["server01", "server02"].find((n) => { try { return lab.node(n).fs.readFile("S:\\spool.dat").toString() === "print job"; } catch { return false; } });
    assert.ok(holder, "the data is still on the shared disk");
  });
});
