// A per-cluster session in the dynamic-provider process. Every resource of one cluster shares it:
//   - one connection per node (connections.ts);
//   - the actual state read with ONE agent batch on the master node (pull, status), cached until a commit;
//   - group commit: mutations arriving while a commit is pending join it, so a whole `pulumi up`
//     normally costs one pull → patch → push and one apply sequence;
//   - the apply method from the configuration diff, refused when it exceeds maxDisruption;
//   - a cluster-wide lock and an optimistic check that clp.conf did not change since it was read.
import { randomBytes } from "node:crypto";
import * as os from "node:os";
import {
  applyModel, ClpConfError, compareApplyMethods, createClpConf, diffConfigs, groupsToRestart, parseClpConf, readModel, serializeClpConf, worstApplyMethod,
  type ApplyMethod, type Change, type ClpDocument, type DesiredConfig, type NewClusterOptions,
} from "../clusterpro";
import { clusterRunning, parseClpstat, type ClpstatView } from "../clusterpro/clpstat";
import { runAgent } from "../remote/host";
import type { AgentResult } from "../remote/agent/protocol";
import { RemoteError, type RemoteHost } from "../remote/types";
import { hostFor, type NodeConnection } from "./connections";
import { mergeFragments, type ConfigFile, type ServerOs } from "./plan";
import { changeSummary, describeOutcome } from "./describe";
import { engineLog } from "./engine-log";
import { applySteps, LOCK, lockAndVerifyOps, READ, readStateOps, unlockOps, workDirs } from "./sequences";

export interface ClusterTarget {
  clusterName: string;
  os: ServerOs;
  /** Servers in priority order with their connections. */
  nodes: NodeConnection[];
  maxDisruption: ApplyMethod;
}

export interface ClusterState {
  /** The node the state was read from (the first reachable one in priority order). */
  master: string;
  /** clp.conf as pulled; undefined when the cluster has no configuration yet. */
  conf?: Buffer;
  status: ClpstatView;
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
}

export interface CommitOutcome {
  /** "none" when the configuration already was as desired. */
  applyMethod: ApplyMethod | "initial" | "none";
  /** Groups stopped and started again (method "group"). */
  restartedGroups: string[];
  changes: Change[];
}

const COMMIT_WINDOW_MS = 150;
/** Resources refreshed together share one read of the cluster. */
const REFRESH_WINDOW_MS = 3_000;
/** How long an apply waits for another stack's apply on the same cluster, and how often it looks. */
const LOCK_WAIT_MS = 120_000;
const LOCK_POLL_MS = 500;
/** A lock older than this was left by a process that died: it is broken, with a warning. */
const STALE_LOCK_MS = 30 * 60_000;
/** A mutation whose group is not there yet waits this long for the commit that brings it. */
const WAIT_FOR_GROUP_MS = 20_000;

interface Pending {
  mutation: Mutation;
  since: number;
  resolve(o: CommitOutcome): void;
  reject(e: Error): void;
}

const ORDER: Record<ApplyMethod | "initial", number> = { upload: 0, initial: 0, suspend: 1, group: 2, cluster: 3, reboot: 4 };

export class ClusterSession {
  private state?: Promise<ClusterState>;
  private readAt?: number;
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private committing: Promise<void> = Promise.resolve();
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
    for (const n of this.target.nodes) {
      let r: AgentResult[];
      try {
        r = await runAgent(hostFor(n), readStateOps(this.target.os));
      } catch (e) {
        errors.push((e as Error).message);
        continue; // try the next server: the master may be down
      }
      return this.stateFrom(n.name, r);
    }
    throw new Error(`cluster ${this.target.clusterName}: no server could be read:\n  ${errors.join("\n  ")}`);
  }

  private stateFrom(master: string, r: AgentResult[]): ClusterState {
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

  /** Forget the cached state (the next read asks the nodes again). */
  invalidate(): void {
    this.state = undefined;
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
    if (state.conf) return { doc: parseClpConf(state.conf), configured: true, state };
    const encoding = charset as NewClusterOptions["encoding"];
    return { doc: createClpConf({ name: this.target.clusterName, serverOs: this.target.os, encoding }), configured: false, state };
  }

  /** What applying `mutation` alone would change, and how (for preview). */
  async preview(mutation: Mutation): Promise<CommitOutcome> {
    const { doc, configured } = await this.document(mutation.fragment.cluster?.charset);
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

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.committing = this.committing.then(() => this.runCommit());
    }, COMMIT_WINDOW_MS);
  }

  private async runCommit(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let ready = batch;
    try {
      const charset = batch.map((p) => p.mutation.fragment.cluster?.charset).find((c) => c !== undefined);
      const { doc, configured, state } = await this.document(charset);
      // Mutations whose group is not in the file nor in this batch wait for a later commit; so do
      // a new cluster's groups and resources until the Cluster's own fragment arrives.
      const model = readModel(doc);
      const groupsHere = new Set([...model.groups.map((g) => g.name), ...batch.flatMap((p) => (p.mutation.fragment.groups ?? []).map((g) => g.name))]);
      const resourcesHere = new Set([...model.resources.map((r) => r.name), ...batch.flatMap((p) => (p.mutation.fragment.resources ?? []).map((r) => r.name))]);
      let clusterHere = configured || batch.some((p) => p.mutation.fragment.cluster !== undefined);
      // Create what is missing from what the batch carries (a new cluster, a new group), first.
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
      const waiting = batch.filter(
        (p) =>
          (!clusterHere && !p.mutation.fragment.remove) ||
          (p.mutation.requiresGroups ?? []).some((g) => !groupsHere.has(g)) ||
          (p.mutation.requiresResources ?? []).some((r) => !resourcesHere.has(r)),
      );
      ready = batch.filter((p) => !waiting.includes(p));
      for (const p of waiting) {
        if (Date.now() - p.since > WAIT_FOR_GROUP_MS) {
          const needs = [...(p.mutation.requiresGroups ?? []).map((g) => `group ${g}`), ...(p.mutation.requiresResources ?? []).map((r) => `resource ${r}`)].join(", ");
          const missing = clusterHere ? `what it builds on (${needs}) does not exist in` : "there is no configuration for";
          p.reject(new Error(`${p.mutation.label}: ${missing} cluster ${this.target.clusterName} (declare the Cluster and the FailoverGroup in the same program)`));
        } else this.pending.push(p);
      }
      if (waiting.some((p) => this.pending.includes(p))) this.schedule();
      if (ready.length === 0) return;
      const removalsOnly = ready.every((p) => Object.keys(p.mutation.fragment).every((k) => k === "remove"));
      if (!configured && bootstraps.length === 0 && removalsOnly) {
        // Only removals, and the cluster has no configuration: there is nothing to remove.
        for (const p of ready) p.resolve({ applyMethod: "none", restartedGroups: [], changes: [] });
        return;
      }

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
      if (outcome.applyMethod !== "none") {
        this.checkPolicy(outcome);
        await this.apply(state, next, outcome, files, removeFolders);
        // One line per commit, naming every resource it carried.
        await engineLog("info", `clusterpro: cluster ${this.target.clusterName}: applied ${ready.map((p) => p.mutation.label).join(", ")} with: ${describeOutcome(outcome)}${changeSummary(outcome)}`);
      }
      for (const p of ready) p.resolve(outcome);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      for (const p of ready) p.reject(err);
    }
  }

  private checkPolicy(outcome: CommitOutcome): void {
    const method = outcome.applyMethod as ApplyMethod | "initial";
    if (method === "reboot") {
      const paths = outcome.changes.filter((c) => c.applyMethod === "reboot").map((c) => c.path);
      throw new Error(
        `these changes need every server rebooted, which this provider does not do yet: ${paths.join(", ")}. Apply them by hand (stop the cluster and the mirror agent, push, reboot), then run refresh`,
      );
    }
    if (ORDER[method] > ORDER[this.target.maxDisruption]) {
      const worst = outcome.changes.filter((c) => compareApplyMethods(c.applyMethod, this.target.maxDisruption) > 0).map((c) => `${c.path} (${c.applyMethod})`);
      throw new Error(`cluster ${this.target.clusterName}: the change needs apply method "${method}", more disruptive than maxDisruption "${this.target.maxDisruption}": ${worst.join(", ")}`);
    }
  }

  /** Takes the cluster-wide lock, waiting up to LOCK_WAIT_MS for a holder to finish; breaks a lock older than STALE_LOCK_MS. */
  private async acquireLock(host: RemoteHost): Promise<AgentResult[]> {
    const started = Date.now();
    for (;;) {
      const lock = await runAgent(host, lockAndVerifyOps(this.target.os));
      const mkdir = lock[LOCK.mkdir];
      if (mkdir.ok && mkdir.op === "file.mkdir" && mkdir.value.created) return lock;
      const owner = lock[LOCK.owner];
      const who = owner.ok && owner.op === "file.read" ? owner.value.content.trim() : "";
      const since = Date.parse(who.split(" ").pop() ?? "");
      if (Number.isFinite(since) && Date.now() - since > STALE_LOCK_MS) {
        await engineLog("warning", `clusterpro: cluster ${this.target.clusterName}: breaking a lock left by ${who} (older than ${STALE_LOCK_MS / 60000} minutes)`);
        await runAgent(host, unlockOps(this.target.os));
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new RemoteError(host.name, "lock", `cluster ${this.target.clusterName} is locked by ${who || "another process"} for more than ${LOCK_WAIT_MS / 1000} s; if no other stack is applying, remove ${workDirs(this.target.os).lock} on ${host.name} and retry`);
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }

  private async apply(state: ClusterState, next: ClpDocument, outcome: CommitOutcome, files: ConfigFile[], removeFolders: string[]): Promise<void> {
    const master = state.master;
    const host = this.host(master);
    const os = this.target.os;
    // 1. Lock (waiting for another stack's apply to finish), and verify that nobody changed
    //    clp.conf since it was read (the WebUI, another stack).
    const lock = await this.acquireLock(host);
    const current = lock[LOCK.conf];
    const pulled = lock[LOCK.pull];
    const now = pulled.ok && pulled.op === "clp" && pulled.value.exitCode === 0 && current.ok && current.op === "file.read" ? Buffer.from(current.value.content, "base64") : undefined;
    const read = state.conf;
    if ((read === undefined) !== (now === undefined) || (read && now && !read.equals(now))) {
      await runAgent(host, unlockOps(os)).catch(() => undefined);
      this.invalidate();
      throw new RemoteError(master, "verify", `clp.conf changed on the cluster since it was read (someone applied a configuration, e.g. from the Cluster WebUI); nothing was pushed. Run \`pulumi refresh\`, then \`pulumi up\` again`);
    }
    // 2. Apply in one round trip; the lock is released at its end.
    const groups = outcome.restartedGroups.map((name) => ({ name, server: state.status.groups[name]?.current }));
    const removedGroups = groupsRemovedBy(outcome.changes).filter((g) => state.status.groups[g]?.current !== undefined);
    const model = readModel(next);
    const online = (server: string) => state.status.servers[server]?.status === "Online";
    const addedGroups = groupsAddedBy(outcome.changes).flatMap((name) => {
      const g = model.groups.find((x) => x.name === name);
      if (!g || g.autoStart === false) return [];
      const order = g.startupServers ? [...g.startupServers].sort((a, b) => a.order - b.order).map((x) => x.server) : [...model.servers].sort((a, b) => a.priority - b.priority).map((x) => x.name);
      return [{ name, server: order.find(online) }];
    });
    const steps = applySteps({
      os,
      method: outcome.applyMethod as ApplyMethod | "initial",
      groups,
      removedGroups,
      addedGroups,
      clusterRunning: clusterRunning(state.status),
      conf: serializeClpConf(next),
      files,
      removeFolders,
      owner: `${this.owner} ${new Date().toISOString()}`,
    });
    let results: AgentResult[];
    try {
      results = await runAgent(host, steps.map((s) => s.op));
    } catch (e) {
      this.invalidate();
      await runAgent(host, unlockOps(os)).catch(() => undefined);
      throw e;
    }
    this.invalidate();
    const failed = results.map((r, i) => ({ r, step: steps[i] })).filter(({ r }) => !r.ok || (r.op === "clp" && r.value.exitCode !== 0));
    if (failed.length > 0) {
      if (!results[results.length - 1].ok) await runAgent(host, unlockOps(os)).catch(() => undefined);
      const first = failed[0];
      const why = first.r.ok && first.r.op === "clp" ? `exit ${first.r.value.exitCode}: ${(first.r.value.stdout + first.r.value.stderr).trim()}` : !first.r.ok ? first.r.error.message : "";
      throw new RemoteError(master, first.step.label, `${why}${failed.length > 1 ? ` (then also: ${failed.slice(1).map((f) => f.step.label).join(", ")})` : ""}`);
    }
  }
}

/**
 * When only scripts change, clp.conf is the same but the configuration folder is not: it is pushed
 * anyway. No rule says how the product takes new scripts, so the more disruptive class is chosen
 * (docs/apply-methods.md). The session cannot tell unchanged scripts from changed ones (it does not
 * read them back), so this applies whenever a resource with scripts is created or updated.
 */
function withScripts(outcome: CommitOutcome, files: readonly ConfigFile[], removeFolders: readonly string[]): CommitOutcome {
  if (outcome.applyMethod !== "none" || (files.length === 0 && removeFolders.length === 0)) return outcome;
  return { applyMethod: "suspend", restartedGroups: [], changes: [...files.map((f) => f.path), ...removeFolders].map((path) => ({ path, kind: "modify", applyMethod: "suspend", rule: "scripts" })) };
}

/** Groups a change set adds or removes entirely. */
function groupsChangedBy(changes: readonly Change[], kind: "add" | "remove"): string[] {
  return changes.filter((c) => c.kind === kind).flatMap((c) => /^\/root\/group\[@name='([^']+)'\]$/.exec(c.path)?.[1] ?? []);
}
const groupsRemovedBy = (changes: readonly Change[]) => groupsChangedBy(changes, "remove");
const groupsAddedBy = (changes: readonly Change[]) => groupsChangedBy(changes, "add");

function outcomeOf(before: ClpDocument, next: ClpDocument, configured: boolean): CommitOutcome {
  if (configured && serializeClpConf(next).equals(serializeClpConf(before))) return { applyMethod: "none", restartedGroups: [], changes: [] };
  if (!configured) return { applyMethod: "initial", restartedGroups: [], changes: diffConfigs(before, next) };
  const changes = diffConfigs(before, next);
  const method = worstApplyMethod(changes);
  if (!method) return { applyMethod: "none", restartedGroups: [], changes };
  // A group that goes away is stopped, not restarted; a group that arrives is started, not restarted.
  const notRestarted = new Set([...groupsRemovedBy(changes), ...groupsAddedBy(changes)]);
  return { applyMethod: method, restartedGroups: method === "group" ? groupsToRestart(changes).filter((g) => !notRestarted.has(g)) : [], changes };
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
    Object.assign(s.target, { maxDisruption: target.maxDisruption, nodes: target.nodes });
  }
  return s;
}
