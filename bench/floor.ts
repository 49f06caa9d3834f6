// `npx ts-node bench/floor.ts`: the floor under the bench's "cpu ms/resource" and "peak RSS MB" figures. A stack of
// dynamic resources whose provider does nothing (check answers its inputs, diff answers "no change") is run through
// the same engine, program host and dynamic-provider host as the bench's synthetic rows, with as many resources as
// the row <nodes>x<groups> (nodes + 1 + 2 x groups), and the same no-op preview measured the same way
// (ProviderSampler: /proc utime + stime and VmHWM of the dynamic-provider process). Two variants:
//   - "row-sized inputs": every resource carries inputs the size of a FloatingIp's in that row (the cluster target with
//     every node's connection and CA certificate, the bootstrap plan), so the host's per-call decoding is the same;
//   - "tiny inputs": a name and an address only.
// What a do-nothing provider costs is what the Node.js dynamic-provider host costs (its start, loading
// @pulumi/pulumi, and each gRPC call's protobuf decoding); the provider's own share is the row minus the floor.
// No lab is started; nothing leaves the machine. Writes bench/results/floor.json.
//
// Environment: BENCH_FLOOR_ROW (default "16x64"), BENCH_RUNS (no-op previews per variant, default 3).
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiProject } from "../test/support/pulumi-project";
import { median, ProviderSampler, round } from "./lib";

const ROW = process.env.BENCH_FLOOR_ROW ?? "16x64";
const m = /^(\d+)x(\d+)$/.exec(ROW);
if (!m || Number(m[1]) < 2 || Number(m[2]) < 1) {
  console.error(`bench/floor: BENCH_FLOOR_ROW must be <nodes>x<groups> (at least 2 nodes and 1 group), got "${ROW}"`);
  process.exit(2);
}
const NODES = Number(m[1]);
const GROUPS = Number(m[2]);
const RESOURCES = NODES + 1 + 2 * GROUPS;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

/** A program of RESOURCES do-nothing dynamic resources; `rowSized`: inputs shaped and sized like the row's FloatingIp. */
function program(rowSized: boolean): string {
  return `
import * as pulumi from "@pulumi/pulumi";
const names = Array.from({ length: ${NODES} }, (_, i) => "server" + String(i + 1).padStart(2, "0"));
// A CA certificate's PEM is about 1.1 kB, like each lab node's.
const pem = (i: number) => "-----BEGIN CERTIFICATE-----\\n" + String(i).padStart(4, "0").repeat(270) + "\\n-----END CERTIFICATE-----\\n";
const connections = pulumi.secret(names.map((name, i) => ({ name, connection: { transport: "winrm", host: "127.0.0.1", port: 40000 + i, https: true,
  caCertPem: pem(i), username: "Administrator", password: "not-a-secret", insecureSkipVerify: false } })));
const target = ${rowSized} ? { clusterName: "Wide", serverOs: "windows", servers: names, maxDisruption: "cluster", connections, stack: "floor/lab", takeOver: false } : {};
const bootstrap = ${rowSized} ? { bootstrap: { cluster: { name: "Wide", language: "en", servers: names,
  interconnects: [{ priority: 1, kind: "kernel", addresses: Object.fromEntries(names.map((s, i) => [s, "10.0.0." + (i + 1)])) }] }, group: { name: "g1", failover: "auto" } } } : {};
const provider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: any, news: any) { return { inputs: news }; },
  async diff() { return { changes: false }; },
  async create(inputs: any) { return { id: String(inputs.name), outs: inputs }; },
};
for (let i = 0; i < ${RESOURCES}; i++) {
  new pulumi.dynamic.Resource(provider, "r" + i, { ...target, name: "r" + i, address: "10.1." + Math.floor(i / 200) + "." + (i % 200 + 10), ...bootstrap });
}
`;
}

async function variant(label: string, rowSized: boolean) {
  const project = PulumiProject.create(`benchfloor${rowSized ? "row" : "tiny"}`, program(rowSized));
  try {
    await project.run(["stack", "init", "lab"]);
    await project.run(["up"], { timeoutMs: 900_000 });
    const runs: { cpuMs: number; peakRssMb: number; ms: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const sampler = new ProviderSampler(project.dir);
      sampler.start();
      const t = Date.now();
      try {
        await project.run(["preview"], { timeoutMs: 600_000 });
      } finally {
        sampler.stop();
      }
      const s = sampler.stop();
      runs.push({ cpuMs: s.cpuMs, peakRssMb: s.peakRssMb, ms: Date.now() - t });
    }
    const cpuMsPerResource = round(median(runs.map((r) => r.cpuMs)) / RESOURCES, 1);
    const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
    process.stderr.write(`[floor] ${label}: ${cpuMsPerResource} ms CPU per resource (no-op preview, median of ${RUNS}), peak RSS ${peakRssMb} MB\n`);
    return { variant: label, cpuMsPerResource, peakRssMb, previewMsMedian: median(runs.map((r) => r.ms)), runs };
  } finally {
    project.dispose();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const results = [await variant("row-sized inputs", true), await variant("tiny inputs", false)];
  const out = path.join(__dirname, "results", "floor.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), row: ROW, resources: RESOURCES, runsPerMedian: RUNS, results }, null, 2)}\n`);
  console.log(`\ndo-nothing dynamic provider, ${RESOURCES} resources (row ${ROW}), no-op preview:`);
  for (const r of results) console.log(`  ${r.variant.padEnd(17)} ${String(r.cpuMsPerResource).padStart(6)} ms CPU per resource   peak RSS ${r.peakRssMb} MB`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
