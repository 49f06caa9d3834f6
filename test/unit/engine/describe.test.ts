// Preview text of an apply: where a group stops and starts again (from the session's clpstat read), and
// one note per element the plan writes that no public source shows.
import { strict as assert } from "node:assert";
import type { Change } from "../../../provider/clusterpro";
import type { ClpstatView } from "../../../provider/clusterpro/clpstat";
import { UNVERIFIED_ELEMENTS, unverifiedWrites } from "../../../provider/clusterpro/unverified";
import { describeOutcome, unverifiedLines } from "../../../provider/engine/describe";
import type { CommitOutcome } from "../../../provider/engine/session";

const fipChange: Change = { path: "/root/resource/fip[@name='fip']/parameters/ip", kind: "modify", old: "10.0.0.1", new: "10.0.0.2", applyMethod: "group", groups: ["failover"], rule: "storage-or-ip-resource" };
const outcome = (groups: string[], method: CommitOutcome["applyMethod"] = "group"): CommitOutcome => ({ applyMethod: method, restartedGroups: groups, changes: [fipChange] });
const status = (groups: Record<string, string | undefined>, unknown = false): ClpstatView => ({
  servers: { server01: { status: "Online", local: true }, server02: { status: "Online", local: false } },
  groups: Object.fromEntries(Object.entries(groups).map(([g, at]) => [g, at ? { status: "Online", current: at } : { status: "Offline" }])),
  ...(unknown ? { unknown: true } : {}),
});

describe("describeOutcome: where a group stops and starts again", () => {
  it("names the server a group is online on and starts it again there", () => {
    assert.equal(
      describeOutcome(outcome(["failover"]), status({ failover: "server02" })),
      "stop group failover (online on server02) → suspend → push → resume → start failover again on server02",
    );
  });

  it("several groups, one of them not running (it stays stopped)", () => {
    assert.equal(
      describeOutcome(outcome(["a", "b", "c"]), status({ a: "server01", b: undefined, c: "server02" })),
      "stop groups a (online on server01), c (online on server02) → suspend → push → resume → start a again on server01, c again on server02; group b is not running and stays stopped",
    );
    assert.equal(describeOutcome(outcome(["b"]), status({ b: undefined })), "suspend → push → resume; group b is not running and stays stopped");
  });

  it("an unreadable status says where the group runs is unknown (and up refuses)", () => {
    assert.match(describeOutcome(outcome(["failover"]), status({}, true)), /^stop group failover \(where it runs is unknown: clpstat could not be read, so up will refuse\)/);
  });

  it("a cluster stop lists the groups online now; without a status the text is the plain sequence", () => {
    assert.equal(describeOutcome(outcome([], "cluster"), status({ failover: "server01", nic: "server02" })), "stop the cluster (groups online now: failover on server01, nic on server02) → push → start it");
    assert.equal(describeOutcome(outcome(["failover"])), "stop group failover → suspend → push → resume → start it");
    assert.equal(describeOutcome(outcome([], "suspend"), status({ failover: "server01" })), "suspend the cluster → push → resume");
  });
});

describe("unverified elements in a plan", () => {
  it("every table entry says why it is unverified and how it is written", () => {
    assert.ok(UNVERIFIED_ELEMENTS.length > 0);
    for (const u of UNVERIFIED_ELEMENTS) assert.ok(u.why.length > 20 && u.writtenAs.length > 10, u.path);
  });

  it("a new regsync resource with two keys gives one note; a removal or an unrelated change none", () => {
    const add: Change = {
      path: "/root/resource/regsync[@name='rs']", kind: "add", applyMethod: "group", groups: ["g"], rule: "resource",
      new: { "comment": "", "parameters/key[@id='0']": "HKLM\\SOFTWARE\\A", "parameters/key[@id='1']": "HKLM\\SOFTWARE\\B" },
    };
    assert.deepEqual(unverifiedWrites([add]).map((u) => u.path), ["resource/regsync@rs/parameters/key@*"]);
    const lines = unverifiedLines([add]);
    assert.equal(lines.split("\n").filter(Boolean).length, 1);
    assert.match(lines, /^\n {4}unverified element: resource\/regsync@rs\/parameters\/key@\* \(no public source; written as <parameters><key id="0">/);
    const removed: Change = { ...add, kind: "remove", new: undefined, old: add.new };
    assert.deepEqual(unverifiedWrites([removed]), []);
    assert.equal(unverifiedLines([fipChange]), "");
  });

  it("a changed key, and a Windows script resource's time-outs, are named; an exec resource's are not", () => {
    const key: Change = { path: "/root/resource/regsync[@name='rs']/parameters/key[@id='1']", kind: "modify", old: "HKLM\\A", new: "HKLM\\B", applyMethod: "suspend", rule: "regsync-keys" };
    const script: Change = { path: "/root/resource/script[@name='s']/deact/timeout", kind: "add", new: "300", applyMethod: "suspend", rule: "resource-recovery-settings" };
    const exec: Change = { ...script, path: "/root/resource/exec[@name='s']/deact/timeout" };
    assert.deepEqual(unverifiedWrites([key, script, exec]).map((u) => u.path), ["resource/regsync@rs/parameters/key@*", "resource/script@s/deact/timeout"]);
  });
});
