// The pure batch planner of a commit: what must be created first, what is ready, what waits for what.
import { strict as assert } from "node:assert";
import { createClpConf, readModel } from "../../../provider/clusterpro";
import { missingPrerequisites, planBatch } from "../../../provider/engine/commit-batch";
import { clusterFragment, floatingIpFragment, groupFragment } from "../../../provider/clusterpro/plan";
import type { Mutation } from "../../../provider/engine/session";

const empty = readModel(createClpConf({ name: "c", serverOs: "windows" }));
const cluster = clusterFragment({ name: "c", language: "en", os: "windows", servers: ["s1", "s2"], interconnects: [] });
const group = (name: string) => groupFragment({ os: "windows", name, autoStart: true, failover: "auto", failback: "manual", resources: [] });
const fip = (g: string): Mutation => ({ label: `fip-${g}`, fragment: floatingIpFragment({ group: g, name: `fip-${g}`, address: "10.0.0.9", monitor: true }), requiresGroups: [g] });
const item = (mutation: Mutation) => ({ mutation });

describe("commit batch planning (engine/commit-batch.ts)", () => {
  it("a child whose group and cluster come in the same batch is ready, whatever the order", () => {
    const batch = [item(fip("g1")), item({ label: "g1", fragment: group("g1") }), item({ label: "cluster", fragment: cluster })];
    const p = planBatch(empty, false, batch);
    assert.equal(p.ready.length, 3);
    assert.deepEqual(p.waiting, []);
    assert.deepEqual(p.bootstraps, []);
  });

  it("a new cluster's objects wait until some member brings the cluster; a carried bootstrap is enough", () => {
    const alone = planBatch(empty, false, [item({ label: "g1", fragment: group("g1") })]);
    assert.equal(alone.ready.length, 0);
    assert.equal(alone.waiting[0].clusterHere, false);
    assert.match(missingPrerequisites("g1", "c", alone.waiting[0]), /^g1: there is no configuration for cluster c/);
    const carried = planBatch(empty, false, [item({ label: "g1", fragment: group("g1"), bootstrap: { cluster } })]);
    assert.equal(carried.ready.length, 1);
    assert.equal(carried.bootstraps.length, 1);
  });

  it("a group carried as a bootstrap is created once, however many children carry it", () => {
    const g = { g1: { fragment: group("g1"), files: [] } };
    const p = planBatch(empty, true, [item({ ...fip("g1"), bootstrap: { groups: g } }), item({ ...fip("g1"), label: "other", bootstrap: { groups: g } })]);
    assert.equal(p.ready.length, 2);
    assert.equal(p.bootstraps.length, 1);
  });

  it("a mutation whose group nothing brings waits, naming what it builds on", () => {
    const p = planBatch(empty, true, [item(fip("nosuch")), item({ label: "r", fragment: {}, requiresResources: ["svc"] })]);
    assert.equal(p.ready.length, 0);
    assert.deepEqual(p.waiting.map((w) => w.needs), ["group nosuch", "resource svc"]);
    assert.match(missingPrerequisites("fip-nosuch", "c", p.waiting[0]), /what it builds on \(group nosuch\) does not exist in cluster c/);
  });

  it("removals need no cluster", () => {
    const p = planBatch(empty, false, [item({ label: "gone", fragment: { remove: { groups: ["g1"] } } })]);
    assert.equal(p.ready.length, 1);
  });
});
