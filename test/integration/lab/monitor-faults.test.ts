// The lab's monitor fault commands (`clusterpro-lab fault monitor|unreachable|nic`) on a real file: the lab runs
// CreateClusterOnLinux@502a973's clp.conf (genw1 and ipw1 recovering group failover, pingnp1 pinging 192.168.137.1
// and .76); each injected fault is detected by the next monitoring round and recovered as the file says (failover),
// the ping resolution's status follows its targets, and a bad command says what is wrong.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runControl } from "../../../sim/control";
import { Lab } from "../../../sim/lab";
import { loadConf } from "../../../sim/lab-load";
import { clpconfFixturesDir, skipWithoutSharedFixtures } from "../../support/paths";

const FILE = "EXPRESSCLUSTER_CreateClusterOnLinux__src_clp__502a973_linux_disk_volmgr.conf";

describe("lab: monitor fault commands on the 502a973 cluster", function () {
  this.timeout(120_000);
  let lab: Lab;
  let dir: string;
  const where = () => /failover \.+: Online\s*\n\s+current +: (\S+)/.exec(lab.cluster.statusText())?.[1];
  const fault = (...args: string[]) => runControl(lab, "fault", args);

  before(async function () {
    skipWithoutSharedFixtures(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-monfault-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server1", os: "linux" }, { name: "server2", os: "linux" }], username: "root", password: "Lab-monfault-Pa55" });
    loadConf(lab, fs.readFileSync(path.join(clpconfFixturesDir as string, FILE)), FILE);
  });
  after(async () => {
    await lab?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fault monitor genw1 server1: the group fails over to server2; off: genw1 is Normal again", async () => {
    assert.equal(where(), "server1");
    const r = await fault("monitor", "genw1", "server1");
    assert.equal(r.output, "monitor genw1 fails on server1\n");
    assert.equal(where(), "server2");
    const events = lab.cluster.events().map((e) => e.message);
    assert.ok(events.includes("Monitor genw1 detected an error on server1."));
    assert.ok(events.includes("Failover group failover has started (monitor genw1)."));
    await fault("monitor", "genw1", "server1", "off");
    assert.match(lab.cluster.statusText(), /genw1 +: Normal/);
  });

  it("fault unreachable: ipw1's only target stops answering from server2, the group fails back; pingnp1 stays Normal while .76 answers", async () => {
    await fault("unreachable", "192.168.137.1", "server2");
    assert.equal(where(), "server1");
    assert.match(lab.cluster.statusText(), /server2[\s\S]*pingnp1 +: Normal +ping resolution/);
    await fault("unreachable", "192.168.137.76", "server2");
    assert.match(lab.cluster.statusText(), /server2 \.+[^\n]*\n(?:\s+\S+\s+: [^\n]*\n)*?\s+pingnp1 +: Error +ping resolution/);
    await fault("unreachable", "192.168.137.1", "server2", "off");
    await fault("unreachable", "192.168.137.76", "server2", "off");
    assert.doesNotMatch(lab.cluster.statusText(), /pingnp1 +: Error/);
  });

  it("fault nic: a NIC the node does not have is refused naming the ones it has; a bad usage says the usage", async () => {
    await assert.rejects(fault("nic", "server1", "eth9", "down"), /server1 has no network interface eth9 \(it has: eth0, eth1, eth2\)/);
    await assert.rejects(fault("nic", "server1", "eth0"), /usage: clusterpro-lab fault nic NODE NIC down\|up/);
    const r = await fault("nic", "server1", "eth1", "down");
    assert.equal(r.output, "server1: link of eth1 is down\n");
    assert.equal(lab.node("server1").nics.get("eth1"), false);
  });
});
