// The standalone monitors (genw, ipw, miiw), the volume manager (volmgr + volmgrw) and the Cluster's ping NP and
// npaction: a program that declares what a real file holds patches it to the same bytes (its elements round-trip);
// read gives back what the program declared; new objects come out in the real files' shape; bad arguments fail
// check with the field and the reason, before any I/O.
import { strict as assert } from "node:assert";
import { applyModel, parseClpConf, readModel, serializeClpConf, type DesiredConfig } from "../../../provider/clusterpro";
import { clusterFragment } from "../../../provider/clusterpro/plan";
import { actualStandaloneMonitor, monitorPlan, standaloneMonitorFiles, standaloneMonitorFragment, standaloneMonitorRemoval } from "../../../provider/resources/standalone-monitor";
import { volumeManagerFragment, volumeManagerRemoval } from "../../../provider/resources/volume-manager";
import * as customMonitor from "../../../provider/resources/custom-monitor";
import * as ipMonitor from "../../../provider/resources/ip-monitor";
import * as volumeManager from "../../../provider/resources/volume-manager";
import * as cluster from "../../../provider/resources/cluster";
import { actualCluster } from "../../../provider/resources/cluster";
import { ClusterArgsSchema } from "../../../sdk/schemas/cluster";
import { CustomMonitorArgsSchema, IpMonitorArgsSchema, NicLinkMonitorArgsSchema, VolumeManagerArgsSchema } from "../../../sdk/schemas/monitors";
import { CURRENT, fixture, fixtureBytes, LINUX_DISK, skipWithoutSharedFixtures } from "./helpers";

const TARGET = { clusterName: "cluster", serverOs: "linux", servers: ["server1", "server2"], maxDisruption: "group", connections: [{ name: "server1", connection: { transport: "ssh", host: "127.0.0.1", username: "root", password: "x", acceptUnknownHostKey: true } }] };

const same = (name: string, fragment: DesiredConfig) => {
  const bytes = fixtureBytes(name);
  const next = serializeClpConf(applyModel(parseClpConf(bytes), fragment));
  assert.equal(next.toString("latin1"), bytes.toString("latin1"));
};

describe("monitors and network partition resolution: fragments", () => {
  describe("round trip against the real files' elements", function () {
    before(function () {
      skipWithoutSharedFixtures(this);
    });

    it("502a973's genw1, ipw1 (group failover, restart 0) patch the file to the same bytes, and read back as declared", () => {
      const genw = monitorPlan("genw", { ...TARGET, group: "failover", name: "genw1", script: "#!/bin/sh\nexit 0\n" });
      const ipw = monitorPlan("ipw", { ...TARGET, group: "failover", name: "ipw1", targets: ["192.168.137.1"] });
      same(LINUX_DISK, standaloneMonitorFragment(genw));
      same(LINUX_DISK, standaloneMonitorFragment(ipw));
      const model = readModel(fixture(LINUX_DISK));
      assert.deepEqual(actualStandaloneMonitor("ipw", model.monitors.find((m) => m.name === "ipw1"), { group: "failover" }), { group: "failover", restartLimit: 0, targets: ["192.168.137.1"] });
      assert.deepEqual(actualStandaloneMonitor("genw", model.monitors.find((m) => m.name === "genw1"), { group: "failover" }), { group: "failover", restartLimit: 0 });
      // The same name as another type is not this monitor.
      assert.equal(actualStandaloneMonitor("ipw", model.monitors.find((m) => m.name === "genw1"), {}), undefined);
    });

    it("502a973's volmgr1 (lvm, ecxsd) with its volmgrw1 patches the file to the same bytes", () => {
      same(LINUX_DISK, volumeManagerFragment({ group: "failover", name: "volmgr1", volumeManager: "lvm", target: "ecxsd", monitor: true }));
    });

    it("clpcfdiff's genw (interval 10, recovering failover1) patches the file to the same bytes", () => {
      same(CURRENT, standaloneMonitorFragment(monitorPlan("genw", { ...TARGET, clusterName: "x", group: "failover1", name: "genw", script: "exit 0", intervalSeconds: 10 })));
    });

    it("502a973's pingnp1 (two targets) and npaction 6 (keepalive panic) come from the Cluster's arguments unchanged", () => {
      const frag = clusterFragment({
        name: "cluster", language: "ja", os: "linux", servers: ["server1", "server2"],
        interconnects: [0, 1, 2, 3].map((i) => ({ priority: i + 1, kind: "kernel" as const, addresses: { server1: `192.168.${137 + i}.71`, server2: `192.168.${137 + i}.72` } })),
        networkPartitions: [{ kind: "ping", targets: ["192.168.137.1", "192.168.137.76"] }],
        networkPartitionAction: "keepalivePanic",
      });
      same(LINUX_DISK, frag);
      const actual = actualCluster(readModel(fixture(LINUX_DISK)), { networkPartitions: [{ kind: "ping", targets: [] }] });
      assert.deepEqual(actual.networkPartitions, [{ kind: "ping", targets: ["192.168.137.1", "192.168.137.76"] }]);
      assert.equal(actual.networkPartitionAction, "keepalivePanic");
    });
  });

  describe("new objects", () => {
    it("a genw recovering the local server with thresholds, final action and polling, and its script file", () => {
      const p = monitorPlan("genw", { ...TARGET, name: "genw-app", script: "echo ok", restartLimit: 1, failoverLimit: 0, finalAction: "stopClusterService", intervalSeconds: 5, timeoutSeconds: 30, retries: 2 });
      const [m] = standaloneMonitorFragment(p).monitors ?? [];
      assert.deepEqual(
        { type: m.type, path: m.path, relation: m.relation, restart: m.restartThreshold, fo: m.failoverThreshold, fo2: m.failoverThreshold2, action: m.finalAction, interval: m.interval, timeout: m.timeout, retry: m.retry },
        { type: "genw", path: "genw.sh", relation: { type: "cls", name: "LocalServer" }, restart: 1, fo: 0, fo2: undefined, action: 3, interval: 5, timeout: 30, retry: 2 },
      );
      assert.deepEqual(standaloneMonitorFiles(p), [{ path: "scripts/monitor.s/genw-app/genw.sh", content: "echo ok\n" }]);
      const win = monitorPlan("genw", { ...TARGET, serverOs: "windows", group: "g", name: "genw-w", script: "exit /b 0\n", failoverLimit: 2 });
      assert.deepEqual(standaloneMonitorFiles(win), [{ path: "scripts/monitor.s/genw-w/genw.bat", content: "exit /b 0\r\n" }]);
      assert.equal(standaloneMonitorFragment(win).monitors?.[0].failoverThreshold2, 2, "Windows X4+ writes fo2");
      assert.deepEqual(standaloneMonitorRemoval(p), { remove: { monitors: ["genw-app"] } });
    });

    it("an ipw with two targets and a miiw are written in the 502a973 element order into a new document", () => {
      const doc = fixture(LINUX_DISK);
      const ipw = standaloneMonitorFragment(monitorPlan("ipw", { ...TARGET, group: "failover", name: "ipw2", targets: ["10.0.0.1", "10.0.0.2"] }));
      const miiw = standaloneMonitorFragment(monitorPlan("miiw", { ...TARGET, group: "failover", name: "miiw1", nic: "eth1" }));
      const text = serializeClpConf(applyModel(applyModel(doc, ipw), miiw)).toString("latin1");
      assert.match(text, /<ipw name="ipw2">\s*<comment\/>\s*<parameters>\s*<list id="0">\s*<ip>10\.0\.0\.1<\/ip>\s*<\/list>\s*<list id="1">\s*<ip>10\.0\.0\.2<\/ip>\s*<\/list>\s*<\/parameters>\s*<relation>\s*<type>grp<\/type>\s*<name>failover<\/name>\s*<\/relation>\s*<emergency>\s*<threshold>\s*<restart>0<\/restart>/);
      assert.match(text, /<miiw name="miiw1">[\s\S]*?<parameters>\s*<object>eth1<\/object>\s*<\/parameters>[\s\S]*?<\/miiw>/);
      const m = readModel(parseClpConf(Buffer.from(text, "latin1")));
      assert.deepEqual(m.monitors.find((x) => x.name === "ipw2")?.ipTargets, ["10.0.0.1", "10.0.0.2"]);
      // One target fewer: the list is the program's, the second entry goes.
      const fewer = standaloneMonitorFragment(monitorPlan("ipw", { ...TARGET, group: "failover", name: "ipw2", targets: ["10.0.0.9"] }));
      const again = readModel(applyModel(parseClpConf(Buffer.from(text, "latin1")), fewer));
      assert.deepEqual(again.monitors.find((x) => x.name === "ipw2")?.ipTargets, ["10.0.0.9"]);
    });

    it("a volume manager without its monitor, and its removal (by name and by what the volmgrw watches)", () => {
      const frag = volumeManagerFragment({ group: "failover", name: "vg1", volumeManager: "zfspool", target: "tank", monitor: false });
      assert.deepEqual(frag.monitors, []);
      assert.deepEqual(frag.resources?.map((r) => [r.type, r.name]), [["volmgr", "vg1"]]);
      const removal = volumeManagerRemoval({ group: "failover", name: "volmgr1", volumeManager: "lvm", target: "ecxsd", monitor: true });
      assert.deepEqual(removal.remove?.resources, ["volmgr1"]);
      assert.deepEqual(removal.remove?.monitorsWatching, [{ type: "volmgrw", resource: "volmgr1" }]);
    });

    it("ping NP servers: a server that does not use the resolution gets its device with 0", () => {
      const frag = clusterFragment({
        name: "c", language: "en", os: "linux", servers: ["a", "b"], interconnects: [{ priority: 1, kind: "kernel", addresses: { a: "10.0.0.1", b: "10.0.0.2" } }],
        networkPartitions: [{ kind: "ping", targets: ["10.0.0.254"], servers: ["a"], intervalSeconds: 5, timeoutSeconds: 3, retries: 2 }],
        networkPartitionAction: "stopClusterService",
      });
      assert.deepEqual(frag.servers?.map((s) => s.devices?.find((d) => d.type === "ping")?.info), ["1", "0"]);
      assert.deepEqual(frag.networkPartitions?.map((n) => [n.interval, n.timeout, n.retry]), [[5, 3, 2]]);
      assert.equal(frag.cluster?.npAction, 1);
      assert.throws(() => clusterFragment({ name: "c", language: "en", os: "windows", servers: ["a"], interconnects: [], networkPartitionAction: "keepalivePanic" }), /networkPartitionAction: "keepalivePanic" is not a network partition action of a Windows cluster/);
    });
  });

  describe("arguments: each error names the field and the reason", () => {
    const issues = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown) =>
      (schema.safeParse(v).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

    it("the SDK schemas", () => {
      assert.ok(issues(CustomMonitorArgsSchema, { name: "g", script: "", intervalSeconds: 0 }).includes("intervalSeconds: must be 1-999 seconds"));
      assert.ok(issues(CustomMonitorArgsSchema, { name: "g", script: "", intervalSeconds: 0 }).includes("script: must not be empty"));
      assert.deepEqual(issues(CustomMonitorArgsSchema, { name: "g", script: "x", finalAction: "explode" }), ["finalAction: must be one of none, stopGroup, stopClusterService, shutdownOs, rebootOs"]);
      assert.deepEqual(issues(IpMonitorArgsSchema, { name: "i", targets: ["10.0.0.1", "gateway"] }), ["targets.1: must be an IPv4 address such as 192.168.1.14"]);
      assert.deepEqual(issues(IpMonitorArgsSchema, { name: "i", targets: ["10.0.0.1", "10.0.0.1"] }), ["targets: lists an address twice"]);
      assert.deepEqual(issues(IpMonitorArgsSchema, { name: "i", targets: [] }), ["targets: needs at least one address"]);
      assert.deepEqual(issues(NicLinkMonitorArgsSchema, { name: "m", nic: "eth0\n" }), ["nic: must be a single line: line break U+000A (LF) at character 5"]);
      assert.deepEqual(issues(VolumeManagerArgsSchema, { name: "v", volumeManager: "md", target: "vg 1" }), ["volumeManager: must be one of lvm, vxvm, zfspool", "target: must be a volume group name (letters, digits, '_', '.', '+', '-')"]);
      const base = { name: "c", servers: ["a", "b"], interconnects: [{ priority: 1, kind: "kernel", addresses: { a: "10.0.0.1", b: "10.0.0.2" } }] };
      assert.deepEqual(issues(ClusterArgsSchema, { ...base, networkPartitions: [{ kind: "ping", targets: ["10.0.0.254"], servers: ["c"], timeoutSeconds: 0 }] }), [
        "networkPartitions.0.timeoutSeconds: must be 1-999 seconds",
        "networkPartitions.0.servers.0: c is not a server of this cluster",
      ]);
      assert.deepEqual(issues(ClusterArgsSchema, { ...base, networkPartitions: [{ kind: "ping", targets: ["10.0.0.254"], servers: ["c"] }] }), ["networkPartitions.0.servers.0: c is not a server of this cluster"]);
      assert.match(issues(ClusterArgsSchema, { ...base, networkPartitionAction: "panic" })[0], /^networkPartitionAction: must be one of none, stopClusterService, shutdownOs/);
    });

    it("the providers' check: failures name the program's field, nothing is read from a node", async () => {
      const r1 = await customMonitor.check({}, { ...TARGET, name: "genw1", script: "x", recoveryTarget: "group" });
      assert.deepEqual(r1.failures?.map((f) => [f.property, f.reason]), [["recoveryTarget", 'is "group" but the monitor has no group; give it a group or recover the local server']]);
      const r2 = await ipMonitor.check({}, { ...TARGET, group: "failover", name: "ipw1", targets: ["300.1.1.1"] });
      assert.deepEqual(r2.failures?.map((f) => f.property), ["targets[0]"]);
      const r3 = await volumeManager.check({}, { ...TARGET, serverOs: "windows", group: "failover", name: "vg", volumeManager: "lvm", target: "vg" });
      assert.deepEqual(r3.failures?.map((f) => [f.property, f.reason]), [["name", "a volume manager resource (volmgr) exists on Linux clusters only"]]);
      const r5 = await customMonitor.check({}, { ...TARGET, serverOs: "windows", group: "g", name: "genw1", script: "echo café" });
      assert.deepEqual(r5.failures?.map((f) => [f.property, f.reason]), [["script", 'a Windows genw.bat is written in CP932 (Shift_JIS), which cannot encode U+00E9 "é" at character 9; use characters CP932 has (Japanese and ASCII are fine)']]);
      const r4 = await cluster.check({}, { ...TARGET, serverOs: "windows", name: "c", servers: ["server1"], interconnects: [{ priority: 1, kind: "kernel", addresses: { server1: "10.0.0.1" } }], networkPartitionAction: "sysrqPanic" });
      assert.deepEqual(r4.failures?.map((f) => f.property), ["networkPartitionAction"]);
      assert.match(r4.failures?.[0].reason ?? "", /"sysrqPanic" is not a network partition action of a Windows cluster \(it has: stopClusterService, emergencyShutdown, shutdownOs, rebootOs, stopError, hwReset\)/);
    });
  });
});
