// SharedDisk / VirtualComputerName fragments: applied to the real Linux files that have a disk + diskw they change
// nothing (adoption is a no-op), each field lands in the element the real files use, a new Windows sd is written as
// clpcfset's sample writes it (volumemountpoint, server@<srv>/parameters/volumeguid, hba@<id>), removal keeps data
// elements of other objects, and reading back gives the model the fragment declared.
import { strict as assert } from "node:assert";
import { applyModel, createClpConf, readModel, serializeClpConf, type DiskResource, type SharedDiskResource, type VcomResource } from "../../../provider/clusterpro";
import { clusterFragment, floatingIpFragment, groupFragment, mergeFragments } from "../../../provider/clusterpro/plan";
import { sharedDiskFragment, sharedDiskRemoval, sharedDiskTransition, virtualComputerNameFragment, virtualComputerNameRemoval, type SharedDiskPlanInput } from "../../../provider/clusterpro/plan-storage";
import { fixture, fixtureBytes, LINUX_DISK, skipWithoutSharedFixtures, TEMPLATE } from "../clusterpro/helpers";

const text = (d: Parameters<typeof serializeClpConf>[0]) => serializeClpConf(d).toString("utf8");

describe("SharedDisk and VirtualComputerName fragments", () => {
  describe("against the real Linux files", function () {
    before(function () {
      skipWithoutSharedFixtures(this);
    });

    it("the clpcreate_v2 template's disk1 + diskw1 declared as a SharedDisk leave the file byte-identical", () => {
      const doc = fixture(TEMPLATE);
      const frag = sharedDiskFragment({ group: "failover1", name: "disk1", os: "linux", servers: [], device: "/dev/sdd2", mountPoint: "/mnt/disk", fileSystem: "ext3", monitor: true });
      assert.ok(serializeClpConf(applyModel(doc, frag)).equals(fixtureBytes(TEMPLATE)));
    });

    it("the 502a973 file's lvm disk1 (diskw1 on /dev/sdc2, recovering the group) declared as a SharedDisk leaves it byte-identical", () => {
      const doc = fixture(LINUX_DISK);
      const frag = sharedDiskFragment({
        group: "failover", name: "disk1", os: "linux", servers: [], device: "/dev/ecxsd/sd1", mountPoint: "/mnt/sd1", fileSystem: "ext3", diskType: "lvm",
        monitorDevice: "/dev/sdc2", monitor: { recoveryTarget: "group" }, dependsOn: ["volmgr1"],
      });
      assert.ok(serializeClpConf(applyModel(doc, frag)).equals(fixtureBytes(LINUX_DISK)));
    });

    it("a different mount point or file system changes exactly that element", () => {
      const doc = fixture(TEMPLATE);
      const frag = sharedDiskFragment({ group: "failover1", name: "disk1", os: "linux", servers: [], device: "/dev/sdd2", mountPoint: "/mnt/data", fileSystem: "xfs", monitor: true });
      const after = readModel(applyModel(doc, frag)).resources.find((r) => r.name === "disk1") as DiskResource;
      assert.equal(after.mountPoint, "/mnt/data");
      assert.equal(after.fs, "xfs");
      assert.equal(after.device, "/dev/sdd2");
      assert.equal(after.diskType, "disk");
    });

    it("removal drops disk1 and its diskw but no other resource or monitor", () => {
      const doc = fixture(TEMPLATE);
      const plan: SharedDiskPlanInput = { group: "failover1", name: "disk1", os: "linux", servers: [], device: "/dev/sdd2", mountPoint: "/mnt/disk", fileSystem: "ext3", monitor: true };
      const before = readModel(doc);
      const after = readModel(applyModel(doc, sharedDiskRemoval(plan)));
      assert.deepEqual(after.resources.map((r) => r.name), before.resources.map((r) => r.name).filter((n) => n !== "disk1"));
      assert.deepEqual(after.monitors.map((m) => m.name), before.monitors.map((m) => m.name).filter((n) => n !== "diskw1"));
    });
  });

  describe("a new Linux disk", () => {
    it("is written with the real files' element order and mount/fsck options, and a diskw on its device", () => {
      const cluster = clusterFragment({ name: "L", language: "en", os: "linux", servers: ["node1", "node2"], interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }] });
      const group = groupFragment({ os: "linux", name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] });
      const disk = sharedDiskFragment({ group: "failover", name: "disk1", os: "linux", servers: ["node1", "node2"], device: "/dev/sdb1", mountPoint: "/mnt/sd1", fileSystem: "ext4", mountOptions: "rw,noatime", fsckOptions: "-y -f", monitor: { intervalSeconds: 30 } });
      const doc = applyModel(createClpConf({ name: "L", serverOs: "linux" }), mergeFragments([cluster, group, disk]));
      const xml = text(doc);
      assert.match(xml, /<disk name="disk1">\s*<comment\/>\s*<parameters>\s*<disktype>disk<\/disktype>\s*<device>\/dev\/sdb1<\/device>\s*<mount>\s*<point>\/mnt\/sd1<\/point>\s*<option>rw,noatime<\/option>\s*<\/mount>\s*<fs>ext4<\/fs>\s*<fsck>\s*<option>-y -f<\/option>/);
      const m = readModel(doc);
      const diskw = m.monitors.find((x) => x.type === "diskw");
      assert.deepEqual({ name: diskw?.name, object: diskw?.object, relation: diskw?.relation, interval: diskw?.interval }, { name: "diskw1", object: "/dev/sdb1", relation: { type: "rsc", name: "disk1" }, interval: 30 });
      const r = m.resources.find((x) => x.name === "disk1") as DiskResource;
      assert.deepEqual([r.mountOption, r.fsckOption], ["rw,noatime", "-y -f"]);
      // Applying the same fragment again changes nothing (the diskw keeps its product name).
      assert.equal(text(applyModel(doc, disk)), xml);
    });

    it("an update without the monitor removes the diskw it had", () => {
      const base: SharedDiskPlanInput = { group: "g", name: "disk1", os: "linux", servers: ["node1"], device: "/dev/sdb1", mountPoint: "/mnt/sd1", fileSystem: "ext4", monitor: true };
      const cluster = clusterFragment({ name: "L", language: "en", os: "linux", servers: ["node1"], interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1" } }] });
      const group = groupFragment({ os: "linux", name: "g", autoStart: true, failover: "auto", failback: "manual", resources: [] });
      const doc = applyModel(createClpConf({ name: "L", serverOs: "linux" }), mergeFragments([cluster, group, sharedDiskFragment(base)]));
      assert.ok(readModel(doc).monitors.some((m) => m.type === "diskw"));
      const after = applyModel(doc, sharedDiskTransition(base, { ...base, monitor: false }));
      assert.ok(!readModel(after).monitors.some((m) => m.type === "diskw"));
      assert.ok(readModel(after).resources.some((r) => r.name === "disk1"));
    });
  });

  describe("a new Windows shared disk and virtual computer name", () => {
    const servers = ["server01", "server02"];
    const cluster = clusterFragment({ name: "W", language: "en", os: "windows", servers, interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] });
    const group = groupFragment({ os: "windows", name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] });
    const fip = floatingIpFragment({ group: "failover", name: "fip1", address: "10.0.0.20", monitor: true });
    const sd = sharedDiskFragment({
      group: "failover", name: "sd1", os: "windows", servers, drive: "S:", monitor: true,
      volumes: [{ server: "server01", volumeGuid: "bc6d06d2-63f3-410a-aab2-8dc12b75add6" }, { server: "server02", volumeGuid: "a02906de-d3d3-4b6e-9946-ad000cc1718d" }],
      hbaFilters: [{ server: "server01", id: 0, port: 0, deviceId: "PCI\\VEN_1AF4&DEV_1004", instanceId: "{f8b3781b-1e82-4818-a1c3-63d806ec15bb}" }],
    });
    const vcom = virtualComputerNameFragment({ group: "failover", name: "vcom1", computerName: "VCOM01", floatingIp: "fip1", monitor: true });
    const doc = applyModel(createClpConf({ name: "W", serverOs: "windows" }), mergeFragments([cluster, group, fip, sd, vcom]));

    it("the sd has the sample's elements and an sdw on it; the HBA filter is under its server", () => {
      const xml = text(doc);
      assert.match(xml, /<sd name="sd1">\s*<comment\/>\s*<parameters>\s*<volumemountpoint>S:<\/volumemountpoint>\s*<\/parameters>\s*<server name="server01">\s*<parameters>\s*<volumeguid>bc6d06d2-63f3-410a-aab2-8dc12b75add6<\/volumeguid>/);
      assert.match(xml, /<server name="server01">[\s\S]*?<hba id="0">\s*<portnumber>0<\/portnumber>\s*<deviceid>PCI\\VEN_1AF4&amp;DEV_1004<\/deviceid>\s*<instanceid>\{f8b3781b-1e82-4818-a1c3-63d806ec15bb\}<\/instanceid>\s*<\/hba>/);
      const m = readModel(doc);
      const r = m.resources.find((x) => x.name === "sd1") as SharedDiskResource;
      assert.equal(r.volumes?.length, 2);
      assert.deepEqual(m.servers.find((s) => s.name === "server01")?.hbas, [{ id: 0, portNumber: 0, deviceId: "PCI\\VEN_1AF4&DEV_1004", instanceId: "{f8b3781b-1e82-4818-a1c3-63d806ec15bb}" }]);
      assert.equal(m.servers.find((s) => s.name === "server02")?.hbas, undefined);
      const sdw = m.monitors.find((x) => x.type === "sdw");
      assert.deepEqual({ name: sdw?.name, object: sdw?.object, relation: sdw?.relation }, { name: "sdw1", object: "sd1", relation: { type: "rsc", name: "sd1" } });
    });

    it("the vcom names its computer name and floating IP, with a vcomw; removal keeps the fip", () => {
      const m = readModel(doc);
      const v = m.resources.find((x) => x.name === "vcom1") as VcomResource;
      assert.deepEqual([v.type, v.computerName, v.fipName], ["vcom", "VCOM01", "fip1"]);
      assert.ok(m.groups.find((g) => g.name === "failover")?.resources?.includes("vcom@vcom1"));
      assert.equal(m.monitors.find((x) => x.type === "vcomw")?.object, "vcom1");
      const gone = readModel(applyModel(doc, virtualComputerNameRemoval({ group: "failover", name: "vcom1", computerName: "VCOM01", floatingIp: "fip1", monitor: true })));
      assert.ok(!gone.resources.some((r) => r.name === "vcom1") && !gone.monitors.some((x) => x.type === "vcomw"));
      assert.ok(gone.resources.some((r) => r.name === "fip1") && gone.monitors.some((x) => x.type === "fipw"));
    });

    it("removing the sd keeps the HBA filter and the fip", () => {
      const gone = readModel(applyModel(doc, sharedDiskRemoval({ group: "failover", name: "sd1", os: "windows", servers, drive: "S:", monitor: true })));
      assert.ok(!gone.resources.some((r) => r.name === "sd1") && !gone.monitors.some((x) => x.type === "sdw"));
      assert.equal(gone.servers.find((s) => s.name === "server01")?.hbas?.length, 1);
    });
  });
});
