// Every object class of a cluster joins its cluster's Apply (sdk/cluster-apply.ts): the Apply depends on each, so the
// engine calls it after all of them have staged their change. A class that did not join would be pushed late (by the
// session's timed commit), so this test lists the SDK's classes and fails for one that is missing.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as clusterpro from "../../sdk";
import { SAMPLE_SETTINGS } from "./products/samples";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const winrm = { transport: "winrm", host: "127.0.0.1", port: 5986, https: true, caCertPem: CERT, username: "Administrator", password: "x" };
const ssh = { transport: "ssh", host: "127.0.0.1", port: 22, username: "root", password: "x", hostKeyFingerprint: `SHA256:${"A".repeat(43)}` };

/** The SDK's resource classes that are not objects of a cluster. */
const NOT_CLUSTER_OBJECTS = new Set(["Node", "Probe"]);

describe("sdk: every cluster object joins its cluster's Apply", () => {
  before(() => {
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "apply-members", "test", true);
  });

  it("each object class is a member of its Cluster (and the Cluster of itself)", () => {
    const win = ["server01", "server02"].map((h) => new clusterpro.Node(`am-${h}`, { hostname: h, connection: winrm as Any }));
    const cluster = new clusterpro.Cluster("am-c", { name: "AM", servers: win, interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] } as Any);
    const group = new clusterpro.FailoverGroup("am-g", { cluster, name: "failover" });
    const lin = ["node1", "node2"].map((h) => new clusterpro.Node(`aml-${h}`, { hostname: h, connection: ssh as Any }));
    const linuxCluster = new clusterpro.Cluster("aml-c", { name: "AML", language: "en", servers: lin, interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.1.1", node2: "10.0.1.2" } }] } as Any);
    const linuxGroup = new clusterpro.FailoverGroup("aml-g", { cluster: linuxCluster, name: "failover" });
    const objects: Record<string, [pulumi.Resource, clusterpro.Cluster]> = {
      Cluster: [cluster, cluster],
      FailoverGroup: [group, cluster],
      FloatingIp: [new clusterpro.FloatingIp("am-fip", { group, name: "fip1", address: "10.0.0.100" }), cluster],
      MirrorDisk: [new clusterpro.MirrorDisk("am-md", { group, name: "md1", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"] }), cluster],
      SharedDisk: [new clusterpro.SharedDisk("am-sd", { group, name: "sd1", drive: "S:" }), cluster],
      VirtualComputerName: [new clusterpro.VirtualComputerName("am-vcom", { group, name: "vcom1", computerName: "VCOM01", floatingIp: "fip1" }), cluster],
      ProductInstall: [new clusterpro.ProductInstall("am-pp", { group, product: "printport-acos4", settings: SAMPLE_SETTINGS["printport-acos4"] } as Any), cluster],
      VolumeManager: [new clusterpro.VolumeManager("aml-vg", { group: linuxGroup, name: "volmgr1", volumeManager: "lvm", target: "ecxsd" }), linuxCluster],
      CustomMonitor: [new clusterpro.CustomMonitor("aml-genw", { group: linuxGroup, name: "genw1", script: "#!/bin/sh\nexit 0\n" }), linuxCluster],
      IpMonitor: [new clusterpro.IpMonitor("aml-ipw", { group: linuxGroup, name: "ipw1", targets: ["10.0.1.253"] }), linuxCluster],
      NicLinkMonitor: [new clusterpro.NicLinkMonitor("aml-miiw", { cluster: linuxCluster, name: "miiw1", nic: "eth0" }), linuxCluster],
    };
    const classes = Object.entries(clusterpro).filter(([name, v]) => typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof pulumi.CustomResource && !NOT_CLUSTER_OBJECTS.has(name)).map(([name]) => name);
    assert.deepEqual(classes.sort(), Object.keys(objects).sort(), "the test covers every object class the SDK exports");
    for (const [name, [object, owner]] of Object.entries(objects)) assert.ok(owner.members.includes(object), `${name} joined its cluster's Apply`);
  });
});
