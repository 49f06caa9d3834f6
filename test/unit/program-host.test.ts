import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findProjectDir, parseCliArgs, programEntry } from "../../scripts/pulumi-program-host";

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
});
