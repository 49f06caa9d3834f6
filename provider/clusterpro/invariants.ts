// Cluster-wide rules a clp.conf must satisfy before it is pushed. Each violation names the object
// (by NEC path) and the rule, so a failed preview says exactly what to fix. Rules whose product
// limit is unconfirmed are warnings, not errors (docs/clusterpro-conf.md lists each rule's source).
import { ClusterConfig, MirrorDiskResource, resourceRef } from "./model";
import { computeObjectNumber } from "./objectnumber";

export interface Violation {
  /** The object, NEC-style (`group@failover/policy@srv3`). */
  path: string;
  rule: string;
  message: string;
  severity: "error" | "warning";
}

/**
 * Device-ID ranges per device type (EXPRESSCLUSTER/CreateClusterOnLinux@9d7b287 doc/jp/CommandUsage_v2_Linux_jp.md:66-71;
 * mdc 400+ from @1f25c7b CommandUsage_v2_Windows_jp.md:68-103 — its upper bound 499 is our assumption).
 */
export const DEVICE_ID_RANGES: Record<string, [number, number]> = {
  lan: [0, 99],
  disk: [300, 399],
  mdc: [400, 499],
  bmc: [600, 699],
  witness: [700, 799],
  disknp: [10100, 10199],
  ping: [10200, 10299],
  http: [10700, 10799],
};

/** Longest name we accept without a warning; the product's real limit is unconfirmed (31 is the figure usually quoted). */
export const NAME_LENGTH_WARNING = 31;

export function checkInvariants(config: ClusterConfig): Violation[] {
  const out: Violation[] = [];
  const add = (path: string, rule: string, message: string, severity: Violation["severity"] = "error") => out.push({ path, rule, message, severity });

  const serverNames = new Set(config.servers.map((s) => s.name));
  const groupNames = new Set(config.groups.map((g) => g.name));
  const resourcesByName = new Map(config.resources.map((r) => [r.name, r]));

  // --- objectnumber
  const expected = computeObjectNumber(config);
  if (config.objectNumber === undefined) add("webmgr/client/objectnumber", "objectnumber", `missing; it should be ${expected}`, "warning");
  else if (config.objectNumber !== expected) {
    add("webmgr/client/objectnumber", "objectnumber", `is ${config.objectNumber} but the cluster has ${expected} objects (4 + servers + groups + resources + monitors + (heartbeats + network partitions) × servers)`);
  }

  // --- names
  const checkNames = (kind: string, items: { path: string; name: string }[]) => {
    const seen = new Set<string>();
    for (const { path, name } of items) {
      if (seen.has(name)) add(path, "unique-name", `${kind} name "${name}" is used more than once`);
      seen.add(name);
      if (name === "") add(path, "name-characters", `${kind} has an empty name`);
      // `@` and `/` break NEC's `type@name` addressing; XML-special and control characters break the file.
      else if (/[@/<>&"]/.test(name) || [...name].some((ch) => ch.charCodeAt(0) < 0x20)) add(path, "name-characters", `${kind} name "${name}" contains @, /, <, >, &, " or a control character`);
      if ([...name].length > NAME_LENGTH_WARNING) add(path, "name-length", `${kind} name "${name}" is longer than ${NAME_LENGTH_WARNING} characters (product limit unconfirmed)`, "warning");
    }
  };
  checkNames("server", config.servers.map((s) => ({ path: `server@${s.name}`, name: s.name })));
  checkNames("group", config.groups.map((g) => ({ path: `group@${g.name}`, name: g.name })));
  checkNames("resource", config.resources.map((r) => ({ path: `resource/${r.type}@${r.name}`, name: r.name })));
  checkNames("monitor", config.monitors.map((m) => ({ path: `monitor/${m.type}@${m.name}`, name: m.name })));
  checkNames("heartbeat", [
    ...config.heartbeats.map((h) => ({ path: `heartbeat/${h.type}@${h.name}`, name: h.name })),
    ...config.networkPartitions.map((n) => ({ path: `networkpartition/${n.type}@${n.name}`, name: n.name })),
  ]);
  for (const s of config.servers) {
    if (s.name !== s.name.toLowerCase()) add(`server@${s.name}`, "server-name-lowercase", `server name "${s.name}" must be the host name in lower case`);
  }

  // --- devices
  const deviceTypeById = new Map<number, { type: string; server: string }>();
  for (const s of config.servers) {
    for (const d of s.devices ?? []) {
      const path = `server@${s.name}/device@${d.id}`;
      const range = DEVICE_ID_RANGES[d.type];
      if (range && (d.id < range[0] || d.id > range[1])) add(path, "device-id-range", `${d.type} device id ${d.id} is outside ${range[0]}-${range[1]}`);
      const seen = deviceTypeById.get(d.id);
      if (seen && seen.type !== d.type) add(path, "device-id-consistent", `device ${d.id} is ${d.type} here but ${seen.type} on ${seen.server}; a device id must mean the same on every server`);
      else if (!seen) deviceTypeById.set(d.id, { type: d.type, server: s.name });
    }
  }
  const deviceOnEveryServer = (path: string, id: number, what: string) => {
    for (const s of config.servers) {
      if (!(s.devices ?? []).some((d) => d.id === id)) add(path, "device-exists", `${what} uses device ${id}, which server ${s.name} does not have`);
    }
  };
  for (const h of config.heartbeats) deviceOnEveryServer(`heartbeat/${h.type}@${h.name}`, h.device, "heartbeat");
  for (const n of config.networkPartitions) deviceOnEveryServer(`networkpartition/${n.type}@${n.name}`, n.device, "network partition resource");

  // --- groups
  // Files whose groups carry no gid at all (older generators) are accepted; otherwise gids are 0..n-1, each once.
  if (config.groups.some((g) => g.gid !== undefined)) {
    const missing = config.groups.filter((g) => g.gid === undefined);
    for (const g of missing) add(`group@${g.name}`, "gid-sequential", "has no gid while other groups do");
    const sorted = config.groups.map((g) => g.gid).filter((g): g is number => g !== undefined).sort((a, b) => a - b);
    if (missing.length === 0 && sorted.some((g, i) => g !== i)) {
      add("group", "gid-sequential", `gids must be 0..${config.groups.length - 1}, each once; found ${sorted.join(", ")}`);
    }
  }
  for (const g of config.groups) {
    for (const p of g.startupServers ?? []) {
      if (!serverNames.has(p.server)) add(`group@${g.name}/policy@${p.server}`, "startup-server-exists", `startup server "${p.server}" is not a server of the cluster`);
    }
    for (const w of g.startAfter ?? []) {
      if (!groupNames.has(w.group) || w.group === g.name) add(`group@${g.name}/depend/act/depend@${w.group}`, "group-wait-exists", `waits for group "${w.group}", which ${w.group === g.name ? "is itself" : "does not exist"}`);
    }
  }
  findCycles(config.groups.map((g) => ({ name: g.name, after: (g.startAfter ?? []).map((w) => w.group) }))).forEach((cycle) =>
    add(`group@${cycle[0]}`, "group-wait-cycle", `group start waits form a cycle: ${cycle.join(" → ")}`));

  // --- resources
  for (const r of config.resources) {
    const path = `resource/${r.type}@${r.name}`;
    if (r.group === "" || !groupNames.has(r.group)) add(path, "resource-membership", `belongs to no group (no group lists "${resourceRef(r)}")`);
    if (Array.isArray(r.dependsOn)) {
      for (const d of r.dependsOn) {
        const target = resourcesByName.get(d);
        if (!target) add(`${path}/depend@${d}`, "dependency-exists", `depends on "${d}", which is not a resource`);
        else if (target.group !== r.group) add(`${path}/depend@${d}`, "dependency-exists", `depends on "${d}" in group "${target.group}", not in its own group "${r.group}"`);
      }
    }
    if (r.type === "md") checkMirrorDisk(r as MirrorDiskResource, config, add);
  }
  const refs = new Set(config.resources.map(resourceRef));
  const listedBy = new Map<string, string>();
  for (const g of config.groups) {
    for (const ref of g.resources ?? []) {
      if (!refs.has(ref)) add(`group@${g.name}/resource@${ref}`, "resource-membership", `lists "${ref}", which is not a resource`);
      else if (listedBy.has(ref)) add(`group@${g.name}/resource@${ref}`, "resource-membership", `lists "${ref}", which group "${listedBy.get(ref)}" already lists`);
      else listedBy.set(ref, g.name);
    }
  }
  findCycles(config.resources.map((r) => ({ name: r.name, after: Array.isArray(r.dependsOn) ? r.dependsOn : [] }))).forEach((cycle) =>
    add(`resource/${resourcesByName.get(cycle[0])?.type}@${cycle[0]}`, "dependency-cycle", `resource dependencies form a cycle: ${cycle.join(" → ")}`));

  // --- floating IPs
  const fipOwner = new Map<string, string>();
  const serverAddress = new Map<string, string>();
  for (const s of config.servers) for (const d of s.devices ?? []) if (d.type === "lan" || d.type === "mdc") serverAddress.set(d.info, `server ${s.name} device ${d.id}`);
  for (const r of config.resources) {
    if (r.type !== "fip") continue;
    const ip = (r as { ip?: string }).ip;
    const path = `resource/fip@${r.name}`;
    if (ip === undefined || ip === "") {
      add(path, "fip-address", "has no IP address", "warning");
      continue;
    }
    if (fipOwner.has(ip)) add(path, "fip-unique", `floating IP ${ip} is also used by fip "${fipOwner.get(ip)}"`);
    else fipOwner.set(ip, r.name);
    if (serverAddress.has(ip)) add(path, "fip-unique", `floating IP ${ip} is already the address of ${serverAddress.get(ip)}`);
  }

  // --- monitors
  for (const m of config.monitors) {
    const path = `monitor/${m.type}@${m.name}`;
    // A warning only: a real generated file (CreateClusterOnLinux@502a973) has fipw target "fip" for a resource named fip1.
    if (m.target && m.target.trim() !== "" && !resourcesByName.has(m.target)) add(`${path}/target`, "monitor-target", `target "${m.target}" is not a resource, so monitoring is never gated by it`, "warning");
    if (m.relation) {
      const { type, name } = m.relation;
      const ok = type === "rsc" ? resourcesByName.has(name) : type === "grp" ? groupNames.has(name) : type === "cls" ? name === "LocalServer" : false;
      if (!ok) add(`${path}/relation`, "monitor-reference", `recovery target ${type} "${name}" does not exist`);
    }
    if ((m.type === "mdw" || m.type === "mdnw") && m.object !== undefined && resourcesByName.get(m.object)?.type !== "md") {
      add(`${path}/parameters/object`, "monitor-reference", `watches "${m.object}", which is not an md resource`);
    }
  }
  return out;
}

function checkMirrorDisk(md: MirrorDiskResource, config: ClusterConfig, add: (path: string, rule: string, message: string) => void): void {
  const path = `resource/md@${md.name}`;
  for (const n of md.netdevs ?? []) {
    for (const s of config.servers) {
      const dev = (s.devices ?? []).find((d) => d.id === n.device);
      if (!dev || dev.type !== "mdc") add(`${path}/parameters/netdev@${n.id}`, "md-mirror-connect", `uses mirror connect device ${n.device}, which server ${s.name} does not have as an mdc device`);
    }
  }
  for (const v of md.volumes ?? []) {
    if (!config.servers.some((s) => s.name === v.server)) add(`${path}/server@${v.server}`, "md-server-exists", `has volume settings for "${v.server}", which is not a server`);
  }
}

/** Every cycle (as a name path that returns to its start) in a "starts after" graph. */
export function findCycles(nodes: { name: string; after: string[] }[]): string[][] {
  const edges = new Map(nodes.map((n) => [n.name, n.after]));
  const state = new Map<string, "open" | "done">();
  const cycles: string[][] = [];
  const visit = (name: string, stack: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "open") {
      cycles.push([...stack.slice(stack.indexOf(name)), name]);
      return;
    }
    state.set(name, "open");
    for (const next of edges.get(name) ?? []) if (edges.has(next)) visit(next, [...stack, name]);
    state.set(name, "done");
  };
  for (const n of nodes) visit(n.name, []);
  return cycles;
}
