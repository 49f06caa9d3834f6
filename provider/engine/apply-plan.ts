// The apply plan of one push (pure): from the state as read, the configuration to push and its outcome, which groups
// the sequence stops and starts, and where (sequences.ts turns it into agent steps).
import { createHash } from "node:crypto";
import { readModel, serializeClpConf, startupServersInOrder, type ApplyMethod, type ClpDocument, type ClusterConfig, type Group } from "../clusterpro";
import { clusterRunning, type ClpstatView } from "../clusterpro/clpstat";
import type { ConfigFile, ServerOs } from "../clusterpro/plan";
import { RemoteError } from "../remote/types";
import { groupsAddedBy, groupsRemovedBy, type CommitOutcome } from "./commit-outcome";
import type { ApplyPlan } from "./sequences";

/** What the plan needs of the state read (session.ts ClusterState). */
export interface PlanState {
  master: string;
  conf?: Buffer;
  status: ClpstatView;
  managedBy?: string;
}

/** The rest: where the configuration folder's files go, the groups held for installs' steps, who applies. */
export interface PlanWork {
  os: ServerOs;
  files: ConfigFile[];
  removeFolders: string[];
  /** Groups whose product installs' steps come before their start (ApplyPlan.held). */
  held: string[];
  /** The lock owner line. */
  owner: string;
  /** The stack to record as the cluster's manager. */
  stack?: string;
}

/** A group's startup servers in order (its own list, else every server by priority). */
export function startupOrder(model: ClusterConfig, g: Group): string[] {
  return startupServersInOrder(g) ?? [...model.servers].sort((a, b) => a.priority - b.priority).map((x) => x.name);
}

/**
 * The apply plan (pure): which groups ran where (only those are stopped and started again), which groups an added
 * configuration starts and where, what to verify, the lock owner. Throws when the status is unknown and the method
 * needs it.
 */
export function applyPlanOf(state: PlanState, next: ClpDocument, outcome: CommitOutcome, w: PlanWork): ApplyPlan {
  const { files, removeFolders, held } = w;
  const method = outcome.applyMethod as ApplyMethod | "initial";
  const status = state.status;
  const running = clusterRunning(status);
  const model = readModel(next);
  const ranOn = (g: string) => status.groups[g]?.current;
  const removed = groupsRemovedBy(outcome.changes);
  const added = groupsAddedBy(outcome.changes);
  if (status.unknown && method !== "initial" && (method === "group" || method === "cluster" || removed.length > 0)) {
    throw new RemoteError(state.master, "clpstat --long", `the cluster status could not be read, so which groups run where (to stop and start again) is unknown; nothing was changed. Check the cluster, then run \`pulumi up\` again`);
  }
  // Only groups that ran are stopped and started again, where they ran: a group an operator stopped stays stopped.
  const ran = (names: string[]) => names.flatMap((name) => (ranOn(name) ? [{ name, server: ranOn(name) as string }] : []));
  const online = (server: string) => status.servers[server]?.status === "Online";
  const addedGroups = added.flatMap((name) => {
    const g = model.groups.find((x) => x.name === name);
    if (!g || g.autoStart === false) return [];
    return [{ name, server: startupOrder(model, g).find(online) }];
  });
  const existing = model.groups.filter((g) => !added.includes(g.name));
  return {
    os: w.os,
    method,
    groups: ran(outcome.restartedGroups),
    removedGroups: ran(removed),
    addedGroups,
    keepStopped: method === "cluster" ? existing.filter((g) => g.autoStart !== false && !ranOn(g.name) && !held.includes(g.name)).map((g) => g.name) : [],
    held: held.filter((name) => model.groups.some((g) => g.name === name && g.autoStart !== false)),
    startAfterCluster: method === "cluster" ? ran(existing.filter((g) => g.autoStart === false).map((g) => g.name)) : [],
    clusterRunning: running,
    conf: serializeClpConf(next),
    expectSha256: state.conf ? createHash("sha256").update(state.conf).digest("hex") : "absent",
    extraSteps: [...new Set(outcome.changes.flatMap((c) => c.extraSteps ?? []))],
    files,
    removeFolders,
    owner: w.owner,
    ...(w.stack && state.managedBy !== w.stack ? { recordStack: w.stack } : {}),
  };
}
