// The lab's shared disks and virtual computer names: one disk store attached on both servers is usable only where
// its group is active (rw there, none elsewhere), data written survives failover and the resource's removal; a
// Windows sd needs an HBA filter and the right volume GUID; the disk and name faults make sdw/diskw/vcomw report an
// error and the group fail over; the vcom's name answers with its floating IP only from the active server.
import { strict as assert } from "node:assert";
import { applyModel, createClpConf, serializeClpConf } from "../../../provider/clusterpro";
import { clusterFragment, floatingIpFragment, groupFragment, mergeFragments } from "../../../provider/clusterpro/plan";
import { sharedDiskFragment, virtualComputerNameFragment } from "../../../provider/clusterpro/plan-storage";
import { ClusterSim } from "../../../sim/cluster";
import { VolumeStore } from "../../../sim/node/filesystem";
import { SimNode, labVolumeGuid } from "../../../sim/node/node";

function windowsConf(o: { hba?: boolean; guid?: string } = {}): Buffer {
  const servers = ["server01", "server02"];
  const guid = o.guid ?? labVolumeGuid("shared-disk", "S");
  const frags = [
    clusterFragment({ name: "W", language: "en", os: "windows", servers, interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] }),
    groupFragment({ os: "windows", name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] }),
    floatingIpFragment({ group: "failover", name: "fip1", address: "10.0.0.20", monitor: true }),
    sharedDiskFragment({
      group: "failover", name: "sd1", os: "windows", servers, drive: "S:", monitor: true,
      volumes: servers.map((server) => ({ server, volumeGuid: guid })),
      ...(o.hba === false ? {} : { hbaFilters: servers.map((server) => ({ server, id: 0, port: 1, deviceId: "VMBUS\\{ba6163d9}", instanceId: "{f8b3781b}" })) }),
    }),
    virtualComputerNameFragment({ group: "failover", name: "vcom1", computerName: "VCOM01", floatingIp: "fip1", monitor: true }),
  ];
  return serializeClpConf(applyModel(createClpConf({ name: "W", serverOs: "windows" }), mergeFragments(frags)));
}

function linuxConf(): Buffer {
  const servers = ["node1", "node2"];
  const frags = [
    clusterFragment({ name: "L", language: "en", os: "linux", servers, interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }] }),
    groupFragment({ os: "linux", name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] }),
    sharedDiskFragment({ group: "failover", name: "disk1", os: "linux", servers, device: "/dev/sdb1", mountPoint: "/mnt/sd1", fileSystem: "ext4", monitor: true }),
  ];
  return serializeClpConf(applyModel(createClpConf({ name: "L", serverOs: "linux" }), mergeFragments(frags)));
}

/** Two fresh nodes with one disk attached to both (as Lab.addSharedDisk does), the cluster configured and started. */
function cluster(os: "windows" | "linux", bytes: Buffer) {
  const names = os === "windows" ? ["server01", "server02"] : ["node1", "node2"];
  const nodes = names.map((n) => SimNode.fresh(n, os));
  const volume = os === "windows" ? "S:" : "/mnt/sd1";
  const store = new VolumeStore("shared:test", "root");
  for (const n of nodes) {
    if (os === "linux") {
      n.fs.mkdir("/mnt/sd1");
      n.fs.mkdir("/dev");
      n.fs.writeFile("/dev/sdb1", Buffer.alloc(0));
    }
    n.fs.addVolume(volume, store, "none");
    if (os === "windows") n.setVolumeGuid("S:", labVolumeGuid("shared-disk", "S"));
  }
  const sim = new ClusterSim({ nodes });
  const dir = os === "windows" ? "C:\\work" : "/work";
  nodes[0].fs.mkdir(dir);
  nodes[0].fs.writeFile(os === "windows" ? `${dir}\\clp.conf` : `${dir}/clp.conf`, bytes);
  const push = sim.exec(names[0], ["clpcfctrl", "--push", "-x", dir]);
  assert.equal(push.exitCode, 0, push.stdout + push.stderr);
  const start = sim.exec(names[0], ["clpcl", "-s", "-a"]);
  assert.equal(start.exitCode, 0, start.stdout + start.stderr);
  return { sim, nodes, names, volume, dir };
}

const file = (os: "windows" | "linux", volume: string) => (os === "windows" ? `${volume}\\data.txt` : `${volume}/data.txt`);
const messages = (sim: ClusterSim) => sim.events.map((e) => e.message).join("\n");

for (const os of ["windows", "linux"] as const) {
  describe(`sim/cluster: a ${os} shared disk`, () => {
    it("is usable only on the active server; data written there is on the other server after a move", () => {
      const { sim, nodes, names, volume } = cluster(os, os === "windows" ? windowsConf() : linuxConf());
      assert.equal(sim.groupLocation("failover"), names[0], messages(sim));
      nodes[0].fs.writeFile(file(os, volume), Buffer.from("kept"));
      assert.throws(() => nodes[1].fs.readFile(file(os, volume)), /denied|access/i, "the standby cannot reach the disk");
      assert.equal(sim.exec(names[0], ["clpgrp", "-m", "failover"]).exitCode, 0);
      assert.equal(sim.groupLocation("failover"), names[1]);
      assert.equal(nodes[1].fs.readFile(file(os, volume)).toString(), "kept");
      assert.throws(() => nodes[0].fs.readFile(file(os, volume)), /denied|access/i);
    });

    it(`its monitor (${os === "windows" ? "sdw" : "diskw"}) sees the lab's disk fault and the group fails over`, () => {
      const { sim, nodes, names, volume } = cluster(os, os === "windows" ? windowsConf() : linuxConf());
      nodes[0].fs.writeFile(file(os, volume), Buffer.from("before the fault"));
      sim.failDisk(names[0], os === "windows" ? "S:" : "/dev/sdb1");
      sim.tick();
      const monitor = os === "windows" ? "sdw1" : "diskw1";
      assert.match(messages(sim), new RegExp(`Monitor ${monitor} detected an error on ${names[0]}`));
      assert.equal(sim.groupLocation("failover"), names[1], messages(sim));
      assert.equal(nodes[1].fs.readFile(file(os, volume)).toString(), "before the fault");
    });

    it("removing the resource from the configuration leaves the data usable", () => {
      const { sim, nodes, names, volume, dir } = cluster(os, os === "windows" ? windowsConf() : linuxConf());
      nodes[0].fs.writeFile(file(os, volume), Buffer.from("survives"));
      assert.equal(sim.exec(names[0], ["clpcl", "-t", "-a"]).exitCode, 0);
      const empty = serializeClpConf(applyModel(createClpConf({ name: os === "windows" ? "W" : "L", serverOs: os }), clusterFragment({ name: os === "windows" ? "W" : "L", language: "en", os, servers: names, interconnects: [{ priority: 1, kind: "kernel", addresses: { [names[0]]: "10.0.0.1", [names[1]]: "10.0.0.2" } }] })));
      nodes[0].fs.writeFile(os === "windows" ? `${dir}\\clp.conf` : `${dir}/clp.conf`, empty);
      const push = sim.exec(names[0], ["clpcfctrl", "--push", "-x", dir]);
      assert.equal(push.exitCode, 0, push.stdout + push.stderr);
      assert.match(messages(sim), /Shared disk (sd1|disk1) was removed from the configuration; its volume \S+ is released with its data/);
      assert.equal(nodes[0].fs.readFile(file(os, volume)).toString(), "survives");
    });
  });
}

describe("sim/cluster: what a Windows sd needs on a server", () => {
  it("refuses to start without an HBA filter, naming the server and the element", () => {
    const nodes = ["server01", "server02"].map((n) => SimNode.fresh(n, "windows"));
    const store = new VolumeStore("shared:test", "x");
    for (const n of nodes) { n.fs.addVolume("S:", store, "none"); n.setVolumeGuid("S:", labVolumeGuid("shared-disk", "S")); }
    const sim = new ClusterSim({ nodes });
    nodes[0].fs.mkdir("C:\\work");
    nodes[0].fs.writeFile("C:\\work\\clp.conf", windowsConf({ hba: false }));
    assert.equal(sim.exec("server01", ["clpcfctrl", "--push", "-x", "C:\\work"]).exitCode, 0);
    sim.exec("server01", ["clpcl", "-s", "-a"]);
    assert.notEqual(sim.groupLocation("failover"), "server01");
    assert.match(messages(sim), /server server01 filters no HBA \(server@server01\/hba\): the shared disk S: is not under cluster control/);
  });

  it("refuses a volumeguid that is not the server's volume", () => {
    const { sim } = (() => {
      try {
        return cluster("windows", windowsConf({ guid: "99999999-9999-4999-8999-999999999999" }));
      } catch (e) {
        return { sim: undefined, error: e };
      }
    })() as { sim?: ClusterSim };
    // The cluster starts (clpcl -s -a succeeds) but the group cannot: the GUID names another volume.
    assert.ok(sim);
    assert.equal(sim.groupLocation("failover"), null);
    assert.match(messages(sim), /shared disk sd1: volumeguid 99999999-9999-4999-8999-999999999999 of server server0[12] is not the GUID of its volume S:/);
  });
});

describe("sim/cluster: a virtual computer name", () => {
  it("answers with its floating IP from the active server only, follows a move, and stops when the group stops", () => {
    const { sim } = cluster("windows", windowsConf());
    assert.deepEqual(sim.resolveName("vcom01"), { server: "server01", address: "10.0.0.20", resource: "vcom1" });
    assert.equal(sim.exec("server01", ["clpgrp", "-m", "failover"]).exitCode, 0);
    assert.deepEqual(sim.resolveName("VCOM01"), { server: "server02", address: "10.0.0.20", resource: "vcom1" });
    assert.equal(sim.exec("server01", ["clpgrp", "-t", "failover"]).exitCode, 0);
    assert.equal(sim.resolveName("VCOM01"), undefined);
  });

  it("vcomw sees the lab's name fault and the group fails over; the name answers from the other server", () => {
    const { sim } = cluster("windows", windowsConf());
    sim.failName("server01", "VCOM01");
    sim.tick();
    assert.match(messages(sim), /Monitor vcomw1 detected an error on server01/);
    assert.equal(sim.groupLocation("failover"), "server02", messages(sim));
    assert.equal(sim.resolveName("VCOM01")?.server, "server02");
  });
});
