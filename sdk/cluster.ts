import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazy-provider";
import type { Node } from "./node";
import { ClusterArgsSchema } from "./schemas/cluster";
import type { ApplyMethodName } from "./schemas/common";
import { validateArgs, type ArgIssue } from "./validate";

export interface InterconnectArgs {
  /** Heartbeat priority, 1 = first. Required for kernel and user heartbeats; none for a mirror-only LAN. */
  priority?: number;
  /** "kernel": kernel-mode LAN heartbeat; "user": user-mode LAN heartbeat; "mirror": mirror connect only. */
  kind: "kernel" | "user" | "mirror";
  /** The mirror connect this LAN carries ("mdc1", "mdc2", …). */
  mdc?: string;
  /** Each server's address on this LAN, by server name. */
  addresses: Record<string, string>;
}

export interface ClusterArgs {
  /** The cluster's name. */
  name: string;
  comment?: string;
  /** WebUI language and the configuration's encoding: "ja" (default), "en", "zh". */
  language?: "ja" | "en" | "zh";
  /** Floating IP of the management group (Cluster WebUI). */
  managementIp?: string;
  /** The servers in priority order; the first is the master. */
  servers: Node[];
  interconnects: InterconnectArgs[];
  /**
   * The most disruptive apply method this stack may use: "upload" | "suspend" | "group" (default) |
   * "cluster" | "reboot". A change that needs more is refused at preview and up.
   */
  maxDisruption?: ApplyMethodName;
  /** Take over an existing configuration that differs from this program (default false). */
  adopt?: boolean;
}

/** What the cluster's resources carry so the provider can reach the cluster on its own. */
export interface ClusterTargetInputs {
  clusterName: string;
  serverOs: "windows" | "linux";
  servers: string[];
  maxDisruption: ApplyMethodName;
  connections: pulumi.Output<unknown>;
}

const provider = lazyProvider("cluster");

/** A CLUSTERPRO X cluster: its servers, interconnects and management IP. */
export class Cluster extends pulumi.dynamic.Resource {
  /** @internal plain facts for the cluster's groups and resources (no Output dependency: one commit). */
  readonly target: ClusterTargetInputs;
  /** @internal names taken inside this cluster, to refuse duplicates at construction. */
  readonly taken = { groups: new Map<string, string>(), resources: new Map<string, string>(), addresses: new Map<string, string>() };
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
  /** @internal address owner ("FloatingIp \"fip\"") → its group. */
  readonly groupOfAddressOwner = new Map<string, string>();
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.CustomResourceOptions) {
    const servers = args.servers ?? [];
    const serverNames = servers.map((s) => s?.serverName);
    const plain = { ...args, servers: serverNames };
    const extra: ArgIssue[] = [];
    const oses = new Set(servers.map((s) => s?.serverOs));
    if (oses.size > 1) extra.push({ property: "servers", reason: "mixes Windows and Linux servers; a cluster's servers share one OS" });
    validateArgs(ClusterArgsSchema, plain, "Cluster", name, extra);
    const target: ClusterTargetInputs = {
      clusterName: args.name,
      serverOs: servers[0].serverOs,
      servers: serverNames,
      maxDisruption: args.maxDisruption ?? "group",
      connections: pulumi.secret(servers.map((s) => ({ name: s.serverName, connection: s.connectionArgs }))),
    };
    super(
      provider,
      name,
      {
        ...target,
        name: args.name,
        comment: args.comment,
        language: args.language ?? "ja",
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
    this.bootstrap = { name: args.name, comment: args.comment, language: args.language ?? "ja", os: target.serverOs, managementIp: args.managementIp, servers: serverNames, interconnects: args.interconnects };
    this.mirrorConnects = args.interconnects.flatMap((i) => (i.mdc ? [i.mdc] : []));
    if (args.managementIp) this.taken.addresses.set(args.managementIp, `Cluster "${name}" (managementIp)`);
  }
}

/** Claims a name in the cluster; answers the issue when another resource of this program has it. */
export function claim(map: Map<string, string>, key: string, owner: string, property: string, what: string): ArgIssue[] {
  const holder = map.get(key.toLowerCase());
  if (holder && holder !== owner) return [{ property, reason: `${what} ${key} is already used by ${holder}` }];
  map.set(key.toLowerCase(), owner);
  return [];
}
