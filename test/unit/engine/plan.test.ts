import { strict as assert } from "node:assert";
import { applyModel, checkInvariants, createClpConf, readModel, serializeClpConf, type FipResource, type MirrorDiskResource } from "../../../provider/clusterpro";
import { clusterFragment, floatingIpFragment, groupFragment, mergeFragments, mirrorDiskFragment } from "../../../provider/engine/plan";

/** The seed-000 stack as the resources would plan it. */
export function seed000Fragments() {
  return [
    clusterFragment({
      name: "PrintPort",
      language: "ja",
      os: "windows",
      managementIp: "192.168.1.13",
      servers: ["server01", "server02"],
      interconnects: [
        { priority: 1, kind: "kernel", mdc: "mdc2", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } },
        { kind: "mirror", mdc: "mdc1", addresses: { server01: "192.168.2.11", server02: "192.168.2.12" } },
        { priority: 2, kind: "kernel", addresses: { server01: "192.168.3.11", server02: "192.168.3.12" } },
      ],
    }),
    groupFragment({ os: "windows", name: "failover", startupServers: ["server01", "server02"], autoStart: true, failover: "auto", failback: "manual", resources: [{ type: "service", name: "service", serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }] }),
    groupFragment({ os: "windows", name: "NIC_disable", startupServers: ["server02", "server01"], autoStart: true, failover: "manual", failback: "manual", resources: [{ type: "application", name: "appli", resident: false, startPath: "C:\\clp\\disable.bat", stopPath: "C:\\clp\\enable.bat" }] }),
    floatingIpFragment({ group: "failover", name: "fip", address: "192.168.1.14", monitor: true }),
    mirrorDiskFragment({ group: "failover", name: "md", os: "windows", servers: ["server01", "server02"], dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1", "mdc2"], monitor: true }),
  ];
}

describe("engine plan: desired objects → one clp.conf patch", () => {
  it("builds the seed-000 configuration from empty, valid and complete", () => {
    const doc = applyModel(createClpConf({ name: "PrintPort", serverOs: "windows" }), mergeFragments(seed000Fragments()));
    const model = readModel(doc);
    assert.deepEqual(checkInvariants(model).filter((v) => v.severity === "error"), []);
    assert.deepEqual(model.servers.map((s) => [s.name, s.priority, s.devices?.map((d) => `${d.type}#${d.id}=${d.info}`)]), [
      ["server01", 0, ["lan#0=192.168.1.11", "lan#1=192.168.3.11", "mdc#400=192.168.2.11", "mdc#401=192.168.1.11"]],
      ["server02", 1, ["lan#0=192.168.1.12", "lan#1=192.168.3.12", "mdc#400=192.168.2.12", "mdc#401=192.168.1.12"]],
    ]);
    assert.deepEqual(model.heartbeats.map((h) => `${h.type}@${h.name}:${h.device}`), ["lankhb@lankhb1:0", "lankhb@lankhb2:1"]);
    const groups = Object.fromEntries(model.groups.map((g) => [g.name, g]));
    assert.deepEqual(groups.NIC_disable.startupServers, [{ server: "server02", order: 0 }, { server: "server01", order: 1 }]);
    assert.equal(groups.NIC_disable.autoFailover, false);
    const resources = Object.fromEntries(model.resources.map((r) => [r.name, r]));
    assert.equal((resources.fip as FipResource).ip, "192.168.1.14");
    assert.deepEqual((resources.md as MirrorDiskResource).netdevs?.map((n) => [n.mdcName, n.device]), [["mdc1", 400], ["mdc2", 401]]);
    assert.equal(resources.service.deact?.timeout, 30);
    // As the WebUI makes a cluster: the user-mode monitor, and product-named monitors for the fip and the md.
    assert.deepEqual(model.monitors.map((m) => m.name).sort(), ["fipw1", "mdnw1", "mdw1", "userw"]);
    assert.match(serializeClpConf(doc).toString("latin1"), /encoding="SJIS"/);
  });

  it("re-applying the same fragments changes nothing (idempotent patch)", () => {
    const once = applyModel(createClpConf({ name: "PrintPort", serverOs: "windows" }), mergeFragments(seed000Fragments()));
    const twice = applyModel(once, mergeFragments(seed000Fragments()));
    assert.ok(serializeClpConf(twice).equals(serializeClpConf(once)));
  });
});
