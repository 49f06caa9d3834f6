import { strict as assert } from "node:assert";
import { checkInvariants, Violation } from "../../../provider/clusterpro/invariants";
import { ClusterConfig, MirrorDiskResource } from "../../../provider/clusterpro/model";
import { readModel } from "../../../provider/clusterpro/read";
import { BASIC_WINDOWS, FIXTURE_NAMES, fixture, NEOFACE, skipWithoutSharedFixtures } from "./helpers";

/** A valid two-node Windows mirror cluster to break one rule at a time. */
const valid = (name = BASIC_WINDOWS): ClusterConfig => structuredClone(readModel(fixture(name)));

function expectViolation(config: ClusterConfig, rule: string, path: string, severity: Violation["severity"] = "error"): void {
  const found = checkInvariants(config);
  const hit = found.find((v) => v.rule === rule && v.path === path);
  assert.ok(hit, `expected [${rule}] at ${path}; got ${JSON.stringify(found)}`);
  assert.equal(hit.severity, severity);
  assert.ok(hit.message.length > 0);
}

describe("invariants", () => {
  before(function () {
    skipWithoutSharedFixtures(this);
  });
  for (const name of FIXTURE_NAMES) {
    it(`${name}: no errors in the real file`, () => {
      assert.deepEqual(checkInvariants(readModel(fixture(name))).filter((v) => v.severity === "error"), []);
    });
  }

  it("objectnumber: a stale count is an error naming the expected value", () => {
    const c = valid();
    c.objectNumber = 18;
    expectViolation(c, "objectnumber", "webmgr/client/objectnumber");
    assert.match(checkInvariants(c)[0].message, /19 objects/);
  });

  it("device-id-range: a lan device at 400 is out of range", () => {
    const c = valid();
    c.servers[0].devices!.push({ id: 150, type: "lan", info: "10.9.9.9" });
    expectViolation(c, "device-id-range", "server@server1/device@150");
  });

  it("device-id-consistent: one id, two device types", () => {
    const c = valid();
    c.servers[1].devices!.find((d) => d.id === 1)!.type = "bmc";
    expectViolation(c, "device-id-consistent", "server@server2/device@1");
  });

  it("device-exists: a heartbeat on a device one server lacks", () => {
    const c = valid();
    c.servers[1].devices = c.servers[1].devices!.filter((d) => d.id !== 1);
    expectViolation(c, "device-exists", "heartbeat/lankhb@lankhb2");
  });

  it("gid-sequential: gids 0 and 2", () => {
    const c = valid(NEOFACE);
    c.groups[0].gid = 0;
    c.groups.push({ name: "g2", gid: 2, type: "failover" });
    expectViolation(c, "gid-sequential", "group");
  });

  it("gid-sequential: one group without a gid while others have one", () => {
    const c = valid(NEOFACE);
    c.groups[0].gid = 0;
    c.groups.push({ name: "g2", type: "failover" });
    expectViolation(c, "gid-sequential", "group@g2");
  });

  it("startup-server-exists: a policy names an unknown server", () => {
    const c = valid();
    c.groups[0].startupServers = [{ server: "server1", order: 0 }, { server: "server9", order: 1 }];
    expectViolation(c, "startup-server-exists", "group@failover/policy@server9");
  });

  it("group-wait-exists and group-wait-cycle", () => {
    const c = valid();
    c.groups.push({ name: "g2", startAfter: [{ group: "failover" }] });
    c.groups[0].startAfter = [{ group: "g2" }, { group: "nope" }];
    expectViolation(c, "group-wait-exists", "group@failover/depend/act/depend@nope");
    expectViolation(c, "group-wait-cycle", "group@failover");
  });

  it("resource-membership: a resource no group lists, and a group entry without a resource", () => {
    const c = valid();
    c.resources[0].group = "";
    c.groups[0].resources = ["md@md", "fip@ghost"];
    expectViolation(c, "resource-membership", "resource/fip@fip");
    expectViolation(c, "resource-membership", "group@failover/resource@fip@ghost");
  });

  it("dependency-exists: a missing resource and one in another group", () => {
    const c = valid();
    c.resources[1].dependsOn = ["fip", "nothing"];
    expectViolation(c, "dependency-exists", "resource/md@md/depend@nothing");
    c.groups.push({ name: "other" });
    c.resources[0].group = "other";
    expectViolation(c, "dependency-exists", "resource/md@md/depend@fip");
  });

  it("dependency-cycle: md → fip → md", () => {
    const c = valid();
    c.resources[0].dependsOn = ["md"];
    c.resources[1].dependsOn = ["fip"];
    expectViolation(c, "dependency-cycle", "resource/fip@fip");
    assert.match(checkInvariants(c).find((v) => v.rule === "dependency-cycle")!.message, /fip → md → fip/);
  });

  it("unique-name, name-characters, name-length, server-name-lowercase", () => {
    const c = valid();
    c.monitors[1].name = "userw";
    expectViolation(c, "unique-name", "monitor/fipw@userw");
    c.groups[0].name = "fail/over";
    expectViolation(c, "name-characters", "group@fail/over");
    c.servers[0].name = "Server1";
    expectViolation(c, "server-name-lowercase", "server@Server1");
    c.monitors[2].name = "m".repeat(32);
    expectViolation(c, "name-length", `monitor/mdw@${"m".repeat(32)}`, "warning");
  });

  it("md-mirror-connect: an md uses a device that is not an mdc on every server", () => {
    const c = valid();
    (c.resources[1] as MirrorDiskResource).netdevs![0].device = 402;
    expectViolation(c, "md-mirror-connect", "resource/md@md/parameters/netdev@0");
  });

  it("md-server-exists: volume GUIDs for an unknown server", () => {
    const c = valid();
    (c.resources[1] as MirrorDiskResource).volumes![1].server = "server3";
    expectViolation(c, "md-server-exists", "resource/md@md/server@server3");
  });

  it("fip-unique: the same floating IP twice, and a floating IP equal to a server address", () => {
    const c = valid();
    c.resources.push({ type: "fip", name: "fip2", group: "failover", ip: "10.1.1.21", dependsOn: "default" });
    c.groups[0].resources!.push("fip@fip2");
    expectViolation(c, "fip-unique", "resource/fip@fip2");
    c.resources.push({ type: "fip", name: "fip3", group: "failover", ip: "10.1.1.11", dependsOn: "default" });
    expectViolation(c, "fip-unique", "resource/fip@fip3");
  });

  it("fip-address: a fip without an address is a warning", () => {
    const c = valid();
    delete (c.resources[0] as { ip?: string }).ip;
    expectViolation(c, "fip-address", "resource/fip@fip", "warning");
  });

  it("monitor-reference: unknown recovery target and mdw object that is not an md", () => {
    const c = valid();
    c.monitors[1].relation = { type: "grp", name: "nogroup" };
    expectViolation(c, "monitor-reference", "monitor/fipw@fipw1/relation");
    c.monitors[2].object = "fip";
    expectViolation(c, "monitor-reference", "monitor/mdw@mdw1/parameters/object");
  });

  it("monitor-target: an unknown target is a warning (a real generated file has one)", () => {
    const c = valid();
    c.monitors[1].target = "fip1";
    expectViolation(c, "monitor-target", "monitor/fipw@fipw1/target", "warning");
  });
});
