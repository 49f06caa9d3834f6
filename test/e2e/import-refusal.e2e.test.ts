// `pulumi import` and the `import` resource option through scripts/pulumi: Pulumi cannot import
// dynamic-provider resources (pulumi/pulumi#16175), so both are answered with that reason and what to
// do instead (adopt: true, or clusterpro-conf to-program), a non-zero exit and no stack trace, before
// the engine is asked. `pulumi import --help` still reaches the CLI. No lab: nothing connects anywhere.
import { strict as assert } from "node:assert";
import { PulumiProject } from "../support/pulumi-project";

const NODE = `new clusterpro.Node("node1", {
  hostname: "node1",
  connection: { transport: "ssh", host: "127.0.0.1", port: 1, username: "root", password: "never-used", acceptUnknownHostKey: true },
}`;
const program = (opts: string) => `import * as clusterpro from "pulumi-clusterpro";\n${NODE}${opts});\n`;

/** The two lines of the answer, wherever they are printed. */
function assertRefusal(out: string): void {
  assert.match(out, /Pulumi cannot import dynamic-provider resources, and every pulumi-clusterpro resource is one \(pulumi\/pulumi#16175\)/, out);
  assert.match(out, /`adopt: true`/, out);
  assert.match(out, /`clusterpro-conf to-program FILE`/, out);
  assert.doesNotMatch(out, /^\s+at /m, `no stack trace:\n${out}`);
  assert.doesNotMatch(out, /unknown flag|toJavaScript|TypeError/, out);
}

describe("e2e: import is refused with what to do instead (scripts/pulumi)", function () {
  this.timeout(120_000);
  let project: PulumiProject;

  before(async () => {
    project = PulumiProject.create("importrefusal", program(""));
    await project.run(["stack", "init", "lab"]);
  });
  after(() => project?.dispose());

  it("`pulumi import TYPE NAME ID` exits 1 with the reason and the two ways to take a cluster over", async () => {
    const r = await project.run(["import", "pulumi-nodejs:dynamic/clusterpro:FloatingIp", "fip", "fip1", "--yes"], { allowFailure: true });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^pulumi import: Pulumi cannot import/);
    assertRefusal(r.stdout + r.stderr);
  });

  it("`pulumi import --help` still reaches the CLI", async () => {
    const r = await project.run(["import", "--help"]);
    assert.match(r.stdout, /Import resources into an existing stack/);
  });

  it("the import resource option fails the preview with the same answer, once, naming the resource", async () => {
    project.writeProgram(program(`, { import: "node1" }`));
    try {
      const r = await project.run(["preview"], { allowFailure: true });
      const out = r.stdout + r.stderr;
      assert.notEqual(r.code, 0, out);
      assert.match(out, /Node "node1": the import option cannot be used here\./, out);
      assertRefusal(out);
      const diagnostics = out.slice(out.indexOf("Diagnostics:"));
      assert.equal(diagnostics.split("pulumi/pulumi#16175").length - 1, 1, `one diagnostic:\n${out}`);
    } finally {
      project.writeProgram(program(""));
    }
  });
});
