// The cluster-wide lock (pure): the agent ops that take and release it on the master, and what the answer to a take
// means for the applier (ours, wait for another applier, give up). The lock is a folder on the master written with
// its owner in one atomic step (the agent's lock.acquire); a folder older than STALE_LOCK_SEC was left by a process
// that died and is broken.
import type { AgentOpInput, AgentResult } from "../remote/agent/protocol";

/** A lock whose folder is older than this (on the node's clock) was left by a process that died: it is broken. */
export const STALE_LOCK_SEC = 30 * 60;
/** How long an applier waits for another one's lock before it gives up. */
export const LOCK_WAIT_MS = 120_000;

export function lockOp(path: string, owner: string): AgentOpInput {
  return { op: "lock.acquire", path, owner, staleAfterSec: STALE_LOCK_SEC, stopOnError: true };
}

/** Releases the lock only if `owner` holds it. */
export function unlockOp(path: string, owner: string): AgentOpInput {
  return { op: "lock.release", path, owner };
}

export type LockAnswer =
  /** Taken; `broken`: a stale lock was broken to take it (say so). */
  | { kind: "ours"; broken?: { owner: string; ageSec: number } }
  /** Another applier holds it: wait for it to go, then send the batch again. */
  | { kind: "wait" }
  /** Held for longer than LOCK_WAIT_MS of waiting: the error to give. */
  | { kind: "give-up"; message: string }
  /** The take failed for another reason: the batch stopped there (its failure is the step's). */
  | { kind: "failed" };

/** What the answer to a lock.acquire means after `waitedMs` of waiting. */
export function lockAnswer(result: AgentResult, waitedMs: number, where: { cluster: string; master: string; path: string }): LockAnswer {
  if (result.ok && result.op === "lock.acquire") return result.value.broken ? { kind: "ours", broken: result.value.broken } : { kind: "ours" };
  if (result.ok || result.error.code !== "locked") return { kind: "failed" };
  if (waitedMs <= LOCK_WAIT_MS) return { kind: "wait" };
  return {
    kind: "give-up",
    message: `cluster ${where.cluster}: ${result.error.message}, for more than ${LOCK_WAIT_MS / 1000} s of waiting; if no other stack is applying, remove ${where.path} on ${where.master} and retry (a lock is broken by itself after ${STALE_LOCK_SEC / 60} minutes)`,
  };
}

/** The warning when a stale lock was broken. */
export function brokenLockWarning(cluster: string, broken: { owner: string; ageSec: number }): string {
  return `clusterpro: cluster ${cluster}: broke a lock left by ${broken.owner || "an unknown owner"} ${broken.ageSec} s ago (older than ${STALE_LOCK_SEC / 60} minutes)`;
}
