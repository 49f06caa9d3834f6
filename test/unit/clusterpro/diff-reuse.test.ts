// diffConfigs keeps the flattening of the document it last compared from (the session diffs one pulled document
// against every resource's edit in preview): reusing it must answer exactly as a fresh parse does.
import { strict as assert } from "node:assert";
import { diffConfigs } from "../../../provider/clusterpro/diff";
import { parseClpConf, serializeClpConf } from "../../../provider/clusterpro/document";
import { applyModel } from "../../../provider/clusterpro/patch";
import { floatingIpFragment, groupFragment } from "../../../provider/clusterpro/plan";
import { BASIC_WINDOWS, fixture, skipWithoutSharedFixtures } from "./helpers";

describe("semantic diff: one document diffed against several edits", () => {
  it("answers each edit as a freshly parsed document would, in any order and repeatedly", function () {
    skipWithoutSharedFixtures(this);
    const base = fixture(BASIC_WINDOWS);
    const edits = [
      applyModel(base, groupFragment({ os: "windows", name: "extra", autoStart: true, failover: "auto", failback: "manual", resources: [] }), { validate: false }),
      applyModel(base, floatingIpFragment({ group: "failover", name: "fipx", address: "10.9.9.9", monitor: true }), { validate: false }),
      applyModel(base, { remove: { resources: ["fip"] } }, { validate: false }),
    ];
    const fresh = (next: (typeof edits)[number]) => diffConfigs(parseClpConf(serializeClpConf(base)), parseClpConf(serializeClpConf(next)));
    const expected = edits.map(fresh);
    // The three edits differ from each other, so a reused flattening that leaked one edit into the next would show.
    assert.ok(expected.every((e) => e.length > 0));
    assert.notDeepEqual(expected[0], expected[1]);
    assert.notDeepEqual(expected[1], expected[2]);
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 1, 0, 2, 2]]) {
      for (const i of order) assert.deepEqual(diffConfigs(base, edits[i]), expected[i], `edit ${i}`);
    }
    // Backwards, from each edit in turn: the mirror of the forward diff (adds become removes and back), so a
    // flattening kept for the wrong document would show here.
    const mirror = (changes: ReturnType<typeof diffConfigs>) => changes.map((c) => [c.kind === "add" ? "remove" : c.kind === "remove" ? "add" : "modify", c.path]);
    for (const i of [2, 0, 1, 2]) assert.deepEqual(diffConfigs(edits[i], base).map((c) => [c.kind, c.path]), mirror(expected[i]), `edit ${i} backwards`);
    assert.deepEqual(diffConfigs(base, base), []);
    assert.deepEqual(diffConfigs(edits[1], edits[1]), []);
  });
});
