// A Windows SharedDisk's per-server volume GUIDs come from the nodes through the same resolve as MirrorDisk's
// (provider/resources/volumes.ts): check completes `volumes` for the shared drive (the same GUID on both servers, as a
// GPT LUN has), a letter a server lacks is a check failure naming `drive` before anything changes, and create writes
// the sd with its blocks and HBA filters, so the lab starts the group with the sd (it refuses an sd without them).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel, type SharedDiskResource } from "../../../provider/clusterpro";
import { closeAllHosts } from "../../../provider/engine/connections";
import * as sharedDisk from "../../../provider/resources/shared-disk";
import { ConnectionSchema } from "../../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../../sim/lab";

const PASSWORD = "Lab-sdvol-Pa55";

describe("SharedDisk volume GUIDs read from the nodes (lab)", function () {
  this.timeout(120_000);
  let lab: Lab;
  let dir: string;
  let connections: { name: string; connection: unknown }[];

  const inputs = (extra: Record<string, unknown> = {}) => ({
    clusterName: "S", serverOs: "windows", servers: ["server01", "server02"], maxDisruption: "group", connections,
    group: "failover", name: "sd1", drive: "S:",
    hbaFilters: ["server01", "server02"].map((server) => ({ server, id: 0, port: 1, deviceId: "PCI\\VEN_1000", instanceId: "4&1" })),
    bootstrap: {
      cluster: { name: "S", language: "en", servers: ["server01", "server02"], interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] },
      group: { name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] },
    },
    ...extra,
  });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-sd-volumes-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }], username: "Administrator", password: PASSWORD });
    lab.addSharedDisk({ volume: "S:" });
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
    connections = info.nodes.map((n) => ({
      name: n.name,
      connection: ConnectionSchema.parse({ transport: "winrm", host: "127.0.0.1", port: n.winrm!.httpPort, https: false, username: n.username, password: PASSWORD }),
    }));
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("check completes `volumes` with each server's GUID of the shared drive", async () => {
    const checked = await sharedDisk.check({}, inputs());
    assert.deepEqual(checked.failures, []);
    const guid = lab.nodes.get("server01")!.volumeGuid("S")!;
    assert.equal(lab.nodes.get("server02")!.volumeGuid("S"), guid, "one LUN: the same GUID on both servers");
    assert.deepEqual(checked.inputs?.volumes, [{ server: "server01", volumeGuid: guid }, { server: "server02", volumeGuid: guid }]);
  });

  it("a drive letter a server lacks is a check failure naming drive, the server and the reason; nothing is pushed", async () => {
    const pushes = lab.cluster.pushes();
    const checked = await sharedDisk.check({}, inputs({ drive: "T:" }));
    assert.deepEqual(checked.failures?.map((f) => f.property), ["drive", "drive"]);
    assert.match(checked.failures?.[0].reason ?? "", /SharedDisk "sd1": server server01 has no volume T: \(drive T:, clp\.conf volumemountpoint\); its lettered volumes: C:, D:, E:, S:/);
    await assert.rejects(sharedDisk.create(inputs({ drive: "T:" })), /drive: SharedDisk "sd1": server server01 has no volume T:/);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("create writes the sd with both servers' blocks and HBA filters, and the lab starts the group with it", async () => {
    const checked = await sharedDisk.check({}, inputs());
    const created = await sharedDisk.create(checked.inputs!);
    assert.equal(created.id, "S/failover/sd@sd1");
    const m = readModel(parseClpConf(lab.cluster.conf("server01")!));
    const sd = m.resources.find((r) => r.name === "sd1") as SharedDiskResource;
    assert.equal(sd.volumes?.length, 2);
    assert.deepEqual(m.servers.map((s) => s.hbas?.length), [1, 1]);
    assert.match(lab.cluster.statusText(), /failover \.+: Online/);
    assert.equal(lab.nodes.get("server01")!.fs.volumeAccess("S:") === "rw" || lab.nodes.get("server02")!.fs.volumeAccess("S:") === "rw", true);
  });
});
