// The lab's own apply-method table: changes pushed in a state the product does not accept are refused.
import { strict as assert } from "node:assert";
import * as iconv from "iconv-lite";
import { printportConf, printportLab, type Lab } from "./helpers";
import { APPLY_RULES, classify, diffTrees, parseConfTree } from "../../../sim/cluster";

/** The seed configuration with a text edit (SJIS in, SJIS out, CRLF kept). */
function edited(from: string, to: string, base: Buffer = printportConf()): Buffer {
  const text = iconv.decode(base, "shift_jis");
  assert.ok(text.includes(from), `fixture contains ${from}`);
  return iconv.encode(text.replace(from, to), "shift_jis");
}

function stage(lab: Lab, bytes: Buffer): void {
  lab.s1.fs.writeFile("C:\\work\\conf\\clp.conf", bytes);
}

const push = (lab: Lab) => lab.run("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");

describe("sim/cluster: apply methods enforced on push", () => {
  it("every rule names its source", () => {
    for (const r of APPLY_RULES) assert.ok(r.source.length > 10, r.id);
  });

  it("classifies by name-keyed paths", () => {
    const a = parseConfTree(printportConf());
    const b = parseConfTree(edited("<ip>192.168.1.14</ip>", "<ip>192.168.1.15</ip>"));
    const c = classify(diffTrees(a, b));
    assert.deepEqual(c.map((x) => [x.pathText, x.kind, x.rule.id, x.rule.level]), [
      ["/root/resource/fip@fip/parameters/ip", "changed", "storage-ip-resource", "group-suspend"],
    ]);
  });

  it("a suspend-class change (group failback attribute) is refused while running and accepted when suspended", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    stage(lab, edited("<failover>0</failover>", "<failover>0</failover>\r\n\t\t<failback>1</failback>"));
    const r = push(lab);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /the cluster is running/);
    assert.match(r.stderr, /added \/root\/group@NIC_disable\/failback/);
    assert.match(r.stderr, /needs the cluster suspended \(clpcl --suspend\) or stopped/);
    assert.equal(lab.sim.stats.pushes, 1);
    assert.equal(lab.sim.stats.refusedPushes, 1);
    assert.ok(lab.sim.conf("server02")!.equals(printportConf()), "nothing was distributed");

    lab.ok("server01", "clpcl", "--suspend");
    push(lab);
    assert.equal(push(lab).exitCode, 0);
    lab.ok("server01", "clpcl", "--resume");
    assert.equal(lab.sim.config()!.groups.find((g) => g.name === "NIC_disable")!.autoFailback, true);
    assert.equal(lab.sim.groupLocation("failover"), "server01", "groups stay online through suspend/resume");
  });

  it("a FIP address change needs the group stopped and the cluster suspended", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    stage(lab, edited("<ip>192.168.1.14</ip>", "<ip>192.168.1.15</ip>"));
    lab.ok("server01", "clpcl", "--suspend");
    const r = push(lab);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /changed \/root\/resource\/fip@fip\/parameters\/ip \(group "failover"\) needs the group stopped/);
    lab.ok("server01", "clpcl", "--resume");
    lab.ok("server01", "clpgrp", "-t", "failover");
    assert.equal(push(lab).exitCode, 1, "running: still refused");
    lab.ok("server01", "clpcl", "--suspend");
    lab.ok("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
    lab.ok("server01", "clpcl", "--resume");
    lab.ok("server01", "clpgrp", "-s", "failover");
    assert.ok(lab.s1.activeAddresses.has("192.168.1.15"));
    assert.ok(!lab.s1.activeAddresses.has("192.168.1.14"));
  });

  // Issue 13 item 4: settings read at the next start/stop of a resource or group are taken by a suspended
  // push; the groups keep running where they ran (no "Stopping group" in the cluster's log).
  for (const c of [
    { what: "a service's stop time-out", from: "<timeout>210</timeout>", to: "<timeout>600</timeout>", rule: "resource-start-stop-settings", path: "/root/resource/service@service/deact/timeout" },
    { what: "a group's startup-server order", from: "<policy name=\"server02\"><order>0</order></policy>\r\n\t\t<policy name=\"server01\"><order>1</order></policy>", to: "<policy name=\"server02\"><order>1</order></policy>\r\n\t\t<policy name=\"server01\"><order>0</order></policy>", rule: "group-startup-policy", path: "/root/group@NIC_disable/policy@server02/order" },
    { what: "a regsync resource's key list", from: "<types name=\"appli\"/>", to: "<regsync name=\"regsync\"><comment> </comment><parameters><key id=\"0\">HKLM\\SOFTWARE\\A</key></parameters></regsync>\r\n\t\t<types name=\"appli\"/>", rule: "", path: "" },
  ]) {
    it(`${c.what}: refused while running, taken while suspended without stopping a group`, () => {
      const lab = printportLab();
      let base = printportConf();
      if (c.rule === "") {
        // The regsync resource exists first (added to the stopped NIC_disable group), then only its key list changes.
        lab.ok("server01", "clpcl", "-s", "-a");
        base = edited("<resource name=\"appli@appli\"/>", "<resource name=\"appli@appli\"/>\r\n\t\t<resource name=\"regsync@regsync\"/>", edited(c.from, c.to));
        stage(lab, base);
        lab.ok("server01", "clpgrp", "-t", "NIC_disable");
        lab.ok("server01", "clpcl", "--suspend");
        assert.equal(push(lab).exitCode, 0);
        lab.ok("server01", "clpcl", "--resume");
        lab.ok("server01", "clpgrp", "-s", "NIC_disable", "-h", "server02");
        stage(lab, edited("HKLM\\SOFTWARE\\A</key>", "HKLM\\SOFTWARE\\B</key>", base));
        const classified = classify(diffTrees(parseConfTree(base), parseConfTree(edited("HKLM\\SOFTWARE\\A</key>", "HKLM\\SOFTWARE\\B</key>", base))));
        assert.deepEqual(classified.map((x) => [x.pathText, x.rule.id, x.rule.level]), [["/root/resource/regsync@regsync/parameters/key@0", "resource-start-stop-settings", "suspend"]]);
      } else {
        const after = edited(c.from, c.to);
        const classified = classify(diffTrees(parseConfTree(base), parseConfTree(after)));
        assert.ok(classified.some((x) => x.pathText === c.path), JSON.stringify(classified.map((x) => x.pathText)));
        for (const x of classified) assert.deepEqual([x.rule.id, x.rule.level], [c.rule, "suspend"], x.pathText);
        lab.ok("server01", "clpcl", "-s", "-a");
        stage(lab, after);
      }
      const where = [lab.sim.groupLocation("failover"), lab.sim.groupLocation("NIC_disable")];
      assert.ok(where[0] && where[1], "both groups run");
      const r = push(lab);
      assert.equal(r.exitCode, 1, "refused while the cluster runs");
      assert.match(r.stderr, /needs the cluster suspended \(clpcl --suspend\) or stopped/);
      const stopsBefore = lab.sim.events.filter((e) => e.message.startsWith("Stopping group")).length;
      lab.ok("server01", "clpcl", "--suspend");
      assert.equal(push(lab).exitCode, 0, "accepted while suspended");
      lab.ok("server01", "clpcl", "--resume");
      assert.equal(lab.sim.events.filter((e) => e.message.startsWith("Stopping group")).length, stopsBefore, "no group was stopped");
      assert.deepEqual([lab.sim.groupLocation("failover"), lab.sim.groupLocation("NIC_disable")], where, "the groups run where they ran");
    });
  }

  it("bookkeeping-only changes (trekking, objectnumber) upload while running", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    stage(lab, edited("<objectnumber>23</objectnumber>", "<objectnumber>24</objectnumber>"));
    assert.equal(push(lab).exitCode, 0);
    assert.equal(lab.sim.stats.pushes, 2);
  });

  it("cluster-stop changes are refused while suspended and accepted when stopped", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.ok("server01", "clpcl", "--suspend");
    stage(lab, edited("<name>PrintPort</name>", "<name>PrintPort2</name>"));
    const r = push(lab);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /\/root\/cluster\/name needs the cluster stopped/);
    lab.ok("server01", "clpcl", "-t", "-a");
    assert.equal(push(lab).exitCode, 0);
    assert.equal(lab.sim.status().cluster.name, "PrintPort2");
  });

  it("a mirror-connect IP change needs the cluster stopped and a reboot before the cluster starts again", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    stage(lab, edited("<info>192.168.2.11</info>\r\n\t\t\t<mdc>\r\n\t\t\t\t<info>192.168.2.11</info>", "<info>192.168.2.21</info>\r\n\t\t\t<mdc>\r\n\t\t\t\t<info>192.168.2.21</info>"));
    assert.match(push(lab).stderr, /device@400.*reboot/s);
    lab.ok("server01", "clpcl", "-t", "-a");
    lab.ok("server01", "clpcl", "-t", "-a", "--md");
    const ok = lab.ok("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
    assert.ok(ok.includes("Reboot all servers to apply the configuration."));
    const start = lab.run("server01", "clpcl", "-s", "-a");
    assert.equal(start.exitCode, 1);
    assert.match(start.stdout, /Start server01 : The configuration needs a reboot/);
    lab.sim.nodeRebooted("server01");
    lab.sim.nodeRebooted("server02");
    lab.ok("server01", "clpcl", "-s", "-a");
    assert.equal(lab.sim.groupLocation("failover"), "server01");
  });

  it("adding an md resource to a stopped group is accepted while the cluster runs (UM8700/iSCSI sequence)", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    const guid = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;
    [lab.s1, lab.s2].forEach((node, i) => {
      node.volumeGuids.set("F", guid(2 * i + 1));
      node.volumeGuids.set("G", guid(2 * i + 2));
    });
    const blocks = ["server01", "server02"].map((s, i) => `<server name="${s}"><parameters><volumeguid>${guid(2 * i + 1)}</volumeguid><cpvolumeguid>${guid(2 * i + 2)}</cpvolumeguid></parameters></server>`).join("");
    const withMd = edited("<resource name=\"appli@appli\"/>", "<resource name=\"appli@appli\"/>\r\n\t\t<resource name=\"md@md2\"/>",
      edited("<types name=\"service\"/>", `<md name="md2"><comment> </comment><parameters><netdev id="0"><priority>1</priority><device>400</device><mdcname>mdc1</mdcname></netdev><volumemountpoint>F:</volumemountpoint><cpvolumemountpoint>G:</cpvolumemountpoint></parameters>${blocks}</md>\r\n\t\t<types name="service"/>`));
    stage(lab, withMd);
    assert.match(push(lab).stderr, /group "NIC_disable"\) needs the group stopped/);
    lab.ok("server01", "clpgrp", "-t", "NIC_disable");
    assert.equal(push(lab).exitCode, 0);
    lab.ok("server01", "clpgrp", "-s", "NIC_disable", "-h", "server02");
    assert.equal(lab.s2.fs.volumeAccess("F:"), "rw");
    assert.equal(lab.s1.fs.volumeAccess("F:"), "none");
  });

  it("a push reaches only up servers with --force, and is refused without it", () => {
    const lab = printportLab();
    lab.s2.up = false;
    stage(lab, edited("<objectnumber>23</objectnumber>", "<objectnumber>23</objectnumber><pollinginterval>10</pollinginterval>"));
    const r = push(lab);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /server02 is not reachable/);
    lab.ok("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf", "--force");
    assert.ok(lab.sim.conf("server02")!.equals(printportConf()), "server02 keeps its old copy while down");
    lab.s2.up = true;
    lab.sim.tick();
    assert.ok(!lab.sim.conf("server02")!.equals(printportConf()), "server02 got the new copy when it came back");
  });

  it("rejects invalid configurations and injected command faults", () => {
    const lab = printportLab({ push: false });
    stage(lab, Buffer.from("<?xml version=\"1.0\"?><root><cluster><name>x</name></cluster><server name=\"server01\"/><group name=\"g\"><resource name=\"fip@nope\"/></group></root>"));
    const bad = push(lab);
    assert.equal(bad.exitCode, 1);
    assert.match(bad.stderr, /invalid: group "g" lists resource "fip@nope"/);
    stage(lab, printportConf());
    lab.sim.failCommand("clpcfctrl", 2);
    assert.equal(push(lab).exitCode, 1);
    lab.sim.failCommand("clpstat", 1, 9);
    assert.equal(lab.run("server01", "clpstat").exitCode, 9);
    assert.equal(push(lab).exitCode, 1);
    assert.equal(push(lab).exitCode, 0);
    assert.equal(lab.sim.stats.pushes, 1);
  });
});
