import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { FailoverGroup } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import { FloatingIpArgsSchema, type MonitorTuning } from "./schemas/cluster";
import { validateArgs, type ArgIssue } from "./validate";

export interface FloatingIpArgs {
  group: FailoverGroup;
  name: string;
  /** The floating IPv4 address, active on the node where the group runs. */
  address: string;
  /** Add the fipw monitor: true (default), false, or its tuning (interval, timeout, retries, recovery target, final action). */
  monitor?: boolean | MonitorTuning;
  dependsOn?: string[];
  /** Take over an existing resource of this name that differs (default false). */
  adopt?: boolean;
}

const provider = lazyProvider("floating-ip");

/** A floating IP resource of a failover group (with its fipw monitor). */
export class FloatingIp extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: FloatingIpArgs, opts?: pulumi.CustomResourceOptions) {
    const { group, adopt, ...own } = args;
    const owner = `FloatingIp "${name}"`;
    const extra: ArgIssue[] = [];
    if (!group?.cluster) extra.push({ property: "group", reason: "must be a FailoverGroup of this program" });
    else {
      if (typeof args.name === "string") extra.push(...claim(group.cluster.taken.resources, args.name, owner, "name", "resource name"));
      if (typeof args.address === "string") extra.push(...claim(group.cluster.taken.addresses, args.address, owner, "address", "address"));
      extra.push(...dependsOnIssues(group.cluster, group.groupName, args.dependsOn, "dependsOn"));
    }
    validateArgs(FloatingIpArgsSchema, own, "FloatingIp", name, extra);
    super(provider, name, groupResourceInputs(group, own, adopt), opts, "clusterpro", "FloatingIp");
    joinGroup(group, this, owner, args.name);
  }
}
