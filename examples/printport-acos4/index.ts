// Seed 000: PrintPort for ACOS-4 on CLUSTERPRO X 3.0 for Windows, two print servers in a one-way
// standby, mirror-disk cluster (../../../shared/docs/seed-digest/000-printport-acos4.md).
//
// Runs against the lab (config `labJson` = the lab's lab.json, secret `password`); README.md says how.
// For real servers, replace `node()` with your hosts and their WinRM certificates.
//
// The seed's Windows settings of step ④/⑨ (the PrintPort spooler Manual and stopped, the printer-LAN
// batch files on both servers) and the time sync of §5 (Windows Time Automatic and started, the NTP
// server) are done by the ProductInstall `printport`, which also adds the spooler's service resource.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
interface LabNode { name: string; username: string; winrm: { httpsPort: number; caCertPem: string } }
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8")) as { nodes: LabNode[] };
const password = cfg.requireSecret("password");

/** A print server of the lab, reached over WinRM/HTTPS with its self-signed certificate trusted as the CA. */
function node(name: string): clusterpro.Node {
  const n = lab.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`${name} is not a node of the lab in ${cfg.require("labJson")}`);
  return new clusterpro.Node(name, {
    hostname: name,
    connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort, https: true, caCertPem: n.winrm.caCertPem, username: n.username, password },
  });
}

// Step ⑤/⑩: two servers with CLUSTERPRO Server installed (the Node checks the host name and the install).
const server01 = node("server01");
const server02 = node("server02");

// Step ⑫: cluster PrintPort, Japanese, management IP 192.168.1.13 (WebManager), server01 the master.
// The interconnects after the seed's change: public LAN kernel-mode heartbeat 1 + mirror connect mdc2,
// the interconnect LAN for mirroring only (mdc1), the printer LAN kernel-mode heartbeat 2.
const cluster = new clusterpro.Cluster("printport", {
  name: "PrintPort",
  language: "ja",
  managementIp: "192.168.1.13",
  servers: [server01, server02],
  interconnects: [
    { priority: 1, kind: "kernel", mdc: "mdc2", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } },
    { kind: "mirror", mdc: "mdc1", addresses: { server01: "192.168.2.11", server02: "192.168.2.12" } },
    { priority: 2, kind: "kernel", addresses: { server01: "192.168.3.11", server02: "192.168.3.12" } },
  ],
  // The first converge starts the cluster; later changes may stop it.
  maxDisruption: "cluster",
});

// Group failover (auto start, auto failover): the monitoring server's floating IP, the spool's mirror
// disk (data E:, cluster D:) and, from the ProductInstall below, the PrintPort spooler's service
// resource with the stop time-out changed 1800 s → 30 s.
const failover = new clusterpro.FailoverGroup("failover", {
  cluster,
  name: "failover",
  startupServers: ["server01", "server02"],
  autoStart: true,
  failover: "auto",
});
new clusterpro.FloatingIp("fip", { group: failover, name: "fip", address: cfg.get("fipAddress") ?? "192.168.1.14" });
// The mirror disk brings its monitors (mdw, mdnw) with it, as the seed's wizard does.
new clusterpro.MirrorDisk("md", { group: failover, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1", "mdc2"] });

// Step ④/⑨ and §5: PrintPort made cluster-aware on both servers (docs/products.md, printport-acos4).
// A second PrintPort install (mutual standby) would be refused at preview (seed 000 §1.1).
const controlFolder = cfg.get("controlFolder") ?? "C:\\clp";
const printport = new clusterpro.ProductInstall("printport", {
  group: failover,
  product: "printport-acos4",
  settings: {
    windowsServer: "2008-or-later",
    printerLanConnectionName: cfg.get("printerLan") ?? "ローカル エリア接続 3",
    controlFilesFolder: controlFolder,
    ntpServer: cfg.get("ntpServer") ?? "ntp.example.jp",
  },
});

// Group NIC_disable: runs on the standby (server02 first) and disables its printer LAN there;
// manual failover, so after a failure it is moved back by hand (the seed's recovery step).
// It runs the batch files the ProductInstall writes, so it comes after it.
new clusterpro.FailoverGroup("nic", {
  cluster,
  name: "NIC_disable",
  startupServers: ["server02", "server01"],
  failover: "manual",
  resources: [{ type: "application", name: "appli", resident: false, startPath: `${controlFolder}\\disable.bat`, stopPath: `${controlFolder}\\enable.bat` }],
}, { dependsOn: [printport] });

export const clusterName = cluster.id;
export const failoverApplyMethod = failover.applyMethod;
export const printportServiceResources = printport.serviceResources;
export const manualSteps = printport.manualSteps;
