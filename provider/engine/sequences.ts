// The agent batches a cluster session sends (pure): reading the state, taking the lock while
// verifying nothing changed, and applying a configuration with the sequence its apply method needs.
// Every CLUSTERPRO command is an argv of data; the node runs them in order in one round trip.
import type { AgentOpInput } from "../remote/agent/protocol";
import type { ApplyMethod } from "../clusterpro";
import type { ServerOs } from "./plan";

export interface WorkDirs {
  pull: string;
  push: string;
  lock: string;
  /** The product's own copy, to tell "not configured" from "pull failed". */
  installedConf: string;
}

export function workDirs(os: ServerOs): WorkDirs {
  if (os === "windows") {
    const base = "C:\\Windows\\Temp\\clusterpro-pulumi";
    return { pull: `${base}\\pull`, push: `${base}\\push`, lock: `${base}\\lock`, installedConf: "C:\\Program Files\\CLUSTERPRO\\etc\\clp.conf" };
  }
  const base = "/tmp/clusterpro-pulumi";
  return { pull: `${base}/pull`, push: `${base}/push`, lock: `${base}/lock`, installedConf: "/opt/nec/clusterpro/etc/clp.conf" };
}

const sep = (os: ServerOs) => (os === "windows" ? "\\" : "/");
/** `-w` for a file in the Windows WebUI's form, `-l` for Linux (anchors §1.4). */
const origin = (os: ServerOs) => (os === "windows" ? "-w" : "-l");

/** Indexes of the ops in the read batch, for the caller. */
export const READ = { facts: 0, pull: 2, conf: 3, installed: 4, status: 5 } as const;

export function readStateOps(os: ServerOs): AgentOpInput[] {
  const d = workDirs(os);
  return [
    { op: "facts" },
    { op: "file.mkdir", path: d.pull },
    { op: "clp", command: "clpcfctrl", args: ["--pull", origin(os), "-x", d.pull] },
    { op: "file.read", path: `${d.pull}${sep(os)}clp.conf`, encoding: "binary" },
    { op: "file.stat", path: d.installedConf },
    { op: "clp", command: "clpstat", args: ["--long"] },
  ];
}

export const LOCK = { mkdir: 0, owner: 1, pull: 2, conf: 3 } as const;

/**
 * Takes the cluster lock (a folder: creating it is atomic; `created: false` means someone holds it,
 * and its `owner` file says who since when) and re-reads clp.conf to verify it is unchanged.
 */
export function lockAndVerifyOps(os: ServerOs): AgentOpInput[] {
  const d = workDirs(os);
  return [
    { op: "file.mkdir", path: d.lock },
    { op: "file.read", path: `${d.lock}${sep(os)}owner`, encoding: "utf8" },
    { op: "clp", command: "clpcfctrl", args: ["--pull", origin(os), "-x", d.pull] },
    { op: "file.read", path: `${d.pull}${sep(os)}clp.conf`, encoding: "binary" },
  ];
}

export function unlockOps(os: ServerOs): AgentOpInput[] {
  return [{ op: "file.delete", path: workDirs(os).lock, recursive: true }];
}

export interface ApplyPlan {
  os: ServerOs;
  method: ApplyMethod | "initial";
  /** Groups to stop before and start after (method "group"), with the server each ran on. */
  groups: { name: string; server?: string }[];
  /** Groups this configuration removes: stopped before the push (an online group cannot just vanish). */
  removedGroups: string[];
  /** Auto-start groups this configuration adds to a running cluster, with the server to start each on. */
  addedGroups: { name: string; server?: string }[];
  /** Whether the cluster service is running (a stopped cluster only needs the push). */
  clusterRunning: boolean;
  conf: Buffer;
  /** Files of the configuration folder to write beside clp.conf ('/'-separated relative paths). */
  files: { path: string; content: string }[];
  /** Folders of the configuration folder to remove. */
  removeFolders: string[];
  owner: string;
}

export interface ApplyStep {
  /** What the step is, for error messages: "clpcl --suspend -a". */
  label: string;
  op: AgentOpInput;
}

const clp = (command: "clpcl" | "clpgrp" | "clpcfctrl", args: string[]): ApplyStep => ({ label: [command, ...args].join(" "), op: { op: "clp", command, args } });

/**
 * The steps of one apply, in order:
 * Groups the configuration removes are stopped first (they are going away).
 *   initial — push, then start the cluster
 *   upload  — push
 *   suspend — suspend → push → resume
 *   group   — stop the groups → suspend → push → resume → start the groups where they ran
 *   cluster — stop the cluster → push → start it
 *   reboot  — refused by the session before it gets here (the agent cannot reboot servers yet)
 * A stopped cluster gets the push alone. The lock is released at the end.
 */
export function applySteps(p: ApplyPlan): ApplyStep[] {
  const d = workDirs(p.os);
  const steps: ApplyStep[] = [
    { label: "record the lock owner", op: { op: "file.write", path: `${d.lock}${sep(p.os)}owner`, content: p.owner, encoding: "utf8" } },
    // The push folder starts as the pulled one (clp.conf and the scripts/ of every resource), so
    // scripts this stack does not manage are pushed back as they are.
    { label: "prepare the configuration folder", op: { op: "file.delete", path: d.push, recursive: true } },
    p.method === "initial"
      ? { label: "prepare the configuration folder", op: { op: "file.mkdir", path: d.push } }
      : { label: "prepare the configuration folder", op: { op: "file.copy", from: d.pull, to: d.push, overwrite: true, stopOnError: true } },
    { label: "write the configuration", op: { op: "file.write", path: `${d.push}${sep(p.os)}clp.conf`, content: p.conf.toString("base64"), encoding: "binary", stopOnError: true } },
  ];
  const local = (rel: string) => `${d.push}${sep(p.os)}${rel.split("/").join(sep(p.os))}`;
  for (const folder of p.removeFolders) steps.push({ label: `remove ${folder}`, op: { op: "file.delete", path: local(folder), recursive: true } });
  for (const f of p.files) {
    // Windows batch files are read in the console's code page: written as CP932 (Japanese Windows).
    const linux = p.os === "linux";
    steps.push({ label: `write ${f.path}`, op: { op: "file.write", path: local(f.path), content: f.content, encoding: linux ? "utf8" : "cp932", createParents: true, stopOnError: true, ...(linux ? { mode: "0755" } : {}) } });
  }
  const push = clp("clpcfctrl", ["--push", origin(p.os), "-x", d.push]);
  const running = p.clusterRunning && p.method !== "initial";
  const pre: ApplyStep[] = [];
  const post: ApplyStep[] = [];
  if (running) for (const g of p.removedGroups) pre.push(clp("clpgrp", ["-t", g]));
  if (running && p.method === "suspend") {
    pre.push(clp("clpcl", ["--suspend", "-a"]));
    post.push(clp("clpcl", ["--resume", "-a"]));
  } else if (running && p.method === "group") {
    for (const g of p.groups) pre.push(clp("clpgrp", ["-t", g.name]));
    pre.push(clp("clpcl", ["--suspend", "-a"]));
    post.push(clp("clpcl", ["--resume", "-a"]));
    for (const g of p.groups) post.push(clp("clpgrp", ["-s", g.name, ...(g.server ? ["-h", g.server] : [])]));
  } else if (running && p.method === "cluster") {
    pre.push(clp("clpcl", ["-t", "-a"]));
    post.push(clp("clpcl", ["-s", "-a"]));
  } else if (p.method === "initial") {
    post.push(clp("clpcl", ["-s", "-a"]));
  }
  // A group added to a running cluster does not start by itself (NEC's tools run clpcl -s -a after
  // resume, mkazuyuki/hauc cf-vma-phase3.pl:787-793); start each one on its first startup server.
  if (running) for (const g of p.addedGroups) post.push(clp("clpgrp", ["-s", g.name, ...(g.server ? ["-h", g.server] : [])]));
  steps.push(...pre, push, ...post);
  steps.push({ label: "release the cluster lock", op: unlockOps(p.os)[0] });
  return steps;
}
