// The lab registry models 64-bit Windows' two views of HKLM\SOFTWARE: a key opened in the 32-bit view lives under
// HKLM\SOFTWARE\WOW6432Node, so a provider that writes a 32-bit product's key in the wrong view misses the product.
import { strict as assert } from "node:assert";
import { validateOps, type AgentOpInput, type AgentResult } from "../../../provider/remote/agent/protocol";
import { parseAgentOutput, toWireOp } from "../../../provider/remote/agent/wire";
import { executeOps, formatAgentOutput } from "../../../sim/agent/executor";
import { SimNode } from "../../../sim/node/node";
import { keyInView } from "../../../sim/node/registry";

function run(node: SimNode, input: AgentOpInput[]): AgentResult[] {
  const ops = validateOps(input);
  return parseAgentOutput(formatAgentOutput(executeOps(node, ops.map(toWireOp), () => ({ exitCode: 1, stdout: "", stderr: "" })), "\n"), ops);
}

describe("sim registry: 32-bit and 64-bit views", () => {
  it("redirects HKLM\\SOFTWARE only, and only in the 32-bit view", () => {
    assert.equal(keyInView("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager", "32"), "HKLM\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager");
    assert.equal(keyInView("HKLM\\Software\\NEC", "64"), "HKLM\\Software\\NEC");
    assert.equal(keyInView("HKLM\\Software\\NEC", undefined), "HKLM\\Software\\NEC");
    assert.equal(keyInView("HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time", "32"), "HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time");
    assert.equal(keyInView("HKLM\\SOFTWARE\\WOW6432Node\\NEC", "32"), "HKLM\\SOFTWARE\\WOW6432Node\\NEC", "never twice");
  });

  it("an agent write in view 32 is under WOW6432Node, invisible in view 64, and read back in view 32", () => {
    const node = SimNode.fresh("server01", "windows");
    const key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager";
    const [set] = run(node, [{ op: "reg.set", key, name: "DataFileDir", value: { type: "REG_SZ", data: "E:\\DPM\\Datafile" }, view: "32" }]);
    assert.ok(set.ok);
    assert.equal(node.registry?.get("HKLM\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager", "DataFileDir")?.data, "E:\\DPM\\Datafile");
    assert.equal(node.registry?.get(key, "DataFileDir"), undefined, "nothing in the 64-bit view");
    const [q64, q32, qDefault] = run(node, [
      { op: "reg.query", key, view: "64" },
      { op: "reg.query", key, view: "32" },
      { op: "reg.query", key },
    ]);
    assert.ok(q64.ok && q64.op === "reg.query" && !q64.value.exists);
    assert.ok(qDefault.ok && qDefault.op === "reg.query" && !qDefault.value.exists, "no view: the agent's own (64-bit) view");
    assert.ok(q32.ok && q32.op === "reg.query" && q32.value.values.some((v) => v.name === "DataFileDir" && v.data === "E:\\DPM\\Datafile"));
    const [del] = run(node, [{ op: "reg.deleteValue", key, name: "DataFileDir", view: "32" }]);
    assert.ok(del.ok && del.op === "reg.deleteValue" && del.value.deleted);
  });

  it("facts report the node's own folders (Program Files moved to D: on this one)", () => {
    const node = SimNode.fresh("server01", "windows");
    node.windowsEnv = { ...node.windowsEnv, ProgramFiles: "D:\\Program Files", ProgramW6432: "D:\\Program Files" };
    const [facts] = run(node, [{ op: "facts" }]);
    assert.ok(facts.ok && facts.op === "facts");
    assert.equal(facts.value.env?.ProgramFiles, "D:\\Program Files");
    assert.equal(facts.value.env?.["ProgramFiles(x86)"], "C:\\Program Files (x86)");
    const restored = SimNode.restore(node.snapshot(), new Map(node.fs.volumes().map((v) => [v.store.id, v.store])));
    assert.equal(restored.windowsEnv.ProgramFiles, "D:\\Program Files", "kept across a lab restart");
  });
});
