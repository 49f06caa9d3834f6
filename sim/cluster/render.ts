// Text views of the simulated cluster: clpstat (default, --long, -g) and clpmdstat (-l, -m).
// Layout rules: clusterpro-x-details.md §5.1/§5.2/§5.5 (measured on real output). Choices the lab makes where the
// reference says UNCONFIRMED are listed in sim/README-cluster.md.

export type ClusterState = "stopped" | "running" | "suspended";

export interface HeartbeatStatus {
  name: string;
  type: string;
  status: string;
  description: string;
}

export interface ServerStatus {
  name: string;
  /** Online / Offline / Suspend. */
  status: string;
  up: boolean;
  clusterService: "running" | "stopped";
  mirrorAgent: "running" | "stopped";
  pendingReboot: boolean;
  comment: string;
  heartbeats: HeartbeatStatus[];
}

export interface ResourceStatus {
  name: string;
  type: string;
  status: string;
  comment: string;
}

export interface GroupStatus {
  name: string;
  type: string;
  /** Online / Offline / Online Failure. */
  status: string;
  current: string | null;
  comment: string;
  startupServers: string[];
  resources: ResourceStatus[];
}

export interface MonitorStatus {
  name: string;
  type: string;
  /** Normal / Warning / Error / Offline / Suspend. */
  status: string;
  comment: string;
}

export interface MirrorServerStatus {
  name: string;
  /** GREEN (latest data), RED (stale), GRAY (server down / not reachable). */
  color: string;
  latest: boolean;
  active: boolean;
}

export interface MirrorStatus {
  name: string;
  volume: string;
  /** normal / broken / no-construction */
  state: string;
  lastUpdate: string | null;
  breakTime: string | null;
  servers: MirrorServerStatus[];
}

/** The machine-readable status (`clpstat --json`, a lab extension). */
export interface ClusterStatus {
  cluster: { name: string; comment: string; state: ClusterState; configured: true };
  localServer: string;
  servers: ServerStatus[];
  groups: GroupStatus[];
  monitors: MonitorStatus[];
  mirrors: MirrorStatus[];
}

const HEADER = " ========================  CLUSTER STATUS  ===========================";
const FOOTER = " " + "=".repeat(69);

/** One `name ...: value` line with the colon at `colonCol`; names truncated so that at least one space precedes it. */
export function statusLine(indent: string, name: string, dots: boolean, colonCol: number, value: string): string {
  const max = colonCol - indent.length - 1;
  const shown = name.length > max ? name.slice(0, max) : name;
  const fill = colonCol - indent.length - shown.length;
  const pad = dots && fill >= 2 ? " " + ".".repeat(fill - 1) : " ".repeat(fill);
  return `${indent}${shown}${pad}: ${value}`;
}

function word(status: string, comment: string): string {
  return status.padEnd(17, " ") + comment;
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `clpstat` (colonCol 21, names truncated to 16) and `clpstat --long` (colonCol 38). */
export function renderClpstat(s: ClusterStatus, long = false): string[] {
  const col = long ? 38 : 21;
  const out: string[] = [HEADER, `  Cluster : ${s.cluster.name}`, "  <server>"];
  for (const srv of s.servers) {
    const local = srv.name === s.localServer;
    out.push(statusLine(local ? "   *" : "    ", srv.name, true, col, word(srv.status, srv.comment)));
    for (const hb of srv.heartbeats) out.push(statusLine("      ", hb.name, false, col, word(hb.status, hb.description)));
  }
  out.push("  <group>");
  for (const g of [...s.groups].sort(byName)) {
    out.push(statusLine("    ", g.name, true, col, word(g.status, g.comment)));
    out.push(statusLine("      ", "current", false, col, g.current ?? "None"));
    for (const r of [...g.resources].sort(byName)) out.push(statusLine("      ", r.name, false, col, word(r.status, r.comment)));
  }
  out.push("  <monitor>");
  for (const m of [...s.monitors].sort(byName)) out.push(statusLine("    ", m.name, false, col, word(m.status, m.comment)));
  out.push(FOOTER);
  return out;
}

/** `clpstat -g` (GROUPMAP INFORMATION). Server symbols: [o] running, [-] cluster service stopped, [x] down (lab choice). */
export function renderGroupMap(s: ClusterStatus): string[] {
  const out = [" ======================  GROUPMAP INFORMATION  =======================", `  Cluster : ${s.cluster.name}`];
  s.servers.forEach((srv, i) => out.push(`${srv.name === s.localServer ? "   *" : "    "}server${i} : ${srv.name}`));
  out.push("", "  " + "-".repeat(68));
  s.servers.forEach((srv, i) => {
    const sym = !srv.up ? "[x]" : srv.clusterService === "running" ? "[o]" : "[-]";
    const groups = [...s.groups].sort(byName).filter((g) => g.current === srv.name);
    const mark = (g: GroupStatus) => (g.status === "Online" ? "[o]" : "[e]");
    out.push(`    server${i} ${sym} : ` + groups.map((g) => `${g.name}${mark(g)} `).join(""));
  });
  out.push(FOOTER);
  return out;
}

/** `clpmdstat -l`: one `<md>` token per mirror disk resource (parsed with /<(.+)>/ by NEC scripts). */
export function renderMdList(s: ClusterStatus): string[] {
  return [...s.mirrors].sort(byName).map((m) => `  <${m.name}>`);
}

const MIRROR_STATUS_TEXT: Record<string, string> = { "normal": "Normal", "broken": "Abnormal", "no-construction": "No Construction" };

/** `clpmdstat -m <md>` with the documented tokens: Mirror Status, Mirror Color, Lastupdate Time, Break Time. */
export function renderMdMirror(m: MirrorStatus): string[] {
  const cols = (vals: string[]) => vals.map((v) => v.padEnd(20, " ")).join("").trimEnd();
  const time = (t: string | null) => t ?? "--";
  return [
    `  Mirror Status: ${MIRROR_STATUS_TEXT[m.state] ?? m.state}`,
    "",
    `  ${m.name.padEnd(18, " ")}${cols(m.servers.map((x) => x.name))}`,
    "  " + "-".repeat(58),
    `  ${"Mirror Color".padEnd(18, " ")}${cols(m.servers.map((x) => x.color))}`,
    `  ${"Lastupdate Time".padEnd(18, " ")}${cols(m.servers.map(() => time(m.lastUpdate)))}`,
    `  ${"Break Time".padEnd(18, " ")}${cols(m.servers.map(() => time(m.breakTime)))}`,
    `  ${"Volume".padEnd(18, " ")}${cols(m.servers.map(() => m.volume))}`,
  ];
}
