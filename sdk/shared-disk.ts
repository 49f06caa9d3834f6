import * as pulumi from "@pulumi/pulumi";
import { claim, dependsOnIssues, groupResourceInputs, joinGroup } from "./cluster";
import type { FailoverGroup } from "./failover-group";
import { lazyProvider } from "./lazy-provider";
import type { MonitorTuning } from "./schemas/cluster";
import { SharedDiskArgsSchema } from "./schemas/storage";
import { validateArgs, type ArgIssue } from "./validate";

export interface HbaFilterArgs {
  /** The server whose HBA the cluster filters. */
  server: string;
  /** `hba@<id>` on that server (default 0). */
  id?: number;
  /** What `clpdiskctrl get hba <drive>` prints on that server: port, device ID, instance ID. */
  port: number;
  deviceId: string;
  instanceId: string;
}

export interface SharedDiskArgs {
  group: FailoverGroup;
  name: string;
  /** Windows (an `sd` resource): the shared volume's drive letter ("S:"); its GUID on each server is read from the node. */
  drive?: string;
  /** Windows: the HBAs the shared disk hangs off, which the cluster filters (written into clp.conf; never removed). */
  hbaFilters?: HbaFilterArgs[];
  /** Linux (a `disk` resource): the device ("/dev/sdb1", an LVM volume "/dev/vg1/lv1"). */
  device?: string;
  /** Linux: where it is mounted. */
  mountPoint?: string;
  /** Linux: its file system. */
  fileSystem?: "ext2" | "ext3" | "ext4" | "xfs" | "reiserfs" | "jfs" | "vxfs" | "zfs";
  /** Linux: "disk" (default) or "lvm". */
  diskType?: "disk" | "lvm";
  /** Linux: mount options (the product's default rw). */
  mountOptions?: string;
  /** Linux: fsck options (ext2/3/4; the product's default -y). */
  fsckOptions?: string;
  /** Linux: the device the diskw monitor reads (default: device). */
  monitorDevice?: string;
  /** Add the sdw / diskw monitor: true (default), false, or its tuning. */
  monitor?: boolean | MonitorTuning;
  dependsOn?: string[];
  /** Take over an existing resource of this name that differs (default false). */
  adopt?: boolean;
}

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
