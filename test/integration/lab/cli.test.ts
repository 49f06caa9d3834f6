// clusterpro-lab as a person or a script drives it (the compiled bin, a background lab process):
// start, push the seed-000 configuration, start the cluster, fail server01, watch the failover,
// move the manual group back, inspect files, registry, services and counts, restart with the
// state kept, stop. The lab process is killed by its PID in after() if a test left it running.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as iconv from "iconv-lite";
import * as os from "node:os";
import * as path from "node:path";
import { runLabCli } from "../../support/lab-cli";
import { repoRoot } from "../../support/paths";

const FIXTURE = path.join(repoRoot, "test", "fixtures", "sim", "printport-clp.conf");

const lab = runLabCli;

describe("clusterpro-lab CLI", function () {
  this.timeout(180_000);
  let dir: string;
  const at = (...args: string[]) => lab(["--dir", dir, ...args]);
  const ok = async (...args: string[]) => {
    const r = await at(...args);
    assert.equal(r.code, 0, `clusterpro-lab ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };

  before(() => {
    assert.ok(fs.existsSync(path.join(repoRoot, "dist", "sim", "cli.js")), "dist/ is missing: run scripts/setup (npm test does)");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-lab-cli-"));
  });
  after(() => {
    const control = path.join(dir, "control.json");
    if (fs.existsSync(control)) {
      const { pid } = JSON.parse(fs.readFileSync(control, "utf8")) as { pid: number };
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("explains bad input before starting anything", async () => {
    const r = await lab(["start", "--dir", path.join(dir, "x"), "--nodes", "server01:solaris"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--nodes: server01: the OS must be windows or linux, not "solaris"/);
    assert.equal(fs.existsSync(path.join(dir, "x", "control.json")), false);
    const none = await lab(["--dir", path.join(dir, "nothing"), "status"]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no lab is running in/);
  });

  it("starts a two-node Windows lab with the PrintPort product laid down, in seconds", async () => {
    const t0 = Date.now();
    const out = await ok("start", "--nodes", "server01:windows,server02:windows", "--products", "printport-acos4", "--username", "clpadmin", "--password", "Lab-Cli-Pass-1", "--latency-ms", "1");
    const seconds = (Date.now() - t0) / 1000;
    console.log(`      lab start: ${seconds.toFixed(1)} s`);
    assert.match(out, /server01 +windows +WinRM http 127\.0\.0\.1:\d+ https 127\.0\.0\.1:\d+/);
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8"));
    assert.deepEqual([info.nodes[0].username, info.nodes[0].password], ["clpadmin", "Lab-Cli-Pass-1"]);
    assert.equal((fs.statSync(path.join(dir, "lab.json")).mode & 0o077).toString(8), "0", "lab.json is private");
    const svc = await ok("svc", "server01", "PrintPort_SPL");
    assert.match(svc, /PrintPort_SPL +automatic +running +PrintPort Spooler Service/);
  });

  it("pushes the seed-000 configuration, starts the cluster and shows clpstat", async () => {
    // The seed's Windows settings, step ④/⑨, by hand: the spooler Manual and stopped, the NIC batch files on both nodes.
    const bat = (verb: string) => {
      const f = path.join(dir, `${verb}.bat`);
      fs.writeFileSync(f, iconv.encode(`netsh interface set interface "ローカル エリア接続 3" ${verb}\r\n`, "cp932"));
      return f;
    };
    for (const node of ["server01", "server02"]) {
      await ok("svc", node, "PrintPort_SPL", "manual");
      await ok("svc", node, "PrintPort_SPL", "stop");
      await ok("put", node, bat("disable"), "C:\\NICctrl\\disable.bat");
      await ok("put", node, bat("enable"), "C:\\NICctrl\\enable.bat");
    }
    await ok("put", "server01", FIXTURE, "C:\\clpconf\\clp.conf");
    await ok("exec", "server01", "--", "clpcfctrl", "--push", "-w", "-x", "C:\\clpconf");
    assert.ok((await at("conf", "server02")).raw.equals(fs.readFileSync(FIXTURE)), "clp.conf distributed byte for byte");
    await ok("exec", "server01", "--", "clpcl", "-s", "-a");
    const status = await ok("status");
    assert.match(status, /^ {3}\*server01 \.+: Online/m);
    assert.match(status, /^ {4}failover \.+: Online\s*$/m);
    assert.match(status, /^ {6}current +: server01\s*$/m);
    assert.match(status, /^ {4}NIC_disable \.+: Online\s*$/m);
    assert.match(await ok("svc", "server01", "PrintPort_SPL"), /running/);
  });

  it("fails server01: the failover group moves to server02, data intact, NIC_disable stays", async () => {
    await ok("put", "server01", FIXTURE, "E:\\spool\\job-0001.dat");
    await ok("fail", "server01");
    const status = await ok("status");
    assert.match(status, /server01: DOWN/);
    assert.match(status, /failover \.+: Online\s*\n\s+current +: server02\s*\n\s+fip +: Online/, "the floating IP is active on server02");
    assert.match(await ok("svc", "server02", "PrintPort_SPL"), /running/);
    assert.ok((await at("file", "server02", "E:\\spool\\job-0001.dat")).raw.equals(fs.readFileSync(FIXTURE)), "mirrored data intact");
    assert.match(status, /NIC_disable \.+: Online[\s\S]*?current +: server02/);
  });

  it("moves NIC_disable by hand after recovery, as the seed's recovery steps say", async () => {
    await ok("recover", "server01");
    await ok("exec", "server02", "--", "clpgrp", "-m", "NIC_disable", "-a", "server01");
    const status = await ok("status");
    assert.match(status, /NIC_disable \.+: Online\s*\n\s+current +: server01/);
  });

  it("prints registry values, files and request counts", async () => {
    assert.match(await ok("reg", "server01", "HKLM\\SOFTWARE\\NEC\\CLUSTERPRO\\Server", "InstallPath"), /InstallPath +REG_SZ +C:\\Program Files\\CLUSTERPRO/);
    assert.match(await ok("file", "server01", "C:\\Windows\\System32\\drivers\\etc\\hosts"), /localhost/);
    assert.match(await ok("stats"), /^server01: \d+ requests .*clp\.clpcfctrl=\d/m);
    const stats = JSON.parse(await ok("stats", "--json"));
    assert.ok(stats.pushes >= 1);
    assert.ok(stats.nodes.server01.operations["clp.clpcfctrl"] >= 1);
  });

  it("injects a failure into a named command", async () => {
    await ok("fault", "fail", "clpgrp", "1");
    const r = await at("exec", "server01", "--", "clpgrp", "-m", "NIC_disable");
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /fault injected/);
    await ok("fault", "clear");
  });

  it("stops, and resumes with its state when started again", async () => {
    await ok("stop");
    assert.equal(fs.existsSync(path.join(dir, "control.json")), false);
    await ok("start");
    assert.match(await ok("status"), /failover \.+: Online/);
    assert.ok((await at("file", "server02", "E:\\spool\\job-0001.dat")).stdout.length > 0 || (await at("file", "server01", "E:\\spool\\job-0001.dat")).stdout.length > 0);
    await ok("reset");
    assert.equal((await at("conf", "server01")).code, 1, "reset forgets the configuration");
    await ok("stop");
  });
});
