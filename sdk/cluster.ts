import * as net from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { ClusterApply, defersPush, programEnd } from "./cluster-apply";
import { lazyProvider } from "./lazy-provider";
import type { FailoverGroup } from "./failover-group";
import type { Node } from "./node";
import {
  ClusterArgsSchema, networkPartitionActionIssue,
  type ClusterArgsDocs, type InterconnectDocs, type InterconnectSchema, type NetworkPartitionDocs, type NetworkPartitionSchema,
} from "./schemas/cluster";
import type { ArgsOf, ArgsReplacing } from "./schemas/docs";
import type { MaxDisruptionName } from "./schemas/common";
import { validateArgs, type ArgIssue } from "./validate";

/** A LAN between the cluster's servers (InterconnectSchema). */
export type InterconnectArgs = ArgsOf<typeof InterconnectSchema, InterconnectDocs>;

/** Network partition resolution by ping (NetworkPartitionSchema). */
export type NetworkPartitionArgs = ArgsOf<typeof NetworkPartitionSchema, NetworkPartitionDocs>;

/** A Cluster's arguments: its own (ClusterArgsSchema), with its servers as the program's Nodes. */
export type ClusterArgs = ArgsReplacing<typeof ClusterArgsSchema, ClusterArgsDocs, { servers: Node[]; interconnects: InterconnectArgs[]; networkPartitions?: NetworkPartitionArgs[] }>;

/** What the cluster's resources carry so the provider can reach the cluster on its own. */
export interface ClusterTargetInputs {
  clusterName: string;
  serverOs: "windows" | "linux";
  servers: string[];
  maxDisruption: MaxDisruptionName;
  connections: pulumi.Output<unknown>;
  /** "project/stack": recorded on the cluster by the first stack that applies, so that a second one is told. */
  stack: string;
  /** Whether an object declared now is pushed by the cluster's Apply (read when an object spreads the target). */
  readonly deferPush: boolean;
  /** The Cluster's adopt: this stack takes the cluster over from the stack recorded as its manager. */
  takeOver: boolean;
}

const provider = lazyProvider("cluster");

/** A CLUSTERPRO X cluster: its servers, interconnects and management IP. */
export class Cluster extends pulumi.dynamic.Resource {
  /** @internal plain facts for the cluster's groups and resources (no Output dependency: one commit). */
  readonly target: ClusterTargetInputs;
  /** @internal names taken inside this cluster, to refuse duplicates at construction. */
  readonly taken = { groups: new Map<string, string>(), resources: new Map<string, string>(), addresses: new Map<string, string>(), monitors: new Map<string, string>() };
  /**
   * @internal the cluster's own plan, carried by its groups and resources so that whichever of them
   * reaches a new cluster first can create it (no resource ever waits for another to be scheduled).
   */
  readonly bootstrap: Record<string, unknown>;
  /** @internal mirror connects the interconnects define. */
  readonly mirrorConnects: string[];
  /** @internal ProductInstalls declared so far, for cross-install constraints and start order. */
  readonly installs: { facts: import("../provider/products").ProductInstallFacts; lastService?: string; services: string[] }[] = [];
  /** @internal group name → its FloatingIps and MirrorDisks (a ProductInstall waits for them). */
  readonly groupMembers = new Map<string, pulumi.Resource[]>();
  /**
   * @internal the shared storage each group has, declared so far (a product's "switch partition", issue 17). Mirror
   * disks today; the shared-disk resource type adds its own entries here.
   */
  readonly groupStorage = new Map<string, { kind: "mirror-disk" | "shared-disk"; drive?: string; owner: string }[]>();
  /** @internal group name → its VirtualComputerNames (an install that needs one checks it). */
  readonly groupComputerNames = new Map<string, string[]>();
  /** @internal address owner ("FloatingIp \"fip\"") → its group. */
  readonly groupOfAddressOwner = new Map<string, string>();
  /** @internal group name (lower case) → the resources it has in this program so far, for dependsOn checks. */
  readonly groupResources = new Map<string, string[]>();
  /** @internal the cluster's objects declared so far: its Apply depends on all of them. */
  readonly members: pulumi.Resource[] = [];
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.CustomResourceOptions) {
    const servers = args.servers ?? [];
    const serverNames = servers.map((s) => s?.serverName);
    const plain = { ...args, servers: serverNames };
    const extra: ArgIssue[] = [];
    const oses = new Set(servers.map((s) => s?.serverOs));
    if (oses.size > 1) extra.push({ property: "servers", reason: "mixes Windows and Linux servers; a cluster's servers share one OS" });
    const npIssue = oses.size === 1 && typeof args.networkPartitionAction === "string" ? networkPartitionActionIssue(args.networkPartitionAction, servers[0]?.serverOs) : undefined;
    if (npIssue) extra.push({ property: "networkPartitionAction", reason: npIssue });
    validateArgs(ClusterArgsSchema, plain, "Cluster", name, extra);
    const target: ClusterTargetInputs = {
      clusterName: args.name,
      serverOs: servers[0].serverOs,
      servers: serverNames,
      maxDisruption: args.maxDisruption ?? "group",
      connections: pulumi.secret(servers.map((s) => ({ name: s.serverName, connection: s.connectionArgs }))),
      stack: `${pulumi.getProject()}/${pulumi.getStack()}`,
      takeOver: args.adopt ?? false,
      deferPush: false,
    };
    // Evaluated when each object spreads the target into its inputs: deferred while the program still declares.
    Object.defineProperty(target, "deferPush", { enumerable: true, get: defersPush });
    super(
      provider,
      name,
      {
        ...target,
        name: args.name,
        comment: args.comment,
        language: args.language ?? "ja",
        charset: args.charset,
        encode: args.encode,
        networkPartitions: args.networkPartitions,
        networkPartitionAction: args.networkPartitionAction,
        userModeMonitor: args.userModeMonitor,
        managementIp: args.managementIp,
        interconnects: args.interconnects,
        adopt: args.adopt ?? false,
        applyMethod: undefined,
        restartedGroups: undefined,
      },
      opts,
      "clusterpro",
      "Cluster",
    );
    this.target = target;
    joinApply(this, this);
    if (target.deferPush) {
      // Once the program has declared everything: the Apply that pushes all of the cluster's staged changes once.
      void programEnd()?.then((ok) => ok && new ClusterApply(`${name}-apply`, target as unknown as Record<string, unknown>, { parent: this, dependsOn: this.members }));
    }
    this.bootstrap = {
      name: args.name, comment: args.comment, language: args.language ?? "ja", charset: args.charset, encode: args.encode, networkPartitions: args.networkPartitions, networkPartitionAction: args.networkPartitionAction, userModeMonitor: args.userModeMonitor,
      os: target.serverOs, managementIp: args.managementIp, servers: serverNames, interconnects: args.interconnects,
    };
    this.mirrorConnects = args.interconnects.flatMap((i) => (i.mdc ? [i.mdc] : []));
    if (args.managementIp) this.taken.addresses.set(args.managementIp, `Cluster "${name}" (managementIp)`);
    // The servers' own addresses (interconnects, and the address the provider connects to) are no floating IP's.
    args.interconnects.forEach((ic, i) => {
      for (const [server, address] of Object.entries(ic.addresses)) {
        if (!this.taken.addresses.has(address)) this.taken.addresses.set(address, `server ${server} (Cluster "${name}" interconnects[${i}].addresses.${server})`);
      }
    });
    for (const s of servers) {
      const host = s.connectionArgs.host;
      if (typeof host === "string" && net.isIPv4(host) && !this.taken.addresses.has(host)) this.taken.addresses.set(host, `server ${s.serverName} (its Node's connection.host)`);
    }
  }
}

/**
 * The inputs every resource of a group carries: its cluster's target, its group, its own arguments, and its parents'
 * plans (so whichever object reaches a new cluster first can create them).
 */
export function groupResourceInputs(group: FailoverGroup, own: Record<string, unknown>, adopt: boolean | undefined): Record<string, unknown> {
  const cluster = group.cluster;
  return { ...cluster.target, group: group.groupName, ...own, adopt: adopt ?? false, bootstrap: { cluster: cluster.bootstrap, group: group.bootstrap }, applyMethod: undefined, restartedGroups: undefined };
}

/**
 * After a group's resource is constructed: it joins its cluster's Apply, its group's members (an install waits for
 * them), the owners whose group an address message names, and the names later dependsOn may use.
 */
export function joinGroup(group: FailoverGroup, resource: pulumi.Resource, owner: string, name: unknown): void {
  const cluster = group.cluster;
  joinApply(cluster, resource);
  cluster.groupMembers.set(group.groupName, [...(cluster.groupMembers.get(group.groupName) ?? []), resource]);
  cluster.groupOfAddressOwner.set(owner, group.groupName);
  addGroupResources(cluster, group.groupName, [name]);
}

/** Records an object of the cluster, so that the cluster's Apply comes after it. */
export function joinApply(cluster: Cluster, member: pulumi.Resource): void {
  cluster.members.push(member);
}

/**
 * dependsOn names must be resources of the same group declared before (a FailoverGroup's own
 * resources, then its FloatingIps and MirrorDisks in program order): CLUSTERPRO refuses a dependency
 * on a resource the group does not have, and the program would otherwise only learn it at `up`.
 */
export function dependsOnIssues(cluster: Cluster, group: string, dependsOn: unknown, property: string, own: readonly string[] = []): ArgIssue[] {
  if (!Array.isArray(dependsOn)) return [];
  const known = [...own, ...(cluster.groupResources.get(group.toLowerCase()) ?? [])];
  return dependsOn.flatMap((d, j): ArgIssue[] => {
    if (typeof d !== "string" || known.some((k) => k.toLowerCase() === d.toLowerCase())) return [];
    const has = known.length > 0 ? known.join(", ") : "none yet";
    return [{ property: `${property}[${j}]`, reason: `${d} is not a resource of group ${group} declared before this one (it has: ${has}); declare what a resource depends on first, or leave dependsOn unset for the product's default order (IP and disk resources first)` }];
  });
}

/** Records resources of a group in this program, for later dependsOn checks. */
export function addGroupResources(cluster: Cluster, group: string, names: readonly unknown[]): void {
  const key = group.toLowerCase();
  cluster.groupResources.set(key, [...(cluster.groupResources.get(key) ?? []), ...names.filter((n): n is string => typeof n === "string")]);
}

/** Claims a name in the cluster; answers the issue when another resource of this program has it. */
export function claim(map: Map<string, string>, key: string, owner: string, property: string, what: string): ArgIssue[] {
  const holder = map.get(key.toLowerCase());
  if (holder && holder !== owner) return [{ property, reason: `${what} ${key} is already used by ${holder}` }];
  map.set(key.toLowerCase(), owner);
  return [];
}
