// A two-node Linux cluster over SSH: one failover group with a floating IP, a mirror disk mounted
// on /mnt/md1 and an exec resource whose start.sh/stop.sh are pushed with the configuration.
//
// Runs against the lab (config `labJson` = the lab's lab.json, secret `password`); README.md says how.
// SSH host keys are pinned from lab.json; for real servers pin `ssh-keygen -lf` of their host keys.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
interface LabNode { name: string; username: string; ssh: { port: number; hostKeyFingerprint: string } }
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8")) as { nodes: LabNode[] };
const password = cfg.requireSecret("password");

function node(name: string): clusterpro.Node {
  const n = lab.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`${name} is not a node of the lab in ${cfg.require("labJson")}`);
  return new clusterpro.Node(name, {
    hostname: name,
    connection: { transport: "ssh", host: "127.0.0.1", port: n.ssh.port, username: n.username, password, hostKeyFingerprint: n.ssh.hostKeyFingerprint },
  });
}
const node1 = node("node1");
const node2 = node("node2");

// Heartbeat 1 on the first LAN, which also carries the mirror connect; heartbeat 2 on the second LAN.
const cluster = new clusterpro.Cluster("linux", {
  name: "LinuxMirror",
  language: "en",
  servers: [node1, node2],
  interconnects: [
    { priority: 1, kind: "kernel", mdc: "mdc1", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } },
    { priority: 2, kind: "kernel", addresses: { node1: "10.0.1.1", node2: "10.0.1.2" } },
  ],
  maxDisruption: "cluster",
});

// `type: "script"` makes an exec resource on Linux: start.sh and stop.sh are installed on every
// server under /opt/nec/clusterpro/scripts/<group>/<resource>/ and run with CLP_EVENT etc. set.
const startScript = `#!/bin/sh
# CLP_EVENT is START, FAILOVER or RECOVER
echo "starting the application on $(hostname) ($CLP_EVENT)"
`;
const stopScript = `#!/bin/sh
echo "stopping the application on $(hostname)"
`;
const group = new clusterpro.FailoverGroup("failover", {
  cluster,
  name: "failover",
  resources: [{ type: "script", name: "exec1", start: cfg.get("startScript") ?? startScript, stop: stopScript, stopTimeoutSeconds: 60 }],
});
new clusterpro.FloatingIp("fip", { group, name: "fip1", address: cfg.get("fipAddress") ?? "10.0.0.100" });
new clusterpro.MirrorDisk("md", {
  group,
  name: "md1",
  dataPartition: "/dev/sdb2",
  clusterPartition: "/dev/sdb1",
  mountPoint: "/mnt/md1",
  fileSystem: "ext4",
  mirrorConnects: ["mdc1"],
});

export const clusterName = cluster.id;
export const groupApplyMethod = group.applyMethod;
