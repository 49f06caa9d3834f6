// The typed model of what the provider manages in clp.conf. Every object is addressed by its name
// (NEC's `group@failover`, `resource/fip@fip1` convention), never by position. Fields left
// undefined in a desired object mean "leave whatever the file has"; see docs/clusterpro-conf.md.
import { z } from "zod";

const int = z.number().int();
const nonNegative = int.nonnegative();

export const ClusterSchema = z.object({
  name: z.string().min(1),
  comment: z.string().optional(),
  /** `all/charset`: the file's character set (EUC-JP, SJIS, ASCII…). */
  charset: z.string().optional(),
  /** `all/encode`: the WebUI's language encoding (SJIS, EUC-JP, …). */
  encode: z.string().optional(),
  /** `all/serveros`. */
  serverOs: z.enum(["windows", "linux"]).optional(),
  /** `cluster/uuid` (X5); read-only in practice. */
  uuid: z.string().optional(),
  /** `cluster/networkpartition/npaction`: what a server does when network partition resolution says it must go (OS-specific code). */
  npAction: nonNegative.optional(),
});
export type Cluster = z.infer<typeof ClusterSchema>;

export const DeviceSchema = z.object({
  id: nonNegative,
  /** lan, mdc, disk, ping, bmc, witness, http, … */
  type: z.string().min(1),
  /** An IP address for lan/mdc, a device path for disk, `1` for ping. */
  info: z.string(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const ServerSchema = z.object({
  name: z.string().min(1),
  /** 0 is the master server. */
  priority: nonNegative,
  devices: z.array(DeviceSchema).optional(),
  /** Desired servers only: the device types `devices` lists completely; devices of other types (disk, ping, …) are kept. Absent: all. */
  deviceTypes: z.array(z.string()).optional(),
  /**
   * Windows: the HBAs whose shared disks the cluster filters (`hba@id/{portnumber,deviceid,instanceid}`, clpcfset
   * add_hba). Desired servers write these entries and keep other HBAs and each HBA's `vol` exclusions.
   */
  hbas: z.array(z.object({ id: nonNegative, portNumber: nonNegative, deviceId: z.string().min(1), instanceId: z.string().min(1) })).optional(),
});
export type Server = z.infer<typeof ServerSchema>;

export const HeartbeatSchema = z.object({
  /** lankhb, lanhb, diskhb, bmchb, witnesshb, … */
  type: z.string().min(1),
  name: z.string().min(1),
  priority: nonNegative,
  /** Device id on every server. */
  device: nonNegative,
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const NetworkPartitionSchema = z.object({
  /** pingnp, disknp, httpnp, … */
  type: z.string().min(1),
  name: z.string().min(1),
  priority: nonNegative,
  device: nonNegative,
  /** pingnp targets (`grp@0/list@N/ip`). */
  pingTargets: z.array(z.string()).optional(),
  /** pingnp `parameters/interval`, `parameters/timeout` (seconds), `parameters/retry` (UNVERIFIED element paths: unverified.ts). */
  interval: nonNegative.optional(),
  timeout: nonNegative.optional(),
  retry: nonNegative.optional(),
});
export type NetworkPartition = z.infer<typeof NetworkPartitionSchema>;

export const StartupServerSchema = z.object({ server: z.string().min(1), order: nonNegative });
export const GroupWaitSchema = z.object({ group: z.string().min(1), sameServer: z.boolean().optional() });

export const GroupSchema = z.object({
  name: z.string().min(1),
  /** `failover` (written by omitting `<type>`), `cluster` (management group), `virtualmachine`. */
  type: z.string().optional(),
  comment: z.string().optional(),
  /** Sequential index; assigned by setGroup when missing. */
  gid: nonNegative.optional(),
  /** Auto start (`start` 1, the default) or manual (0). */
  autoStart: z.boolean().optional(),
  /** Auto failover (`failover` 1, the default). */
  autoFailover: z.boolean().optional(),
  /** Auto failback (`failback` 1; the default is manual). */
  autoFailback: z.boolean().optional(),
  /** `policy@server/order`; absent = the group may start on every server. */
  startupServers: z.array(StartupServerSchema).optional(),
  /** `depend/act/depend@group`: groups whose start this group waits for. */
  startAfter: z.array(GroupWaitSchema).optional(),
  /** Read-only: the `type@name` entries the group lists, in file order. Membership is set through `Resource.group`. */
  resources: z.array(z.string()).optional(),
});
export type Group = z.infer<typeof GroupSchema>;

/** A group's startup servers in their order (`policy@server/order`); undefined when it lists none (every server). */
export function startupServersInOrder(g: Pick<Group, "startupServers">): string[] | undefined {
  return g.startupServers ? [...g.startupServers].sort((a, b) => a.order - b.order).map((s) => s.server) : undefined;
}

export const RecoverySchema = z.object({
  retry: nonNegative.optional(),
  /** Failover threshold (`act/fo`). */
  fo: nonNegative.optional(),
  /** Final action code (0-15). */
  action: nonNegative.optional(),
  timeout: nonNegative.optional(),
});
export type Recovery = z.infer<typeof RecoverySchema>;

const resourceCommon = {
  name: z.string().min(1),
  /** The group this resource belongs to (`group@g/resource@type@name`). */
  group: z.string().min(1),
  comment: z.string().optional(),
  /**
   * `"default"`: no `<depend>` (the product's type-based default dependency);
   * a list: exactly these resources, `[]` meaning none at all (`<depend name=""/>`).
   */
  dependsOn: z.union([z.literal("default"), z.array(z.string().min(1))]).optional(),
  act: RecoverySchema.optional(),
  deact: RecoverySchema.optional(),
  /** Desired objects only: fields written when the object is created and left as they are in an existing one. */
  createOnly: z.array(z.string()).optional(),
};

export const FipResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("fip"),
  /** Optional only because real generator output has an unfinished fip without one (template sample, fip2). */
  ip: z.string().min(1).optional(),
});

export const MirrorNetdevSchema = z.object({
  id: nonNegative,
  priority: nonNegative,
  /** The mdc device id (400+) on every server. */
  device: nonNegative,
  mdcName: z.string().min(1),
});
export const MirrorVolumeSchema = z.object({ server: z.string().min(1), volumeGuid: z.string(), cpVolumeGuid: z.string() });

export const MirrorDiskResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("md"),
  netdevs: z.array(MirrorNetdevSchema).optional(),
  // Windows form
  volumeMountPoint: z.string().optional(),
  cpVolumeMountPoint: z.string().optional(),
  volumes: z.array(MirrorVolumeSchema).optional(),
  // Linux form
  nmpPath: z.string().optional(),
  mountPoint: z.string().optional(),
  dataPartition: z.string().optional(),
  clusterPartition: z.string().optional(),
  fs: z.string().optional(),
  mdDriver: z.object({ port: nonNegative.optional(), hbPort: nonNegative.optional(), ack2Port: nonNegative.optional() }).optional(),
});

export const ServiceResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("service"),
  /** Windows service name or display name. */
  serviceName: z.string().min(1),
  actWaitTime: nonNegative.optional(),
  deactWaitTime: nonNegative.optional(),
  /** Do not treat an already running service as an error. */
  started: z.boolean().optional(),
});

export const ApplicationResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("appli"),
  resident: z.boolean().optional(),
  startPath: z.string().optional(),
  stopPath: z.string().optional(),
  startAccount: z.string().optional(),
  /** Already encrypted (clpencrypt); never plaintext. */
  startPassword: z.string().optional(),
  stopAccount: z.string().optional(),
  stopPassword: z.string().optional(),
});

/** Windows script resource: start.bat/stop.bat live in scripts/<group>/<name>/; no public sample of its parameters exists. */
export const ScriptResourceSchema = z.object({ ...resourceCommon, type: z.literal("script") });

export const ExecResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("exec"),
  startPath: z.string().optional(),
  stopPath: z.string().optional(),
  startTimeout: nonNegative.optional(),
  stopTimeout: nonNegative.optional(),
});

/**
 * Registry synchronization. Its key list is written as `<parameters><key id="N">HKEY_…</key></parameters>`:
 * no public sample of the real XML exists (reference/clusterpro-x-details.md §2.5), so this layout is an
 * assumption shared with the lab; verify it against a WebUI export before relying on it.
 */
export const RegsyncResourceSchema = z.object({ ...resourceCommon, type: z.literal("regsync"), keys: z.array(z.string().min(1)).optional() });

export const DiskResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("disk"),
  diskType: z.string().optional(),
  device: z.string().optional(),
  mountPoint: z.string().optional(),
  fs: z.string().optional(),
  /** `parameters/mount/option` (the product's default: rw). */
  mountOption: z.string().optional(),
  /** `parameters/fsck/option` (the product's default: -y). */
  fsckOption: z.string().optional(),
});

export const SharedDiskResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("sd"),
  volumeMountPoint: z.string().optional(),
  volumes: z.array(z.object({ server: z.string().min(1), volumeGuid: z.string() })).optional(),
});

/**
 * Virtual computer name (Windows). Its parameter elements are an assumption: no public clp.conf or NEC tool shows a
 * vcom body (unverified.ts names them in preview).
 */
export const VcomResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("vcom"),
  /** `parameters/name`: the NetBIOS name clients use. */
  computerName: z.string().optional(),
  /** `parameters/fipname`: the floating IP resource the name is bound to. */
  fipName: z.string().optional(),
});

export const VolumeManagerResourceSchema = z.object({
  ...resourceCommon,
  type: z.literal("volmgr"),
  volumeManager: z.string().optional(),
  devName: z.string().optional(),
});

export const KNOWN_RESOURCE_TYPES = ["fip", "md", "service", "appli", "script", "exec", "regsync", "disk", "sd", "volmgr", "vcom"] as const;

/** Any other resource type (vcom, vm, awsvip, …): kept in the file, named in the model, not edited. */
export const OtherResourceSchema = z.object({
  ...resourceCommon,
  type: z.string().min(1).refine((t) => !(KNOWN_RESOURCE_TYPES as readonly string[]).includes(t), "use the specific schema for this type"),
});

export const ResourceSchema = z.union([
  FipResourceSchema, MirrorDiskResourceSchema, ServiceResourceSchema, ApplicationResourceSchema, ScriptResourceSchema,
  ExecResourceSchema, RegsyncResourceSchema, DiskResourceSchema, SharedDiskResourceSchema, VolumeManagerResourceSchema,
  VcomResourceSchema, OtherResourceSchema,
]);
export type FipResource = z.infer<typeof FipResourceSchema>;
export type MirrorDiskResource = z.infer<typeof MirrorDiskResourceSchema>;
export type ServiceResource = z.infer<typeof ServiceResourceSchema>;
export type ApplicationResource = z.infer<typeof ApplicationResourceSchema>;
export type ScriptResource = z.infer<typeof ScriptResourceSchema>;
export type ExecResource = z.infer<typeof ExecResourceSchema>;
export type RegsyncResource = z.infer<typeof RegsyncResourceSchema>;
export type DiskResource = z.infer<typeof DiskResourceSchema>;
export type SharedDiskResource = z.infer<typeof SharedDiskResourceSchema>;
export type VolumeManagerResource = z.infer<typeof VolumeManagerResourceSchema>;
export type VcomResource = z.infer<typeof VcomResourceSchema>;
export type OtherResource = z.infer<typeof OtherResourceSchema>;
export type Resource = z.infer<typeof ResourceSchema>;

export const MonitorSchema = z.object({
  /** fipw, mdw, mdnw, servicew, genw, userw, diskw, … */
  type: z.string().min(1),
  name: z.string().min(1),
  comment: z.string().optional(),
  /** Resource whose activation gates monitoring; "" = none. */
  target: z.string().optional(),
  /** Recovery target. */
  relation: z.object({ type: z.enum(["rsc", "grp", "cls"]), name: z.string().min(1) }).optional(),
  /** `parameters/object` (mdw/mdnw: the md resource; diskw: a device). */
  object: z.string().optional(),
  /** `parameters/name` (servicew: the service). */
  serviceName: z.string().optional(),
  /** `parameters/list@N/ip` (ipw: the addresses pinged, in order). */
  ipTargets: z.array(z.string()).optional(),
  /** `parameters/devname` (volmgrw: the volume group / pool watched). */
  devName: z.string().optional(),
  /** `parameters/path` (genw: genw.sh / genw.bat or an absolute path). */
  path: z.string().optional(),
  /** `parameters/method` (userw: keepalive, softdog, ipmi). */
  method: z.string().optional(),
  /** `parameters/action` (userw: RESET, PANIC). */
  action: z.string().optional(),
  /** `polling/interval` seconds. */
  interval: nonNegative.optional(),
  /** `polling/timeout` seconds. */
  timeout: nonNegative.optional(),
  /** `polling/reconfirmation`. */
  retry: nonNegative.optional(),
  /** `emergency/threshold/restart`. */
  restartThreshold: nonNegative.optional(),
  /** `emergency/threshold/fo` (Linux, Windows X3): failovers before the final action. */
  failoverThreshold: nonNegative.optional(),
  /** `emergency/threshold/fo2` (Windows X4+): failovers before the final action. */
  failoverThreshold2: nonNegative.optional(),
  /** `emergency/action`. */
  finalAction: nonNegative.optional(),
  /** Desired monitors only: fields written when the monitor is created and left as they are in an existing one. */
  createOnly: z.array(z.string()).optional(),
  /** Desired monitors only: fields an existing monitor gets only if it already has them (real servicew elements carry no service name). */
  onlyIfPresent: z.array(z.string()).optional(),
  /** Desired monitors only: the program chose this name (otherwise a new monitor gets the product's `fipw1`-style name). */
  named: z.boolean().optional(),
  /** Desired monitors only: written only into a configuration being created (a default an existing cluster may have chosen against). */
  newConfigurationOnly: z.boolean().optional(),
});
export type Monitor = z.infer<typeof MonitorSchema>;

export const ClusterConfigSchema = z.object({
  cluster: ClusterSchema,
  servers: z.array(ServerSchema),
  heartbeats: z.array(HeartbeatSchema),
  networkPartitions: z.array(NetworkPartitionSchema),
  groups: z.array(GroupSchema),
  resources: z.array(ResourceSchema),
  monitors: z.array(MonitorSchema),
  /** `webmgr/client/objectnumber` as found in the file (derived; recomputed on every edit). */
  objectNumber: z.number().int().optional(),
});
export type ClusterConfig = z.infer<typeof ClusterConfigSchema>;

/** The resource a monitor watches: its `parameters/object` (mdw, mdnw) or its target (fipw, servicew, …). */
export function watchedResource(m: Pick<Monitor, "object" | "target">): string | undefined {
  return m.object || m.target || undefined;
}

/** `type@name`: how a group lists its resources. */
export function resourceRef(r: { type: string; name: string }): string {
  return `${r.type}@${r.name}`;
}

export type ApplyMethod = "upload" | "suspend" | "group" | "cluster" | "reboot";
/** Least to most disruptive; also the user-facing `maxDisruption` policy values. */
export const APPLY_METHODS: readonly ApplyMethod[] = ["upload", "suspend", "group", "cluster", "reboot"];
