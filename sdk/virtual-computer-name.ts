import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { GroupMemberArgs } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import type { ArgsOf } from "./schemas/docs";
import { VirtualComputerNameArgsSchema, type VirtualComputerNameArgsDocs } from "./schemas/storage";
import { validateArgs, type ArgIssue } from "./validate";

/** A VirtualComputerName's arguments: its own (VirtualComputerNameArgsSchema) and its group. */
export type VirtualComputerNameArgs = ArgsOf<typeof VirtualComputerNameArgsSchema, VirtualComputerNameArgsDocs> & GroupMemberArgs;

const provider = lazyProvider("virtual-computer-name");

/** Computer names taken per cluster of this program (a name answers from one group only). */
const computerNames = new WeakMap<object, Map<string, string>>();

/** A virtual computer name (Windows `vcom`, with its vcomw monitor), bound to a floating IP of its group. */
export class VirtualComputerName extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: VirtualComputerNameArgs, opts?: pulumi.CustomResourceOptions) {
    const { group, adopt, ...own } = args;
    const owner = `VirtualComputerName "${name}"`;
    const extra: ArgIssue[] = [];
    if (!group?.cluster) extra.push({ property: "group", reason: "must be a FailoverGroup of this program" });
    else {
      const cluster = group.cluster;
      if (cluster.target.serverOs !== "windows") extra.push({ property: "group", reason: "a virtual computer name is a Windows resource; this cluster's servers run Linux" });
      if (typeof args.name === "string") extra.push(...claim(cluster.taken.resources, args.name, owner, "name", "resource name"));
      if (typeof args.computerName === "string") {
        const taken = computerNames.get(cluster) ?? new Map<string, string>();
        computerNames.set(cluster, taken);
        extra.push(...claim(taken, args.computerName, owner, "computerName", "computer name"));
      }
      extra.push(...dependsOnIssues(cluster, group.groupName, args.dependsOn, "dependsOn"));
      if (typeof args.floatingIp === "string") {
        const holder = cluster.taken.resources.get(args.floatingIp.toLowerCase());
        const inGroup = (cluster.groupResources.get(group.groupName.toLowerCase()) ?? []).some((r) => r.toLowerCase() === args.floatingIp.toLowerCase());
        if (!holder?.startsWith("FloatingIp ") || !inGroup) {
          extra.push({ property: "floatingIp", reason: `${args.floatingIp} is not a FloatingIp declared before this object in group ${group.groupName}${holder ? ` (it is ${holder})` : ""}` });
        }
      }
    }
    validateArgs(VirtualComputerNameArgsSchema, own, "VirtualComputerName", name, extra);
    super(provider, name, groupResourceInputs(group, own, adopt), opts, "clusterpro", "VirtualComputerName");
    group.cluster.groupComputerNames.set(group.groupName, [...(group.cluster.groupComputerNames.get(group.groupName) ?? []), args.computerName]);
    joinGroup(group, this, owner, args.name);
  }
}
