import { strict as assert } from "node:assert";
import { applyModel, checkInvariants, createClpConf, readModel, serializeClpConf, type FipResource, type MirrorDiskResource } from "../../../provider/clusterpro";
import { clusterFragment, floatingIpFragment, groupFragment, mergeFragments, mirrorDiskFragment } from "../../../provider/clusterpro/plan";

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

  it("a Windows md's volumes become its per-server blocks; without them the file's own blocks are kept", () => {
    const volumes = [
      { server: "server01", volumeGuid: "4519e341-59ed-43e9-8856-d2c9ed671f65", cpVolumeGuid: "4cd3fa30-67bd-460f-93b8-1e58acfe7c34" },
      { server: "server02", volumeGuid: "d20fe8a3-afcb-4deb-8934-58e8575da260", cpVolumeGuid: "bf90eaf9-7e65-4fdf-8dcd-bd10461be308" },
    ];
    const md = (v?: typeof volumes) => mirrorDiskFragment({ group: "failover", name: "md", os: "windows", servers: ["server01", "server02"], dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1", "mdc2"], monitor: true, volumes: v });
    const doc = applyModel(createClpConf({ name: "PrintPort", serverOs: "windows" }), mergeFragments([...seed000Fragments().slice(0, -1), md(volumes)]));
    const read = () => (readModel(doc).resources.find((r) => r.name === "md") as MirrorDiskResource).volumes;
    assert.deepEqual(read(), volumes);
    assert.match(serializeClpConf(doc).toString("latin1"), /<server name="server02">\s*<parameters>\s*<volumeguid>d20fe8a3-afcb-4deb-8934-58e8575da260<\/volumeguid>\s*<cpvolumeguid>bf90eaf9-7e65-4fdf-8dcd-bd10461be308<\/cpvolumeguid>/);
    const kept = applyModel(doc, md());
    assert.deepEqual((readModel(kept).resources.find((r) => r.name === "md") as MirrorDiskResource).volumes, volumes);
  });

  it("two new Linux mirror disks in one commit get different NMP devices, and a third in a later commit the next free one", () => {
    const cluster = clusterFragment({ name: "L", language: "en", os: "linux", servers: ["n1", "n2"], interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { n1: "10.0.0.1", n2: "10.0.0.2" } }] });
    const group = groupFragment({ os: "linux", name: "g", autoStart: true, failover: "auto", failback: "manual", resources: [] });
    // Names without a digit both ask for /dev/NMP1 (mirrorDiskFragment derives the device from the name's digits).
    const md = (name: string, n: number) =>
      mirrorDiskFragment({ group: "g", name, os: "linux", servers: ["n1", "n2"], dataPartition: `/dev/sdb${n}`, clusterPartition: `/dev/sdc${n}`, mirrorConnects: ["mdc1"], mountPoint: `/mnt/${name}`, monitor: true });
    const doc = applyModel(createClpConf({ name: "L", serverOs: "linux" }), mergeFragments([cluster, group, md("mdA", 1), md("mdB", 2)]));
    const nmp = (d: typeof doc) => Object.fromEntries(readModel(d).resources.filter((r) => r.type === "md").map((r) => [r.name, (r as MirrorDiskResource).nmpPath]));
    assert.deepEqual(nmp(doc), { mdA: "/dev/NMP1", mdB: "/dev/NMP2" });
    const later = applyModel(doc, md("mdC", 3));
    assert.deepEqual(nmp(later), { mdA: "/dev/NMP1", mdB: "/dev/NMP2", mdC: "/dev/NMP3" });
    assert.deepEqual(nmp(applyModel(later, mergeFragments([md("mdA", 1), md("mdB", 2)]))), nmp(later), "an existing md keeps its device");
  });
});
