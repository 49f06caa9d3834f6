// What the simulated CLUSTERPRO cluster (sim/cluster/) needs from a simulated node (sim/node/).
// The node model implements it; the cluster model only talks to nodes through it.

export type SimOs = "windows" | "linux";

export type StartupType = "automatic" | "automatic-delayed" | "manual" | "disabled";
export type ServiceState = "running" | "stopped";

export interface SimService {
  /** Service (short) name, e.g. "PrintPort_SPL"; case-insensitive on Windows. */
  name: string;
  displayName: string;
  startup: StartupType;
  state: ServiceState;
  /** Services this one needs running first (Windows dependencies / systemd Requires). */
  dependsOn: string[];
}

export interface SimServices {
  get(name: string): SimService | undefined;
  list(): SimService[];
  /** Starts the service after its dependencies; throws SimError("not-found" | "disabled") otherwise. */
  start(name: string): void;
  /** Stops the service and, first, the services that depend on it. */
  stop(name: string): void;
  /** Adds or replaces a service definition (used when the lab lays down products). */
  define(service: SimService): void;
}

export type VolumeAccess = "rw" | "ro" | "none";

/** A node's filesystem. Windows paths use drive letters ("E:\\data\\x"), case-insensitive; Linux paths are POSIX. */
export interface SimFs {
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  readFile(path: string): Buffer;
  /** Throws SimError("access-denied") when the path's volume is not writable on this node. */
  writeFile(path: string, data: Buffer): void;
  mkdir(path: string): void;
  /** Lists the direct children (names) of a directory. */
  list(path: string): string[];
  remove(path: string, recursive?: boolean): void;
  /**
   * Mirror-disk support. A volume is a drive letter on Windows ("E:") or a mount point on Linux ("/mnt/md1").
   * `setVolumeAccess` controls whether this node may read/write it ("none": the partition is not accessible,
   * as on a mirror disk's standby). `attachVolume` makes the volume's content a shared store object, so that the
   * cluster can mirror writes: the same SimVolume attached on both nodes is one set of mirrored data.
   */
  setVolumeAccess(volume: string, access: VolumeAccess): void;
  volumeAccess(volume: string): VolumeAccess;
  attachVolume(volume: string, store: SimVolume): void;
}

/** The content of one volume (a mirrored data partition is one SimVolume shared by the two nodes). */
export interface SimVolume {
  readonly id: string;
  /** Monotonic counter of writes, so mirror state and "data intact" checks can compare. */
  generation: number;
}

export interface SimRegistry {
  /** A subtree as plain data (values with their types), for registry synchronization active → standby. */
  exportTree(key: string): RegTreeData | undefined;
  importTree(tree: RegTreeData): void;
}

export interface RegTreeData {
  key: string;
  values: { name: string; type: string; data: unknown }[];
  subkeys: RegTreeData[];
}

/** Runs a start/stop path of an application or script resource on the node (simulated: recorded, exit 0 unless told). */
export interface SimProcesses {
  run(path: string, env: Record<string, string>): { exitCode: number; stdout: string };
}

export interface SimNodeApi {
  readonly name: string;
  readonly os: SimOs;
  /** False while the node is "failed" (lab fail NODE): it answers nothing and runs nothing. */
  isUp(): boolean;
  readonly services: SimServices;
  readonly fs: SimFs;
  /** Windows only. */
  readonly registry?: SimRegistry;
  readonly processes: SimProcesses;
  /** Floating IPs currently active on this node (addresses are data; nothing is bound). */
  readonly activeAddresses: Set<string>;
  /** NIC name → enabled. */
  readonly nics: Map<string, boolean>;
  /**
   * Windows: the volume GUID (lower case, no braces, as clp.conf writes it) of the volume with drive letter `letter`
   * ("E" or "E:"); undefined when the node has no such volume (and always on Linux).
   */
  volumeGuid(letter: string): string | undefined;
}

export class SimError extends Error {
  constructor(
    readonly code: "not-found" | "exists" | "access-denied" | "disabled" | "invalid" | "busy" | "failed" | "node-down",
    message: string,
  ) {
    super(message);
    this.name = "SimError";
  }
}
