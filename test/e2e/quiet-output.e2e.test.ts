// What scripts/pulumi prints when its output is not a terminal, through the real engine against a lab
// (examples/linux-mirror): plain text (no ANSI codes, with neither --color nor NO_COLOR given); each
// change said once per section: "would apply" in the preview of `up`, "applied" in its update, nothing
// per object for a new cluster (its commit announces the new configuration), nothing of the kind in a
// refresh; a refusal from the provider (a mirror disk's partition change) printed as its reason, once,
// without a JavaScript stack trace.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/paths";
import { startLabStack, type LabStack } from "../support/lab-stack";
import type { RunResult } from "../support/pulumi-project";

const PASSWORD = "Lab-quiet-Pa55";
const PROGRAM = fs.readFileSync(path.join(repoRoot, "examples", "linux-mirror", "index.ts"), "utf8");
const ESC = "\u001b";

/** How often `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
/** The Diagnostics block of one section of the output. */
const diagnostics = (section: string) => section.slice(section.indexOf("Diagnostics:"), section.search(/\n(Outputs|Resources):/));
/** `up`'s output as its preview section and its update section. */
function sections(out: string): { preview: string; update: string } {
  const at = out.indexOf("\nUpdating (");
  assert.ok(at > 0, `up has an update section:\n${out}`);
  return { preview: out.slice(0, at), update: out.slice(at) };
}

describe("e2e: output without a terminal is plain and says each thing once (examples/linux-mirror)", function () {
  this.timeout(300_000);
  let stack: LabStack;

  /** scripts/pulumi as a user runs it with its output piped: no --color, no NO_COLOR, a TERM that has colours. */
  function pulumi(args: string[], o: { allowFailure?: boolean } = {}): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = { ...stack.project.env(), TERM: "xterm-256color" };
    delete env.NO_COLOR;
    const child = spawn(path.join(repoRoot, "scripts", "pulumi"), args, { cwd: stack.project.dir, env, stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.end();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    return new Promise<RunResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    }).then((r) => {
      const all = r.stdout + r.stderr;
      if (r.code !== 0 && !o.allowFailure) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${all}`);
      assert.ok(!all.includes(ESC), `pulumi ${args.join(" ")}: no ANSI codes when the output is not a terminal:\n${JSON.stringify(all.slice(Math.max(0, all.indexOf(ESC) - 80), all.indexOf(ESC) + 40))}`);
      return r;
    });
  }

  before(async () => {
    stack = await startLabStack({ project: "quiet", program: PROGRAM, nodes: [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root", password: PASSWORD });
  });
  after(() => stack?.dispose());

  it("a new cluster: no line per object in preview or update; the commit announces the new configuration once", async () => {
    const r = await pulumi(["up"]);
    const out = r.stdout + r.stderr;
    assert.doesNotMatch(out, /the apply method will be known at update time/, out);
    const { update } = sections(out);
    assert.equal(occurrences(diagnostics(update), "with: new configuration: push, then start the cluster"), 1, update);
  });

  it("a change: 'would apply' in the preview of up, 'applied' in its update, each once; a refresh says neither", async () => {
    await stack.project.run(["config", "set", "fipAddress", "10.0.0.101"]);
    const r = await pulumi(["up"]);
    const { preview, update } = sections(r.stdout + r.stderr);
    assert.equal(occurrences(diagnostics(preview), `FloatingIp "fip1" in cluster LinuxMirror would apply with: stop group failover (online on node1) → suspend → push → resume → start failover again on node1`), 1, preview);
    assert.doesNotMatch(update, /would apply|known at update time/, update);
    assert.equal(occurrences(diagnostics(update), `applied FloatingIp "fip1" with: stop group failover (online on node1) → suspend → push → resume → start failover again on node1`), 1, update);
    assert.equal(occurrences(diagnostics(update), "parameters/ip = 10.0.0.101 (group)"), 1, `the change listed once:\n${update}`);

    const refresh = await pulumi(["refresh"]);
    assert.doesNotMatch(refresh.stdout + refresh.stderr, /would apply|known at update time/, refresh.stdout);
  });

  it("a refused replacement (a mirror disk's data partition) prints its reason once, without a stack trace", async () => {
    stack.project.writeProgram(PROGRAM.replace(`dataPartition: "/dev/sdb2"`, `dataPartition: "/dev/sdb3"`));
    try {
      const r = await pulumi(["preview"], { allowFailure: true });
      const out = r.stdout + r.stderr;
      assert.notEqual(r.code, 0, out);
      const reason = `MirrorDisk "md1": changing dataPartition replaces the mirror disk (a new mirror with a full initial copy). Set allowReplace: true`;
      assert.equal(occurrences(diagnostics(out), reason), 1, `one diagnostic:\n${out}`);
      assert.doesNotMatch(out, /^\s+at /m, `no stack trace:\n${out}`);
      assert.doesNotMatch(out, /Error: MirrorDisk/, out);
    } finally {
      stack.project.writeProgram(PROGRAM);
    }
  });
});
