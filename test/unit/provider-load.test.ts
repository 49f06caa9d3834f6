// What the dynamic-provider process loads before it connects anywhere. A no-op preview only calls check and diff,
// so loading the resource implementations must not pull in the connection stacks (ssh2, the WinRM client and its
// XML parser) or the agent (its embedded scripts, schemas, wire format): they load with the first connection or
// agent run (docs/benchmarks.md, "Provider CPU and memory at 16 × 64"). Each case runs in a fresh Node process.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { repoRoot } from "../support/paths";

const RESOURCES = ["cluster", "node", "failover-group", "floating-ip", "mirror-disk", "probe", "product-install"];
const HEAVY = /node_modules\/ssh2\/|node_modules\/@xmldom\/|provider\/remote\/(winrm|ssh)\/|provider\/remote\/agent\/(invocation|scripts\.generated|wire)\./;

/** The repository files and packages a fresh process has loaded after running `body` (CommonJS require cache). */
function loadedAfter(body: string): string[] {
  const script = `${body}\nprocess.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const r = spawnSync(process.execPath, ["-r", "ts-node/register", "-e", script], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } });
  assert.equal(r.status, 0, r.stderr);
  // Packages may resolve outside the repository (a shared node_modules): only the repository's own prefix goes.
  return (JSON.parse(r.stdout) as string[]).map((f) => (f.startsWith(`${repoRoot}/`) ? f.slice(repoRoot.length + 1) : f));
}

describe("provider process: what loads before the first connection", function () {
  this.timeout(120_000);

  it("the resource implementations load no SSH, WinRM or agent module", () => {
    const loaded = loadedAfter(RESOURCES.map((r) => `require("./provider/resources/${r}");`).join("\n"));
    assert.ok(loaded.some((f) => f.startsWith("provider/resources/floating-ip")), "the resources were loaded");
    assert.deepEqual(loaded.filter((f) => HEAVY.test(f)), []);
  });

  it("a WinRM connection loads the WinRM client but not ssh2; the first agent run's modules come with runAgent's call", () => {
    const loaded = loadedAfter(`
      const { hostFor } = require("./provider/engine/connections");
      hostFor({ name: "server01", connection: { transport: "winrm", host: "127.0.0.1", port: 1, https: false, auth: "ntlm", username: "u", password: "p", insecureSkipVerify: false } });
      const { runAgent } = require("./provider/remote/host");
      runAgent({ name: "server01", os: "windows", exec: () => new Promise(() => undefined), close: async () => undefined }, [{ op: "facts" }], { timeoutMs: 1 }).catch(() => undefined);
    `);
    assert.ok(loaded.some((f) => f.startsWith("provider/remote/winrm/client")), "the WinRM client was loaded");
    assert.ok(loaded.some((f) => f.startsWith("provider/remote/agent/invocation")), "the agent invocation was loaded");
    assert.deepEqual(loaded.filter((f) => /node_modules\/ssh2\/|provider\/remote\/ssh\//.test(f)), []);
  });
});
