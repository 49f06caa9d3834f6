import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { GroupMemberArgs } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import { MirrorDiskArgsSchema, type MirrorDiskArgsDocs } from "./schemas/cluster";
import type { ArgsOf } from "./schemas/docs";
import { validateArgs, type ArgIssue } from "./validate";

/** A MirrorDisk's arguments: its own (MirrorDiskArgsSchema) and its group. */
export type MirrorDiskArgs = ArgsOf<typeof MirrorDiskArgsSchema, MirrorDiskArgsDocs> & GroupMemberArgs;

const provider = lazyProvider("mirror-disk");

/** A mirror disk resource of a failover group (with its mdw/mdnw monitors). Destroy never touches the data. */
export class MirrorDisk extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: MirrorDiskArgs, opts?: pulumi.CustomResourceOptions) {
    const { group, adopt, ...own } = args;
    const owner = `MirrorDisk "${name}"`;
    const extra: ArgIssue[] = [];
    if (!group?.cluster) extra.push({ property: "group", reason: "must be a FailoverGroup of this program" });
    else {
      const cluster = group.cluster;
      if (typeof args.name === "string") extra.push(...claim(cluster.taken.resources, args.name, owner, "name", "resource name"));
      extra.push(...dependsOnIssues(cluster, group.groupName, args.dependsOn, "dependsOn"));
      (args.mirrorConnects ?? []).forEach((m, i) => {
        if (!cluster.mirrorConnects.includes(m)) extra.push({ property: `mirrorConnects[${i}]`, reason: `${m} is not a mirror connect of cluster ${cluster.target.clusterName} (it has: ${cluster.mirrorConnects.join(", ") || "none"})` });
      });
      const windows = cluster.target.serverOs === "windows";
      if (typeof args.dataPartition === "string" && windows !== /^[A-Za-z](:\\?)?$/.test(args.dataPartition)) {
        extra.push({ property: "dataPartition", reason: windows ? "a Windows cluster's mirror disk is a drive letter such as E:" : "a Linux cluster's mirror disk is a device such as /dev/sdb2" });
      }
    }
    validateArgs(MirrorDiskArgsSchema, own, "MirrorDisk", name, extra);
    super(provider, name, groupResourceInputs(group, own, adopt), opts, "clusterpro", "MirrorDisk");
    joinGroup(group, this, owner, args.name);
    const drive = typeof args.dataPartition === "string" && /^[A-Za-z]:?\\?$/.test(args.dataPartition) ? `${args.dataPartition[0].toUpperCase()}:` : undefined;
    group.cluster.groupStorage.set(group.groupName, [...(group.cluster.groupStorage.get(group.groupName) ?? []), { kind: "mirror-disk", ...(drive ? { drive } : {}), owner }]);
  }
}
