// `npm run bench`: round trips, pushes, wall time under injected latency, the one-setting-per-round-trip
// baseline, provider CPU and memory, all measured against the local lab through the real Pulumi
// engine. Prints a table and writes bench/results/latest.json (docs/benchmarks.md explains each figure).
//
// Environment: BENCH_RUNS (runs per median, default 3), BENCH_NODES (default "2,16,4,8"),
// BENCH_GROUPS (default "1,8,64"), BENCH_LATENCY_MS (default 20).
import * as fs from "node:fs";
import * as path from "node:path";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../test/support/lab-stack";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../test/support/seed000";
import { SEED003_INSTALLS, SEED003_PROGRAM } from "../test/support/seed003";
import { workDirs } from "../provider/engine/sequences";
import { baselineRead, labHosts, maxPerNode, median, ProviderSampler, providerRead, round, roundTrips, settingsOf, syntheticProgram, totalRoundTrips, windowsNodes } from "./lib";

const PASSWORD = "Bench-lab-Pa55";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
// The 2- and 16-node rows first: their ratio is a target, and the time budget may cut the rest.
const NODES = (process.env.BENCH_NODES ?? "2,16,4,8").split(",").filter(Boolean).map(Number);
const GROUPS = (process.env.BENCH_GROUPS ?? "1,8,64").split(",").filter(Boolean).map(Number);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 20);
/**
 * Engine parallelism for preview/up: 256 lets a whole wide stack reach the provider together (one
 * commit). BENCH_PARALLEL=default measures the engine's default (4 x cores).
 */
const PARALLEL = process.env.BENCH_PARALLEL ?? "256";
const par = (args: string[]) => (PARALLEL === "default" ? args : [...args, "--parallel", PARALLEL]);
const BUDGET_MS = 15 * 60_000;
const started = Date.now();

const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${s}\n`);

function overBudget(): boolean {
  return Date.now() - started > BUDGET_MS;
}

interface Timed {
  ms: number;
  roundTrips: ReturnType<typeof roundTrips>;
  pushes: number;
  provider: ReturnType<ProviderSampler["stop"]>;
}

/** Runs one engine command with fresh lab counters, timing it and sampling the provider process. */
async function timed(stack: LabStack, args: string[]): Promise<Timed> {
  stack.lab.resetStats();
  const sampler = new ProviderSampler(stack.project.dir);
  sampler.start();
  const t = Date.now();
  let ms: number;
  try {
    await stack.project.run(par(args), { timeoutMs: 600_000 });
    ms = Date.now() - t;
  } finally {
    sampler.stop();
  }
  return { ms, roundTrips: roundTrips(stack.lab), pushes: stack.lab.cluster.pushes(), provider: sampler.stop() };
}

async function noops(stack: LabStack, runs: number) {
  const previews: Timed[] = [];
  const ups: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    previews.push(await timed(stack, ["preview"]));
    ups.push(await timed(stack, ["up", "--expect-no-changes"]));
  }
  return { previews, ups };
}

async function seed000() {
  log("seed-000: converging up from empty, then no-op preview/up");
  const stack = await startLabStack({ project: "benchseed", program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes });
  try {
    stack.lab.faults.latencyMs = LATENCY;
    const converge = await timed(stack, ["up"]);
    const { previews, ups } = await noops(stack, RUNS);
    const refreshes: Timed[] = [];
    for (let i = 0; i < RUNS; i++) refreshes.push(await timed(stack, ["preview", "--refresh"]));
    const resources = stack.project.checkpoint("benchseed", "lab").resources;
    const clusterResources = resources.filter((r) => r.type.includes("clusterpro") || r.type.includes("dynamic")).length;
    // The baseline: the same state, one setting per round trip, same lab, same latency.
    const settings = settingsOf(resources);
    const hosts = labHosts(path.join(stack.labDir, "lab.json"), PASSWORD);
    try {
      await providerRead(hosts); // warm the connections (shells) on both sides
      stack.lab.resetStats();
      const providerMs: number[] = [];
      for (let i = 0; i < RUNS; i++) providerMs.push(await providerRead(hosts));
      const providerTrips = totalRoundTrips(roundTrips(stack.lab)) / RUNS;
      stack.lab.resetStats();
      const baselineMs = [await baselineRead(hosts, settings, workDirs("windows").installedConf)];
      const baselineTrips = totalRoundTrips(roundTrips(stack.lab));
      for (let i = 1; i < RUNS; i++) baselineMs.push(await baselineRead(hosts, settings, workDirs("windows").installedConf));
      const noopPreviewTrips = totalRoundTrips(previews[0].roundTrips);
      const refreshTrips = totalRoundTrips(refreshes[0].roundTrips);
      const refreshMs = median(refreshes.map((p) => p.ms));
      return {
        resources: clusterResources,
        converge,
        previews,
        ups,
        refreshes,
        baseline: {
          settings: settings.length,
          roundTrips: baselineTrips,
          roundTripsPerNode: Object.fromEntries(["server01", "server02"].map((n) => [n, settings.filter((s) => s.node === n).length])),
          readWallMsMedian: median(baselineMs),
          providerReadRoundTrips: providerTrips,
          providerReadWallMsMedian: median(providerMs),
          noopPreviewRoundTrips: noopPreviewTrips,
          noopPreviewWallMsMedian: median(previews.map((p) => p.ms)),
          refreshPreviewRoundTrips: refreshTrips,
          refreshPreviewRoundTripsPerNode: Object.fromEntries(Object.entries(refreshes[0].roundTrips).map(([n, r]) => [n, r.commands])),
          refreshPreviewWallMsMedian: refreshMs,
          roundTripRatioVsRefreshPreview: round(baselineTrips / Math.max(1, refreshTrips), 1),
          roundTripRatioVsProviderRead: round(baselineTrips / Math.max(1, providerTrips), 1),
          wallRatioVsProviderRead: round(median(baselineMs) / Math.max(1, median(providerMs)), 1),
          wallRatioVsRefreshPreview: round(median(baselineMs) / Math.max(1, refreshMs), 2),
        },
      };
    } finally {
      await Promise.allSettled(hosts.map((h) => h.close()));
    }
  } finally {
    await stack.dispose();
  }
}

/** Seed 003 (four ProductInstalls in one group): pushes to converge, then no-op round trips and pushes. */
async function seed003() {
  log("seed-003: converging up from empty, then no-op preview/up");
  const stack = await startLabStack({ project: "benchssc", program: SEED003_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: SEED003_INSTALLS.map((i) => i.product) });
  try {
    stack.lab.faults.latencyMs = LATENCY;
    const converge = await timed(stack, ["up"]);
    const { previews, ups } = await noops(stack, RUNS);
    return { converge, previews, ups };
  } finally {
    await stack.dispose();
  }
}

interface Row {
  nodes: number;
  groups: number;
  resources: number;
  convergeUpMs: number;
  convergePushes: number;
  previewMsMedian: number;
  upMsMedian: number;
  noopPreviewRoundTripsPerNodeMax: number;
  noopUpRoundTripsPerNodeMax: number;
  noopUpPushes: number;
  providerCpuMsPerResourceDiff: number;
  providerPeakRssMb: number;
  runs: number;
}

const failures: { nodes: number; groups: number; error: string }[] = [];

async function scaling(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of NODES) {
    for (const g of GROUPS) {
      if (overBudget()) break;
      log(`scaling: ${n} nodes x ${g} groups`);
      // A fresh lab and stack per row: every converging up starts from empty. (Growing one stack
      // from 1 to 8 groups fails today: docs/benchmarks.md, "bugs found".)
      const stack = await startLabStack({ project: `benchwide${n}x${g}`, program: syntheticProgram(n), nodes: windowsNodes(n), password: PASSWORD });
      try {
        stack.lab.faults.latencyMs = LATENCY;
        await stack.project.run(["config", "set", "groups", String(g)]);
        const converge = await timed(stack, ["up"]);
        const { previews, ups } = await noops(stack, RUNS);
        const resources = n + 1 + 2 * g;
        const row: Row = {
          nodes: n,
          groups: g,
          resources,
          convergeUpMs: converge.ms,
          convergePushes: converge.pushes,
          previewMsMedian: median(previews.map((p) => p.ms)),
          upMsMedian: median(ups.map((p) => p.ms)),
          noopPreviewRoundTripsPerNodeMax: maxPerNode(previews[0].roundTrips),
          noopUpRoundTripsPerNodeMax: maxPerNode(ups[0].roundTrips),
          noopUpPushes: Math.max(...ups.map((u) => u.pushes)),
          providerCpuMsPerResourceDiff: round(median(previews.map((p) => p.provider.cpuMs)) / resources, 1),
          providerPeakRssMb: Math.max(...[converge, ...previews, ...ups].map((t) => t.provider.peakRssMb)),
          runs: RUNS,
        };
        log(JSON.stringify(row));
        rows.push(row);
      } catch (e) {
        const first = /error: [^\n]*/.exec((e as Error).message)?.[0] ?? (e as Error).message.split("\n")[0];
        log(`${n} x ${g} failed: ${first}`);
        failures.push({ nodes: n, groups: g, error: first });
      } finally {
        await stack.dispose();
      }
    }
  }
  return rows;
}

function table(headers: string[], rows: (string | number)[][]): string {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => `| ${cells.map((c, i) => String(c).padEnd(w[i])).join(" | ")} |`;
  return [line(headers), `|${w.map((x) => "-".repeat(x + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const seed = await seed000();
  const ssc = await seed003();
  const rows = (await scaling()).sort((a, b) => a.nodes - b.nodes || a.groups - b.groups);
  const perNode = (t: Timed[]) => Math.max(...t.map((x) => maxPerNode(x.roundTrips)));
  const ratios = GROUPS.map((g) => {
    const small = rows.find((r) => r.nodes === Math.min(...NODES) && r.groups === g);
    const big = rows.find((r) => r.nodes === Math.max(...NODES) && r.groups === g);
    return {
      groups: g,
      preview: small && big ? round(big.previewMsMedian / small.previewMsMedian) : null,
      up: small && big ? round(big.upMsMedian / small.upMsMedian) : null,
      /** One converging up each (not a median): the only row kind with remote round trips under latency. */
      convergeUp: small && big ? round(big.convergeUpMs / small.convergeUpMs) : null,
    };
  });
  const widest = rows.find((r) => r.nodes === Math.max(...NODES) && r.groups === Math.max(...GROUPS));
  const result = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    latencyMsPerRequest: LATENCY,
    runsPerMedian: RUNS,
    noopPreviewRoundTripsPerNode: { "seed-000": perNode(seed.previews), synthetic: rows.length ? Math.max(...rows.map((r) => r.noopPreviewRoundTripsPerNodeMax)) : null, "seed-003": perNode(ssc.previews) },
    noopUpRoundTripsPerNode: { "seed-000": perNode(seed.ups), synthetic: rows.length ? Math.max(...rows.map((r) => r.noopUpRoundTripsPerNodeMax)) : null, "seed-003": perNode(ssc.ups) },
    pushesPerConvergingUp: { "seed-000": seed.converge.pushes, synthetic: rows.length ? Math.max(...rows.map((r) => r.convergePushes)) : null, "seed-003": ssc.converge.pushes },
    pushesPerNoopUp: { "seed-000": Math.max(...seed.ups.map((u) => u.pushes)), "seed-003": Math.max(...ssc.ups.map((u) => u.pushes)), synthetic: rows.length ? Math.max(...rows.map((r) => r.noopUpPushes)) : null },
    seed000: {
      resources: seed.resources,
      convergeUpMs: seed.converge.ms,
      previewMsMedian: median(seed.previews.map((p) => p.ms)),
      upMsMedian: median(seed.ups.map((p) => p.ms)),
      noopPreviewRoundTrips: seed.previews[0].roundTrips,
      noopUpRoundTrips: seed.ups[0].roundTrips,
      refreshPreviewRoundTrips: seed.refreshes[0].roundTrips,
      providerCpuMsPerResourceDiff: round(median(seed.previews.map((p) => p.provider.cpuMs)) / seed.resources, 1),
    },
    scaling: rows,
    scalingFailures: failures,
    engineParallel: PARALLEL,
    scalingRatio16over2: ratios,
    baseline: seed.baseline,
    providerAt16x64: widest ? { cpuMsPerResourceDiff: widest.providerCpuMsPerResourceDiff, peakRssMb: widest.providerPeakRssMb } : null,
    wallMs: Date.now() - started,
  };
  const out = path.join(__dirname, "results", "latest.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

  console.log(`\nclusterpro bench: ${LATENCY} ms injected per request, medians of ${RUNS} runs (${new Date().toISOString()})\n`);
  console.log(
    table(
      ["figure", "seed-000", "seed-003", "synthetic", "target"],
      [
        ["no-op preview round trips per node (max)", result.noopPreviewRoundTripsPerNode["seed-000"], result.noopPreviewRoundTripsPerNode["seed-003"], result.noopPreviewRoundTripsPerNode.synthetic ?? "-", "<= 2"],
        ["no-op up round trips per node (max)", result.noopUpRoundTripsPerNode["seed-000"], result.noopUpRoundTripsPerNode["seed-003"], result.noopUpRoundTripsPerNode.synthetic ?? "-", "<= 2"],
        ["clp.conf pushes per converging up", result.pushesPerConvergingUp["seed-000"], result.pushesPerConvergingUp["seed-003"], result.pushesPerConvergingUp.synthetic ?? "-", "1"],
        ["clp.conf pushes per no-op up", result.pushesPerNoopUp["seed-000"], result.pushesPerNoopUp["seed-003"], result.pushesPerNoopUp.synthetic ?? "-", "0"],
      ],
    ),
  );
  console.log("\nscaling (median wall ms)\n");
  console.log(
    table(
      ["nodes", "groups", "resources", "converge up", "no-op preview", "no-op up", "rt/node preview", "rt/node up", "cpu ms/resource", "peak RSS MB"],
      rows.map((r) => [r.nodes, r.groups, r.resources, r.convergeUpMs, r.previewMsMedian, r.upMsMedian, r.noopPreviewRoundTripsPerNodeMax, r.noopUpRoundTripsPerNodeMax, r.providerCpuMsPerResourceDiff, r.providerPeakRssMb]),
    ),
  );
  if (NODES.length > 1) console.log(`\nratio ${Math.max(...NODES)} nodes / ${Math.min(...NODES)} nodes (target <= 1.5): ${ratios.map((r) => `${r.groups} groups: preview ${r.preview}, up ${r.up} (converging up ${r.convergeUp})`).join("; ")}`);
  const b = seed.baseline;
  console.log(
    `baseline (seed-000, one setting per round trip): ${b.settings} settings = ${b.roundTrips} round trips, vs ${b.providerReadRoundTrips} the provider's way (x${b.roundTripRatioVsProviderRead}) ` +
      `and ${b.refreshPreviewRoundTrips} for a whole \`preview --refresh\` (x${b.roundTripRatioVsRefreshPreview}); ` +
      `read wall ${b.readWallMsMedian} ms vs ${b.providerReadWallMsMedian} ms the provider's way (x${b.wallRatioVsProviderRead}) and ${b.refreshPreviewWallMsMedian} ms for a whole \`preview --refresh\` (x${b.wallRatioVsRefreshPreview})`,
  );
  if (widest) console.log(`provider at ${widest.nodes} nodes x ${widest.groups} groups: ${widest.providerCpuMsPerResourceDiff} ms CPU per resource (no-op preview), peak RSS ${widest.providerPeakRssMb} MB`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${Math.round(result.wallMs / 1000)} s`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
