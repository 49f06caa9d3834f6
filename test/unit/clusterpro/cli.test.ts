import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { CliIo, main } from "../../../provider/clusterpro/cli";
import { CURRENT, FIXTURE_NAMES, fixturePath, PREVIOUS, skipWithoutSharedFixtures } from "./helpers";

function run(argv: string[], files: Record<string, Buffer> = {}): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readFile: (p: string) => files[p] ?? fs.readFileSync(p),
  };
  return { code: main(argv, io), out, err };
}

describe("clusterpro-conf CLI", () => {
  for (const name of FIXTURE_NAMES) {
    it(`check and roundtrip pass for ${name}`, function () {
      skipWithoutSharedFixtures(this);
      const check = run(["check", fixturePath(name)]);
      assert.equal(check.code, 0, check.out);
      assert.match(check.out, /objectnumber: \d+ \(computed \d+\) ok/);
      assert.match(check.out, /check: ok/);
      const rt = run(["roundtrip", fixturePath(name)]);
      assert.equal(rt.code, 0);
      assert.match(rt.out, /byte-identical/);
    });
  }

  it("check lists servers, groups with resources and dependencies, and monitors", function () {
    skipWithoutSharedFixtures(this);
    const { out } = run(["check", fixturePath(CURRENT)]);
    assert.match(out, /servers:\n {2}alma9-21 priority 0: lan#0=192\.168\.122\.21, mdc#400=192\.168\.122\.21/);
    assert.match(out, / {2}failover2 \(failover, gid 1\)\n {4}md@md2: default dependency/);
    assert.match(out, / {2}mdw@mdw2 → recover cls LocalServer/);
  });

  it("check fails with exit 1 and names object and rule on a broken file", function () {
    skipWithoutSharedFixtures(this);
    const bad = Buffer.from(fs.readFileSync(fixturePath(CURRENT), "latin1").replace("<objectnumber>19<", "<objectnumber>18<"), "latin1");
    const r = run(["check", "bad.conf"], { "bad.conf": bad });
    assert.equal(r.code, 1);
    assert.match(r.out, /error: webmgr\/client\/objectnumber: \[objectnumber\]/);
  });

  it("roundtrip exits 0 for identical bytes; unreadable XML exits 2 with a message", () => {
    const r = run(["roundtrip", "x.conf"], { "x.conf": Buffer.from("<root><a></root>") });
    assert.equal(r.code, 2);
    assert.match(r.err, /XML syntax error/);
  });

  it("diff prints each change with its apply method", function () {
    skipWithoutSharedFixtures(this);
    const r = run(["diff", fixturePath(PREVIOUS), fixturePath(CURRENT)]);
    assert.equal(r.code, 0);
    assert.match(r.out, /\+ \/root\/group\[@name='failover2'\] {2}\(suspend; rule group-add-remove\)/);
    assert.match(r.out, /\+ \/root\/resource\/md\[@name='md2'\] {2}\(group \[failover2\]; rule storage-or-ip-resource\)/);
    assert.match(r.out, /~ \/root\/webmgr\/client\/objectnumber "15" → "19" {2}\(upload; rule derived-objectnumber\)/);
    assert.match(r.out, /6 change\(s\); apply method: group \(failover2\)/);
  });

  it("diff --json is machine-readable", function () {
    skipWithoutSharedFixtures(this);
    const r = run(["diff", "--json", fixturePath(PREVIOUS), fixturePath(CURRENT)]);
    const parsed = JSON.parse(r.out);
    assert.equal(parsed.worstApplyMethod, "group");
    assert.deepEqual(parsed.groupsToRestart, ["failover2"]);
    assert.equal(parsed.changes.length, 6);
    assert.ok(parsed.changes.every((c: { applyMethod: string; path: string; kind: string }) => c.applyMethod && c.path && c.kind));
  });

  it("usage errors exit 2", () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(["diff", "one"]).code, 2);
    assert.equal(run(["--help"]).code, 0);
  });
});
