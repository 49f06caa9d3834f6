// Monitor tuning as program inputs: interval, timeout, retries, recovery target and final action
// land in the monitor's clp.conf fields (also of an adopted monitor), nothing else changes, and
// refresh reads back exactly the fields the program declared.
import { strict as assert } from "node:assert";
import { applyModel, parseClpConf, readModel, serializeClpConf } from "../../../provider/clusterpro";
import { actualSetting } from "../../../provider/clusterpro/monitor-tuning";
import { floatingIpFragment, mirrorDiskFragment } from "../../../provider/clusterpro/plan";
import { FloatingIpArgsSchema } from "../../../sdk/schemas/cluster";
import { BASIC_WINDOWS, fixtureBytes, skipWithoutSharedFixtures } from "./helpers";

describe("monitor tuning", () => {
  it("writes the declared fields with the product's final-action codes and recovery targets", () => {
    const f = floatingIpFragment({ group: "g1", name: "fip1", address: "10.0.0.9", monitor: { intervalSeconds: 30, timeoutSeconds: 90, retries: 2, recoveryTarget: "group", finalAction: "stopClusterService" } });
    const m = f.monitors![0];
    assert.deepEqual([m.interval, m.timeout, m.retry, m.finalAction, m.relation], [30, 90, 2, 3, { type: "grp", name: "g1" }]);
    assert.ok(!(m.createOnly ?? []).includes("relation"), "a declared recovery target is written into an existing monitor too");
    const md = mirrorDiskFragment({ group: "g1", name: "md1", os: "linux", servers: ["a", "b"], dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1", mirrorConnects: ["mdc1"], mountPoint: "/mnt/md1", fileSystem: "ext4", monitor: { recoveryTarget: "resource", finalAction: "none" } });
    assert.deepEqual(md.monitors!.map((x) => [x.type, x.relation, x.finalAction]), [["mdw", { type: "rsc", name: "md1" }, 1], ["mdnw", { type: "rsc", name: "md1" }, 1]]);
  });

  it("refuses an out-of-range or unknown setting with the field's path", () => {
    const r = FloatingIpArgsSchema.safeParse({ name: "f", address: "10.0.0.9", monitor: { intervalSeconds: 0, finalAction: "explode" } });
    assert.equal(r.success, false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    assert.ok(paths.includes("monitor.intervalSeconds") && paths.includes("monitor.finalAction"), paths.join(", "));
  });

  it("tunes an adopted WebUI monitor in place (fipw1 keeps its name); without tuning it is left as it is", function () {
    skipWithoutSharedFixtures(this);
    const bytes = fixtureBytes(BASIC_WINDOWS);
    const untuned = applyModel(parseClpConf(bytes), floatingIpFragment({ group: "failover", name: "fip", address: "10.1.1.21", monitor: true }), { validate: false });
    assert.ok(serializeClpConf(untuned).equals(bytes));
    const doc = applyModel(parseClpConf(bytes), floatingIpFragment({ group: "failover", name: "fip", address: "10.1.1.21", monitor: { intervalSeconds: 15, recoveryTarget: "group" } }), { validate: false });
    const fipw = readModel(doc).monitors.filter((m) => m.type === "fipw");
    assert.deepEqual(fipw.map((m) => [m.name, m.interval, m.relation]), [["fipw1", 15, { type: "grp", name: "failover" }]]);
    assert.deepEqual(actualSetting({ intervalSeconds: 60, recoveryTarget: "resource" }, fipw[0], "failover"), { intervalSeconds: 15, recoveryTarget: "group" }, "refresh shows the drift in the declared shape");
    assert.equal(actualSetting(true, fipw[0], "failover"), true);
    assert.equal(actualSetting(true, undefined, "failover"), false);
  });
});
