// A Windows mirror disk activates on a server only when its <server name> block names the GUIDs of that server's
// volumes (volumeguid for volumemountpoint's letter, cpvolumeguid for cpvolumemountpoint's): group start, move
// and failover are refused otherwise, naming the md, the server and the mismatched element. A missing block or GUID
// is refused earlier, at the push.
import { strict as assert } from "node:assert";
import { PRINTPORT_VOLUME_GUIDS, printportConf, printportLab, type Lab } from "./helpers";

/** The fixture with `from` replaced by `to` (exactly once), staged on server01 and pushed with the cluster stopped. */
function stageEdited(lab: Lab, from: RegExp, to: string) {
  const text = printportConf().toString("latin1");
  assert.equal(text.match(new RegExp(from.source, "g"))?.length, 1, `the fixture holds ${from} once`);
  lab.s1.fs.writeFile("C:\\work\\conf\\clp.conf", Buffer.from(text.replace(from, to), "latin1"));
  return lab.run("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
}

/** The md's block for server02 (the servers section has a <server name="server02"> too, without a volumeguid). */
const s2Block = /<server name="server02">(\s*<parameters>\s*<volumeguid>)/;

describe("sim/cluster: a Windows md needs each server's volume GUIDs to activate", () => {
  it("starts, moves and fails over when every server's block names its own volumes", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    assert.equal(lab.sim.groupLocation("failover"), "server01");
    lab.ok("server01", "clpgrp", "-m", "failover");
    assert.equal(lab.sim.groupLocation("failover"), "server02");
    assert.equal(lab.s2.fs.volumeAccess("E:"), "rw");
  });

  it("refuses to move the group to a server whose volume has another GUID than the file names", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.s2.volumeGuids.set("E", "99999999-9999-4999-8999-999999999999");
    const r = lab.run("server01", "clpgrp", "-m", "failover");
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stdout + r.stderr, new RegExp(`mirror disk md: volumeguid ${PRINTPORT_VOLUME_GUIDS.server02.E} of server server02 is not the GUID of its volume E: \\(99999999-9999-4999-8999-999999999999\\)`));
    assert.notEqual(lab.sim.groupLocation("failover"), "server02");
  });

  it("a failover to a server whose cluster partition has another GUID leaves the group offline there", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.s2.volumeGuids.set("D", "99999999-9999-4999-8999-999999999999");
    lab.s1.up = false;
    lab.sim.tick();
    assert.notEqual(lab.sim.groupLocation("failover"), "server02");
    assert.ok(lab.sim.events.some((e) => /mirror disk md: cpvolumeguid \S+ of server server02 is not the GUID of its volume D:/.test(e.message)), lab.sim.events.map((e) => e.message).join("\n"));
  });

  // A file without a server's block, or without one of its GUIDs, no longer reaches activation: the push is refused
  // first (sim/cluster/required-elements.ts: every real Windows md has both GUIDs for each server).
  it("refuses a push whose md has no <server> block for a server", () => {
    const lab = printportLab();
    const r = stageEdited(lab, s2Block, `<server name="server09">$1`);
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stdout + r.stderr, /resource md "md" lacks server\[@name="server02"\]\/parameters\/volumeguid/);
  });

  it("refuses a push whose md block for a server has no cpvolumeguid", () => {
    const lab = printportLab();
    const r = stageEdited(lab, new RegExp(`<cpvolumeguid>${PRINTPORT_VOLUME_GUIDS.server01.D}</cpvolumeguid>`), "");
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stdout + r.stderr, /resource md "md" lacks server\[@name="server01"\]\/parameters\/cpvolumeguid/);
  });
});
