// Property: any sequence of valid edits on any real file serializes to bytes that parse back to
// the same model, each edit reads back as written, and objects it did not target stay unchanged.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { buildFloatingIp } from "../../../provider/clusterpro/builders";
import { ClpDocument, parseClpConf, serializeClpConf } from "../../../provider/clusterpro/document";
import { ClusterConfig } from "../../../provider/clusterpro/model";
import { computeObjectNumber } from "../../../provider/clusterpro/objectnumber";
import { removeGroup, removeResource, setGroup, setHeartbeat, setMonitor, setResource, setServer } from "../../../provider/clusterpro/patch";
import { readModel } from "../../../provider/clusterpro/read";
import { asCreated, FIXTURE_NAMES, fixture, skipWithoutSharedFixtures } from "./helpers";

const commentChar = fc.constantFrom("a", "Z", "7", "-", " ", "<", ">", "&", "\"", "'", "ク", "本");
const comment = fc.array(commentChar, { minLength: 1, maxLength: 12 }).map((cs) => cs.join("")).filter((s) => s.trim() === s && s !== "");

type Edit =
  | { op: "groupAttrs"; pick: number; autoStart?: boolean; autoFailback?: boolean; comment?: string; startup: boolean }
  | { op: "addFip"; pick: number; octet: number; monitor: boolean }
  | { op: "resourceComment"; pick: number; comment: string }
  | { op: "addGenw"; interval: number; restart: number }
  | { op: "removeResource"; pick: number }
  | { op: "addGroup"; startup: boolean }
  | { op: "serverPriority"; pick: number; priority: number }
  | { op: "removeGroup"; pick: number }
  | { op: "heartbeatPriority"; pick: number; priority: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("groupAttrs" as const), pick: fc.nat(), autoStart: fc.option(fc.boolean(), { nil: undefined }), autoFailback: fc.option(fc.boolean(), { nil: undefined }), comment: fc.option(comment, { nil: undefined }), startup: fc.boolean() }),
  fc.record({ op: fc.constant("addFip" as const), pick: fc.nat(), octet: fc.integer({ min: 1, max: 254 }), monitor: fc.boolean() }),
  fc.record({ op: fc.constant("resourceComment" as const), pick: fc.nat(), comment }),
  fc.record({ op: fc.constant("addGenw" as const), interval: fc.integer({ min: 1, max: 999 }), restart: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ op: fc.constant("removeResource" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("addGroup" as const), startup: fc.boolean() }),
  fc.record({ op: fc.constant("serverPriority" as const), pick: fc.nat(), priority: fc.integer({ min: 0, max: 31 }) }),
  fc.record({ op: fc.constant("removeGroup" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("heartbeatPriority" as const), pick: fc.nat(), priority: fc.integer({ min: 0, max: 31 }) }),
);

const pickOf = <T>(xs: T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

/** Applies one edit; returns the new document and what must read back (a partial object) and which objects may change. */
function applyEdit(doc: ClpDocument, e: Edit, n: number): { doc: ClpDocument; check?: (m: ClusterConfig) => void; touched: string[] } {
  const m = readModel(doc);
  const ascii = doc.encoding.declared.toLowerCase().includes("ascii");
  const text = (s: string) => (ascii ? s.replace(/[^\x20-\x7e]/g, "x") : s);
  switch (e.op) {
    case "groupAttrs": {
      const g = pickOf(m.groups, e.pick);
      if (!g) return { doc, touched: [] };
      const want = {
        name: g.name,
        ...(e.autoStart !== undefined ? { autoStart: e.autoStart } : {}),
        ...(e.autoFailback !== undefined ? { autoFailback: e.autoFailback } : {}),
        ...(e.comment !== undefined ? { comment: text(e.comment) } : {}),
        ...(e.startup && m.servers.length > 0 ? { startupServers: m.servers.map((s, i) => ({ server: s.name, order: m.servers.length - 1 - i })) } : {}),
      };
      return {
        doc: setGroup(doc, want),
        touched: [`group:${g.name}`],
        // An absent attribute is the product's default (auto start, auto failover, manual failback), which is not written.
        check: (after) => {
          const got = { autoStart: true, autoFailover: true, autoFailback: false, ...after.groups.find((x) => x.name === g.name) };
          assert.deepEqual({ ...got, ...want }, got);
        },
      };
    }
    case "addFip": {
      const g = pickOf(m.groups, e.pick);
      const ip = `172.31.${n % 250}.${e.octet}`;
      if (!g || m.resources.some((r) => (r as { ip?: string }).ip === ip)) return { doc, touched: [] };
      const b = buildFloatingIp({ name: `pfip${n}`, group: g.name, ip, monitor: e.monitor ? {} : false });
      let out = setResource(doc, b.resource);
      for (const mon of b.monitors) out = setMonitor(out, mon);
      return {
        doc: out,
        touched: [`group:${g.name}`, `resource:pfip${n}`, ...b.monitors.map((x) => `monitor:${x.name}`)],
        check: (after) => {
          assert.deepEqual(after.resources.find((r) => r.name === `pfip${n}`), asCreated(b.resource));
          for (const mon of b.monitors) assert.deepEqual(after.monitors.find((x) => x.name === mon.name), asCreated(mon));
        },
      };
    }
    case "resourceComment": {
      const r = pickOf(m.resources, e.pick);
      if (!r || r.group === "") return { doc, touched: [] };
      const want = { ...r, comment: text(e.comment) };
      return { doc: setResource(doc, want), touched: [`resource:${r.name}`], check: (after) => assert.deepEqual(after.resources.find((x) => x.name === r.name), want) };
    }
    case "addGenw": {
      const mon = { type: "genw", name: `pgenw${n}`, comment: "", target: "", relation: { type: "cls" as const, name: "LocalServer" }, path: "genw.sh", interval: e.interval, restartThreshold: e.restart };
      return { doc: setMonitor(doc, mon), touched: [`monitor:${mon.name}`], check: (after) => assert.deepEqual(after.monitors.find((x) => x.name === mon.name), mon) };
    }
    case "removeResource": {
      const r = pickOf(m.resources, e.pick);
      if (!r) return { doc, touched: [] };
      return {
        doc: removeResource(doc, r.name),
        touched: [`resource:${r.name}`, `group:${r.group}`],
        check: (after) => assert.equal(after.resources.some((x) => x.name === r.name), false),
      };
    }
    case "addGroup": {
      const name = `pgroup${n}`;
      const want = { name, ...(e.startup && m.servers[0] ? { startupServers: [{ server: m.servers[0].name, order: 0 }] } : {}) };
      return { doc: setGroup(doc, want), touched: [`group:${name}`], check: (after) => assert.ok(after.groups.some((g) => g.name === name)) };
    }
    case "serverPriority": {
      const s = pickOf(m.servers, e.pick);
      if (!s) return { doc, touched: [] };
      return { doc: setServer(doc, { name: s.name, priority: e.priority }), touched: [`server:${s.name}`], check: (after) => assert.equal(after.servers.find((x) => x.name === s.name)?.priority, e.priority) };
    }
    case "removeGroup": {
      const g = pickOf(m.groups, e.pick);
      if (!g) return { doc, touched: [] };
      return {
        doc: removeGroup(doc, g.name),
        // Later groups' gids shift down by one.
        touched: [...m.groups.map((x) => `group:${x.name}`), ...m.resources.filter((r) => r.group === g.name).map((r) => `resource:${r.name}`)],
        check: (after) => {
          assert.equal(after.groups.some((x) => x.name === g.name), false);
          assert.deepEqual(after.groups.map((x) => x.gid), m.groups.filter((x) => x.name !== g.name).map((x) => (x.gid !== undefined && g.gid !== undefined && x.gid > g.gid ? x.gid - 1 : x.gid)));
        },
      };
    }
    case "heartbeatPriority": {
      const h = pickOf(m.heartbeats, e.pick);
      if (!h) return { doc, touched: [] };
      return { doc: setHeartbeat(doc, { ...h, priority: e.priority }), touched: [`heartbeat:${h.name}`], check: (after) => assert.deepEqual(after.heartbeats.find((x) => x.name === h.name), { ...h, priority: e.priority }) };
    }
  }
}

/** Objects keyed `kind:name`, to compare what an edit did not target. */
function objects(m: ClusterConfig): Map<string, unknown> {
  return new Map<string, unknown>([
    ...m.servers.map((s) => [`server:${s.name}`, s] as const),
    ...m.groups.map((g) => [`group:${g.name}`, g] as const),
    ...m.resources.map((r) => [`resource:${r.name}`, r] as const),
    ...m.monitors.map((x) => [`monitor:${x.name}`, x] as const),
    ...m.heartbeats.map((h) => [`heartbeat:${h.name}`, h] as const),
  ]);
}

describe("property: random valid edits → serialize → parse → same model", () => {
  before(function () {
    skipWithoutSharedFixtures(this);
  });
  it("holds for every real file", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_NAMES), fc.array(edit, { minLength: 1, maxLength: 6 }), (name, edits) => {
        let doc = fixture(name);
        edits.forEach((e, n) => {
          const before = objects(readModel(doc));
          const step = applyEdit(doc, e, n);
          doc = step.doc;
          const model = readModel(doc);
          step.check?.(model);
          const after = objects(model);
          for (const [key, obj] of before) {
            if (!step.touched.includes(key) && after.has(key)) assert.deepEqual(after.get(key), obj, `${key} changed by ${e.op}`);
          }
          assert.equal(model.objectNumber, computeObjectNumber(model));
        });
        const reparsed = parseClpConf(serializeClpConf(doc));
        assert.equal(reparsed.text, doc.text);
        assert.deepEqual(readModel(reparsed), readModel(doc));
      }),
      { numRuns: 150 },
    );
  });
});
