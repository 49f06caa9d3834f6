// The seed-000 cluster declared in code and converged with the real Pulumi engine against a
// two-node Windows lab (WinRM over HTTPS, CA pinned): preview changes nothing, up converges,
// a second up pushes nothing, a changed floating IP shows one property with its apply method,
// drift behind the provider's back shows after refresh, destroy keeps the mirrored data.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../support/seed000";

const PASSWORD = "Lab-e2e-Pa55";

describe("e2e: the seed-000 cluster through the real engine against the lab", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;

  const conf = () => {
    const bytes = lab.cluster.conf("server01");
    assert.ok(bytes, "the lab has a configuration");
    return readModel(parseClpConf(bytes));
  };
  const pushes = () => lab.cluster.pushes();
  const requests = () => Object.fromEntries([...lab.stats.entries()].map(([n, s]) => [n, s.operations["agent"] ?? 0]));

  before(async () => {
    stack = await startLabStack({ project: "seed000", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("previews the whole stack and changes nothing on the nodes", async () => {
    const r = await project.run(["preview", "--json"]);
    const creates = (JSON.parse(r.stdout).steps as { op: string; urn: string }[]).filter((s) => s.op === "create").map((s) => s.urn.split("::").pop());
    assert.deepEqual(creates.sort(), ["failover", "fip", "md", "nic", "printport", "printport-apply", "seed000-lab", "server01", "server02"].sort());
    assert.equal(pushes(), 0);
    assert.equal(lab.cluster.conf("server01"), undefined);
  });

  it("converges from empty: exactly the seed-000 objects, and both groups behave", async () => {
    const r = await project.run(["up"]);
    console.log(`      clp.conf pushes for a converging up: ${pushes()}`);
    assert.equal(pushes(), 1, "the cluster's Apply pushes the whole stack once, whatever the engine's parallelism");
    assert.match(r.stdout + r.stderr, /cluster PrintPort: applied .*Cluster "PrintPort".* with: new configuration: push, then start the cluster \(2 servers, 3 groups\)/);
    const m = conf();
    assert.deepEqual(m.groups.map((g) => g.name).sort(), ["ManagementGroup", "NIC_disable", "failover"]);
    const byName = Object.fromEntries(m.resources.map((r) => [r.name, r]));
    assert.equal((byName.fip as { ip?: string }).ip, "192.168.1.14");
    assert.deepEqual((byName.md as { netdevs?: { mdcName: string }[] }).netdevs?.map((n) => n.mdcName), ["mdc1", "mdc2"]);
    assert.equal((byName.md as { volumeMountPoint?: string }).volumeMountPoint, "E:");
    // Each server's block names the GUIDs of its own E: and D: volumes, as the nodes listed them.
    const guid = (node: string, letter: string) => lab.node(node).volumeGuid(letter);
    assert.deepEqual((byName.md as { volumes?: unknown }).volumes, [
      { server: "server01", volumeGuid: guid("server01", "E"), cpVolumeGuid: guid("server01", "D") },
      { server: "server02", volumeGuid: guid("server02", "E"), cpVolumeGuid: guid("server02", "D") },
    ]);
    assert.notEqual(guid("server01", "E"), guid("server02", "E"));
    assert.equal((byName.service as { serviceName?: string }).serviceName, "PrintPort_SPL");
    assert.equal(byName.service.deact?.timeout, 30);
    assert.equal((byName.appli as { resident?: boolean }).resident, false);
    const nic = m.groups.find((g) => g.name === "NIC_disable");
    assert.deepEqual(nic?.startupServers?.map((s) => s.server), ["server02", "server01"]);
    assert.equal(nic?.autoFailover, false);
    // As the WebUI names them, with the user-mode monitor a new cluster gets.
    assert.deepEqual(m.monitors.map((x) => x.name).sort(), ["fipw1", "mdnw1", "mdw1", "userw"]);
    // Behaviour: failover online on server01 with its service, NIC_disable on server02 (its batch file disabled the NIC).
    const status = lab.cluster.statusText();
    assert.match(status, /failover \.+: Online\s*\r?\n\s+current +: server01/);
    assert.match(status, /NIC_disable \.+: Online\s*\r?\n\s+current +: server02/);
    assert.equal(lab.node("server01").services.get("PrintPort_SPL")?.state, "running");
    assert.equal(lab.node("server02").nics.get("ローカル エリア接続 3"), false);
  });

  it("changes nothing and pushes nothing on a second up (at most 2 round trips per node)", async () => {
    lab.resetStats();
    const diff = await project.run(["preview", "--diff"]);
    assert.match(diff.stdout, /9 unchanged/, diff.stdout);
    assert.doesNotMatch(diff.stdout + diff.stderr, /pushes once/, "the cluster's Apply has nothing to push");
    lab.resetStats();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(pushes(), 0, "a no-op up pushes nothing");
    const agentRuns = requests();
    console.log(`      agent round trips per node for a no-op up: ${JSON.stringify(agentRuns)}`);
    for (const [node, n] of Object.entries(agentRuns)) assert.ok(n <= 2, `${node}: ${n} agent round trips`);
  });

  it("shows a floating-IP change as one property with its apply method, and applies it", async () => {
    await project.run(["config", "set", "fipAddress", "192.168.1.15"]);
    const preview = await project.run(["preview", "--diff"]);
    const changed = preview.stdout.split("\n").filter((l) => /^\s{6}[~+-] [A-Za-z]/.test(l)).map((l) => l.trim().split(":")[0].trim());
    assert.deepEqual(changed, ["~ address"]);
    assert.match(preview.stdout + preview.stderr, /cluster PrintPort: up pushes once for FloatingIp "fip"\n/, "the Apply names exactly the changed object");
    assert.match(preview.stdout + preview.stderr, /FloatingIp "fip" in cluster PrintPort would apply with: stop group failover \(online on server01\) → suspend → push → resume → start failover again on server01/);
    await project.run(["up"]);
    assert.equal((conf().resources.find((r) => r.name === "fip") as { ip?: string }).ip, "192.168.1.15");
    assert.match(lab.cluster.statusText(), /failover \.+: Online/);
  });

  it("shows a change made behind the provider's back after refresh", async () => {
    // Someone edits the floating IP with the WebUI: pull, edit, push while suspended.
    const bytes = lab.cluster.conf("server01") as Buffer;
    const edited = Buffer.from(bytes.toString("latin1").replace("<ip>192.168.1.15</ip>", "<ip>192.168.1.16</ip>"), "latin1");
    lab.node("server01").fs.mkdir("C:\\webui");
    lab.node("server01").fs.writeFile("C:\\webui\\clp.conf", edited);
    for (const argv of [["clpgrp", "-t", "failover"], ["clpcl", "--suspend", "-a"], ["clpcfctrl", "--push", "-w", "-x", "C:\\webui"], ["clpcl", "--resume", "-a"], ["clpgrp", "-s", "failover"]]) {
      assert.equal(lab.runClp("server01", argv).exitCode, 0, argv.join(" "));
    }
    await project.run(["refresh"]);
    const fip = project.checkpoint("seed000", "lab").resources.find((r) => r.urn.endsWith("::fip"));
    assert.equal(fip?.outputs.address, "192.168.1.16");
    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /~ address\s*: "192\.168\.1\.16" => "192\.168\.1\.15"/);
  });

  it("destroys the stack's objects and leaves the data partition's files intact", async () => {
    lab.node("server01").fs.writeFile("E:\\spool.dat", Buffer.from("print job"));
    await project.run(["destroy"]);
    const m = conf();
    assert.deepEqual(m.groups.map((g) => g.name), ["ManagementGroup"]);
    assert.equal(m.resources.some((r) => r.name === "md" || r.name === "fip"), false);
    const holder = ["server01", "server02"].find((n) => lab.node(n).fs.exists("E:\\spool.dat"));
    assert.ok(holder, "the mirrored data is still on the data partition");
    assert.equal(lab.node(holder).fs.readFile("E:\\spool.dat").toString(), "print job");
  });

  it("never writes the password in plain text", () => {
    const hits = project.allWrittenFiles().filter((f) => fs.readFileSync(f).includes(PASSWORD));
    assert.deepEqual(hits, []);
    assert.equal(project.transcript.filter((t) => t.includes(PASSWORD)).length, 0);
  });
});
