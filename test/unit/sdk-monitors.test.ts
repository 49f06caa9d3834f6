// The SDK's monitors, volume manager and network partition arguments under Pulumi mocks: a valid Linux stack is
// built; each bad argument is refused at construction with an InvalidArgsError naming the resource, the field and
// the reason (before anything is registered or contacted).
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as clusterpro from "../../sdk";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ssh = { transport: "ssh", host: "127.0.0.1", port: 22, username: "root", password: "x", hostKeyFingerprint: `SHA256:${"A".repeat(43)}` };
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const winrm = { transport: "winrm", host: "127.0.0.1", port: 5986, https: true, caCertPem: CERT, username: "Administrator", password: "x" };

let n = 0;
function linux(args: Record<string, unknown> = {}) {
  const p = `t${n++}`;
  const nodes = ["node1", "node2"].map((h) => new clusterpro.Node(`${p}-${h}`, { hostname: h, connection: ssh as Any }));
  const cluster = new clusterpro.Cluster(`${p}-c`, { name: "Lin", language: "en", servers: nodes, interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }], ...args } as Any);
  const group = new clusterpro.FailoverGroup(`${p}-g`, { cluster, name: "failover" });
  return { p, cluster, group };
}
function windows(args: Record<string, unknown> = {}) {
  const p = `w${n++}`;
  const nodes = ["server01", "server02"].map((h) => new clusterpro.Node(`${p}-${h}`, { hostname: h, connection: winrm as Any }));
  const cluster = new clusterpro.Cluster(`${p}-c`, { name: "Win", servers: nodes, interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }], ...args } as Any);
  const group = new clusterpro.FailoverGroup(`${p}-g`, { cluster, name: "failover" });
  return { p, cluster, group };
}

function refused(build: () => unknown, resource: string, property: string, reason: RegExp): void {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof clusterpro.InvalidArgsError, `expected an InvalidArgsError, got ${error instanceof Error ? error.message : String(error)}`);
  assert.match(error.message, new RegExp(`^invalid ${resource} "`));
  const issue = error.issues.find((i) => i.property === property);
  assert.ok(issue, `the issues name ${property}: ${error.message}`);
  assert.match(issue.reason, reason);
}

describe("sdk: monitors, volume manager and network partition arguments", () => {
  before(() => {
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "sdk", "monitors", true);
  });

  it("builds a valid Linux stack with each of them", () => {
    const { p, cluster, group } = linux({ networkPartitions: [{ kind: "ping", targets: ["10.0.0.254"], servers: ["node1"], intervalSeconds: 5 }], networkPartitionAction: "keepalivePanic" });
    new clusterpro.VolumeManager(`${p}-vg`, { group, name: "volmgr1", volumeManager: "lvm", target: "ecxsd" });
    new clusterpro.CustomMonitor(`${p}-genw`, { group, name: "genw1", script: "#!/bin/sh\nexit 0\n", finalAction: "stopGroup" });
    new clusterpro.IpMonitor(`${p}-ipw`, { group, name: "ipw1", targets: ["10.0.0.253"] });
    new clusterpro.NicLinkMonitor(`${p}-miiw`, { cluster, name: "miiw1", nic: "eth0" });
  });

  it("refuses bad arguments, naming the field and the reason", () => {
    refused(() => { const { p, group } = linux(); new clusterpro.IpMonitor(`${p}-i`, { group, name: "ipw1", targets: ["10.0.0.1", "gw"] }); }, "IpMonitor", "targets[1]", /must be an IPv4 address/);
    refused(() => { const { p } = linux(); new clusterpro.CustomMonitor(`${p}-m`, { name: "genw1", script: "x" } as Any); }, "CustomMonitor", "group", /give the FailoverGroup the monitor recovers, or the Cluster/);
    refused(() => { const { p, cluster } = linux(); new clusterpro.NicLinkMonitor(`${p}-m`, { cluster, name: "miiw1", nic: "eth0", recoveryTarget: "group" }); }, "NicLinkMonitor", "recoveryTarget", /has no group/);
    refused(() => { const { p, group } = linux(); new clusterpro.CustomMonitor(`${p}-a`, { group, name: "m1", script: "x" }); new clusterpro.IpMonitor(`${p}-b`, { group, name: "M1", targets: ["10.0.0.9"] }); }, "IpMonitor", "name", /monitor name M1 is already used by CustomMonitor/);
    refused(() => { const { p, group } = linux(); new clusterpro.CustomMonitor(`${p}-m`, { group, name: "genw1", script: "x", restartLimit: 100 }); }, "CustomMonitor", "restartLimit", /must be 0-99/);
    refused(() => { const { p, group } = windows(); new clusterpro.CustomMonitor(`${p}-m`, { group, name: "genw1", script: "echo ü" }); }, "CustomMonitor", "script", /CP932/);
    refused(() => { const { p, group } = windows(); new clusterpro.VolumeManager(`${p}-v`, { group, name: "v", volumeManager: "lvm", target: "vg" }); }, "VolumeManager", "group", /Linux clusters only/);
    refused(() => { const { p, group } = linux(); new clusterpro.VolumeManager(`${p}-v`, { group, name: "v", volumeManager: "lvm", target: "vg/1" }); }, "VolumeManager", "target", /must be a volume group name/);
    refused(() => windows({ networkPartitionAction: "keepalivePanic" }), "Cluster", "networkPartitionAction", /not a network partition action of a Windows cluster/);
    refused(() => linux({ networkPartitions: [{ kind: "ping", targets: ["10.0.0.254"], servers: ["node3"] }] }), "Cluster", "networkPartitions[0].servers[0]", /node3 is not a server of this cluster/);
    refused(() => linux({ networkPartitions: [{ kind: "ping", targets: ["10.0.0.254", "10.0.0.254"] }] }), "Cluster", "networkPartitions[0].targets", /lists an address twice/);
  });
});
