import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { GroupMemberArgs } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import type { ArgsOf, ArgsReplacing } from "./schemas/docs";
import { SharedDiskArgsSchema, type HbaFilterDocs, type HbaFilterSchema, type SharedDiskArgsDocs } from "./schemas/storage";
import { validateArgs, type ArgIssue } from "./validate";

/** An HBA the cluster filters (HbaFilterSchema). */
export type HbaFilterArgs = ArgsOf<typeof HbaFilterSchema, HbaFilterDocs>;

/** A SharedDisk's arguments: its own (SharedDiskArgsSchema) and its group. */
export type SharedDiskArgs = ArgsReplacing<typeof SharedDiskArgsSchema, SharedDiskArgsDocs, { hbaFilters?: HbaFilterArgs[] }> & GroupMemberArgs;

const provider = lazyProvider("shared-disk");

/**
 * A shared disk of a failover group: Windows `sd` (with sdw) or Linux `disk` (with diskw). Nothing is formatted;
 * destroy removes the configuration only and the data stays on the disk.
 */
export class SharedDisk extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  declare readonly restartedGroups: pulumi.Output<string[]>;

  constructor(name: string, args: SharedDiskArgs, opts?: pulumi.CustomResourceOptions) {
    const { group, adopt, ...own } = args;
    const owner = `SharedDisk "${name}"`;
    const extra: ArgIssue[] = [];
    if (!group?.cluster) extra.push({ property: "group", reason: "must be a FailoverGroup of this program" });
    else {
      const cluster = group.cluster;
      if (typeof args.name === "string") extra.push(...claim(cluster.taken.resources, args.name, owner, "name", "resource name"));
      extra.push(...dependsOnIssues(cluster, group.groupName, args.dependsOn, "dependsOn"));
      const windows = cluster.target.serverOs === "windows";
      if (windows && args.device !== undefined) extra.push({ property: "device", reason: "a Windows cluster's shared disk is a drive letter (drive), not a device" });
      if (!windows && args.drive !== undefined) extra.push({ property: "drive", reason: "a Linux cluster's disk is a device (device, mountPoint, fileSystem), not a drive letter" });
      (args.hbaFilters ?? []).forEach((h, i) => {
        if (typeof h?.server === "string" && !cluster.target.servers.includes(h.server)) {
          extra.push({ property: `hbaFilters[${i}].server`, reason: `${h.server} is not a server of cluster ${cluster.target.clusterName} (it has: ${cluster.target.servers.join(", ")})` });
        }
      });
    }
    validateArgs(SharedDiskArgsSchema, own, "SharedDisk", name, extra);
    super(provider, name, groupResourceInputs(group, own, adopt), opts, "clusterpro", "SharedDisk");
    // A switch partition for the group's installs (seed 001: 切替パーティション); on Windows, on this drive.
    const drive = typeof args.drive === "string" ? `${args.drive.slice(0, 1).toUpperCase()}:` : undefined;
    group.cluster.groupStorage.set(group.groupName, [...(group.cluster.groupStorage.get(group.groupName) ?? []), { kind: "shared-disk", ...(drive ? { drive } : {}), owner }]);
    joinGroup(group, this, owner, args.name);
  }
}
