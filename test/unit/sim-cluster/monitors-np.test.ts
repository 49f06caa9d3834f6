// The lab's custom (genw), IP (ipw), NIC link (miiw) and volume manager (volmgrw) monitors and its ping network
// partition resolution: each detects the fault the lab injects and performs its recovery (failover) and final
// action; a ping NP a real cluster would not take is refused at push with the reason, before any copy changes;
// clpstat lists each server's ping resolution and whether its targets answer.
import { strict as assert } from "node:assert";
import { ClusterSim } from "../../../sim/cluster";
import { fakeNodes } from "./fake-node";

interface ConfOptions {
  pingTargets?: string[];
  /** A server's ping device info ("1" by default); "none": no ping device at all. */
  pingDevice?: { server1?: string; server2?: string };
  npDevice?: number;
  monitors?: string;
}

function conf(o: ConfOptions = {}): Buffer {
  const dev = o.npDevice ?? 10200;
  const server = (name: string, prio: number, ip: string, use: string) => `
  <server name="${name}">
    <priority>${prio}</priority>
    <device id="0"><type>lan</type><info>${ip}</info></device>
    ${use === "none" ? "" : `<device id="${dev}"><type>ping</type><info>${use}</info></device>`}
  </server>`;
  const targets = (o.pingTargets ?? ["10.0.0.254"]).map((ip, i) => `<list id="${i}"><ip>${ip}</ip></list>`).join("");
  return Buffer.from(`<?xml version="1.0" encoding="ASCII"?>
<root>
  <webmgr><client><objectnumber>1</objectnumber></client></webmgr>
  <all><charset>ASCII</charset><serveros>linux</serveros><encode>ASCII</encode></all>
  <cluster><name>c</name><comment/><networkpartition><npaction>1</npaction></networkpartition></cluster>
  ${server("server1", 0, "10.0.0.1", o.pingDevice?.server1 ?? "1")}
  ${server("server2", 1, "10.0.0.2", o.pingDevice?.server2 ?? "1")}
  <heartbeat><types name="lankhb"/><lankhb name="lankhb1"><priority>0</priority><device>0</device></lankhb></heartbeat>
  <networkpartition><types name="pingnp"/><pingnp name="pingnp1"><priority>0</priority><device>${dev}</device><grp id="0">${targets}</grp></pingnp></networkpartition>
  <group name="failover"><comment/><gid>0</gid><resource name="volmgr@volmgr1"/><resource name="exec@exec1"/></group>
  <resource>
    <types name="volmgr"/><volmgr name="volmgr1"><comment/><parameters><type>lvm</type><devname>vg1</devname></parameters></volmgr>
    <types name="exec"/><exec name="exec1"><comment/><parameters><act><path>start.sh</path></act><deact><path>stop.sh</path></deact></parameters></exec>
  </resource>
  <monitor>
    <types name="userw"/><userw name="userw"><comment/><relation><type>cls</type><name>LocalServer</name></relation></userw>
    ${o.monitors ?? ""}
  </monitor>
</root>
`, "latin1");
}

const recovering = (group = "failover", extra = "") => `<relation><type>grp</type><name>${group}</name></relation><emergency><threshold><restart>0</restart></threshold>${extra}</emergency>`;
const GENW = `<types name="genw"/><genw name="genw1"><comment/><parameters><path>genw.sh</path></parameters>${recovering()}</genw>`;
const IPW = `<types name="ipw"/><ipw name="ipw1"><comment/><parameters><list id="0"><ip>10.0.0.253</ip></list><list id="1"><ip>10.0.0.252</ip></list></parameters>${recovering()}</ipw>`;
const MIIW = `<types name="miiw"/><miiw name="miiw1"><comment/><parameters><object>eth1</object></parameters>${recovering()}</miiw>`;
const VOLMGRW = `<types name="volmgrw"/><volmgrw name="volmgrw1"><comment/><parameters><devname>vg1</devname></parameters><target>volmgr1</target>${recovering()}</volmgrw>`;

function running(o: ConfOptions = {}) {
  const { nodes } = fakeNodes("linux", "server1", "server2");
  let t = Date.UTC(2026, 0, 1, 9, 0, 0);
  const sim = new ClusterSim({ nodes, now: () => new Date((t += 1000)) });
  sim.push(conf(o));
  sim.startCluster();
  const events = () => sim.events.map((e) => e.message);
  return { sim, nodes, events, where: () => sim.groupLocation("failover") };
}

describe("lab: genw, ipw, miiw, volmgrw monitors and ping network partition resolution", () => {
  it("genw: an injected script failure on the active server fails the group over; the other server is fine", () => {
    const { sim, events, where } = running({ monitors: GENW });
    assert.equal(where(), "server1");
    sim.tick();
    assert.equal(sim.status().monitors.find((m) => m.name === "genw1")?.status, "Normal");
    sim.setMonitorFault("genw1", "server1");
    const seen = events().length;
    sim.tick();
    assert.equal(where(), "server2");
    assert.deepEqual(events().slice(seen).filter((e) => /genw1|Failover/.test(e)), [
      "Monitor genw1 detected an error on server1.", "Failover group failover has started (monitor genw1).", "Failover group failover has completed.",
    ]);
    sim.tick();
    assert.equal(sim.status().monitors.find((m) => m.name === "genw1")?.status, "Normal", "genw runs fine on server2");
  });

  it("genw: when the failovers are used up, the final action (2: stop the group) is taken once", () => {
    const { sim, events, where } = running({ monitors: GENW.replace("<threshold><restart>0</restart></threshold>", "<threshold><restart>0</restart><fo>0</fo></threshold><action>2</action>") });
    sim.setMonitorFault("genw1", "server1");
    sim.tick();
    sim.tick();
    assert.equal(where(), null);
    assert.equal(events().filter((e) => e === "Monitor genw1: final action on server1: stop group failover.").length, 1);
  });

  it("genw recovering the local server: its final action (3: stop the cluster service) on that server", () => {
    const local = GENW.replace(recovering(), `<relation><type>cls</type><name>LocalServer</name></relation><emergency><threshold><restart>0</restart></threshold><action>3</action></emergency>`);
    const { sim, events, where } = running({ monitors: local });
    sim.setMonitorFault("genw1", "server2");
    sim.tick();
    assert.ok(events().includes("Monitor genw1: final action on server2: stop the cluster service."), events().join("\n"));
    assert.equal(sim.status().servers.find((s) => s.name === "server2")?.clusterService, "stopped");
    assert.equal(where(), "server1", "the group on server1 keeps running");
  });

  it("ipw: an error only when none of its addresses answers from the active server", () => {
    const { sim, where } = running({ monitors: IPW });
    sim.setUnreachable("10.0.0.253");
    sim.tick();
    assert.equal(where(), "server1", "10.0.0.252 still answers");
    sim.setUnreachable("10.0.0.252", true, "server1");
    sim.tick();
    assert.equal(where(), "server2");
    assert.equal(sim.status().monitors.find((m) => m.name === "ipw1")?.status, "Normal", "server2 still reaches 10.0.0.252");
  });

  it("miiw: the watched NIC's link going down on the active server fails the group over", () => {
    const { sim, nodes, where } = running({ monitors: MIIW });
    for (const n of nodes) n.nics.set("eth1", true);
    sim.tick();
    assert.equal(where(), "server1");
    nodes[0].nics.set("eth1", false);
    sim.tick();
    assert.equal(where(), "server2");
  });

  it("volmgrw: active while its volmgr is; an injected fault (the volume group gone) fails the group over", () => {
    const { sim, where } = running({ monitors: VOLMGRW });
    assert.equal(sim.status().monitors.find((m) => m.name === "volmgrw1")?.status, "Normal");
    sim.setMonitorFault("volmgrw1", "server1");
    sim.tick();
    assert.equal(where(), "server2");
    sim.stopGroup("failover");
    assert.equal(sim.status().monitors.find((m) => m.name === "volmgrw1")?.status, "Offline");
  });

  it("pingnp: clpstat lists each using server's ping resolution, Error while none of its targets answers", () => {
    const { sim } = running({ pingTargets: ["10.0.0.254"], pingDevice: { server1: "1", server2: "0" } });
    const np = (server: string) => sim.status().servers.find((s) => s.name === server)?.heartbeats.find((h) => h.name === "pingnp1");
    assert.deepEqual(np("server1"), { name: "pingnp1", type: "pingnp", status: "Normal", description: "ping resolution" });
    assert.equal(np("server2"), undefined, "server2 does not use it (its device says 0)");
    sim.setUnreachable("10.0.0.254", true, "server1");
    assert.equal(np("server1")?.status, "Error");
    assert.match(sim.exec("server1", ["clpstat"]).stdout, /pingnp1 +: Error +ping resolution/);
  });

  it("pingnp: a push a real cluster would refuse is refused with the reason, and nothing changes", () => {
    const { nodes } = fakeNodes("linux", "server1", "server2");
    const sim = new ClusterSim({ nodes });
    const refused = (o: ConfOptions, reason: RegExp) => {
      assert.throws(() => sim.push(conf(o)), reason);
      assert.equal(sim.hasConfig(), false);
    };
    refused({ pingTargets: ["gateway"] }, /pingnp "pingnp1" pings "gateway", which is not an IPv4 address/);
    refused({ pingDevice: { server2: "none" } }, /pingnp "pingnp1" uses device 10200, which server server2 does not have/);
    refused({ npDevice: 10100 }, /pingnp "pingnp1" uses device 10100; ping NP devices are 10200-10299/);
    refused({ pingDevice: { server1: "0", server2: "0" } }, /pingnp "pingnp1" is used by no server/);
    refused({ pingDevice: { server1: "yes" } }, /server server1's ping device 10200 says "yes"; it must be 1/);
  });
});
