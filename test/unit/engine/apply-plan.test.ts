// The pure parts of a push around the session: the outcome of a configuration change (commit-outcome.ts), the apply
// plan built from the state read (apply-plan.ts), and what a lock answer means (lock.ts).
import { strict as assert } from "node:assert";
import { applyModel, createClpConf, readModel } from "../../../provider/clusterpro";
import { clusterFragment, groupFragment, mergeFragments } from "../../../provider/clusterpro/plan";
import { applyPlanOf, startupOrder, type PlanState, type PlanWork } from "../../../provider/engine/apply-plan";
import { groupsAddedBy, outcomeOf, withScripts } from "../../../provider/engine/commit-outcome";
import { brokenLockWarning, LOCK_WAIT_MS, lockAnswer } from "../../../provider/engine/lock";

const empty = createClpConf({ name: "c", serverOs: "windows" });
const cluster = clusterFragment({ name: "c", language: "en", os: "windows", servers: ["s1", "s2"], interconnects: [{ priority: 1, kind: "kernel", addresses: { s1: "10.0.0.1", s2: "10.0.0.2" } }] });
const group = (name: string, autoStart = true) => groupFragment({ os: "windows", name, autoStart, failover: "auto", failback: "manual", resources: [] });
const conf = (...groups: string[]) => applyModel(empty, mergeFragments([cluster, ...groups.map((g) => group(g, g !== "manual"))]));
const work: PlanWork = { os: "windows", files: [], removeFolders: [], held: [], owner: "me 2026" };
const running = (groups: Record<string, string | undefined> = {}): PlanState => ({
  master: "s1",
  conf: Buffer.from("x"),
  status: { servers: { s1: { status: "Online", local: true }, s2: { status: "Online", local: false } }, groups: Object.fromEntries(Object.entries(groups).map(([g, cur]) => [g, { status: cur ? "Online" : "Offline", ...(cur ? { current: cur } : {}) }])) },
});

describe("commit outcome (engine/commit-outcome.ts)", () => {
  it("nothing to push when the configuration is the same; the first configuration is `initial`; an added group is not restarted", () => {
    const before = conf("g1");
    assert.equal(outcomeOf(before, before, true).applyMethod, "none");
    assert.equal(outcomeOf(empty, before, false).applyMethod, "initial");
    const added = outcomeOf(before, conf("g1", "g2"), true);
    assert.deepEqual(groupsAddedBy(added.changes), ["g2"]);
    assert.ok(!added.restartedGroups.includes("g2"));
  });

  it("scripts alone are pushed with `suspend` (clp.conf unchanged, the folder is not)", () => {
    const none = outcomeOf(conf("g1"), conf("g1"), true);
    assert.equal(withScripts(none, [{ path: "scripts/g1/s/start.bat", content: "x" }], []).applyMethod, "suspend");
    assert.equal(withScripts(none, [], []).applyMethod, "none");
  });
});

describe("apply plan (engine/apply-plan.ts)", () => {
  it("an added auto-start group starts on its first running startup server; a held one is recorded as held", () => {
    const before = conf("g1");
    const next = conf("g1", "g2", "h1");
    const outcome = outcomeOf(before, next, true);
    const plan = applyPlanOf({ ...running({ g1: "s1" }), status: { ...running({ g1: "s1" }).status, servers: { s1: { status: "Offline", local: true }, s2: { status: "Online", local: false } } } }, next, outcome, { ...work, held: ["h1"] });
    assert.deepEqual(plan.addedGroups.map((g) => [g.name, g.server]), [["g2", "s2"], ["h1", "s2"]]);
    assert.deepEqual(plan.held, ["h1"]);
  });

  it("a held manual-start group is not held (nothing would start it); cluster method: a held group is not also `keepStopped`", () => {
    const next = conf("g1", "manual", "h1");
    const outcome = { ...outcomeOf(conf("g1", "manual", "h1"), next, true), applyMethod: "cluster" as const };
    const plan = applyPlanOf(running({ g1: "s1" }), next, outcome, { ...work, held: ["h1", "manual"] });
    assert.deepEqual(plan.held, ["h1"]);
    assert.deepEqual(plan.keepStopped, []);
  });

  it("refuses a group restart when the status is unknown (which groups run where cannot be told)", () => {
    const next = conf("g1");
    const outcome = { ...outcomeOf(conf("g1"), next, true), applyMethod: "group" as const, restartedGroups: ["g1"] };
    assert.throws(() => applyPlanOf({ master: "s1", conf: Buffer.from("x"), status: { servers: {}, groups: {}, unknown: true } }, next, outcome, work), /the cluster status could not be read/);
  });

  it("records the stack only when the record is missing or another's; startup order falls back to server priority", () => {
    const next = conf("g1");
    const outcome = outcomeOf(empty, next, false);
    assert.equal(applyPlanOf({ ...running(), managedBy: "p/s" }, next, outcome, { ...work, stack: "p/s" }).recordStack, undefined);
    assert.equal(applyPlanOf(running(), next, outcome, { ...work, stack: "p/s" }).recordStack, "p/s");
    const model = readModel(next);
    assert.deepEqual(startupOrder(model, model.groups[0]), ["s1", "s2"]);
  });
});

describe("cluster lock (engine/lock.ts)", () => {
  const where = { cluster: "c", master: "s1", path: "C:\\lock" };
  const locked = { ok: false as const, op: "lock.acquire" as const, error: { code: "locked" as const, message: "held by other 2026" } };

  it("taken (and says when a stale lock was broken), wait while another holds it, give up after LOCK_WAIT_MS naming the folder", () => {
    assert.deepEqual(lockAnswer({ ok: true, op: "lock.acquire", value: { acquired: true, broken: null } }, 0, where), { kind: "ours" });
    const broken = lockAnswer({ ok: true, op: "lock.acquire", value: { acquired: true, broken: { owner: "dead", ageSec: 2000 } } }, 0, where);
    assert.deepEqual(broken, { kind: "ours", broken: { owner: "dead", ageSec: 2000 } });
    assert.match(brokenLockWarning("c", { owner: "", ageSec: 2000 }), /broke a lock left by an unknown owner 2000 s ago \(older than 30 minutes\)/);
    assert.deepEqual(lockAnswer(locked, LOCK_WAIT_MS, where), { kind: "wait" });
    const gaveUp = lockAnswer(locked, LOCK_WAIT_MS + 1, where);
    assert.equal(gaveUp.kind, "give-up");
    assert.match(gaveUp.kind === "give-up" ? gaveUp.message : "", /^cluster c: held by other 2026, for more than 120 s of waiting; if no other stack is applying, remove C:\\lock on s1/);
    assert.deepEqual(lockAnswer({ ok: false, op: "lock.acquire", error: { code: "io", message: "disk full" } }, 0, where), { kind: "failed" });
  });
});
