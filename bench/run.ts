// `npm run bench`: round trips, pushes, wall time under injected latency, the one-setting-per-round-trip
// baseline, provider CPU and memory, all measured against the local lab through the real Pulumi
// engine. Prints a table and writes bench/results/latest.json (docs/benchmarks.md explains each figure).
//
// Environment: BENCH_RUNS (runs per median, default 3), BENCH_NODES (default "2,16,4,8"),
// BENCH_GROUPS (default "1,8,64"), BENCH_LATENCY_MS (default 20),
// BENCH_ROWS (the rows to run, e.g. "seed-000,2x1,16x64@256"; default seed-000, seed-003 and the
// BENCH_NODES x BENCH_GROUPS grid; "@N" makes that row run preview/up with --parallel N, every other
// row uses the engine's default), BENCH_CPU_LOAD=1 (run every row twice: without, then with a busy
// loop at 100% of one core beside it), BENCH_BUDGET_MIN (default 15: rows that would start later are skipped).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../test/support/lab-stack";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../test/support/seed000";
import { SEED003_INSTALLS, SEED003_PROGRAM } from "../test/support/seed003";
import { workDirs } from "../provider/engine/sequences";
import { baselineRead, engineDefaultParallel, labHosts, maxPerNode, median, ProviderSampler, providerRead, round, roundTrips, settingsOf, syntheticProgram, totalRoundTrips, windowsNodes, withCpuLoad } from "./lib";

const PASSWORD = "Bench-lab-Pa55";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
// The 2- and 16-node rows first: their ratio is a target, and the time budget may cut the rest.
const NODES = (process.env.BENCH_NODES ?? "2,16,4,8").split(",").filter(Boolean).map(Number);
const GROUPS = (process.env.BENCH_GROUPS ?? "1,8,64").split(",").filter(Boolean).map(Number);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 20);
const BUDGET_ENV = process.env.BENCH_BUDGET_MIN ?? "15";
if (!/^\d+$/.test(BUDGET_ENV) || Number(BUDGET_ENV) < 1) fail(`BENCH_BUDGET_MIN must be a whole number of minutes (at least 1), got "${BUDGET_ENV}"`);
/** Rows that would start after this much wall time are skipped (and reported as skipped). */
const BUDGET_MS = Number(BUDGET_ENV) * 60_000;
const started = Date.now();

const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${s}\n`);

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

if (process.env.BENCH_PARALLEL !== undefined) {
  fail("BENCH_PARALLEL is gone: every row runs with the engine's default parallelism; give one row its own with BENCH_ROWS (e.g. BENCH_ROWS=16x64@256)");
}
const LOAD_ENV = process.env.BENCH_CPU_LOAD ?? "0";
if (LOAD_ENV !== "0" && LOAD_ENV !== "1") fail(`BENCH_CPU_LOAD must be 0 or 1, got "${LOAD_ENV}"`);
/** Without load always; with load too when BENCH_CPU_LOAD=1 (each row then runs twice, on a fresh lab each). */
const LOADS = LOAD_ENV === "1" ? [false, true] : [false];

interface RowSpec {
  name: string;
  kind: "seed-000" | "seed-003" | "synthetic";
  nodes: number;
  groups: number;
  /** --parallel for preview/up when the row states one; otherwise the engine's default. */
  parallel?: number;
}

function parseRows(): RowSpec[] {
  const env = process.env.BENCH_ROWS;
  const items = env ? env.split(",").map((x) => x.trim()).filter(Boolean) : ["seed-000", "seed-003", ...NODES.flatMap((n) => GROUPS.map((g) => `${n}x${g}`))];
  if (items.length === 0) fail("BENCH_ROWS is empty");
  return items.map((item) => {
    const m = /^(seed-000|seed-003|(\d+)x(\d+))(?:@(\d+))?$/.exec(item);
    if (!m) fail(`BENCH_ROWS: "${item}" is not a row (seed-000, seed-003 or <nodes>x<groups>, each optionally @<parallel>)`);
    const parallel = m[4] === undefined ? undefined : Number(m[4]);
    if (parallel !== undefined && parallel < 1) fail(`BENCH_ROWS: "${item}": the parallelism must be at least 1`);
    if (m[1] === "seed-000" || m[1] === "seed-003") return { name: m[1], kind: m[1], nodes: 2, groups: 1, parallel };
    const nodes = Number(m[2]);
    const groups = Number(m[3]);
    if (nodes < 2 || groups < 1) fail(`BENCH_ROWS: "${item}": a synthetic row needs at least 2 nodes and 1 group`);
    return { name: `${nodes}x${groups}`, kind: "synthetic", nodes, groups, parallel };
  });
}

const ROWS = parseRows();
const DEFAULT_PARALLEL = engineDefaultParallel();
const parallelLabel = (spec: RowSpec) => (spec.parallel === undefined ? DEFAULT_PARALLEL : `--parallel ${spec.parallel} (stated by the row)`);

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
async function timed(stack: LabStack, spec: RowSpec, args: string[]): Promise<Timed> {
  stack.lab.resetStats();
  const sampler = new ProviderSampler(stack.project.dir);
  sampler.start();
  const t = Date.now();
  let ms: number;
  const withParallel = spec.parallel === undefined ? args : [...args, "--parallel", String(spec.parallel)];
  try {
    await stack.project.run(withParallel, { timeoutMs: 600_000 });
    ms = Date.now() - t;
  } finally {
    sampler.stop();
  }
  return { ms, roundTrips: roundTrips(stack.lab), pushes: stack.lab.cluster.pushes(), provider: sampler.stop() };
}

async function noops(stack: LabStack, spec: RowSpec, runs: number) {
  const previews: Timed[] = [];
  const ups: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    previews.push(await timed(stack, spec, ["preview"]));
    ups.push(await timed(stack, spec, ["up", "--expect-no-changes"]));
  }
  return { previews, ups };
}

/** Resources of the stack that are the provider's (the ones it diffs and reads). */
function providerResources(stack: LabStack, project: string): number {
  return stack.project.checkpoint(project, "lab").resources.filter((r) => r.type.includes("clusterpro") || r.type.includes("dynamic")).length;
}

type Baseline = Awaited<ReturnType<typeof baseline>>;

/** Seed 000 only: the same state read one setting per round trip, against the provider's read batch. */
async function baseline(stack: LabStack, previews: Timed[], refreshes: Timed[]) {
  const resources = stack.project.checkpoint("benchseed", "lab").resources;
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
    };
  } finally {
    await Promise.allSettled(hosts.map((h) => h.close()));
  }
}

interface RowResult {
  row: string;
  kind: RowSpec["kind"];
  nodes: number;
  groups: number;
  load: boolean;
  /** The busy loop's measured share of one core over the row (load rows only). */
  loadCpuPctOfOneCore: number | null;
  loadPinnedCore: number | null;
  parallel: string;
  resources: number;
  convergeUpMs: number;
  /** clp.conf pushes the lab counted during each converging `pulumi up` of the row (one today). */
  pushesPerConvergingUp: number[];
  convergeUpRoundTripsPerNodeMax: number;
  convergeUpRoundTrips: ReturnType<typeof roundTrips>;
  previewMsMedian: number;
  upMsMedian: number;
  noopPreviewRoundTripsPerNodeMax: number;
  noopUpRoundTripsPerNodeMax: number;
  noopPreviewRoundTrips: ReturnType<typeof roundTrips>;
  noopUpRoundTrips: ReturnType<typeof roundTrips>;
  noopUpPushes: number;
  providerCpuMsPerResourceDiff: number;
  providerPeakRssMb: number;
  runs: number;
  refreshPreviewRoundTrips?: ReturnType<typeof roundTrips>;
  baseline?: Baseline;
}

const failures: { row: string; load: boolean; parallel: string; error: string }[] = [];

async function runRow(spec: RowSpec, load: boolean): Promise<RowResult> {
  const project = spec.kind === "seed-000" ? "benchseed" : spec.kind === "seed-003" ? "benchssc" : `benchwide${spec.nodes}x${spec.groups}`;
  // A fresh lab and stack per row: every converging up starts from empty.
  const stack =
    spec.kind === "seed-000"
      ? await startLabStack({ project, program: SEED000_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, prepare: prepareSeed000Nodes })
      : spec.kind === "seed-003"
        ? await startLabStack({ project, program: SEED003_PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: SEED003_INSTALLS.map((i) => i.product) })
        : await startLabStack({ project, program: syntheticProgram(spec.nodes), nodes: windowsNodes(spec.nodes), password: PASSWORD });
  try {
    stack.lab.faults.latencyMs = LATENCY;
    if (spec.kind === "synthetic") await stack.project.run(["config", "set", "groups", String(spec.groups)]);
    const converge = await timed(stack, spec, ["up"]);
    const { previews, ups } = await noops(stack, spec, RUNS);
    const refreshes: Timed[] = [];
    if (spec.kind === "seed-000") for (let i = 0; i < RUNS; i++) refreshes.push(await timed(stack, spec, ["preview", "--refresh"]));
    const resources = spec.kind === "synthetic" ? spec.nodes + 1 + 2 * spec.groups : providerResources(stack, project);
    return {
      row: spec.name,
      kind: spec.kind,
      nodes: spec.nodes,
      groups: spec.groups,
      load,
      loadCpuPctOfOneCore: null,
      loadPinnedCore: null,
      parallel: parallelLabel(spec),
      resources,
      convergeUpMs: converge.ms,
      pushesPerConvergingUp: [converge.pushes],
      convergeUpRoundTripsPerNodeMax: maxPerNode(converge.roundTrips),
      convergeUpRoundTrips: converge.roundTrips,
      previewMsMedian: median(previews.map((p) => p.ms)),
      upMsMedian: median(ups.map((p) => p.ms)),
      noopPreviewRoundTripsPerNodeMax: Math.max(...previews.map((p) => maxPerNode(p.roundTrips))),
      noopUpRoundTripsPerNodeMax: Math.max(...ups.map((u) => maxPerNode(u.roundTrips))),
      noopPreviewRoundTrips: previews[0].roundTrips,
      noopUpRoundTrips: ups[0].roundTrips,
      noopUpPushes: Math.max(...ups.map((u) => u.pushes)),
      providerCpuMsPerResourceDiff: round(median(previews.map((p) => p.provider.cpuMs)) / resources, 1),
      providerPeakRssMb: Math.max(...[converge, ...previews, ...ups].map((t) => t.provider.peakRssMb)),
      runs: RUNS,
      ...(spec.kind === "seed-000" ? { refreshPreviewRoundTrips: refreshes[0].roundTrips, baseline: await baseline(stack, previews, refreshes) } : {}),
    };
  } finally {
    await stack.dispose();
  }
}

async function runAll(): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for (const spec of ROWS) {
    for (const load of LOADS) {
      const label = `${spec.name}${load ? " with CPU load" : ""}, ${parallelLabel(spec)}`;
      if (overBudget()) {
        log(`${label}: skipped (over the ${BUDGET_MS / 60_000}-minute budget)`);
        failures.push({ row: spec.name, load, parallel: parallelLabel(spec), error: "skipped: over budget" });
        continue;
      }
      log(`${label}: converging up from empty, then no-op preview/up`);
      try {
        const { value, load: cpu } = await withCpuLoad(load, () => runRow(spec, load));
        if (cpu) {
          value.loadCpuPctOfOneCore = cpu.cpuPctOfOneCore;
          value.loadPinnedCore = cpu.pinnedCore;
          log(`busy loop pid ${cpu.pid} killed; it used ${cpu.cpuPctOfOneCore}% of one core${cpu.pinnedCore === null ? " (unpinned: no taskset)" : ` (pinned to core ${cpu.pinnedCore})`}`);
        }
        const { baseline: _b, convergeUpRoundTrips: _c, noopPreviewRoundTrips: _p, noopUpRoundTrips: _u, refreshPreviewRoundTrips: _r, ...brief } = value;
        log(JSON.stringify(brief));
        results.push(value);
      } catch (e) {
        const first = /error: [^\n]*/.exec((e as Error).message)?.[0] ?? (e as Error).message.split("\n")[0];
        log(`${label} failed: ${first}`);
        failures.push({ row: spec.name, load, parallel: parallelLabel(spec), error: first });
      }
    }
  }
  return results;
}

function table(headers: string[], rows: (string | number)[][]): string {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => `| ${cells.map((c, i) => String(c).padEnd(w[i])).join(" | ")} |`;
  return [line(headers), `|${w.map((x) => "-".repeat(x + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

const maxOf = (xs: number[]): number | null => (xs.length ? Math.max(...xs) : null);
const ratio = (a: number | undefined, b: number | undefined): number | null => (a !== undefined && b !== undefined && b > 0 ? round(a / b) : null);

async function main(): Promise<void> {
  log(`rows: ${ROWS.map((r) => `${r.name} [${parallelLabel(r)}]`).join(", ")}; ${LOADS.length > 1 ? "each without and with a CPU busy loop" : "without CPU load"}`);
  const all = await runAll();
  const plain = all.filter((r) => !r.load);
  const seed = plain.find((r) => r.kind === "seed-000");
  const ssc = plain.find((r) => r.kind === "seed-003");
  const synth = plain.filter((r) => r.kind === "synthetic").sort((a, b) => a.nodes - b.nodes || a.groups - b.groups || a.parallel.localeCompare(b.parallel));
  const synthNodes = [...new Set(synth.map((r) => r.nodes))];
  const synthGroups = [...new Set(synth.map((r) => r.groups))].sort((a, b) => a - b);
  const ratios = synthGroups.map((g) => {
    const small = synth.find((r) => r.nodes === Math.min(...synthNodes) && r.groups === g);
    const big = synth.find((r) => r.nodes === Math.max(...synthNodes) && r.groups === g);
    return {
      groups: g,
      preview: ratio(big?.previewMsMedian, small?.previewMsMedian),
      up: ratio(big?.upMsMedian, small?.upMsMedian),
      /** One converging up each (not a median): the only row kind with remote round trips under latency. */
      convergeUp: ratio(big?.convergeUpMs, small?.convergeUpMs),
    };
  });
  // Load / no-load, per row that ran both ways.
  const loadRatios = all
    .filter((r) => r.load)
    .map((l) => {
      const p = plain.find((r) => r.row === l.row && r.parallel === l.parallel);
      return {
        row: l.row,
        loadCpuPctOfOneCore: l.loadCpuPctOfOneCore,
        convergeUp: ratio(l.convergeUpMs, p?.convergeUpMs),
        noopPreview: ratio(l.previewMsMedian, p?.previewMsMedian),
        noopUp: ratio(l.upMsMedian, p?.upMsMedian),
        cpuPerResource: ratio(l.providerCpuMsPerResourceDiff, p?.providerCpuMsPerResourceDiff),
        pushesPerUp: { noLoad: p?.pushesPerConvergingUp ?? null, load: l.pushesPerConvergingUp },
      };
    });
  const widest = synth.length ? synth.reduce((a, b) => (b.nodes * 1000 + b.groups > a.nodes * 1000 + a.groups ? b : a)) : undefined;
  const synthMax = (f: (r: RowResult) => number) => maxOf(synth.map(f));
  const result = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    latencyMsPerRequest: LATENCY,
    runsPerMedian: RUNS,
    cpuLoad: LOADS.length > 1,
    engineDefaultParallel: DEFAULT_PARALLEL,
    rows: all,
    failures,
    noopPreviewRoundTripsPerNode: { "seed-000": seed?.noopPreviewRoundTripsPerNodeMax ?? null, "seed-003": ssc?.noopPreviewRoundTripsPerNodeMax ?? null, synthetic: synthMax((r) => r.noopPreviewRoundTripsPerNodeMax) },
    noopUpRoundTripsPerNode: { "seed-000": seed?.noopUpRoundTripsPerNodeMax ?? null, "seed-003": ssc?.noopUpRoundTripsPerNodeMax ?? null, synthetic: synthMax((r) => r.noopUpRoundTripsPerNodeMax) },
    pushesPerConvergingUp: { "seed-000": seed?.pushesPerConvergingUp ?? null, "seed-003": ssc?.pushesPerConvergingUp ?? null, synthetic: synthMax((r) => Math.max(...r.pushesPerConvergingUp)) },
    pushesPerNoopUp: { "seed-000": seed?.noopUpPushes ?? null, "seed-003": ssc?.noopUpPushes ?? null, synthetic: synthMax((r) => r.noopUpPushes) },
    scalingRatioLargestOverSmallestNodes: synthNodes.length > 1 ? { nodes: [Math.max(...synthNodes), Math.min(...synthNodes)], byGroups: ratios } : null,
    loadOverNoLoad: loadRatios,
    baseline: seed?.baseline ?? null,
    providerAtWidest: widest ? { nodes: widest.nodes, groups: widest.groups, cpuMsPerResourceDiff: widest.providerCpuMsPerResourceDiff, peakRssMb: widest.providerPeakRssMb } : null,
    wallMs: Date.now() - started,
  };
  const out = path.join(__dirname, "results", "latest.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

  const show = (x: number | number[] | null) => (x === null ? "-" : Array.isArray(x) ? x.join(", ") : x);
  console.log(`\nclusterpro bench: ${LATENCY} ms injected per request, medians of ${RUNS} runs (${new Date().toISOString()})`);
  console.log(`engine parallelism: ${DEFAULT_PARALLEL} for every row without its own; rows stating one: ${ROWS.filter((r) => r.parallel !== undefined).map((r) => `${r.name} --parallel ${r.parallel}`).join(", ") || "none"}\n`);
  console.log(
    table(
      ["figure (no CPU load)", "seed-000", "seed-003", "synthetic", "target"],
      [
        ["no-op preview round trips per node (max)", show(result.noopPreviewRoundTripsPerNode["seed-000"]), show(result.noopPreviewRoundTripsPerNode["seed-003"]), show(result.noopPreviewRoundTripsPerNode.synthetic), "<= 2"],
        ["no-op up round trips per node (max)", show(result.noopUpRoundTripsPerNode["seed-000"]), show(result.noopUpRoundTripsPerNode["seed-003"]), show(result.noopUpRoundTripsPerNode.synthetic), "<= 2"],
        ["clp.conf pushes per converging up", show(result.pushesPerConvergingUp["seed-000"]), show(result.pushesPerConvergingUp["seed-003"]), show(result.pushesPerConvergingUp.synthetic), "1"],
        ["clp.conf pushes per no-op up", show(result.pushesPerNoopUp["seed-000"]), show(result.pushesPerNoopUp["seed-003"]), show(result.pushesPerNoopUp.synthetic), "0"],
      ],
    ),
  );
  console.log("\nrows (wall ms: converging up is one run, no-op preview/up are medians; rt/node = max round trips on one node)\n");
  console.log(
    table(
      ["row", "load", "parallel", "resources", "pushes/up", "pushes no-op up", "rt/node converge", "rt/node preview", "rt/node up", "converge up ms", "no-op preview ms", "no-op up ms", "cpu ms/resource", "peak RSS MB"],
      all.map((r) => [
        r.row,
        r.load ? `busy loop ${r.loadCpuPctOfOneCore}%` : "none",
        r.parallel.startsWith("engine default") ? "default" : r.parallel.split(" ").slice(0, 2).join(" "),
        r.resources,
        r.pushesPerConvergingUp.join(", "),
        r.noopUpPushes,
        r.convergeUpRoundTripsPerNodeMax,
        r.noopPreviewRoundTripsPerNodeMax,
        r.noopUpRoundTripsPerNodeMax,
        r.convergeUpMs,
        r.previewMsMedian,
        r.upMsMedian,
        r.providerCpuMsPerResourceDiff,
        r.providerPeakRssMb,
      ]),
    ),
  );
  for (const f of failures) console.log(`row ${f.row}${f.load ? " with CPU load" : ""} (${f.parallel}): ${f.error}`);
  if (loadRatios.length) {
    console.log("\nwith CPU load / without (wall and provider CPU per resource; pushes per converging up side by side)\n");
    console.log(
      table(
        ["row", "busy loop % of a core", "converge up", "no-op preview", "no-op up", "cpu ms/resource", "pushes/up no load", "pushes/up load"],
        loadRatios.map((r) => [r.row, show(r.loadCpuPctOfOneCore), show(r.convergeUp), show(r.noopPreview), show(r.noopUp), show(r.cpuPerResource), show(r.pushesPerUp.noLoad), show(r.pushesPerUp.load)]),
      ),
    );
  }
  if (result.scalingRatioLargestOverSmallestNodes) {
    const [big, small] = result.scalingRatioLargestOverSmallestNodes.nodes;
    console.log(`\nratio ${big} nodes / ${small} nodes (target <= 1.5): ${ratios.map((r) => `${r.groups} groups: preview ${show(r.preview)}, up ${show(r.up)} (converging up ${show(r.convergeUp)})`).join("; ")}`);
  }
  const b = seed?.baseline;
  if (b)
    console.log(
      `baseline (seed-000, one setting per round trip): ${b.settings} settings = ${b.roundTrips} round trips, vs ${b.providerReadRoundTrips} the provider's way (x${b.roundTripRatioVsProviderRead}) ` +
        `and ${b.refreshPreviewRoundTrips} for a whole \`preview --refresh\` (x${b.roundTripRatioVsRefreshPreview}); ` +
        `read wall ${b.readWallMsMedian} ms vs ${b.providerReadWallMsMedian} ms the provider's way (x${b.wallRatioVsProviderRead}) and ${b.refreshPreviewWallMsMedian} ms for a whole \`preview --refresh\` (x${b.wallRatioVsRefreshPreview})`,
    );
  if (widest) console.log(`provider at ${widest.nodes} nodes x ${widest.groups} groups: ${widest.providerCpuMsPerResourceDiff} ms CPU per resource (no-op preview), peak RSS ${widest.providerPeakRssMb} MB`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${Math.round(result.wallMs / 1000)} s`);
  if (failures.length) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
