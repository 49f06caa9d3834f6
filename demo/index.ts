// The demo: seed 000 (PrintPort for ACOS-4 on CLUSTERPRO X, two print servers with a mirror disk)
// declared in code, converged on the local lab whose connection details are in lab.json.
// `npm run demo` runs it; the end-to-end tests run this same program.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");

/** A server of the lab, reached over WinRM/HTTPS with the lab's self-signed certificate pinned as the CA. */
function node(name: string) {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort,
    https: true, caCertPem: n.winrm.caCertPem, username: n.username, password } });
}
const server01 = node("server01");
const server02 = node("server02");

// Seed 000 §2.3 ⑫: cluster PrintPort, Japanese, management IP 192.168.1.13, interconnects after the change.
const cluster = new clusterpro.Cluster("printport", {
  name: "PrintPort", language: "ja", managementIp: "192.168.1.13",
  servers: [server01, server02],
  interconnects: [
    { priority: 1, kind: "kernel", mdc: "mdc2", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } },
    { kind: "mirror", mdc: "mdc1", addresses: { server01: "192.168.2.11", server02: "192.168.2.12" } },
    { priority: 2, kind: "kernel", addresses: { server01: "192.168.3.11", server02: "192.168.3.12" } } ],
  maxDisruption: "cluster" });

// Group failover: floating IP, mirror disk E:/D:, and the PrintPort spooler with a 30 s stop time-out.
const failover = new clusterpro.FailoverGroup("failover", { cluster, name: "failover",
  startupServers: ["server01", "server02"], autoStart: true, failover: "auto",
  resources: [{ type: "service", name: "service", serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }] });
new clusterpro.FloatingIp("fip", { group: failover, name: "fip", address: cfg.get("fipAddress") ?? "192.168.1.14" });
new clusterpro.MirrorDisk("md", { group: failover, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1", "mdc2"] });

// Group NIC_disable: disables the printer LAN on the standby; manual failover (moved back by hand after recovery).
new clusterpro.FailoverGroup("nic", { cluster, name: "NIC_disable", startupServers: ["server02", "server01"], failover: "manual",
  resources: [{ type: "application", name: "appli", resident: false, startPath: "C:\\clp\\disable.bat", stopPath: "C:\\clp\\enable.bat" }] });

export const clusterName = cluster.id;
