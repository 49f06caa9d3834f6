import * as pulumi from "@pulumi/pulumi";
import { addGroupResources, joinApply, claim, type Cluster } from "./cluster";
import { lazyProvider } from "./lazy-provider";
import { formatPath } from "./schemas/issues";
import {
  FailoverGroupArgsSchema, windowsScriptIssues,
  type ApplicationResourceInput, type FailoverGroupArgsDocs, type RegistrySyncResourceInput, type ScriptResourceInput, type ServiceResourceInput,
} from "./schemas/cluster";
import type { ArgsReplacing } from "./schemas/docs";
import { validateArgs, type ArgIssue } from "./validate";

/** A Windows service started and stopped by the group. */
export type ServiceResourceArgs = ServiceResourceInput;
/** A program run when the group starts (start path) and stops (stop path). */
export type ApplicationResourceArgs = ApplicationResourceInput;
/** Start and stop scripts run when the group starts and stops (Windows `script`, Linux `exec`). */
export type ScriptResourceArgs = ScriptResourceInput;
/** Registry synchronization of keys under HKEY_LOCAL_MACHINE (Windows). */
export type RegistrySyncResourceArgs = RegistrySyncResourceInput;

/** A resource the group declares itself (GroupResourceSchema), told apart by `type`. */
export type GroupResourceArgs = ServiceResourceArgs | ApplicationResourceArgs | ScriptResourceArgs | RegistrySyncResourceArgs;

/** A FailoverGroup's arguments: its own (FailoverGroupArgsSchema), its cluster and adopt. */
export type FailoverGroupArgs = ArgsReplacing<typeof FailoverGroupArgsSchema, FailoverGroupArgsDocs, { resources?: GroupResourceArgs[] }> & {
  /** The Cluster of this program the group belongs to. */
  cluster: Cluster;
  /** Take over an existing group of this name that differs from this program (default false). */
  adopt?: boolean;
};

/** What every resource of a group (FloatingIp, MirrorDisk, SharedDisk, …) takes besides its own arguments. */
export interface GroupMemberArgs {
  /** The FailoverGroup of this program the resource belongs to. */
  group: FailoverGroup;
  /** Take over an existing resource of this name that differs (default false). */
  adopt?: boolean;
}

const provider = lazyProvider("failover-group");

/** A failover group: where it may run, how it starts and fails over, and its service/application resources. */
export class FailoverGroup extends pulumi.dynamic.Resource {
  /** @internal */
  readonly cluster: Cluster;
  /** The group's name in the cluster (plain, for its FloatingIps and MirrorDisks). */
  readonly groupName: string;
  /** @internal the startup servers as declared. */
  readonly startupServers?: string[];
  /** @internal the group's own args, carried by its resources (see Cluster.bootstrap). */
  readonly bootstrap: Record<string, unknown>;
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: FailoverGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const { cluster, ...own } = args;
    const owner = `FailoverGroup "${name}"`;
    const extra: ArgIssue[] = [];
    if (!cluster?.target) extra.push({ property: "cluster", reason: "must be a Cluster of this program" });
    else {
      (Array.isArray(args.resources) ? args.resources : []).forEach((r, i) => {
        if (r?.type === "registrySync" && cluster.target.serverOs !== "windows") extra.push({ property: `resources[${i}].type`, reason: "registry synchronization exists on Windows clusters only" });
      });
      if (cluster.target.serverOs === "windows") extra.push(...windowsScriptIssues(args.resources).map((i) => ({ property: formatPath(i.path), reason: i.message })));
      (args.startupServers ?? []).forEach((s, i) => {
        if (!cluster.target.servers.includes(s)) extra.push({ property: `startupServers[${i}]`, reason: `${s} is not a server of cluster ${cluster.target.clusterName} (servers: ${cluster.target.servers.join(", ")})` });
      });
      if (typeof args.name === "string") extra.push(...claim(cluster.taken.groups, args.name, owner, "name", "group name"));
      (Array.isArray(args.resources) ? args.resources : []).forEach((r, i) => {
        if (typeof r?.name === "string") extra.push(...claim(cluster.taken.resources, r.name, owner, `resources[${i}].name`, "resource name"));
      });
      // A group's own resources may depend on each other (self-dependencies and cycles: the schema) and
      // on its FloatingIps and MirrorDisks, which are declared after the group: those names cannot be
      // known here, so a name no object has is refused when the configuration is planned (rule
      // dependency-exists, before anything changes).
    }
    validateArgs(FailoverGroupArgsSchema, own, "FailoverGroup", name, extra);
    super(provider, name, { ...cluster.target, ...own, adopt: args.adopt ?? false, bootstrap: { cluster: cluster.bootstrap }, applyMethod: undefined, restartedGroups: undefined }, opts, "clusterpro", "FailoverGroup");
    joinApply(cluster, this);
    this.cluster = cluster;
    this.groupName = args.name;
    addGroupResources(cluster, args.name, (args.resources ?? []).map((r) => r.name));
    this.startupServers = args.startupServers;
    this.bootstrap = { ...own };
  }
}
