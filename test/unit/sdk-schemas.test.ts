import { strict as assert } from "node:assert";
import { formatIssues } from "../../sdk/schemas/issues";
import { ConnectionSchema } from "../../sdk/schemas/connection";
import { ipv4, objectName, serverName } from "../../sdk/schemas/common";

const failures = (r: { success: boolean; error?: unknown }) => (r.success ? [] : formatIssues(r.error as never));

describe("sdk schemas: connections", () => {
  it("accepts the documented WinRM and SSH forms with their defaults", () => {
    const w = ConnectionSchema.parse({ transport: "winrm", host: "127.0.0.1", port: 15985, username: "Administrator", password: "p" });
    assert.equal(w.transport === "winrm" && w.https, true);
    const s = ConnectionSchema.parse({ transport: "ssh", host: "node1.example", username: "root", privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----", hostKeyFingerprint: `SHA256:${"A".repeat(43)}` });
    assert.equal(s.transport === "ssh" && s.port, 22);
  });

  it("names the field and the reason for each bad value", () => {
    assert.deepEqual(failures(ConnectionSchema.safeParse({ transport: "winrm", host: "127.0.0.1", https: false, auth: "basic", username: "a", password: "p" })), [
      { property: "auth", reason: 'basic authentication sends the password in clear over HTTP: use https: true or auth: "ntlm"' },
    ]);
    assert.deepEqual(failures(ConnectionSchema.safeParse({ transport: "ssh", host: "h", username: "a", password: "p" })), [
      { property: "hostKeyFingerprint", reason: "pin the host key (hostKeyFingerprint) or set acceptUnknownHostKey: true" },
    ]);
    assert.deepEqual(failures(ConnectionSchema.safeParse({ transport: "ssh", host: "h", port: 70000, username: "a", password: "p", acceptUnknownHostKey: true })), [{ property: "port", reason: "must be 1-65535" }]);
    assert.equal(failures(ConnectionSchema.safeParse({ transport: "telnet", host: "h" }))[0].property, "transport");
    assert.deepEqual(failures(ConnectionSchema.safeParse({ transport: "winrm", host: "h", username: "a", password: "p", pasword: "typo" })).map((f) => f.reason), ['Unrecognized key: "pasword"']);
  });
});

describe("sdk schemas: names and addresses", () => {
  it("validates IPv4 addresses, object names and server names", () => {
    assert.equal(ipv4.safeParse("192.168.1.14").success, true);
    for (const bad of ["192.168.1.256", "192.168.1", "fe80::1", "192.168.1.14/24"]) assert.equal(ipv4.safeParse(bad).success, false, bad);
    assert.equal(objectName.safeParse("NIC_disable").success, true);
    for (const bad of ["", "a@b", "a/b", "x".repeat(32), "-x", "グループ"]) assert.equal(objectName.safeParse(bad).success, false, bad);
    assert.equal(serverName.safeParse("server01").success, true);
    assert.equal(serverName.safeParse("Server01").success, false);
  });
});

import { ClusterArgsSchema, FailoverGroupArgsSchema, FloatingIpArgsSchema, MirrorDiskArgsSchema } from "../../sdk/schemas/cluster";

describe("sdk schemas: the seed-000 cluster", () => {
  const cluster = {
    name: "PrintPort",
    language: "ja",
    managementIp: "192.168.1.13",
    servers: ["server01", "server02"],
    interconnects: [
      { priority: 1, kind: "kernel", mdc: "mdc2", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } },
      { kind: "mirror", mdc: "mdc1", addresses: { server01: "192.168.2.11", server02: "192.168.2.12" } },
      { priority: 2, kind: "kernel", addresses: { server01: "192.168.3.11", server02: "192.168.3.12" } },
    ],
    maxDisruption: "cluster",
  };

  it("accepts the issue's example", () => {
    assert.equal(ClusterArgsSchema.parse(cluster).maxDisruption, "cluster");
    assert.equal(FailoverGroupArgsSchema.parse({ name: "failover", startupServers: ["server01", "server02"], resources: [{ type: "service", name: "service", serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }] }).failback, "manual");
    assert.equal(FloatingIpArgsSchema.parse({ name: "fip", address: "192.168.1.14" }).monitor, true);
    assert.equal(MirrorDiskArgsSchema.parse({ name: "md", dataPartition: "e:", clusterPartition: "D:", mirrorConnects: ["mdc1", "mdc2"] }).dataPartition, "E:");
  });

  it("rejects cross-field mistakes with their paths", () => {
    const bad = { ...cluster, interconnects: [...cluster.interconnects, { priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server03: "10.0.0.3" } }] };
    assert.deepEqual(failures(ClusterArgsSchema.safeParse(bad)), [
      { property: "interconnects[3].addresses", reason: "has no address for server server02" },
      { property: "interconnects[3].addresses.server03", reason: "server03 is not a server of this cluster" },
      { property: "interconnects[3].priority", reason: "priority 1 is used twice" },
    ]);
    assert.deepEqual(failures(FailoverGroupArgsSchema.safeParse({ name: "g", resources: [{ type: "service", name: "s", serviceName: "x", dependsOn: ["s"] }, { type: "application", name: "S", startPath: "C:\\a.bat" }] })), [
      { property: "resources[0].dependsOn[0]", reason: "a resource cannot depend on itself" },
      { property: "resources[1].name", reason: "S is used twice in this group" },
    ]);
    assert.deepEqual(failures(MirrorDiskArgsSchema.safeParse({ name: "md", dataPartition: "E:", clusterPartition: "/dev/sdb1", mirrorConnects: ["mdc1"] })), [
      { property: "clusterPartition", reason: "must be of the same kind as dataPartition (both drive letters or both devices)" },
    ]);
    assert.deepEqual(failures(FloatingIpArgsSchema.safeParse({ name: "fip", address: "192.168.1.300" })), [{ property: "address", reason: "must be an IPv4 address such as 192.168.1.14" }]);
  });
});

import * as pulumi from "@pulumi/pulumi";
import { ConnectionSchema as Conn } from "../../sdk/schemas/connection";
import { validateArgs, InvalidArgsError } from "../../sdk/validate";

describe("sdk validation with values that are still Outputs", () => {
  it("leaves a cross-field rule to the provider when one of its fields is a secret Output", () => {
    const key = pulumi.secret("-----BEGIN OPENSSH PRIVATE KEY-----");
    assert.doesNotThrow(() => validateArgs(Conn, { transport: "ssh", host: "h", username: "root", privateKey: key, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` }, "Node", "n"));
    assert.throws(
      () => validateArgs(Conn, { transport: "ssh", host: "h", port: 0, username: "root", privateKey: key, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` }, "Node", "n"),
      (e: unknown) => e instanceof InvalidArgsError && e.issues.length === 1 && e.issues[0].property === "port",
    );
  });
});
