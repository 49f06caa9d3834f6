// Issue 13's "done when": a cluster BUILT BY THE PROVIDER (seed 000 and seed 003, converged by the real engine
// against the lab) has, for every object type, every element path that all real Windows mirror-disk samples
// (shared/fixtures/clpconf-real) have for that type. Only types seen in at least two real files are compared: one
// file's paths are that cluster's own choices (an appli's run-as account, a monitor's retry count), not the product's
// shape. The clp.conf compared is the one the lab holds after `up`, or — when the lab refused the push — the bytes
// it refused (so the comparison still shows what the provider wrote).
import { strict as assert } from "node:assert";
import type { Lab } from "../../sim/lab";
import { commonPaths, objectPaths, readRealFiles } from "../support/element-paths";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import { clpconfFixturesDir } from "../support/paths";
import { prepareSeed000Nodes, SEED000_PROGRAM } from "../support/seed000";
import { SEED003_INSTALLS, SEED003_PROGRAM } from "../support/seed003";

const PASSWORD = "Lab-shape-Pa55";

interface Built {
  bytes: Buffer;
  upError?: string;
}

async function build(stackName: string, program: string, extra: { products?: string[]; prepare?: (lab: Lab) => void }): Promise<Built> {
  let stack: LabStack | undefined;
  try {
    stack = await startLabStack({ project: stackName, program, nodes: TWO_WINDOWS_NODES, password: PASSWORD, ...extra });
    const r = await stack.project.run(["up"], { allowFailure: true });
    const held = stack.lab.cluster.conf("server01");
    const refused = stack.lab.cluster.lastRefusedPush();
    const bytes = held ?? refused?.bytes;
    assert.ok(bytes, `the provider pushed a configuration (up output: ${r.stdout}${r.stderr})`);
    return { bytes, upError: held ? undefined : `the lab refused the push: ${refused?.reason}` };
  } finally {
    await stack?.dispose();
  }
}

describe("e2e: provider-built clusters have the element paths of the real Windows mirror-disk samples", function () {
  this.timeout(900_000);
  const built: Record<string, Built> = {};
  let reference: Map<string, { paths: string[]; instances: number; sources: Set<string> }>;

  before(async function () {
    if (!clpconfFixturesDir) this.skip();
    const real = readRealFiles(clpconfFixturesDir).filter((f) => f.os === "windows" && objectPaths(f.bytes).objects.some((o) => o.kind === "resource/md"));
    assert.equal(real.length, 3, "three real Windows mirror-disk samples");
    reference = commonPaths(real);
    built["seed 000"] = await build("shape000", SEED000_PROGRAM, { prepare: prepareSeed000Nodes });
    built["seed 003"] = await build("shape003", SEED003_PROGRAM, { products: SEED003_INSTALLS.map((i) => i.product) });
  });

  for (const seed of ["seed 000", "seed 003"]) {
    it(`${seed}: every object has the paths all real Windows md samples have for its type`, () => {
      const { os, objects } = objectPaths(built[seed].bytes);
      assert.equal(os, "windows");
      const kinds = new Set(objects.map((o) => o.kind));
      for (const k of ["cluster", "server", "group", "resource/fip", "resource/md", "monitor/userw", "monitor/mdw"]) assert.ok(kinds.has(k), `${seed} has a ${k}`);
      const missing: string[] = [];
      for (const o of objects) {
        const ref = reference.get(o.kind);
        if (!ref || ref.sources.size < 2) continue;
        for (const p of ref.paths) if (!o.paths.has(p)) missing.push(`${o.kind} "${o.name}": ${p}`);
      }
      assert.deepEqual(missing, []);
    });

    it(`${seed}: the lab accepts the provider's push`, () => {
      assert.equal(built[seed].upError, undefined);
    });
  }
});
