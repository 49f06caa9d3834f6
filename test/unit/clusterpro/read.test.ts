import { strict as assert } from "node:assert";
import { ClusterConfigSchema } from "../../../provider/clusterpro/model";
import { readModel } from "../../../provider/clusterpro/read";
import { BASIC_WINDOWS, CURRENT, FIXTURE_NAMES, fixture, NEOFACE, TEMPLATE, skipWithoutSharedFixtures } from "./helpers";

describe("readModel (clp.conf → typed model)", () => {
  before(function () {
    skipWithoutSharedFixtures(this);
  });
  for (const name of FIXTURE_NAMES) {
    it(`${name}: the model satisfies the zod schema`, () => {
      const result = ClusterConfigSchema.safeParse(readModel(fixture(name)));
      assert.equal(result.success, true, result.error?.message);
    });
  }

  it("reads a Windows mirror disk with per-server volume GUIDs and two mirror connects", () => {
    const m = readModel(fixture(BASIC_WINDOWS));
    assert.equal(m.cluster.serverOs, "windows");
    const md = m.resources.find((r) => r.name === "md")!;
    assert.deepEqual(md, {
      type: "md", name: "md", group: "failover", comment: "", dependsOn: "default",
      volumeMountPoint: "E", cpVolumeMountPoint: "X",
      netdevs: [{ id: 0, priority: 1, device: 400, mdcName: "mdc1" }, { id: 1, priority: 2, device: 401, mdcName: "mdc2" }],
      volumes: [
        { server: "server1", volumeGuid: "4519e341-59ed-43e9-8856-d2c9ed671f65", cpVolumeGuid: "4cd3fa30-67bd-460f-93b8-1e58acfe7c34" },
        { server: "server2", volumeGuid: "d20fe8a3-afcb-4deb-8934-58e8575da260", cpVolumeGuid: "bf90eaf9-7e65-4fdf-8dcd-bd10461be308" },
      ],
    });
    assert.deepEqual(m.servers[0].devices?.find((d) => d.id === 401), { id: 401, type: "mdc", info: "10.1.1.11" });
    assert.deepEqual(m.networkPartitions, [{ type: "pingnp", name: "pingnp1", priority: 0, device: 10200, pingTargets: ["10.1.1.1"] }]);
  });

  it("reads a Linux mirror disk with mirror-driver ports", () => {
    const md2 = readModel(fixture(CURRENT)).resources.find((r) => r.name === "md2");
    assert.deepEqual(md2, {
      type: "md", name: "md2", group: "failover2", comment: "", dependsOn: "default",
      netdevs: [{ id: 0, priority: 0, device: 400, mdcName: "mdc1" }],
      nmpPath: "/dev/NMP2", mountPoint: "/mnt/md2", dataPartition: "/dev/md2/dp", clusterPartition: "/dev/md2/cp", fs: "ext4",
      mdDriver: { port: 29052, hbPort: 29032, ack2Port: 29072 },
    });
  });

  it("reads the NeoFace depend chain, services, appli and recovery settings", () => {
    const m = readModel(fixture(NEOFACE));
    const dep = Object.fromEntries(m.resources.map((r) => [r.name, r.dependsOn]));
    assert.deepEqual(dep, {
      "md-m": ["fip-9"], "fip-9": "default", "service-mssql": ["md-m"], "service-nfwss": ["service-iis"],
      "service-nfwhs": ["service-nfwss"], "service-iis": ["service-mssql"], "appli-nfwps": ["service-nfwhs"],
    });
    const mssql = m.resources.find((r) => r.name === "service-mssql")!;
    assert.deepEqual(mssql, {
      type: "service", name: "service-mssql", group: "failover-nfw", comment: "", serviceName: "SQL Server (NEOFACE)",
      actWaitTime: 30, deactWaitTime: 30, act: { timeout: 2010 }, deact: { action: 5, timeout: 2010 }, dependsOn: ["md-m"],
    });
    const appli = m.resources.find((r) => r.type === "appli")!;
    assert.equal((appli as { startPath?: string }).startPath, "StartNFWPS.bat");
    assert.deepEqual(m.monitors.find((x) => x.name === "servicew1"), {
      type: "servicew", name: "servicew1", comment: "", target: "service-mssql", relation: { type: "rsc", name: "service-mssql" },
    });
  });

  it("reads group types and membership from the generator template with quirks", () => {
    const m = readModel(fixture(TEMPLATE));
    assert.deepEqual(m.groups.map((g) => [g.name, g.type, g.gid, g.resources]), [
      ["failover1", "failover", 0, ["fip@fip1", "disk@disk1", "exec@exec1"]],
      ["vmgroup1", "virtualmachine", 1, []],
      ["managegroup1", "cluster", 2, ["fip@fip2"]],
    ]);
    assert.equal(m.resources.find((r) => r.name === "fip2")?.group, "managegroup1");
    assert.deepEqual(m.heartbeats.map((h) => `${h.type}@${h.name}`), ["lankhb@lankhb1", "lankhb@lankhb2", "diskhb@diskhb1"]);
  });
});
