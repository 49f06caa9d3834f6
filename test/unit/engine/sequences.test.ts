// The apply batch and its recovery, as data (no I/O): gates on every CLUSTERPRO step, the order lock → verify →
// stop → verify → push → start → unlock, the extra steps, and what a failure at each point puts back.
import { strict as assert } from "node:assert";
import type { AgentResult } from "../../../provider/remote/agent/protocol";
import { applySteps, firstFailure, recoverySteps, workDirs, type ApplyPlan, type ApplyStep } from "../../../provider/engine/sequences";

const plan = (over: Partial<ApplyPlan> = {}): ApplyPlan => ({
  os: "windows",
  method: "group",
  groups: [{ name: "app", server: "server02" }],
  removedGroups: [],
  addedGroups: [],
  keepStopped: [],
  held: [],
  startAfterCluster: [],
  clusterRunning: true,
  conf: Buffer.from("<root/>"),
  expectSha256: "a".repeat(64),
  extraSteps: [],
  files: [],
  removeFolders: [],
  owner: "me 2025-01-01T00:00:00.000Z",
  ...over,
});
const labels = (steps: ApplyStep[]) => steps.map((s) => s.label);
const ok = (s: ApplyStep): AgentResult => ({ op: s.op.op, ok: true, value: {} }) as AgentResult;
const fail = (s: ApplyStep, code = "exit-nonzero"): AgentResult => ({ op: s.op.op, ok: false, error: { code, message: "no" } }) as AgentResult;
/** Results of a batch whose step `at` failed (and stopped the rest). */
const failingAt = (steps: ApplyStep[], at: number): AgentResult[] => steps.map((s, i) => (i < at ? ok(s) : i === at ? fail(s) : fail(s, "skipped")));

describe("engine sequences: the apply batch", () => {
  it("gates every CLUSTERPRO step (requireExitZero + stopOnError) and orders lock → verify → stop → verify → push → start → unlock", () => {
    const steps = applySteps(plan());
    for (const s of steps) if (s.op.op === "clp") assert.deepEqual([s.op.requireExitZero, s.op.stopOnError], [true, true], s.label);
    assert.deepEqual(
      steps.map((s) => s.phase).filter((p, i, a) => p !== a[i - 1]),
      ["lock", "check", "stop", "check", "prepare", "push", "start", "unlock"],
    );
    assert.deepEqual(labels(steps.filter((s) => s.phase === "stop" || s.phase === "start")), ["clpgrp -t app", "clpcl --suspend -a", "clpcl --resume -a", "clpgrp -s app -h server02"]);
    const lock = steps[0].op;
    assert.ok(lock.op === "lock.acquire" && lock.owner === "me 2025-01-01T00:00:00.000Z" && lock.stopOnError === true);
    const verify = steps.filter((s) => s.op.op === "file.sha256");
    assert.equal(verify.length, 2, "verified after the lock and again right before the push");
    assert.ok(verify.every((s) => s.op.op === "file.sha256" && s.op.expect === "a".repeat(64) && s.op.stopOnError === true));
    assert.ok(steps.indexOf(verify[1]) > steps.findIndex((s) => s.label === "clpcl --suspend -a"));
    assert.ok(steps.indexOf(verify[1]) < steps.findIndex((s) => s.phase === "push"));
  });

  it("runs restart-manager-services (clpcl -r -a --alert/--web/--ib/--api) after the push and before the resume", () => {
    const steps = applySteps(plan({ method: "suspend", groups: [], extraSteps: ["restart-manager-services"] }));
    assert.deepEqual(labels(steps.filter((s) => s.phase === "push" || s.phase === "start")).map((l) => l.replace(/ -w -x .*/, "")), [
      "clpcfctrl --push",
      "clpcl -r -a --alert",
      "clpcl -r -a --web",
      "clpcl -r -a --ib",
      "clpcl -r -a --api",
      "clpcl --resume -a",
    ]);
  });

  it("cluster method: stops again the auto-start groups an operator had stopped, starts the manual-start groups that ran", () => {
    const steps = applySteps(plan({ method: "cluster", groups: [], keepStopped: ["idle"], startAfterCluster: [{ name: "manual", server: "server01" }] }));
    assert.deepEqual(labels(steps.filter((s) => s.phase === "stop" || s.phase === "start")), ["clpcl -t -a", "clpcl -s -a", "clpgrp -t idle", "clpgrp -s manual -h server01"]);
  });

  it("held groups (their installs' steps come first): not started when added, stopped again right after a cluster start", () => {
    const labels = (p: ApplyPlan) => applySteps(p).map((s) => s.label);
    const added = labels(plan({ method: "suspend", groups: [], addedGroups: [{ name: "app", server: "server01" }, { name: "web", server: "server01" }], held: ["app"] }));
    assert.ok(added.includes("clpgrp -s web -h server01"));
    assert.ok(!added.some((l) => l.startsWith("clpgrp -s app")), "a held group added to a running cluster is not started");
    const initial = labels(plan({ method: "initial", clusterRunning: false, groups: [], held: ["app"] }));
    assert.deepEqual(initial.slice(initial.indexOf("clpcl -s -a")), ["clpcl -s -a", "clpgrp -t app", "release the cluster lock"]);
    const cluster = labels(plan({ method: "cluster", groups: [], held: ["app"] }));
    assert.ok(cluster.indexOf("clpgrp -t app") > cluster.indexOf("clpcl -s -a"));
    // A rollback never touches a held group: the configuration it goes back to may not have it.
    const steps = applySteps(plan({ method: "cluster", groups: [], held: ["app"] }));
    const results = steps.map((s): AgentResult => (s.label === "clpgrp -t app" ? { ok: false, op: "clp", error: { code: "failed", message: "x" } } : ({ ok: true, op: s.op.op, value: {} } as unknown as AgentResult)));
    const back = recoverySteps(plan({ method: "cluster", groups: [], held: ["app"] }), steps, results);
    assert.ok(!back.steps.some((s) => s.label === "clpgrp -t app"));
  });

  it("the work folders are admin-only, not temp folders", () => {
    for (const os of ["windows", "linux"] as const) for (const d of Object.values(workDirs(os))) assert.doesNotMatch(d, /^(C:\\Windows\\Temp|\/tmp|\/var\/tmp)/i);
  });
});

describe("engine sequences: recovery after a failed step", () => {
  const p = plan({ removedGroups: [{ name: "old", server: "server01" }] });
  const steps = applySteps(p);
  const at = (label: string) => steps.findIndex((s) => s.label.startsWith(label));

  it("a failed stop step: only what was stopped before it is undone, newest first, then the lock is released", () => {
    const results = failingAt(steps, at("clpcl --suspend"));
    assert.equal(firstFailure(steps, results), at("clpcl --suspend"));
    const r = recoverySteps(p, steps, results);
    assert.equal(r.kind, "restore");
    assert.deepEqual(labels(r.steps), ["clpgrp -s app -h server02", "clpgrp -s old -h server01", "release the cluster lock"]);
    assert.ok(r.steps.every((s) => s.op.stopOnError !== true), "the recovery never stops half-way");
  });

  it("a failed push: resume and restart every group the sequence stopped, where it ran", () => {
    const r = recoverySteps(p, steps, failingAt(steps, at("clpcfctrl --push")));
    assert.deepEqual(labels(r.steps), ["clpcl --resume -a", "clpgrp -s app -h server02", "clpgrp -s old -h server01", "release the cluster lock"]);
  });

  it("a failure after the push: the pulled folder is pushed back with the same sequence (rollback)", () => {
    const q = plan({ addedGroups: [{ name: "new", server: "server01" }] });
    const s = applySteps(q);
    const r = recoverySteps(q, s, failingAt(s, s.findIndex((x) => x.label.startsWith("clpgrp -s new"))));
    assert.equal(r.kind, "rollback");
    assert.deepEqual(labels(r.steps).map((l) => l.replace(/-x .*pull$/, "-x <pull>")), [
      "clpgrp -t new",
      "clpgrp -t app",
      "clpcl --suspend -a",
      "clpcfctrl --push -w -x <pull>",
      "clpcl --resume -a",
      "clpgrp -s app -h server02",
      "release the cluster lock",
    ]);
    assert.ok(r.steps.every((x) => x.op.stopOnError !== true));
  });

  it("a lost round trip (what ran is unknown): every undo is attempted, then the lock released", () => {
    const r = recoverySteps(p, steps);
    assert.deepEqual(labels(r.steps), ["clpcl --resume -a", "clpgrp -s app -h server02", "clpgrp -s old -h server01", "release the cluster lock"]);
  });
});
