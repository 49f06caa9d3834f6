// What every resource that lives inside one cluster's clp.conf shares: the inputs that say which
// cluster and how to reach it, the diff of its own properties, and the words shown in preview.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { applyMethod, objectName, serverName } from "../../sdk/schemas/common";
import { ConnectionSchema } from "../../sdk/schemas/connection";
import { readModel, type ClusterConfig, type DesiredConfig } from "../clusterpro";
import { checkInputs } from "./check-failures";
import { changeLines, changeSummary, describeOutcome } from "../engine/describe";
import { clusterFragment, groupFiles, groupFragment, type ClusterPlanInput, type ConfigFile, type GroupPlanInput, type GroupResourcePlan, type ServerOs } from "../engine/plan";
import { FailoverGroupArgsSchema } from "../../sdk/schemas/cluster";
import { engineLog } from "../engine/engine-log";
import { sessionFor, type ClusterSession, type CommitOutcome, type Mutation } from "../engine/session";

/** Inputs that identify the cluster; `connections` is a secret input (it holds passwords and keys). */
export const TargetInputsSchema = z.object({
  clusterName: objectName,
  serverOs: z.enum(["windows", "linux"]),
  servers: z.array(serverName).min(1),
  maxDisruption: applyMethod,
  connections: z.array(z.object({ name: serverName, connection: ConnectionSchema })).min(1),
  /** The parents' plans a child carries (see bootstrapOf); kept through check, which strips unknown keys. */
  bootstrap: z.record(z.string(), z.unknown()).optional(),
});
export type TargetInputs = z.infer<typeof TargetInputsSchema>;

export const TARGET_KEYS = ["clusterName", "serverOs", "servers", "maxDisruption", "connections"] as const;

export function sessionOf(inputs: Record<string, unknown>): ClusterSession {
  const t = TargetInputsSchema.parse(pick(inputs, TARGET_KEYS));
  const byName = new Map(t.connections.map((c) => [c.name, c]));
  return sessionFor({
    clusterName: t.clusterName,
    os: t.serverOs,
    maxDisruption: t.maxDisruption,
    nodes: t.servers.map((s) => byName.get(s)).filter((c): c is NonNullable<typeof c> => c !== undefined),
  });
}

export function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Own properties that changed; `replaceKeys` name the identity (a change replaces the object). */
export function diffProperties(olds: Record<string, unknown>, news: Record<string, unknown>, keys: readonly string[], replaceKeys: readonly string[]): pulumi.dynamic.DiffResult {
  const changed = keys.filter((k) => !same(olds[k], news[k]));
  const replaces = changed.filter((k) => replaceKeys.includes(k));
  // A replacement under the same name would collide inside clp.conf: delete first.
  const sameName = replaces.every((k) => k !== "name");
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
}

/**
 * The preview line for a pending change. It is information: when the cluster cannot tell (it is
 * unreachable, or the object's group is not there yet), preview says so and goes on.
 */
export async function announcePreview(label: string, session: ClusterSession, mutation: Mutation): Promise<void> {
  try {
    await announce(label, session, await session.preview(mutation));
  } catch (e) {
    await engineLog("info", `clusterpro: ${label}: the apply method will be known at update time (${(e as Error).message.split("\n")[0]})`);
  }
}

/** A preview line: what this resource's change does to clp.conf and how it will be applied. */
export async function announce(label: string, session: ClusterSession, outcome: CommitOutcome): Promise<void> {
  if (outcome.applyMethod === "none") return;
  await engineLog("info", `clusterpro: ${label} in cluster ${session.target.clusterName} would apply with: ${describeOutcome(outcome)}${changeSummary(outcome)}`);
}

/**
 * Adoption: creating an object that clp.conf already holds adopts it when it is already as desired;
 * when it differs, create fails with the differences unless `adopt: true` says to take it over.
 */
export async function guardAdoption(session: ClusterSession, mutation: Mutation, object: { section: "group" | "resource"; name: string }, adopt: boolean): Promise<void> {
  const { doc, configured } = await session.document();
  if (!configured) return;
  const model = readModel(doc);
  const exists = object.section === "group" ? model.groups.some((g) => g.name === object.name) : model.resources.some((r) => r.name === object.name);
  if (!exists || adopt) return;
  const outcome = await session.preview(mutation);
  if (outcome.applyMethod === "none") return;
  throw new Error(
    `${mutation.label}: cluster ${session.target.clusterName} already has a ${object.section} named ${object.name} that differs from this program:\n${changeLines(outcome.changes)}\n` +
      `Set adopt: true to take it over (the program's values win), or change the program to match.`,
  );
}

/** Adoption for the cluster itself: an existing configuration that differs needs adopt: true. */
export async function guardAdoptionOfCluster(session: ClusterSession, mutation: Mutation, adopt: boolean): Promise<void> {
  const { configured } = await session.document();
  if (!configured || adopt) return;
  const outcome = await session.preview(mutation);
  if (outcome.applyMethod === "none") return;
  throw new Error(
    `${mutation.label}: the servers already have a cluster configuration that differs from this program:\n${changeLines(outcome.changes)}\n` +
      `Set adopt: true to take it over (the program's values win; everything else in clp.conf is kept), or change the program to match.`,
  );
}

/** The outputs every cluster object reports about its last apply. */
export function applyOutputs(o: CommitOutcome): { applyMethod: string; restartedGroups: string[] } {
  return { applyMethod: o.applyMethod, restartedGroups: o.restartedGroups };
}

/** What distinguishes one kind of cluster object; the provider methods are the same for all. */
export interface ClusterObjectKind<P> {
  /** "FloatingIp", "MirrorDisk", "FailoverGroup": for messages. */
  kind: string;
  section: "group" | "resource";
  /** The full inputs schema (target + own args). */
  schema: z.ZodType<Record<string, unknown>>;
  ownKeys: readonly string[];
  /** A change to one of these replaces the object. */
  replaceKeys: readonly string[];
  /** Refuses a replacement the user did not consent to (throws with the reason). */
  guardReplace?(replaces: readonly string[], news: Record<string, unknown>): void;
  plan(inputs: Record<string, unknown>): P;
  fragment(p: P): DesiredConfig;
  removal(p: P): DesiredConfig;
  /** What an update changes; default: the new fragment (objects it no longer has are removed here). */
  transition?(old: P, next: P): DesiredConfig;
  /** Files of the configuration folder this object brings (script resources' start/stop scripts). */
  files?(p: P): ConfigFile[];
  /** Folders of the configuration folder that go away: on update (next given) or delete (next undefined). */
  removedFolders?(old: P, next?: P): string[];
  requiresGroups(p: P): string[];
  /** The object's own properties as clp.conf has them now; undefined when it is gone. */
  actual(model: ClusterConfig, props: Record<string, unknown>): Record<string, unknown> | undefined;
  id(inputs: Record<string, unknown>): string;
}

export const OUTPUT_ONLY = new Set(["applyMethod", "restartedGroups"]);

/** The parent fragments a child carries (sdk: Cluster.bootstrap, FailoverGroup.bootstrap), to create them if absent. */
export function bootstrapOf(inputs: Record<string, unknown>): Mutation["bootstrap"] {
  const b = inputs.bootstrap as { cluster?: ClusterPlanInput; group?: Record<string, unknown> } | undefined;
  if (!b) return undefined;
  const os = inputs.serverOs as ServerOs;
  const out: NonNullable<Mutation["bootstrap"]> = {};
  if (b.cluster) out.cluster = clusterFragment({ ...b.cluster, os });
  if (b.group) {
    const g = FailoverGroupArgsSchema.parse(Object.fromEntries(Object.entries(b.group).filter(([k]) => k !== "adopt")));
    const plan: GroupPlanInput = { os, ...g, resources: g.resources as GroupResourcePlan[] };
    out.groups = { [g.name]: { fragment: groupFragment(plan), files: groupFiles(plan) } };
  }
  return out;
}

/** Properties without the undefined ones (state holds no undefined, and the wire cannot carry it). */
export function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function clusterObjectProvider<P>(k: ClusterObjectKind<P>) {
  const label = (i: Record<string, unknown>) => `${k.kind} "${String(i.name)}"`;
  const mutation = (inputs: Record<string, unknown>, olds?: Record<string, unknown>): Mutation => {
    const p = k.plan(inputs);
    const old = olds ? k.plan(olds) : undefined;
    const fragment = old && k.transition ? k.transition(old, p) : k.fragment(p);
    return {
      label: label(inputs),
      fragment,
      requiresGroups: k.requiresGroups(p),
      files: k.files?.(p) ?? [],
      removeFolders: old && k.removedFolders ? k.removedFolders(old, p) : [],
      bootstrap: bootstrapOf(inputs),
    };
  };
  const apply = async (inputs: Record<string, unknown>, olds?: Record<string, unknown>) => {
    const session = sessionOf(inputs);
    const outcome = await session.commit(mutation(inputs, olds));
    return { ...inputs, ...applyOutputs(outcome) };
  };
  return {
    async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
      return checkInputs(k.schema, news);
    },
    async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
      const d = diffProperties(olds, news, [...k.ownKeys, ...TARGET_KEYS], k.replaceKeys);
      if ((d.replaces ?? []).length > 0) k.guardReplace?.(d.replaces ?? [], news);
      if (d.changes && (d.replaces ?? []).length === 0) {
        await announcePreview(label(news), sessionOf(news), mutation(news, olds));
      }
      return d;
    },
    async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
      await guardAdoption(sessionOf(inputs), mutation(inputs), { section: k.section, name: String(inputs.name) }, inputs.adopt === true);
      return { id: k.id(inputs), outs: await apply(inputs) };
    },
    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
      const session = sessionOf(props);
      await session.refreshed(); // refresh reads what the cluster holds now (once for all objects)
      const { doc, configured } = await session.document();
      const own = configured ? k.actual(readModel(doc), props) : undefined;
      if (!own) return {}; // gone: the engine drops it from state
      const actual = definedOnly({ ...props, ...own });
      return { id, props: actual, inputs: Object.fromEntries(Object.entries(actual).filter(([key]) => !OUTPUT_ONLY.has(key))) };
    },
    async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
      return { outs: await apply(news, olds) };
    },
    async delete(_id: string, props: Record<string, unknown>): Promise<void> {
      const session = sessionOf(props);
      const p = k.plan(props);
      await session.commit({ label: label(props), fragment: k.removal(p), removeFolders: k.removedFolders?.(p) ?? [] });
    },
  };
}
