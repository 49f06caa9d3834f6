// The monitoring round (tick): servers that went down or came back, failover and failback, the monitor resources
// and their recovery, registry sync; plus the lab's fault injection (failed nodes, failing commands). Apart from
// activation.ts because these react to what happened rather than to a command.

import { child, childrenOf, textAt, type ClusterConf, type MonitorConf } from "./conf";
import type { SimCore } from "./core";
import { activateGroup, deactivateGroup, failbackAll, startOnFirstAvailable } from "./activation";
import { startCluster, stopCluster } from "./cluster-service";
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
import { reachable } from "./network-partition";

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

/** Injects (or clears) a monitor fault on a server: a genw's script exits non-zero there, a volmgrw's volume group is gone. */
export function setMonitorFault(c: SimCore, monitor: string, server: string, failing = true): void {
  const key = `${monitor}\n${c.serverName(server) ?? server}`;
  if (failing) c.monitorFaults.add(key);
  else c.monitorFaults.delete(key);
}

/** Makes an address unreachable (or reachable again) from every server, or from one. */
export function setUnreachable(c: SimCore, ip: string, unreachable = true, server?: string): void {
  const key = server ? `${ip}\n${c.serverName(server) ?? server}` : ip;
  if (unreachable) c.unreachable.add(key);
  else c.unreachable.delete(key);
}

/**
 * The monitor's final action (`emergency/action`, MonitorParameters_*_jp.md codes), taken once per error: 1 nothing,
 * 2 stop the group, 3 stop the cluster service on the server, 4/5 (and the OS-specific codes) stop the cluster service
 * and shut down / reboot the OS — the lab stops the cluster service and logs what the OS would do. Absent: 1 (inferred).
 */
function finalAction(c: SimCore, m: MonitorConf, server: string, group: string | undefined): void {
  const code = m.finalAction ?? 1;
  const g = group ? c.requireConf().groups.find((x) => x.name === group) : undefined;
  if (code === 1) {
    c.log(`Monitor ${m.name}: final action on ${server}: no operation.`);
  } else if (code === 2) {
    c.log(`Monitor ${m.name}: final action on ${server}: stop group ${g?.name ?? "(none)"}.`);
    if (g && c.groups.get(g.name)?.current === server) deactivateGroup(c, g, "GROUPSTOP");
  } else {
    const os = code === 4 ? " and shut down the OS" : code === 5 ? " and reboot the OS" : code === 3 ? "" : ` (action ${code})`;
    c.log(`Monitor ${m.name}: final action on ${server}: stop the cluster service${os}.`);
    stopCluster(c, [server]);
  }
}

function evaluateMonitors(c: SimCore): void {
  const conf = c.requireConf();
  for (const m of conf.monitors) {
    const rt = c.monitors.get(m.name)!;
    const { status, server, group } = monitorCheck(c, conf, m);
    if (status !== "Error") {
      rt.status = status;
      if (status === "Normal") { rt.restarts = 0; rt.failovers = 0; rt.finalActionTaken = false; }
      continue;
    }
    if (rt.status !== "Error") c.log(`Monitor ${m.name} detected an error on ${server ?? "?"}.`);
    rt.status = "Error";
    // Recovering the local server: its final action, directly.
    if (m.relationType === "cls" && server && c.running(server) && !rt.finalActionTaken && ["genw", "ipw", "miiw", "volmgrw"].includes(m.type)) {
      rt.finalActionTaken = true;
      finalAction(c, m, server, undefined);
      continue;
    }
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
    } else if (["genw", "ipw", "miiw", "volmgrw"].includes(m.type)) {
      if (!rt.finalActionTaken) {
        rt.finalActionTaken = true;
        c.log(`Monitor ${m.name}: recovery thresholds reached.`);
        finalAction(c, m, server, g.name);
      }
    } else {
      c.log(`Monitor ${m.name}: recovery thresholds reached; final action not simulated.`);
    }
  }
}

/** Where a monitor that watches no resource runs its check for recovery: its group's server, else the first running server that fails it. */
function checkServer(c: SimCore, conf: ClusterConf, m: MonitorConf, group: string | undefined, failsOn: (server: string) => boolean): string | undefined {
  const current = group ? c.groups.get(group)?.current : undefined;
  if (current) return current;
  const running = conf.servers.map((s) => s.name).filter((s) => c.running(s));
  return running.find(failsOn) ?? running[0];
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
    case "genw": {
      // The lab does not run genw.sh/genw.bat: an injected fault is "the script exited non-zero on that server".
      const server = checkServer(c, conf, m, recoveryGroup, (s) => c.monitorFaults.has(`${m.name}\n${s}`));
      if (!server) return { status: "Offline" };
      return { status: c.monitorFaults.has(`${m.name}\n${server}`) ? "Error" : "Normal", server, group: recoveryGroup };
    }
    case "ipw": {
      // An error when none of the addresses answers from the server (real ipw: every listed address fails).
      const targets = childrenOf(child(m.el, "parameters"), "list").map((l) => textAt(l, "ip") ?? "");
      const down = (s: string) => targets.length > 0 && targets.every((ip) => !reachable(c, s, ip));
      const server = checkServer(c, conf, m, recoveryGroup, down);
      if (!server) return { status: "Offline" };
      return { status: down(server) ? "Error" : "Normal", server, group: recoveryGroup };
    }
    case "miiw": {
      // The NIC named by parameters/object (a server@NAME/parameters/object overrides it): link down, or no such NIC, is an error.
      const nicOf = (s: string) => textAt(m.el, `server@${s}/parameters/object`) ?? textAt(m.el, "parameters/object") ?? "";
      const down = (s: string) => c.node(s)?.nics.get(nicOf(s)) !== true;
      const server = checkServer(c, conf, m, recoveryGroup, down);
      if (!server) return { status: "Offline" };
      return { status: down(server) ? "Error" : "Normal", server, group: recoveryGroup };
    }
    case "volmgrw": {
      // Active while its volmgr is (target); an injected fault is "the volume group is gone on that server".
      const rsc = conf.resources.get(m.target ?? "");
      const g = rsc?.group ? c.groups.get(rsc.group) : undefined;
      if (!g?.current) return { status: "Offline" };
      return { status: c.monitorFaults.has(`${m.name}\n${g.current}`) ? "Error" : "Normal", server: g.current, group: recoveryGroup ?? rsc?.group };
    }
    default:
      // userw and every other monitor type: always Normal in the lab.
      return { status: "Normal" };
  }
}
