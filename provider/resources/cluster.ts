// Cluster: the cluster's name, servers (priority order), interconnects (heartbeats and mirror
// connects) and management IP. Destroying it leaves the cluster definition on the servers (see
// docs/resources/cluster.md): removing servers needs every server rebooted.
import { z } from "zod";
import type { ClusterConfig, DesiredConfig, FipResource } from "../clusterpro";
import { clusterFragment, MANAGEMENT_GROUP, MANAGEMENT_IP_RESOURCE, mdcDevice, mergeFragments, type ClusterPlanInput, type InterconnectPlan } from "../clusterpro/plan";
import { ClusterArgsSchema, InterconnectSchema, networkPartitionActionIssue, NP_ACTION_CODES } from "../../sdk/schemas/cluster";
import { clusterObjectProvider, definedOnly, TargetInputsSchema } from "./cluster-object";

/** The Cluster's inputs: the target and the SDK schema's fields; interconnects in the order clp.conf keeps them. */
const InputsSchema = TargetInputsSchema.extend(ClusterArgsSchema.shape).extend({ adopt: z.boolean().default(false) })
  .superRefine((i, ctx) => {
    const issue = networkPartitionActionIssue(i.networkPartitionAction, i.serverOs);
    if (issue) ctx.addIssue({ code: "custom", path: ["networkPartitionAction"], message: issue });
    (i.networkPartitions ?? []).forEach((np, n) => (np.servers ?? []).forEach((s, j) => {
      if (!i.servers.includes(s)) ctx.addIssue({ code: "custom", path: ["networkPartitions", n, "servers", j], message: `${s} is not a server of this cluster` });
    }));
  })
  .transform((i) => ({ ...i, interconnects: canonicalInterconnects(i.interconnects) }));
type Inputs = z.output<typeof InputsSchema>;
type Interconnect = z.infer<typeof InterconnectSchema>;

const OWN_KEYS = ["name", "comment", "language", "charset", "encode", "managementIp", "interconnects", "networkPartitions", "networkPartitionAction", "userModeMonitor"] as const;

/** Inputs that, left out of the program, keep what the configuration has (so refresh reads them only when declared). */
const KEPT_UNLESS_DECLARED = ["charset", "encode", "networkPartitions", "networkPartitionAction", "userModeMonitor"] as const;

/** Heartbeats by priority, then mirror-only LANs by mdc: the order clp.conf keeps, so refresh compares equal. */
export function canonicalInterconnects(list: readonly Interconnect[]): Interconnect[] {
  const rank = (i: Interconnect) => (i.kind === "mirror" ? 1000 + mdcDevice(i.mdc ?? "mdc99") : (i.priority ?? 0));
  return [...list].sort((a, b) => rank(a) - rank(b));
}

function plan(i: Inputs): ClusterPlanInput {
  return {
    name: i.name, comment: i.comment, language: i.language, charset: i.charset, encode: i.encode, os: i.serverOs, managementIp: i.managementIp,
    servers: i.servers, interconnects: i.interconnects as InterconnectPlan[], networkPartitions: i.networkPartitions, userModeMonitor: i.userModeMonitor,
    networkPartitionAction: i.networkPartitionAction,
  };
}

/** An update also removes the heartbeats and the management IP the program no longer declares. */
function transition(old: ClusterPlanInput, next: ClusterPlanInput): DesiredConfig {
  const oldHb = clusterFragment(old).heartbeats ?? [];
  const nextHb = new Set((clusterFragment(next).heartbeats ?? []).map((h) => h.name));
  const nextNp = new Set((clusterFragment(next).networkPartitions ?? []).map((n) => n.name));
  const remove: NonNullable<DesiredConfig["remove"]> = {
    heartbeats: oldHb.map((h) => h.name).filter((n) => !nextHb.has(n)),
    servers: old.servers.filter((s) => !next.servers.includes(s)),
    // Network partitions the program stops declaring (an empty list: none at all) go; undeclared ones were never the program's.
    networkPartitions: next.networkPartitions ? (clusterFragment(old).networkPartitions ?? []).map((n) => n.name).filter((n) => !nextNp.has(n)) : [],
  };
  if (old.managementIp && !next.managementIp) Object.assign(remove, { resources: [MANAGEMENT_IP_RESOURCE], groups: [MANAGEMENT_GROUP] });
  return mergeFragments([clusterFragment(next), { remove }]);
}

/**
 * The ping network partitions as clp.conf holds them, in the shape the program declared them: interval, timeout and
 * retries only where the program declares them; servers only where not every server uses the resolution.
 */
function actualNetworkPartitions(model: ClusterConfig, declared: unknown): Record<string, unknown>[] {
  const decl = Array.isArray(declared) ? (declared as Record<string, unknown>[]) : [];
  const servers = [...model.servers].sort((a, b) => a.priority - b.priority);
  return [...model.networkPartitions]
    .filter((n) => n.type === "pingnp")
    .sort((a, b) => a.priority - b.priority)
    .map((n, i) => {
      const d = decl[i] ?? {};
      const users = servers.filter((s) => s.devices?.some((x) => x.id === n.device && x.info.trim() !== "0")).map((s) => s.name);
      return definedOnly({
        kind: "ping",
        targets: n.pingTargets ?? [],
        intervalSeconds: d.intervalSeconds !== undefined ? n.interval : undefined,
        timeoutSeconds: d.timeoutSeconds !== undefined ? n.timeout : undefined,
        retries: d.retries !== undefined ? n.retry : undefined,
        servers: d.servers !== undefined || users.length !== servers.length ? users : undefined,
      });
    });
}

/** The npaction code as the OS names it (a code without a name stays a number, and shows as drift). */
function actualNpAction(model: ClusterConfig): string | number | undefined {
  const code = model.cluster.npAction;
  if (code === undefined) return undefined;
  const codes: Record<string, number> = NP_ACTION_CODES[model.cluster.serverOs === "windows" ? "windows" : "linux"];
  return Object.keys(codes).find((k) => codes[k] === code) ?? code;
}

/** The cluster's own properties as clp.conf holds them. */
export function actualCluster(model: ClusterConfig, props: Record<string, unknown> = {}): Record<string, unknown> {
  const servers = [...model.servers].sort((a, b) => a.priority - b.priority);
  const lan = (server: string, id: number) => servers.find((s) => s.name === server)?.devices?.find((d) => d.type === "lan" && d.id === id)?.info;
  const mdcOf = (addresses: Record<string, string>) =>
    servers[0]?.devices?.filter((d) => d.type === "mdc").find((d) => servers.every((s) => s.devices?.some((x) => x.type === "mdc" && x.id === d.id && x.info === addresses[s.name])));
  const used = new Set<number>();
  const interconnects: Interconnect[] = model.heartbeats
    .filter((h) => h.type === "lankhb" || h.type === "lanhb") // disk, BMC, witness heartbeats are not interconnects
    .sort((a, b) => a.priority - b.priority)
    .map((h, i) => {
      const addresses = Object.fromEntries(servers.map((s) => [s.name, lan(s.name, h.device) ?? ""]));
      const mdc = mdcOf(addresses);
      if (mdc) used.add(mdc.id);
      return { priority: i + 1, kind: h.type === "lanhb" ? "user" : "kernel", ...(mdc ? { mdc: `mdc${mdc.id - 399}` } : {}), addresses };
    });
  for (const d of servers[0]?.devices?.filter((x) => x.type === "mdc" && !used.has(x.id)) ?? []) {
    const addresses = Object.fromEntries(servers.map((s) => [s.name, s.devices?.find((x) => x.type === "mdc" && x.id === d.id)?.info ?? ""]));
    interconnects.push({ kind: "mirror", mdc: `mdc${d.id - 399}`, addresses });
  }
  const mgmt = model.resources.find((r) => r.name === MANAGEMENT_IP_RESOURCE && r.group === MANAGEMENT_GROUP) as FipResource | undefined;
  const userw = model.monitors.find((m) => m.type === "userw");
  return {
    name: model.cluster.name,
    comment: model.cluster.comment || undefined,
    charset: model.cluster.charset,
    encode: model.cluster.encode,
    networkPartitions: actualNetworkPartitions(model, props.networkPartitions),
    networkPartitionAction: actualNpAction(model),
    userModeMonitor: userw ? definedOnly({ method: userw.method, action: userw.action }) : undefined,
    servers: servers.map((s) => s.name),
    interconnects: canonicalInterconnects(interconnects),
    managementIp: mgmt?.ip,
  };
}

/**
 * The Cluster through the same typed provider as its objects (cluster-object.ts). Renaming a cluster is not a new
 * cluster (the same servers): every change is an update. Destroying it leaves the cluster definition on the servers
 * (no removal): its groups and resources are removed by their own resources.
 */
const provider = clusterObjectProvider({
  kind: "Cluster",
  section: "cluster",
  schema: InputsSchema,
  ownKeys: OWN_KEYS,
  replaceKeys: [],
  plan,
  fragment: clusterFragment,
  transition,
  requiresGroups: () => [],
  actual(model, props) {
    const own = actualCluster(model, props);
    // Optional inputs the program leaves out are the configuration's business, not drift.
    for (const k of KEPT_UNLESS_DECLARED) if (props[k] === undefined) delete own[k];
    return own;
  },
  id: (i) => i.name,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
