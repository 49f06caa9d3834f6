// Seed 003 (SigmaSystemCenter management server) as a Pulumi program against a two-node Windows lab,
// shared by the e2e test and the bench.
export const SEED003_INSTALLS = [
  { name: "esmpro", product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true } },
  { name: "dpm", product: "deploymentmanager", sharedFolder: "E:\\DPM", settings: {} },
  { name: "pvm", product: "systemprovisioning", sharedFolder: "E:\\PVM", settings: {} },
  { name: "sysmon", product: "systemmonitor-performance", settings: {} },
] as const;

export const SEED003_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
const password = cfg.requireSecret("password");
const nodes = ["server01", "server02"].map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpPort, https: false, username: n.username, password } });
});
const cluster = new clusterpro.Cluster("ssc", { name: "SSC", language: "ja", servers: nodes,
  interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "192.168.10.11", server02: "192.168.10.12" } }] });
const group = new clusterpro.FailoverGroup("mgmt", { cluster, name: "ManagementServer", startupServers: ["server01", "server02"] });
new clusterpro.FloatingIp("fip", { group, name: "fip", address: "192.168.10.50" });
new clusterpro.MirrorDisk("md", { group, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"] });
${SEED003_INSTALLS.map((i) => `new clusterpro.ProductInstall(${JSON.stringify(i.name)}, { group, product: ${JSON.stringify(i.product)}, ${"sharedFolder" in i ? `sharedFolder: ${JSON.stringify(i.sharedFolder)}, ` : ""}settings: ${JSON.stringify(i.settings)} });`).join("\n")}
`;
