import { strict as assert } from "node:assert";
import { findElement, parseClpConf, serializeClpConf, setValue } from "../../../provider/clusterpro/document";
import { addedLines, BASIC_WINDOWS, DLL_SJIS_TABS, FIXTURE_NAMES, fixtureBytes, PREVIOUS, removedLines, skipWithoutSharedFixtures } from "./helpers";

describe("lossless clp.conf round trip (nine real files)", () => {
  before(function () {
    skipWithoutSharedFixtures(this);
  });
  it("has all nine fixtures", () => assert.equal(FIXTURE_NAMES.length, 9));

  for (const name of FIXTURE_NAMES) {
    it(`${name}: unchanged document serializes byte-identically`, () => {
      const bytes = fixtureBytes(name);
      const doc = parseClpConf(bytes);
      assert.equal(doc.reencodable, true, "decode → encode must be lossless for edits to be safe");
      assert.ok(serializeClpConf(doc).equals(bytes));
    });

    it(`${name}: a one-value edit changes exactly one line`, () => {
      const bytes = fixtureBytes(name);
      const doc = parseClpConf(bytes);
      const edited = setValue(doc, "cluster/name", "renamed-cluster");
      const out = serializeClpConf(edited).toString("latin1");
      const before = bytes.toString("latin1");
      assert.equal(removedLines(before, out).length, 1);
      assert.deepEqual(addedLines(before, out).map((l) => l.trim()), ["<name>renamed-cluster</name>"]);
      // Everything before the edited element is byte-identical.
      const at = findElement(doc, "cluster/name")!.start;
      assert.equal(out.slice(0, at), before.slice(0, at));
    });
  }

  it("keeps CRLF line ends when adding elements to the CRLF file", () => {
    const doc = setValue(parseClpConf(fixtureBytes(PREVIOUS)), "group@failover1/start", "0");
    const text = serializeClpConf(doc).toString("latin1");
    assert.ok(text.includes("    <gid>0</gid>\r\n    <start>0</start>\r\n  </group>\r\n"));
    assert.equal(text.replace(/\r\n/g, "").includes("\n"), false, "no bare LF introduced");
  });

  it("keeps tab indentation and ` />` empty-element style of the file", () => {
    const tabs = serializeClpConf(setValue(parseClpConf(fixtureBytes(DLL_SJIS_TABS)), "group@failover/start", "0")).toString("latin1");
    assert.ok(tabs.includes("\t\t<resource name=\"fip@fip\"/>\n\t\t<start>0</start>\n\t</group>"));
    const spaced = serializeClpConf(setValue(parseClpConf(fixtureBytes(BASIC_WINDOWS)), "group@failover/policy@server1/order", "0")).toString("latin1");
    assert.ok(spaced.includes("    <resource name=\"md@md\" />\n    <policy name=\"server1\">\n      <order>0</order>\n    </policy>\n  </group>"));
  });
});
