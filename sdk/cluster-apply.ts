// The one push of a `pulumi up` (docs/architecture.md "One push per up"). Every object of a cluster that the program
// declares while it runs is marked `deferPush`: its create/update stages its change and returns. When the program
// has declared everything, the SDK registers the cluster's ClusterApply, which depends on all of them, so the engine
// calls it after every staged change is in, whatever its parallelism: it pushes them once.
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazy-provider";

const provider = lazyProvider("cluster-apply");

/** Pushes what the cluster's objects staged in this run, once. Created by the SDK for every Cluster. */
export class ClusterApply extends pulumi.dynamic.Resource {
  /** The batch's apply method ("none" when nothing needed pushing). */
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;
  /** The objects the last apply carried ("FloatingIp \"fip\"", …). */
  declare readonly pushed: pulumi.Output<string[]>;

  constructor(name: string, target: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
    super(provider, name, { ...target, applied: undefined, applyMethod: undefined, restartedGroups: undefined, pushed: undefined }, opts, "clusterpro", "ClusterApply");
  }
}

/** Per program run (a program host may run the program again in the same process): keyed by the run's stack resource. */
const runs = new WeakMap<object, { end: Promise<boolean>; ended: boolean }>();

/**
 * Resolves when the program has declared all its resources (the stack resource's initialization — the program's
 * body, awaited — is done): true, or false when the program failed. Undefined where there is no stack resource (the
 * SDK's mocks): then objects push on their own.
 */
export function programEnd(): Promise<boolean> | undefined {
  return thisRun()?.end;
}

/** Whether an object declared now is pushed by its cluster's Apply (the program is still declaring). */
export function defersPush(): boolean {
  const run = thisRun();
  return run !== undefined && !run.ended;
}

function thisRun(): { end: Promise<boolean>; ended: boolean } | undefined {
  const stack = pulumi.runtime.getStackResource() as unknown as { getData?(): Promise<unknown> } | undefined;
  if (!stack?.getData) return undefined;
  let run = runs.get(stack);
  if (!run) {
    const r = { ended: false, end: Promise.resolve(false) };
    r.end = stack.getData().then(
      () => true,
      () => false,
    ).then((ok) => {
      r.ended = true;
      return ok;
    });
    runs.set(stack, r);
    run = r;
  }
  return run;
}
