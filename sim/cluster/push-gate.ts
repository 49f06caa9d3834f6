// What a real cluster accepts at `clpcfctrl --push` / `--compcheck`: a strictly well-formed clp.conf with the
// elements the product always writes and resolvable references, changed only as the apply-method table allows in
// the current cluster state. Refusals happen here, before any server's copy changes.

import { readConf, textAt, ConfError, type ClusterConf } from "./conf";
import { activationOrder } from "./dependencies";
import { classify, diffTrees, LEVEL_TEXT, type ApplyLevel, type ClassifiedChange } from "./apply-rules";
import type { SimCore } from "./core";
import { ClusterOpError } from "./errors";
import { missingRequiredElements } from "./required-elements";
import { networkPartitionIssues } from "./network-partition";
import { deliver } from "./conf-files";
import { releaseRemovedDisks } from "./shared-disks";
import { reconcile } from "./reconcile";

export interface PushOptions {
  /** Server the command runs on (for the event log). */
  from?: string;
  /** `--force`: push even if some servers are unreachable (they keep their old copy until they come back). */
  force?: boolean;
}

export interface PushResult {
  /** False when the bytes equal the configuration the cluster already has. */
  changed: boolean;
  /** Strictest apply level among the changes (upload when nothing or only bookkeeping changed). */
  level: ApplyLevel;
  changes: { path: string; kind: string; rule: string; level: ApplyLevel }[];
  delivered: string[];
  unreachable: string[];
}

const LEVEL_RANK: Record<ApplyLevel, number> = { "upload": 0, "group-stop": 1, "suspend": 2, "group-suspend": 3, "cluster-stop": 4, "reboot": 5 };

/** Validates bytes as the product's configuration check would (well-formed, references resolve, no loops). */
export function check(bytes: Buffer): ClusterConf {
  let conf: ClusterConf;
  try {
    conf = readConf(bytes);
  } catch (e) {
    if (e instanceof ConfError) throw new ClusterOpError(`The configuration is invalid: ${e.message}`);
    throw e;
  }
  const missing = missingRequiredElements(conf.tree, conf.os, conf.servers.map((x) => x.name));
  if (missing.length > 0) {
    const more = missing.length > 5 ? `\n  … and ${missing.length - 5} more` : "";
    throw new ClusterOpError(`The configuration is invalid: required elements are missing:\n  ${missing.slice(0, 5).join("\n  ")}${more}`);
  }
  const np = networkPartitionIssues(conf);
  if (np.length > 0) throw new ClusterOpError(`The configuration is invalid: ${np.join("; ")}`);
  try {
    for (const g of conf.groups) {
      activationOrder(conf, g);
      for (const s of g.policy ?? []) {
        if (!conf.servers.some((x) => x.name === s)) throw new ConfError(`group "${g.name}" names startup server "${s}" that is not a server of the cluster`);
      }
    }
  } catch (e) {
    if (e instanceof ConfError) throw new ClusterOpError(`The configuration is invalid: ${e.message}`);
    throw e;
  }
  return conf;
}

/**
 * `clpcfctrl --push`: validates, enforces the lab's apply-method table against the current state, distributes
 * the bytes unchanged to every reachable server and loads them. Throws ClusterOpError when refused.
 */
export function push(c: SimCore, bytes: Buffer, opts: PushOptions = {}): PushResult {
  try {
    return pushChecked(c, bytes, opts);
  } catch (e) {
    if (e instanceof ClusterOpError) c.lastRefusedPush = { bytes: Buffer.from(bytes), reason: e.message };
    throw e;
  }
}

function pushChecked(c: SimCore, bytes: Buffer, opts: PushOptions): PushResult {
  let conf: ClusterConf;
  try {
    conf = check(bytes);
  } catch (e) {
    if (e instanceof ClusterOpError) {
      c.stats.refusedPushes++;
      c.log(`Upload of the cluster configuration refused: ${e.message}`);
    }
    throw e;
  }
  const unreachable = conf.servers.map((s) => s.name).filter((s) => !c.isUp(s));
  if (unreachable.length > 0 && !opts.force) {
    c.stats.refusedPushes++;
    throw new ClusterOpError(`Failed to upload: server ${unreachable.join(", ")} is not reachable. Use --force to upload to the reachable servers only.`);
  }
  let level: ApplyLevel = "upload";
  let classified: ClassifiedChange[] = [];
  const changed = !c.current || !c.current.bytes.equals(bytes);
  if (c.current && changed) {
    classified = classify(diffTrees(c.current.conf.tree, conf.tree));
    for (const x of classified) if (LEVEL_RANK[x.rule.level] > LEVEL_RANK[level]) level = x.rule.level;
    const why = refusal(c, classified, c.current.conf, conf);
    if (why) {
      c.stats.refusedPushes++;
      c.log(`Upload of the cluster configuration refused: ${why}`);
      throw new ClusterOpError(why);
    }
  }
  const delivered: string[] = [];
  for (const s of conf.servers) {
    if (!c.isUp(s.name)) continue;
    deliver(c, s.name, bytes);
    delivered.push(s.name);
  }
  const previous = c.current?.conf;
  c.current = { bytes: Buffer.from(bytes), conf };
  reconcile(c, conf, level === "reboot");
  releaseRemovedDisks(c, previous, conf);
  c.stats.pushes++;
  c.log(`The cluster configuration data has been uploaded by ${opts.from ?? "lab"}.`);
  return {
    changed, level, delivered, unreachable,
    changes: classified.map((x) => ({ path: x.pathText, kind: x.kind, rule: x.rule.id, level: x.rule.level })),
  };
}

function refusal(c: SimCore, changes: ClassifiedChange[], oldConf: ClusterConf, newConf: ClusterConf): string | undefined {
  const state = c.clusterState();
  if (state === "stopped") return undefined;
  const problems: string[] = [];
  for (const ch of changes) {
    const level = ch.rule.level;
    let ok = true;
    let group: string | undefined;
    if (level === "cluster-stop" || level === "reboot") ok = false;
    if ((level === "suspend" || level === "group-suspend") && state === "running") ok = false;
    if (level === "group-stop" || level === "group-suspend") {
      group = changeGroup(ch, oldConf, newConf);
      if (group === undefined) {
        if (state === "running") ok = false;
      } else if (c.groups.get(group)?.current) ok = false;
    }
    if (!ok) {
      const g = group ? ` (group "${group}")` : "";
      problems.push(`${ch.kind} ${ch.pathText}${g} needs ${LEVEL_TEXT[level]} [lab rule ${ch.rule.id}: ${ch.rule.source}]`);
    }
  }
  if (problems.length === 0) return undefined;
  const shown = problems.slice(0, 5).join("\n  ");
  const more = problems.length > 5 ? `\n  … and ${problems.length - 5} more` : "";
  return `Failed to upload: the cluster is ${state} and this configuration change cannot be applied in that state:\n  ${shown}${more}`;
}

/** The group whose state matters for a change (group element, resource's group, monitor's object/target). */
function changeGroup(ch: ClassifiedChange, oldConf: ClusterConf, newConf: ClusterConf): string | undefined {
  const p = ch.path;
  if (p[1]?.tag === "group") return p[1].key;
  const rscGroup = (name: string | undefined) => (name ? newConf.resources.get(name)?.group ?? oldConf.resources.get(name)?.group : undefined);
  if (p[1]?.tag === "resource") return rscGroup(p[2]?.key);
  if (p[1]?.tag === "monitor") {
    const name = p[2]?.key;
    const m = newConf.monitors.find((x) => x.name === name) ?? oldConf.monitors.find((x) => x.name === name);
    if (!m) return undefined;
    const obj = textAt(m.el, "parameters/object");
    if (m.relationType === "grp") return m.relationName;
    return rscGroup(obj) ?? rscGroup(m.target) ?? (m.relationType === "rsc" ? rscGroup(m.relationName) : undefined);
  }
  return undefined;
}
