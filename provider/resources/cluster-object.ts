// What every resource that lives inside one cluster's clp.conf shares: the inputs that say which
// cluster and how to reach it, the diff of its own properties, and the words shown in preview.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { applyMethod, objectName, serverName } from "../../sdk/schemas/common";
import { ConnectionSchema } from "../../sdk/schemas/connection";
import { readModel, type ClusterConfig, type DesiredConfig } from "../clusterpro";
import { checkInputs, type CheckFailure } from "./check-failures";
import { jsonEqual } from "./json-equal";
import { changeLines, changeSummary, describeOutcome, unverifiedLines } from "../engine/describe";
import { clusterFragment, groupFiles, groupFragment, type ClusterPlanInput, type ConfigFile, type GroupPlanInput, type GroupResourcePlan, type ServerOs } from "../clusterpro/plan";
import { FailoverGroupArgsSchema } from "../../sdk/schemas/cluster";
import { previewNote } from "../engine/engine-log";
import { OtherStackError, sessionFor, type ClusterSession, type CommitOutcome, type Mutation, type NodeSteps, type StagedOutcome } from "../engine/session";
import { policyRefusal } from "../engine/policy";

/** Inputs that identify the cluster; `connections` is a secret input (it holds passwords and keys). */
export const TargetInputsSchema = z.object({
  clusterName: objectName,
  serverOs: z.enum(["windows", "linux"]),
  servers: z.array(serverName).min(1),
  maxDisruption: applyMethod,
  connections: z.array(z.object({ name: serverName, connection: ConnectionSchema })).min(1),
  /** The stack applying ("project/stack"): recorded on the cluster so that a second stack is told (not diffed). */
  stack: z.string().optional(),
  /** The Cluster's adopt: take the cluster over from another stack recorded as its manager (not diffed). */
  takeOver: z.boolean().optional(),
  /** Set by the SDK for an object declared before the program ended: the cluster's Apply pushes it (not diffed). */
  deferPush: z.boolean().optional(),
  /** The parents' plans a child carries (see bootstrapOf); kept through check, which strips unknown keys. */
  bootstrap: z.record(z.string(), z.unknown()).optional(),
});
export type TargetInputs = z.infer<typeof TargetInputsSchema>;

export const TARGET_KEYS = ["clusterName", "serverOs", "servers", "maxDisruption", "connections"] as const;

export function sessionOf(inputs: Record<string, unknown>): ClusterSession {
  const t = TargetInputsSchema.parse(pick(inputs, [...TARGET_KEYS, "stack", "takeOver"]));
  const byName = new Map(t.connections.map((c) => [c.name, c]));
  return sessionFor({
    clusterName: t.clusterName,
    os: t.serverOs,
    maxDisruption: t.maxDisruption,
    ...(t.stack ? { stack: t.stack } : {}),
    ...(t.takeOver ? { takeOver: true } : {}),
    nodes: t.servers.map((s) => byName.get(s)).filter((c): c is NonNullable<typeof c> => c !== undefined),
  });
}

export function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** Equal values, whatever the order of object keys (the engine hands back state with sorted keys; check's own inputs are in schema order). */
const same = jsonEqual;

/** Own properties that changed; `replaceKeys` name the identity (a change replaces the object). */
export function diffProperties(olds: Record<string, unknown>, news: Record<string, unknown>, keys: readonly string[], replaceKeys: readonly string[]): pulumi.dynamic.DiffResult {
  const changed = keys.filter((k) => !same(olds[k], news[k]));
  const replaces = changed.filter((k) => replaceKeys.includes(k));
  // A replacement under the same name would collide inside clp.conf: delete first.
  const sameName = replaces.every((k) => k !== "name");
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
}

/** Reasons already shown in this process, so that N resources of an unreadable cluster say why once. */
const shown = new Set<string>();

/**
 * Preview's verdict on one resource's pending change, run by `check` (the one provider call the
 * engine makes for every resource in preview, new ones included): the preview line saying how the
 * change will be applied, and a check failure when the disruption policy refuses it (policy.ts, the
 * same function the commit applies to the whole batch at `up`). The failure names the program's
 * field that brings the change, so `pulumi preview` fails with it. When the cluster cannot tell (it
 * is unreachable, or the object's group is not there yet), preview says why and goes on: the commit
 * judges the batch at update time.
 */
export async function previewPolicy(label: string, session: ClusterSession, mutation: Mutation, field: string): Promise<CheckFailure[]> {
  let outcome: CommitOutcome;
  try {
    outcome = await session.preview(mutation);
  } catch (e) {
    // Another stack manages this cluster: preview fails with who, before anything is attempted.
    if (e instanceof OtherStackError) return [{ property: field, reason: `${label}: ${e.message}` }];
    // The cluster was read but the object has no place in it yet (a clp.conf rule: its group is new in
    // this run). A cluster with no configuration at all is announced whole by the commit ("new
    // configuration"): nothing to say per object. (After a failed read, document() would read again.)
    if ((e as Error).name === "ClpConfError" && (await session.document().then((d) => !d.configured, () => false))) return [];
    const why = (e as Error).message.split("\n")[0];
    const key = `${session.target.clusterName}\n${why}`;
    const said = shown.has(key);
    shown.add(key);
    await previewNote(`clusterpro: ${label}: the apply method will be known at update time (${said ? `cluster ${session.target.clusterName} could not be read, see above` : why})`);
    return [];
  }
  const refusal = policyRefusal(outcome, session.target.maxDisruption, session.target.clusterName);
  if (refusal) return [{ property: field, reason: `${label}: ${refusal.message}` }];
  // A new cluster's objects are announced together by the commit ("new configuration"), not one by one;
  // what they write that no public source shows is still named now.
  if (outcome.applyMethod !== "initial") await announce(label, session, outcome);
  else if (unverifiedLines(outcome.changes)) await previewNote(`clusterpro: ${label} in cluster ${session.target.clusterName} writes elements no public source shows:${unverifiedLines(outcome.changes)}`);
  return [];
}

/** The program's field a check failure names for a change: the first own property that changed; "name" for a new object. */
export function changedField(olds: Record<string, unknown>, news: Record<string, unknown>, keys: readonly string[]): string {
  return keys.find((k) => !same(olds[k], news[k])) ?? "name";
}

/**
 * `check`'s preview verdict for one object: the policy on a new object's mutation, or on an update's
 * (a replacement is judged at up). Values still unknown at preview make the builder throw: they are
 * judged when they are known.
 */
export async function previewCheck(p: {
  label: string;
  olds: Record<string, unknown> | undefined;
  inputs: Record<string, unknown>;
  keys: readonly string[];
  replaceKeys: readonly string[];
  /** The mutation to judge: the object's own (olds undefined) or its update from olds. */
  mutation(olds?: Record<string, unknown>): Mutation;
}): Promise<CheckFailure[]> {
  let previewed: { mutation: Mutation; field: string };
  try {
    if (!isUpdate(p.olds)) previewed = { mutation: p.mutation(), field: "name" };
    else {
      const d = diffProperties(p.olds, p.inputs, p.keys, p.replaceKeys);
      if (!d.changes || (d.replaces ?? []).length > 0) return [];
      previewed = { mutation: p.mutation(p.olds), field: changedField(p.olds, p.inputs, p.keys) };
    }
  } catch {
    return [];
  }
  return previewPolicy(p.label, sessionOf(p.inputs), previewed.mutation, previewed.field);
}

/** Whether `check` got the inputs of an object that exists (an update), not of a new one. */
export function isUpdate(olds: Record<string, unknown> | undefined): olds is Record<string, unknown> {
  return olds !== undefined && Object.keys(olds).length > 0;
}

/** A preview line (not repeated by the update of `up`): what this resource's change does to clp.conf and how it will be applied. */
export async function announce(label: string, session: ClusterSession, outcome: CommitOutcome): Promise<void> {
  if (outcome.applyMethod === "none") return;
  // The status of the read preview judged (cached by the session): where the groups to stop run now.
  const status = await session.read().then((s) => s.status, () => undefined);
  await previewNote(`clusterpro: ${label} in cluster ${session.target.clusterName} would apply with: ${describeOutcome(outcome, status)}${changeSummary(outcome)}${unverifiedLines(outcome.changes)}`);
}

/**
 * Adoption: creating an object that clp.conf already holds adopts it when it is already as desired;
 * when it differs, create fails with the differences unless `adopt: true` says to take it over.
 */
export async function guardAdoption(session: ClusterSession, mutation: Mutation, object: { section: "group" | "resource" | "monitor"; name: string }, adopt: boolean): Promise<void> {
  const { doc, configured } = await session.document();
  if (!configured) return;
  const model = readModel(doc);
  const list: { name: string }[] = object.section === "group" ? model.groups : object.section === "monitor" ? model.monitors : model.resources;
  const exists = list.some((o) => o.name === object.name);
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

/**
 * Create/update: an object the SDK marked `deferPush` is staged for the cluster's Apply resource, which pushes the
 * whole program once after every object (docs/architecture.md "One push per up"); otherwise (no Apply in this run,
 * or it has begun) the object joins the session's next commit and returns when it is applied.
 */
export async function pushOrStage(session: ClusterSession, mutation: Mutation, inputs: Record<string, unknown>): Promise<StagedOutcome> {
  if (inputs.deferPush === true && session.defers) return session.stage(mutation);
  return session.commit(mutation);
}

/** Check: what the object wants of the cluster, recorded for the Apply (values still unknown at preview: nothing). */
export function declareWish(inputs: Record<string, unknown>, mutation: () => Mutation): void {
  if (inputs.deferPush !== true) return;
  let m: Mutation;
  try {
    m = mutation();
  } catch {
    return;
  }
  sessionOf(inputs).declare(m);
}

/** The outputs every cluster object reports about its last apply. */
export function applyOutputs(o: StagedOutcome): { applyMethod: string; restartedGroups: string[] } {
  return { applyMethod: o.applyMethod, restartedGroups: o.restartedGroups };
}

/**
 * What distinguishes one kind of cluster object; the provider methods are the same for all. `I` is the kind's inputs as
 * its schema gives them (z.output of the target + the SDK schema's fields + what the SDK adds): the provider parses
 * the engine's inputs once with `schema` and hands the hooks typed values (no second, hand-written input type).
 */
export interface ClusterObjectKind<P, I extends ObjectInputs = ObjectInputs> {
  /** "FloatingIp", "MirrorDisk", "FailoverGroup": for messages. */
  kind: string;
  /** Where clp.conf keeps it (adoption looks there for an object of the same name; "cluster": the whole configuration). */
  section: "cluster" | "group" | "resource" | "monitor";
  /** The full inputs schema (target + own args). */
  schema: z.ZodType<I>;
  ownKeys: readonly string[];
  /** A change to one of these replaces the object. */
  replaceKeys: readonly string[];
  /** Refuses a replacement the user did not consent to (throws with the reason). */
  guardReplace?(replaces: readonly string[], news: Record<string, unknown>): void;
  plan(inputs: I): P;
  fragment(p: P): DesiredConfig;
  /** What delete removes; absent: delete leaves clp.conf as it is (the Cluster: its definition stays on the servers). */
  removal?(p: P): DesiredConfig;
  /** What an update changes; default: the new fragment (objects it no longer has are removed here). */
  transition?(old: P, next: P): DesiredConfig;
  /** Files of the configuration folder this object brings (script resources' start/stop scripts). */
  files?(p: P): ConfigFile[];
  /** Folders of the configuration folder that go away: on update (next given) or delete (next undefined). */
  removedFolders?(old: P, next?: P): string[];
  requiresGroups(p: P): string[];
  /**
   * Inputs the provider completes from the nodes (a Windows MirrorDisk's volume GUIDs): at `check` ("check": a node
   * that cannot be read leaves them out, a fact that makes the inputs impossible is a failure naming the field) and
   * before create/update when check could not ("apply": both throw). `olds`: the state's inputs (check of an update),
   * kept for what could not be read.
   */
  resolve?(inputs: Record<string, unknown>, session: ClusterSession, mode: "check" | "apply", olds?: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }>;
  /** OS steps the object's create/update runs on the servers before the push (Mutation.nodeSteps). */
  nodeSteps?(p: P, inputs: I): NodeSteps[];
  /**
   * For refresh: how the servers differ from what nodeSteps makes them ("server02: service X startup automatic (want
   * manual)"), read from the nodes. Reported in the input `nodeState`; the program means "converged", so the next
   * preview shows the drift and `up` runs the steps again.
   */
  nodeDrift?(actual: Record<string, unknown>, session: ClusterSession): Promise<string[]>;
  /** The object's own properties as clp.conf has them now; undefined when it is gone. */
  actual(model: ClusterConfig, props: Record<string, unknown>): Record<string, unknown> | undefined;
  id(inputs: I): string;
}

/** What every kind's parsed inputs have: the target and the object's name. */
export type ObjectInputs = TargetInputs & { name: string };

export const OUTPUT_ONLY = new Set(["applyMethod", "restartedGroups"]);
/** nodeState when the servers are as the object's node steps make them. */
export const CONVERGED = "converged";

/** The properties with nodeState as diff compares it: absent (the program, a state from before) means converged. */
export function withNodeState(o: Record<string, unknown>): Record<string, unknown> {
  return { ...o, nodeState: o.nodeState ?? CONVERGED };
}

/** The nodeState refresh reports for what it found on the servers. */
export function nodeStateOf(drift: readonly string[]): string {
  return drift.length > 0 ? `drift: ${drift.join("; ")}` : CONVERGED;
}

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

export function clusterObjectProvider<P, I extends ObjectInputs>(k: ClusterObjectKind<P, I>) {
  const label = (i: Record<string, unknown>) => `${k.kind} "${String(i.name)}"`;
  /** The engine's inputs (or a state's) as the kind's schema gives them; throws on what check would have refused. */
  const parse = (o: Record<string, unknown>): I => k.schema.parse(o);
  const mutation = (inputs: Record<string, unknown>, olds?: Record<string, unknown>): Mutation => {
    const i = parse(inputs);
    const p = k.plan(i);
    const old = olds ? k.plan(parse(olds)) : undefined;
    const fragment = old && k.transition ? k.transition(old, p) : k.fragment(p);
    return {
      label: label(inputs),
      fragment,
      requiresGroups: k.requiresGroups(p),
      files: k.files?.(p) ?? [],
      removeFolders: old && k.removedFolders ? k.removedFolders(old, p) : [],
      bootstrap: bootstrapOf(inputs),
      ...(k.nodeSteps ? { nodeSteps: k.nodeSteps(p, i) } : {}),
    };
  };
  // nodeState: what refresh found on the servers; absent (the program, a state from before) means converged.
  const keys = [...k.ownKeys, ...(k.nodeDrift ? ["nodeState"] : []), ...TARGET_KEYS];
  const nodeStateOrNot = (o: Record<string, unknown>) => (k.nodeDrift ? withNodeState(o) : o);
  const resolved = async (inputs: Record<string, unknown>): Promise<Record<string, unknown>> => {
    if (!k.resolve) return inputs;
    const r = await k.resolve(inputs, sessionOf(inputs), "apply");
    if (r.failures.length > 0) throw new Error(r.failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
    return r.inputs;
  };
  const apply = async (inputs: Record<string, unknown>, olds?: Record<string, unknown>) => {
    const outcome = await pushOrStage(sessionOf(inputs), mutation(inputs, olds), inputs);
    return { ...inputs, ...applyOutputs(outcome) };
  };
  return {
    async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
      const r = checkInputs(k.schema, news);
      if (r.failures.length > 0) return r;
      if (k.resolve) {
        const x = await k.resolve(r.inputs, sessionOf(r.inputs), "check", isUpdate(olds) ? olds : undefined);
        if (x.failures.length > 0) return { inputs: r.inputs, failures: x.failures };
        r.inputs = x.inputs;
      }
      declareWish(r.inputs, () => mutation(r.inputs));
      const failures = await previewCheck({ label: label(r.inputs), olds: isUpdate(olds) ? nodeStateOrNot(olds) : olds, inputs: nodeStateOrNot(r.inputs), keys, replaceKeys: k.replaceKeys, mutation: (o) => mutation(r.inputs, o) });
      return { inputs: r.inputs, failures };
    },
    async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
      const d = diffProperties(nodeStateOrNot(olds), nodeStateOrNot(news), keys, k.replaceKeys);
      if ((d.replaces ?? []).length > 0) k.guardReplace?.(d.replaces ?? [], news);
      return d;
    },
    async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
      const inputs = await resolved(news);
      const session = sessionOf(inputs);
      if (k.section === "cluster") await guardAdoptionOfCluster(session, mutation(inputs), inputs.adopt === true);
      else await guardAdoption(session, mutation(inputs), { section: k.section, name: String(inputs.name) }, inputs.adopt === true);
      return { id: k.id(parse(inputs)), outs: await apply(inputs) };
    },
    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
      const session = sessionOf(props);
      await session.refreshed(); // refresh reads what the cluster holds now (once for all objects)
      const { doc, configured } = await session.document();
      const own = configured ? k.actual(readModel(doc), props) : undefined;
      if (!own) return {}; // gone: the engine drops it from state
      const actual = definedOnly({ ...props, ...own });
      if (k.nodeDrift) {
        const drift = await k.nodeDrift(actual, session);
        actual.nodeState = nodeStateOf(drift);
      }
      return { id, props: actual, inputs: Object.fromEntries(Object.entries(actual).filter(([key]) => !OUTPUT_ONLY.has(key))) };
    },
    async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
      return { outs: await apply(await resolved(news), olds) };
    },
    async delete(_id: string, props: Record<string, unknown>): Promise<void> {
      if (!k.removal) return;
      const session = sessionOf(props);
      const p = k.plan(parse(props));
      await session.commit({ label: label(props), fragment: k.removal(p), removeFolders: k.removedFolders?.(p) ?? [] });
    },
  };
}
