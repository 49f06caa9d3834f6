// Apply methods per parameter through the real engine against a converged seed-000 stack (issue 13
// items 4 and 8): a service's stop time-out and a group's startup-server order are applied with
// suspend → push → resume (preview says so; up stops no group, the lab accepts the push); a change that
// does stop a group says in preview on which server the group is online and that it starts again there;
// a registry-sync resource's key list, an element no public source shows, is named in preview.
import { strict as assert } from "node:assert";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../support/seed000";

const PASSWORD = "Lab-applymethods-Pa55";

const replaceOnce = (p: string, from: string, to: string) => {
  assert.ok(p.includes(from), `the program has ${from}`);
  return p.replace(from, to);
};

describe("e2e: apply methods per parameter, and where a stopped group starts again", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  /** The program as the last test left it. */
  let program = SEED000_PROGRAM;
  const stops = () => lab.cluster.events().filter((e) => /^Stopping group /.test(e.message)).length;
  const current = (group: string) => new RegExp(`${group} \\.*: Online[\\s\\S]*?current\\s*: (\\S+)`).exec(lab.cluster.statusText())?.[1];

  before(async () => {
    stack = await startLabStack({ project: "applymethods", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
    ({ lab, project } = stack);
    await project.run(["up"]);
  });
  after(() => stack?.dispose());

  it("a service's stop time-out and a startup-server order: preview says suspend/resume, up stops no group", async () => {
    program = replaceOnce(SEED000_PROGRAM, "stopTimeoutSeconds: 30", "stopTimeoutSeconds: 90");
    program = replaceOnce(program, `startupServers: ["server02", "server01"]`, `startupServers: ["server01", "server02"]`);
    project.writeProgram(program);
    const preview = await project.run(["preview"]);
    const out = preview.stdout + preview.stderr;
    assert.match(out, /FailoverGroup "failover" in cluster PrintPort would apply with: suspend the cluster → push → resume\n.*deact\/timeout = 90 \(suspend\)/, out);
    assert.match(out, /FailoverGroup "NIC_disable" in cluster PrintPort would apply with: suspend the cluster → push → resume\n(.*\n)*.*policy\[@name='server01'\]\/order = 0 \(suspend\)/, out);
    assert.doesNotMatch(out, /stop group/, out);

    const before = { stops: stops(), failover: current("failover"), nic: current("NIC_disable") };
    assert.ok(before.failover && before.nic, lab.cluster.statusText());
    await project.run(["up"]);
    assert.equal(stops(), before.stops, "no group was stopped");
    assert.deepEqual([current("failover"), current("NIC_disable")], [before.failover, before.nic], "the groups run where they ran");
    const conf = (lab.cluster.conf("server02") as Buffer).toString("latin1");
    assert.match(conf, /<service name="service">[\s\S]*?<deact>[\s\S]*?<timeout>90<\/timeout>/, "the new time-out reached the other server");
    await project.run(["preview", "--expect-no-changes"]);
  });

  it("a floating IP's address: preview names the server the group runs on and where it starts again", async () => {
    const at = current("failover");
    assert.ok(at, lab.cluster.statusText());
    await project.run(["config", "set", "fipAddress", "192.168.1.15"]);
    try {
      const preview = await project.run(["preview"]);
      const out = preview.stdout + preview.stderr;
      assert.match(out, new RegExp(`FloatingIp "fip" in cluster PrintPort would apply with: stop group failover \\(online on ${at}\\) → suspend → push → resume → start failover again on ${at}`), out);
    } finally {
      await project.run(["config", "rm", "fipAddress"]);
    }
  });

  it("a registry-sync resource: preview names its key list as an unverified element", async () => {
    program = replaceOnce(
      program,
      `serviceName: "PrintPort_SPL", stopTimeoutSeconds: 90 }]`,
      `serviceName: "PrintPort_SPL", stopTimeoutSeconds: 90 }, { type: "registrySync", name: "regsync", keys: ["HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\PrintPort"] }]`,
    );
    project.writeProgram(program);
    const pushes = lab.cluster.pushes();
    const preview = await project.run(["preview"]);
    const out = preview.stdout + preview.stderr;
    const notes = out.split("\n").filter((l) => l.includes("unverified element:"));
    assert.equal(notes.length, 1, out);
    assert.match(notes[0], /unverified element: resource\/regsync@regsync\/parameters\/key@\* \(no public source; written as <parameters><key id="0">HKEY_LOCAL_MACHINE\\…<\/key>…<\/parameters>, one <key> per registry key, numbered from 0\)/);
    assert.equal(lab.cluster.pushes(), pushes, "preview changed nothing");
  });
});

describe("e2e: a new cluster's preview names the elements it writes without a public source", function () {
  this.timeout(600_000);
  let stack: LabStack;
  const WITH_REGSYNC = replaceOnce(
    SEED000_PROGRAM,
    `serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }]`,
    `serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }, { type: "registrySync", name: "regsync", keys: ["HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\PrintPort"] }]`,
  );

  before(async () => {
    stack = await startLabStack({ project: "applymethodsnew", program: WITH_REGSYNC, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
  });
  after(() => stack?.dispose());

  it("no per-object apply line, but the regsync key list's note, once", async () => {
    const preview = await stack.project.run(["preview"]);
    const out = preview.stdout + preview.stderr;
    assert.doesNotMatch(out, /would apply with/, out);
    const notes = out.split("\n").filter((l) => l.includes("unverified element:"));
    assert.equal(notes.length, 1, out);
    assert.match(out, /FailoverGroup "failover" in cluster PrintPort writes elements no public source shows:\n\s+unverified element: resource\/regsync@regsync\/parameters\/key@\*/, out);
    assert.equal(stack.lab.cluster.pushes(), 0, "preview pushed nothing");
  });
});
