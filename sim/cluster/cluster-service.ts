// The cluster service on each server (clpcl start/stop, the mirror agent, suspend/resume): what a start of a stopped
// cluster auto-starts and what a stop fails over. Apart from activation.ts, which it drives, because these change
// server state, not one group's.

import { failbackAll, deactivateGroup, startOnFirstAvailable } from "./activation";
import type { SimCore } from "./core";
import { ClusterOpError } from "./errors";
import { mirrorAutoRecovery, refreshMirrors } from "./mirrors";

/** `clpcl -s`: starts the cluster service on servers; the first start of a stopped cluster auto-starts groups. */
export function startCluster(c: SimCore, servers?: string[]): { server: string; error?: string }[] {
  const conf = c.requireConf();
  if (c.suspended && c.clusterState() === "suspended") throw new ClusterOpError("The cluster is suspended. Resume it with clpcl --resume.");
  const wasStopped = c.clusterState() === "stopped";
  c.suspended = false;
  const targets = (servers ?? conf.servers.map((s) => s.name)).map((s) => c.requireServer(s));
  const results: { server: string; error?: string }[] = [];
  for (const s of targets) {
    const rt = c.servers.get(s)!;
    if (!c.isUp(s)) results.push({ server: s, error: "Could not connect to the server." });
    else if (rt.pendingReboot) results.push({ server: s, error: "The configuration needs a reboot of this server before the cluster service can start." });
    else {
      rt.clusterService = "running";
      rt.mirrorAgent = "running";
      rt.enabled = true;
      rt.wasUp = true;
      results.push({ server: s });
      c.log(`Server ${s} has started.`);
    }
  }
  refreshMirrors(c);
  if (wasStopped && c.clusterState() === "running") {
    for (const g of c.orderedGroups()) {
      if (!g.autoStart) continue;
      const rt = c.groups.get(g.name)!;
      if (rt.current) continue;
      startOnFirstAvailable(c, g, "START");
    }
  } else {
    failbackAll(c);
  }
  mirrorAutoRecovery(c);
  return results;
}

/** `clpcl -t`: stops the cluster service on servers; their groups stop (and fail over when others still run). */
export function stopCluster(c: SimCore, servers?: string[]): { server: string; error?: string }[] {
  const conf = c.requireConf();
  const targets = (servers ?? conf.servers.map((s) => s.name)).map((s) => c.requireServer(s));
  const all = conf.servers.every((s) => targets.includes(s.name) || !c.running(s.name));
  const results: { server: string; error?: string }[] = [];
  if (all) c.suspended = false;
  for (const g of [...c.orderedGroups()].reverse()) {
    const rt = c.groups.get(g.name)!;
    if (rt.current && targets.includes(rt.current)) {
      const from = rt.current;
      // A server that does not answer cannot stop its groups: they stay there until a monitoring round notices it down.
      if (!c.isUp(from)) continue;
      deactivateGroup(c, g, "CLUSTERSHUTDOWN");
      if (!all && g.autoFailover) startOnFirstAvailable(c, g, "FAILOVER", [from, ...targets]);
    }
  }
  for (const s of targets) {
    const rt = c.servers.get(s)!;
    if (!c.isUp(s)) {
      results.push({ server: s, error: "Could not connect to the server." });
      continue;
    }
    rt.clusterService = "stopped";
    rt.enabled = false;
    results.push({ server: s });
    c.log(`Server ${s} has been stopped.`);
  }
  return results;
}

/** `clpcl -t --md`: stops the mirror agent (and the cluster service first where it still runs). */
export function stopMirrorAgent(c: SimCore, servers?: string[]): void {
  const conf = c.requireConf();
  const targets = (servers ?? conf.servers.map((x) => x.name)).map((x) => c.requireServer(x));
  // The cluster service cannot run without the mirror agent: stop it first where it still runs.
  const running = targets.filter((s) => c.running(s));
  if (running.length > 0) stopCluster(c, running);
  for (const s of targets) c.servers.get(s)!.mirrorAgent = "stopped";
}

/** `clpcl -s --md`: starts the mirror agent again (it also starts with the OS and with clpcl -s). */
export function startMirrorAgent(c: SimCore, servers?: string[]): void {
  const conf = c.requireConf();
  for (const s of (servers ?? conf.servers.map((x) => x.name)).map((x) => c.requireServer(x))) c.servers.get(s)!.mirrorAgent = "running";
}

export function suspend(c: SimCore): void {
  const st = c.clusterState();
  if (st === "stopped") throw new ClusterOpError("The cluster is not running.");
  if (st === "suspended") throw new ClusterOpError("The cluster is already suspended.");
  c.suspended = true;
  c.log("The cluster has been suspended.");
}

export function resume(c: SimCore): void {
  if (c.clusterState() !== "suspended") throw new ClusterOpError("The cluster is not suspended.");
  c.suspended = false;
  c.log("The cluster has been resumed.");
}
