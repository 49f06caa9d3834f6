import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isReportedErrorWithStack, quietProviderErrors, runPhase } from "../../provider/engine/engine-log";

/** What the dynamic-provider host prints when a provider method throws `e`. */
const hostLine = (e: Error) => `${e}: ${e.stack}`;

class RemoteError extends Error {
  override name = "RemoteError";
}

describe("provider/engine/engine-log", () => {
  it("recognises the provider host's `${e}: ${e.stack}` line of an error that carries its reason", () => {
    assert.equal(isReportedErrorWithStack(hostLine(new Error('MirrorDisk "md1": changing dataPartition replaces the mirror disk: set allowReplace: true'))), true);
    assert.equal(isReportedErrorWithStack(hostLine(new Error("cluster C: differs:\n    ~ /root/group[@name='g']/x = 1 (group)\nSet adopt: true"))), true);
    assert.equal(isReportedErrorWithStack(hostLine(new RemoteError("node1: ssh.connect: connect ECONNREFUSED 127.0.0.1:22"))), true);
  });

  it("keeps a bug's stack (TypeError and the like), and any other line", () => {
    assert.equal(isReportedErrorWithStack(hostLine(new TypeError("Cannot read properties of undefined (reading 'x')"))), false);
    assert.equal(isReportedErrorWithStack(hostLine(new RangeError("Invalid array length"))), false);
    assert.equal(isReportedErrorWithStack("Error: something happened: and went on"), false);
    assert.equal(isReportedErrorWithStack("a plain line"), false);
  });

  it("quietProviderErrors drops only those lines", () => {
    const printed: unknown[][] = [];
    const con = { error: (...args: unknown[]) => void printed.push(args) };
    quietProviderErrors(con);
    con.error(hostLine(new Error("refused: set allowReplace: true")));
    con.error(hostLine(new TypeError("boom")));
    con.error("plain", 1);
    assert.equal(printed.length, 2);
    assert.match(String(printed[0][0]), /^TypeError: boom: TypeError: boom\n\s+at /);
    assert.deepEqual(printed[1], ["plain", 1]);
  });

  it("runPhase reads the program host's file, and is 'preview' without it (another runner)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-log-"));
    const saved = process.env.CLUSTERPRO_RUN_PHASE_FILE;
    try {
      const file = path.join(dir, "phase");
      delete process.env.CLUSTERPRO_RUN_PHASE_FILE;
      assert.equal(runPhase(), "preview");
      process.env.CLUSTERPRO_RUN_PHASE_FILE = file;
      assert.equal(runPhase(), "preview", "no file yet");
      fs.writeFileSync(file, "update");
      assert.equal(runPhase(), "update");
      fs.writeFileSync(file, "refresh");
      assert.equal(runPhase(), "refresh");
      fs.writeFileSync(file, "nonsense");
      assert.equal(runPhase(), "preview");
    } finally {
      if (saved === undefined) delete process.env.CLUSTERPRO_RUN_PHASE_FILE;
      else process.env.CLUSTERPRO_RUN_PHASE_FILE = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
