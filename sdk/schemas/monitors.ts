// The monitors a program declares as resources of their own (custom genw, IP ipw, NIC link miiw) and the Linux
// volume manager resource (volmgr with its volmgrw): each object checked on its own, issues naming the field.
import { z } from "zod";
import { describeCharacter, firstNonCp932Character, ipv4, objectName, safeText } from "./common";
import { monitorSetting, type GroupMemberDocs } from "./cluster";
import type { DocumentedShape } from "./docs";

/** Final actions after the recoveries are used up (codes common to Windows and Linux: monitor-tuning.ts). */
export const MONITOR_FINAL_ACTIONS = ["none", "stopGroup", "stopClusterService", "shutdownOs", "rebootOs"] as const;

const seconds = z.number().int("must be a whole number").min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds");

/** What every standalone monitor shares: its name, polling and recovery. */
export interface MonitorCommonDocs {
  /** The monitor's name in clp.conf (genw1, ipw-gateway, …). */
  name?: unknown;
  /** `polling/interval`: seconds between checks (absent: the product's default). */
  intervalSeconds?: unknown;
  /** `polling/timeout`: seconds a check may take. */
  timeoutSeconds?: unknown;
  /** `polling/reconfirmation`: failed checks in a row before the monitor reports an error. */
  retries?: unknown;
  /** What is recovered: "group" (default with a group) or "localServer" (default without). */
  recoveryTarget?: unknown;
  /** `emergency/threshold/restart`: restarts of the recovery target before it fails over (default 0, as real configurations have it). */
  restartLimit?: unknown;
  /** `emergency/threshold/fo` (Linux) / `fo2` (Windows): failovers before the final action (absent: the product's default). */
  failoverLimit?: unknown;
  /** `emergency/action`: what is done when restarts and failovers are used up (absent: the product's default). */
  finalAction?: unknown;
}

const monitorCommon = {
  name: objectName,
  intervalSeconds: seconds.optional(),
  timeoutSeconds: seconds.optional(),
  retries: z.number().int("must be a whole number").min(0, "must be 0-999").max(999, "must be 0-999").optional(),
  recoveryTarget: z.enum(["group", "localServer"], { error: 'must be "group" or "localServer"' }).optional(),
  restartLimit: z.number().int("must be a whole number").min(0, "must be 0-99").max(99, "must be 0-99").default(0),
  failoverLimit: z.number().int("must be a whole number").min(0, "must be 0-99").max(99, "must be 0-99").optional(),
  finalAction: z.enum(MONITOR_FINAL_ACTIONS, { error: `must be one of ${MONITOR_FINAL_ACTIONS.join(", ")}` }).optional(),
} satisfies DocumentedShape<MonitorCommonDocs>;

/** The fields every standalone monitor's schema has (MonitorArgsBase is derived from it). */
export const MonitorCommonSchema = z.strictObject(monitorCommon);

export interface CustomMonitorArgsDocs extends MonitorCommonDocs {
  /** genw.sh (Linux) or genw.bat (Windows): exit 0 when healthy, anything else is an error. */
  script?: unknown;
}

export const CustomMonitorArgsSchema = z.strictObject({
  ...monitorCommon,
  script: safeText({ multiline: true, min: 1 }).max(1 << 20, "must be at most 1 MiB"),
} satisfies DocumentedShape<CustomMonitorArgsDocs>);

/** Why a Windows genw.bat cannot carry this script (it is written in CP932, like script resources), or undefined. */
export function windowsScriptIssue(script: string): string | undefined {
  const bad = firstNonCp932Character(script);
  return bad ? `a Windows genw.bat is written in CP932 (Shift_JIS), which cannot encode ${describeCharacter(bad.ch)} at character ${bad.index + 1}; use characters CP932 has (Japanese and ASCII are fine)` : undefined;
}

export interface IpMonitorArgsDocs extends MonitorCommonDocs {
  /** Addresses pinged in order; the monitor reports an error when none of them answers. */
  targets?: unknown;
}

export const IpMonitorArgsSchema = z.strictObject({
  ...monitorCommon,
  targets: z.array(ipv4).min(1, "needs at least one address").max(16, "at most 16 addresses").refine((t) => new Set(t).size === t.length, "lists an address twice"),
} satisfies DocumentedShape<IpMonitorArgsDocs>);

export interface NicLinkMonitorArgsDocs extends MonitorCommonDocs {
  /** The network interface watched, as the OS names it ("eth0"; on Windows the connection name). */
  nic?: unknown;
}

export const NicLinkMonitorArgsSchema = z.strictObject({
  ...monitorCommon,
  nic: safeText({ min: 1, max: 256 }),
} satisfies DocumentedShape<NicLinkMonitorArgsDocs>);

/** Linux volume manager types the product's volmgr resource names (`parameters/type`; lvm in the 502a973 sample). */
export const VOLUME_MANAGERS = ["lvm", "vxvm", "zfspool"] as const;

/** A volume manager resource's own arguments. */
export interface VolumeManagerArgsDocs extends GroupMemberDocs {
  /** "lvm" (LVM volume group), "vxvm" (VxVM disk group) or "zfspool" (ZFS storage pool). */
  volumeManager?: unknown;
  /** The volume group, disk group or pool the group imports where it runs ("ecxsd"; `parameters/devname`). */
  target?: unknown;
  /** Add the volmgrw monitor: true (default), false, or its tuning. */
  monitor?: unknown;
}

export const VolumeManagerArgsSchema = z.strictObject({
  name: objectName,
  volumeManager: z.enum(VOLUME_MANAGERS, { error: `must be one of ${VOLUME_MANAGERS.join(", ")}` }),
  target: z.string().min(1, "must not be empty").max(127, "must be at most 127 characters")
    .regex(/^[A-Za-z0-9_.+-]+$/, "must be a volume group name (letters, digits, '_', '.', '+', '-')"),
  monitor: monitorSetting(true),
  dependsOn: z.array(objectName).optional(),
} satisfies DocumentedShape<VolumeManagerArgsDocs>);
