// How a commit's outcome reads in preview and in `up`'s output.
import type { Change } from "../clusterpro";
import type { CommitOutcome } from "./session";

export function describeOutcome(o: CommitOutcome): string {
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
      return `stop group${o.restartedGroups.length > 1 ? "s" : ""} ${o.restartedGroups.join(", ")} → suspend → push → resume → start ${o.restartedGroups.length > 1 ? "them" : "it"}`;
    case "cluster":
      return "stop the cluster → push → start it";
    case "reboot":
      return "stop the cluster and the mirror agent → push → reboot every server";
  }
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
