import { strict as assert } from "node:assert";
import { APPLY_RULES, withinPolicy, worstApplyMethod } from "../../../provider/clusterpro/apply-method";
import { diffConfigs, groupsToRestart } from "../../../provider/clusterpro/diff";
import { setValue } from "../../../provider/clusterpro/document";
import { FipResource } from "../../../provider/clusterpro/model";
import { setGroup, setHeartbeat, setMonitor, setResource, setServer } from "../../../provider/clusterpro/patch";
import { readModel } from "../../../provider/clusterpro/read";
import { BASIC_WINDOWS, CURRENT, FIXTURE_NAMES, fixture, PREVIOUS, skipWithoutSharedFixtures } from "./helpers";

describe("semantic diff with apply methods", () => {
  it("clpcfdiff sample: group failover2 with md2, mdw2, mdnw2, configid and objectnumber", function () {
    skipWithoutSharedFixtures(this);
    const changes = diffConfigs(fixture(PREVIOUS), fixture(CURRENT));
    assert.deepEqual(changes.map((c) => [c.kind, c.path, c.applyMethod, c.groups ?? null]), [
      ["add", "/root/group[@name='failover2']", "suspend", null],
      ["add", "/root/monitor/mdnw[@name='mdnw2']", "suspend", null],
      ["add", "/root/monitor/mdw[@name='mdw2']", "suspend", null],
      ["add", "/root/resource/md[@name='md2']", "group", ["failover2"]],
      ["modify", "/root/trekking/configid", "upload", null],
      ["modify", "/root/webmgr/client/objectnumber", "upload", null],
    ]);
    assert.deepEqual(changes[0].new, { comment: "", "resource[@name='md@md2']": "", gid: "1" });
    assert.equal((changes[3].new as Record<string, string>)["parameters/mddriver/port"], "29052");
    assert.deepEqual([changes[5].old, changes[5].new], ["15", "19"]);
    assert.equal(worstApplyMethod(changes), "group");
    assert.deepEqual(groupsToRestart(changes), ["failover2"]);
  });

  it("the reverse diff reports the removals", function () {
    skipWithoutSharedFixtures(this);
    const changes = diffConfigs(fixture(CURRENT), fixture(PREVIOUS));
    assert.deepEqual(changes.filter((c) => c.kind === "remove").map((c) => c.path), [
      "/root/group[@name='failover2']", "/root/monitor/mdnw[@name='mdnw2']", "/root/monitor/mdw[@name='mdw2']", "/root/resource/md[@name='md2']",
    ]);
  });

  it("diffs two models (managed fields only) the same way", function () {
    skipWithoutSharedFixtures(this);
    const changes = diffConfigs(readModel(fixture(PREVIOUS)), readModel(fixture(CURRENT)));
    assert.deepEqual(changes.map((c) => c.path), [
      "/root/group[@name='failover2']", "/root/monitor/mdnw[@name='mdnw2']", "/root/monitor/mdw[@name='mdw2']",
      "/root/resource/md[@name='md2']", "/root/webmgr/client/objectnumber",
    ]);
  });

  for (const name of FIXTURE_NAMES) {
    it(`${name}: no changes against itself, as documents and as models`, function () {
      skipWithoutSharedFixtures(this);
      assert.deepEqual(diffConfigs(fixture(name), fixture(name)), []);
      assert.deepEqual(diffConfigs(readModel(fixture(name)), fixture(name)), []);
    });
  }

  it("classifies device changes: mirror connect → reboot, interconnect → suspend with manager restart", function () {
    skipWithoutSharedFixtures(this);
    const doc = fixture(BASIC_WINDOWS);
    const m = readModel(doc);
    const s1 = structuredClone(m.servers[0]);
    s1.devices!.find((d) => d.id === 400)!.info = "192.168.1.99";
    const mdc = diffConfigs(doc, setServer(doc, s1));
    assert.deepEqual(mdc.map((c) => [c.path, c.applyMethod]), [
      ["/root/server[@name='server1']/device[@id='400']/info", "reboot"],
      ["/root/server[@name='server1']/device[@id='400']/mdc/info", "reboot"],
    ]);
    const s2 = structuredClone(m.servers[0]);
    s2.devices!.find((d) => d.id === 0)!.info = "10.1.1.99";
    const lan = diffConfigs(doc, setServer(doc, s2));
    assert.deepEqual(lan.map((c) => [c.applyMethod, c.rule, c.extraSteps]), [["suspend", "interconnect-address", ["restart-manager-services"]]]);
  });

  it("classifies resource, group, monitor and heartbeat edits", function () {
    skipWithoutSharedFixtures(this);
    const doc = fixture(BASIC_WINDOWS);
    const m = readModel(doc);
    const fip = diffConfigs(doc, setResource(doc, { ...(m.resources[0] as FipResource), ip: "10.1.1.30" }));
    assert.deepEqual(fip.map((c) => [c.applyMethod, c.groups]), [["group", ["failover"]]]);
    const mdParam = diffConfigs(doc, setValue(doc, "resource/md@md/parameters/volumemountpoint", "F"));
    assert.equal(mdParam[0].applyMethod, "reboot");
    const guid = diffConfigs(doc, setValue(doc, "resource/md@md/server@server2/parameters/volumeguid", "00000000-0000-0000-0000-000000000000"));
    assert.deepEqual(guid.map((c) => [c.applyMethod, c.rule]), [["reboot", "md-parameters"]]);
    const mdRecovery = diffConfigs(doc, setValue(doc, "resource/md@md/deact/action", "5"));
    assert.deepEqual(mdRecovery.map((c) => [c.kind, c.applyMethod, c.groups]), [["add", "group", ["failover"]]]);
    const attr = diffConfigs(doc, setGroup(doc, { name: "failover", autoFailback: true }));
    // A group attribute read when the group next starts or fails over: suspend, the group keeps running (issue 13 item 4).
    assert.deepEqual(attr.map((c) => [c.path, c.applyMethod, c.rule, c.groups ?? null]), [["/root/group[@name='failover']/failback", "suspend", "group-policy", null]]);
    const mon = diffConfigs(doc, setMonitor(doc, { ...m.monitors[1], interval: 30 }));
    assert.deepEqual(mon.map((c) => [c.kind, c.applyMethod]), [["add", "suspend"]]);
    const hb = diffConfigs(doc, setHeartbeat(doc, { ...m.heartbeats[0], priority: 5 }));
    assert.equal(hb[0].applyMethod, "suspend");
    const comment = diffConfigs(doc, setValue(doc, "cluster/comment", "x"));
    assert.deepEqual(comment.map((c) => [c.applyMethod, c.rule]), [["suspend", "comment"]]);
    const name = diffConfigs(doc, setValue(doc, "cluster/name", "x"));
    assert.equal(name[0].applyMethod, "cluster");
    const unknown = diffConfigs(doc, setValue(doc, "pm/exec0/recover", "7"));
    assert.deepEqual(unknown.map((c) => [c.applyMethod, c.rule]), [["cluster", "unknown"]]);
  });

  it("orders apply methods and checks a maxDisruption policy", () => {
    assert.equal(worstApplyMethod([]), undefined);
    assert.equal(worstApplyMethod([{ applyMethod: "suspend" }, { applyMethod: "reboot" }, { applyMethod: "group" }]), "reboot");
    assert.equal(withinPolicy("group", "cluster"), true);
    assert.equal(withinPolicy("reboot", "cluster"), false);
  });

  it("every rule names a source", () => {
    for (const r of APPLY_RULES) assert.ok(r.source.length > 10, r.id);
    assert.equal(new Set(APPLY_RULES.map((r) => r.id)).size, APPLY_RULES.length);
  });
});
