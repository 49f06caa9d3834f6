// Monitors as resources of their own: CustomMonitor (genw), IpMonitor (ipw), NicLinkMonitor (miiw). One class per
// type so each reads as what it watches (docs/resources/monitors.md says why); they share the recovery arguments.
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "./cluster";
import { claim, joinApply } from "./cluster";
import type { FailoverGroup } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import type { ArgsOf } from "./schemas/docs";
import {
  CustomMonitorArgsSchema, IpMonitorArgsSchema, NicLinkMonitorArgsSchema, windowsScriptIssue,
  type CustomMonitorArgsDocs, type IpMonitorArgsDocs, type MonitorCommonDocs, type MonitorCommonSchema, type NicLinkMonitorArgsDocs,
} from "./schemas/monitors";
import { validateArgs, type ArgIssue } from "./validate";
import type { z } from "zod";

/** Where a standalone monitor belongs (what its schema cannot hold), and adopt. */
export interface MonitorPlacementArgs {
  /** The group the monitor recovers (its default recovery target). Give either group or cluster. */
  group?: FailoverGroup;
  /** The cluster, for a monitor that recovers the local server and belongs to no group. */
  cluster?: Cluster;
  /** Take over an existing monitor of this name that differs (default false). */
  adopt?: boolean;
}

/** What every standalone monitor shares: where it belongs, its polling and its recovery (MonitorCommonSchema). */
export type MonitorArgsBase = ArgsOf<typeof MonitorCommonSchema, MonitorCommonDocs> & MonitorPlacementArgs;

/** A CustomMonitor's arguments (CustomMonitorArgsSchema) and where it belongs. */
export type CustomMonitorArgs = ArgsOf<typeof CustomMonitorArgsSchema, CustomMonitorArgsDocs> & MonitorPlacementArgs;

/** An IpMonitor's arguments (IpMonitorArgsSchema) and where it belongs. */
export type IpMonitorArgs = ArgsOf<typeof IpMonitorArgsSchema, IpMonitorArgsDocs> & MonitorPlacementArgs;

/** A NicLinkMonitor's arguments (NicLinkMonitorArgsSchema) and where it belongs. */
export type NicLinkMonitorArgs = ArgsOf<typeof NicLinkMonitorArgsSchema, NicLinkMonitorArgsDocs> & MonitorPlacementArgs;

/** Validates a monitor's arguments (throws InvalidArgsError naming each field) and gives its provider and inputs. */
function construct(type: string, provider: string, schema: z.ZodType, name: string, args: MonitorArgsBase) {
  const { group, cluster: givenCluster, adopt, ...own } = args;
  const cluster = group?.cluster ?? givenCluster;
  const extra: ArgIssue[] = [];
  if (!cluster) extra.push({ property: "group", reason: "give the FailoverGroup the monitor recovers, or the Cluster for a monitor recovering the local server" });
  else {
    if (group && givenCluster && givenCluster !== group.cluster) extra.push({ property: "cluster", reason: "is not the cluster of the monitor's group" });
    if (typeof args.name === "string") extra.push(...claim(cluster.taken.monitors, args.name, `${type} "${name}"`, "name", "monitor name"));
    if (args.recoveryTarget === "group" && !group) extra.push({ property: "recoveryTarget", reason: "is \"group\" but the monitor has no group; give it a group or recover the local server" });
    const script = (args as { script?: unknown }).script;
    const scriptIssue = cluster.target.serverOs === "windows" && typeof script === "string" ? windowsScriptIssue(script) : undefined;
    if (scriptIssue) extra.push({ property: "script", reason: scriptIssue });
  }
  validateArgs(schema, own, type, name, extra);
  const c = cluster as Cluster;
  const inputs = {
    ...c.target, ...(group ? { group: group.groupName } : {}), ...own, adopt: adopt ?? false,
    bootstrap: { cluster: c.bootstrap, ...(group ? { group: group.bootstrap } : {}) }, applyMethod: undefined, restartedGroups: undefined,
  };
  return { provider: lazyProvider(provider), inputs, cluster: c };
}

/** A custom monitor (genw): runs the script on every server; a non-zero exit is an error and recovers its target. */
export class CustomMonitor extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: CustomMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    const c = construct("CustomMonitor", "custom-monitor", CustomMonitorArgsSchema, name, args);
    super(c.provider, name, c.inputs, opts, "clusterpro", "CustomMonitor");
    joinApply(c.cluster, this);
  }
}

/** An IP monitor (ipw): pings its targets; when none answers it recovers its target. */
export class IpMonitor extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: IpMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    const c = construct("IpMonitor", "ip-monitor", IpMonitorArgsSchema, name, args);
    super(c.provider, name, c.inputs, opts, "clusterpro", "IpMonitor");
    joinApply(c.cluster, this);
  }
}

/** A NIC link up/down monitor (miiw): watches one network interface's link; link down recovers its target. */
export class NicLinkMonitor extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: NicLinkMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    const c = construct("NicLinkMonitor", "nic-link-monitor", NicLinkMonitorArgsSchema, name, args);
    super(c.provider, name, c.inputs, opts, "clusterpro", "NicLinkMonitor");
    joinApply(c.cluster, this);
  }
}
