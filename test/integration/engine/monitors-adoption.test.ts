// Adoption of a real file's monitors, volume manager and ping NP: the lab runs CreateClusterOnLinux@502a973's
// clp.conf (genw1, ipw1, volmgr1 + volmgrw1, pingnp1 with npaction 6) on two Linux nodes reached over SSH. A program
// that declares them as they are adopts them without a push; one that differs is refused with the differences until
// adopt: true, which then applies the program's values; refresh (read) reports what the file holds in the program's
// shape. A custom monitor's script is never read back, so adopting a genw always needs adopt: true.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel } from "../../../provider/clusterpro";
import { closeAllHosts } from "../../../provider/engine/connections";
import * as cluster from "../../../provider/resources/cluster";
import * as customMonitor from "../../../provider/resources/custom-monitor";
import * as ipMonitor from "../../../provider/resources/ip-monitor";
import * as volumeManager from "../../../provider/resources/volume-manager";
import { ConnectionSchema } from "../../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../../sim/lab";
import { loadConf } from "../../../sim/lab-load";
import { clpconfFixturesDir, skipWithoutSharedFixtures } from "../../support/paths";

const PASSWORD = "Lab-adopt-mon-Pa55";
const FILE = "EXPRESSCLUSTER_CreateClusterOnLinux__src_clp__502a973_linux_disk_volmgr.conf";

describe("adopting a real file's genw, ipw, volmgr/volmgrw and pingnp (lab, SSH)", function () {
  this.timeout(180_000);
  let lab: Lab;
  let dir: string;
  let target: Record<string, unknown>;
  const model = () => readModel(parseClpConf(lab.cluster.conf("server1") as Buffer));

  before(async function () {
    skipWithoutSharedFixtures(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-adopt-mon-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server1", os: "linux" }, { name: "server2", os: "linux" }], username: "root", password: PASSWORD });
    loadConf(lab, fs.readFileSync(path.join(clpconfFixturesDir as string, FILE)), FILE);
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
    target = {
      clusterName: "cluster", serverOs: "linux", servers: ["server1", "server2"], maxDisruption: "group",
      connections: info.nodes.map((n) => ({
        name: n.name,
        connection: ConnectionSchema.parse({ transport: "ssh", host: "127.0.0.1", port: n.ssh!.port, username: "root", password: PASSWORD, hostKeyFingerprint: n.ssh!.hostKeyFingerprint }),
      })),
    };
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the cluster's pingnp1 and npaction, the volmgr1 with its volmgrw1: declared as they are, adopted without a push", async () => {
    const pushes = lab.cluster.pushes();
    const clusterInputs = {
      ...target, name: "cluster", language: "ja", adopt: false,
      interconnects: [0, 1, 2, 3].map((i) => ({ priority: i + 1, kind: "kernel", addresses: { server1: `192.168.${137 + i}.71`, server2: `192.168.${137 + i}.72` } })),
      networkPartitions: [{ kind: "ping", targets: ["192.168.137.1", "192.168.137.76"] }], networkPartitionAction: "keepalivePanic",
    };
    const c = await cluster.check({}, clusterInputs);
    assert.deepEqual(c.failures, []);
    await cluster.create(c.inputs as Record<string, unknown>);
    const v = await volumeManager.check({}, { ...target, group: "failover", name: "volmgr1", volumeManager: "lvm", target: "ecxsd" });
    assert.deepEqual(v.failures, []);
    const created = await volumeManager.create(v.inputs as Record<string, unknown>);
    assert.equal(created.outs.applyMethod, "none");
    assert.equal(lab.cluster.pushes(), pushes, "nothing was pushed");
    const read = await cluster.read("cluster", c.inputs as Record<string, unknown>);
    assert.deepEqual(read.props?.networkPartitions, [{ kind: "ping", targets: ["192.168.137.1", "192.168.137.76"] }]);
    assert.equal(read.props?.networkPartitionAction, "keepalivePanic");
  });

  it("an ipw1 that differs is refused with the difference; adopt: true applies the program's targets", async () => {
    const pushes = lab.cluster.pushes();
    const inputs = { ...target, group: "failover", name: "ipw1", targets: ["192.168.137.9"] };
    await assert.rejects(ipMonitor.create((await ipMonitor.check({}, inputs)).inputs as Record<string, unknown>), /IpMonitor "ipw1": cluster cluster already has a monitor named ipw1 that differs from this program:[\s\S]*192\.168\.137\.9[\s\S]*Set adopt: true/);
    assert.equal(lab.cluster.pushes(), pushes);
    const adopted = await ipMonitor.create((await ipMonitor.check({}, { ...inputs, adopt: true })).inputs as Record<string, unknown>);
    assert.equal(adopted.outs.applyMethod, "suspend");
    assert.deepEqual(model().monitors.find((m) => m.name === "ipw1")?.ipTargets, ["192.168.137.9"]);
    // The rest of the real monitor is as it was (its emergency/timeout settings are not the program's).
    assert.match((lab.cluster.conf("server1") as Buffer).toString("latin1"), /<ipw name="ipw1">[\s\S]*?<notrecovery>\s*<use>1<\/use>[\s\S]*?<\/ipw>/);
  });

  it("a monitor named like a monitor of another type (fipw1) is a check failure naming the field; nothing is pushed", async () => {
    const pushes = lab.cluster.pushes();
    const r = await ipMonitor.check({}, { ...target, group: "failover", name: "fipw1", targets: ["192.168.137.9"] });
    assert.deepEqual(r.failures?.map((f) => [f.property, f.reason]), [["name", 'IpMonitor "fipw1": cluster cluster already has a fipw monitor named fipw1; a monitor\'s name is unique among all the cluster\'s monitors']]);
    await assert.rejects(ipMonitor.create({ ...target, group: "failover", name: "fipw1", targets: ["192.168.137.9"], adopt: true }), /name: IpMonitor "fipw1": cluster cluster already has a fipw monitor named fipw1/);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("genw1: its script cannot be compared, so adopting it needs adopt: true, which writes the program's script", async () => {
    const inputs = { ...target, group: "failover", name: "genw1", script: "#!/bin/sh\nexit 0\n" };
    await assert.rejects(customMonitor.create((await customMonitor.check({}, inputs)).inputs as Record<string, unknown>), /CustomMonitor "genw1": cluster cluster already has a monitor named genw1 that differs[\s\S]*scripts\/monitor\.s\/genw1\/genw\.sh/);
    await customMonitor.create((await customMonitor.check({}, { ...inputs, adopt: true })).inputs as Record<string, unknown>);
    for (const n of ["server1", "server2"]) assert.equal(lab.node(n).fs.readFile("/opt/nec/clusterpro/scripts/monitor.s/genw1/genw.sh").toString(), "#!/bin/sh\nexit 0\n");
    const read = await customMonitor.read("x", { ...inputs, adopt: true, recoveryTarget: "group", intervalSeconds: 30 });
    assert.deepEqual([read.props?.group, read.props?.recoveryTarget, read.props?.restartLimit, read.props?.intervalSeconds], ["failover", "group", 0, undefined], "the file has no polling/interval: refresh shows it as not set");
  });
});
