import { strict as assert } from "node:assert";
import { jsonEqual } from "../../../provider/resources/json-equal";

/** The reference jsonEqual replaces: JSON of both with sorted keys. */
function reference(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sorted(a ?? null)) === JSON.stringify(sorted(b ?? null));
}

/** A small deterministic generator (no dependency): values as the engine's JSON and zod's output hold them. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const LEAVES: unknown[] = [null, undefined, 0, -0, 1, 1.5, NaN, "", "a", "b", "0", "null", true, false];
function value(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth <= 0 || pick < 0.45) return LEAVES[Math.floor(r() * LEAVES.length)];
  const n = Math.floor(r() * 4);
  if (pick < 0.7) return Array.from({ length: n }, () => value(r, depth - 1));
  return Object.fromEntries(Array.from({ length: n }, () => [["x", "y", "z", "name"][Math.floor(r() * 4)], value(r, depth - 1)]));
}
/** The same value with every object's keys in another order (what the engine's state does to check's inputs). */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reordered(x)]));
  return v;
}
/** One change somewhere inside (a leaf replaced, a key added, an array element dropped). */
function mutated(v: unknown, r: () => number): unknown {
  if (Array.isArray(v)) {
    if (v.length === 0 || r() < 0.3) return [...v, value(r, 1)];
    const i = Math.floor(r() * v.length);
    return r() < 0.5 ? v.filter((_, j) => j !== i) : v.map((x, j) => (j === i ? mutated(x, r) : x));
  }
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 0 || r() < 0.3) return { ...v, extra: value(r, 1) };
    const k = keys[Math.floor(r() * keys.length)];
    return { ...v, [k]: mutated((v as Record<string, unknown>)[k], r) };
  }
  return LEAVES[Math.floor(r() * LEAVES.length)];
}

describe("jsonEqual (diff's property comparison)", () => {
  it("answers as JSON with sorted keys on the edge cases: key order, undefined members, null, NaN, -0, arrays vs objects", () => {
    const cases: [unknown, unknown, boolean][] = [
      [{ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 }, true],
      [{ a: 1, b: undefined }, { a: 1 }, true],
      [{ a: null }, {}, false],
      [undefined, null, true],
      [[undefined], [null], true],
      [[1, 2], [2, 1], false],
      [NaN, null, true],
      [-0, 0, true],
      ["1", 1, false],
      [[], {}, false],
      [{ 0: "a" }, ["a"], false],
      [{ a: { b: 1 } }, { a: { b: 1, c: undefined } }, true],
      [{ a: { b: 1 } }, { a: { b: 2 } }, false],
      [{ a: () => 1 }, {}, true],
    ];
    for (const [a, b, want] of cases) {
      assert.equal(reference(a, b), want, `reference on ${JSON.stringify([a, b])}`);
      assert.equal(jsonEqual(a, b), want, `jsonEqual on ${JSON.stringify([a, b])}`);
      assert.equal(jsonEqual(b, a), want, `jsonEqual (swapped) on ${JSON.stringify([a, b])}`);
    }
  });

  it("agrees with the reference on 3,000 generated pairs (equal after reordering, and with one change)", () => {
    const r = rng(16);
    let equal = 0;
    let different = 0;
    for (let i = 0; i < 1000; i++) {
      const v = value(r, 4);
      for (const w of [reordered(v), mutated(v, r), mutated(reordered(v), r)]) {
        const want = reference(v, w);
        assert.equal(jsonEqual(v, w), want, `on ${JSON.stringify(v)} vs ${JSON.stringify(w)}`);
        assert.equal(jsonEqual(w, v), want, `swapped, on ${JSON.stringify(v)} vs ${JSON.stringify(w)}`);
        if (want) equal++;
        else different++;
      }
    }
    // Both answers are exercised, so a comparison that always said yes (or no) would fail above.
    assert.ok(equal > 1000 && different > 500, `equal ${equal}, different ${different}`);
  });
});
