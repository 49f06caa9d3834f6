// SharedDisk and VirtualComputerName refuse bad programs at construction, naming the field and the reason: the
// schema's own rules (drive vs device, Linux-only fields, NetBIOS names, option strings) and the rules that need
// the cluster (its OS, its servers, the group's floating IPs).
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as clusterpro from "../../sdk";
import { formatIssues } from "../../sdk/schemas/issues";
import { SharedDiskArgsSchema, VirtualComputerNameArgsSchema } from "../../sdk/schemas/storage";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const failures = (r: { success: boolean; error?: unknown }) => (r.success ? [] : formatIssues(r.error as never));

describe("sdk schemas: SharedDisk and VirtualComputerName", () => {
  it("accepts the documented Windows and Linux forms (a drive letter is read as S:)", () => {
    const w = SharedDiskArgsSchema.parse({ name: "sd1", drive: "s", hbaFilters: [{ server: "server01", port: 1, deviceId: "PCI\\VEN_1", instanceId: "4&1" }] });
    assert.equal(w.drive, "S:");
    assert.equal(w.hbaFilters?.[0].id, 0);
    assert.equal(w.monitor, true);
    const l = SharedDiskArgsSchema.parse({ name: "disk1", device: "/dev/sdb1", mountPoint: "/mnt/sd1", fileSystem: "ext4", mountOptions: "rw,noatime", fsckOptions: "-y -f" });
    assert.equal(l.device, "/dev/sdb1");
    assert.equal(VirtualComputerNameArgsSchema.parse({ name: "vcom1", computerName: "VCOM01", floatingIp: "fip1" }).monitor, true);
  });

  it("names the field and the reason for each bad value", () => {
    const sd = (o: Record<string, unknown>) => failures(SharedDiskArgsSchema.safeParse({ name: "d", ...o }));
    assert.deepEqual(sd({}), [{ property: "drive", reason: 'is required: a Windows shared disk has drive ("S:"), a Linux one device ("/dev/sdb1")' }]);
    assert.deepEqual(sd({ drive: "SS:" }).map((f) => f.property), ["drive"]);
    assert.deepEqual(sd({ drive: "S:", mountPoint: "/mnt/x" }), [{ property: "mountPoint", reason: "is for a Linux disk (device); a Windows shared disk has drive" }]);
    assert.deepEqual(sd({ device: "/dev/sdb1" }).map((f) => f.property), ["mountPoint", "fileSystem"]);
    assert.deepEqual(sd({ device: "sdb1", mountPoint: "/mnt/x", fileSystem: "ext4" }), [{ property: "device", reason: "must be a device path such as /dev/sdb1" }]);
    assert.deepEqual(sd({ device: "/dev/sdb1", mountPoint: "/mnt/x", fileSystem: "xfs", fsckOptions: "-y" }), [{ property: "fsckOptions", reason: "is used with ext2/ext3/ext4 only (fileSystem is xfs)" }]);
    assert.deepEqual(sd({ device: "/dev/sdb1", mountPoint: "/mnt/x", fileSystem: "ext4", mountOptions: "rw; rm -rf /" }).map((f) => f.property), ["mountOptions"]);
    assert.deepEqual(sd({ device: "/dev/sdb1", mountPoint: "/mnt/x", fileSystem: "ntfs" }).map((f) => f.property), ["fileSystem"]);
    assert.deepEqual(sd({ device: "/dev/sdb1", mountPoint: "/mnt/x", fileSystem: "ext4", hbaFilters: [] }), [{ property: "hbaFilters", reason: "is for a Windows shared disk (drive) only" }]);
    assert.deepEqual(sd({ drive: "S:", hbaFilters: [{ server: "server01", port: -1, deviceId: "x", instanceId: "y" }] }), [{ property: "hbaFilters[0].port", reason: "must be 0 or more" }]);
    assert.deepEqual(sd({ drive: "S:", hbaFilters: [{ server: "server01", port: 1, deviceId: "x", instanceId: "y" }, { server: "server01", port: 2, deviceId: "x", instanceId: "z" }] }), [{ property: "hbaFilters[1].id", reason: "server server01 has HBA filter 0 twice" }]);
    const vcom = (o: Record<string, unknown>) => failures(VirtualComputerNameArgsSchema.safeParse({ name: "vcom1", computerName: "VCOM01", floatingIp: "fip1", ...o }));
    assert.deepEqual(vcom({ computerName: "A-VERY-LONG-NAME-1" }), [{ property: "computerName", reason: "must be at most 15 characters (a NetBIOS name)" }]);
    assert.deepEqual(vcom({ computerName: "VCOM_01" }), [{ property: "computerName", reason: "may contain only letters, digits and '-' (a NetBIOS name)" }]);
    assert.deepEqual(vcom({ computerName: "12345" }), [{ property: "computerName", reason: "must not be only digits" }]);
    assert.equal(vcom({ floatingIp: "" })[0]?.property, "floatingIp");
  });
});

describe("sdk: SharedDisk and VirtualComputerName need the cluster's facts", function () {
  this.timeout(60_000);
  before(() => {
    pulumi.runtime.setMocks({ newResource: (a: pulumi.runtime.MockResourceArgs) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a: pulumi.runtime.MockCallArgs) => a.inputs }, "storage", "unit", true);
  });
  const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  const windows = (p: string) => {
    const nodes = ["server01", "server02"].map((n) => new clusterpro.Node(`${p}-${n}`, { hostname: n, connection: { transport: "winrm", host: "127.0.0.1", port: 5986, https: true, caCertPem: CERT, username: "a", password: "x" } as Any }));
    const cluster = new clusterpro.Cluster(`${p}-c`, { name: "W", language: "en", servers: nodes, interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] });
    const group = new clusterpro.FailoverGroup(`${p}-g`, { cluster, name: "failover" });
    return { cluster, group };
  };
  const linux = (p: string) => {
    const nodes = ["node1", "node2"].map((n) => new clusterpro.Node(`${p}-${n}`, { hostname: n, connection: { transport: "ssh", host: "127.0.0.1", username: "root", password: "x", hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } as Any }));
    const cluster = new clusterpro.Cluster(`${p}-c`, { name: "L", language: "en", servers: nodes, interconnects: [{ priority: 1, kind: "kernel", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }] });
    return { group: new clusterpro.FailoverGroup(`${p}-g`, { cluster, name: "failover" }) };
  };
  const refused = (build: () => unknown, resource: string, property: string, reason: RegExp) => {
    let error: unknown;
    try {
      build();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof clusterpro.InvalidArgsError, `expected an InvalidArgsError, got ${String(error)}`);
    assert.match(error.message, new RegExp(`^invalid ${resource} "`));
    const issue = error.issues.find((i) => i.property === property);
    assert.ok(issue, `names ${property}: ${error.message}`);
    assert.match(issue.reason, reason);
  };

  it("builds a valid Windows sd + vcom and a Linux disk", () => {
    const { group } = windows("ok");
    new clusterpro.FloatingIp("ok-fip", { group, name: "fip1", address: "10.0.0.20" });
    new clusterpro.SharedDisk("ok-sd", { group, name: "sd1", drive: "S:", hbaFilters: [{ server: "server01", port: 1, deviceId: "x", instanceId: "y" }] });
    new clusterpro.VirtualComputerName("ok-vcom", { group, name: "vcom1", computerName: "VCOM01", floatingIp: "fip1" });
    new clusterpro.SharedDisk("okl-disk", { group: linux("okl").group, name: "disk1", device: "/dev/sdb1", mountPoint: "/mnt/sd1", fileSystem: "ext4" });
  });

  it("refuses a device on a Windows cluster and a drive on a Linux one", () => {
    refused(() => new clusterpro.SharedDisk("w1-sd", { group: windows("w1").group, name: "sd1", device: "/dev/sdb1", mountPoint: "/mnt/x", fileSystem: "ext4" }), "SharedDisk", "device", /a Windows cluster's shared disk is a drive letter/);
    refused(() => new clusterpro.SharedDisk("l1-sd", { group: linux("l1").group, name: "sd1", drive: "S:" }), "SharedDisk", "drive", /a Linux cluster's disk is a device/);
  });

  it("refuses an HBA filter of a server the cluster does not have", () => {
    refused(() => new clusterpro.SharedDisk("w2-sd", { group: windows("w2").group, name: "sd1", drive: "S:", hbaFilters: [{ server: "server03", port: 1, deviceId: "x", instanceId: "y" }] }), "SharedDisk", "hbaFilters[0].server", /server03 is not a server of cluster W \(it has: server01, server02\)/);
  });

  it("refuses a vcom bound to a floating IP its group does not declare, a Linux vcom, and a computer name used twice", () => {
    const { group } = windows("w3");
    refused(() => new clusterpro.VirtualComputerName("w3-vcom", { group, name: "vcom1", computerName: "VCOM01", floatingIp: "fip9" }), "VirtualComputerName", "floatingIp", /fip9 is not a FloatingIp declared before this object in group failover/);
    refused(() => new clusterpro.VirtualComputerName("l3-vcom", { group: linux("l3").group, name: "vcom1", computerName: "VCOM01", floatingIp: "fip1" }), "VirtualComputerName", "group", /a virtual computer name is a Windows resource/);
    const w4 = windows("w4");
    new clusterpro.FloatingIp("w4-fip", { group: w4.group, name: "fip1", address: "10.0.0.20" });
    new clusterpro.VirtualComputerName("w4-vcom", { group: w4.group, name: "vcom1", computerName: "VCOM01", floatingIp: "fip1" });
    refused(() => new clusterpro.VirtualComputerName("w4-vcom2", { group: w4.group, name: "vcom2", computerName: "vcom01", floatingIp: "fip1" }), "VirtualComputerName", "computerName", /computer name vcom01 is already used by VirtualComputerName "w4-vcom"/);
  });
});
