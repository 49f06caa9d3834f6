// The simulated CLUSTERPRO X behaviour of one cluster, as a pure in-memory model over SimNodeApi nodes.
// No sockets, no processes: nodes are reached only through sim/node/types.ts. Commands (clpcl, clpgrp, …) are in
// commands.ts and call the operations below; the lab CLI and tests may call these operations directly.
// This class is the facade: the state lives in core.ts, the behaviour in push-gate.ts, activation.ts,
// cluster-service.ts, resources.ts, mirrors.ts, monitoring.ts, status.ts and persistence.ts.

import type { SimNodeApi } from "../node/types";
import type { ClusterConf } from "./conf";
import type { ClusterState, ClusterStatus } from "./render";
import { ClusterOpError } from "./errors";
import { execClp, type ClusterOps, type ExecContext, type ExecResult } from "./commands";
import { SimCore, type ClusterEvent, type ClusterSimOptions, type ClusterStats } from "./core";
import * as activation from "./activation";
import * as service from "./cluster-service";
import * as files from "./conf-files";
import * as gate from "./push-gate";
import * as mirrors from "./mirrors";
import * as monitoring from "./monitoring";
import * as persistence from "./persistence";
import * as sharedDisks from "./shared-disks";
import { regsyncKeys } from "./resources";
import { status } from "./status";

export { ClusterOpError };
export type { ResourceState, MirrorState, ClusterEvent, ClusterStats, ClusterSimOptions } from "./core";
export type { PushOptions, PushResult } from "./push-gate";
export type { ClusterSnapshot } from "./persistence";

export class ClusterSim implements ClusterOps {
  private readonly core: SimCore;
  readonly stats: ClusterStats;
  readonly events: ClusterEvent[];

  constructor(opts: ClusterSimOptions) {
    this.core = new SimCore(opts);
    this.stats = this.core.stats;
    this.events = this.core.events;
  }

  /** The bytes of the last push the cluster refused and why (for inspection; never loaded). */
  get lastRefusedPush(): { bytes: Buffer; reason: string } | undefined {
    return this.core.lastRefusedPush;
  }

  // Nodes, faults, log

  node(name: string): SimNodeApi | undefined { return this.core.node(name); }
  /** A server is up when its node exists, answers (isUp) and was not failed with failNode(). */
  isUp(server: string): boolean { return this.core.isUp(server); }
  /** Simulates a power loss of the node as far as the cluster is concerned; the next tick() reacts. */
  failNode(name: string): void { monitoring.failNode(this.core, name); }
  /** Undoes failNode(); the node counts as rebooted (clears a pending reboot). The next tick() lets it rejoin. */
  recoverNode(name: string): void { monitoring.recoverNode(this.core, name); }
  /** The lab tells the cluster a node's OS was rebooted: pending reboots clear, the mirror agent runs again. */
  nodeRebooted(name: string): void { monitoring.nodeRebooted(this.core, name); }
  /** Makes the next `times` invocations of a clp* command fail (exitCode 9 simulates "busy"). times < 0 = forever. */
  failCommand(command: string, times = 1, exitCode = 1): void { monitoring.failCommand(this.core, command, times, exitCode); }
  /** The lab's disk fault: a shared disk's drive, mount point or device cannot be reached from `server`. */
  failDisk(server: string, what: string): void { monitoring.failDisk(this.core, server, what); }
  /** The lab's name fault: a virtual computer name stops answering from `server`. */
  failName(server: string, name: string): void { monitoring.failName(this.core, server, name); }
  /** A client's lookup of a virtual computer name: its floating IP and the server that answers, while online. */
  resolveName(name: string): { server: string; address: string; resource: string } | undefined { return sharedDisks.resolveName(this.core, name); }
  clearFaults(): void {
    this.core.faults.clear();
    this.core.diskFaults.clear();
    this.core.monitorFaults.clear();
    this.core.unreachable.clear();
  }
  /** A monitor fault on a server (genw: its script exits non-zero; volmgrw: the volume group is gone); the next tick() reacts. */
  setMonitorFault(monitor: string, server: string, failing = true): void { monitoring.setMonitorFault(this.core, monitor, server, failing); }
  /** An address that stops (or starts again) answering pings, from every server or from one (ipw, pingnp). */
  setUnreachable(ip: string, unreachable = true, server?: string): void { monitoring.setUnreachable(this.core, ip, unreachable, server); }
  /** Consumes one injected failure of `command`, if any. */
  takeFault(command: string): { exitCode: number } | undefined { return monitoring.takeFault(this.core, command); }
  log(message: string): void { this.core.log(message); }

  /**
   * Runs a clp* command (clpcfctrl, clpcl, clpgrp, clprsc, clpstat, clpmdstat, clpmdctrl) on a node.
   * Throws SimError("node-down") when the node does not answer.
   */
  exec(nodeName: string, argv: string[], ctx: ExecContext = {}): ExecResult {
    return execClp(this, nodeName, argv, ctx);
  }

  // Configuration

  /** The clp.conf bytes a node holds (undefined before the first push reached it). */
  conf(node: string): Buffer | undefined { return this.core.confCopies.get(node.toLowerCase()); }
  /** The configuration the cluster runs with. */
  config(): ClusterConf | undefined { return this.core.current?.conf; }
  hasConfig(): boolean { return this.core.current !== undefined; }
  /** Copies a configuration folder's scripts/ tree (on `from`) into `server`'s install folder, replacing its scripts. */
  installScripts(server: string, from: SimNodeApi, scripts: string): void { files.installScripts(this.core, server, from, scripts); }
  /** Writes `node`'s installed scripts/ tree into a pulled configuration folder (as clpcfctrl --pull does). */
  exportScripts(node: SimNodeApi, scripts: string): void { files.exportScripts(this.core, node, scripts); }
  /** The product's install directory on a node (see SimCore.installDirOf). */
  installDirOf(node: SimNodeApi): string { return this.core.installDirOf(node); }
  /** `<install>\\etc\\clp.conf` on the node (where the product keeps the pushed configuration). */
  confPath(node: SimNodeApi): string { return this.core.confPath(node); }
  /** Validates bytes as the product's configuration check would (well-formed, references resolve, no loops). */
  check(bytes: Buffer): ClusterConf { return gate.check(bytes); }
  /** `clpcfctrl --push` (push-gate.ts). Throws ClusterOpError when refused. */
  push(bytes: Buffer, opts: gate.PushOptions = {}): gate.PushResult { return gate.push(this.core, bytes, opts); }

  // Cluster state and service

  serverName(name: string): string | undefined { return this.core.serverName(name); }
  clusterState(): ClusterState { return this.core.clusterState(); }
  /** `clpcl -s`: starts the cluster service on servers; the first start of a stopped cluster auto-starts groups. */
  startCluster(servers?: string[]): { server: string; error?: string }[] { return service.startCluster(this.core, servers); }
  /** `clpcl -t`: stops the cluster service on servers; their groups stop (and fail over when others still run). */
  stopCluster(servers?: string[]): { server: string; error?: string }[] { return service.stopCluster(this.core, servers); }
  /** `clpcl -t --md`: stops the mirror agent (and the cluster service first where it still runs). */
  stopMirrorAgent(servers?: string[]): void { service.stopMirrorAgent(this.core, servers); }
  /** `clpcl -s --md`: starts the mirror agent again (it also starts with the OS and with clpcl -s). */
  startMirrorAgent(servers?: string[]): void { service.startMirrorAgent(this.core, servers); }
  suspend(): void { service.suspend(this.core); }
  resume(): void { service.resume(this.core); }

  // Groups and resources

  /** Where a group runs (clpgrp -n), or null. */
  groupLocation(name: string): string | null { return activation.groupLocation(this.core, name); }
  /** `clpgrp -s grp [-h server]`. */
  startGroup(name: string, server: string): void { activation.startGroup(this.core, name, server); }
  /** `clpgrp -t grp`. */
  stopGroup(name: string): void { activation.stopGroup(this.core, name); }
  /** `clpgrp -m grp [-a dest]`: moves an online group to `dest` or the next running startup server. */
  moveGroup(name: string, dest?: string): string { return activation.moveGroup(this.core, name, dest); }
  /** `clprsc -s rsc [-h server] [-f]`: -f also starts the resources it depends on. */
  startResource(rsc: string, server: string, force: boolean): void { activation.startResource(this.core, rsc, server, force); }
  /** `clprsc -t rsc [-f]`: -f also stops the resources that depend on it. */
  stopResource(rsc: string, force: boolean): void { activation.stopResource(this.core, rsc, force); }
  /** Registry keys of a regsync resource: `<parameters><key>…</key></parameters>` (lab assumption, real XML UNCONFIRMED). */
  regsyncKeys(rsc: string): string[] { return regsyncKeys(this.core, rsc); }

  // Mirrors

  /** `clpmdctrl --break md`: the mirror is broken; standby writes stop until recovery. */
  mdBreak(md: string): void { mirrors.mdBreak(this.core, md); }
  /** `clpmdctrl --recover md`: copies the latest data to the other server (both must be up). */
  mdRecover(md: string): void { mirrors.mdRecover(this.core, md); }
  /** `clpmdctrl --force md` (run on `server`): declares that server's data the latest. */
  mdForce(md: string, server: string): void { mirrors.mdForce(this.core, md, server); }

  // Monitoring, status, persistence

  /** One monitoring round (monitoring.ts); returns the event messages logged during the round. */
  tick(): string[] { return monitoring.tick(this.core); }
  /** The machine-readable status as seen from `localServer` (clpstat --json and all text views). */
  status(localServer?: string): ClusterStatus { return status(this.core, localServer); }
  snapshot(): persistence.ClusterSnapshot { return persistence.snapshot(this.core); }

  /**
   * Rebuilds a cluster from snapshot() output over the (restored) nodes. Node-side effects (addresses, services,
   * files) are the nodes' own persistent state and are not replayed; mirror volumes are re-attached with the same
   * store id and generation, so a node must key volume content by SimVolume.id.
   */
  static restore(snap: persistence.ClusterSnapshot, nodes: SimNodeApi[], opts: Omit<ClusterSimOptions, "nodes"> = {}): ClusterSim {
    if (snap.version !== 1) throw new Error(`unsupported cluster snapshot version ${String(snap.version)}`);
    const sim = new ClusterSim({ ...opts, nodes, installDir: opts.installDir ?? snap.installDir });
    persistence.restoreInto(sim.core, snap);
    return sim;
  }
}
