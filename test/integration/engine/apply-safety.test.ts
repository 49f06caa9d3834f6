// The apply path's safety against the lab, in-process (safety issue items 9–14): a failed stop step
// stops the sequence before the push; a failed push restores what the sequence stopped; a failure
// after the push rolls the push back; a group an operator stopped stays stopped; the lock is atomic,
// broken only when stale, and admin-only; the "unchanged since read" check is made right before the push.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseClpConf, readModel } from "../../../provider/clusterpro";
import { parseClpstat } from "../../../provider/clusterpro/clpstat";
import { closeAllHosts } from "../../../provider/engine/connections";
import { clusterFragment, floatingIpFragment, floatingIpRemoval, groupFragment, groupRemoval, mergeFragments, mirrorDiskFragment } from "../../../provider/clusterpro/plan";
import { workDirs } from "../../../provider/engine/sequences";
import { ClusterSession, type ClusterTarget, type Mutation } from "../../../provider/engine/session";
import { runAgent } from "../../../provider/remote/host";
import { WinRmClient } from "../../../provider/remote/winrm";
import type { Lab, LabInfo } from "../../../sim/lab";
import { startWindowsSessionLab } from "../../support/session-lab";

const PASSWORD = "Lab-apply-safety-Pa55";
const SERVERS = ["server01", "server02"];
type Clp = { exitCode: number; stdout: string; stderr: string };

describe("engine apply safety against the lab (items 9–14)", function () {
  this.timeout(60_000);
  let lab: Lab;
  let dir: string;
  let target: ClusterTarget;
  let seen: string[] = [];
  let intercept: ((node: string, argv: string[]) => Clp | undefined) | undefined;

  const interconnects = [{ priority: 1, kind: "kernel" as const, mdc: "mdc1", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }];
  const cluster = (extra: typeof interconnects = []) => clusterFragment({ name: "S", language: "en", os: "windows", servers: SERVERS, interconnects: [...interconnects, ...extra] });
  const group = (name: string, autoStart = true) => groupFragment({ os: "windows", name, autoStart, failover: "auto", failback: "manual", resources: [] });
  const fip = (g: string, name: string, address: string): Mutation => ({ label: `FloatingIp "${name}"`, fragment: floatingIpFragment({ group: g, name, address, monitor: true }), requiresGroups: [g] });
  // Each server's block names its own volumes' GUIDs, as the MirrorDisk resource reads them (the lab refuses an md without).
  const volumes = () => SERVERS.map((s) => ({ server: s, volumeGuid: lab.node(s).volumeGuid("E") as string, cpVolumeGuid: lab.node(s).volumeGuid("D") as string }));
  const md = (): Mutation => ({ label: 'MirrorDisk "md"', fragment: mirrorDiskFragment({ group: "app", name: "md", os: "windows", servers: SERVERS, dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"], monitor: true, volumes: volumes() }), requiresGroups: ["app"] });
  const session = () => new ClusterSession({ ...target });
  const status = () => parseClpstat(lab.cluster.statusText());
  const where = (g: string) => status().groups[g]?.current;
  const conf = () => readModel(parseClpConf(lab.cluster.conf("server01") as Buffer));
  const lockDir = () => workDirs("windows").lock;
  const assertUnlocked = () => assert.equal(lab.node("server01").fs.exists(lockDir()), false, "the lock is released");
  const assertNotSuspended = () => assert.doesNotMatch(lab.cluster.statusText(), /Suspend/, "the cluster is not left suspended");
  const pushesSeen = () => seen.filter((s) => s.startsWith("clpcfctrl --push"));
  let address = 10;
  const nextAppIp = () => `10.0.1.${++address}`;

  before(async () => {
    ({ dir, lab, target } = await startWindowsSessionLab("clusterpro-apply-safety-", PASSWORD, SERVERS));
    const orig = lab.runClp.bind(lab);
    lab.runClp = (node: string, argv: string[]) => {
      seen.push(argv.join(" "));
      return intercept?.(node, argv) ?? orig(node, argv);
    };
    const s = session();
    await Promise.all([
      s.commit({ label: "cluster", fragment: cluster() }),
      s.commit({ label: "app", fragment: group("app") }),
      s.commit({ label: "ops", fragment: group("ops") }),
      s.commit(md()),
      s.commit(fip("app", "fip", nextAppIp())),
      s.commit(fip("ops", "opsip", "10.0.2.1")),
    ]);
    assert.ok(where("app") && where("ops"), lab.cluster.statusText());
  });
  beforeEach(() => {
    seen = [];
    intercept = undefined;
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("item 9: the apply is gated", () => {
    it("a failed stop step (clpgrp -t) stops the sequence before the push; the group stays where it ran", async () => {
      const ran = where("app");
      intercept = (_n, argv) => (argv.join(" ") === "clpgrp -t app" ? { exitCode: 1, stdout: "", stderr: "clpgrp: failed (test)\r\n" } : undefined);
      await assert.rejects(session().commit(fip("app", "fip", nextAppIp())), /server01: clpgrp -t app: .*exit.*1/);
      assert.deepEqual(pushesSeen(), [], "nothing was pushed");
      assert.equal(where("app"), ran);
      assertNotSuspended();
      assertUnlocked();
    });

    it("a failed clpcl --suspend stops the sequence before the push and restarts the group it stopped", async () => {
      const ran = where("app");
      intercept = (_n, argv) => (argv.join(" ") === "clpcl --suspend -a" ? { exitCode: 1, stdout: "", stderr: "clpcl: failed (test)\r\n" } : undefined);
      await assert.rejects(session().commit(fip("app", "fip", nextAppIp())), /server01: clpcl --suspend -a: /);
      assert.deepEqual(pushesSeen(), [], "nothing was pushed");
      assert.equal(where("app"), ran, "the group the sequence stopped runs again where it ran");
      assertUnlocked();
    });

    it("extraSteps restart-manager-services are run (clpcl -r -a --alert/--web/--ib/--api) before the resume", async () => {
      const s = session();
      await s.commit({ label: "cluster", fragment: cluster([{ priority: 2, kind: "kernel" as const, addresses: { server01: "10.0.3.1", server02: "10.0.3.2" } } as never]) });
      const restarts = seen.filter((x) => x.startsWith("clpcl -r"));
      assert.deepEqual(restarts, ["clpcl -r -a --alert", "clpcl -r -a --web", "clpcl -r -a --ib", "clpcl -r -a --api"]);
      assert.ok(seen.indexOf("clpcl -r -a --api") < seen.indexOf("clpcl --resume -a"), seen.join("\n"));
      assert.ok(seen.indexOf(pushesSeen()[0]) < seen.indexOf("clpcl -r -a --alert"), seen.join("\n"));
    });
  });

  describe("item 10: a failed push restores what the sequence stopped", () => {
    it("a failed push restarts the stopped group where it ran and resumes the cluster", async () => {
      const ran = where("app");
      intercept = (_n, argv) => (argv[0] === "clpcfctrl" && argv[1] === "--push" ? { exitCode: 1, stdout: "", stderr: "clpcfctrl: push failed (test)\r\n" } : undefined);
      await assert.rejects(session().commit(fip("app", "fip", nextAppIp())), /server01: clpcfctrl --push -w -x .+?: clpcfctrl exited with 1[\s\S]*started again/);
      assert.equal(where("app"), ran, "the application group runs again");
      assert.equal(status().groups.app?.status, "Online");
      assertNotSuspended();
      assertUnlocked();
    });

    it("a failed push of a removal (destroy) restarts the group it stopped", async () => {
      const ran = where("ops");
      intercept = (_n, argv) => (argv[0] === "clpcfctrl" && argv[1] === "--push" ? { exitCode: 1, stdout: "", stderr: "clpcfctrl: push failed (test)\r\n" } : undefined);
      const removal = groupRemoval({ os: "windows", name: "ops", resources: [] });
      // What FloatingIp's delete commits (its fipw is named as the product names it, so it goes by what it watches).
      const opsip = { label: 'FloatingIp "opsip"', fragment: floatingIpRemoval({ group: "ops", name: "opsip", address: "10.0.2.1", monitor: true }) };
      const s = session();
      await assert.rejects(Promise.all([s.commit({ label: "ops", fragment: removal.remove ? { remove: removal.remove } : removal }), s.commit(opsip)]), /clpcfctrl --push/);
      assert.ok(conf().groups.some((g) => g.name === "ops"), "the group is still configured");
      assert.equal(where("ops"), ran, "the group the destroy stopped runs again where it ran");
      assertNotSuspended();
      assertUnlocked();
    });
  });

  describe("item 11: a failure after the push leaves no configuration Pulumi does not know", () => {
    it("a new group that fails to start: the push is rolled back; a re-run converges; removal converges", async () => {
      // The new group's floating IP is already in use on the network: its start fails.
      for (const n of SERVERS) lab.node(n).activeAddresses.add("10.0.4.1");
      const s = session();
      const newGroup = () => [s.commit({ label: "newg", fragment: group("newg") }), s.commit(fip("newg", "newip", "10.0.4.1"))];
      await assert.rejects(Promise.all(newGroup()), /server01: clpgrp -s newg -h server0[12]: [\s\S]*rolled back/);
      assert.equal(conf().groups.some((g) => g.name === "newg"), false, "the configuration Pulumi was told failed is not left on the cluster");
      assert.ok(where("app") && where("ops"), "the other groups still run");
      assertNotSuspended();
      assertUnlocked();
      // The fault goes away: a re-run converges.
      for (const n of SERVERS) lab.node(n).activeAddresses.delete("10.0.4.1");
      await Promise.all(newGroup());
      assert.ok(where("newg"), "the new group runs");
      // Removed from the program: removed from the cluster.
      await s.commit({ label: "newg", fragment: mergeFragments([floatingIpRemoval({ group: "newg", name: "newip", address: "10.0.4.1", monitor: true }), { remove: { groups: ["newg"] } }]) });
      assert.equal(conf().groups.some((g) => g.name === "newg"), false);
    });
  });

  describe("item 12: up never starts a group an operator stopped", () => {
    it("a group stopped on purpose stays stopped; a group moved by hand comes back where it ran", async () => {
      assert.equal(lab.runClp("server01", ["clpgrp", "-t", "ops"]).exitCode, 0);
      const other = where("app") === "server01" ? "server02" : "server01";
      assert.equal(lab.runClp("server01", ["clpgrp", "-m", "app", "-a", other]).exitCode, 0);
      seen = [];
      const s = session();
      await Promise.all([s.commit(fip("ops", "opsip", "10.0.2.2")), s.commit(fip("app", "fip", nextAppIp()))]);
      assert.equal(where("ops"), undefined, "the group the operator stopped is still stopped");
      assert.deepEqual(seen.filter((x) => x.startsWith("clpgrp -s ops")), []);
      assert.equal(where("app"), other, "restarted where it ran");
      assert.equal(lab.runClp("server01", ["clpgrp", "-s", "ops"]).exitCode, 0);
    });
  });

  describe("item 13: the lock", () => {
    it("lives in a folder only administrators can write (not a temp folder)", () => {
      assert.doesNotMatch(workDirs("windows").lock, /^C:\\Windows\\Temp\\/i);
      assert.doesNotMatch(workDirs("linux").lock, /^\/(var\/)?tmp\//);
      assert.match(workDirs("windows").lock, /^C:\\Program Files\\CLUSTERPRO\\/);
      assert.match(workDirs("linux").lock, /^\/opt\/nec\/clusterpro\//);
    });

    const plantLock = (owner: string, ageMs: number) => {
      const fsys = lab.node("server01").fs;
      fsys.mkdir(lockDir());
      fsys.writeFile(`${lockDir()}\\owner`, Buffer.from(owner));
      (fsys.stat(lockDir()) as { mtimeMs: number }).mtimeMs = Date.now() - ageMs;
      (fsys.stat(`${lockDir()}\\owner`) as { mtimeMs: number }).mtimeMs = Date.now() - ageMs;
    };

    it("an empty owner is stale after the time-out, measured from the lock folder's time", async () => {
      plantLock("", 31 * 60_000);
      await session().commit(fip("app", "fip", nextAppIp()));
      assertUnlocked();
    });

    it("a far-future date in the owner is not trusted: the folder's time decides", async () => {
      plantLock("someone 2999-01-01T00:00:00.000Z", 31 * 60_000);
      await session().commit(fip("app", "fip", nextAppIp()));
      assertUnlocked();
    });

    it("lock.acquire takes the lock with its owner in one step, refuses a fresh lock with any owner, and lock.release releases only its own", async () => {
      const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
      const host = new WinRmClient({ name: "server01", host: "127.0.0.1", port: info.nodes[0].winrm!.httpPort, auth: { type: "ntlm", username: "Administrator", password: PASSWORD } });
      try {
        const lock = lockDir();
        const [a, b, rOther, rOwn] = await runAgent(host, [
          { op: "lock.acquire", path: lock, owner: "stack-A", staleAfterSec: 1800 },
          { op: "lock.acquire", path: lock, owner: "stack-B", staleAfterSec: 1800 },
          { op: "lock.release", path: lock, owner: "stack-B" },
          { op: "lock.release", path: lock, owner: "stack-A" },
        ] as never);
        assert.ok(a.ok, JSON.stringify(a));
        assert.ok(!b.ok && b.error.code === "locked" && /stack-A/.test(b.error.message), JSON.stringify(b));
        assert.ok(rOther.ok && (rOther.value as { released: boolean }).released === false, JSON.stringify(rOther));
        assert.ok(rOwn.ok && (rOwn.value as { released: boolean }).released === true, JSON.stringify(rOwn));
        assertUnlocked();
        plantLock("garbage that is not an owner", 5_000);
        const [c] = await runAgent(host, [{ op: "lock.acquire", path: lock, owner: "stack-C", staleAfterSec: 1800 }] as never);
        assert.ok(!c.ok && c.error.code === "locked", "a fresh lock is not broken, whatever its owner says");
        lab.node("server01").fs.remove(lock, true);
      } finally {
        await host.close();
      }
    });

    it("is released when the apply fails in the middle (owner checked)", async () => {
      let once = false;
      intercept = (_n, argv) => (argv.join(" ") === "clpcl --resume -a" && !once ? ((once = true), { exitCode: 1, stdout: "", stderr: "resume failed (test)\r\n" }) : undefined);
      await assert.rejects(session().commit(fip("app", "fip", nextAppIp())));
      intercept = undefined;
      assertUnlocked();
      assertNotSuspended();
    });
  });

  describe("item 14: no lost update", () => {
    it("an edit made after the check began (during the stop steps) is never overwritten", async () => {
      const ran = where("app");
      let edited = false;
      intercept = (node, argv) => {
        if (edited || argv.join(" ") !== "clpcl --suspend -a") return undefined;
        // Our suspend runs, then someone applies a comment from the WebUI while the cluster is suspended.
        const r = lab.cluster.exec(node, argv);
        const bytes = lab.cluster.conf("server01") as Buffer;
        lab.node("server01").fs.mkdir("C:\\webui");
        const edited1 = bytes.toString("latin1").replace(/<comment\/>|<comment>[^<]*<\/comment>/, "<comment>edited in the WebUI meanwhile</comment>");
        assert.notEqual(edited1, bytes.toString("latin1"), "the test edits something");
        lab.node("server01").fs.writeFile("C:\\webui\\clp.conf", Buffer.from(edited1, "latin1"));
        assert.equal(lab.cluster.exec("server01", ["clpcfctrl", "--push", "-w", "-x", "C:\\webui"]).exitCode, 0);
        edited = true;
        return r;
      };
      await assert.rejects(session().commit(fip("app", "fip", nextAppIp())), /clp\.conf changed on the cluster since it was read/);
      assert.ok(edited);
      assert.match((lab.cluster.conf("server01") as Buffer).toString("latin1"), /edited in the WebUI meanwhile/, "the other edit survives");
      assert.equal(where("app"), ran, "the group the sequence stopped runs again");
      assertNotSuspended();
      assertUnlocked();
    });
  });
});
