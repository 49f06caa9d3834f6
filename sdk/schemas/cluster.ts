// The cluster, its failover groups and the group resources, as users declare them. These schemas
// check each object on its own (types, names, addresses, cross-field rules); rules that span
// objects (a startup server that is not in the cluster, one floating IP used twice) are checked
// when the cluster's configuration is planned, with the same field paths.
import { z } from "zod";
import { describeCharacter, driveLetter, firstNonCp932Character, ipv4, MAX_PATH_CHARS, maxDisruption, objectName, registryKeyReason, safeText, serverName } from "./common";

function unique<T>(items: readonly T[], key: (t: T) => string): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item).toLowerCase();
    if (seen.has(k)) return key(item);
    seen.add(k);
  }
  return undefined;
}

export const InterconnectSchema = z.strictObject({
  /** Heartbeat priority (1 = first). Required for kernel and user heartbeats; none for a mirror-only LAN. */
  priority: z.number().int().min(1, "must be 1 or more").optional(),
  /** "kernel": kernel-mode LAN heartbeat (lankhb); "user": user-mode (lanhb); "mirror": mirror connect only. */
  kind: z.enum(["kernel", "user", "mirror"]),
  /** The mirror connect this LAN also carries ("mdc1", "mdc2", …). */
  mdc: z.string().regex(/^mdc[1-9][0-9]?$/, "must be mdc1, mdc2, …").optional(),
  /** Each server's address on this LAN. */
  addresses: z.record(serverName, ipv4),
});

/** Character sets CLUSTERPRO writes in `all/charset` and `all/encode`. */
export const CHARSET = z.enum(["ASCII", "SJIS", "EUC-JP", "GB2312"]);

export const NetworkPartitionSchema = z.strictObject({
  /** "ping": the server that can ping a target survives a network partition. */
  kind: z.literal("ping"),
  /** Addresses pinged (a gateway or another always-on host), in order. */
  targets: z.array(ipv4).min(1, "needs at least one address").max(16, "at most 16 addresses")
    .refine((t) => new Set(t).size === t.length, "lists an address twice"),
  /** Seconds between pings (written as `parameters/interval`: an element path no public file shows). */
  intervalSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  /** Seconds a ping may take (`parameters/timeout`, unverified path). */
  timeoutSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  /** Failed pings in a row before the target counts as down (`parameters/retry`, unverified path). */
  retries: z.number().int().min(0, "must be 0-99").max(99, "must be 0-99").optional(),
  /** The servers that use this resolution (their ping device says 1, the others 0); absent: every server. */
  servers: z.array(serverName).min(1, "needs at least one server").optional(),
});

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

export const ClusterArgsSchema = z
  .strictObject({
    /** The cluster's name. */
    name: objectName,
    comment: safeText({ max: 127 }).optional(),
    /** The WebUI language, which also sets the configuration's encoding. */
    language: z.enum(["ja", "en", "zh"]).default("ja"),
    /** `all/charset`, when it is not the language's (real English Windows exports write ASCII with encode SJIS). */
    charset: CHARSET.optional(),
    /** `all/encode`, when it is not the language's. */
    encode: CHARSET.optional(),
    /**
     * Network partition resolution by ping: each entry is a pingnp resource that pings its targets
     * (devices 10200, 10201, … on every server). Absent: whatever the configuration has is kept.
     */
    networkPartitions: z.array(NetworkPartitionSchema).max(16, "at most 16").optional(),
    /**
     * What a server does when network partition resolution says it must go (`cluster/networkpartition/npaction`);
     * the names a Linux or a Windows cluster offers differ (NP_ACTION_CODES). Absent: whatever the configuration has is kept.
     */
    networkPartitionAction: z.enum(NP_ACTIONS, { error: `must be one of ${NP_ACTIONS.join(", ")}` }).optional(),
    /**
     * The user-mode monitor (userw, recovering the local server), as the WebUI makes it; `method` and
     * `action` absent: the product's defaults (keepalive on X4+, RESET). Absent: whatever the configuration has is kept.
     */
    userModeMonitor: z.strictObject({ method: z.enum(["keepalive", "softdog", "ipmi"]).optional(), action: z.enum(["RESET", "PANIC"]).optional() }).optional(),
    /** The management group's floating IP for the Cluster WebUI. */
    managementIp: ipv4.optional(),
    /** Server host names in priority order; the first is the master. */
    servers: z.array(serverName).min(1, "needs at least one server").max(32, "at most 32 servers"),
    interconnects: z.array(InterconnectSchema).min(1, "needs at least one interconnect"),
    /** The most disruptive apply method this stack may use; a change needing more is refused at preview. */
    maxDisruption: maxDisruption.default("group"),
    /** Take over an existing cluster configuration that differs from this one (otherwise create fails with the diff). */
    adopt: z.boolean().default(false),
  })
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
export const MonitorTuningSchema = z.strictObject({
  /** `polling/interval`: seconds between checks. */
  intervalSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  /** `polling/timeout`: seconds a check may take. */
  timeoutSeconds: z.number().int().min(1, "must be 1-999 seconds").max(999, "must be 1-999 seconds").optional(),
  /** `polling/reconfirmation`: failed checks in a row before the monitor reports an error. */
  retries: z.number().int().min(0, "must be 0-999").max(999, "must be 0-999").optional(),
  /** What is recovered: the watched resource, its group, or the local server (cls LocalServer). */
  recoveryTarget: z.enum(["resource", "group", "localServer"]).optional(),
  /** `emergency/action` after the recoveries are used up. */
  finalAction: z.enum(["none", "stopGroup", "stopClusterService", "shutdownOs", "rebootOs"]).optional(),
});
export type MonitorTuning = z.infer<typeof MonitorTuningSchema>;
/**
 * `true`: the monitor with the product's defaults; an object: with this tuning; `false`: none. Not a
 * z.union: a union reports a bad field inside the object as a bare "Invalid input" on `monitor`.
 */
export const monitorSetting = (byDefault: boolean) =>
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
    });

const ServiceSpec = z.strictObject({
  type: z.literal("service"),
  name: objectName,
  /** The Windows service name (e.g. PrintPort_SPL) or display name. */
  serviceName: safeText({ min: 1, max: 256 }),
  startTimeoutSeconds: z.number().int().min(1).max(9999).optional(),
  stopTimeoutSeconds: z.number().int().min(1, "must be 1-9999 seconds").max(9999, "must be 1-9999 seconds").optional(),
  /** Add a service monitor (servicew) for it (an object: with this tuning). */
  monitor: monitorSetting(false),
  dependsOn,
});

const ApplicationSpec = z.strictObject({
  type: z.literal("application"),
  name: objectName,
  /** Resident: the program keeps running while the group is online. */
  resident: z.boolean().default(false),
  /** Up to 1023 characters, one line. */
  startPath: safeText({ min: 1, max: MAX_PATH_CHARS }),
  stopPath: safeText({ min: 1, max: MAX_PATH_CHARS }).optional(),
  dependsOn,
});

const ScriptSpec = z.strictObject({
  type: z.literal("script"),
  name: objectName,
  /** Content of start.bat (Windows `script` resource) or start.sh (Linux `exec` resource). */
  start: safeText({ multiline: true }).max(1 << 20, "must be at most 1 MiB"),
  /** Content of stop.bat / stop.sh. */
  stop: safeText({ multiline: true }).max(1 << 20, "must be at most 1 MiB"),
  startTimeoutSeconds: z.number().int().min(1, "must be 1-9999 seconds").max(9999, "must be 1-9999 seconds").optional(),
  stopTimeoutSeconds: z.number().int().min(1, "must be 1-9999 seconds").max(9999, "must be 1-9999 seconds").optional(),
  dependsOn,
});

const RegistrySyncSpec = z.strictObject({
  type: z.literal("registrySync"),
  name: objectName,
  /** Keys copied from the active server to the standby while the group runs. */
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
});

export const GroupResourceSchema = z.discriminatedUnion("type", [ServiceSpec, ApplicationSpec, ScriptSpec, RegistrySyncSpec]);
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

export const FailoverGroupArgsSchema = z
  .strictObject({
    name: objectName,
    comment: safeText({ max: 127 }).optional(),
    /** Servers the group may run on, in order; absent = every server in cluster priority order. */
    startupServers: z.array(serverName).min(1, "needs at least one server").optional(),
    autoStart: z.boolean().default(true),
    failover: z.enum(["auto", "manual"]).default("auto"),
    failback: z.enum(["auto", "manual"]).default("manual"),
    resources: z.array(GroupResourceSchema).default([]),
  })
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

export const FloatingIpArgsSchema = z.strictObject({
  name: objectName,
  address: ipv4,
  /** Add the fipw monitor (default true; an object: with this tuning). */
  monitor: monitorSetting(true),
  dependsOn,
});

const devicePath = z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]+$/, "must be a device path such as /dev/sdb2");

export const MirrorDiskArgsSchema = z
  .strictObject({
    name: objectName,
    /** Windows: the data partition's drive letter ("E:"); Linux: its device ("/dev/sdb2"). */
    dataPartition: z.union([driveLetter, devicePath], { error: "must be a drive letter such as E: (Windows) or a device path such as /dev/sdb2 (Linux)" }),
    /** Windows: the cluster partition's drive letter ("D:"); Linux: its device ("/dev/sdb1"). */
    clusterPartition: z.union([driveLetter, devicePath], { error: "must be a drive letter such as D: (Windows) or a device path such as /dev/sdb1 (Linux)" }),
    /** Mirror connects in priority order. */
    mirrorConnects: z.array(z.string().regex(/^mdc[1-9][0-9]?$/, "must be mdc1, mdc2, …")).min(1, "needs at least one mirror connect").max(2, "at most two mirror connects"),
    /** Linux: where the mirror is mounted. */
    mountPoint: safeText({ max: MAX_PATH_CHARS }).regex(/^\//, "must be an absolute path").optional(),
    /** Linux: the file system. */
    fileSystem: z.enum(["ext3", "ext4", "xfs"]).optional(),
    /** Add the mdw/mdnw monitors (default true; an object: both with this tuning). */
    monitor: monitorSetting(true),
    /** Replacing a mirror disk (a partition change) needs this explicit consent; data is never wiped. */
    allowReplace: z.boolean().default(false),
    dependsOn,
  })
  .superRefine((m, ctx) => {
    const windows = /^[A-Z]:$/.test(m.dataPartition);
    if (windows !== /^[A-Z]:$/.test(m.clusterPartition)) ctx.addIssue({ code: "custom", path: ["clusterPartition"], message: "must be of the same kind as dataPartition (both drive letters or both devices)" });
    if (m.dataPartition === m.clusterPartition) ctx.addIssue({ code: "custom", path: ["clusterPartition"], message: "must differ from dataPartition" });
    if (windows && (m.mountPoint || m.fileSystem)) ctx.addIssue({ code: "custom", path: [m.mountPoint ? "mountPoint" : "fileSystem"], message: "is for Linux mirror disks only" });
    if (!windows && !m.mountPoint) ctx.addIssue({ code: "custom", path: ["mountPoint"], message: "is required for a Linux mirror disk" });
    if (new Set(m.mirrorConnects).size !== m.mirrorConnects.length) ctx.addIssue({ code: "custom", path: ["mirrorConnects"], message: "lists a mirror connect twice" });
  });
