// How a commit's outcome reads in preview and in `up`'s output.
import type { Change } from "../clusterpro";
import type { ClpstatView } from "../clusterpro/clpstat";
import { unverifiedWrites } from "../clusterpro/unverified";
import type { CommitOutcome } from "./commit-outcome";

/**
 * How the outcome is applied, in one line. With the cluster's status (the session's clpstat read), a
 * group stop names the server each group is online on now and says it starts again there; a group that
 * does not run is left stopped (sequences.ts stops and starts only the groups clpstat showed running).
 */
export function describeOutcome(o: CommitOutcome, status?: ClpstatView): string {
  switch (o.applyMethod) {
    case "none":
      return "no change to clp.conf";
    case "initial":
      return "new configuration: push, then start the cluster";
    case "upload":
      return "upload only (push)";
    case "suspend":
      return "suspend the cluster → push → resume";
    case "group":
      if (o.restartedGroups.length === 0) return "stop the groups that go away → suspend → push → resume";
      if (status) return groupRestart(o.restartedGroups, status);
      return `stop group${o.restartedGroups.length > 1 ? "s" : ""} ${o.restartedGroups.join(", ")} → suspend → push → resume → start ${o.restartedGroups.length > 1 ? "them" : "it"}`;
    case "cluster": {
      const online = status && !status.unknown ? Object.entries(status.groups).filter(([, g]) => g.current).map(([name, g]) => `${name} on ${g.current}`) : [];
      return `stop the cluster${online.length > 0 ? ` (groups online now: ${online.join(", ")})` : ""} → push → start it`;
    }
    case "reboot":
      return "stop the cluster and the mirror agent → push → reboot every server";
  }
}

/** The group-method line with where each group runs now and starts again. */
function groupRestart(groups: readonly string[], status: ClpstatView): string {
  const s = (n: number) => (n > 1 ? "s" : "");
  if (status.unknown) {
    return `stop group${s(groups.length)} ${groups.join(", ")} (where ${groups.length > 1 ? "they run" : "it runs"} is unknown: clpstat could not be read, so up will refuse) → suspend → push → resume → start ${groups.length > 1 ? "them" : "it"}`;
  }
  const running = groups.filter((g) => status.groups[g]?.current);
  const idle = groups.filter((g) => !status.groups[g]?.current);
  const on = (g: string) => status.groups[g].current as string;
  const steps = running.length === 0
    ? "suspend → push → resume"
    : `stop group${s(running.length)} ${running.map((g) => `${g} (online on ${on(g)})`).join(", ")} → suspend → push → resume → start ${running.map((g) => `${g} again on ${on(g)}`).join(", ")}`;
  return idle.length === 0 ? steps : `${steps}; group${s(idle.length)} ${idle.join(", ")} ${idle.length > 1 ? "are" : "is"} not running and stay${idle.length > 1 ? "" : "s"} stopped`;
}

/** One line per element the plan writes that no public source shows (provider/clusterpro/unverified.ts). */
export function unverifiedLines(changes: readonly Change[]): string {
  return unverifiedWrites(changes)
    .map((u) => `\n    unverified element: ${u.path} (no public source; written as ${u.element.writtenAs})`)
    .join("");
}

export function changeLines(changes: readonly Change[]): string {
  return changes
    .filter((c) => !c.path.startsWith("/root/webmgr") && !c.path.startsWith("/root/trekking"))
    .map((c) => `    ${c.kind === "add" ? "+" : c.kind === "remove" ? "-" : "~"} ${c.path}${typeof c.new === "string" ? ` = ${c.new}` : ""} (${c.applyMethod})`)
    .join("\n");
}

/** The changes under an outcome line: each path with its method; for a new configuration, the counts. */
export function changeSummary(o: CommitOutcome): string {
  if (o.applyMethod === "initial") {
    const count = (re: RegExp) => o.changes.filter((c) => c.kind === "add" && re.test(c.path)).length;
    return ` (${count(/^\/root\/server\[/)} servers, ${count(/^\/root\/group\[/)} groups)`;
  }
  const lines = changeLines(o.changes);
  return lines ? `\n${lines}` : "";
}
