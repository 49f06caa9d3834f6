// SharedDisk and VirtualComputerName, as users declare them. Each field error names the field and the reason;
// rules that need the cluster (its OS, its servers, the group's floating IPs) are checked by the sdk classes.
import { z } from "zod";
import { driveLetter, MAX_PATH_CHARS, objectName, safeText, serverName } from "./common";
import { monitorSetting } from "./cluster";

const devicePath = z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, "must be a device path such as /dev/sdb1");
const options = (what: string) =>
  safeText({ max: 1023 }).regex(/^[^\s"'`$;|&<>]+( [^\s"'`$;|&<>]+)*$/, `must be ${what} separated by single spaces, without quotes or shell characters`);

export const HbaFilterSchema = z.strictObject({
  /** The server whose HBA is filtered. */
  server: serverName,
  /** `hba@<id>`: the filter's number on that server (default 0). */
  id: z.number().int().min(0, "must be 0 or more").max(99, "must be at most 99").default(0),
  /** `portnumber`: the first value `clpdiskctrl get hba <drive>` prints. */
  port: z.number().int().min(0, "must be 0 or more").max(65535, "must be at most 65535"),
  /** `deviceid`: its second value (PCI\VEN_…, VMBUS\{…}). */
  deviceId: safeText({ min: 1, max: 255 }),
  /** `instanceid`: its third value. */
  instanceId: safeText({ min: 1, max: 255 }),
});

export const SharedDiskArgsSchema = z
  .strictObject({
    name: objectName,
    /** Windows: the shared volume's drive letter ("S:"). */
    drive: driveLetter.optional(),
    /** Windows: the HBAs the shared disk is connected through, filtered by the cluster (clpdiskctrl get hba). */
    hbaFilters: z.array(HbaFilterSchema).optional(),
    /** Linux: the device mounted ("/dev/sdb1", an LVM volume "/dev/vg1/lv1"). */
    device: devicePath.optional(),
    /** Linux: where it is mounted. */
    mountPoint: safeText({ max: MAX_PATH_CHARS }).regex(/^\/[^\s]*$/, "must be an absolute path without spaces").optional(),
    /** Linux: its file system. */
    fileSystem: z.enum(["ext2", "ext3", "ext4", "xfs", "reiserfs", "jfs", "vxfs", "zfs"]).optional(),
    /** Linux: `disk` (a partition) or `lvm` (a logical volume); default disk. */
    diskType: z.enum(["disk", "lvm"]).optional(),
    /** Linux: mount options (parameters/mount/option; the product's default: rw). */
    mountOptions: options("mount options").optional(),
    /** Linux: fsck options (parameters/fsck/option; the product's default: -y). */
    fsckOptions: options("fsck options").optional(),
    /** Linux: the device the diskw monitor reads (default: device). */
    monitorDevice: devicePath.optional(),
    /** Add the sdw (Windows) or diskw (Linux) monitor (default true; an object: with this tuning). */
    monitor: monitorSetting(true),
    dependsOn: z.array(objectName).optional(),
  })
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

export const VirtualComputerNameArgsSchema = z.strictObject({
  name: objectName,
  /** The name clients use ("VCOM01"). */
  computerName,
  /** The floating IP resource (its `name`) the name is bound to, in the same group. */
  floatingIp: objectName,
  /** Add the vcomw monitor (default true; an object: with this tuning). */
  monitor: monitorSetting(true),
  dependsOn: z.array(objectName).optional(),
});
