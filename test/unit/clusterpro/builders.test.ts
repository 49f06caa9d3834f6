import { strict as assert } from "node:assert";
import {
  buildApplicationResource, buildFloatingIp, buildMirrorDisk, buildRegsync, buildScriptResource, buildServiceResource, effectiveDependencies,
} from "../../../provider/clusterpro/builders";
import { MonitorSchema, ResourceSchema } from "../../../provider/clusterpro/model";
import { applyModel } from "../../../provider/clusterpro/patch";
import { readModel } from "../../../provider/clusterpro/read";
import { asCreated, BASIC_WINDOWS, fixture, NEOFACE, skipWithoutSharedFixtures } from "./helpers";

describe("builders", () => {
  it("a floating IP brings its fipw, as in the BasicCluster export", () => {
    const b = buildFloatingIp({ name: "fip", group: "failover", ip: "10.1.1.21" });
    assert.deepEqual(b.resource, { type: "fip", name: "fip", group: "failover", dependsOn: "default", ip: "10.1.1.21" });
    assert.deepEqual(b.monitors, [{ type: "fipw", name: "fipw-fip", target: "fip", relation: { type: "rsc", name: "fip" }, createOnly: ["relation"] }]);
    assert.deepEqual(buildFloatingIp({ name: "f", group: "g", ip: "1.2.3.4", monitor: false }).monitors, []);
  });

  it("a Windows mirror disk brings mdw and mdnw and matches the real export", function () {
    skipWithoutSharedFixtures(this);
    const real = readModel(fixture(BASIC_WINDOWS));
    const b = buildMirrorDisk({
      os: "windows", name: "md", group: "failover", volumeMountPoint: "E", cpVolumeMountPoint: "X",
      mirrorConnects: [{ device: 400 }, { device: 401 }],
      volumes: (real.resources[1] as { volumes: { server: string; volumeGuid: string; cpVolumeGuid: string }[] }).volumes,
      monitors: { mdwName: "mdw1", mdnwName: "mdnw1" },
    });
    assert.deepEqual(asCreated(b.resource), real.resources[1]);
    assert.deepEqual(b.monitors.map(asCreated), real.monitors.filter((m) => m.type === "mdw" || m.type === "mdnw"));
  });

  it("a new monitor gets the product's name (type and lowest free number); one the program named keeps its name", () => {
    const doc = applyModel(fixture(BASIC_WINDOWS), { resources: [buildFloatingIp({ name: "fip2", group: "failover", ip: "10.1.1.22" }).resource], monitors: buildFloatingIp({ name: "fip2", group: "failover", ip: "10.1.1.22" }).monitors }, { validate: false });
    assert.deepEqual(readModel(doc).monitors.filter((m) => m.type === "fipw").map((m) => [m.name, m.target]), [["fipw1", "fip"], ["fipw2", "fip2"]]);
    const named = buildFloatingIp({ name: "fip3", group: "failover", ip: "10.1.1.23", monitor: { name: "fipw-third" } });
    const doc2 = applyModel(doc, { resources: [named.resource], monitors: named.monitors }, { validate: false });
    assert.ok(readModel(doc2).monitors.some((m) => m.name === "fipw-third" && m.target === "fip3"));
    // Applied again: the same names (matched by what they watch), nothing added.
    const again = applyModel(doc2, { monitors: [...buildFloatingIp({ name: "fip2", group: "failover", ip: "10.1.1.22" }).monitors, ...named.monitors] }, { validate: false });
    assert.equal(again.text, doc2.text);
  });

  it("a Linux mirror disk recovers the local server", () => {
    const b = buildMirrorDisk({ os: "linux", name: "md1", group: "g", nmpPath: "/dev/NMP1", mountPoint: "/mnt/md1", dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1", fs: "ext4" });
    assert.deepEqual(b.monitors.map((m) => [m.type, m.name, m.object, m.relation]), [
      ["mdw", "mdw-md1", "md1", { type: "cls", name: "LocalServer" }],
      ["mdnw", "mdnw-md1", "md1", { type: "cls", name: "LocalServer" }],
    ]);
  });

  it("a service resource optionally brings a servicew watching that service", () => {
    assert.deepEqual(buildServiceResource({ name: "s", group: "g", serviceName: "Spooler" }).monitors, []);
    const b = buildServiceResource({ name: "service-iis", group: "g", serviceName: "W3SVC", started: true, monitor: { name: "servicew4" }, dependsOn: ["service-mssql"] });
    assert.deepEqual(b.resource.dependsOn, ["service-mssql"]);
    assert.deepEqual(b.monitors[0], { type: "servicew", name: "servicew4", target: "service-iis", relation: { type: "rsc", name: "service-iis" }, serviceName: "W3SVC", createOnly: ["relation"], onlyIfPresent: ["serviceName"], named: true });
  });

  it("script (Windows) and exec (Linux) resources; exec timeouts follow the +180 rule", () => {
    assert.equal(buildScriptResource({ os: "windows", name: "script-db", group: "g" }).resource.type, "script");
    const exec = buildScriptResource({ os: "linux", name: "exec1", group: "g", startTimeout: 300, stopTimeout: 120 }).resource;
    assert.deepEqual([exec.startPath, exec.stopPath, exec.act, exec.deact], ["start.sh", "stop.sh", { timeout: 480 }, { timeout: 300 }]);
  });

  it("every built object satisfies the model schema", () => {
    const built = [
      buildFloatingIp({ name: "f", group: "g", ip: "1.2.3.4" }),
      buildServiceResource({ name: "s", group: "g", serviceName: "x", monitor: true }),
      buildApplicationResource({ name: "a", group: "g", startPath: "start.bat", stopPath: "stop.bat" }),
      buildScriptResource({ os: "windows", name: "sc", group: "g" }),
      buildRegsync({ name: "regsync", group: "g" }),
    ];
    for (const b of built) {
      assert.equal(ResourceSchema.safeParse(b.resource).success, true, b.resource.type);
      for (const m of b.monitors) assert.equal(MonitorSchema.safeParse(m).success, true, m.type);
    }
  });

  it("built objects can be applied to a real file and read back unchanged", function () {
    skipWithoutSharedFixtures(this);
    const objs = [
      buildServiceResource({ name: "svc-spooler", group: "failover-nfw", serviceName: "Spooler", monitor: true, dependsOn: ["appli-nfwps"] }),
      buildApplicationResource({ name: "appli2", group: "failover-nfw", startPath: "a.bat" }),
      buildScriptResource({ os: "windows", name: "script1", group: "failover-nfw" }),
      buildRegsync({ name: "regsync", group: "failover-nfw" }),
    ];
    const doc = applyModel(fixture(NEOFACE), { resources: objs.map((o) => o.resource), monitors: objs.flatMap((o) => o.monitors) });
    const m = readModel(doc);
    for (const o of objs) assert.deepEqual(m.resources.find((r) => r.name === o.resource.name), asCreated(o.resource));
    assert.equal(m.objectNumber, 28 + 5);
  });

  it("default dependencies follow the type tiers (IP, then storage, then applications)", function () {
    skipWithoutSharedFixtures(this);
    const m = readModel(fixture(BASIC_WINDOWS));
    const svc = buildServiceResource({ name: "s", group: "failover", serviceName: "x" }).resource;
    const members = [...m.resources, svc];
    assert.deepEqual(effectiveDependencies(m.resources[1], members), ["fip"]);
    assert.deepEqual(effectiveDependencies(svc, members), ["fip", "md"]);
    assert.deepEqual(effectiveDependencies(m.resources[0], members), []);
  });
});
