// Shared by the reliability suites: a lab + project (optionally with an SSH key the lab accepts),
// the secret scan every engine-run stack gets before it is disposed, and lab change detection.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { generateEd25519 } from "../../sim/ssh/server";
import type { Lab } from "../../sim/lab";
import { startLabStack, type LabStack, type LabStackOptions } from "../support/lab-stack";

export interface ReliabilityStack extends LabStack {
  /** Strings that must never appear in the state or in any captured output. */
  secrets: string[];
  /** Output captured outside the engine transcript (e.g. error messages the test printed). */
  captured: string[];
}

export function sshKeyPair(): { privateKey: string; publicKey: string } {
  const pair = generateEd25519();
  return { privateKey: pair.private, publicKey: pair.public };
}

/** Starts a lab and a project wired to it (config labJson, secret password, and secret privateKey when given). */
export async function startStack(o: Omit<LabStackOptions, "keyPair"> & { privateKey?: { privateKey: string; publicKey: string } }): Promise<ReliabilityStack> {
  const base = await startLabStack({ ...o, keyPair: o.privateKey });
  return { ...base, secrets: [o.password, ...(o.privateKey ? [o.privateKey.privateKey, keyBody(o.privateKey.privateKey)] : [])], captured: [] };
}

/** The base64 body of a PEM/OpenSSH key (what would leak if the armour were stripped). */
function keyBody(pem: string): string {
  return pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("").slice(0, 40);
}

/** Every occurrence of a secret in the stack's state, engine output and captured output. */
export function secretHits(stack: ReliabilityStack): string[] {
  const hits: string[] = [];
  const needles = stack.secrets.filter((s) => s.length >= 8);
  for (const f of stack.project.allWrittenFiles()) {
    const bytes = fs.readFileSync(f);
    for (const s of needles) if (bytes.includes(s)) hits.push(`${path.relative(stack.project.root, f)} holds a secret`);
  }
  stack.project.transcript.forEach((t, i) => {
    for (const s of needles) if (t.includes(s)) hits.push(`engine output #${i} (${t.split("\n")[0]}) holds a secret`);
  });
  stack.captured.forEach((t, i) => {
    for (const s of needles) if (t.includes(s)) hits.push(`captured output #${i} holds a secret`);
  });
  return hits;
}

/** For after(): scans for secrets, then disposes (also when the scan fails). */
export async function scanAndDispose(stack: ReliabilityStack | undefined): Promise<void> {
  if (!stack) return;
  try {
    assert.deepEqual(secretHits(stack), [], "no password or key in the state or any output");
  } finally {
    await stack.dispose();
  }
}

/** Requests the lab saw since the last resetStats, all nodes. */
export function labRequests(lab: Lab): number {
  return [...lab.stats.values()].reduce((n, s) => n + s.requests, 0);
}

/** A snapshot of what a stack can change on the lab: every node's configuration, and the pushes. */
export function labFingerprint(lab: Lab): string {
  return JSON.stringify({ pushes: lab.cluster.pushes(), conf: [...lab.nodes.keys()].map((n) => lab.cluster.conf(n)?.toString("base64") ?? null) });
}
