// The per-cluster session against a lab, without the Pulumi engine: group commit (several
// resources, one push), the maxDisruption policy, the optimistic check (clp.conf changed behind
// our back: nothing is pushed) and the cluster-wide lock (a second applier waits for the first).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { closeAllHosts } from "../../../provider/engine/connections";
import * as iconv from "iconv-lite";
import { clusterFragment, floatingIpFragment, groupFiles, groupFragment } from "../../../provider/clusterpro/plan";
import { workDirs } from "../../../provider/engine/sequences";
import { ClusterSession, type ClusterTarget } from "../../../provider/engine/session";
import { ConnectionSchema } from "../../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../../sim/lab";

const PASSWORD = "Lab-session-Pa55";

describe("engine session against the lab", function () {
  this.timeout(120_000);
  let lab: Lab;
  let dir: string;
  let target: ClusterTarget;

  const cluster = () => clusterFragment({ name: "S", language: "en", os: "windows", servers: ["server01", "server02"], interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] });
  const group = (name: string) => groupFragment({ os: "windows", name, autoStart: true, failover: "auto", failback: "manual", resources: [] });
  const fip = (address: string) => floatingIpFragment({ group: "g1", name: "fip", address, monitor: true });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-session-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }], username: "Administrator", password: PASSWORD });
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
    target = {
      clusterName: "S",
      os: "windows",
      maxDisruption: "group",
      nodes: info.nodes.map((n) => ({
        name: n.name,
        connection: ConnectionSchema.parse({ transport: "winrm", host: "127.0.0.1", port: n.winrm!.httpPort, https: false, username: n.username, password: PASSWORD }),
      })),
    };
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("joins concurrent mutations into one commit: one push for the cluster, two groups and a floating IP", async () => {
    const s = new ClusterSession({ ...target });
    const outcomes = await Promise.all([
      s.commit({ label: "fip", fragment: fip("10.0.0.100"), requiresGroups: ["g1"] }),
      s.commit({ label: "g1", fragment: group("g1") }),
      s.commit({ label: "cluster", fragment: cluster() }),
      s.commit({ label: "g2", fragment: group("g2") }),
    ]);
    assert.deepEqual(outcomes.map((o) => o.applyMethod), ["initial", "initial", "initial", "initial"]);
    assert.equal(lab.cluster.pushes(), 1);
    assert.match(lab.cluster.statusText(), /g1 \.+: Online/);
  });

  it("refuses a change more disruptive than maxDisruption, before touching the cluster", async () => {
    const s = new ClusterSession({ ...target, maxDisruption: "suspend" });
    const pushes = lab.cluster.pushes();
    await assert.rejects(s.commit({ label: "fip", fragment: fip("10.0.0.101"), requiresGroups: ["g1"] }), /needs apply method "group", more disruptive than maxDisruption "suspend"/);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("a refused batch gives its reason once: the first resource has it, the others say they were not applied", async () => {
    const s = new ClusterSession({ ...target, maxDisruption: "suspend" });
    const pushes = lab.cluster.pushes();
    const results = await Promise.allSettled([s.commit({ label: "fip", fragment: fip("10.0.0.102"), requiresGroups: ["g1"] }), s.commit({ label: "g7", fragment: group("g7") })]);
    const reasons = results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "applied"));
    assert.match(reasons[0], /needs apply method "group", more disruptive than maxDisruption "suspend"/);
    assert.equal(reasons[1], "g7: not applied: the commit it joined failed (the reason is reported for fip)");
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("refuses to push when clp.conf changed since it was read (e.g. through the WebUI)", async () => {
    const s = new ClusterSession({ ...target });
    await s.read();
    // Someone else pushes a configuration in between.
    const bytes = lab.cluster.conf("server01") as Buffer;
    lab.node("server01").fs.mkdir("C:\\webui");
    lab.node("server01").fs.writeFile("C:\\webui\\clp.conf", Buffer.from(bytes.toString("latin1").replace("<comment/>", "<comment>edited in the WebUI</comment>"), "latin1"));
    for (const argv of [["clpcl", "--suspend", "-a"], ["clpcfctrl", "--push", "-w", "-x", "C:\\webui"], ["clpcl", "--resume", "-a"]]) assert.equal(lab.runClp("server01", argv).exitCode, 0, argv.join(" "));
    const pushes = lab.cluster.pushes();
    await assert.rejects(s.commit({ label: "g3", fragment: group("g3") }), /clp\.conf changed on the cluster since it was read/);
    assert.equal(lab.cluster.pushes(), pushes, "nothing was pushed");
    assert.equal(lab.node("server01").fs.exists(workDirs("windows").lock), false, "the lock was released");
    // Re-reading and applying again converges (and keeps the other change).
    await s.commit({ label: "g3", fragment: group("g3") });
    assert.match((lab.cluster.conf("server01") as Buffer).toString("latin1"), /edited in the WebUI[\s\S]*<group name="g3">/);
  });

  it("pushes script resources' scripts to every server and synchronizes registry keys", async () => {
    const s = new ClusterSession({ ...target });
    lab.node("server01").registry?.set("HKLM\\SOFTWARE\\Acme\\Spool", { name: "Dir", type: "REG_SZ", data: "E:\\spool" });
    const g = { os: "windows" as const, name: "g5", startupServers: ["server01", "server02"], autoStart: true, failover: "auto" as const, failback: "manual" as const,
      resources: [
        { type: "script" as const, name: "script5", start: "echo start ローカル", stop: "echo stop" },
        { type: "registrySync" as const, name: "regsync5", keys: ["HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme"] },
      ] };
    await s.commit({ label: "g5", fragment: groupFragment(g), files: groupFiles(g) });
    const conf = (lab.cluster.conf("server01") as Buffer).toString("latin1");
    assert.match(conf, /<regsync name="regsync5">[\s\S]*<key id="0">HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme<\/key>/);
    for (const n of ["server01", "server02"]) {
      const start = lab.node(n).fs.readFile("C:\\Program Files\\CLUSTERPRO\\scripts\\g5\\script5\\start.bat");
      assert.equal(iconv.decode(start, "cp932"), "echo start ローカル\r\n", `${n} has the start script, in the console's code page`);
    }
    assert.ok(lab.node("server01").runLog.some((r) => r.path.endsWith("\\scripts\\g5\\script5\\start.bat")), "the group's start ran the script");
    assert.equal(lab.node("server02").registry?.get("HKLM\\SOFTWARE\\Acme\\Spool", "Dir")?.data, "E:\\spool", "the key reached the standby");
    // Changing only a script still pushes (clp.conf is the same), and keeps the other group's scripts.
    const pushes = lab.cluster.pushes();
    const changed = { ...g, resources: [{ ...g.resources[0], start: "echo start v2" }, g.resources[1]] };
    const outcome = await s.commit({ label: "g5", fragment: groupFragment(changed), files: groupFiles(changed) });
    assert.equal(outcome.applyMethod, "suspend");
    assert.equal(lab.cluster.pushes(), pushes + 1);
    assert.equal(lab.node("server02").fs.readFile("C:\\Program Files\\CLUSTERPRO\\scripts\\g5\\script5\\start.bat").toString(), "echo start v2\r\n");
  });

  it("adopts an existing group that matches, and refuses one that differs unless adopt: true", async () => {
    const groupProvider = require("../../../provider/resources/failover-group") as typeof import("../../../provider/resources/failover-group");
    const inputs = (extra: Record<string, unknown>) => ({
      clusterName: "S", serverOs: "windows", servers: ["server01", "server02"], maxDisruption: "group",
      connections: target.nodes.map((n) => ({ name: n.name, connection: { ...n.connection } })),
      name: "g1", autoStart: true, failover: "auto", failback: "manual", resources: [], ...extra,
    });
    const pushes = lab.cluster.pushes();
    const same = await groupProvider.create(inputs({}));
    assert.equal(same.outs.applyMethod, "none", "an identical group is adopted without a push");
    await assert.rejects(groupProvider.create(inputs({ failover: "manual" })), /already has a group named g1 that differs from this program:[\s\S]*failover[\s\S]*Set adopt: true/);
    assert.equal(lab.cluster.pushes(), pushes);
    const adopted = await groupProvider.create(inputs({ failover: "manual", adopt: true }));
    assert.notEqual(adopted.outs.applyMethod, "none");
    assert.match((lab.cluster.conf("server01") as Buffer).toString("latin1"), /<group name="g1">[\s\S]*?<failover>0<\/failover>/);
  });

  it("keeps the parents' plans a child carries through check (so a child can create a missing cluster or group)", async () => {
    const fip = require("../../../provider/resources/floating-ip") as typeof import("../../../provider/resources/floating-ip");
    const bootstrap = { cluster: { name: "S", language: "en", os: "windows", servers: ["server01", "server02"], interconnects: [] }, group: { name: "g9" } };
    const checked = await fip.check({}, {
      clusterName: "S", serverOs: "windows", servers: ["server01", "server02"], maxDisruption: "group",
      connections: target.nodes.map((n) => ({ name: n.name, connection: { ...n.connection } })),
      group: "g9", name: "fip9", address: "10.0.0.109", bootstrap,
    });
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs?.bootstrap, bootstrap);
  });

  it("waits for another applier's lock, then applies", async () => {
    const lock = workDirs("windows").lock;
    lab.node("server01").fs.mkdir(lock);
    lab.node("server01").fs.writeFile(`${lock}\\owner`, Buffer.from(`other-stack ${new Date().toISOString()}`));
    const s = new ClusterSession({ ...target });
    const started = Date.now();
    setTimeout(() => lab.node("server01").fs.remove(lock, true), 1500);
    await s.commit({ label: "g4", fragment: group("g4") });
    assert.ok(Date.now() - started >= 1400, "it waited for the lock");
    assert.match((lab.cluster.conf("server01") as Buffer).toString("latin1"), /<group name="g4">/);
  });
  it("records the stack that applies; a second stack is refused with who manages the cluster, until its Cluster says adopt", async () => {
    const owner = workDirs("windows").owner;
    const first = new ClusterSession({ ...target, stack: "proj/first" });
    await first.commit({ label: "g4", fragment: group("g4") });
    assert.equal(lab.node("server01").fs.readFile(owner).toString("utf8").trim(), "proj/first", "recorded with the push");
    const second = new ClusterSession({ ...target, stack: "proj/second" });
    const pushes = lab.cluster.pushes();
    await assert.rejects(second.commit({ label: "g5", fragment: group("g5") }), /cluster S is managed by another Pulumi stack, proj\/first \(recorded in .*owner on server01\).*set adopt: true on this program's Cluster/);
    await assert.rejects(second.commit({ label: "g4", fragment: { remove: { groups: ["g4"] } } }), /managed by another Pulumi stack, proj\/first/, "nor may it remove");
    assert.equal(lab.cluster.pushes(), pushes, "the second stack changed nothing");
    // Taking over (the Cluster's adopt: true): the commit goes through and records the new manager, even with nothing to push.
    const taking = new ClusterSession({ ...target, stack: "proj/second", takeOver: true });
    await taking.commit({ label: "g4", fragment: group("g4") });
    assert.equal(lab.node("server01").fs.readFile(owner).toString("utf8").trim(), "proj/second");
    assert.equal(lab.cluster.pushes(), pushes, "nothing to push: only the record changed");
    first.invalidate();
    await assert.rejects(first.commit({ label: "g6", fragment: group("g6") }), /managed by another Pulumi stack, proj\/second/);
  });
  describe("the deferred path (the cluster's Apply)", () => {
    const fipOf = (group: string, name: string, address: string) => floatingIpFragment({ group, name, address, monitor: true });

    it("stages any number of objects, whatever order they arrive in, and pushes them once; a second Apply pushes nothing", async () => {
      const s = new ClusterSession({ ...target });
      const before = lab.cluster.pushes();
      const wishes = [
        // The floating IP arrives before its group: staging never waits for what an object builds on.
        { label: "fipd", fragment: fipOf("d1", "fipd", "10.0.0.121"), requiresGroups: ["d1"] },
        ...Array.from({ length: 12 }, (_, i) => ({ label: `d${i + 1}`, fragment: group(`d${i + 1}`) })),
        { label: "cluster", fragment: cluster() },
      ];
      for (const w of wishes) s.declare(w);
      await Promise.all(wishes.map((w) => s.stage(w)));
      assert.equal(lab.cluster.pushes(), before, "staging pushes nothing");
      const first = await s.applyDeferred({});
      assert.equal(lab.cluster.pushes(), before + 1, "one push for all of them");
      assert.notEqual(first.outcome.applyMethod, "none");
      assert.deepEqual([...first.labels].sort(), wishes.map((w) => w.label).sort());
      const conf = (lab.cluster.conf("server01") as Buffer).toString("latin1");
      for (let i = 1; i <= 12; i++) assert.match(conf, new RegExp(`<group name="d${i}">`));
      // The next run: the same wishes, nothing staged, the ledger of the first Apply: nothing pending, nothing pushed.
      const next = new ClusterSession({ ...target });
      for (const w of wishes) next.declare(w);
      assert.deepEqual(next.pendingLabels(first.applied), []);
      const again = await next.applyDeferred(first.applied);
      assert.equal(again.outcome.applyMethod, "none");
      assert.equal(lab.cluster.pushes(), before + 1);
      // A changed wish is pending against that ledger.
      next.declare({ label: "fipd", fragment: fipOf("d1", "fipd", "10.0.0.122"), requiresGroups: ["d1"] });
      assert.deepEqual(next.pendingLabels(first.applied), ["fipd"]);
    });

    it("re-pushes, on the next run, what a failed Apply left out (the ledger is not advanced), and says which objects", async () => {
      const s = new ClusterSession({ ...target });
      const wish = { label: "fipe", fragment: fipOf("d2", "fipe", "10.0.0.123"), requiresGroups: ["d2"] };
      const orphan = { label: "fipx", fragment: fipOf("nosuch", "fipx", "10.0.0.124"), requiresGroups: ["nosuch"] };
      for (const w of [wish, orphan]) {
        s.declare(w);
        await s.stage(w);
      }
      const pushes = lab.cluster.pushes();
      await assert.rejects(s.applyDeferred({}), /^Error: fipx: what it builds on \(group nosuch\) does not exist in cluster S .* \(cluster S: fipe, fipx not recorded as applied; the next up pushes them again\)/);
      // Next run: the fixed program (no orphan); the object's own state says created, but the ledger has no digest for it.
      const next = new ClusterSession({ ...target });
      next.declare(wish);
      assert.deepEqual(next.pendingLabels({}), ["fipe"]);
      await next.applyDeferred({});
      assert.ok(lab.cluster.pushes() > pushes);
      assert.match((lab.cluster.conf("server01") as Buffer).toString("latin1"), /10\.0\.0\.123/);
    });

    it("an install whose group comes with the run: one push that leaves the group stopped, the steps, then the group starts; failed steps leave it stopped and the next Apply finishes", async () => {
      const seen: { prepared: number; active?: string; online?: string } = { prepared: 0 };
      let fail = true;
      const install = {
        label: "install",
        fragment: fipOf("h1", "fiph", "10.0.0.125"),
        requiresGroups: ["h1"],
        onlineSteps: {
          key: "steps",
          prepare: async () => void seen.prepared++,
          run: async (session: ClusterSession, active?: string) => {
            seen.active = active;
            seen.online = (await session.read()).status.groups.h1?.current;
            if (fail) throw new Error("install: the steps failed");
          },
        },
      };
      const wishes = [{ label: "h1", fragment: group("h1") }, install];
      const s = new ClusterSession({ ...target });
      for (const w of wishes) {
        s.declare(w);
        await s.stage(w);
      }
      const pushes = lab.cluster.pushes();
      await assert.rejects(s.applyDeferred({}), /^Error: install: the steps failed \(group h1 stays stopped\) \(cluster S: h1, install not recorded as applied; the next up runs them again\)/);
      assert.equal(lab.cluster.pushes(), pushes + 1, "one push");
      assert.deepEqual(seen, { prepared: 1, active: "server01", online: undefined }, "prepared before the push; the steps ran for server01 with the group not started");
      assert.match(lab.cluster.statusText(), /h1 \.+: Offline/);
      // The next run: nothing to push, the steps again, then the group starts where they ran.
      fail = false;
      const next = new ClusterSession({ ...target });
      for (const w of wishes) next.declare(w);
      const done = await next.applyDeferred({});
      assert.equal(done.outcome.applyMethod, "none");
      assert.equal(lab.cluster.pushes(), pushes + 1);
      assert.equal(seen.prepared, 2);
      assert.match(lab.cluster.statusText(), /h1 \.+: Online\s*\r?\n\s+current +: server01/);
    });

    it("a manual-start group held for an install: the steps run on its first startup server, then it is left stopped", async () => {
      let active: string | undefined;
      const install = {
        label: "install-m",
        fragment: fipOf("m1", "fipm", "10.0.0.126"),
        requiresGroups: ["m1"],
        onlineSteps: { key: "steps", prepare: async () => undefined, run: async (_s: ClusterSession, a?: string) => void (active = a) },
      };
      const manual = groupFragment({ os: "windows", name: "m1", autoStart: false, failover: "auto", failback: "manual", resources: [] });
      const s = new ClusterSession({ ...target });
      for (const w of [{ label: "m1", fragment: manual }, install]) {
        s.declare(w);
        await s.stage(w);
      }
      await s.applyDeferred({});
      assert.equal(active, "server01");
      assert.match(lab.cluster.statusText(), /m1 \.+: Offline/);
    });

    it("commits instead of staging once the Apply has begun (an object declared late is never left unpushed)", async () => {
      const s = new ClusterSession({ ...target });
      assert.equal(s.defers, true);
      await s.applyDeferred({});
      assert.equal(s.defers, false);
    });
  });
});
