import * as pulumi from "@pulumi/pulumi";
import { addGroupResources, joinApply, claim, type Cluster } from "./cluster";
import { lazyProvider } from "./lazy-provider";
import { formatPath } from "./schemas/issues";
import { FailoverGroupArgsSchema, windowsScriptIssues, type MonitorTuning } from "./schemas/cluster";
import { validateArgs, type ArgIssue } from "./validate";

/** A Windows service started and stopped by the group. */
export interface ServiceResourceArgs {
  type: "service";
  name: string;
  /** The service name (e.g. PrintPort_SPL) or its display name. */
  serviceName: string;
  /** Stall time-out of the start, seconds (the product's default is 1800). */
  startTimeoutSeconds?: number;
  /** Stall time-out of the stop, seconds (the product's default is 1800). */
  stopTimeoutSeconds?: number;
  /** Add a service monitor (servicew): false (default), true, or its tuning. */
  monitor?: boolean | MonitorTuning;
  /** Resources of the group this one starts after (default: the product's type-based order). */
  dependsOn?: string[];
}

/** A program run when the group starts (start path) and stops (stop path). */
export interface ApplicationResourceArgs {
  type: "application";
  name: string;
  /** Resident: the program keeps running while the group is online. Default false. */
  resident?: boolean;
  startPath: string;
  stopPath?: string;
  dependsOn?: string[];
}

/**
 * Start and stop scripts run when the group starts and stops: a `script` resource (start.bat and
 * stop.bat) on Windows, an `exec` resource (start.sh and stop.sh) on Linux. The scripts are pushed
 * with clp.conf under scripts/<group>/<name>/ and installed on every server.
 */
export interface ScriptResourceArgs {
  type: "script";
  name: string;
  /** The start script's content. */
  start: string;
  /** The stop script's content. */
  stop: string;
  startTimeoutSeconds?: number;
  stopTimeoutSeconds?: number;
  dependsOn?: string[];
}

/**
 * Registry synchronization: the keys are copied from the active server to the standby while the
 * group runs. The key list's XML in clp.conf is not verified against a real CLUSTERPRO (no public
 * sample exists); check the Cluster WebUI after the first `up`.
 */
export interface RegistrySyncResourceArgs {
  type: "registrySync";
  name: string;
  /** Keys under HKEY_LOCAL_MACHINE. */
  keys: string[];
  dependsOn?: string[];
}

export type GroupResourceArgs = ServiceResourceArgs | ApplicationResourceArgs | ScriptResourceArgs | RegistrySyncResourceArgs;

export interface FailoverGroupArgs {
  cluster: Cluster;
  name: string;
  comment?: string;
  /** Servers the group may start on, in order. Default: every server, in cluster priority order. */
  startupServers?: string[];
  /** Start the group when the cluster starts. Default true. */
  autoStart?: boolean;
  /** "auto" (default): fail over by itself; "manual": stay until moved with clpgrp -m. */
  failover?: "auto" | "manual";
  /** "manual" (default) or "auto". */
  failback?: "auto" | "manual";
  /** Resources the group declares itself. */
  resources?: GroupResourceArgs[];
  /** Take over an existing group of this name that differs from this program (default false). */
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
