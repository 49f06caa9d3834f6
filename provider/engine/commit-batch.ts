// Which mutations of a commit batch can be pushed now (pure): what the batch must create first (a new cluster, a
// new group, from the fragments its members carry), which mutations are ready, and which still wait for what they
// build on. The session (session.ts) does the I/O around it.
import type { ClusterConfig, DesiredConfig } from "../clusterpro";
import type { ConfigFile } from "../clusterpro/plan";
import type { Mutation } from "./session";

export interface BatchPlan<T> {
  /** Fragments that create what is missing (the cluster, groups), merged before the members' own. */
  bootstraps: DesiredConfig[];
  bootstrapFiles: ConfigFile[];
  ready: T[];
  /** Mutations whose prerequisites are neither on the cluster nor in the batch, with what they need. */
  waiting: { item: T; needs: string; clusterHere: boolean }[];
}

/**
 * Splits `batch` (the model of the cluster as read, `configured` when it has a configuration at all): a mutation is
 * ready when its cluster, groups and resources are in the file or in the batch (its own fragment or a fragment
 * another member carries as `bootstrap`).
 */
export function planBatch<T extends { mutation: Mutation }>(model: ClusterConfig, configured: boolean, batch: readonly T[]): BatchPlan<T> {
  const groupsHere = new Set([...model.groups.map((g) => g.name), ...batch.flatMap((p) => (p.mutation.fragment.groups ?? []).map((g) => g.name))]);
  const resourcesHere = new Set([...model.resources.map((r) => r.name), ...batch.flatMap((p) => (p.mutation.fragment.resources ?? []).map((r) => r.name))]);
  let clusterHere = configured || batch.some((p) => p.mutation.fragment.cluster !== undefined);
  const bootstraps: DesiredConfig[] = [];
  const bootstrapFiles: ConfigFile[] = [];
  if (!clusterHere) {
    const cluster = batch.find((p) => p.mutation.bootstrap?.cluster)?.mutation.bootstrap?.cluster;
    if (cluster) {
      bootstraps.push(cluster);
      clusterHere = true;
    }
  }
  for (const p of batch) {
    for (const [name, g] of Object.entries(p.mutation.bootstrap?.groups ?? {})) {
      if (groupsHere.has(name) || !clusterHere) continue;
      bootstraps.push(g.fragment);
      bootstrapFiles.push(...g.files);
      groupsHere.add(name);
      for (const r of g.fragment.resources ?? []) resourcesHere.add(r.name);
    }
  }
  const ready: T[] = [];
  const waiting: BatchPlan<T>["waiting"] = [];
  for (const p of batch) {
    const m = p.mutation;
    const groups = (m.requiresGroups ?? []).filter((g) => !groupsHere.has(g));
    const resources = (m.requiresResources ?? []).filter((r) => !resourcesHere.has(r));
    if ((!clusterHere && !m.fragment.remove) || groups.length > 0 || resources.length > 0) {
      const needs = [...(m.requiresGroups ?? []).map((g) => `group ${g}`), ...(m.requiresResources ?? []).map((r) => `resource ${r}`)].join(", ");
      waiting.push({ item: p, needs, clusterHere });
    } else ready.push(p);
  }
  return { bootstraps, bootstrapFiles, ready, waiting };
}

/** Why a mutation cannot be applied: what it builds on is not on the cluster and nothing brings it. */
export function missingPrerequisites(label: string, cluster: string, w: { needs: string; clusterHere: boolean }): string {
  const missing = w.clusterHere ? `what it builds on (${w.needs}) does not exist in` : "there is no configuration for";
  return `${label}: ${missing} cluster ${cluster} (declare the Cluster and the FailoverGroup in the same program)`;
}
