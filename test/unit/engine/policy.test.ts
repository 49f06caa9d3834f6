// The disruption policy (provider/engine/policy.ts): the one function preview (each resource's
// check) and the commit at `up` (the whole batch) use to refuse a change.
import { strict as assert } from "node:assert";
import { policyRefusal, REBOOT_STEPS, type PolicyInput } from "../../../provider/engine/policy";
import { ClusterSession } from "../../../provider/engine/session";
import { ClusterArgsSchema } from "../../../sdk/schemas/cluster";

const change = (path: string, applyMethod: PolicyInput["changes"][number]["applyMethod"]) => ({ path, applyMethod });

describe("policy: maxDisruption and reboot-class changes", () => {
  it("allows what is within maxDisruption, a new configuration, and no change", () => {
    assert.equal(policyRefusal({ applyMethod: "group", changes: [change("/root/group[@name='g']/start", "group")] }, "group", "C"), undefined);
    assert.equal(policyRefusal({ applyMethod: "upload", changes: [change("/root/x", "upload")] }, "upload", "C"), undefined);
    assert.equal(policyRefusal({ applyMethod: "initial", changes: [change("/root/server[@name='s1']", "reboot")] }, "upload", "C"), undefined);
    assert.equal(policyRefusal({ applyMethod: "none", changes: [] }, "upload", "C"), undefined);
  });

  it("refuses a change above maxDisruption, naming each path that needs more", () => {
    const r = policyRefusal({ applyMethod: "cluster", changes: [change("/root/cluster/name", "cluster"), change("/root/cluster/comment", "suspend"), change("/root/group[@name='g']/x", "group")] }, "suspend", "PrintPort");
    assert.ok(r);
    assert.equal(r.kind, "maxDisruption");
    assert.equal(r.method, "cluster");
    assert.deepEqual(r.paths, ["/root/cluster/name (cluster)", "/root/group[@name='g']/x (group)"]);
    assert.match(r.message, /^cluster PrintPort: the change needs apply method "cluster", more disruptive than maxDisruption "suspend": \/root\/cluster\/name \(cluster\), /);
    assert.match(r.message, /Raise the Cluster's maxDisruption to "cluster"/);
    assert.ok(!r.message.includes("\n"), "one line");
  });

  it("refuses every reboot-class change, whatever maxDisruption says, with the steps to do by hand", () => {
    for (const limit of ["upload", "group", "cluster", "reboot"]) {
      const r = policyRefusal({ applyMethod: "reboot", changes: [change("/root/server[@name='s1']/device[@id='400']/info", "reboot"), change("/root/cluster/comment", "suspend")] }, limit, "C");
      assert.ok(r, limit);
      assert.equal(r.kind, "reboot");
      assert.deepEqual(r.paths, ["/root/server[@name='s1']/device[@id='400']/info"]);
      assert.ok(r.message.includes(REBOOT_STEPS), r.message);
      assert.match(r.message, /never does/);
    }
  });

  it("reads a legacy maxDisruption \"reboot\" (states of earlier versions) as \"cluster\"", () => {
    assert.equal(policyRefusal({ applyMethod: "cluster", changes: [change("/root/cluster/name", "cluster")] }, "reboot", "C"), undefined);
  });

  it("is what the session's commit applies (one function for preview and up)", () => {
    const s = new ClusterSession({ clusterName: "C", os: "windows", nodes: [], maxDisruption: "suspend" });
    const outcome = { applyMethod: "group" as const, restartedGroups: ["g"], changes: [{ path: "/root/group[@name='g']/x", kind: "modify" as const, applyMethod: "group" as const, rule: "r" }] };
    assert.throws(() => s.checkPolicy(outcome), { message: policyRefusal(outcome, "suspend", "C")?.message });
  });

  it("does not offer maxDisruption \"reboot\" in the program, and says why", () => {
    const base = { name: "C", servers: ["s1"], interconnects: [{ priority: 1, kind: "kernel", addresses: { s1: "10.0.0.1" } }] };
    const r = ClusterArgsSchema.safeParse({ ...base, maxDisruption: "reboot" });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues.map((i) => i.path), [["maxDisruption"]]);
    assert.match(r.error?.issues[0].message ?? "", /"reboot" is not offered: the provider never reboots servers/);
    assert.equal(ClusterArgsSchema.parse({ ...base, maxDisruption: "cluster" }).maxDisruption, "cluster");
  });
});
