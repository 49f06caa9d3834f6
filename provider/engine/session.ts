// A per-cluster session in the dynamic-provider process. Every resource of one cluster shares it:
//   - one connection per node (connections.ts);
//   - the actual state read with ONE agent batch on the master node (pull, status), cached until a commit;
//   - group commit: mutations arriving while a commit is pending join it, so a whole `pulumi up`
//     normally costs one pull → patch → push and one apply sequence;
//   - the apply method from the configuration diff, refused when it exceeds maxDisruption;
//   - a cluster-wide lock and an optimistic check that clp.conf did not change since it was read.
import { createHash, randomBytes } from "node:crypto";
import * as os from "node:os";
import { applyModel, ClpConfError, createClpConf, parseClpConf, readModel, type ApplyMethod, type ClpDocument, type DesiredConfig, type NewClusterOptions } from "../clusterpro";
import { parseClpstat, type ClpstatView } from "../clusterpro/clpstat";
import { runAgent } from "../remote/host";
import type { AgentOpInput, AgentResult, VolumeInfo } from "../remote/agent/protocol";
import { RemoteError, type RemoteHost } from "../remote/types";
import { hostFor, type NodeConnection } from "./connections";
import { mergeFragments, type ConfigFile, type ServerOs } from "../clusterpro/plan";
import { outcomeOf, withScripts, type CommitOutcome } from "./commit-outcome";
import { applyPlanOf, startupOrder } from "./apply-plan";
import { changeSummary, describeOutcome } from "./describe";
import { engineLog } from "./engine-log";
import { policyRefusal } from "./policy";
import { missingPrerequisites, planBatch } from "./commit-batch";
import { applySteps, firstFailure, ownerOp, READ, readStateOps, recoverySteps, unlockOps, workDirs, type ApplyPlan, type ApplyStep } from "./sequences";
import { brokenLockWarning, lockAnswer } from "./lock";

export interface ClusterTarget {
  clusterName: string;
  os: ServerOs;
  /** Servers in priority order with their connections. */
  nodes: NodeConnection[];
  maxDisruption: ApplyMethod;
  /** The stack applying ("project/stack"); recorded on the cluster, so that a second stack is told. */
  stack?: string;
  /** Take the cluster over from another stack recorded as its manager (the Cluster's `adopt: true`). */
  takeOver?: boolean;
}

export interface ClusterState {
  /** The node the state was read from (the first reachable one in priority order). */
  master: string;
  /** clp.conf as pulled; undefined when the cluster has no configuration yet. */
  conf?: Buffer;
  status: ClpstatView;
  /** The stack recorded as the cluster's manager (sequences.ts workDirs().owner), if any. */
  managedBy?: string;
}

export interface Mutation {
  /** Who asks, for messages: `FloatingIp "fip"`. */
  label: string;
  fragment: DesiredConfig;
  /** Groups that must exist first (in the file or in the same commit); the mutation waits for them. */
  requiresGroups?: string[];
  /** Resources that must exist first (another install's service a chain continues from); waited for likewise. */
  requiresResources?: string[];
  /**
   * What to create when a prerequisite is missing from clp.conf and from the batch: the cluster's own
   * fragment, and the fragments of required groups. Used only to create what is absent, never to
   * change what exists, so a child never waits for its parent to be scheduled.
   */
  bootstrap?: { cluster?: DesiredConfig; groups?: Record<string, { fragment: DesiredConfig; files: ConfigFile[] }> };
  /** Files of the configuration folder to push with clp.conf (script resources' scripts). */
  files?: ConfigFile[];
  /** Folders of the configuration folder to remove (scripts of resources that go away). */
  removeFolders?: string[];
  /**
   * Idempotent OS steps on the servers, run by the commit that carries the mutation before it pushes (all servers at
   * once, one agent run each): e.g. a service resource's service set to Manual, so Windows never starts it beside
   * the cluster. A failed step fails the commit before anything is pushed; re-running `up` runs it again.
   */
  nodeSteps?: NodeSteps[];
  /**
   * OS steps that need the object's group's disk online (a product install: its folders onto the group's disk on the
   * active node). The cluster's Apply runs them (applyDeferred): before the push when the group runs; when it does
   * not (new in this run), `prepare` runs before the push, and `run` after it, with only the group's disk online on
   * `active`, before the group starts. Idempotent.
   */
  onlineSteps?: {
    /** Before the push that brings the group: what must hold before a cluster start may start it (services stopped, Manual). */
    prepare(session: ClusterSession): Promise<void>;
    run(session: ClusterSession, active?: string): Promise<void>;
    /** What the steps do, for the digest of the wish. */
    key: string;
  };
}

/** Agent ops to run on one server. */
export interface NodeSteps {
  server: string;
  ops: AgentOpInput[];
}

export type { CommitOutcome } from "./commit-outcome";

/**
 * What a staged object reports: its own change's method, or "deferred" when it can only be judged with the rest of
 * the batch (the cluster's Apply reports the batch's method).
 */
export type StagedOutcome = Omit<CommitOutcome, "applyMethod"> & { applyMethod: CommitOutcome["applyMethod"] | "deferred" };

/** What a server's volume read answered: its lettered volumes, or why they could not be read. */
export type ServerVolumes = { server: string; volumes: VolumeInfo[] } | { server: string; error: string };

const VOLUME_LIST: AgentOpInput = { op: "volume.list" };

const COMMIT_WINDOW_MS = 150;
/** Resources refreshed together share one read of the cluster. */
const REFRESH_WINDOW_MS = 3_000;
/** How long an apply waits for another stack's apply on the same cluster, and how often it looks. */
const LOCK_POLL_MS = 500;
/** A mutation whose group is not there yet waits this long for the commit that brings it. */
const WAIT_FOR_GROUP_MS = 20_000;
/** The resources that give a group its disk (a held group starts them alone for its installs' steps; -f brings what they depend on). */
const DISK_TYPES: ReadonlySet<string> = new Set(["md", "sd", "disk"]);
const NOTHING: CommitOutcome = { applyMethod: "none", restartedGroups: [], changes: [] };

interface Pending {
  mutation: Mutation;
  since: number;
  resolve(o: CommitOutcome): void;
  reject(e: Error): void;
}

export class ClusterSession {
  private state?: Promise<ClusterState>;
  private readAt?: number;
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private committing: Promise<void> = Promise.resolve();
  /** The deferred path: what each object of the program wants (from check), what create/update staged, and whether the Apply began. */
  private declared = new Map<string, { sha: string; mutation: Mutation }>();
  private staged = new Map<string, Mutation>();
  private applying = false;
  /** Each server's volume read, shared by every MirrorDisk of the cluster until a refresh reads again. */
  private volumeReads = new Map<string, Promise<ServerVolumes>>();
  /** The parse of the cached state's clp.conf (document()). */
  private parsedConf?: { state: ClusterState; doc: ClpDocument };
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

  constructor(readonly target: ClusterTarget) {}

  private host(name: string): RemoteHost {
    const n = this.target.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`cluster ${this.target.clusterName}: no node named ${name}`);
    return hostFor(n);
  }

  /** The actual state, read once and shared by every resource until the next commit. */
  read(): Promise<ClusterState> {
    if (!this.state) {
      this.readAt = Date.now();
      this.state = this.readFresh().catch((e) => {
        this.state = undefined;
        throw e;
      });
    }
    return this.state;
  }

  private async readFresh(): Promise<ClusterState> {
    const errors: string[] = [];
    // A Windows state read also lists the master's volumes (a read-only query in the same agent run), so a MirrorDisk
    // never costs the master a round trip of its own, whichever resource reads first.
    const withVolumes = this.target.os === "windows";
    for (const n of this.target.nodes) {
      let r: AgentResult[];
      try {
        r = await runAgent(hostFor(n), [...readStateOps(this.target.os), ...(withVolumes ? [VOLUME_LIST] : [])]);
      } catch (e) {
        errors.push(unreadable(n.name, e));
        continue; // try the next server: the master may be down
      }
      if (withVolumes && !this.volumeReads.has(n.name)) this.volumeReads.set(n.name, Promise.resolve(volumesFrom(n.name, r[r.length - 1])));
      return this.stateFrom(n.name, r);
    }
    // One line (preview prints the first line of a message): each server with why it could not be read.
    throw new Error(`cluster ${this.target.clusterName}: no server could be read: ${errors.join("; ") || "the cluster has no server with a connection"}`);
  }

  private stateFrom(master: string, r: AgentResult[]): ClusterState {
    const owner = r[READ.owner];
    const managedBy = owner?.ok && owner.op === "file.read" ? Buffer.from(owner.value.content, owner.value.encoding === "binary" ? "base64" : "utf8").toString("utf8").trim() || undefined : undefined;
    return { ...this.clusterStateFrom(master, r), ...(managedBy ? { managedBy } : {}) };
  }

  private clusterStateFrom(master: string, r: AgentResult[]): ClusterState {
    const pull = r[READ.pull];
    const conf = r[READ.conf];
    const installed = r[READ.installed];
    const status = r[READ.status];
    const pulled = pull.ok && pull.op === "clp" && pull.value.exitCode === 0 && conf.ok && conf.op === "file.read";
    // A failed clpstat says nothing about the cluster: take it as running, so changes get the careful sequence.
    const statusKnown = status.ok && status.op === "clp" && status.value.exitCode === 0;
    const view = statusKnown ? parseClpstat(status.value.stdout) : { servers: {}, groups: {}, unknown: true };
    if (pulled) return { master, conf: Buffer.from(conf.value.content, "base64"), status: view };
    const exists = installed.ok && installed.op === "file.stat" && installed.value.exists;
    if (exists) {
      // The product has a configuration but the pull failed: never mistake that for "not configured".
      const why = pull.ok && pull.op === "clp" ? `${pull.value.stdout}${pull.value.stderr}`.trim() : !pull.ok ? pull.error.message : "";
      throw new RemoteError(master, "clpcfctrl --pull", `the cluster configuration could not be read: ${why}`);
    }
    return { master, status: view };
  }

  /** Forget the cached state and volume reads (the next read asks the nodes again). */
  invalidate(): void {
    this.state = undefined;
    this.parsedConf = undefined;
    this.volumeReads.clear();
  }

  /**
   * The lettered volumes of each of `servers` (Windows), read once per state read: the master's come with the state
   * read, every other server's in one batch of its own, all at once. A server that cannot be read
   * answers its error instead (never thrown: the caller says which field needs it).
   */
  async volumes(servers: readonly string[]): Promise<ServerVolumes[]> {
    await this.read().catch(() => undefined); // the master's volumes ride on the state read
    return Promise.all(
      servers.map((server) => {
        let p = this.volumeReads.get(server);
        if (!p) {
          const node = this.target.nodes.find((x) => x.name === server);
          p = !node
            ? Promise.resolve({ server, error: `no connection is declared for server ${server}` })
            : runAgent(hostFor(node), [VOLUME_LIST]).then(
                (r) => volumesFrom(server, r[0]),
                (e) => ({ server, error: unreadable(server, e) }),
              );
          this.volumeReads.set(server, p);
        }
        return p;
      }),
    );
  }

  /** Runs `ops` on each of `servers` at once (one agent run each): the results, or why a server could not be read. */
  async onServers(servers: readonly string[], ops: AgentOpInput[]): Promise<{ server: string; results?: AgentResult[]; error?: string }[]> {
    return Promise.all(
      servers.map(async (server) => {
        const node = this.target.nodes.find((x) => x.name === server);
        if (!node) return { server, error: `no connection is declared for server ${server}` };
        return runAgent(hostFor(node), ops).then(
          (results) => ({ server, results }),
          (e: Error) => ({ server, error: unreadable(server, e) }),
        );
      }),
    );
  }

  /** Runs the batch's node steps before its push: each server's ops in one agent run, all servers at once. */
  private async runNodeSteps(steps: NodeSteps[]): Promise<void> {
    const byServer = new Map<string, AgentOpInput[]>();
    for (const s of steps) byServer.set(s.server, [...(byServer.get(s.server) ?? []), ...s.ops]);
    const failures = await Promise.all(
      [...byServer].map(async ([server, ops]) => {
        const [{ results, error }] = await this.onServers([server], ops);
        const failed = results?.find((r) => !r.ok);
        return error ?? (failed && !failed.ok ? `${server}: ${failed.op}: ${failed.error.message}` : undefined);
      }),
    );
    const why = failures.filter((f) => f !== undefined);
    if (why.length > 0) throw new Error(`the steps on the servers before the push failed, nothing was pushed: ${why.join("; ")}`);
  }

  /**
   * For refresh: the state as of now, where "now" is shared by every resource refreshed together (one
   * read per cluster, not one per object): a state read less than REFRESH_WINDOW_MS ago is reused.
   */
  refreshed(): Promise<ClusterState> {
    if (this.readAt === undefined || Date.now() - this.readAt > REFRESH_WINDOW_MS) this.invalidate();
    return this.read();
  }

  /**
   * The current document; a new empty one when the cluster has no configuration yet, declared in
   * the encoding the cluster's language asks for (`charset`, from the Cluster's fragment).
   */
  async document(charset?: string): Promise<{ doc: ClpDocument; configured: boolean; state: ClusterState }> {
    const state = await this.read();
    if (state.conf) return { doc: this.parsed(state, state.conf), configured: true, state };
    const encoding = charset as NewClusterOptions["encoding"];
    return { doc: createClpConf({ name: this.target.clusterName, serverOs: this.target.os, encoding }), configured: false, state };
  }

  /** clp.conf of a state read, parsed once for every resource that asks (a ClpDocument is immutable: edits make new ones). */
  private parsed(state: ClusterState, conf: Buffer): ClpDocument {
    if (this.parsedConf?.state !== state) this.parsedConf = { state, doc: parseClpConf(conf) };
    return this.parsedConf.doc;
  }

  /** What applying `mutation` alone would change, and how (for preview). */
  async preview(mutation: Mutation): Promise<CommitOutcome> {
    const { doc, configured, state } = await this.document(mutation.fragment.cluster?.charset);
    this.refuseOtherStack(state);
    const next = applyModel(doc, mutation.fragment, { validate: false });
    return withScripts(outcomeOf(doc, next, configured), mutation.files ?? [], mutation.removeFolders ?? []);
  }

  /** Joins the next commit; resolves when the configuration carrying this mutation is applied. */
  commit(mutation: Mutation): Promise<CommitOutcome> {
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.pending.push({ mutation, since: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  /**
   * The deferred path (the cluster's Apply resource, docs/architecture.md "One push per up"): every object of the
   * program declares at `check` what it wants (`declare`), create/update stage their mutation (`stage`) and return,
   * and the cluster's Apply resource — ordered after all of them — pushes what is pending once (`applyDeferred`).
   */
  declare(mutation: Mutation): void {
    this.declared.set(mutation.label, { sha: mutationSha(mutation), mutation });
  }

  /** Whether a staged mutation will still be pushed by this run's Apply (false once it has begun: commit instead). */
  get defers(): boolean {
    return !this.applying;
  }

  /**
   * Stages `mutation` for this run's Apply and answers how its own change applies (previewed with the parents it
   * carries; "deferred" when it can only be judged with the rest of the batch). The Apply judges the batch.
   */
  async stage(mutation: Mutation): Promise<StagedOutcome> {
    this.staged.set(mutation.label, mutation);
    try {
      const { doc, configured } = await this.document(mutation.fragment.cluster?.charset);
      const { bootstraps } = planBatch(readModel(doc), configured, [{ mutation }]);
      const next = applyModel(doc, mergeFragments([...bootstraps, mutation.fragment]), { validate: false });
      return withScripts(outcomeOf(doc, next, configured), mutation.files ?? [], mutation.removeFolders ?? []);
    } catch {
      return { applyMethod: "deferred", restartedGroups: [], changes: [] };
    }
  }

  /**
   * What the Apply would push: every object staged in this run, and every declared object whose wish differs from
   * what the last successful Apply recorded as pushed (`applied`: label → sha) — e.g. after an Apply that failed.
   */
  pendingLabels(applied: Readonly<Record<string, string>>): string[] {
    const labels = new Set(this.staged.keys());
    for (const [label, d] of this.declared) if (applied[label] !== d.sha) labels.add(label);
    return [...labels];
  }

  /**
   * The Apply: one commit of everything pending; answers its outcome and the new record of what was pushed. Mutations
   * with `onlineSteps` (product installs) need their group's disk online: when the group runs, their steps run before
   * the push; when it does not (it comes with this run, or a failed Apply left it stopped), the push leaves it stopped
   * (`held`), then the group's disk alone is started on its first running startup server, the steps run, and the
   * group starts (runOnGroupDisk) — still one push.
   */
  async applyDeferred(applied: Readonly<Record<string, string>>): Promise<{ outcome: CommitOutcome; applied: Record<string, string>; labels: string[] }> {
    this.applying = true;
    const labels = this.pendingLabels(applied);
    const mutations = labels.map((l) => this.staged.get(l) ?? (this.declared.get(l) as { mutation: Mutation }).mutation);
    this.staged.clear();
    const record = Object.fromEntries([...this.declared].map(([l, d]) => [l, d.sha]));
    const state = await this.read();
    const installs = mutations.filter((m) => m.onlineSteps);
    const held = [...new Set(installs.flatMap((m) => m.requiresGroups ?? []))].filter((g) => state.status.groups[g]?.current === undefined);
    const waits = (m: Mutation) => (m.requiresGroups ?? []).some((g) => held.includes(g));
    for (const m of installs) await (waits(m) ? m.onlineSteps?.prepare(this) : m.onlineSteps?.run(this));
    const outcome = mutations.length > 0 ? await this.finalCommit(mutations, labels, held) : NOTHING;
    for (const g of held) await this.runOnGroupDisk(g, installs.filter((m) => m.requiresGroups?.includes(g)), labels);
    return { outcome, applied: record, labels };
  }

  /**
   * A held group (applyDeferred): its disks (md, sd, disk) started alone on its first running startup server with
   * `clprsc -s <rsc> -h <server> -f` (-f: with what they depend on), the installs' steps run there, then the group
   * stopped (`clpgrp -t`: what the disks' start brought) and started on that server, unless it is manual-start. A
   * failure stops the group again and leaves it stopped; the next `up` does it again.
   */
  private async runOnGroupDisk(group: string, installs: Mutation[], labels: string[]): Promise<void> {
    const state = await this.read();
    const model = readModel((await this.document()).doc);
    const g = model.groups.find((x) => x.name === group);
    const again = `(cluster ${this.target.clusterName}: ${labels.join(", ")} not recorded as applied; the next up runs them again)`;
    if (!g) throw new Error(`group ${group} is not in the configuration, so its product installs' steps cannot run ${again}`);
    if (state.status.groups[group]?.current !== undefined) {
      for (const m of installs) await m.onlineSteps?.run(this);
      return;
    }
    const order = startupOrder(model, g);
    const server = order.find((s) => state.status.servers[s]?.status === "Online");
    if (!server) throw new Error(`group ${group} cannot start: none of its startup servers (${order.join(", ")}) runs the cluster, and its product installs' steps need its disk online: start the cluster, then run \`pulumi up\` again ${again}`);
    const disks = model.resources.filter((r) => r.group === group && DISK_TYPES.has(r.type)).map((r) => r.name);
    const host = this.host(state.master);
    const run = async (what: string, ops: AgentOpInput[]) => {
      const results = await runAgent(host, ops);
      this.invalidate();
      const i = results.findIndex((r) => !r.ok);
      if (i >= 0) {
        const r = results[i];
        const op = ops[i];
        throw new RemoteError(state.master, op.op === "clp" ? [op.command, ...(op.args ?? [])].join(" ") : what, `${r.ok ? "" : r.error.message.split(/\r?\n/)[0]}`);
      }
    };
    const clp = (command: "clprsc" | "clpgrp", args: string[]): AgentOpInput => ({ op: "clp", command, args, requireExitZero: true, stopOnError: true });
    // What the disks' start brought (with -f, what they depend on: floating IPs, …) stops with the group stop.
    const stopGroup = clp("clpgrp", ["-t", group]);
    await run("start the group's disks", disks.map((d) => clp("clprsc", ["-s", d, "-h", server, "-f"])));
    try {
      for (const m of installs) await m.onlineSteps?.run(this, server);
    } catch (e) {
      await runAgent(host, [stopGroup]).catch(() => undefined);
      this.invalidate();
      throw new Error(`${(e as Error).message} (group ${group} stays stopped) ${again}`, { cause: e });
    }
    // A manual-start group is left stopped, as a cluster start would leave it.
    const start = g.autoStart !== false;
    await run("start the group", [stopGroup, ...(start ? [clp("clpgrp", ["-s", group, "-h", server])] : [])]);
    await engineLog("info", `clusterpro: cluster ${this.target.clusterName}: ran the steps of ${installs.map((m) => m.label).join(", ")} on ${server} with the disk of group ${group} online, then ${start ? "started the group" : "stopped it again (manual start)"}`);
  }

  /** Commits `mutations` as one batch that nothing joins later (prerequisites must be in it or on the cluster). */
  private async finalCommit(mutations: Mutation[], labels: string[], held: string[]): Promise<CommitOutcome> {
    const batch: Pending[] = [];
    const settled = mutations.map((mutation) => new Promise<CommitOutcome>((resolve, reject) => batch.push({ mutation, since: Date.now(), resolve, reject })));
    this.committing = this.committing.then(() => this.runCommit(batch, true, held));
    const results = await Promise.allSettled(settled);
    const failed = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
    // The first failure carries the reason; the others say they joined it. Missing prerequisites each say their own.
    const reasons = failed.filter((m) => !/: not applied: the commit it joined failed/.test(m));
    // The reason first (it names the server and the step), then what it means for the run.
    if (failed.length > 0) throw new Error(`${reasons.join("; ")} (cluster ${this.target.clusterName}: ${labels.join(", ")} not recorded as applied; the next up pushes them again)`);
    return (results[0] as PromiseFulfilledResult<CommitOutcome>).value;
  }

  private takePending(): Pending[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.committing = this.committing.then(() => this.runCommit());
    }, COMMIT_WINDOW_MS);
  }

  private async runCommit(batch: Pending[] = this.takePending(), final = false, held: string[] = []): Promise<void> {
    if (batch.length === 0) return;
    let ready = batch;
    try {
      const charset = batch.map((p) => p.mutation.fragment.cluster?.charset).find((c) => c !== undefined);
      const { doc, configured, state } = await this.document(charset);
      // Mutations whose group is not in the file nor in this batch wait for a later commit (a final batch, the
      // cluster's Apply, has no later commit: they fail); so do a new cluster's groups and resources until the
      // Cluster's own fragment arrives. What the batch's members carry to create what is missing comes first.
      const planned = planBatch(readModel(doc), configured, batch);
      const { bootstraps, bootstrapFiles } = planned;
      ready = planned.ready;
      for (const { item: p, ...w } of planned.waiting) {
        if (final || Date.now() - p.since > WAIT_FOR_GROUP_MS) p.reject(new Error(missingPrerequisites(p.mutation.label, this.target.clusterName, w)));
        else this.pending.push(p);
      }
      if (planned.waiting.some(({ item }) => this.pending.includes(item))) this.schedule();
      if (ready.length === 0) return;
      const removalsOnly = ready.every((p) => Object.keys(p.mutation.fragment).every((k) => k === "remove"));
      if (!configured && bootstraps.length === 0 && removalsOnly) {
        // Only removals, and the cluster has no configuration: there is nothing to remove.
        for (const p of ready) p.resolve({ applyMethod: "none", restartedGroups: [], changes: [] });
        return;
      }

      this.refuseOtherStack(state);

      let next: ClpDocument;
      try {
        next = applyModel(doc, mergeFragments([...bootstraps, ...ready.map((p) => p.mutation.fragment)]));
      } catch (e) {
        const detail = e instanceof ClpConfError ? e.message : (e as Error).message;
        throw new Error(`the configuration would be invalid (${ready.map((p) => p.mutation.label).join(", ")}): ${detail}`, { cause: e });
      }
      const files = [...bootstrapFiles, ...ready.flatMap((p) => p.mutation.files ?? [])];
      const removeFolders = ready.flatMap((p) => p.mutation.removeFolders ?? []);
      const outcome = withScripts(outcomeOf(doc, next, configured), files, removeFolders);
      if (outcome.applyMethod !== "none") this.checkPolicy(outcome);
      await this.runNodeSteps(ready.flatMap((p) => p.mutation.nodeSteps ?? []));
      if (outcome.applyMethod !== "none") {
        await this.apply(state, next, outcome, files, removeFolders, held);
        // One line per commit, naming every resource it carried.
        await engineLog("info", `clusterpro: cluster ${this.target.clusterName}: applied ${ready.map((p) => p.mutation.label).join(", ")} with: ${describeOutcome(outcome, state.status)}${changeSummary(outcome)}`);
      } else if (this.target.stack && state.managedBy !== this.target.stack && configured && !removalsOnly) {
        // Nothing to push (a cluster taken over as it is): still record which stack manages it.
        const [written] = await runAgent(this.host(state.master), [ownerOp(this.target.os, this.target.stack)]);
        if (!written.ok) throw new RemoteError(state.master, "record the stack", written.error.message);
        this.invalidate();
      }
      for (const p of ready) p.resolve(outcome);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      // The reason is told once, by the first resource of the batch; the others say they were not applied.
      const [first, ...others] = ready;
      first?.reject(err);
      for (const p of others) p.reject(new Error(`${p.mutation.label}: not applied: the commit it joined failed (the reason is reported for ${first.mutation.label})`));
    }
  }

  /** Throws OtherStackError when another stack is recorded as the cluster's manager (and this one does not take it over). */
  private refuseOtherStack(state: ClusterState): void {
    const other = this.target.stack && !this.target.takeOver && state.managedBy && state.managedBy !== this.target.stack ? state.managedBy : undefined;
    if (other) throw new OtherStackError(otherStackMessage(this.target.clusterName, this.target.os, state.master, other));
  }

  /** The policy (policy.ts, shared with preview) for what this commit would apply; throws its refusal. */
  checkPolicy(outcome: CommitOutcome): void {
    const refusal = policyRefusal(outcome, this.target.maxDisruption, this.target.clusterName);
    if (refusal) throw new Error(refusal.message);
  }

  /**
   * Applies in ONE round trip (sequences.ts applySteps): lock → verify → stop steps → verify → push → start steps →
   * unlock. While another applier holds the lock, waits (up to LOCK_WAIT_MS) and sends the batch again. When a step
   * fails, runs the recovery (restore what was stopped, or roll the push back) and releases the lock, then throws
   * naming the node and the step.
   */
  private async apply(state: ClusterState, next: ClpDocument, outcome: CommitOutcome, files: ConfigFile[], removeFolders: string[], held: string[]): Promise<void> {
    const master = state.master;
    const host = this.host(master);
    const plan = applyPlanOf(state, next, outcome, { os: this.target.os, files, removeFolders, held, owner: `${this.owner} ${new Date().toISOString()}`, ...(this.target.stack ? { stack: this.target.stack } : {}) });
    const steps = applySteps(plan);
    const started = Date.now();
    for (;;) {
      let results: AgentResult[];
      try {
        results = await runAgent(host, steps.map((s) => s.op));
      } catch (e) {
        // What ran is unknown: put back whatever may have been stopped, and release the lock if it is ours.
        this.invalidate();
        await runAgent(host, recoverySteps(plan, steps).steps.map((s) => s.op)).catch(() => undefined);
        throw e;
      }
      const lock = lockAnswer(results[0], Date.now() - started, { cluster: this.target.clusterName, master, path: workDirs(this.target.os).lock });
      if (lock.kind === "give-up") throw new RemoteError(master, "lock", lock.message);
      if (lock.kind === "wait") {
        await this.waitForLock(host);
        continue;
      }
      this.invalidate();
      if (lock.kind === "ours" && lock.broken) await engineLog("warning", brokenLockWarning(this.target.clusterName, lock.broken));
      const failedAt = firstFailure(steps, results);
      if (failedAt < 0) {
        const unlock = results[results.length - 1];
        if (!unlock.ok) await runAgent(host, unlockOps(this.target.os, plan.owner)).catch(() => undefined);
        const reported = results.map((x, i) => ({ x, s: steps[i] })).filter(({ x, s }) => !x.ok && s.phase === "start");
        for (const { x, s } of reported) await engineLog("warning", `clusterpro: cluster ${this.target.clusterName}: ${master}: ${s.label}: ${x.ok ? "" : x.error.message.split(/\r?\n/)[0]}`);
        return;
      }
      throw await this.recover(host, master, plan, steps, results, failedAt);
    }
  }

  /** Polls (cheaply) until the lock folder is gone, or a while has passed (the full batch also breaks a stale lock). */
  private async waitForLock(host: RemoteHost): Promise<void> {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
      const [stat] = await runAgent(host, [{ op: "file.stat", path: workDirs(this.target.os).lock }]);
      if (stat.ok && stat.op === "file.stat" && !stat.value.exists) return;
    }
  }

  /** Runs the recovery after a failed step and answers the error to throw (naming the node, the step and what was put back). */
  private async recover(host: RemoteHost, master: string, plan: ApplyPlan, steps: ApplyStep[], results: AgentResult[], failedAt: number): Promise<Error> {
    const step = steps[failedAt];
    const r = results[failedAt];
    const why = r.ok ? "" : r.error.message;
    const recovery = recoverySteps(plan, steps, results);
    let after = "";
    try {
      const back = await runAgent(host, recovery.steps.map((s) => s.op));
      const failed = back.map((x, i) => ({ x, s: recovery.steps[i] })).filter(({ x }) => !x.ok);
      const trouble = failed.length > 0 ? `; but these failed too: ${failed.map(({ x, s }) => `${s.label} (${x.ok ? "" : x.error.message.split(/\r?\n/)[0]})`).join(", ")}; run \`pulumi refresh\` and check the cluster` : "";
      if (recovery.kind === "restore") after = `; nothing was pushed, and what the sequence had stopped was started again (${recovery.steps.slice(0, -1).map((s) => s.label).join(", ")})${trouble}`;
      else if (recovery.kind === "rollback") after = `; the previous configuration was pushed back (rolled back) and the groups restarted where they ran${trouble}`;
      else if (trouble) after = trouble;
    } catch (e) {
      after = `; the recovery could not run (${(e as Error).message}): run \`pulumi refresh\`, check the cluster, and remove ${workDirs(this.target.os).lock} on ${master} if no other stack is applying`;
    } finally {
      this.invalidate();
    }
    if (step.phase === "check" && !r.ok && r.error.code === "mismatch") {
      return new RemoteError(master, "verify", `clp.conf changed on the cluster since it was read (someone applied a configuration, e.g. from the Cluster WebUI); nothing was pushed${after}. Run \`pulumi refresh\`, then \`pulumi up\` again`);
    }
    const skipped = steps.filter((_, i) => i > failedAt && !results[i].ok && results[i].op !== "lock.release").length;
    return new RemoteError(master, step.label, `${why}${skipped > 0 ? ` (the ${skipped} later steps were not run)` : ""}${after}`);
  }

}

/** A stable digest of what a mutation asks of clp.conf and the servers (not the parents' plans it carries to bootstrap). */
function mutationSha(m: Mutation): string {
  const wish = { fragment: m.fragment, files: m.files ?? [], removeFolders: m.removeFolders ?? [], nodeSteps: m.nodeSteps ?? [], requiresGroups: m.requiresGroups ?? [], requiresResources: m.requiresResources ?? [], onlineSteps: m.onlineSteps?.key ?? null };
  return createHash("sha256").update(JSON.stringify(canonical(wish))).digest("hex").slice(0, 32);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (Buffer.isBuffer(v)) return v.toString("base64");
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

/** A volume.list result as ServerVolumes (a failed op, e.g. "unsupported" on a Linux node, is the error). */
function volumesFrom(server: string, r: AgentResult | undefined): ServerVolumes {
  if (!r) return { server, error: `${server}: the agent answered no volume.list result` };
  if (!r.ok) return { server, error: `${server}: volume.list: ${r.error.message}` };
  if (r.op !== "volume.list") return { server, error: `${server}: the agent answered ${r.op} for volume.list` };
  return { server, volumes: r.value.volumes };
}

/** Why a server could not be read, on one line and naming the server. */
export function unreadable(node: string, e: unknown): string {
  const message = reasonOf(e).replace(/\s*\n\s*/g, " ").trim();
  return message.startsWith(`${node}:`) ? message : `${node}: ${message}`;
}

/** An error's own words; a connection's AggregateError (no message of its own) says what its attempts said. */
function reasonOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.message) return e.message;
  if (e instanceof AggregateError && e.errors.length > 0) return [...new Set(e.errors.map(reasonOf))].join(", ");
  return (e as { code?: string }).code ?? e.name;
}

/** The sessions of this provider process, one per cluster (name + endpoints). */
const sessions = new Map<string, ClusterSession>();

export function sessionFor(target: ClusterTarget): ClusterSession {
  const key = JSON.stringify([target.clusterName, target.nodes.map((n) => [n.name, n.connection.transport, n.connection.host, n.connection.port ?? null])]);
  let s = sessions.get(key);
  if (!s) {
    s = new ClusterSession(target);
    sessions.set(key, s);
  } else {
    // The newest policy and credentials win (they come with every resource's inputs).
    Object.assign(s.target, { maxDisruption: target.maxDisruption, nodes: target.nodes, stack: target.stack, takeOver: target.takeOver });
  }
  return s;
}

/** A stack that is not the one recorded as the cluster's manager tried to change it. */
export class OtherStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OtherStackError";
  }
}

/** Why a second stack may not apply to a cluster another stack manages, and what to do. */
export function otherStackMessage(cluster: string, os: ServerOs, master: string, other: string): string {
  return (
    `cluster ${cluster} is managed by another Pulumi stack, ${other} (recorded in ${workDirs(os).owner} on ${master}); ` +
    `two stacks would undo each other's changes, so nothing was changed. Manage it from that stack, or move it to this one: ` +
    `set adopt: true on this program's Cluster (the next up records this stack), after \`pulumi stack rm\` or \`pulumi state delete\` of it in the other`
  );
}
