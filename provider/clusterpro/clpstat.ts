// Reads `clpstat` / `clpstat --long` text (the default status view) into where each group runs.
// Layout facts: reference/clusterpro-x-details.md §5.1 (section tags, indents, "current : <server>").
export interface ClpstatView {
  cluster?: string;
  /** Server name → status word (Online, Offline, …); `local` marks the server clpstat ran on. */
  servers: Record<string, { status: string; local: boolean }>;
  /** Group name → status and the server it is current on (undefined when None). */
  groups: Record<string, { status: string; current?: string }>;
  /** clpstat failed: nothing is known (the cluster is then treated as running). */
  unknown?: boolean;
}

export function parseClpstat(text: string): ClpstatView {
  const view: ClpstatView = { servers: {}, groups: {} };
  let section = "";
  let group: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    const cluster = /^\s+Cluster : (.+)$/.exec(line);
    if (cluster) view.cluster = cluster[1].trim();
    const tag = /^\s+<(server|group|monitor)>$/.exec(line);
    if (tag) {
      section = tag[1];
      continue;
    }
    // "   *server01 ....: Online" (3 spaces and * for the local server, else 4 spaces) and "    failover ....: Online".
    const head = /^( {3}\*| {4})(\S+) \.*\s*: (\S.*?)\s*$/.exec(line);
    const detail = /^ {6}(\S+)\s*: (\S.*?)\s*$/.exec(line);
    if (section === "server" && head) view.servers[head[2]] = { status: head[3].split(/\s{2,}/)[0], local: head[1].includes("*") };
    else if (section === "group" && head) {
      group = head[2];
      view.groups[group] = { status: head[3].split(/\s{2,}/)[0] };
    } else if (section === "group" && detail && group && detail[1] === "current") {
      const current = detail[2].trim();
      if (current !== "None") view.groups[group].current = current;
    }
  }
  return view;
}

/** The cluster service runs when at least one server is Online. */
export function clusterRunning(view: ClpstatView): boolean {
  if (view.unknown) return true;
  return Object.values(view.servers).some((s) => s.status === "Online");
}
