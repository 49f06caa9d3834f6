// `clusterpro-lab start --conf FILE` and `clusterpro-lab load FILE` with the nine real clp.conf files (Windows and
// Linux; SJIS, EUC-JP and ASCII; CRLF; tabs; objects the lab does not model): each starts a lab whose nodes are the
// file's servers, every node holds the file's exact bytes, status lists its groups and they run where a real cluster
// would start them. A file whose servers are not the lab's nodes is refused and changes nothing; a push the running
// cluster cannot take is refused with the lab's message. Driven through the compiled bin; every lab this file starts
// is stopped by its PID when its test ends (also on failure), and after() kills any that is left.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readConf, startupServers } from "../../../sim/cluster/conf";
import { clpconfFixturesDir, repoRoot, skipWithoutSharedFixtures } from "../../support/paths";
import { runLabCli } from "../../support/lab-cli";

const FILES: string[] = clpconfFixturesDir ? fs.readdirSync(clpconfFixturesDir).filter((f) => f.endsWith(".conf")).sort() : [];
const PREVIOUS = "EXPRESSCLUSTER_clpcfdiff__conf_01_previous_clp.conf";
const CURRENT = "EXPRESSCLUSTER_clpcfdiff__conf_02_current_clp.conf";
const BASIC_WINDOWS = "EXPRESSCLUSTER_BasicCluster__X41_Win_conf_2nodesMirror_clp.conf";
const NEOFACE = "EXPRESSCLUSTER_NeoFace__config_NeoFace-Watch_clp.conf";
const TEMPLATE = "EXPRESSCLUSTER_CreateClusterOnLinux__template_scripts_clpcreate_v2_clp.conf";

/** Groups a real cluster could not start either: the generator template's management group has a fip without an address. */
const NOT_STARTING: Record<string, Record<string, RegExp>> = {
  [TEMPLATE]: { managegroup1: /fip2: no parameters\/ip/ },
};

const lab = runLabCli;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const fixture = (name: string) => path.join(clpconfFixturesDir as string, name);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the lab running in `dir` by the PID in its control.json (its saved state is not needed); answers that PID. */
function killLab(dir: string): number | undefined {
  const control = path.join(dir, "control.json");
  if (!fs.existsSync(control)) return undefined;
  const { pid } = JSON.parse(fs.readFileSync(control, "utf8")) as { pid: number };
  if (alive(pid)) process.kill(pid, "SIGKILL");
  return pid;
}

describe("clusterpro-lab start --conf / load: the real clp.conf files", function () {
  this.timeout(240_000);
  let root = "";
  const dirs: string[] = [];
  let n = 0;
  const newDir = () => {
    const d = path.join(root, `lab${++n}`);
    dirs.push(d);
    return d;
  };
  const at = (dir: string, ...args: string[]) => lab(["--dir", dir, ...args]);
  const ok = async (dir: string, ...args: string[]) => {
    const r = await at(dir, ...args);
    assert.equal(r.code, 0, `clusterpro-lab ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  /** Stops the lab in `dir` by its PID and waits until the process is gone. */
  const stop = async (dir: string) => {
    const pid = killLab(dir);
    for (let i = 0; pid !== undefined && alive(pid) && i < 250; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(pid === undefined || !alive(pid), `the lab (pid ${pid}) stopped`);
    fs.rmSync(path.join(dir, "control.json"), { force: true });
  };
  const confBytes = async (dir: string, node: string) => {
    const r = await at(dir, "conf", node);
    assert.equal(r.code, 0, `conf ${node} exited ${r.code}: ${r.stdout}${r.stderr}`);
    return r.raw;
  };

  before(function () {
    skipWithoutSharedFixtures(this);
    assert.ok(fs.existsSync(path.join(repoRoot, "dist", "sim", "cli.js")), "dist/ is missing: run npm run build (npm test does)");
    root = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-lab-load-"));
  });
  after(() => {
    for (const d of dirs) killLab(d);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const name of FILES) {
    it(`${name}: start --conf runs it on the file's servers, byte for byte`, async () => {
      const bytes = fs.readFileSync(fixture(name));
      const conf = readConf(bytes); // the lab's own reader: the expected servers and groups
      const dir = newDir();
      try {
        const out = await ok(dir, "start", "--conf", fixture(name));
        const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as { nodes: { name: string; os: string }[] };
        assert.deepEqual(
          info.nodes.map((x) => `${x.name}:${x.os}`).sort(),
          conf.servers.map((s) => `${s.name}:${conf.os}`).sort(),
          "the nodes are the file's servers with the OS of all/serveros",
        );
        const [status, ...copies] = await Promise.all([ok(dir, "status"), ...conf.servers.map((s) => confBytes(dir, s.name))]);
        conf.servers.forEach((s, i) => assert.ok(copies[i].equals(bytes), `conf ${s.name} prints the file's exact bytes`));
        for (const g of conf.groups) {
          const refused = NOT_STARTING[name]?.[g.name];
          if (refused) {
            assert.match(out, new RegExp(`^group ${esc(g.name)}: could not start: .*${refused.source}`, "m"));
            assert.match(status, new RegExp(`^ {4}${esc(g.name)} \\.*: (Offline|Online Failure)`, "m"));
            continue;
          }
          const home = startupServers(conf, g)[0];
          assert.match(out, new RegExp(`^group ${esc(g.name)}: online on ${esc(home)}$`, "m"), `load says where ${g.name} runs`);
          assert.match(status, new RegExp(`^ {4}${esc(g.name)} \\.*: Online\\s*\\n {6}current +: ${esc(home)}\\s*$`, "m"), `status shows ${g.name} online on ${home}`);
        }
      } finally {
        await stop(dir);
      }
    });
  }

  it("lays down what the NeoFace configuration presumes: its drives with the GUIDs the md names for each server, Manual services and the appli's batch files", async () => {
    const dir = newDir();
    try {
      const out = await ok(dir, "start", "--conf", fixture(NEOFACE));
      assert.match(out, /laid down on nfw02: drive M: \(data partition of md md-m\), drive L: \(cluster partition of md md-m\), volume GUID 1c1637e8-0000-0000-0000-805d03010000 for M: \(md md-m\), volume GUID 1c1637e8-0000-0000-0000-701d03010000 for L: \(md md-m\), service "SQL Server \(NEOFACE\)" \(Manual, stopped\)/);
      assert.match(await ok(dir, "svc", "nfw01", "World Wide Web Publishing Service"), /manual +running/, "started by the service resource on the active server");
      assert.match(await ok(dir, "svc", "nfw02", "NeoFace Host Service"), /manual +stopped/);
      assert.match(await ok(dir, "file", "nfw02", "C:\\Program Files\\CLUSTERPRO\\bin"), /StartNFWPS\.bat/);
      await ok(dir, "put", "nfw01", fixture(NEOFACE), "M:\\data\\copy.conf");
      await ok(dir, "exec", "nfw01", "--", "clpgrp", "-m", "failover-nfw");
      assert.ok((await at(dir, "file", "nfw02", "M:\\data\\copy.conf")).raw.equals(fs.readFileSync(fixture(NEOFACE))), "the mirror disk M: carries its data over");
    } finally {
      await stop(dir);
    }
  });

  it("load on a running lab: refuses a push the running cluster cannot take, then loads after reset", async () => {
    const previous = fs.readFileSync(fixture(PREVIOUS));
    const current = fs.readFileSync(fixture(CURRENT));
    const dir = newDir();
    try {
      await ok(dir, "start", "--conf", fixture(PREVIOUS));
      const refused = await at(dir, "load", fixture(CURRENT));
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /refused the configuration[\s\S]*Failed to upload: the cluster is running[\s\S]*group@failover2/);
      for (const node of ["alma9-21", "alma9-22"]) assert.ok((await confBytes(dir, node)).equals(previous), `${node} keeps the running configuration`);

      await ok(dir, "reset");
      const out = await ok(dir, "load", "alma9-22", fixture(CURRENT));
      assert.match(out, /^group failover1: online on alma9-21$/m);
      assert.match(out, /^group failover2: online on alma9-21$/m);
      for (const node of ["alma9-21", "alma9-22"]) assert.ok((await confBytes(dir, node)).equals(current), `${node} holds the loaded bytes`);
      assert.match(await ok(dir, "events"), /uploaded by alma9-22/, "pushed from the node named on the command line");
    } finally {
      await stop(dir);
    }
  });

  it("refuses a file whose servers are not the lab's nodes, naming the server, and changes nothing", async () => {
    const previous = fs.readFileSync(fixture(PREVIOUS));
    const dir = newDir();
    try {
      await ok(dir, "start", "--conf", fixture(PREVIOUS));
      const pushes = JSON.parse(await ok(dir, "stats", "--json")).pushes as number;
      const statusBefore = await ok(dir, "status");
      const r = await at(dir, "load", fixture(BASIC_WINDOWS));
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /server "server1" is not a node of this lab \(nodes: alma9-21, alma9-22\)/);
      assert.match(r.stderr, /lab node alma9-21 is not a server of the file/);
      for (const node of ["alma9-21", "alma9-22"]) assert.ok((await confBytes(dir, node)).equals(previous), `${node}'s configuration is unchanged`);
      assert.equal(JSON.parse(await ok(dir, "stats", "--json")).pushes, pushes, "nothing was pushed");
      assert.equal(await ok(dir, "status"), statusBefore);
      const missing = await at(dir, "load", path.join(root, "no-such.conf"));
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /cannot read .*no-such\.conf/);
    } finally {
      await stop(dir);
    }
    // --nodes that do not match the file: refused before anything starts.
    const other = newDir();
    const r = await lab(["start", "--dir", other, "--nodes", "alma9-21:windows,alma9-22:windows", "--conf", fixture(PREVIOUS)]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /server "alma9-21": the file is for linux servers \(all\/serveros is "linux"\) but lab node alma9-21 is a windows node/);
    assert.equal(fs.existsSync(path.join(other, "control.json")), false, "no lab was started");
  });
});
