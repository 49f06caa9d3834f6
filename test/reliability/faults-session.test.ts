// Fault injection at every remote step of a converging apply, in-process against the lab (the
// engine-run half is faults-engine.test.ts): a command that fails (each agent op and each clp*
// program, at its first use in the apply), the connection dropped at each request, a node down.
// After every fault: the commit fails with a message naming the node and the step (or survives the
// fault), clp.conf on every server still parses, the mirrored data is intact, and a re-run converges.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import { closeAllHosts } from "../../provider/engine/connections";
import { clusterFragment, floatingIpFragment, groupFragment, mirrorDiskFragment } from "../../provider/clusterpro/plan";
import { readStateOps, workDirs } from "../../provider/engine/sequences";
import { ClusterSession, type ClusterTarget } from "../../provider/engine/session";
import { runAgent } from "../../provider/remote/host";
import { WinRmClient } from "../../provider/remote/winrm";
import type { Lab, LabInfo } from "../../sim/lab";
import { startWindowsSessionLab } from "../support/session-lab";

const PASSWORD = "Lab-faults-session-Pa55";
const SERVERS = ["server01", "server02"];
/**
 * Each command or op the lab makes fail at its first use, and what must happen: the commit survives (the op's
 * result is not needed), or it fails with a message naming the node it ran on (the master, server01) and the
 * step of the sequence that failed (the step label of the read or apply batch).
 */
const FAULTS: Record<string, RegExp | "survives"> = {
  facts: "survives",
  "file.mkdir": "survives",
  clpcfctrl: /clpcfctrl --pull/,
  "file.read": /clpcfctrl --pull/,
  "file.stat": "survives",
  clpstat: /clpstat --long/,
  "lock.acquire": /take the cluster lock/,
  "file.sha256": /verify that clp\.conf is unchanged since it was read/,
  "file.delete": "survives",
  "file.copy": /prepare the configuration folder/,
  "file.write": /write the configuration/,
  clpgrp: /clpgrp -t failover/,
  clpcl: /clpcl --suspend -a/,
  "lock.release": "survives",
};
const FAULT_NAMES = Object.keys(FAULTS);
/** A RemoteError's message: "<node>: <step>: <what happened>", for this node and step. */
const namesNodeAndStep = (node: string, step: RegExp) => new RegExp(`^${node}: (${step.source})[^\\n]*?: \\S`);

describe("reliability: a fault at every remote step of a converging apply (session, in-process)", function () {
  this.timeout(180_000);
  let lab: Lab;
  let dir: string;
  let target: ClusterTarget;
  let address = 100;
  const captured: string[] = [];

  // Each server's md block names its own volumes' GUIDs, as the MirrorDisk resource reads them (the lab refuses an md without).
  const volumes = () => SERVERS.map((s) => ({ server: s, volumeGuid: lab.node(s).volumeGuid("E") as string, cpVolumeGuid: lab.node(s).volumeGuid("D") as string }));
  const desired = () => [
    { label: 'Cluster "c"', fragment: clusterFragment({ name: "S", language: "en", os: "windows", servers: SERVERS, interconnects: [{ priority: 1, kind: "kernel", mdc: "mdc1", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] }) },
    { label: 'FailoverGroup "g"', fragment: groupFragment({ os: "windows", name: "failover", autoStart: true, failover: "auto", failback: "manual", resources: [] }) },
    { label: 'MirrorDisk "md"', fragment: mirrorDiskFragment({ group: "failover", name: "md", os: "windows", servers: SERVERS, dataPartition: "E:", clusterPartition: "D:", mirrorConnects: ["mdc1"], monitor: true, volumes: volumes() }), requiresGroups: ["failover"] },
    { label: 'FloatingIp "fip"', fragment: floatingIpFragment({ group: "failover", name: "fip", address: `10.0.0.${address}`, monitor: true }), requiresGroups: ["failover"] },
  ];
  const converge = async () => {
    const s = new ClusterSession({ ...target });
    return Promise.all(desired().map((m) => s.commit(m)));
  };
  const confs = () => SERVERS.filter((n) => lab.node(n).isUp()).map((n) => ({ n, bytes: lab.cluster.conf(n) }));
  const assertConfValid = () => {
    for (const { n, bytes } of confs()) {
      assert.ok(bytes, `${n} has clp.conf`);
      const m = readModel(parseClpConf(bytes));
      assert.ok(m.groups.some((g) => g.name === "failover"), `${n}: clp.conf still has the group`);
    }
  };
  const assertDataIntact = () => {
    const holders = SERVERS.filter((n) => lab.node(n).fs.exists("E:\\spool.dat"));
    assert.ok(holders.length > 0, "the mirrored file is on a data partition");
    for (const h of holders) assert.equal(lab.node(h).fs.readFile("E:\\spool.dat").toString(), "print job 42");
  };
  const clearFaults = async () => {
    Object.assign(lab.faults, { latencyMs: 0, dropAt: {}, failCommands: {}, hangCommands: {} });
    for (const n of SERVERS) if (!lab.node(n).isUp()) await lab.recover(n);
  };

  /** Injects, runs one converging commit (a floating-IP change: stop group → suspend → push → resume → start), checks, re-runs. */
  async function faultCase(inject: () => void | Promise<void>, expected?: { node: string; step: RegExp } | "survives"): Promise<{ failed: boolean; message?: string }> {
    address++;
    await inject();
    let outcome: { failed: boolean; message?: string } = { failed: false };
    try {
      await converge();
    } catch (e) {
      outcome = { failed: true, message: (e as Error).message };
      captured.push(outcome.message as string);
    }
    await clearFaults();
    if (expected === "survives") assert.equal(outcome.failed, false, `the commit survives the fault: ${outcome.message}`);
    else if (expected) {
      assert.ok(outcome.failed, "the commit fails");
      assert.match(outcome.message as string, namesNodeAndStep(expected.node, expected.step), `the error names node ${expected.node} and step ${expected.step.source}`);
    } else if (outcome.failed) assert.match(outcome.message as string, /^server0[12]: /, `the error names the node: ${outcome.message}`);
    assertConfValid();
    assertDataIntact();
    await closeAllHosts(); // the next run reconnects, as a new `pulumi up` would
    await converge();
    const fip = readModel(parseClpConf(lab.cluster.conf("server01") as Buffer)).resources.find((r) => r.name === "fip") as { ip?: string };
    assert.equal(fip.ip, `10.0.0.${address}`, "the re-run converged");
    assert.equal(lab.node("server01").fs.exists(workDirs("windows").lock), false, "the lock is released");
    assertDataIntact();
    return outcome;
  }

  before(async () => {
    ({ dir, lab, target } = await startWindowsSessionLab("clusterpro-rel-faults-", PASSWORD, SERVERS));
    await converge();
    assert.match(lab.cluster.statusText(), /failover \.+: Online/);
    const active = SERVERS.find((n) => new RegExp(`failover \\.+: Online\\s*\\r?\\n\\s+current +: ${n}`).test(lab.cluster.statusText())) as string;
    lab.node(active).fs.writeFile("E:\\spool.dat", Buffer.from("print job 42"));
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(captured.filter((m) => m.includes(PASSWORD)), [], "no error message holds the password");
  });

  for (const name of FAULT_NAMES) {
    it(`command fails: ${name} (its first use in the apply)`, async () => {
      const want = FAULTS[name];
      const r = await faultCase(() => void (lab.faults.failCommands[name] = 1), want === "survives" ? want : { node: "server01", step: want });
      if (want !== "survives") assert.match(r.message as string, /fault injected by clusterpro-lab|could not be read/, "the message says what the node said");
      if (r.failed) console.log(`      ${name}: ${r.message?.split("\n")[0]}`);
      else console.log(`      ${name}: survived (the result of that op is not needed)`);
    });
  }

  it("connection dropped at each request of the apply", async function () {
    this.timeout(240_000);
    // How many requests a converging commit makes on the master.
    await clearFaults();
    lab.resetStats();
    address++;
    await converge();
    const requests = lab.stats.get("server01")!.requests;
    assert.ok(requests > 3 && requests < 200, `${requests} requests`);
    const failures: string[] = [];
    for (let k = 1; k <= requests; k++) {
      const r = await faultCase(() => void (lab.faults.dropAt.server01 = k));
      if (r.failed) failures.push(`${k}: ${r.message?.split("\n")[0]}`);
    }
    console.log(`      ${requests} drop points: ${failures.length} failed the commit (each naming node and step), the rest were retried`);
  });

  for (const down of SERVERS) {
    it(`node down: ${down}`, async () => {
      // The other server becomes the master; the push is refused while a server is unreachable, and what the
      // sequence stopped is started again.
      const other = SERVERS.find((n) => n !== down) as string;
      const r = await faultCase(() => lab.fail(down), { node: other, step: /clpcfctrl --push/ });
      console.log(`      ${down} down: ${r.failed ? r.message?.split("\n")[0] : "the commit went through the other server"}`);
    });
  }

  it("time-out: a hung agent batch (read, lock, apply) is abandoned with the node and step named, nothing half-applied", async () => {
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
    const host = new WinRmClient({ name: "server01", host: "127.0.0.1", port: info.nodes[0].winrm!.httpPort, auth: { type: "ntlm", username: "Administrator", password: PASSWORD } });
    try {
      const before = lab.cluster.conf("server01");
      lab.faults.hangCommands.agent = 1;
      await assert.rejects(runAgent(host, readStateOps("windows"), { timeoutMs: 1500 }), /^RemoteError|server01: agent\.run: the agent did not finish within 1500 ms/);
      assert.ok(before?.equals(lab.cluster.conf("server01") as Buffer), "clp.conf unchanged");
      assertConfValid();
      assertDataIntact();
    } finally {
      await host.close();
      await clearFaults();
    }
  });
});
