// ProductInstall at construction (Pulumi mocks): the seed 001 products' requirements on the cluster — a switch partition
// (a SharedDisk or MirrorDisk of the group, the shared folder on it), a virtual computer name, a floating IP —
// and the version pick, each refused with the field and the reason before anything is registered.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as clusterpro from "../../../sdk";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const winrm = { transport: "winrm", host: "127.0.0.1", port: 5986, https: true, caCertPem: CERT, username: "Administrator", password: "x" };

let n = 0;
function stack(opts: { mirrorDisk?: boolean; floatingIp?: boolean; sharedDisk?: boolean; vcom?: string | false } = {}) {
  const p = `req${n++}`;
  const nodes = ["server01", "server02"].map((h) => new clusterpro.Node(`${p}-${h}`, { hostname: h, connection: winrm } as Any));
  const cluster = new clusterpro.Cluster(`${p}-cluster`, {
    name: "esm", language: "ja", servers: nodes,
    interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } }],
  } as Any);
  const group = new clusterpro.FailoverGroup(`${p}-g`, { cluster, name: "failover", startupServers: ["server01", "server02"] } as Any);
  if (opts.floatingIp !== false) new clusterpro.FloatingIp(`${p}-fip`, { group, name: "fip", address: "192.168.1.14" });
  if (opts.mirrorDisk !== false && !opts.sharedDisk) new clusterpro.MirrorDisk(`${p}-md`, { group, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"] });
  if (opts.sharedDisk) new clusterpro.SharedDisk(`${p}-sd`, { group, name: "sd", drive: "E:" } as Any);
  if (opts.vcom !== false && opts.floatingIp !== false) new clusterpro.VirtualComputerName(`${p}-vcom`, { group, name: "vcom", computerName: opts.vcom ?? "VCOM01", floatingIp: "fip" });
  return { p, group };
}

function refusal(build: () => unknown): clusterpro.InvalidArgsError {
  try {
    build();
  } catch (e) {
    if (e instanceof clusterpro.InvalidArgsError) return e;
    throw e;
  }
  assert.fail("expected an InvalidArgsError");
}

const JMSS = { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" };

describe("ProductInstall: seed 001 requirements on the cluster and the version pick", () => {
  before(() => {
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "requirements", "test", true);
  });

  it("JMSS with its shared folder on the group's mirror disk, a floating IP there: accepted", () => {
    const { p, group } = stack();
    new clusterpro.ProductInstall(`${p}-jmss`, { group, product: "esmpro-jmss", sharedFolder: "E:\\JMSS", settings: JMSS } as Any);
  });

  it("switch partition: a SharedDisk of the group is one (JMSS on its drive: accepted)", () => {
    const { p, group } = stack({ sharedDisk: true });
    new clusterpro.ProductInstall(`${p}-jmss`, { group, product: "esmpro-jmss", sharedFolder: "E:\\JMSS", settings: JMSS } as Any);
  });

  it("virtual computer name: JMSS in a group without a VirtualComputerName is refused at group", () => {
    const { p, group } = stack({ vcom: false });
    const e = refusal(() => new clusterpro.ProductInstall(`${p}-jmss`, { group, product: "esmpro-jmss", sharedFolder: "E:\\JMSS", settings: JMSS } as Any));
    assert.deepEqual(e.issues.map((i) => i.property), ["group"]);
    assert.match(e.message, /needs a virtual computer name in group "failover" .*declare the group's VirtualComputerName before this install/);
  });

  it("virtual computer name: a settings.virtualComputerName the group does not have is refused there", () => {
    const { p, group } = stack({ vcom: "OTHER" });
    const e = refusal(() => new clusterpro.ProductInstall(`${p}-jmss`, { group, product: "esmpro-jmss", sharedFolder: "E:\\JMSS", settings: JMSS } as Any));
    assert.deepEqual(e.issues.map((i) => i.property), ["settings.virtualComputerName"]);
    assert.match(e.message, /VCOM01 is not a virtual computer name of group "failover" \(it has: OTHER\)/);
  });

  it("switch partition: a group without a mirror disk is refused at group, naming what the product keeps there", () => {
    const { p, group } = stack({ mirrorDisk: false });
    const e = refusal(() => new clusterpro.ProductInstall(`${p}-jmss`, { group, product: "esmpro-jmss", sharedFolder: "E:\\JMSS", settings: JMSS } as Any));
    assert.deepEqual(e.issues.map((i) => i.property), ["group"]);
    assert.match(e.message, /needs a switch partition \(shared disk\) in group "failover" for LOG, OUT, QUE, SCHEDULE/);
  });

  it("switch partition: a shared folder on another drive than the group's mirror disk is refused at sharedFolder", () => {
    const { p, group } = stack();
    const e = refusal(() => new clusterpro.ProductInstall(`${p}-jmss`, { group, product: "esmpro-jmss", sharedFolder: "X:\\JMSS", settings: JMSS } as Any));
    assert.deepEqual(e.issues.map((i) => i.property), ["sharedFolder"]);
    assert.match(e.message, /X: is not a disk of group "failover" \(its shared or mirror disks' drives: E:\)/);
  });

  it("floating IP: FileTransfer (ESMPRO_FT) in a group without one is refused at group", () => {
    const { p, group } = stack({ floatingIp: false });
    const e = refusal(() => new clusterpro.ProductInstall(`${p}-ft`, { group, product: "esmpro-filetransfer" } as Any));
    assert.deepEqual(e.issues.map((i) => i.property), ["group"]);
    assert.match(e.message, /needs a floating IP in group "failover" for the logical service name ESMPRO_FT/);
  });

  it("version: legacy picks the seed-001 ServerManager (its settings are checked); an unknown version is refused at version", () => {
    const { p, group } = stack({ vcom: "ESMPRO" });
    const settings = { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false };
    new clusterpro.ProductInstall(`${p}-sm`, { group, product: "esmpro-servermanager", version: "legacy", sharedFolder: "E:\\ESMPRO", settings } as Any);
    const bad = refusal(() => new clusterpro.ProductInstall(`${p}-sm2`, { group, product: "esmpro-servermanager", version: "4.0", sharedFolder: "E:\\ESMPRO", settings } as Any));
    assert.deepEqual(bad.issues.map((i) => i.property), ["version"]);
    assert.match(bad.message, /its versions: 4\.5 \(the default\), legacy/);
    const old = refusal(() => new clusterpro.ProductInstall(`${p}-sm3`, { group, product: "esmpro-servermanager", version: "legacy", sharedFolder: "E:\\ESMPRO", settings: { ...settings, serverManagerVersion: "4.15" } } as Any));
    assert.deepEqual(old.issues.map((i) => i.property), ["settings.serverManagerVersion"]);
  });
});
