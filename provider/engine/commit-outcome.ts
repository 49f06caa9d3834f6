// What a commit applied (or, for preview, would apply), and how it is judged from the configuration before and after
// (pure): its own module, so that describe.ts (how an outcome reads) and session.ts (which produces it) do not import
// each other.
import { diffConfigs, groupsToRestart, serializeClpConf, worstApplyMethod, type ApplyMethod, type Change, type ClpDocument } from "../clusterpro";
import type { ConfigFile } from "../clusterpro/plan";

export interface CommitOutcome {
  /** "none" when the configuration already was as desired. */
  applyMethod: ApplyMethod | "initial" | "none";
  /** Groups stopped and started again (method "group"). */
  restartedGroups: string[];
  changes: Change[];
}

/**
 * When only scripts change, clp.conf is the same but the configuration folder is not: it is pushed
 * anyway. No rule says how the product takes new scripts, so the more disruptive class is chosen
 * (docs/apply-methods.md). The session cannot tell unchanged scripts from changed ones (it does not
 * read them back), so this applies whenever a resource with scripts is created or updated.
 */
export function withScripts(outcome: CommitOutcome, files: readonly ConfigFile[], removeFolders: readonly string[]): CommitOutcome {
  if (outcome.applyMethod !== "none" || (files.length === 0 && removeFolders.length === 0)) return outcome;
  return { applyMethod: "suspend", restartedGroups: [], changes: [...files.map((f) => f.path), ...removeFolders].map((path) => ({ path, kind: "modify", applyMethod: "suspend", rule: "scripts" })) };
}

/** Groups a change set adds or removes entirely. */
function groupsChangedBy(changes: readonly Change[], kind: "add" | "remove"): string[] {
  return changes.filter((c) => c.kind === kind).flatMap((c) => /^\/root\/group\[@name='([^']+)'\]$/.exec(c.path)?.[1] ?? []);
}
export const groupsRemovedBy = (changes: readonly Change[]) => groupsChangedBy(changes, "remove");
export const groupsAddedBy = (changes: readonly Change[]) => groupsChangedBy(changes, "add");

/** What pushing `next` over `before` applies: nothing, the first configuration, or the worst method of its changes. */
export function outcomeOf(before: ClpDocument, next: ClpDocument, configured: boolean): CommitOutcome {
  if (configured && serializeClpConf(next).equals(serializeClpConf(before))) return { applyMethod: "none", restartedGroups: [], changes: [] };
  if (!configured) return { applyMethod: "initial", restartedGroups: [], changes: diffConfigs(before, next) };
  const changes = diffConfigs(before, next);
  const method = worstApplyMethod(changes);
  if (!method) return { applyMethod: "none", restartedGroups: [], changes };
  // A group that goes away is stopped, not restarted; a group that arrives is started, not restarted.
  const notRestarted = new Set([...groupsRemovedBy(changes), ...groupsAddedBy(changes)]);
  return { applyMethod: method, restartedGroups: method === "group" ? groupsToRestart(changes).filter((g) => !notRestarted.has(g)) : [], changes };
}
