// Seed 000 (PrintPort for ACOS-4, CLUSTERPRO X for Windows) played out on the simulated cluster:
// push → clpcl -s -a → server01 fails → failover to server02 with the spool data intact → NIC_disable moved back.
import { strict as assert } from "node:assert";
import { printportConf, printportLab, lines } from "./helpers";

describe("sim/cluster: seed-000 PrintPort failover sequence", () => {
  it("distributes clp.conf byte for byte (SJIS, CRLF) and pulls it back", () => {
    const lab = printportLab();
    assert.ok(lab.sim.conf("server01")!.equals(printportConf()));
    assert.ok(lab.sim.conf("server02")!.equals(printportConf()));
    assert.ok(lab.s2.fs.readFile("C:\\Program Files\\EXPRESSCLUSTER\\etc\\clp.conf").equals(printportConf()));
    assert.equal(lab.sim.stats.pushes, 1);
    lab.ok("server02", "clpcfctrl", "--pull", "-w", "-x", "C:\\pulled");
    assert.ok(lab.s2.fs.readFile("C:\\pulled\\clp.conf").equals(printportConf()));
    assert.equal(lab.sim.stats.pulls, 1);
  });

  it("plays start, node failure, failover, recovery and clpgrp -m", () => {
    const { sim, s1, s2, ok, run } = printportLab();

    // The cluster is configured but stopped.
    assert.equal(sim.clusterState(), "stopped");
    assert.deepEqual(ok("server01", "clpcl", "-s", "-a"), ["Start server01 : Command succeeded.", "Start server02 : Command succeeded."]);
    assert.equal(sim.clusterState(), "running");

    // failover on server01: fip, E: rw there only, PrintPort_SPL running there.
    assert.ok(s1.activeAddresses.has("192.168.1.14"));
    assert.ok(!s2.activeAddresses.has("192.168.1.14"));
    assert.equal(s1.fs.volumeAccess("E:"), "rw");
    assert.equal(s2.fs.volumeAccess("E:"), "none");
    assert.equal(s1.services.get("PrintPort_SPL")!.state, "running");
    assert.equal(s2.services.get("PrintPort_SPL")!.state, "stopped");
    // NIC_disable (startup servers server02, server01) on server02; its non-resident appli ran disable.bat there.
    assert.deepEqual(ok("server01", "clpgrp", "-n", "NIC_disable"), ["server02"]);
    assert.deepEqual(ok("server01", "clpgrp", "-n", "failover"), ["server01"]);
    const disable = s2.runs.find((r) => r.path === "C:\\NICctrl\\disable.bat");
    assert.ok(disable, "disable.bat ran on server02");
    assert.equal(disable.env.CLP_EVENT, "START");
    assert.equal(disable.env.CLP_SERVER, "HOME");
    assert.equal(disable.env.CLP_GROUPNAME, "NIC_disable");
    assert.equal(disable.env.CLP_RESOURCENAME, "appli");
    assert.equal(s1.runs.length, 0);
    // The management IP (cluster-type group) is on the master server.
    assert.ok(s1.activeAddresses.has("192.168.1.13"));

    // The mirror finished its initial construction.
    assert.deepEqual(ok("server01", "clpmdstat", "-l"), ["  <md>"]);
    const md = ok("server01", "clpmdstat", "-m", "md");
    assert.equal(md[0], "  Mirror Status: Normal");
    assert.match(md.find((l) => l.includes("Mirror Color"))!, /Mirror Color\s+GREEN\s+GREEN$/);

    // A spool file written on E: through server01; server02 cannot touch E: while standby.
    s1.fs.mkdir("E:\\spool");
    s1.fs.writeFile("E:\\spool\\job1.prn", Buffer.from("ACOS job 1"));
    assert.throws(() => s2.fs.readFile("E:\\spool\\job1.prn"), /access/);

    // server01 fails; the next monitoring round fails the group over.
    s1.up = false;
    const events = sim.tick();
    assert.ok(events.some((e) => /Failover group failover has completed/.test(e)), events.join("\n"));
    assert.ok(s2.activeAddresses.has("192.168.1.14"));
    assert.ok(!s1.activeAddresses.has("192.168.1.14"));
    assert.equal(s2.fs.volumeAccess("E:"), "rw");
    assert.equal(s1.fs.volumeAccess("E:"), "none");
    assert.equal(s2.services.get("PrintPort_SPL")!.state, "running");
    assert.equal(s2.fs.readFile("E:\\spool\\job1.prn").toString(), "ACOS job 1");
    assert.equal(sim.groupLocation("failover"), "server02");
    assert.equal(sim.groupLocation("ManagementGroup"), "server02");
    // NIC_disable (manual failover) was on server02 all along and stays there.
    assert.equal(sim.groupLocation("NIC_disable"), "server02");
    assert.equal(sim.stats.failovers, 2);
    // Commands on a down node do not answer.
    assert.throws(() => run("server01", "clpstat"), /down/);

    // The mirror is broken while server01 is away; clpstat from server02 shows it.
    const st = lines(run("server02", "clpstat"));
    assert.ok(st.includes("    server01 ........: Offline          "), st.join("\n"));
    assert.ok(st.includes("   *server02 ........: Online           "), st.join("\n"));
    assert.ok(st.includes("    mdw1             : Warning          "), st.join("\n"));
    const mdBroken = ok("server02", "clpmdstat", "-m", "md");
    assert.equal(mdBroken[0], "  Mirror Status: Abnormal");
    assert.match(mdBroken.find((l) => l.includes("Mirror Color"))!, /Mirror Color\s+GRAY\s+GREEN$/);

    // server02 keeps writing; server01 comes back, rejoins and the mirror recovers automatically.
    s2.fs.writeFile("E:\\spool\\job2.prn", Buffer.from("ACOS job 2"));
    s1.up = true;
    sim.tick();
    assert.equal(sim.status().servers[0].status, "Online");
    assert.equal(ok("server01", "clpmdstat", "-m", "md")[0], "  Mirror Status: Normal");
    assert.equal(sim.groupLocation("failover"), "server02", "failback is manual by default");

    // Recovery step of the seed: move NIC_disable from server02 to server01 (re-enables the printer LAN).
    assert.deepEqual(ok("server02", "clpgrp", "-m", "NIC_disable"), ["Command succeeded."]);
    assert.equal(sim.groupLocation("NIC_disable"), "server01");
    const enable = s2.runs.find((r) => r.path === "C:\\NICctrl\\enable.bat");
    assert.ok(enable, "enable.bat ran on server02");
    assert.equal(enable.env.CLP_FACTOR, "GROUPMOVE");
    assert.ok(s1.runs.some((r) => r.path === "C:\\NICctrl\\disable.bat"));

    // And the failover group can be moved back by hand, data intact.
    ok("server02", "clpgrp", "-m", "failover", "-a", "server01");
    assert.equal(s1.fs.readFile("E:\\spool\\job2.prn").toString(), "ACOS job 2");
    assert.equal(s1.services.get("PrintPort_SPL")!.state, "running");
    assert.equal(s2.services.get("PrintPort_SPL")!.state, "stopped");
    assert.equal(s2.fs.volumeAccess("E:"), "none");
  });

  it("mirrors what the primary's E: held before the cluster existed (initial mirror construction)", () => {
    const lab = printportLab({ push: false });
    // Step ②: the spool folder is moved to E: on server01 before the cluster is configured.
    lab.s1.fs.writeFile("E:\\PrintPort\\spool.cfg", Buffer.from("spool on E:"));
    lab.s2.fs.writeFile("E:\\stale.txt", Buffer.from("server02's own partition"));
    lab.ok("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
    assert.equal(lab.s1.fs.volumeAccess("E:"), "none", "the data partition is not accessible before md is active");
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.s1.up = false;
    lab.sim.tick();
    assert.equal(lab.s2.fs.readFile("E:\\PrintPort\\spool.cfg").toString(), "spool on E:");
    assert.throws(() => lab.s2.fs.readFile("E:\\stale.txt"), /not found/);
  });

  it("fails a manual-failover group over only when told (clpgrp -m after its server died)", () => {
    const { sim, s2, ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    s2.up = false;
    sim.tick();
    assert.equal(sim.groupLocation("NIC_disable"), null, "manual failover: stays stopped");
    assert.equal(sim.groupLocation("failover"), "server01");
    ok("server01", "clpgrp", "-s", "NIC_disable");
    assert.equal(sim.groupLocation("NIC_disable"), "server01");
  });

  it("fails the group over when servicew sees the monitored service die", () => {
    const { sim, s1, s2, ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    s1.services.stop("PrintPort_SPL");
    const st = lines(sim.exec("server01", ["clpstat"]));
    assert.ok(st.includes("    servicew1        : Error            "), st.join("\n"));
    sim.tick();
    assert.equal(sim.groupLocation("failover"), "server02");
    assert.equal(s2.services.get("PrintPort_SPL")!.state, "running");
    assert.ok(s2.activeAddresses.has("192.168.1.14"));
    assert.ok(!s1.activeAddresses.has("192.168.1.14"));
    sim.tick();
    assert.equal(lines(sim.exec("server02", ["clpstat"])).find((l) => l.startsWith("    servicew1")), "    servicew1        : Normal           ");
  });

  it("refuses to activate md on a server without the latest data, and clpmdctrl --force overrides", () => {
    const { sim, s1, ok, run } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    ok("server01", "clpmdctrl", "--break", "md");
    s1.fs.writeFile("E:\\after-break.txt", Buffer.from("x"));
    const r = run("server01", "clpgrp", "-m", "failover");
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /not the latest/);
    assert.equal(sim.status().groups.find((g) => g.name === "failover")!.resources.find((x) => x.name === "md")!.status, "Online Failure");
    ok("server02", "clpmdctrl", "--force", "md");
    ok("server02", "clpgrp", "-s", "failover", "-h", "server02");
    assert.equal(sim.groupLocation("failover"), "server02");
    ok("server02", "clpmdctrl", "-r", "md");
    assert.equal(ok("server02", "clpmdstat", "-m", "md")[0], "  Mirror Status: Normal");
  });
});
