// The lab's view of the simulated CLUSTERPRO cluster (sim/cluster/): the few calls the lab, its
// control channel and its CLI need.
import { ClusterSim, type ClusterSnapshot } from "./cluster";
import type { SimNode } from "./node/node";

export interface LabCluster {
  /** Runs clpcfctrl, clpcl, clpgrp, clprsc, clpstat, clpmdstat or clpmdctrl as if on `node`. */
  exec(node: string, argv: string[]): { exitCode: number; stdout: string; stderr: string };
  /** Monitors: failover after a node failure or a dead monitored service. */
  tick(): void;
  /** Called after agent operations changed a node (a service stopped by hand, …). */
  afterNodeChange(node: string): void;
  /** The node's clp.conf bytes, or undefined before the first push. */
  conf(node: string): Buffer | undefined;
  pushes(): number;
  /** The bytes of the last push the cluster refused and its reason (never loaded), or undefined. */
  lastRefusedPush(): { bytes: Buffer; reason: string } | undefined;
  resetStats(): void;
  /** A clpstat-like table (servers, groups and where they run, resources, monitors, mirror state). */
  statusText(): string;
  statusJson(): unknown;
  /** The cluster's alert log, oldest first ("Activating group failover has started.", …). */
  events(): { time: string; message: string }[];
  snapshot(): unknown;
  /** Fault: a shared disk's drive, mount point or device cannot be reached from `node` (until clearFaults). */
  failDisk(node: string, what: string): void;
  /** Fault: a virtual computer name stops answering from `node` (until clearFaults). */
  failName(node: string, name: string): void;
  clearFaults(): void;
  /** A client's name lookup of a virtual computer name (undefined: no answer). */
  resolveName(name: string): { server: string; address: string; resource: string } | undefined;
  /** A monitor fault on a server (genw: its script exits non-zero; volmgrw: the volume group is gone), or its end. */
  setMonitorFault(monitor: string, server: string, failing: boolean): void;
  /** An address that stops (or starts again) answering pings, from every server or from one (ipw, pingnp). */
  setUnreachable(ip: string, unreachable: boolean, server?: string): void;
}

class ClusterAdapter implements LabCluster {
  constructor(private readonly sim: ClusterSim, private readonly nodes: SimNode[]) {}

  exec(node: string, argv: string[]) {
    return this.sim.exec(node, argv);
  }

  tick(): void {
    this.sim.tick();
  }

  afterNodeChange(): void {
    this.sim.tick();
  }

  conf(node: string): Buffer | undefined {
    return this.sim.conf(node);
  }

  pushes(): number {
    return this.sim.stats.pushes;
  }

  lastRefusedPush(): { bytes: Buffer; reason: string } | undefined {
    return this.sim.lastRefusedPush;
  }

  resetStats(): void {
    this.sim.stats.pushes = 0;
  }

  private viewpoint(): string | undefined {
    return this.nodes.find((n) => n.isUp())?.name;
  }

  statusText(): string {
    const local = this.viewpoint();
    if (!local) return "all nodes are down\n";
    const stat = this.sim.exec(local, ["clpstat"]);
    const md = this.sim.exec(local, ["clpmdstat", "-l"]);
    const mirrors = md.exitCode === 0 ? [...md.stdout.matchAll(/<([^>]+)>/g)].map((m) => this.sim.exec(local, ["clpmdstat", "-m", m[1]]).stdout).join("") : "";
    const down = this.nodes.filter((n) => !n.isUp()).map((n) => `  ${n.name}: DOWN (simulated failure)\n`).join("");
    return `${stat.stdout}${stat.stderr}${mirrors}${down}`;
  }

  statusJson(): unknown {
    const local = this.viewpoint();
    if (!local) return { nodes: this.nodes.map((n) => ({ name: n.name, up: false })) };
    const r = this.sim.exec(local, ["clpstat", "--json"]);
    return r.exitCode === 0 ? JSON.parse(r.stdout) : { error: r.stderr };
  }

  events(): { time: string; message: string }[] {
    return this.sim.events.map((e) => ({ time: e.time, message: e.message }));
  }

  snapshot(): unknown {
    return this.sim.snapshot();
  }

  failDisk(node: string, what: string): void {
    this.sim.failDisk(node, what);
  }

  failName(node: string, name: string): void {
    this.sim.failName(node, name);
  }

  clearFaults(): void {
    this.sim.clearFaults();
  }

  resolveName(name: string): { server: string; address: string; resource: string } | undefined {
    return this.sim.resolveName(name);
  }

  setMonitorFault(monitor: string, server: string, failing: boolean): void {
    this.sim.setMonitorFault(monitor, server, failing);
  }

  setUnreachable(ip: string, unreachable: boolean, server?: string): void {
    this.sim.setUnreachable(ip, unreachable, server);
  }
}

export function createLabCluster(nodes: SimNode[]): LabCluster {
  return new ClusterAdapter(new ClusterSim({ nodes }), nodes);
}

export function restoreLabCluster(snapshot: unknown, nodes: SimNode[]): LabCluster {
  return new ClusterAdapter(ClusterSim.restore(snapshot as ClusterSnapshot, nodes), nodes);
}
