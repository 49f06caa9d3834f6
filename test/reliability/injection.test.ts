// The remote layer's injection corpus end to end through the real engine, over SSH with key
// authentication: corpus strings as Pulumi resource names, as a mirror disk's mount point, as
// comments and as script content arrive as literal data (in clp.conf, in the pushed scripts, in the
// state) and nothing runs: the canary exists neither on this machine nor on any lab node.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel, type MirrorDiskResource } from "../../provider/clusterpro";
import { fileNameSafe, injectionCorpus } from "../unit/agent/corpus";
import { scanAndDispose, sshKeyPair, startStack, type ReliabilityStack } from "./support";

const PASSWORD = "Lab-rel-injection-Pa55";
const CANARY = path.join(os.tmpdir(), `clusterpro-canary-${process.pid}`);
const CORPUS = injectionCorpus(CANARY);
/** Pulumi resource names: the corpus entries an URN can carry (no "::", no line breaks). */
const NAMES = fileNameSafe(CORPUS).filter((s) => !s.includes("::") && !/[\r\n]/.test(s) && s.trim() === s && s.length > 0);
const MOUNT = `/mnt/${`a'b"c $(touch ${CANARY}) ; touch ${CANARY}`.replace(/\//g, "_")}`;
const COMMENT = `' ; touch ${CANARY} ; " & $(x) %PATH% \``.slice(0, 120);
const SCRIPT = `#!/bin/sh\n${CORPUS.join("\n")}\n`;

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as clusterpro from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const lab = JSON.parse(fs.readFileSync(cfg.require("labJson"), "utf8"));
// The key as a secret Output (construction leaves the "password or privateKey" rule to the provider then).
const privateKey = pulumi.secret(fs.readFileSync(cfg.require("keyFile"), "utf8"));
const nodes = ["node1", "node2"].map((name) => {
  const n = lab.nodes.find((x: { name: string }) => x.name === name);
  return new clusterpro.Node(name, { hostname: name, connection: { transport: "ssh", host: "127.0.0.1", port: n.ssh.port,
    username: n.username, privateKey, hostKeyFingerprint: n.ssh.hostKeyFingerprint } });
});
const cluster = new clusterpro.Cluster("inj", { name: "Inj", language: "en", servers: nodes, comment: ${JSON.stringify(COMMENT)},
  interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { node1: "10.0.0.1", node2: "10.0.0.2" } }] });
const group = new clusterpro.FailoverGroup(${JSON.stringify(NAMES[0])}, { cluster, name: "inj", comment: ${JSON.stringify(COMMENT)},
  resources: [{ type: "script", name: "exec1", start: ${JSON.stringify(SCRIPT)}, stop: ${JSON.stringify(SCRIPT)} }] });
new clusterpro.MirrorDisk("md " + ${JSON.stringify(NAMES[1])}, { group, name: "md1", dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1",
  mountPoint: ${JSON.stringify(MOUNT)}, fileSystem: "ext4", mirrorConnects: ["mdc1"] });
const names: string[] = ${JSON.stringify(NAMES)};
names.forEach((n, i) => new clusterpro.FloatingIp("fip " + n, { group, name: "fip" + i, address: "10.0.2." + (10 + i) }));
`;

describe("reliability: the injection corpus end to end through resource names and paths", function () {
  this.timeout(300_000);
  let stack: ReliabilityStack;
  const canaryAnywhere = () => fs.existsSync(CANARY) || ["node1", "node2"].some((n) => stack.lab.node(n).fs.exists(CANARY));

  before(async () => {
    fs.rmSync(CANARY, { force: true });
    const key = sshKeyPair();
    stack = await startStack({ project: "relinjection", program: PROGRAM, nodes: [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root", password: PASSWORD, privateKey: key });
    const keyFile = path.join(stack.labDir, "client-key");
    fs.writeFileSync(keyFile, key.privateKey, { mode: 0o600 });
    await stack.project.run(["config", "set", "keyFile", keyFile]);
  });
  after(async () => {
    fs.rmSync(CANARY, { force: true });
    await scanAndDispose(stack);
  });

  it(`converges with ${NAMES.length} corpus names, a corpus mount point, comments and script content, all literal`, async () => {
    // One commit for the whole stack (--parallel 64): the lab has no volume at the corpus mount point,
    // so the group cannot come online; in one commit that is `clpcl -s -a`'s group failure (logged),
    // while a later commit's `clpgrp -s` would report it as an error. This test is about the literal data.
    await stack.project.run(["up", "--parallel", "64"]);
    const m = readModel(parseClpConf(stack.lab.cluster.conf("node1") as Buffer));
    assert.equal((m.resources.find((r) => r.name === "md1") as MirrorDiskResource).mountPoint, MOUNT);
    assert.equal(m.groups.find((g) => g.name === "inj")?.comment, COMMENT);
    for (const n of ["node1", "node2"]) {
      for (const f of ["start.sh", "stop.sh"]) assert.equal(stack.lab.node(n).fs.readFile(`/opt/nec/clusterpro/scripts/inj/exec1/${f}`).toString(), SCRIPT.replace(/\r\n/g, "\n"), `${n} ${f} byte for byte (line ends as LF, as sh needs)`);
    }
    const urns = stack.project.checkpoint("relinjection", "lab").resources.map((r) => r.urn);
    for (const n of NAMES) assert.ok(urns.some((u) => u.endsWith(`::fip ${n}`)), `the state has the resource named ${JSON.stringify(n)}`);
    assert.equal(m.resources.filter((r) => r.type === "fip").length, NAMES.length);
    assert.equal(canaryAnywhere(), false, "nothing ran");
  });

  it("reads every value back unchanged: nothing to change after a refresh", async () => {
    await stack.project.run(["refresh", "--yes"]);
    await stack.project.run(["preview", "--expect-no-changes"]);
    assert.equal(canaryAnywhere(), false, "nothing ran");
  });
});
