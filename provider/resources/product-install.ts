// ProductInstall: makes a catalog product cluster-aware in a failover group. Create and update run
// the product's per-node steps (three agent round trips per node: the node's facts — its folders —,
// read, then write in the documented order: startup types Manual on every server before the push),
// then commit its clp.conf objects (service resources, monitors, regsync, stop script). Refresh reads
// the nodes again and reports differences in nodeState ("drift: …"), which the next up converges.
// Delete removes exactly those objects, puts the startup types back to what create found, and
// leaves the data on the shared disk (docs/products.md says what is and is not undone).
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { readModel } from "../clusterpro";
import { runAgent } from "../remote/host";
import type { AgentOpInput, AgentResult } from "../remote/agent/protocol";
import { RemoteError } from "../remote/types";
import { hostFor } from "../engine/connections";
import { checkNode, nodeDrift, nodeEnv, nodeFacts, productFragment, productObjects, productRemoval, quiesceOps, readOps, restoreOps, writeOps, type NodeFacts, type NodeRole } from "../products/applier";
import { engineLog } from "../engine/engine-log";
import { folderRuleIssues, ProductInputError, parseProductInstall, renderValidInstall } from "../products";
import { objectName, serverName } from "../../sdk/schemas/common";
import { ProductInstallArgsSchema } from "../../sdk/schemas/product-install";
import { checkInputs } from "./check-failures";
import { applyOutputs, declareWish, definedOnly, diffProperties, isUpdate, nodeStateOf, OUTPUT_ONLY, pick, previewCheck, sessionOf, TARGET_KEYS, TargetInputsSchema, withNodeState } from "./cluster-object";
import type { Mutation, StagedOutcome } from "../engine/session";

/** The target and what the SDK adds to the program's arguments (sdk/product-install.ts). */
const PlacementSchema = TargetInputsSchema.extend({
  name: objectName,
  group: objectName,
  /** The group's startup servers in order (the first reachable one is the active node). */
  groupStartupServers: z.array(serverName).optional(),
  /** "converged" from the program; refresh puts "drift: …" here when a node differs, so preview shows it and up fixes it. */
  nodeState: z.string().optional(),
  /** The last service resource of the install declared before this one in the group. */
  after: objectName.optional(),
  /** Services earlier installs of the group already bring (shared database instances). */
  sharedServices: z.array(z.string()).optional(),
  adopt: z.boolean().default(false),
});
/** The full inputs: the placement and the program's own arguments (product, settings typed per product, folders), the SDK's schema. */
const InputsSchema = z.intersection(PlacementSchema, ProductInstallArgsSchema);
type Inputs = z.output<typeof InputsSchema>;
/** What the provider's functions take (test/unit/sdk-types.test.ts holds it to the SDK's schema). */
export type ProductInstallInputs = Inputs;
/** The engine's inputs (or a state's) as the schema gives them; throws on what check would have refused. */
const parse = (o: Record<string, unknown>): Inputs => InputsSchema.parse(o);

/** The program's own arguments: kept in the state as the program wrote them (settings without the product's defaults). */
const PRODUCT_KEYS = ["product", "settings", "sharedFolder", "installFolder"] as const;
const OWN_KEYS = ["name", "group", "groupStartupServers", "product", "settings", "sharedFolder", "installFolder", "nodeState", "after", "sharedServices"] as const;
const REPLACE_KEYS = ["clusterName", "group", "name", "product"];

/** Outputs the provider reads back from its state: per server, the startup types the first install found (what destroy restores). */
const FoundStartupSchema = z.record(z.string(), z.record(z.string(), z.string()));
const foundStartupOf = (o: Record<string, unknown> | undefined) => FoundStartupSchema.optional().catch(undefined).parse(o?.foundStartup);
/** …and the service resources the install contributed (what refresh looks for). */
const serviceResourcesOf = (o: Record<string, unknown>) => z.array(z.string()).optional().catch(undefined).parse(o.serviceResources);

function planOf(i: Inputs) {
  // The folder rules of the catalog entry (check applied them through parseProductInstall; a state is held to them too).
  const issues = folderRuleIssues(i.product, i);
  if (issues.length > 0) throw new ProductInputError(issues);
  const plan = renderValidInstall(i, i.sharedServices);
  return { plan, objects: productObjects(plan, i.name, i.group, i.after, i.sharedServices) };
}


const label = (i: { name?: unknown }) => `ProductInstall "${String(i.name)}"`;

/** Which server is active for the group (where it runs, else its first startup server) and which are standby. */
function roles(i: Inputs, current: string | undefined): Map<string, NodeRole> {
  const order = i.groupStartupServers?.length ? i.groupStartupServers : i.servers;
  const active = current ?? order[0];
  return new Map(order.map((s) => [s, s === active ? "active" : "standby"]));
}

function firstFailure(node: string, ops: AgentOpInput[], results: AgentResult[]): RemoteError | undefined {
  const i = results.findIndex((r) => !r.ok);
  if (i < 0) return undefined;
  const r = results[i];
  const op = ops[i] as { op: string; path?: string; name?: string; names?: string[]; key?: string; from?: string };
  const what = op.path ?? op.from ?? op.key ?? op.name ?? op.names?.join(", ") ?? "";
  return new RemoteError(node, `${op.op} ${what}`.trim(), r.ok ? "" : `${r.error.code}: ${r.error.message}`);
}

/** The node's facts (its folders: %ProgramFiles% is what it says), then the plan's read batch: two round trips. */
async function readNode(host: ReturnType<typeof hostFor>, plan: ReturnType<typeof planOf>["plan"]): Promise<NodeFacts> {
  const [factsResult] = await runAgent(host, [{ op: "facts" }]);
  return nodeFacts(plan, factsResult, await runAgent(host, readOps(plan, nodeEnv(factsResult))));
}

/** Refresh: each reachable node's differences from the converged state ("server02: …"); an unreachable node is logged, not drift. */
async function driftOf(i: Inputs, plan: ReturnType<typeof planOf>["plan"], current: string | undefined): Promise<string[]> {
  const byName = new Map(i.connections.map((c) => [c.name, c]));
  const perNode = await Promise.all(
    [...roles(i, current)].map(async ([server, role]) => {
      const conn = byName.get(server);
      if (!conn) return [];
      try {
        return nodeDrift(plan, role, await readNode(hostFor(conn), plan)).map((d) => `${server}: ${d}`);
      } catch (e) {
        await engineLog("warning", `${label(i)}: refresh could not read ${server}: ${(e as Error).message}`);
        return [];
      }
    }),
  );
  return perNode.flat();
}

/** The per-node steps; answers the startup types found before they were changed, per node. */
async function convergeNodes(i: Inputs, plan: ReturnType<typeof planOf>["plan"], current: string | undefined, installed: boolean): Promise<Record<string, Record<string, string>>> {
  const byName = new Map(i.connections.map((c) => [c.name, c]));
  const found: Record<string, Record<string, string>> = {};
  // Read and check every node before any node is written: a problem (shared data in the way, a file that cannot
  // be edited) stops the install with nothing changed anywhere.
  const nodes = await Promise.all(
    [...roles(i, current)].map(async ([server, role]) => {
      const conn = byName.get(server);
      if (!conn) throw new Error(`${label(i)}: no connection for server ${server}`);
      const host = hostFor(conn);
      const facts = await readNode(host, plan);
      found[server] = facts.startup;
      return { server, role, host, facts, report: checkNode(plan, role, facts) };
    }),
  );
  const problems = nodes.flatMap((n) => n.report.problems.map((p) => `${n.server} (${n.role}): ${p}`));
  if (problems.length > 0) throw new Error(`${label(i)}: nothing was changed: ${problems.join("; ")}`);
  for (const n of nodes) for (const note of n.report.notes) await engineLog(note.severity, `${label(i)} on ${n.server}: ${note.message}`);
  await Promise.all(
    nodes.map(async ({ server, role, host, facts }) => {
      // An update (or a drift repair) of an install whose group is online: the group keeps running its services.
      const ops = writeOps(plan, role, facts, installed && current !== undefined);
      const failure = firstFailure(server, ops, await runAgent(host, ops));
      if (failure) throw failure;
    }),
  );
  return found;
}

async function apply(inputs: Record<string, unknown>, previous?: Record<string, unknown>) {
  const i = parse(inputs);
  const { plan, objects } = planOf(i);
  const session = sessionOf(inputs);
  let found: Record<string, Record<string, string>>;
  let outcome: StagedOutcome;
  if (i.deferPush === true && session.defers) {
    // The cluster's Apply runs the node steps once the group runs (session.applyDeferred); what the nodes have now is
    // read here, for destroy to restore.
    found = await foundStartup(i, plan, (await session.read()).status.groups[i.group]?.current);
    outcome = await session.stage(installMutation(i, objects, plan, previous));
  } else {
    const state = await session.read();
    found = await convergeNodes(i, plan, state.status.groups[i.group]?.current, previous !== undefined);
    outcome = await session.commit(commitOf(i, objects, previous));
  }
  const keptFound = foundStartupOf(previous) ?? found;
  return {
    ...inputs,
    ...applyOutputs(outcome),
    serviceResources: objects.resources.filter((r) => r.type === "service").map((r) => r.name),
    // What the first install found is what destroy restores, whatever later updates saw.
    foundStartup: keptFound,
    manualSteps: plan.manualSteps.map((m) => `${m.text} (${m.seed})`),
  };
}

/** Every node at once, before the push: the services the group will run stopped and Manual, the nodes' own files (quiesceOps). */
async function quiesceNodes(i: Inputs, plan: ReturnType<typeof planOf>["plan"]): Promise<void> {
  await Promise.all(
    i.connections.map(async (conn) => {
      const host = hostFor(conn);
      const [facts] = await runAgent(host, [{ op: "facts" }]);
      const ops = quiesceOps(plan, nodeEnv(facts));
      if (ops.length === 0) return;
      const failure = firstFailure(conn.name, ops, await runAgent(host, ops));
      if (failure) throw new Error(`${label(i)}: before the push, nothing else was changed: ${failure.message}`, { cause: failure });
    }),
  );
}

/** Each node's startup types as they are (read only). */
async function foundStartup(i: Inputs, plan: ReturnType<typeof planOf>["plan"], current: string | undefined): Promise<Record<string, Record<string, string>>> {
  const byName = new Map(i.connections.map((c) => [c.name, c]));
  const found: Record<string, Record<string, string>> = {};
  await Promise.all(
    [...roles(i, current)].map(async ([server]) => {
      const conn = byName.get(server);
      if (!conn) throw new Error(`${label(i)}: no connection for server ${server}`);
      found[server] = (await readNode(hostFor(conn), plan)).startup;
    }),
  );
  return found;
}

/** The install as the cluster's Apply takes it: its clp.conf objects, and its node steps to run once the group runs. */
function installMutation(i: Inputs, objects: ReturnType<typeof planOf>["objects"], plan: ReturnType<typeof planOf>["plan"], previous: Record<string, unknown> | undefined, installed = previous !== undefined): Mutation {
  return {
    ...commitOf(i, objects, previous),
    onlineSteps: {
      key: JSON.stringify(plan),
      prepare: () => quiesceNodes(i, plan),
      run: async (session, active) => {
        await convergeNodes(i, plan, active ?? (await session.read()).status.groups[i.group]?.current, installed);
      },
    },
  };
}

/** What an install commits to clp.conf (also what preview judges). */
function commitOf(i: Inputs, objects: ReturnType<typeof planOf>["objects"], previous?: Record<string, unknown>): Mutation {
  // Objects an earlier version of this install contributed and this one does not are removed.
  const before = previous ? planOf(parse(previous)).objects : undefined;
  const gone = before ? productRemoval({ ...before, resources: before.resources.filter((r) => !objects.resources.some((x) => x.name === r.name)), monitors: before.monitors.filter((m) => !objects.monitors.some((x) => x.name === m.name)) }) : {};
  return {
    label: label(i),
    fragment: { ...productFragment(objects), ...gone },
    files: objects.files,
    requiresGroups: [i.group],
    // The chain continues from the install declared before this one in the group.
    requiresResources: i.after ? [i.after] : [],
  };
}

export async function check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const r = checkInputs(PlacementSchema, news);
  if (r.failures.length > 0) return r;
  // The program's own arguments, with the messages the SDK gives at construction (the same schemas, and the catalog's rules).
  const parsed = parseProductInstall({ product: news.product, settings: news.settings, sharedFolder: news.sharedFolder, installFolder: news.installFolder });
  if (!parsed.ok) return { inputs: news, failures: parsed.issues.map((x) => ({ property: x.path, reason: x.message })) };
  // They stay as written: the state holds the settings without the product's defaults (what diff compares with).
  r.inputs = { ...r.inputs, ...pick(news, PRODUCT_KEYS) };
  // The policy at preview, on the clp.conf objects the install commits (a replacement is judged at up).
  const mutation = (o?: Record<string, unknown>) => {
    const i = parse(r.inputs);
    return commitOf(i, planOf(i).objects, o);
  };
  declareWish(r.inputs, () => {
    const i = parse(r.inputs);
    const { plan, objects } = planOf(i);
    // The wish is the install as declared (not the transition from the state), so an unchanged install digests the same.
    return installMutation(i, objects, plan, undefined, isUpdate(olds));
  });
  const failures = await previewCheck({ label: label(r.inputs), olds, inputs: r.inputs, keys: [...OWN_KEYS, ...TARGET_KEYS], replaceKeys: REPLACE_KEYS, mutation });
  return { inputs: r.inputs, failures };
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  // A state written before nodeState existed was converged when it was written.
  return diffProperties(withNodeState(olds), withNodeState(news), [...OWN_KEYS, ...TARGET_KEYS], REPLACE_KEYS);
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  return { id: `${String(inputs.clusterName)}/${String(inputs.group)}/product@${String(inputs.name)}`, outs: await apply(inputs) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
  const session = sessionOf(props);
  await session.refreshed();
  const { doc, configured } = await session.document();
  const names = serviceResourcesOf(props) ?? [];
  const model = configured ? readModel(doc) : undefined;
  if (!model || !names.every((n) => model.resources.some((r) => r.name === n && r.group === props.group))) return {}; // gone (or partly): create again
  // The nodes: startup types, registry values, moved folders. A difference becomes nodeState, an input: preview shows
  // it as a change and up converges the nodes again.
  const i = parse(props);
  const drift = await driftOf(i, planOf(i).plan, (await session.read()).status.groups[i.group]?.current);
  const actual = { ...definedOnly(props), nodeState: nodeStateOf(drift) };
  return { id, props: actual, inputs: Object.fromEntries(Object.entries(actual).filter(([k]) => !OUTPUT_ONLY.has(k) && !["serviceResources", "foundStartup", "manualSteps"].includes(k))) };
}

export async function update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await apply({ ...news, foundStartup: olds.foundStartup }, olds) };
}

export async function remove(_id: string, props: Record<string, unknown>): Promise<void> {
  const i = parse(props);
  const { objects } = planOf(i);
  const session = sessionOf(props);
  await session.commit({ label: label(i), fragment: productRemoval(objects), removeFolders: objects.files.length > 0 ? [`scripts/${i.group}/${i.name}-stop`] : [] });
  const byName = new Map(i.connections.map((c) => [c.name, c]));
  const found = foundStartupOf(props) ?? {};
  await Promise.all(
    Object.entries(found).map(async ([server, startup]) => {
      const conn = byName.get(server);
      if (!conn || Object.keys(startup).length === 0) return;
      const ops = restoreOps(startup);
      const failure = firstFailure(server, ops, await runAgent(hostFor(conn), ops));
      if (failure) throw failure;
    }),
  );
}
export { remove as delete };
