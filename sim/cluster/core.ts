// The state every part of the simulated cluster shares (configuration copies, runtime of servers, groups, mirrors,
// monitors, the event log) and the small lookups they all need. Kept apart so each behaviour file (push-gate,
// activation, mirrors, monitoring, persistence) works on one object instead of reaching into the facade.

import type { SimNodeApi, SimVolume } from "../node/types";
import type { ClusterConf, GroupConf } from "./conf";
import type { ClusterState } from "./render";
import { ClusterOpError } from "./errors";

export type ResourceState = "Online" | "Offline" | "Online Failure" | "Offline Failure";
export type MirrorState = "normal" | "broken" | "no-construction";

export interface ServerRt {
  clusterService: "running" | "stopped";
  mirrorAgent: "running" | "stopped";
  pendingReboot: boolean;
  /** The cluster service starts with the OS (set by clpcl -s, cleared by clpcl -t). */
  enabled: boolean;
  /** Last observed availability, to detect transitions in tick(). */
  wasUp: boolean;
}

export interface GroupRt {
  current: string | null;
  failed: boolean;
  /** CLP_EVENT of the last activation (START / FAILOVER / RECOVER), passed again to stop scripts. */
  event: string;
  resources: Record<string, ResourceState>;
}

export interface MirrorRt {
  volume: string;
  servers: string[];
  storeId: string;
  state: MirrorState;
  /** Store generation each server is known to hold. */
  synced: Record<string, number>;
  lastUpdate: string | null;
  breakTime: string | null;
}

export interface MonitorRt {
  status: string;
  restarts: number;
  failovers: number;
  /** The final action was taken for the current error (it is taken once per error, until the monitor is Normal again). */
  finalActionTaken?: boolean;
}

export interface ClusterEvent {
  seq: number;
  time: string;
  message: string;
}

export interface ClusterStats {
  pushes: number;
  refusedPushes: number;
  pulls: number;
  failovers: number;
  commands: Record<string, number>;
}

export interface ClusterSimOptions {
  nodes: SimNodeApi[];
  /** Install directory per OS (default C:\Program Files\EXPRESSCLUSTER and /opt/nec/clusterpro). */
  installDir?: { windows?: string; linux?: string };
  /** Clock for Lastupdate/Break times and the event log (default: new Date()). */
  now?: () => Date;
  /** Also write pushed clp.conf to <install>/etc/clp.conf on the node's filesystem (best effort, default true). */
  writeConfToNodeFs?: boolean;
}

/** Optional extension of SimFs implemented by sim/node: the store object currently mounted at a volume. */
export interface StoreOwningFs {
  volumeStore?(volume: string): SimVolume;
}

export class SimCore {
  readonly stats: ClusterStats = { pushes: 0, refusedPushes: 0, pulls: 0, failovers: 0, commands: {} };
  readonly events: ClusterEvent[] = [];
  /** The bytes of the last push the cluster refused and why (for inspection; never loaded). */
  lastRefusedPush?: { bytes: Buffer; reason: string };
  /** Install directories given in the options (otherwise detected per node, see installDirOf). */
  readonly explicitInstall: { windows?: string; linux?: string };
  readonly nodes = new Map<string, SimNodeApi>();
  readonly now: () => Date;
  readonly writeConfToNodeFs: boolean;
  readonly confCopies = new Map<string, Buffer>();
  current: { bytes: Buffer; conf: ClusterConf } | undefined;
  suspended = false;
  readonly failed = new Set<string>();
  readonly servers = new Map<string, ServerRt>();
  readonly groups = new Map<string, GroupRt>();
  readonly mirrors = new Map<string, MirrorRt>();
  readonly stores = new Map<string, SimVolume>();
  readonly monitors = new Map<string, MonitorRt>();
  readonly faults = new Map<string, { remaining: number; exitCode: number }>();
  /** The lab's disk and name faults (shared-disks.ts): "server|S:", "server|/dev/sdb1", "server|name:VCOM01". */
  readonly diskFaults = new Set<string>();
  /** Injected monitor faults (`monitor\nserver`): a genw's script or a volmgrw's check fails there (monitoring.ts). */
  readonly monitorFaults = new Set<string>();
  /** Injected unreachable addresses: `ip` (from every server) or `ip\nserver` (from that server); ipw and pingnp ping them. */
  readonly unreachable = new Set<string>();
  seq = 0;

  constructor(opts: ClusterSimOptions) {
    for (const n of opts.nodes) this.nodes.set(n.name.toLowerCase(), n);
    this.explicitInstall = { ...opts.installDir };
    this.now = opts.now ?? (() => new Date());
    this.writeConfToNodeFs = opts.writeConfToNodeFs ?? true;
  }

  node(name: string): SimNodeApi | undefined {
    return this.nodes.get(name.toLowerCase());
  }

  /** A server is up when its node exists, answers (isUp) and was not failed with failNode(). */
  isUp(server: string): boolean {
    const n = this.node(server);
    return n !== undefined && n.isUp() && !this.failed.has(server.toLowerCase());
  }

  log(message: string): void {
    this.events.push({ seq: ++this.seq, time: this.now().toISOString(), message });
    if (this.events.length > 1000) this.events.splice(0, this.events.length - 1000);
  }

  timestamp(): string {
    const d = this.now();
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  }

  requireConf(): ClusterConf {
    if (!this.current) throw new ClusterOpError("The cluster configuration does not exist. Upload it with clpcfctrl --push.");
    return this.current.conf;
  }

  serverName(name: string): string | undefined {
    return this.current?.conf.servers.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name;
  }

  requireServer(name: string): string {
    this.requireConf();
    const s = this.serverName(name);
    if (!s) throw new ClusterOpError(`Server ${name} is not a server of the cluster.`);
    return s;
  }

  /** Servers whose cluster service runs and that are up. */
  running(server: string): boolean {
    return this.isUp(server) && this.servers.get(server)?.clusterService === "running";
  }

  clusterState(): ClusterState {
    const conf = this.current?.conf;
    if (!conf || !conf.servers.some((s) => this.running(s.name))) return "stopped";
    return this.suspended ? "suspended" : "running";
  }

  orderedGroups(): GroupConf[] {
    const conf = this.requireConf();
    return [...conf.groups].sort((a, b) => (a.gid ?? 1e9) - (b.gid ?? 1e9));
  }

  group(name: string): GroupConf {
    const g = this.requireConf().groups.find((x) => x.name === name);
    if (!g) throw new ClusterOpError(`Group ${name} does not exist.`);
    return g;
  }

  /**
   * The product's install directory on a node: the option if given, else on Windows
   * `C:\\Program Files\\EXPRESSCLUSTER` or (Japanese builds) `C:\\Program Files\\CLUSTERPRO`, whichever exists
   * (EXPRESSCLUSTER when neither does); `/opt/nec/clusterpro` on Linux.
   */
  installDirOf(node: SimNodeApi): string {
    if (node.os === "linux") return this.explicitInstall.linux ?? "/opt/nec/clusterpro";
    if (this.explicitInstall.windows) return this.explicitInstall.windows;
    for (const dir of ["C:\\Program Files\\EXPRESSCLUSTER", "C:\\Program Files\\CLUSTERPRO"]) {
      try {
        if (node.fs.isDirectory(dir)) return dir;
      } catch {
        // not there
      }
    }
    return "C:\\Program Files\\EXPRESSCLUSTER";
  }

  /** `<install>\\etc\\clp.conf` on the node (where the product keeps the pushed configuration). */
  confPath(node: SimNodeApi): string {
    return node.os === "windows" ? `${this.installDirOf(node)}\\etc\\clp.conf` : `${this.installDirOf(node)}/etc/clp.conf`;
  }
}
