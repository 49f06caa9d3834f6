// The monitoring round (tick): servers that went down or came back, failover and failback, the monitor resources
// and their recovery, registry sync; plus the lab's fault injection (failed nodes, failing commands). Apart from
// activation.ts because these react to what happened rather than to a command.

import { textAt, type ClusterConf, type MonitorConf } from "./conf";
import type { SimCore } from "./core";
import { activateGroup, deactivateGroup, failbackAll, startOnFirstAvailable } from "./activation";
import { startCluster } from "./cluster-service";
import { deliver } from "./conf-files";
import { attach, mirrorAutoRecovery, refreshMirrors } from "./mirrors";
import { findService, releaseOnNode, syncRegistry } from "./resources";
import { failDisk as failSharedDisk, failName as failVcomName, storageMonitorStatus } from "./shared-disks";

/** The lab's disk fault: a drive, mount point or device of a shared disk cannot be reached from `server`. */
export function failDisk(c: SimCore, server: string, what: string): void {
  failSharedDisk(c, server, what);
}

/** The lab's name fault: a virtual computer name stops answering from `server`. */
export function failName(c: SimCore, server: string, name: string): void {
  failVcomName(c, server, name);
}

/** Simulates a power loss of the node as far as the cluster is concerned; the next tick() reacts. */
export function failNode(c: SimCore, name: string): void {
  refreshMirrors(c);
  c.failed.add(name.toLowerCase());
}

/** Undoes failNode(); the node counts as rebooted (clears a pending reboot). The next tick() lets it rejoin. */
export function recoverNode(c: SimCore, name: string): void {
  c.failed.delete(name.toLowerCase());
  nodeRebooted(c, name);
}

/** The lab tells the cluster a node's OS was rebooted: pending reboots clear, the mirror agent runs again. */
export function nodeRebooted(c: SimCore, name: string): void {
  const srv = c.serverName(name);
  const rt = srv ? c.servers.get(srv) : undefined;
  if (rt) {
    rt.pendingReboot = false;
    rt.mirrorAgent = "running";
  }
}

/** Makes the next `times` invocations of a clp* command fail (exitCode 9 simulates "busy"). times < 0 = forever. */
export function failCommand(c: SimCore, command: string, times = 1, exitCode = 1): void {
  c.faults.set(command.toLowerCase(), { remaining: times, exitCode });
}

/** Consumes one injected failure of `command`, if any. */
export function takeFault(c: SimCore, command: string): { exitCode: number } | undefined {
  const f = c.faults.get(command.toLowerCase());
  if (!f || f.remaining === 0) return undefined;
  if (f.remaining > 0) f.remaining--;
  return { exitCode: f.exitCode };
}

/**
 * One monitoring round: detects servers that went down or came back, fails groups over, evaluates monitors
 * (fipw, servicew, mdw, mdnw; userw/genw and unknown types are always Normal), syncs registries, recovers mirrors.
 * Returns the event messages logged during the round.
 */
export function tick(c: SimCore): string[] {
  const first = c.seq;
  const conf = c.current?.conf;
  if (!conf) return [];
  refreshMirrors(c);
  const back: string[] = [];
  for (const s of conf.servers) {
    const rt = c.servers.get(s.name)!;
    const up = c.isUp(s.name);
    if (rt.wasUp && !up) serverDown(c, s.name);
    else if (!rt.wasUp && up) back.push(s.name);
    rt.wasUp = up;
    // A server that missed a push (down, --force) gets the current configuration as soon as it answers.
    const copy = c.confCopies.get(s.name.toLowerCase());
    if (up && c.current && (!copy || !copy.equals(c.current.bytes))) {
      deliver(c, s.name, c.current.bytes);
      for (const m of c.mirrors.values()) if (m.servers.includes(s.name)) attach(c, m, s.name);
    }
  }
  if (back.length > 0) serversBack(c, back);
  if (c.clusterState() === "running") {
    evaluateMonitors(c);
    for (const g of conf.groups) {
      const rt = c.groups.get(g.name)!;
      if (!rt.current) continue;
      for (const r of g.resources) if (conf.resources.get(r)?.type === "regsync" && rt.resources[r] === "Online") syncRegistry(c, r, rt.current);
    }
    mirrorAutoRecovery(c);
  }
  return c.events.filter((e) => e.seq > first).map((e) => e.message);
}

function serverDown(c: SimCore, server: string): void {
  c.log(`Server ${server} has been stopped abnormally (down).`);
  const wasRunning = c.servers.get(server)!.clusterService === "running";
  c.servers.get(server)!.clusterService = "stopped";
  for (const g of c.orderedGroups()) {
    const rt = c.groups.get(g.name)!;
    if (rt.current !== server) continue;
    // Best-effort cleanup of what the dead node held (its addresses and disks are gone with it).
    releaseOnNode(c, g, server);
    for (const r of g.resources) rt.resources[r] = "Offline";
    rt.current = null;
    if (!wasRunning || c.suspended) continue;
    if (g.autoFailover) {
      c.log(`Failover group ${g.name} has started.`);
      const to = startOnFirstAvailable(c, g, "FAILOVER", [server]);
      if (to) {
        c.stats.failovers++;
        c.log(`Failover group ${g.name} has completed.`);
      } else c.log(`Failover group ${g.name} has failed.`);
    } else {
      c.log(`Group ${g.name} has manual failover; it stays stopped until clpgrp -s/-m.`);
    }
  }
}

/** Servers that answer again (rebooted). Several coming back in one round start the cluster together. */
function serversBack(c: SimCore, servers: string[]): void {
  const conf = c.requireConf();
  // A returning server holds nothing of a group that is active on another server (its groups failed over when it
  // went down): whatever it still has of those is dropped, and its groups stay where they run now.
  for (const server of servers) {
    for (const g of conf.groups) {
      const cur = c.groups.get(g.name)?.current;
      if (cur && cur !== server) releaseOnNode(c, g, server);
    }
  }
  for (const server of servers) for (const m of c.mirrors.values()) if (m.servers.includes(server)) attach(c, m, server);
  // The cluster service starts with the OS when it was started before (clpcl -s) and not stopped (clpcl -t):
  // the server rejoins a running cluster, or the servers start the cluster (auto-start groups) together.
  const starting = servers.filter((s) => c.servers.get(s)!.enabled && !c.servers.get(s)!.pendingReboot);
  if (starting.length === 0) return;
  if (conf.servers.some((s) => !servers.includes(s.name) && c.running(s.name))) {
    for (const server of starting) {
      const rt = c.servers.get(server)!;
      rt.clusterService = "running";
      rt.mirrorAgent = "running";
      c.log(`Server ${server} has started.`);
    }
    failbackAll(c);
  } else if (!c.suspended || c.clusterState() === "stopped") {
    startCluster(c, starting);
  }
}

function monitorActiveTime(m: MonitorConf): boolean {
  return m.timing === 1 || (m.timing === undefined && m.target !== undefined);
}

function evaluateMonitors(c: SimCore): void {
  const conf = c.requireConf();
  for (const m of conf.monitors) {
    const rt = c.monitors.get(m.name)!;
    const { status, server, group } = monitorCheck(c, conf, m);
    if (status !== "Error") {
      rt.status = status;
      if (status === "Normal") { rt.restarts = 0; rt.failovers = 0; }
      continue;
    }
    if (rt.status !== "Error") c.log(`Monitor ${m.name} detected an error on ${server ?? "?"}.`);
    rt.status = "Error";
    const g = conf.groups.find((x) => x.name === group);
    if (!g || !server || c.groups.get(g.name)?.current !== server) continue;
    const restartMax = m.restart ?? 0;
    const foMax = m.failover ?? 1;
    if (rt.restarts < restartMax) {
      rt.restarts++;
      c.log(`Monitor ${m.name}: restarting group ${g.name} on ${server}.`);
      deactivateGroup(c, g, "RESOURCERESTART");
      if (!activateGroup(c, g, server, "RECOVER")) rt.status = "Normal";
    } else if (rt.failovers < foMax) {
      rt.failovers++;
      c.log(`Failover group ${g.name} has started (monitor ${m.name}).`);
      deactivateGroup(c, g, "GROUPFAILOVER");
      const to = startOnFirstAvailable(c, g, "FAILOVER", [server]) ?? (activateGroup(c, g, server, "RECOVER") ? null : server);
      if (to && to !== server) {
        c.stats.failovers++;
        c.log(`Failover group ${g.name} has completed.`);
      }
    } else {
      c.log(`Monitor ${m.name}: recovery thresholds reached; final action not simulated.`);
    }
  }
}

/** A monitor's status now (and, on Error, the server and the group its recovery acts on). */
export function monitorCheck(c: SimCore, conf: ClusterConf, m: MonitorConf): { status: string; server?: string; group?: string } {
  const rscGroup = (n: string | undefined) => (n ? conf.resources.get(n)?.group : undefined);
  const recoveryGroup = m.relationType === "grp" ? m.relationName : m.relationType === "rsc" ? rscGroup(m.relationName) : rscGroup(m.target);
  if (monitorActiveTime(m)) {
    const tg = rscGroup(m.target);
    const grt = tg ? c.groups.get(tg) : undefined;
    if (!grt?.current || grt.resources[m.target!] !== "Online") return { status: "Offline" };
  }
  switch (m.type) {
    case "fipw": {
      const rsc = conf.resources.get(m.target ?? m.relationName ?? "");
      const g = rsc?.group ? c.groups.get(rsc.group) : undefined;
      if (!rsc || !g?.current) return { status: "Offline" };
      const ip = textAt(rsc.el, "parameters/ip") ?? "";
      const ok = c.node(g.current)?.activeAddresses.has(ip) ?? false;
      return { status: ok ? "Normal" : "Error", server: g.current, group: recoveryGroup ?? rsc.group };
    }
    case "servicew": {
      const rsc = conf.resources.get(m.target ?? m.relationName ?? "");
      const g = rsc?.group ? c.groups.get(rsc.group) : undefined;
      if (!rsc || !g?.current) return { status: "Offline" };
      const name = textAt(m.el, "parameters/name") || textAt(rsc.el, "parameters/name") || rsc.name;
      const node = c.node(g.current);
      const svc = node ? findService(node, name) : undefined;
      const ok = node !== undefined && svc !== undefined && node.services.get(svc)?.state === "running";
      return { status: ok ? "Normal" : "Error", server: g.current, group: recoveryGroup ?? rsc.group };
    }
    case "mdw":
    case "mdnw": {
      const md = textAt(m.el, "parameters/object") ?? "";
      const mr = c.mirrors.get(md);
      if (!mr) return { status: "Normal" };
      if (m.type === "mdw") return { status: mr.state === "normal" ? "Normal" : "Warning" };
      return { status: mr.servers.every((s) => c.running(s)) ? "Normal" : "Warning" };
    }
    case "sdw":
    case "vcomw":
    case "diskw":
      return storageMonitorStatus(c, conf, m.type, (textAt(m.el, "parameters/object") || m.target || "").trim(), recoveryGroup);
    default:
      // userw, genw and every other monitor type: always Normal in the lab.
      return { status: "Normal" };
  }
}
