// Shared setup for the cluster-model tests: the seed-000 PrintPort lab on fake nodes.
// test/fixtures/sim/printport-clp.conf is the seed-000 cluster (docs/seed-digest/000-printport-acos4.md) written the
// way the real Windows files in shared/fixtures/clpconf-real are: SJIS declaration and a Japanese comment (so the
// bytes are really Shift_JIS), CRLF line endings, tab indentation, 2 servers with lan devices 0/1 and mdc devices
// 400 (mdc1, 192.168.2.x mirror-only) / 401 (mdc2, public LAN), lankhb1/2, group failover (fip 192.168.1.14, md E:/D:
// with per-server volume GUIDs, service PrintPort_SPL with the 30 s stop time-out), group NIC_disable (startup
// servers server02 then server01, manual failover, non-resident appli disable.bat/enable.bat), the X3 management
// group (fip 192.168.1.13), monitors userw/fipw1/mdw1/mdnw1/servicew1 and objectnumber 23 (cal_obj_num()).
// The service's stop time-out element (parameters/timeout/stop) is a guess: no public service XML shows it.
import * as fs from "node:fs";
import * as path from "node:path";
import { strict as assert } from "node:assert";
import { repoRoot } from "../../support/paths";
import { ClusterSim, type ExecResult } from "../../../sim/cluster";
import { fakeNodes, type FakeNode, type FakeWorld } from "./fake-node";

export const printportConfPath = path.join(repoRoot, "test", "fixtures", "sim", "printport-clp.conf");
export const printportConf = (): Buffer => fs.readFileSync(printportConfPath);

/** The per-server volume GUIDs the fixture's md names (its <server> blocks): those a fresh lab's server01/server02 have. */
export const PRINTPORT_VOLUME_GUIDS = {
  server01: { E: "b256c61a-5649-446e-b7d0-ad3e34a6d9ff", D: "d2e068fb-497b-4d09-8c0d-e3bbddb1fe88" },
  server02: { E: "0b1f5494-0cd4-469a-85b7-16e11ca03e0f", D: "7215da8d-8cef-4ee5-a3c4-df432d2039f0" },
} as const;

export interface Lab {
  sim: ClusterSim;
  world: FakeWorld;
  s1: FakeNode;
  s2: FakeNode;
  run(node: string, ...argv: string[]): ExecResult;
  ok(node: string, ...argv: string[]): string[];
}

export function lines(r: ExecResult): string[] {
  const l = r.stdout.split(/\r?\n/);
  if (l[l.length - 1] === "") l.pop();
  return l;
}

/** Two Windows nodes as the seed's step ④/⑨ leaves them, with the PrintPort configuration staged on server01. */
export function printportLab(opts: { push?: boolean } = {}): Lab {
  const { world, nodes } = fakeNodes("windows", "server01", "server02");
  const [s1, s2] = nodes;
  for (const n of nodes) n.addService("PrintPort_SPL", "PrintPort Spooler Service");
  // The volumes the fixture's md names for each server (E: data, D: cluster partition), as on the real servers.
  for (const [node, guids] of [[s1, PRINTPORT_VOLUME_GUIDS.server01], [s2, PRINTPORT_VOLUME_GUIDS.server02]] as const) {
    node.volumeGuids.set("E", guids.E);
    node.volumeGuids.set("D", guids.D);
  }
  s1.fs.mkdir("C:\\work\\conf");
  s1.fs.writeFile("C:\\work\\conf\\clp.conf", printportConf());
  let t = Date.UTC(2026, 0, 1, 9, 0, 0);
  const sim = new ClusterSim({ nodes, now: () => new Date((t += 1000)) });
  const run = (node: string, ...argv: string[]) => sim.exec(node, argv);
  const ok = (node: string, ...argv: string[]) => {
    const r = run(node, ...argv);
    assert.equal(r.exitCode, 0, `${argv.join(" ")} on ${node} failed: ${r.stderr}${r.stdout}`);
    return lines(r);
  };
  const lab: Lab = { sim, world, s1, s2, run, ok };
  if (opts.push !== false) ok("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
  return lab;
}
