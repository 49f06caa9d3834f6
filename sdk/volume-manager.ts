import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { GroupMemberArgs } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import type { ArgsOf } from "./schemas/docs";
import { VolumeManagerArgsSchema, type VolumeManagerArgsDocs } from "./schemas/monitors";
import { validateArgs, type ArgIssue } from "./validate";

/** A VolumeManager's arguments: its own (VolumeManagerArgsSchema) and its group. */
export type VolumeManagerArgs = ArgsOf<typeof VolumeManagerArgsSchema, VolumeManagerArgsDocs> & GroupMemberArgs;

const provider = lazyProvider("volume-manager");

/** A Linux volume manager resource (volmgr) of a failover group, with its volmgrw monitor. Destroy never touches the volumes. */
export class VolumeManager extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: VolumeManagerArgs, opts?: pulumi.CustomResourceOptions) {
    const { group, adopt, ...own } = args;
    const owner = `VolumeManager "${name}"`;
    const extra: ArgIssue[] = [];
    if (!group?.cluster) extra.push({ property: "group", reason: "must be a FailoverGroup of this program" });
    else {
      if (group.cluster.target.serverOs !== "linux") extra.push({ property: "group", reason: "a volume manager resource (volmgr) exists on Linux clusters only" });
      if (typeof args.name === "string") extra.push(...claim(group.cluster.taken.resources, args.name, owner, "name", "resource name"));
      extra.push(...dependsOnIssues(group.cluster, group.groupName, args.dependsOn, "dependsOn"));
    }
    validateArgs(VolumeManagerArgsSchema, own, "VolumeManager", name, extra);
    super(provider, name, groupResourceInputs(group, own, adopt), opts, "clusterpro", "VolumeManager");
    joinGroup(group, this, owner, args.name);
  }
}
