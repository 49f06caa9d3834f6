// Seed 003: the SigmaSystemCenter 2.1 management server on a two-node Windows mirror-disk cluster
// (../../../shared/docs/seed-digest/003-sigmasystemcenter.md). One failover group holds the failover
// IP, the shared (mirror) disk, the SQL Server instances and the services of ESMPRO/ServerManager,
// DeploymentManager, SystemProvisioning and SystemMonitor performance monitoring, in the seed's
// start/stop order, each with a service monitor, and the registry keys the seed synchronizes.
//
// Each product is a ProductInstall (docs/products.md has what each does, with the seed sections).
// What the seed leaves to a human (web-console settings, …) is in the `manualSteps` output.
//
// Runs against the lab (config `labJson`, secret `password`); README.md says how.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
interface LabNode { name: string; username: string; winrm: { httpsPort: number; caCertPem: string } }
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8")) as { nodes: LabNode[] };
const password = cfg.requireSecret("password");

function node(name: string): clusterpro.Node {
  const n = lab.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`${name} is not a node of the lab in ${cfg.require("labJson")}`);
  return new clusterpro.Node(name, {
    hostname: name,
    connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort, https: true, caCertPem: n.winrm.caCertPem, username: n.username, password },
  });
}
const ssc01 = node("ssc01");
const ssc02 = node("ssc02");

// The seed is cluster-software neutral and gives no addresses: these are this example's.
const cluster = new clusterpro.Cluster("ssc", {
  name: "SSC",
  language: "ja",
  managementIp: "192.168.10.13",
  servers: [ssc01, ssc02],
  interconnects: [
    { priority: 1, kind: "kernel", mdc: "mdc1", addresses: { ssc01: "192.168.20.11", ssc02: "192.168.20.12" } },
    { priority: 2, kind: "kernel", addresses: { ssc01: "192.168.10.11", ssc02: "192.168.10.12" } },
  ],
  maxDisruption: "cluster",
});

// §1.1: ESMPRO/ServerManager and SystemProvisioning run on the same server and fail over together: one group.
const group = new clusterpro.FailoverGroup("management", { cluster, name: "SSC", startupServers: ["ssc01", "ssc02"] });
// §1.4: every management-server IP setting uses the failover IP; set it up before the products (§1.6).
new clusterpro.FloatingIp("fip", { group, name: "fip", address: cfg.get("failoverIp") ?? "192.168.10.14" });
// The shared disk: a mirror disk here (the seed allows a switchable or a mirror disk).
new clusterpro.MirrorDisk("md", { group, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"] });

// The products, in the order they start (each install's services after the previous install's; stop
// is the reverse). Each one sets its services to Manual on both nodes, moves or copies its work data to
// its folder on the shared disk (active node), deletes the standby's copy where the seed says so,
// repoints the registry, adds its service resources (with their SQL Server instance first) chained in
// the seed's start order, a service monitor each, and its keys under registry synchronization.
const dbInstance = cfg.get("databaseInstance") ?? "SSCCMDB";
// §2.2: ESMPRO/ServerManager. This example receives no DMI alerts and forwards traps.
const esmpro = new clusterpro.ProductInstall("esmpro", {
  group, product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO",
  settings: { virtualComputerName: cfg.get("virtualComputerName") ?? "SSCMGR", dmiAlerts: false, trapForwarding: true },
});
// §2.3: DeploymentManager with its database instance DPMDBI in the group (`clusterDatabase`); the
// failover IP is active before its services.
const dpm = new clusterpro.ProductInstall("dpm", { group, product: "deploymentmanager", sharedFolder: "E:\\DPM", settings: { clusterDatabase: true, databaseFolder: "DPMDB" } });
// §2.5: SystemProvisioning (database SSCCMDB → PVMService), in the same group as ESMPRO/SM (§1.1).
const pvm = new clusterpro.ProductInstall("pvm", { group, product: "systemprovisioning", sharedFolder: "E:\\PVM", settings: { databaseInstance: dbInstance } });
// §2.6: SystemMonitor performance monitoring (same SSCCMDB instance, nothing on the shared disk).
const sysmon = new clusterpro.ProductInstall("sysmon", { group, product: "systemmonitor-performance", settings: { databaseInstance: dbInstance } });

export const clusterName = cluster.id;
export const serviceResources = pulumi.all([esmpro.serviceResources, dpm.serviceResources, pvm.serviceResources, sysmon.serviceResources]);
export const manualSteps = pulumi.all([esmpro.manualSteps, dpm.manualSteps, pvm.manualSteps, sysmon.manualSteps]);
export const groupApplyMethod = group.applyMethod;
