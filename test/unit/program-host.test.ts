import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { asksForHelp, findProjectDir, IMPORT_REFUSAL, parseCliArgs, programEntry, runPhase } from "../../scripts/pulumi-program-host";

describe("scripts/pulumi-program-host", () => {
  it("finds the command after global flags and their values", () => {
    assert.deepEqual(parseCliArgs(["--color", "never", "-C", "/p", "up", "--yes"]), { command: "up", cwd: "/p" });
    assert.deepEqual(parseCliArgs(["--cwd=/q", "-v", "9", "preview"]), { command: "preview", cwd: "/q" });
    assert.deepEqual(parseCliArgs(["stack", "init", "dev"]), { command: "stack", cwd: undefined });
    assert.deepEqual(parseCliArgs(["--non-interactive"]), { command: undefined, cwd: undefined });
  });

  it("finds Pulumi.yaml upward and resolves the program entry", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "host-"));
    try {
      fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: x\nruntime:\n  name: nodejs\nmain: src/\n");
      fs.mkdirSync(path.join(root, "src", "deep"), { recursive: true });
      assert.equal(findProjectDir(path.join(root, "src", "deep")), root);
      assert.equal(programEntry(root), path.join(root, "src"));
      fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: x\nruntime: python\n");
      assert.throws(() => programEntry(root), /runtime must be nodejs/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("passes a request for help to the CLI, whatever the command (no program, no --client)", () => {
    assert.equal(asksForHelp(["import", "--help"]), true);
    assert.equal(asksForHelp(["-C", "/p", "up", "-h"]), true);
    assert.equal(asksForHelp(["import", "aws:s3/bucket:Bucket", "b", "id"]), false);
    assert.equal(asksForHelp(["up", "--", "--help"]), false, "after -- it is the program's argument");
  });

  it("answers import with the upstream issue and the two ways to take a cluster over", () => {
    assert.match(IMPORT_REFUSAL, /cannot import dynamic-provider resources/);
    assert.match(IMPORT_REFUSAL, /pulumi\/pulumi#16175/);
    assert.match(IMPORT_REFUSAL, /adopt: true/);
    assert.match(IMPORT_REFUSAL, /clusterpro-conf to-program FILE/);
  });

  it("names each run of the program for the providers: preview, the update of up, refresh, destroy", () => {
    assert.equal(runPhase("preview", true), "preview");
    assert.equal(runPhase("up", true), "preview");
    assert.equal(runPhase("up", false), "update");
    assert.equal(runPhase("refresh", true), "refresh");
    assert.equal(runPhase("refresh", false), "refresh");
    assert.equal(runPhase("destroy", false), "destroy");
  });
});
