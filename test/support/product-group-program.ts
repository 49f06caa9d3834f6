// The Pulumi program the product e2e tests run on the lab: two Windows Nodes read from lab.json, a Cluster, one failover
// group with a floating IP, a virtual computer name on it and a mirror disk (E:, cluster partition D:), then the
// tests' ProductInstall lines (TypeScript using `group`); and the lab's event log read back by resource.
import type { Lab } from "../../sim/lab";

export interface ProductGroupProgram {
  cluster: { resource: string; name: string };
  group: { resource: string; name: string };
  /** The floating IP's address, and the computer name the virtual computer name answers for. */
  address: string;
  computerName: string;
  /** TypeScript lines declaring the installs, in order (they may use `group`). */
  installs: string[];
}

export function productGroupProgram(p: ProductGroupProgram): string {
  return `
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
const cluster = new clusterpro.Cluster(${JSON.stringify(p.cluster.resource)}, { name: ${JSON.stringify(p.cluster.name)}, language: "ja", servers: nodes,
  interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "192.168.10.11", server02: "192.168.10.12" } }] });
const group = new clusterpro.FailoverGroup(${JSON.stringify(p.group.resource)}, { cluster, name: ${JSON.stringify(p.group.name)}, startupServers: ["server01", "server02"] });
new clusterpro.FloatingIp("fip", { group, name: "fip", address: ${JSON.stringify(p.address)} });
new clusterpro.VirtualComputerName("vcom", { group, name: "vcom", computerName: ${JSON.stringify(p.computerName)}, floatingIp: "fip" });
new clusterpro.MirrorDisk("md", { group, name: "md", dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"] });
${p.installs.join("\n")}
`;
}

/** The resources activated (or stopped) in the lab's event log after its first `from` entries, in order. */
export function resourceEvents(lab: Lab, from: number, verb: "Activating" | "Stopping" = "Activating"): string[] {
  const re = new RegExp(`^${verb} (.+) resource has completed\\.$`);
  return lab.cluster
    .events()
    .slice(from)
    .flatMap((e) => re.exec(e.message)?.[1] ?? []);
}
