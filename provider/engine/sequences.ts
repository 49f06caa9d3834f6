// The agent batches a cluster session sends (pure): reading the state, and applying a configuration in one
// round trip (lock, verify nothing changed, the sequence its apply method needs), and what to run when it failed.
// Every CLUSTERPRO command is an argv of data; the node runs them in order in one round trip.
import type { AgentOpInput, AgentResult } from "../remote/agent/protocol";
import type { ApplyMethod } from "../clusterpro";
import type { ServerOs } from "../clusterpro/plan";
import { lockOp, unlockOp } from "./lock";

export interface WorkDirs {
  pull: string;
  push: string;
  lock: string;
  /** Which stack manages the cluster ("project/stack"), written by the first stack that applies. */
  owner: string;
  /** The product's own copy, to tell "not configured" from "pull failed". */
  installedConf: string;
}

/**
 * The provider's working folders on a node. They live under CLUSTERPRO's own install folder, which only
 * administrators (Windows: Program Files) and root (/opt/nec/clusterpro) can write: in a temp folder any local
 * user could plant a lock, or scripts in the push folder that every server then runs.
 */
export function workDirs(os: ServerOs): WorkDirs {
  if (os === "windows") {
    const base = "C:\\Program Files\\CLUSTERPRO\\work\\clusterpro-pulumi";
    return { pull: `${base}\\pull`, push: `${base}\\push`, lock: `${base}\\lock`, owner: `${base}\\owner`, installedConf: "C:\\Program Files\\CLUSTERPRO\\etc\\clp.conf" };
  }
  const base = "/opt/nec/clusterpro/work/clusterpro-pulumi";
  return { pull: `${base}/pull`, push: `${base}/push`, lock: `${base}/lock`, owner: `${base}/owner`, installedConf: "/opt/nec/clusterpro/etc/clp.conf" };
}

const sep = (os: ServerOs) => (os === "windows" ? "\\" : "/");
/** `-w` for a file in the Windows WebUI's form, `-l` for Linux (anchors §1.4). */
const origin = (os: ServerOs) => (os === "windows" ? "-w" : "-l");

/** Indexes of the ops in the read batch, for the caller. */
export const READ = { facts: 0, pull: 2, conf: 3, installed: 4, status: 5, owner: 6 } as const;

export function readStateOps(os: ServerOs): AgentOpInput[] {
  const d = workDirs(os);
  return [
    { op: "facts" },
    { op: "file.mkdir", path: d.pull },
    { op: "clp", command: "clpcfctrl", args: ["--pull", origin(os), "-x", d.pull] },
    { op: "file.read", path: `${d.pull}${sep(os)}clp.conf`, encoding: "binary" },
    { op: "file.stat", path: d.installedConf },
    { op: "clp", command: "clpstat", args: ["--long"] },
    { op: "file.read", path: d.owner },
  ];
}

/** Records which stack manages the cluster (one line, "project/stack"). */
export function ownerOp(os: ServerOs, owner: string, stopOnError = false): AgentOpInput {
  return { op: "file.write", path: workDirs(os).owner, content: `${owner}\n`, ...(stopOnError ? { stopOnError: true } : {}) };
}

/** Takes the cluster lock on the master (lock.ts). */
export function lockOps(os: ServerOs, owner: string): AgentOpInput {
  return lockOp(workDirs(os).lock, owner);
}

/** Releases the lock only if `owner` holds it. */
export function unlockOps(os: ServerOs, owner: string): AgentOpInput[] {
  return [unlockOp(workDirs(os).lock, owner)];
}

export interface ApplyPlan {
  os: ServerOs;
  method: ApplyMethod | "initial";
  /** Groups to stop before and start after (method "group"): only groups that ran, with the server each ran on. */
  groups: { name: string; server: string }[];
  /** Groups this configuration removes that ran: stopped before the push (an online group cannot just vanish). */
  removedGroups: { name: string; server: string }[];
  /** Auto-start groups this configuration adds to a running cluster, with the server to start each on. */
  addedGroups: { name: string; server?: string }[];
  /** Method "cluster": auto-start groups an operator had stopped (the cluster start would start them: stopped again). */
  keepStopped: string[];
  /**
   * Groups this sequence must not leave running: their product installs' steps need the group's disk before its
   * services start (the session starts them after the steps). Not started when added; stopped again right after a
   * cluster start (methods "initial" and "cluster").
   */
  held: string[];
  /** Method "cluster": manual-start groups that ran (the cluster start does not start them), with their server. */
  startAfterCluster: { name: string; server: string }[];
  /** Whether the cluster service is running (a stopped cluster only needs the push). */
  clusterRunning: boolean;
  conf: Buffer;
  /** SHA-256 (hex) of clp.conf as it was read, or "absent" when the cluster had no configuration. */
  expectSha256: string;
  /** The rules' extra steps (`restart-manager-services`), run after the push and before the resume. */
  extraSteps: string[];
  /** Files of the configuration folder to write beside clp.conf ('/'-separated relative paths). */
  files: { path: string; content: string }[];
  /** Folders of the configuration folder to remove. */
  removeFolders: string[];
  /** The lock owner: who and since when (one line). */
  owner: string;
  /** The stack to record as the cluster's manager ("project/stack"), when the record is missing or another's. */
  recordStack?: string;
}

export type StepPhase = "lock" | "check" | "stop" | "prepare" | "push" | "start" | "unlock";

export interface ApplyStep {
  /** What the step is, for error messages: "clpcl --suspend -a". */
  label: string;
  op: AgentOpInput;
  phase: StepPhase;
  /** For a stop step: what puts back what it stopped (run when the sequence fails before the push). */
  undo?: ApplyStep;
}

type ClpCommand = "clpcl" | "clpgrp" | "clpcfctrl";
/** A CLUSTERPRO step; `gate`: a non-zero exit fails the op (and, with stop, skips the rest of the batch). */
const clp = (phase: StepPhase, command: ClpCommand, args: string[], gate: "stop" | "report" = "stop"): ApplyStep => ({
  label: [command, ...args].join(" "),
  phase,
  op: { op: "clp", command, args, requireExitZero: true, ...(gate === "stop" ? { stopOnError: true } : {}) },
});
const startGroup = (phase: StepPhase, g: { name: string; server?: string }, gate: "stop" | "report" = "stop") => clp(phase, "clpgrp", ["-s", g.name, ...(g.server ? ["-h", g.server] : [])], gate);
const stopGroup = (phase: StepPhase, name: string, gate: "stop" | "report" = "stop") => clp(phase, "clpgrp", ["-t", name], gate);

/** `restart-manager-services`: clpcl -r -a with each manager service, one call each (docs/apply-methods.md). */
const MANAGER_SERVICES = ["--alert", "--web", "--ib", "--api"];
function extraSteps(p: ApplyPlan, gate: "stop" | "report"): ApplyStep[] {
  return p.extraSteps.includes("restart-manager-services") ? MANAGER_SERVICES.map((s) => clp("start", "clpcl", ["-r", "-a", s], gate)) : [];
}

/** Pulls clp.conf again and fails (stopping the batch) when it is not what was read. */
function verifySteps(p: ApplyPlan): ApplyStep[] {
  const d = workDirs(p.os);
  const label = "verify that clp.conf is unchanged since it was read";
  if (p.expectSha256 === "absent") return [{ label, phase: "check", op: { op: "file.sha256", path: d.installedConf, expect: "absent", stopOnError: true } }];
  return [
    { label: "prepare the configuration folder", phase: "check", op: { op: "file.delete", path: d.pull, recursive: true } },
    clp("check", "clpcfctrl", ["--pull", origin(p.os), "-x", d.pull]),
    { label, phase: "check", op: { op: "file.sha256", path: `${d.pull}${sep(p.os)}clp.conf`, expect: p.expectSha256, stopOnError: true } },
  ];
}

/** The cluster-side steps around a push, for the forward sequence and for a rollback (which must not stop half-way). */
function around(p: ApplyPlan, gate: "stop" | "report"): { pre: ApplyStep[]; post: ApplyStep[] } {
  const running = p.clusterRunning && p.method !== "initial";
  const pre: ApplyStep[] = [];
  const post: ApplyStep[] = [];
  const resume = clp("start", "clpcl", ["--resume", "-a"], gate);
  if (running) for (const g of p.removedGroups) pre.push({ ...stopGroup("stop", g.name, gate), undo: startGroup("start", g, "report") });
  if (running && p.method === "group") for (const g of p.groups) pre.push({ ...stopGroup("stop", g.name, gate), undo: startGroup("start", g, "report") });
  if (running && (p.method === "suspend" || p.method === "group")) {
    pre.push({ ...clp("stop", "clpcl", ["--suspend", "-a"], gate), undo: clp("start", "clpcl", ["--resume", "-a"], "report") });
    post.push(...extraSteps(p, gate), resume);
    if (p.method === "group") for (const g of p.groups) post.push(startGroup("start", g, gate));
  } else if (running && p.method === "cluster") {
    pre.push({ ...clp("stop", "clpcl", ["-t", "-a"], gate), undo: clp("start", "clpcl", ["-s", "-a"], "report") });
    post.push(...extraSteps(p, gate), clp("start", "clpcl", ["-s", "-a"], gate));
    // The cluster start starts the auto-start groups: those an operator had stopped are stopped again; the
    // manual-start groups that ran are started where they ran.
    // (Not stopping the batch: stopping a group that did not start is harmless, and no reason to roll back.)
    for (const g of [...p.keepStopped, ...p.held]) post.push(stopGroup("start", g, "report"));
    for (const g of p.startAfterCluster) post.push(startGroup("start", g, gate));
  } else if (running) {
    post.push(...extraSteps(p, gate));
  } else if (p.method === "initial") {
    post.push(clp("start", "clpcl", ["-s", "-a"], gate));
    for (const g of p.held) post.push(stopGroup("start", g, "report"));
  }
  // A group added to a running cluster does not start by itself (NEC's tools run clpcl -s -a after
  // resume, mkazuyuki/hauc cf-vma-phase3.pl:787-793); start each one on its first startup server.
  if (running) for (const g of p.addedGroups.filter((x) => !p.held.includes(x.name))) post.push(startGroup("start", g, gate));
  return { pre, post };
}

/**
 * The steps of one apply, in ONE round trip, in order:
 *   take the lock (with its owner, atomically) → verify clp.conf is unchanged → stop steps → verify again →
 *   prepare the configuration folder → push → start steps → release the lock.
 * Every CLUSTERPRO step is gated (a non-zero exit fails it) and stops the batch: nothing is pushed after a failed
 * stop step. The second verification sits right before the push, after the stop steps, so an edit made while the
 * groups were being stopped is never overwritten. On a failure the lock is still held and the caller runs
 * recoverySteps. The methods:
 *   initial — push, then start the cluster (then stop the groups whose installs' steps come first)
 *   upload  — push
 *   suspend — suspend → push → (restart manager services) → resume
 *   group   — stop the groups that ran → suspend → push → resume → start them where they ran
 *   cluster — stop the cluster → push → start it (then stop again the auto-start groups an operator had stopped)
 *   reboot  — refused by the session before it gets here (the agent cannot reboot servers yet)
 * Groups the configuration removes are stopped first (they are going away). A stopped cluster gets the push alone.
 */
export function applySteps(p: ApplyPlan): ApplyStep[] {
  const d = workDirs(p.os);
  const steps: ApplyStep[] = [{ label: "take the cluster lock", phase: "lock", op: lockOps(p.os, p.owner) }, ...verifySteps(p)];
  const { pre, post } = around(p, "stop");
  steps.push(...pre);
  if (pre.length > 0) steps.push(...verifySteps(p));
  // The push folder starts as the pulled one (clp.conf and the scripts/ of every resource), so
  // scripts this stack does not manage are pushed back as they are.
  steps.push(
    { label: "prepare the configuration folder", phase: "prepare", op: { op: "file.delete", path: d.push, recursive: true } },
    p.method === "initial"
      ? { label: "prepare the configuration folder", phase: "prepare", op: { op: "file.mkdir", path: d.push, stopOnError: true } }
      : { label: "prepare the configuration folder", phase: "prepare", op: { op: "file.copy", from: d.pull, to: d.push, overwrite: true, stopOnError: true } },
    { label: "write the configuration", phase: "prepare", op: { op: "file.write", path: `${d.push}${sep(p.os)}clp.conf`, content: p.conf.toString("base64"), encoding: "binary", stopOnError: true } },
    ...(p.recordStack ? [{ label: "record the stack that manages the cluster", phase: "prepare" as const, op: ownerOp(p.os, p.recordStack, true) }] : []),
  );
  const local = (rel: string) => `${d.push}${sep(p.os)}${rel.split("/").join(sep(p.os))}`;
  for (const folder of p.removeFolders) steps.push({ label: `remove ${folder}`, phase: "prepare", op: { op: "file.delete", path: local(folder), recursive: true, stopOnError: true } });
  for (const f of p.files) {
    // Windows batch files are read in the console's code page: written as CP932 (Japanese Windows).
    const linux = p.os === "linux";
    steps.push({ label: `write ${f.path}`, phase: "prepare", op: { op: "file.write", path: local(f.path), content: f.content, encoding: linux ? "utf8" : "cp932", createParents: true, stopOnError: true, ...(linux ? { mode: "0755" } : {}) } });
  }
  steps.push(clp("push", "clpcfctrl", ["--push", origin(p.os), "-x", d.push]), ...post);
  steps.push(releaseStep(p));
  return steps;
}

/** The last step of an apply and of its recovery: the lock goes, if it is still ours. */
function releaseStep(p: ApplyPlan): ApplyStep {
  return { label: "release the cluster lock", phase: "unlock", op: unlockOps(p.os, p.owner)[0] };
}

/** The index of the first step that failed and stopped the batch, or -1 when the batch ran to its end. */
export function firstFailure(steps: readonly ApplyStep[], results: readonly AgentResult[]): number {
  return results.findIndex((r, i) => !r.ok && r.error.code !== "skipped" && steps[i]?.op.stopOnError === true);
}

/**
 * What to run after a failed apply batch, then release the lock (`results` undefined: the round trip was lost and
 * what ran is unknown). Every step is attempted (none stops the batch); failures are reported.
 *   - the push did not happen: undo each stop step that succeeded, newest first (resume, start each group
 *     where it ran, start the cluster); with unknown progress, all of them (each is harmless when not needed);
 *   - the push happened and a later step failed: roll back: push the pulled folder (the configuration as it was
 *     read, with its scripts) with the same sequence, so the cluster runs the configuration Pulumi knows;
 *     a first configuration (`initial`) cannot be taken back: only the lock is released.
 */
export function recoverySteps(p: ApplyPlan, steps: readonly ApplyStep[], results?: readonly AgentResult[]): { kind: "restore" | "rollback" | "none"; steps: ApplyStep[] } {
  const release = releaseStep(p);
  const pushAt = steps.findIndex((s) => s.phase === "push");
  const pushed = results !== undefined && results[pushAt]?.ok === true;
  if (!pushed) {
    const undo = steps
      .map((s, i) => ({ s, done: results === undefined || results[i]?.ok === true }))
      .filter(({ s, done }) => s.phase === "stop" && done && s.undo)
      .map(({ s }) => s.undo as ApplyStep)
      .reverse();
    return { kind: undo.length > 0 ? "restore" : "none", steps: [...undo, release] };
  }
  if (p.method === "initial") return { kind: "none", steps: [release] };
  // From the new configuration back to the old one: the groups the failed sequence added go away (stopped first),
  // the groups it removed come back (started where they ran), the restarted ones restart.
  const back: ApplyPlan = { ...p, removedGroups: [], addedGroups: p.removedGroups, keepStopped: p.keepStopped, held: [] };
  const { pre, post } = around(back, "report");
  const d = workDirs(p.os);
  const stopAdded = p.clusterRunning ? p.addedGroups.map((g) => stopGroup("stop", g.name, "report")) : [];
  return { kind: "rollback", steps: [...stopAdded, ...pre, clp("push", "clpcfctrl", ["--push", origin(p.os), "-x", d.pull], "report"), ...post, release] };
}
