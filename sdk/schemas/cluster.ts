// The cluster, its failover groups and the group resources, as users declare them. These schemas
// check each object on its own (types, names, addresses, cross-field rules); rules that span
// objects (a startup server that is not in the cluster, one floating IP used twice) are checked
// when the cluster's configuration is planned, with the same field paths.
import { z } from "zod";
import { describeCharacter, driveLetter, firstNonCp932Character, ipv4, MAX_PATH_CHARS, maxDisruption, objectName, registryKeyReason, safeText, serverName } from "./common";
import type { DocumentedShape } from "./docs";

function unique<T>(items: readonly T[], key: (t: T) => string): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item).toLowerCase();
    if (seen.has(k)) return key(item);
    seen.add(k);
  }
  return undefined;
}

/** A LAN between the cluster's servers: a heartbeat, a mirror connect, or both. */
export interface InterconnectDocs {
  /** Heartbeat priority, 1 = first. Required for kernel and user heartbeats; none for a mirror-only LAN. */
  priority?: unknown;
  /** "kernel": kernel-mode LAN heartbeat (lankhb); "user": user-mode LAN heartbeat (lanhb); "mirror": mirror connect only. */
  kind?: unknown;
  /** The mirror connect this LAN also carries ("mdc1", "mdc2", …). */
  mdc?: unknown;
  /** Each server's address on this LAN, by server name. */
  addresses?: unknown;
}

export const InterconnectSchema = z.strictObject({
  priority: z.number().int().min(1, "must be 1 or more").optional(),
  kind: z.enum(["kernel", "user", "mirror"]),
  mdc: z.string().regex(/^mdc[1-9][0-9]?$/, "must be mdc1, mdc2, …").optional(),
  addresses: z.record(serverName, ipv4),
} satisfies DocumentedShape<InterconnectDocs>);

/** Character sets CLUSTERPRO writes in `all/charset` and `all/encode`. */
export const CHARSET = z.enum(["ASCII", "SJIS", "EUC-JP", "GB2312"]);

/** Network partition resolution by ping (a pingnp resource: devices 10200, 10201, … on every server). */
export interface NetworkPartitionDocs {
  /** "ping": the server that can ping a target survives a network partition. */
  kind?: unknown;
  /** Addresses pinged (a gateway or another always-on host), in order. */
  targets?: unknown;
  /** Seconds between pings (written as `parameters/interval`: an element path no public file shows). */
  intervalSeconds?: unknown;
  /** Seconds a ping may take (`parameters/timeout`, unverified path). */
  timeoutSeconds?: unknown;
  /** Failed pings in a row before the target counts as down (`parameters/retry`, unverified path). */
  retries?: unknown;
  /** The servers that use this resolution (their ping device says 1, the others 0); absent: every server. */
  servers?: unknown;
}

export const NetworkPartitionSchema = z.strictObject({
  kind: z.literal("ping"),
  targets: z.array(ipv4).min(1, "needs at least one address").max(16, "at most 16 addresses")
    .refine((t) => new Set(t).size === t.length, "lists an address twice"),
  intervalSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  timeoutSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  retries: z.number().int().min(0, "must be 0-99").max(99, "must be 0-99").optional(),
  servers: z.array(serverName).min(1, "needs at least one server").optional(),
} satisfies DocumentedShape<NetworkPartitionDocs>);

/**
 * `cluster/networkpartition/npaction`: what a server does when network partition resolution decides it must leave,
 * by OS (CreateClusterOnLinux@4b92a2f doc/jp/ClusterParameters_Linux_jp.md and _Windows_jp.md, "NP解決").
 */
export const NP_ACTION_CODES = {
  linux: {
    none: 0, stopClusterService: 1, shutdownOs: 2, rebootOs: 3, sysrqPanic: 4, keepaliveReset: 5, keepalivePanic: 6,
    bmcReset: 7, bmcPowerOff: 8, bmcPowerCycle: 9, bmcNmi: 10, ioFencing: 11,
  },
  windows: { stopClusterService: 1, emergencyShutdown: 2, shutdownOs: 3, rebootOs: 4, stopError: 5, hwReset: 6 },
} as const;
export type NetworkPartitionActionName = keyof typeof NP_ACTION_CODES.linux | keyof typeof NP_ACTION_CODES.windows;
const NP_ACTIONS = [...new Set([...Object.keys(NP_ACTION_CODES.linux), ...Object.keys(NP_ACTION_CODES.windows)])] as [NetworkPartitionActionName, ...NetworkPartitionActionName[]];

/** Why an npaction name is not offered on this OS, or undefined. */
export function networkPartitionActionIssue(action: string | undefined, os: "windows" | "linux"): string | undefined {
  if (action === undefined || action in NP_ACTION_CODES[os]) return undefined;
  return `"${action}" is not a network partition action of a ${os === "windows" ? "Windows" : "Linux"} cluster (it has: ${Object.keys(NP_ACTION_CODES[os]).join(", ")})`;
}

/** The cluster's own arguments. */
export interface ClusterArgsDocs {
  /** The cluster's name. */
  name?: unknown;
  /** The cluster's comment (one line, at most 127 characters). */
  comment?: unknown;
  /** WebUI language and the configuration's encoding: "ja" (default), "en", "zh". */
  language?: unknown;
  /** `all/charset` when it is not the language's ("ASCII", "SJIS", "EUC-JP", "GB2312"; real English Windows exports write ASCII). */
  charset?: unknown;
  /** `all/encode` when it is not the language's (real English Windows exports write SJIS). */
  encode?: unknown;
  /**
   * Network partition resolution by ping (pingnp1, pingnp2, …): the targets, and optionally the ping interval,
   * time-out and retries and the servers that use it (absent: every server). Absent: the configuration's own are kept.
   */
  networkPartitions?: unknown;
  /**
   * What a server does when network partition resolution says it must go (`npaction`). Linux: "none",
   * "stopClusterService", "shutdownOs" (the product's default), "rebootOs", "sysrqPanic", "keepaliveReset",
   * "keepalivePanic", "bmcReset", "bmcPowerOff", "bmcPowerCycle", "bmcNmi", "ioFencing"; Windows: "stopClusterService",
   * "emergencyShutdown" (default), "shutdownOs", "rebootOs", "stopError", "hwReset". Absent: the configuration's own is kept.
   */
  networkPartitionAction?: unknown;
  /**
   * The user-mode monitor (userw) as the WebUI makes it: `method` "keepalive" (X4+ default), "softdog"
   * or "ipmi"; `action` "RESET" (default) or "PANIC". Absent: whatever the configuration has is kept.
   */
  userModeMonitor?: unknown;
  /** Floating IP of the management group (Cluster WebUI). */
  managementIp?: unknown;
  /** The servers in priority order; the first is the master. */
  servers?: unknown;
  /** The LANs between the servers: heartbeats (kernel, user) and mirror connects. */
  interconnects?: unknown;
  /**
   * The most disruptive apply method this stack may use: "upload" | "suspend" | "group" (default) |
   * "cluster". A change that needs more is refused at preview and up. "reboot" is not offered: the
   * provider never reboots servers, so a reboot-class change is always refused, with the steps to do by hand.
   */
  maxDisruption?: unknown;
  /** Take over an existing configuration that differs from this program (default false). */
  adopt?: unknown;
}

export const ClusterArgsSchema = z
  .strictObject({
    name: objectName,
    comment: safeText({ max: 127 }).optional(),
    language: z.enum(["ja", "en", "zh"]).default("ja"),
    charset: CHARSET.optional(),
    encode: CHARSET.optional(),
    networkPartitions: z.array(NetworkPartitionSchema).max(16, "at most 16").optional(),
    networkPartitionAction: z.enum(NP_ACTIONS, { error: `must be one of ${NP_ACTIONS.join(", ")}` }).optional(),
    userModeMonitor: z.strictObject({ method: z.enum(["keepalive", "softdog", "ipmi"]).optional(), action: z.enum(["RESET", "PANIC"]).optional() }).optional(),
    managementIp: ipv4.optional(),
    servers: z.array(serverName).min(1, "needs at least one server").max(32, "at most 32 servers"),
    interconnects: z.array(InterconnectSchema).min(1, "needs at least one interconnect"),
    maxDisruption: maxDisruption.default("group"),
    adopt: z.boolean().default(false),
  } satisfies DocumentedShape<ClusterArgsDocs>)
  .superRefine((c, ctx) => {
    const dupServer = unique(c.servers, (s) => s);
    if (dupServer) ctx.addIssue({ code: "custom", path: ["servers"], message: `${dupServer} is listed twice` });
    (c.networkPartitions ?? []).forEach((np, i) => {
      (np.servers ?? []).forEach((s, j) => {
        if (!c.servers.includes(s)) ctx.addIssue({ code: "custom", path: ["networkPartitions", i, "servers", j], message: `${s} is not a server of this cluster` });
      });
      if (np.servers && new Set(np.servers).size !== np.servers.length) ctx.addIssue({ code: "custom", path: ["networkPartitions", i, "servers"], message: "lists a server twice" });
    });
    const mdcs = new Set<string>();
    const priorities = new Set<number>();
    c.interconnects.forEach((ic, i) => {
      const keys = Object.keys(ic.addresses);
      for (const s of c.servers) if (!keys.includes(s)) ctx.addIssue({ code: "custom", path: ["interconnects", i, "addresses"], message: `has no address for server ${s}` });
      for (const k of keys) if (!c.servers.includes(k)) ctx.addIssue({ code: "custom", path: ["interconnects", i, "addresses", k], message: `${k} is not a server of this cluster` });
      if (ic.kind === "mirror" && !ic.mdc) ctx.addIssue({ code: "custom", path: ["interconnects", i, "mdc"], message: "a mirror interconnect needs its mirror connect name (mdc1, mdc2, …)" });
      if (ic.kind === "mirror" && ic.priority !== undefined) ctx.addIssue({ code: "custom", path: ["interconnects", i, "priority"], message: "a mirror-only interconnect carries no heartbeat, so it has no priority" });
      if (ic.kind !== "mirror" && ic.priority === undefined) ctx.addIssue({ code: "custom", path: ["interconnects", i, "priority"], message: "a heartbeat interconnect needs a priority" });
      if (ic.priority !== undefined) {
        if (priorities.has(ic.priority)) ctx.addIssue({ code: "custom", path: ["interconnects", i, "priority"], message: `priority ${ic.priority} is used twice` });
        priorities.add(ic.priority);
      }
      if (ic.mdc) {
        if (mdcs.has(ic.mdc)) ctx.addIssue({ code: "custom", path: ["interconnects", i, "mdc"], message: `${ic.mdc} is used twice` });
        mdcs.add(ic.mdc);
      }
    });
    if (![...priorities].length) ctx.addIssue({ code: "custom", path: ["interconnects"], message: "needs at least one heartbeat (kind kernel or user)" });
  });
export type ClusterArgsInput = z.input<typeof ClusterArgsSchema>;
export type ClusterArgsResolved = z.output<typeof ClusterArgsSchema>;

const dependsOn = z.array(objectName).optional();

/**
 * A monitor's tuning, as the Cluster WebUI offers it; a field left out keeps the product's default
 * (or, for a monitor that exists, what it has). Final-action codes: MonitorParameters_*_jp.md.
 */
export interface MonitorTuningDocs {
  /** `polling/interval`: seconds between checks. */
  intervalSeconds?: unknown;
  /** `polling/timeout`: seconds a check may take. */
  timeoutSeconds?: unknown;
  /** `polling/reconfirmation`: failed checks in a row before the monitor reports an error. */
  retries?: unknown;
  /** What is recovered: the watched resource, its group, or the local server (cls LocalServer). */
  recoveryTarget?: unknown;
  /** `emergency/action` after the recoveries are used up. */
  finalAction?: unknown;
}
export const MonitorTuningSchema = z.strictObject({
  intervalSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  timeoutSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  retries: z.number().int().min(0, "must be 0-999").max(999, "must be 0-999").optional(),
  recoveryTarget: z.enum(["resource", "group", "localServer"]).optional(),
  finalAction: z.enum(["none", "stopGroup", "stopClusterService", "shutdownOs", "rebootOs"]).optional(),
} satisfies DocumentedShape<MonitorTuningDocs>);
/** A monitor's tuning (every field optional: the product's default, or what the monitor has). */
export type MonitorTuning = z.infer<typeof MonitorTuningSchema> & MonitorTuningDocs;
/** What a `monitor` argument takes: true, false or a tuning; what the schema gives is the same. */
type MonitorSettingSchema = z.ZodDefault<z.ZodType<boolean | MonitorTuning, boolean | MonitorTuning>>;
/**
 * `true`: the monitor with the product's defaults; an object: with this tuning; `false`: none. Not a
 * z.union: a union reports a bad field inside the object as a bare "Invalid input" on `monitor`.
 */
export const monitorSetting = (byDefault: boolean): MonitorSettingSchema =>
  // Typed as what it takes and gives: the `unknown` below is only so that the message is ours, not a union's.
  z
    .unknown()
    .default(byDefault)
    .transform((v, ctx): boolean | MonitorTuning => {
      if (typeof v === "boolean") return v;
      if (v === null || typeof v !== "object" || Array.isArray(v)) {
        ctx.addIssue({ code: "custom", message: "must be true, false or a tuning object ({ intervalSeconds, timeoutSeconds, retries, recoveryTarget, finalAction })" });
        return z.NEVER;
      }
      const r = MonitorTuningSchema.safeParse(v);
      if (r.success) return r.data;
      for (const i of r.error.issues) ctx.addIssue({ code: "custom", message: i.message, path: i.path as (string | number)[] });
      return z.NEVER;
    }) as unknown as MonitorSettingSchema;

/** What every resource a group declares itself has. */
interface GroupResourceDocs {
  /** The resource's kind. */
  type?: unknown;
  /** The resource's name in the group. */
  name?: unknown;
  /** Resources of the group this one starts after (default: the product's type-based order). */
  dependsOn?: unknown;
}

/** A Windows service started and stopped by the group. */
export interface ServiceResourceDocs extends GroupResourceDocs {
  /** The service name (e.g. PrintPort_SPL) or its display name. */
  serviceName?: unknown;
  /** Stall time-out of the start, seconds (the product's default is 1800). */
  startTimeoutSeconds?: unknown;
  /** Stall time-out of the stop, seconds (the product's default is 1800). */
  stopTimeoutSeconds?: unknown;
  /** Add a service monitor (servicew): false (default), true, or its tuning. */
  monitor?: unknown;
}

const ServiceSpec = z.strictObject({
  type: z.literal("service"),
  name: objectName,
  serviceName: safeText({ min: 1, max: 256 }),
  startTimeoutSeconds: z.number().int().min(1).max(9999).optional(),
  stopTimeoutSeconds: z.number().int().min(1, "must be 1-9999 seconds").max(9999, "must be 1-9999 seconds").optional(),
  monitor: monitorSetting(false),
  dependsOn,
} satisfies DocumentedShape<ServiceResourceDocs>);

/** A program run when the group starts (start path) and stops (stop path). */
export interface ApplicationResourceDocs extends GroupResourceDocs {
  /** Resident: the program keeps running while the group is online. Default false. */
  resident?: unknown;
  /** The program started with the group (up to 1023 characters, one line). */
  startPath?: unknown;
  /** The program run when the group stops. */
  stopPath?: unknown;
}

const ApplicationSpec = z.strictObject({
  type: z.literal("application"),
  name: objectName,
  resident: z.boolean().default(false),
  startPath: safeText({ min: 1, max: MAX_PATH_CHARS }),
  stopPath: safeText({ min: 1, max: MAX_PATH_CHARS }).optional(),
  dependsOn,
} satisfies DocumentedShape<ApplicationResourceDocs>);

/**
 * Start and stop scripts run when the group starts and stops: a `script` resource (start.bat and
 * stop.bat) on Windows, an `exec` resource (start.sh and stop.sh) on Linux. The scripts are pushed
 * with clp.conf under scripts/<group>/<name>/ and installed on every server.
 */
export interface ScriptResourceDocs extends GroupResourceDocs {
  /** The start script's content (start.bat on Windows, start.sh on Linux). */
  start?: unknown;
  /** The stop script's content (stop.bat / stop.sh). */
  stop?: unknown;
  /** Time-out of the start script, seconds. */
  startTimeoutSeconds?: unknown;
  /** Time-out of the stop script, seconds. */
  stopTimeoutSeconds?: unknown;
}

const ScriptSpec = z.strictObject({
  type: z.literal("script"),
  name: objectName,
  start: safeText({ multiline: true }).max(1 << 20, "must be at most 1 MiB"),
  stop: safeText({ multiline: true }).max(1 << 20, "must be at most 1 MiB"),
  startTimeoutSeconds: z.number().int().min(1, "must be 1-9999 seconds").max(9999, "must be 1-9999 seconds").optional(),
  stopTimeoutSeconds: z.number().int().min(1, "must be 1-9999 seconds").max(9999, "must be 1-9999 seconds").optional(),
  dependsOn,
} satisfies DocumentedShape<ScriptResourceDocs>);

/**
 * Registry synchronization: the keys are copied from the active server to the standby while the
 * group runs. The key list's XML in clp.conf is not verified against a real CLUSTERPRO (no public
 * sample exists); check the Cluster WebUI after the first `up`.
 */
export interface RegistrySyncResourceDocs extends GroupResourceDocs {
  /** Keys under HKEY_LOCAL_MACHINE, copied from the active server to the standby while the group runs. */
  keys?: unknown;
}

const RegistrySyncSpec = z.strictObject({
  type: z.literal("registrySync"),
  name: objectName,
  keys: z
    .array(
      safeText({ max: MAX_PATH_CHARS })
        .regex(/^(HKEY_LOCAL_MACHINE|HKLM)\\./i, "must be a key under HKEY_LOCAL_MACHINE\\")
        .superRefine((k, ctx) => {
          const reason = registryKeyReason(k);
          if (reason) ctx.addIssue({ code: "custom", message: reason });
        }),
    )
    .min(1, "needs at least one key"),
  dependsOn,
} satisfies DocumentedShape<RegistrySyncResourceDocs>);

export const GroupResourceSchema = z.discriminatedUnion("type", [ServiceSpec, ApplicationSpec, ScriptSpec, RegistrySyncSpec]);
export type ServiceResourceInput = z.input<typeof ServiceSpec> & ServiceResourceDocs;
export type ApplicationResourceInput = z.input<typeof ApplicationSpec> & ApplicationResourceDocs;
export type ScriptResourceInput = z.input<typeof ScriptSpec> & ScriptResourceDocs;
export type RegistrySyncResourceInput = z.input<typeof RegistrySyncSpec> & RegistrySyncResourceDocs;
export type GroupResourceInput = z.input<typeof GroupResourceSchema>;

/**
 * Script resources of a Windows cluster are written as start.bat/stop.bat in CP932 (Shift_JIS as
 * Windows writes it): a character it cannot carry (é, ß, €, emoji) would silently become "?". Each
 * such script is refused with its path (relative to the group's args) and the first offending
 * character. Linux scripts are UTF-8 and carry anything.
 */
export function windowsScriptIssues(resources: unknown): { path: (string | number)[]; message: string }[] {
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((r, i) => {
    if (!r || typeof r !== "object" || (r as { type?: unknown }).type !== "script") return [];
    return (["start", "stop"] as const).flatMap((field) => {
      const text = (r as Record<string, unknown>)[field];
      const bad = typeof text === "string" ? firstNonCp932Character(text) : undefined;
      if (!bad) return [];
      return [{ path: ["resources", i, field], message: `a Windows script is written in CP932 (Shift_JIS), which cannot encode ${describeCharacter(bad.ch)} at character ${bad.index + 1}; use characters CP932 has (Japanese and ASCII are fine)` }];
    });
  });
}

/** A failover group's own arguments. */
export interface FailoverGroupArgsDocs {
  /** The group's name in the cluster. */
  name?: unknown;
  /** The group's comment (one line, at most 127 characters). */
  comment?: unknown;
  /** Servers the group may start on, in order. Default: every server, in cluster priority order. */
  startupServers?: unknown;
  /** Start the group when the cluster starts. Default true. */
  autoStart?: unknown;
  /** "auto" (default): fail over by itself; "manual": stay until moved with clpgrp -m. */
  failover?: unknown;
  /** "manual" (default) or "auto". */
  failback?: unknown;
  /** Resources the group declares itself: services, applications, scripts, registry synchronization. */
  resources?: unknown;
}

export const FailoverGroupArgsSchema = z
  .strictObject({
    name: objectName,
    comment: safeText({ max: 127 }).optional(),
    startupServers: z.array(serverName).min(1, "needs at least one server").optional(),
    autoStart: z.boolean().default(true),
    failover: z.enum(["auto", "manual"]).default("auto"),
    failback: z.enum(["auto", "manual"]).default("manual"),
    resources: z.array(GroupResourceSchema).default([]),
  } satisfies DocumentedShape<FailoverGroupArgsDocs>)
  .superRefine((g, ctx) => {
    const dup = g.startupServers && unique(g.startupServers, (s) => s);
    if (dup) ctx.addIssue({ code: "custom", path: ["startupServers"], message: `${dup} is listed twice` });
    const names = g.resources.map((r) => r.name);
    g.resources.forEach((r, i) => {
      if (names.findIndex((n) => n.toLowerCase() === r.name.toLowerCase()) !== i) ctx.addIssue({ code: "custom", path: ["resources", i, "name"], message: `${r.name} is used twice in this group` });
      (r.dependsOn ?? []).forEach((d, j) => {
        if (d.toLowerCase() === r.name.toLowerCase()) ctx.addIssue({ code: "custom", path: ["resources", i, "dependsOn", j], message: "a resource cannot depend on itself" });
      });
    });
    // A cycle among the group's own resources (a → b → a); dependencies on its FloatingIps and
    // MirrorDisks are checked when the configuration is planned.
    const after = new Map(g.resources.map((r) => [r.name.toLowerCase(), (r.dependsOn ?? []).map((d) => d.toLowerCase())]));
    const onCycle = (start: string): string[] | undefined => {
      const walk = (n: string, path: string[]): string[] | undefined => {
        for (const d of after.get(n) ?? []) {
          if (d === start) return [...path, d];
          if (!path.includes(d) && after.has(d)) {
            const found = walk(d, [...path, d]);
            if (found) return found;
          }
        }
        return undefined;
      };
      return walk(start, [start]);
    };
    g.resources.forEach((r, i) => {
      const cycle = onCycle(r.name.toLowerCase());
      if (!cycle || cycle.length <= 2) return;
      const j = (r.dependsOn ?? []).findIndex((d) => d.toLowerCase() === cycle[1]);
      ctx.addIssue({ code: "custom", path: ["resources", i, "dependsOn", j], message: `dependencies form a cycle: ${cycle.join(" → ")}` });
    });
  });
export type FailoverGroupArgsInput = z.input<typeof FailoverGroupArgsSchema>;

/** What every resource of a group (FloatingIp, MirrorDisk, SharedDisk, …) has. */
export interface GroupMemberDocs {
  /** The resource's name in clp.conf (unique in the cluster). */
  name?: unknown;
  /** Resources of the same group, declared before this one, that it starts after (default: the product's order). */
  dependsOn?: unknown;
}

/** A floating IP resource's own arguments. */
export interface FloatingIpArgsDocs extends GroupMemberDocs {
  /** The floating IPv4 address, active on the node where the group runs. */
  address?: unknown;
  /** Add the fipw monitor: true (default), false, or its tuning (interval, timeout, retries, recovery target, final action). */
  monitor?: unknown;
}

export const FloatingIpArgsSchema = z.strictObject({
  name: objectName,
  address: ipv4,
  monitor: monitorSetting(true),
  dependsOn,
} satisfies DocumentedShape<FloatingIpArgsDocs>);

const devicePath = z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, "must be a device path such as /dev/sdb2");

/** A mirror disk resource's own arguments. */
export interface MirrorDiskArgsDocs extends GroupMemberDocs {
  /** Windows: the data partition's drive ("E:"); Linux: its device ("/dev/sdb2"). */
  dataPartition?: unknown;
  /** Windows: the cluster partition's drive ("D:"); Linux: its device ("/dev/sdb1"). */
  clusterPartition?: unknown;
  /** Mirror connects in priority order ("mdc1", "mdc2"), as the cluster's interconnects name them. */
  mirrorConnects?: unknown;
  /** Linux: where the mirror is mounted. */
  mountPoint?: unknown;
  /** Linux: "ext3", "ext4" or "xfs". */
  fileSystem?: unknown;
  /** Add the mdw and mdnw monitors: true (default), false, or the tuning both get. */
  monitor?: unknown;
  /**
   * A partition change replaces the mirror disk (a new mirror, with a full initial copy); it is
   * refused unless this is true. Data on the partitions is never formatted or deleted either way.
   */
  allowReplace?: unknown;
}

export const MirrorDiskArgsSchema = z
  .strictObject({
    name: objectName,
    dataPartition: z.union([driveLetter, devicePath], { error: "must be a drive letter such as E: (Windows) or a device path such as /dev/sdb2 (Linux)" }),
    clusterPartition: z.union([driveLetter, devicePath], { error: "must be a drive letter such as D: (Windows) or a device path such as /dev/sdb1 (Linux)" }),
    mirrorConnects: z.array(z.string().regex(/^mdc[1-9][0-9]?$/, "must be mdc1, mdc2, …")).min(1, "needs at least one mirror connect").max(2, "at most two mirror connects"),
    mountPoint: safeText({ max: MAX_PATH_CHARS }).regex(/^\//, "must be an absolute path").optional(),
    fileSystem: z.enum(["ext3", "ext4", "xfs"]).optional(),
    monitor: monitorSetting(true),
    allowReplace: z.boolean().default(false),
    dependsOn,
  } satisfies DocumentedShape<MirrorDiskArgsDocs>)
  .superRefine((m, ctx) => {
    const windows = /^[A-Z]:$/.test(m.dataPartition);
    if (windows !== /^[A-Z]:$/.test(m.clusterPartition)) ctx.addIssue({ code: "custom", path: ["clusterPartition"], message: "must be of the same kind as dataPartition (both drive letters or both devices)" });
    if (m.dataPartition === m.clusterPartition) ctx.addIssue({ code: "custom", path: ["clusterPartition"], message: "must differ from dataPartition" });
    if (windows && (m.mountPoint || m.fileSystem)) ctx.addIssue({ code: "custom", path: [m.mountPoint ? "mountPoint" : "fileSystem"], message: "is for Linux mirror disks only" });
    if (!windows && !m.mountPoint) ctx.addIssue({ code: "custom", path: ["mountPoint"], message: "is required for a Linux mirror disk" });
    if (new Set(m.mirrorConnects).size !== m.mirrorConnects.length) ctx.addIssue({ code: "custom", path: ["mirrorConnects"], message: "lists a mirror connect twice" });
  });
