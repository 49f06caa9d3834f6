// What a commit applied (or, for preview, would apply): its own module, so that describe.ts (how an outcome
// reads) and session.ts (which produces it) do not import each other.
import type { ApplyMethod, Change } from "../clusterpro";

export interface CommitOutcome {
  /** "none" when the configuration already was as desired. */
  applyMethod: ApplyMethod | "initial" | "none";
  /** Groups stopped and started again (method "group"). */
  restartedGroups: string[];
  changes: Change[];
}
