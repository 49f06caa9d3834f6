// Adopting a real file's disk + diskw: a lab cluster running the clpcreate_v2 template (clusterpro-lab load), and
// SharedDisk's provider pointed at it over SSH. Declared as the file has it, create takes disk1 over with no push;
// with a difference (a mount option) create refuses, naming the change, unless adopt: true — then one push writes
// just that, diskw1 keeps its name and the group runs again on the lab.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel, type DiskResource } from "../../../provider/clusterpro";
import { closeAllHosts } from "../../../provider/engine/connections";
import * as sharedDisk from "../../../provider/resources/shared-disk";
import { ConnectionSchema } from "../../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../../sim/lab";
import { loadConf } from "../../../sim/lab-load";
import { clpconfFixturesDir, skipWithoutSharedFixtures } from "../../support/paths";

const PASSWORD = "Lab-adopt-Pa55";
const TEMPLATE = "EXPRESSCLUSTER_CreateClusterOnLinux__template_scripts_clpcreate_v2_clp.conf";

describe("SharedDisk adopts the clpcreate_v2 template's disk1 + diskw1 (lab)", function () {
  this.timeout(180_000);
  let lab: Lab;
  let dir: string;
  let connections: { name: string; connection: unknown }[];
  let original: Buffer;

  const inputs = (extra: Record<string, unknown> = {}) => ({
    clusterName: "cluster", serverOs: "linux", servers: ["server1", "server2"], maxDisruption: "group", connections,
    group: "failover1", name: "disk1", device: "/dev/sdd2", mountPoint: "/mnt/disk", fileSystem: "ext3", ...extra,
  });
  const conf = () => lab.cluster.conf("server1")!;

  before(async function () {
    skipWithoutSharedFixtures(this);
    original = fs.readFileSync(path.join(clpconfFixturesDir!, TEMPLATE));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-sd-adopt-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server1", os: "linux" }, { name: "server2", os: "linux" }], username: "root", password: PASSWORD });
    loadConf(lab, original, TEMPLATE);
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
    connections = info.nodes.map((n) => ({
      name: n.name,
      connection: ConnectionSchema.parse({ transport: "ssh", host: "127.0.0.1", port: n.ssh!.port, username: n.username, password: PASSWORD, hostKeyFingerprint: n.ssh!.hostKeyFingerprint }),
    }));
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("declared as the file has it, create takes it over without a push", async () => {
    assert.match(lab.cluster.statusText(), /failover1 \.+: Online/);
    const pushes = lab.cluster.pushes();
    const checked = await sharedDisk.check({}, inputs());
    assert.deepEqual(checked.failures, []);
    const created = await sharedDisk.create(checked.inputs!);
    assert.equal(created.id, "cluster/failover1/disk@disk1");
    assert.equal(created.outs.applyMethod, "none");
    assert.equal(lab.cluster.pushes(), pushes);
    assert.ok(conf().equals(original), "clp.conf is byte-identical");
  });

  it("a difference is refused without adopt, naming the change; nothing is pushed", async () => {
    const pushes = lab.cluster.pushes();
    const checked = await sharedDisk.check({}, inputs({ mountOptions: "rw,noatime" }));
    await assert.rejects(sharedDisk.create(checked.inputs!), (e: Error) => /already has a resource named disk1 that differs/.test(e.message) && /mount\/option/.test(e.message) && /adopt: true/.test(e.message));
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("with adopt: true one push writes just the mount option; diskw1 keeps its name and the group runs", async () => {
    const pushes = lab.cluster.pushes();
    const checked = await sharedDisk.check({}, inputs({ mountOptions: "rw,noatime", adopt: true }));
    const created = await sharedDisk.create(checked.inputs!);
    assert.equal(created.outs.applyMethod, "group");
    assert.equal(lab.cluster.pushes(), pushes + 1);
    const m = readModel(parseClpConf(conf()));
    assert.equal((m.resources.find((r) => r.name === "disk1") as DiskResource).mountOption, "rw,noatime");
    assert.deepEqual(m.monitors.filter((x) => x.type === "diskw").map((x) => [x.name, x.object, x.relation]), [["diskw1", "/dev/sdd2", { type: "rsc", name: "disk1" }]]);
    assert.match(lab.cluster.statusText(), /failover1 \.+: Online/);
    const read = await sharedDisk.read(created.id, created.outs);
    assert.equal(read.props?.mountOptions, "rw,noatime");
  });
});
