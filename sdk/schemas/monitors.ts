// The monitors a program declares as resources of their own (custom genw, IP ipw, NIC link miiw) and the Linux
// volume manager resource (volmgr with its volmgrw): each object checked on its own, issues naming the field.
import { z } from "zod";
import { describeCharacter, firstNonCp932Character, ipv4, objectName, safeText } from "./common";
import { monitorSetting } from "./cluster";

/** Final actions after the recoveries are used up (codes common to Windows and Linux: monitor-tuning.ts). */
export const MONITOR_FINAL_ACTIONS = ["none", "stopGroup", "stopClusterService", "shutdownOs", "rebootOs"] as const;

const seconds = z.number().int("must be a whole number").min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds");

/** What every standalone monitor shares: its name, polling and recovery. */
const monitorCommon = {
  name: objectName,
  /** `polling/interval`: seconds between checks (absent: the product's default). */
  intervalSeconds: seconds.optional(),
  /** `polling/timeout`: seconds a check may take. */
  timeoutSeconds: seconds.optional(),
  /** `polling/reconfirmation`: failed checks in a row before the monitor reports an error. */
  retries: z.number().int("must be a whole number").min(0, "must be 0-999").max(999, "must be 0-999").optional(),
  /** What is recovered: the monitor's group (default when it has one) or the local server. */
  recoveryTarget: z.enum(["group", "localServer"], { error: 'must be "group" or "localServer"' }).optional(),
  /** `emergency/threshold/restart`: restarts of the recovery target before it fails over (default 0, as real files have it). */
  restartLimit: z.number().int("must be a whole number").min(0, "must be 0-99").max(99, "must be 0-99").default(0),
  /** `emergency/threshold/fo` (Linux) / `fo2` (Windows): failovers before the final action (absent: the product's default). */
  failoverLimit: z.number().int("must be a whole number").min(0, "must be 0-99").max(99, "must be 0-99").optional(),
  /** `emergency/action`: what is done when restarts and failovers are used up (absent: the product's default). */
  finalAction: z.enum(MONITOR_FINAL_ACTIONS, { error: `must be one of ${MONITOR_FINAL_ACTIONS.join(", ")}` }).optional(),
};

export const CustomMonitorArgsSchema = z.strictObject({
  ...monitorCommon,
  /** The content of genw.sh (Linux) or genw.bat (Windows): exit 0 means healthy. */
  script: safeText({ multiline: true, min: 1 }).max(1 << 20, "must be at most 1 MiB"),
});

/** Why a Windows genw.bat cannot carry this script (it is written in CP932, like script resources), or undefined. */
export function windowsScriptIssue(script: string): string | undefined {
  const bad = firstNonCp932Character(script);
  return bad ? `a Windows genw.bat is written in CP932 (Shift_JIS), which cannot encode ${describeCharacter(bad.ch)} at character ${bad.index + 1}; use characters CP932 has (Japanese and ASCII are fine)` : undefined;
}

export const IpMonitorArgsSchema = z.strictObject({
  ...monitorCommon,
  /** Addresses pinged in order; the monitor reports an error when none of them answers. */
  targets: z.array(ipv4).min(1, "needs at least one address").max(16, "at most 16 addresses").refine((t) => new Set(t).size === t.length, "lists an address twice"),
});

export const NicLinkMonitorArgsSchema = z.strictObject({
  ...monitorCommon,
  /** The network interface watched, as the OS names it ("eth0"; on Windows the connection name). */
  nic: safeText({ min: 1, max: 256 }),
});

/** Linux volume manager types the product's volmgr resource names (`parameters/type`; lvm in the 502a973 sample). */
export const VOLUME_MANAGERS = ["lvm", "vxvm", "zfspool"] as const;

export const VolumeManagerArgsSchema = z.strictObject({
  name: objectName,
  /** "lvm" (LVM volume group), "vxvm" (VxVM disk group) or "zfspool" (ZFS storage pool). */
  volumeManager: z.enum(VOLUME_MANAGERS, { error: `must be one of ${VOLUME_MANAGERS.join(", ")}` }),
  /** The volume group / disk group / pool the resource imports and exports (`parameters/devname`). */
  target: z.string().min(1, "must not be empty").max(127, "must be at most 127 characters")
    .regex(/^[A-Za-z0-9_.+-]+$/, "must be a volume group name (letters, digits, '_', '.', '+', '-')"),
  /** Add the volmgrw monitor (default true; an object: with this tuning). */
  monitor: monitorSetting(true),
  dependsOn: z.array(objectName).optional(),
});
