// SharedDisk and VirtualComputerName, as users declare them. Each field error names the field and the reason;
// rules that need the cluster (its OS, its servers, the group's floating IPs) are checked by the sdk classes.
import { z } from "zod";
import { driveLetter, MAX_PATH_CHARS, objectName, safeText, serverName } from "./common";
import { monitorSetting, type GroupMemberDocs } from "./cluster";
import type { DocumentedShape } from "./docs";

const devicePath = z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, "must be a device path such as /dev/sdb1");
const options = (what: string) =>
  safeText({ max: 1023 }).regex(/^[^\s"'`$;|&<>]+( [^\s"'`$;|&<>]+)*$/, `must be ${what} separated by single spaces, without quotes or shell characters`);

/** An HBA the cluster filters on one server: what `clpdiskctrl get hba <drive>` prints there. */
export interface HbaFilterDocs {
  /** The server whose HBA the cluster filters. */
  server?: unknown;
  /** `hba@<id>`: the filter's number on that server (default 0). */
  id?: unknown;
  /** `portnumber`: the first value `clpdiskctrl get hba <drive>` prints. */
  port?: unknown;
  /** `deviceid`: its second value (PCI\VEN_…, VMBUS\{…}). */
  deviceId?: unknown;
  /** `instanceid`: its third value. */
  instanceId?: unknown;
}

export const HbaFilterSchema = z.strictObject({
  server: serverName,
  id: z.number().int().min(0, "must be 0 or more").max(99, "must be at most 99").default(0),
  port: z.number().int().min(0, "must be 0 or more").max(65535, "must be at most 65535"),
  deviceId: safeText({ min: 1, max: 255 }),
  instanceId: safeText({ min: 1, max: 255 }),
} satisfies DocumentedShape<HbaFilterDocs>);

/** A shared disk resource's own arguments: Windows (drive, hbaFilters) or Linux (device, mountPoint, fileSystem, …). */
export interface SharedDiskArgsDocs extends GroupMemberDocs {
  /** Windows (an `sd` resource): the shared volume's drive letter ("S:"); its GUID on each server is read from the node. */
  drive?: unknown;
  /** Windows: the HBAs the shared disk hangs off, which the cluster filters (written into clp.conf; never removed). */
  hbaFilters?: unknown;
  /** Linux (a `disk` resource): the device ("/dev/sdb1", an LVM volume "/dev/vg1/lv1"). */
  device?: unknown;
  /** Linux: where it is mounted. */
  mountPoint?: unknown;
  /** Linux: its file system. */
  fileSystem?: unknown;
  /** Linux: "disk" (a partition, the default) or "lvm" (a logical volume). */
  diskType?: unknown;
  /** Linux: mount options (`parameters/mount/option`; the product's default rw). */
  mountOptions?: unknown;
  /** Linux: fsck options (ext2/3/4; `parameters/fsck/option`; the product's default -y). */
  fsckOptions?: unknown;
  /** Linux: the device the diskw monitor reads (default: device). */
  monitorDevice?: unknown;
  /** Add the sdw (Windows) or diskw (Linux) monitor: true (default), false, or its tuning. */
  monitor?: unknown;
}

export const SharedDiskArgsSchema = z
  .strictObject({
    name: objectName,
    drive: driveLetter.optional(),
    hbaFilters: z.array(HbaFilterSchema).optional(),
    device: devicePath.optional(),
    mountPoint: safeText({ max: MAX_PATH_CHARS }).regex(/^\/[^\s]*$/, "must be an absolute path without spaces").optional(),
    fileSystem: z.enum(["ext2", "ext3", "ext4", "xfs", "reiserfs", "jfs", "vxfs", "zfs"]).optional(),
    diskType: z.enum(["disk", "lvm"]).optional(),
    mountOptions: options("mount options").optional(),
    fsckOptions: options("fsck options").optional(),
    monitorDevice: devicePath.optional(),
    monitor: monitorSetting(true),
    dependsOn: z.array(objectName).optional(),
  } satisfies DocumentedShape<SharedDiskArgsDocs>)
  .superRefine((d, ctx) => {
    const linuxOnly = (["device", "mountPoint", "fileSystem", "diskType", "mountOptions", "fsckOptions", "monitorDevice"] as const).filter((k) => d[k] !== undefined);
    if (d.drive !== undefined) {
      for (const k of linuxOnly) ctx.addIssue({ code: "custom", path: [k], message: "is for a Linux disk (device); a Windows shared disk has drive" });
      const seen = new Set<string>();
      (d.hbaFilters ?? []).forEach((h, i) => {
        const key = `${h.server} ${h.id}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["hbaFilters", i, "id"], message: `server ${h.server} has HBA filter ${h.id} twice` });
        seen.add(key);
      });
      return;
    }
    if (d.device === undefined) {
      ctx.addIssue({ code: "custom", path: ["drive"], message: "is required: a Windows shared disk has drive (\"S:\"), a Linux one device (\"/dev/sdb1\")" });
      return;
    }
    if (d.hbaFilters !== undefined) ctx.addIssue({ code: "custom", path: ["hbaFilters"], message: "is for a Windows shared disk (drive) only" });
    if (d.mountPoint === undefined) ctx.addIssue({ code: "custom", path: ["mountPoint"], message: "is required for a Linux disk" });
    if (d.fileSystem === undefined) ctx.addIssue({ code: "custom", path: ["fileSystem"], message: "is required for a Linux disk" });
    if (d.fsckOptions !== undefined && d.fileSystem !== undefined && !["ext2", "ext3", "ext4"].includes(d.fileSystem)) {
      ctx.addIssue({ code: "custom", path: ["fsckOptions"], message: `is used with ext2/ext3/ext4 only (fileSystem is ${d.fileSystem})` });
    }
  });
export type SharedDiskArgsInput = z.input<typeof SharedDiskArgsSchema>;

/** A NetBIOS computer name: 1-15 letters, digits and '-', not only digits. */
export const computerName = z
  .string()
  .min(1, "must not be empty")
  .max(15, "must be at most 15 characters (a NetBIOS name)")
  .regex(/^[A-Za-z0-9-]+$/, "may contain only letters, digits and '-' (a NetBIOS name)")
  .refine((s) => !/^[0-9]+$/.test(s), "must not be only digits")
  .refine((s) => !s.startsWith("-") && !s.endsWith("-"), "must not start or end with '-'");

/** A virtual computer name resource's own arguments. */
export interface VirtualComputerNameArgsDocs extends GroupMemberDocs {
  /** The NetBIOS name clients use ("VCOM01"). */
  computerName?: unknown;
  /** The name of the FloatingIp resource of the same group the name is bound to. */
  floatingIp?: unknown;
  /** Add the vcomw monitor: true (default), false, or its tuning. */
  monitor?: unknown;
}

export const VirtualComputerNameArgsSchema = z.strictObject({
  name: objectName,
  computerName,
  floatingIp: objectName,
  monitor: monitorSetting(true),
  dependsOn: z.array(objectName).optional(),
} satisfies DocumentedShape<VirtualComputerNameArgsDocs>);
