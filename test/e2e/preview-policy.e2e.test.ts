// Preview tells the truth, through the real engine against a converged seed-000 stack: a change
// above maxDisruption, a reboot-class change, a dependsOn naming no resource and a floating IP
// equal to a server's address each make `pulumi preview` fail (non-zero) with the program's field
// path, the error printed once and nothing changed on the lab; a preview that cannot read any
// server says, for each server, why.
import { strict as assert } from "node:assert";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../support/seed000";

const PASSWORD = "Lab-preview-Pa55";

const FIP = `cfg.get("fipAddress") ?? "192.168.1.14"`;
const replaceOnce = (p: string, from: string, to: string) => {
  assert.ok(p.includes(from), `the program has ${from}`);
  return p.replace(from, to);
};

/** How often `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

const CASES: { name: string; edit: (p: string) => string; expect: RegExp; once: string }[] = [
  {
    name: "a change above maxDisruption (a floating IP's address under maxDisruption suspend)",
    edit: (p) => replaceOnce(replaceOnce(p, FIP, `"192.168.1.24"`), `maxDisruption: "cluster"`, `maxDisruption: "suspend"`),
    expect: /FloatingIp resource 'fip': property address value \{192\.168\.1\.24\} has a problem: FloatingIp "fip": cluster PrintPort: the change needs apply method "group", more disruptive than maxDisruption "suspend": .*fip.*\(group\)/,
    once: `more disruptive than maxDisruption "suspend"`,
  },
  {
    name: "a new object above maxDisruption (a floating IP added to a running group under maxDisruption upload)",
    edit: (p) =>
      replaceOnce(p, `maxDisruption: "cluster"`, `maxDisruption: "upload"`) +
      `\nnew clusterpro.FloatingIp("fip2", { group: failover, name: "fip2", address: "192.168.1.25" });\n`,
    expect: /FloatingIp resource 'fip2': property name value \{fip2\} has a problem: FloatingIp "fip2": cluster PrintPort: the change needs apply method "\w+", more disruptive than maxDisruption "upload"/,
    once: `more disruptive than maxDisruption "upload"`,
  },
  {
    name: "a reboot-class change (a mirror connect's address)",
    edit: (p) => replaceOnce(p, `server01: "192.168.2.11"`, `server01: "192.168.2.21"`),
    expect: /Cluster resource 'printport': property interconnects value .* has a problem: Cluster "PrintPort": cluster PrintPort: these changes need every server rebooted, which this provider never does: .*device.*\. Apply them by hand: stop the cluster and the mirror agent/,
    once: "these changes need every server rebooted",
  },
  {
    name: "a dependsOn naming no resource",
    edit: (p) => replaceOnce(p, `name: "fip", address:`, `name: "fip", dependsOn: ["nosuch"], address:`),
    expect: /invalid FloatingIp "fip":\s+dependsOn\[0\]: nosuch is not a resource of group failover/,
    once: "nosuch is not a resource of group failover",
  },
  {
    name: "a floating IP equal to a server's address",
    edit: (p) => replaceOnce(p, FIP, `"192.168.1.12"`),
    expect: /invalid FloatingIp "fip":\s+address: address 192\.168\.1\.12 is already used by server server02 \(Cluster "printport" interconnects\[0\]\.addresses\.server02\)/,
    once: "address 192.168.1.12 is already used",
  },
];

describe("e2e: preview tells the truth (policy, reboot, dependsOn, addresses, unreadable servers)", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const fingerprint = () => JSON.stringify({ pushes: lab.cluster.pushes(), conf: ["server01", "server02"].map((n) => lab.cluster.conf(n)?.toString("base64") ?? null) });

  before(async () => {
    stack = await startLabStack({ project: "previewtruth", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
    ({ lab, project } = stack);
    await project.run(["up"]);
  });
  after(() => stack?.dispose());

  for (const c of CASES) {
    it(`refuses at preview ${c.name}, with the field path, printed once`, async () => {
      const before = fingerprint();
      project.writeProgram(c.edit(SEED000_PROGRAM));
      const r = await project.run(["preview"], { allowFailure: true });
      const out = r.stdout + r.stderr;
      assert.notEqual(r.code, 0, `preview fails:\n${out}`);
      assert.match(out, c.expect, out);
      // Reported once: one diagnostic (the progress display may echo a resource's diagnostic on its row).
      const diagnostics = out.slice(out.indexOf("Diagnostics:"), out.indexOf("\nResources:"));
      assert.equal(occurrences(diagnostics, c.once), 1, `one diagnostic:\n${out}`);
      assert.ok(occurrences(out, c.once) <= 2, `printed once, and at most echoed on the resource's row:\n${out}`);
      assert.doesNotMatch(out, /Unhandled exception|at validateArgs/, "no stack trace for a mistake in the program");
      assert.equal(fingerprint(), before, "nothing changed on the lab");
    });
  }

  it("says, for each server, why a preview could not read the cluster", async () => {
    project.writeProgram(replaceOnce(SEED000_PROGRAM, FIP, `"192.168.1.26"`));
    await lab.fail("server01");
    await lab.fail("server02");
    try {
      const r = await project.run(["preview"], { allowFailure: true });
      const out = r.stdout + r.stderr;
      const line = out.split("\n").find((l) => l.includes("no server could be read:")) ?? "";
      assert.match(line, /FloatingIp "fip": the apply method will be known at update time \(cluster PrintPort: no server could be read: server01: .*\w.*; server02: .*\w.*\)/, out);
      assert.match(line, /ECONNREFUSED|refused|connect/i, line);
    } finally {
      await lab.recover("server01");
      await lab.recover("server02");
    }
  });

  it("the valid program still has nothing to change", async () => {
    project.writeProgram(SEED000_PROGRAM);
    await project.run(["preview", "--expect-no-changes"]);
  });
});
