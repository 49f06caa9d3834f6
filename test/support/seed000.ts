// The seed-000 (PrintPort for ACOS-4) stack as a Pulumi program against a lab, shared by the e2e tests.
import type { Lab } from "../../sim/lab";

export const SEED000_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
function node(name: string) {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort,
    https: true, caCertPem: n.winrm.caCertPem, username: n.username, password } });
}
const server01 = node("server01");
const server02 = node("server02");
const cluster = new clusterpro.Cluster("printport", {
  name: "PrintPort", language: "ja", managementIp: "192.168.1.13",
  servers: [server01, server02],
  interconnects: [
    { priority: 1, kind: "kernel", mdc: "mdc2", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } },
    { kind: "mirror", mdc: "mdc1", addresses: { server01: "192.168.2.11", server02: "192.168.2.12" } },
    { priority: 2, kind: "kernel", addresses: { server01: "192.168.3.11", server02: "192.168.3.12" } } ],
  maxDisruption: "cluster" });
const failover = new clusterpro.FailoverGroup("failover", { cluster, name: "failover",
  startupServers: ["server01", "server02"], autoStart: true, failover: "auto",
  resources: [{ type: "service", name: "service", serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }] });
new clusterpro.FloatingIp("fip", { group: failover, name: "fip", address: cfg.get("fipAddress") ?? "192.168.1.14" });
new clusterpro.MirrorDisk("md", { group: failover, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1", "mdc2"] });
new clusterpro.FailoverGroup("nic", { cluster, name: "NIC_disable", startupServers: ["server02", "server01"], failover: "manual",
  resources: [{ type: "application", name: "appli", resident: false, startPath: "C:\\\\clp\\\\disable.bat", stopPath: "C:\\\\clp\\\\enable.bat" }] });
export const clusterName = cluster.id;
`;

/** The seed's manual preparation (step ④/⑨), done as ProductInstall will do it: spooler Manual and stopped, NIC batch files. */
export function prepareSeed000Nodes(lab: Lab): void {
  for (const name of ["server01", "server02"]) {
    const node = lab.node(name);
    node.services.define({ name: "PrintPort_SPL", displayName: "PrintPort Spooler Service", startup: "manual", state: "stopped", dependsOn: [] });
    node.fs.mkdir("C:\\clp");
    node.fs.writeFile("C:\\clp\\disable.bat", Buffer.from('netsh interface set interface "ローカル エリア接続 3" disable\r\n'));
    node.fs.writeFile("C:\\clp\\enable.bat", Buffer.from('netsh interface set interface "ローカル エリア接続 3" enable\r\n'));
  }
}
