// A Windows MirrorDisk's per-server volume GUIDs come from the nodes: check reads each server's volumes (volume.list,
// one agent run per node: the master's rides on the state read) and completes the inputs with `volumes`; a letter a
// server lacks is a check failure naming the program's field, the server and the reason, before anything changes;
// create writes the <server> blocks, so the lab (which refuses to activate an md without them) starts the group; a
// node whose volume GUID no longer matches the state is a diff, and refresh reads back the file's GUIDs.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel, type MirrorDiskResource } from "../../../provider/clusterpro";
import { closeAllHosts } from "../../../provider/engine/connections";
import * as mirrorDisk from "../../../provider/resources/mirror-disk";
import { sessionOf } from "../../../provider/resources/cluster-object";
import { ConnectionSchema } from "../../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../../sim/lab";

const PASSWORD = "Lab-volumes-Pa55";

describe("MirrorDisk volume GUIDs read from the nodes (lab)", function () {
  this.timeout(120_000);
  let lab: Lab;
  let dir: string;
  let connections: { name: string; connection: unknown }[];

  const inputs = (extra: Record<string, unknown> = {}) => ({
    clusterName: "V", serverOs: "windows", servers: ["server01", "server02"], maxDisruption: "group", connections,
    group: "failover", name: "md1", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"],
    bootstrap: {
      cluster: { name: "V", language: "en", servers: ["server01", "server02"], interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] },
      group: { name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] },
    },
    ...extra,
  });
  const agentRuns = () => Object.fromEntries([...lab.stats].map(([n, s]) => [n, s.operations.agent ?? 0]));
  const guid = (node: string, letter: string) => lab.nodes.get(node)!.volumeGuid(letter)!;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-md-volumes-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }], username: "Administrator", password: PASSWORD });
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

  it("check completes `volumes` from each server's volumes with one agent run per node", async () => {
    const before = agentRuns();
    const checked = await mirrorDisk.check({}, inputs());
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs?.volumes, [
      { server: "server01", volumeGuid: guid("server01", "E"), cpVolumeGuid: guid("server01", "D") },
      { server: "server02", volumeGuid: guid("server02", "E"), cpVolumeGuid: guid("server02", "D") },
    ]);
    assert.notEqual(guid("server01", "E"), guid("server02", "E"));
    const after = agentRuns();
    assert.deepEqual({ server01: after.server01 - before.server01, server02: after.server02 - before.server02 }, { server01: 1, server02: 1 }, "the state read carries volume.list; server02 is asked once");
  });

  it("a drive letter a server lacks is a check failure naming the field, the server and the reason; nothing is pushed", async () => {
    const pushes = lab.cluster.pushes();
    const checked = await mirrorDisk.check({}, inputs({ dataPartition: "F:" }));
    assert.equal(checked.failures?.length, 2, JSON.stringify(checked.failures));
    for (const [i, server] of ["server01", "server02"].entries()) {
      assert.equal(checked.failures?.[i].property, "dataPartition");
      assert.match(checked.failures?.[i].reason ?? "", new RegExp(`MirrorDisk "md1": server ${server} has no volume F: \\(dataPartition F:, clp\\.conf volumemountpoint\\); its lettered volumes: C:, D:, E:`));
    }
    const cp = await mirrorDisk.check({}, inputs({ clusterPartition: "Q:" }));
    assert.equal(cp.failures?.[0].property, "clusterPartition");
    assert.match(cp.failures?.[0].reason ?? "", /server server01 has no volume Q: \(clusterPartition Q:, clp\.conf cpvolumemountpoint\)/);
    await assert.rejects(mirrorDisk.create({ ...inputs({ dataPartition: "F:" }), volumes: undefined }), /dataPartition: MirrorDisk "md1": server server01 has no volume F:/);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("create writes each server's block with its GUIDs, and the lab starts the group with the md", async () => {
    const checked = await mirrorDisk.check({}, inputs());
    const created = await mirrorDisk.create(checked.inputs!);
    assert.deepEqual(created.outs.volumes, checked.inputs?.volumes);
    const md = readModel(parseClpConf(lab.cluster.conf("server01") as Buffer)).resources.find((r) => r.name === "md1") as MirrorDiskResource;
    assert.deepEqual(md.volumes, checked.inputs?.volumes);
    assert.match(lab.cluster.statusText(), /failover \.+: Online/);
    const grp = lab.cluster.exec("server01", ["clpgrp", "-n", "failover"]);
    assert.equal(grp.stdout.trim(), "server01", grp.stdout + grp.stderr);
  });

  it("a node whose volume GUID changed is a diff of `volumes`; refresh reads back the file's GUIDs", async () => {
    const state = (await mirrorDisk.check({}, inputs())).inputs!;
    lab.nodes.get("server02")!.setVolumeGuid("E", "0badf00d-0000-4000-8000-000000000002");
    sessionOf(state).invalidate();
    const next = await mirrorDisk.check(state, inputs());
    assert.deepEqual((next.inputs?.volumes as { volumeGuid: string }[])[1].volumeGuid, "0badf00d-0000-4000-8000-000000000002");
    const d = await mirrorDisk.diff("id", state, next.inputs!);
    assert.equal(d.changes, true);
    assert.deepEqual(d.replaces, []);
    const refreshed = await mirrorDisk.read("id", state);
    assert.deepEqual(refreshed.props?.volumes, state.volumes, "the file still has the old GUIDs");
  });
});
