// ClusterApply: the one push of a `pulumi up` (docs/architecture.md "One push per up"). The SDK registers it after
// the program has declared every object of the cluster, depending on all of them; their create/update staged their
// changes (session.stage), and this resource pushes what is pending in one commit (session.applyDeferred). Its state
// records, per object, a digest of what was pushed, so a run whose Apply failed is pushed by the next `up` even
// though the objects' own state already says they were created.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { checkInputs } from "./check-failures";
import { isUpdate, sessionOf, TargetInputsSchema, type TargetInputs } from "./cluster-object";
import type { ClusterSession } from "../engine/session";
import { previewNote } from "../engine/engine-log";

const Applied = z.record(z.string(), z.string());

/** Its inputs are the cluster's target (sdk/cluster-apply.ts), as TargetInputsSchema gives them. */
const parse = (o: Record<string, unknown>): TargetInputs => TargetInputsSchema.parse(o);

const appliedOf = (o: Record<string, unknown> | undefined): Record<string, string> => {
  const r = Applied.safeParse(o?.applied);
  return r.success ? r.data : {};
};

export async function check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const r = checkInputs(TargetInputsSchema, news);
  if (r.failures.length > 0) return r;
  // A new Apply pushes everything declared; an existing one's record of what it pushed is an output, which check does
  // not get (olds are the old inputs): diff says what it will push.
  if (!isUpdate(olds)) await announcePending(sessionOf(r.inputs), {});
  return { inputs: r.inputs, failures: [] };
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const pending = await announcePending(sessionOf(news), appliedOf(olds));
  return { changes: pending.length > 0, replaces: [] };
}

/** What the Apply will push against the record of what was pushed, said once in preview; answers the objects. */
async function announcePending(session: ClusterSession, applied: Record<string, string>): Promise<string[]> {
  const pending = session.pendingLabels(applied);
  if (pending.length > 0) await previewNote(`clusterpro: cluster ${session.target.clusterName}: up pushes once for ${pending.join(", ")}`);
  return pending;
}

async function apply(i: TargetInputs, olds?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await sessionOf(i).applyDeferred(appliedOf(olds));
  return { ...i, applied: r.applied, applyMethod: r.outcome.applyMethod, restartedGroups: r.outcome.restartedGroups, pushed: r.labels };
}

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const i = parse(news);
  return { id: `${i.clusterName}/apply`, outs: await apply(i) };
}

export async function update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await apply(parse(news), olds) };
}

/** Nothing to read back: what it pushed lives in the objects' own state. */
export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
  return { id, props };
}

/** The configuration stays: each object's own delete removes it. */
export async function remove(): Promise<void> {
  return undefined;
}
export { remove as delete };
