// Command-line behaviour of clpcl / clpgrp / clprsc / clpmdctrl, scripts' environment, regsync, persistence.
import { strict as assert } from "node:assert";
import { ClusterSim, isClpCommand, type ClusterSnapshot } from "../../../sim/cluster";
import { FakeNode, FakeWorld } from "./fake-node";
import { printportLab, lines } from "./helpers";

describe("sim/cluster: commands", () => {
  it("clpcl states: stopped → running → suspended → running → stopped, with errors for wrong transitions", () => {
    const { sim, ok, run } = printportLab();
    assert.match(run("server01", "clpcl", "--suspend").stderr, /not running/);
    ok("server01", "clpcl", "-s", "-a");
    assert.match(run("server01", "clpcl", "--resume").stderr, /not suspended/);
    ok("server01", "clpcl", "--suspend");
    assert.equal(sim.clusterState(), "suspended");
    assert.match(run("server01", "clpcl", "-s", "-a").stderr, /suspended/);
    assert.match(run("server01", "clpgrp", "-m", "failover").stderr, /suspended/);
    ok("server01", "clpcl", "--resume");
    assert.deepEqual(ok("server02", "clpcl", "-t", "-a"), ["Stop server01 : Command succeeded.", "Stop server02 : Command succeeded."]);
    assert.equal(sim.clusterState(), "stopped");
    assert.equal(sim.groupLocation("failover"), null);
    assert.equal(printportLab().run("server01", "clpgrp", "-x").exitCode, 1);
  });

  it("clpcl -t -a --md stops the cluster and the mirror agent; clpcl -s brings both back", () => {
    const { sim, ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    ok("server01", "clpcl", "-t", "-a", "--md");
    assert.equal(sim.clusterState(), "stopped");
    assert.deepEqual(sim.status().servers.map((s) => s.mirrorAgent), ["stopped", "stopped"]);
    ok("server01", "clpcl", "-s", "--md", "-a");
    assert.deepEqual(sim.status().servers.map((s) => s.mirrorAgent), ["running", "running"]);
    ok("server01", "clpcl", "-s", "-a");
    assert.equal(sim.groupLocation("failover"), "server01");
    assert.equal(ok("server01", "clpmdstat", "-m", "md")[0], "  Mirror Status: Normal");
  });

  it("stopping one server's cluster service fails its auto-failover groups over", () => {
    const { sim, s2, ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    ok("server01", "clpcl", "-t");
    assert.equal(sim.groupLocation("failover"), "server02");
    assert.equal(s2.services.get("PrintPort_SPL")!.state, "running");
    const st = lines(sim.exec("server02", ["clpstat"]));
    assert.ok(st.includes("    server01 ........: Offline          "));
  });

  it("without configuration every command says so", () => {
    const { run } = printportLab({ push: false });
    for (const argv of [["clpstat"], ["clpcl", "-s", "-a"], ["clpgrp", "-s", "failover"], ["clpmdstat", "-l"]]) {
      const r = run("server01", ...argv);
      assert.equal(r.exitCode, 1, argv.join(" "));
      assert.match(r.stderr, /configuration does not exist/);
    }
    assert.equal(run("server01", "clpfoo").exitCode, 127);
  });

  it("clprsc stops and starts single resources, honouring dependencies unless -f", () => {
    const { sim, s1, ok, run } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    assert.match(run("server01", "clprsc", "-t", "fip").stderr, /depend on fip/);
    ok("server01", "clprsc", "-t", "service");
    assert.equal(s1.services.get("PrintPort_SPL")!.state, "stopped");
    assert.equal(sim.groupLocation("failover"), "server01");
    ok("server01", "clprsc", "-s", "service");
    assert.equal(s1.services.get("PrintPort_SPL")!.state, "running");
    ok("server01", "clprsc", "-t", "fip", "-f");
    assert.equal(sim.groupLocation("failover"), null);
    assert.equal(s1.fs.volumeAccess("E:"), "none");
    assert.match(run("server01", "clprsc", "-s", "service").stderr, /Use -f/);
    ok("server01", "clprsc", "-s", "service", "-f");
    assert.equal(sim.groupLocation("failover"), "server01");
    assert.ok(s1.activeAddresses.has("192.168.1.14"));
  });

  it("a service already running is an activation error unless parameters/started is 1", () => {
    const { sim, s1, ok } = printportLab();
    s1.services.start("PrintPort_SPL");
    ok("server01", "clpcl", "-s", "-a");
    assert.equal(sim.groupLocation("failover"), "server02", "failed on server01, started on the next server");
    assert.ok(sim.events.some((e) => /already running/.test(e.message)));
  });

  it("script and exec resources run start/stop scripts from scripts/<group>/<resource> with CLP_* variables", () => {
    const world = new FakeWorld();
    const nodes = [new FakeNode("n1", "linux", world), new FakeNode("n2", "linux", world)];
    const conf = Buffer.from(`<?xml version="1.0" encoding="EUC-JP"?>
<root><all><charset>EUC-JP</charset><encode>EUC-JP</encode><serveros>linux</serveros></all><cluster><name>c</name><comment/></cluster>
<webmgr><client><objectnumber>8</objectnumber></client></webmgr>
<server name="n1"><priority>0</priority><device id="0"><type>lan</type><info>192.168.0.1</info></device></server>
<server name="n2"><priority>1</priority><device id="0"><type>lan</type><info>192.168.0.2</info></device></server>
<group name="g1"><comment/><gid>0</gid><resource name="exec@exec1"/></group>
<resource><exec name="exec1"><comment/><parameters><act><path>start.sh</path></act><deact><path>/opt/app/stop.sh</path></deact></parameters></exec></resource>
<monitor><userw name="userw"><comment/><relation><type>cls</type><name>LocalServer</name></relation></userw></monitor>
</root>`);
    const sim = new ClusterSim({ nodes });
    sim.push(conf);
    sim.startCluster();
    assert.deepEqual(nodes[0].runs.map((r) => [r.path, r.env.CLP_EVENT, r.env.CLP_SERVER, r.env.CLP_SCRIPT_PATH]), [
      ["/opt/nec/clusterpro/scripts/g1/exec1/start.sh", "START", "HOME", "/opt/nec/clusterpro/scripts/g1/exec1"],
    ]);
    nodes[0].exitCodes.set("/opt/nec/clusterpro/scripts/g1/exec1/start.sh", 1);
    sim.failNode("n1");
    sim.tick();
    assert.deepEqual(nodes[1].runs.map((r) => [r.path, r.env.CLP_EVENT, r.env.CLP_SERVER]), [["/opt/nec/clusterpro/scripts/g1/exec1/start.sh", "FAILOVER", "OTHER"]]);
    sim.recoverNode("n1");
    sim.tick();
    assert.throws(() => sim.moveGroup("g1"), /start\.sh exited with 1/);
    assert.equal(nodes[1].runs[1].path, "/opt/app/stop.sh");
    assert.equal(nodes[1].runs[1].env.CLP_FACTOR, "GROUPMOVE");
    assert.equal(sim.groupLocation("g1"), null, "start.sh exits 1 on n1: activation failed");
    assert.equal(sim.status().groups[0].status, "Online Failure");
  });

  it("regsync copies its keys from the active server to the others on activation and on every tick", () => {
    const world = new FakeWorld();
    const nodes = [new FakeNode("w1", "windows", world), new FakeNode("w2", "windows", world)];
    const key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\App";
    nodes[0].registry!.importTree({ key, values: [{ name: "Mode", type: "REG_SZ", data: "A" }], subkeys: [] });
    const sim = new ClusterSim({ nodes });
    sim.push(Buffer.from(`<?xml version="1.0" encoding="ASCII"?>
<root><all><charset>ASCII</charset><encode>SJIS</encode><serveros>windows</serveros></all><cluster><name>c</name><comment/></cluster>
<webmgr><client><objectnumber>8</objectnumber></client></webmgr>
<server name="w1"><priority>0</priority><device id="0"><type>lan</type><info>192.168.0.1</info></device></server>
<server name="w2"><priority>1</priority><device id="0"><type>lan</type><info>192.168.0.2</info></device></server>
<group name="g"><comment/><resource name="regsync@regsync"/></group>
<resource><regsync name="regsync"><parameters><key id="0">${key}</key></parameters></regsync></resource>
<monitor><userw name="userw"><comment/><relation><type>cls</type><name>LocalServer</name></relation></userw></monitor>
</root>`));
    sim.startCluster();
    assert.equal(nodes[1].registry!.exportTree(key)!.values[0].data, "A");
    nodes[0].registry!.importTree({ key, values: [{ name: "Mode", type: "REG_SZ", data: "B" }], subkeys: [] });
    sim.tick();
    assert.equal(nodes[1].registry!.exportTree(key)!.values[0].data, "B");
  });

  it("recognises clp* commands by any path and extension", () => {
    assert.ok(isClpCommand("C:\\Program Files\\EXPRESSCLUSTER\\bin\\clpstat.exe"));
    assert.ok(isClpCommand("/opt/nec/clusterpro/bin/clpcl"));
    assert.ok(isClpCommand("CLPGRP.EXE"));
    assert.ok(!isClpCommand("clplcnsc"));
  });

  it("after a power loss of both servers the cluster starts again when they come back", () => {
    const { sim, s1, s2, ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    s1.up = false;
    s2.up = false;
    sim.tick();
    assert.equal(sim.clusterState(), "stopped");
    s1.up = true;
    s2.up = true;
    sim.tick();
    assert.equal(sim.clusterState(), "running");
    assert.equal(sim.groupLocation("failover"), "server01");
    assert.equal(sim.groupLocation("NIC_disable"), "server02");
    // A server stopped with clpcl -t stays stopped across its own reboot.
    ok("server01", "clpcl", "-t", "-h", "server02");
    s2.up = false;
    sim.tick();
    s2.up = true;
    sim.tick();
    assert.equal(sim.status().servers[1].status, "Offline");
  });

  it("snapshot() is plain JSON and restore() continues where the lab stopped", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.s1.fs.writeFile("E:\\job.prn", Buffer.from("held job"));
    lab.sim.failCommand("clpgrp", 1);
    const snap = JSON.parse(JSON.stringify(lab.sim.snapshot())) as ClusterSnapshot;
    const before = lines(lab.sim.exec("server01", ["clpstat"]));

    const sim2 = ClusterSim.restore(snap, [lab.s1, lab.s2]);
    assert.deepEqual(lines(sim2.exec("server01", ["clpstat"])), before);
    assert.equal(sim2.stats.pushes, 1);
    assert.ok(sim2.conf("server02")!.equals(lab.sim.conf("server02")!));
    assert.equal(sim2.exec("server01", ["clpgrp", "-m", "failover"]).exitCode, 1, "the injected fault survived");
    lab.s1.up = false;
    sim2.tick();
    assert.equal(sim2.groupLocation("failover"), "server02");
    assert.equal(lab.s2.fs.readFile("E:\\job.prn").toString(), "held job");
  });
});
