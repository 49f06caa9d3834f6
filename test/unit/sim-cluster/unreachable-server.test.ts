// Group operations while a server is down but no monitoring round (tick) has noticed it yet, and the server's return.
// Regression for the invariants.test.ts counterexample (fast-check seed -967619864, path "96:7:6:6:10:9"):
// [startAll, fail 0, move failover, recover 0] left 192.168.1.14 active on both nodes — clpgrp -m "stopped" the
// group on the dead server01 (nothing could be deactivated there) and started it on server02.
import { strict as assert } from "node:assert";
import { printportLab, type Lab } from "./helpers";

const FIP = "192.168.1.14";

function holders(lab: Lab): string[] {
  return [lab.s1, lab.s2].filter((n) => n.up && n.activeAddresses.has(FIP)).map((n) => n.name);
}

describe("sim/cluster: operations involving a server that is down or unreachable", () => {
  it("refuses clpgrp -m of a group whose server is down; after the server returns the FIP is active on one node", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    assert.deepEqual(holders(lab), ["server01"]);

    lab.s1.up = false; // power loss / network cut, not yet seen by a monitoring round
    const r = lab.run("server02", "clpgrp", "-m", "failover");
    assert.notEqual(r.exitCode, 0, "the move must be refused");
    assert.match(r.stderr, /Could not connect to server server01, where group failover is active: the server is down or unreachable/);
    assert.equal(r.stdout, "");
    assert.equal(lab.sim.groupLocation("failover"), "server01", "the group stays where it is");
    assert.ok(!lab.s2.activeAddresses.has(FIP));

    lab.s1.up = true;
    assert.deepEqual(holders(lab), ["server01"], `${FIP} must be active on exactly one node after recovery`);
    assert.equal(lab.s1.fs.volumeAccess("E:"), "rw");
    assert.equal(lab.s2.fs.volumeAccess("E:"), "none");
    lab.sim.tick();
    assert.deepEqual(holders(lab), ["server01"]);
    assert.equal(lab.sim.groupLocation("failover"), "server01");
  });

  it("refuses clpgrp -m -a to a server that is down and keeps the group on its current server", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.s1.up = false;
    lab.sim.tick(); // failover to server02
    assert.equal(lab.sim.groupLocation("failover"), "server02");

    const r = lab.run("server02", "clpgrp", "-m", "failover", "-a", "server01");
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /Server server01 is not running \(it is down or unreachable\): group failover cannot be moved there and stays on server02/);
    const auto = lab.run("server02", "clpgrp", "-m", "failover");
    assert.notEqual(auto.exitCode, 0);
    assert.match(auto.stderr, /no other startup server is running\. The group stays on server02/);
    assert.equal(lab.sim.groupLocation("failover"), "server02");

    // server01 rejoins with its cluster service state; failback is manual, so the group stays on server02.
    lab.s1.up = true;
    assert.deepEqual(holders(lab), ["server02"]);
    lab.sim.tick();
    assert.equal(lab.sim.status().servers.find((s) => s.name === "server01")!.status, "Online");
    assert.equal(lab.sim.groupLocation("failover"), "server02");
    assert.deepEqual(holders(lab), ["server02"]);
    assert.equal(lab.s1.services.get("PrintPort_SPL")!.state, "stopped");
  });

  it("does not stop a group on a down server with clpgrp -t or clpcl -t, so it is never started twice", () => {
    for (const cmds of [
      [["clpgrp", "-t", "failover"], ["clpgrp", "-s", "failover", "-h", "server02"]],
      [["clpcl", "-t", "-a"], ["clpcl", "-s", "-a"]],
    ]) {
      const lab = printportLab();
      lab.ok("server01", "clpcl", "-s", "-a");
      lab.s1.up = false;
      for (const c of cmds) lab.run("server02", ...c);
      assert.equal(lab.sim.groupLocation("failover"), "server01", cmds.join(" / "));
      lab.s1.up = true;
      assert.deepEqual(holders(lab), ["server01"], cmds.join(" / "));
    }
  });

  it("a returning server drops what it still holds of a group that runs on another server", () => {
    const lab = printportLab();
    lab.ok("server01", "clpcl", "-s", "-a");
    lab.s1.up = false;
    lab.sim.tick();
    assert.equal(lab.sim.groupLocation("failover"), "server02");
    // Stale state on server01 (as if its address and service had survived the outage).
    lab.s1.activeAddresses.add(FIP);
    lab.s1.up = true;
    lab.s1.services.start("PrintPort_SPL");
    lab.sim.tick();
    assert.deepEqual(holders(lab), ["server02"]);
    assert.equal(lab.s1.services.get("PrintPort_SPL")!.state, "stopped");
    assert.equal(lab.sim.groupLocation("failover"), "server02");
  });
});
