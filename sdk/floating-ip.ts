import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { GroupMemberArgs } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import { FloatingIpArgsSchema, type FloatingIpArgsDocs } from "./schemas/cluster";
import type { ArgsOf } from "./schemas/docs";
import { validateArgs, type ArgIssue } from "./validate";

/** A FloatingIp's arguments: its own (FloatingIpArgsSchema) and its group. */
export type FloatingIpArgs = ArgsOf<typeof FloatingIpArgsSchema, FloatingIpArgsDocs> & GroupMemberArgs;

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
