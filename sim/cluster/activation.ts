// Group and resource operations (clpgrp start/stop/move, clprsc start/stop) and the activation they share with
// cluster start, failover and failback: dependency order, rollback on failure, the event messages of each step.

import { activationOrder, dependents, effectiveDependencies } from "./dependencies";
import { startupServers, type GroupConf } from "./conf";
import type { SimCore } from "./core";
import { ClusterOpError } from "./errors";
import { activateResource, deactivateResource } from "./resources";

function requireOperable(c: SimCore): void {
  const st = c.clusterState();
  if (st === "stopped") throw new ClusterOpError("The cluster is not running.");
  if (st === "suspended") throw new ClusterOpError("The cluster is suspended. Group and resource operations are not possible.");
}

/**
 * Refuses to stop a group on a server that does not answer (down, and no monitoring round noticed it yet):
 * nothing can be deactivated there, so starting the group elsewhere would activate its FIP/md/service twice.
 */
function requireReachable(c: SimCore, g: GroupConf, server: string): void {
  if (c.isUp(server)) return;
  throw new ClusterOpError(
    `Could not connect to server ${server}, where group ${g.name} is active: the server is down or unreachable. ` +
      `Group ${g.name} stays on ${server} until the cluster detects the server down.`,
  );
}

/** Where a group runs (clpgrp -n), or null. */
export function groupLocation(c: SimCore, name: string): string | null {
  c.group(name);
  return c.groups.get(name)?.current ?? null;
}

/** `clpgrp -s grp [-h server]`. */
export function startGroup(c: SimCore, name: string, server: string): void {
  requireOperable(c);
  const g = c.group(name);
  const srv = c.requireServer(server);
  const rt = c.groups.get(g.name)!;
  if (rt.current === srv) return;
  if (rt.current) throw new ClusterOpError(`Group ${g.name} is already started on ${rt.current}.`);
  if (!startupServers(c.requireConf(), g).includes(srv)) throw new ClusterOpError(`Server ${srv} is not a startup server of group ${g.name}.`);
  if (!c.running(srv)) throw new ClusterOpError(`The cluster service is not running on ${srv}.`);
  const err = activateGroup(c, g, srv, "START");
  if (err) throw new ClusterOpError(`Failed to start group ${g.name} on ${srv}: ${err}`);
}

/** `clpgrp -t grp`. */
export function stopGroup(c: SimCore, name: string): void {
  requireOperable(c);
  const g = c.group(name);
  const rt = c.groups.get(g.name)!;
  if (!rt.current) {
    rt.failed = false;
    for (const r of Object.keys(rt.resources)) rt.resources[r] = "Offline";
    return;
  }
  requireReachable(c, g, rt.current);
  deactivateGroup(c, g, "GROUPSTOP");
}

/** `clpgrp -m grp [-a dest]`: moves an online group to `dest` or the next running startup server. */
export function moveGroup(c: SimCore, name: string, dest?: string): string {
  requireOperable(c);
  const g = c.group(name);
  const rt = c.groups.get(g.name)!;
  if (!rt.current) throw new ClusterOpError(`Group ${g.name} is not started.`);
  const from = rt.current;
  const order = startupServers(c.requireConf(), g);
  let target: string | undefined;
  if (dest !== undefined) {
    target = c.requireServer(dest);
    if (target === from) throw new ClusterOpError(`Group ${g.name} is already started on ${target}.`);
    if (!order.includes(target)) throw new ClusterOpError(`Server ${target} is not a startup server of group ${g.name}.`);
    if (!c.running(target)) {
      const why = c.isUp(target) ? "its cluster service is stopped" : "it is down or unreachable";
      throw new ClusterOpError(`Server ${target} is not running (${why}): group ${g.name} cannot be moved there and stays on ${from}.`);
    }
  } else {
    const i = order.indexOf(from);
    const rotated = [...order.slice(i + 1), ...order.slice(0, Math.max(i, 0))];
    target = rotated.find((s) => s !== from && c.running(s));
    if (!target) throw new ClusterOpError(`There is no server to move group ${g.name} to: no other startup server is running. The group stays on ${from}.`);
  }
  requireReachable(c, g, from);
  c.log(`Moving group ${g.name} has started.`);
  deactivateGroup(c, g, "GROUPMOVE");
  const err = activateGroup(c, g, target, "START");
  if (err) {
    c.log(`Moving group ${g.name} has failed: ${err}`);
    throw new ClusterOpError(`Failed to move group ${g.name} to ${target}: ${err}`);
  }
  c.log(`Moving group ${g.name} has completed.`);
  return target;
}

function resourceGroup(c: SimCore, rsc: string): GroupConf {
  const conf = c.requireConf();
  const r = conf.resources.get(rsc);
  if (!r) throw new ClusterOpError(`Resource ${rsc} does not exist.`);
  if (!r.group) throw new ClusterOpError(`Resource ${rsc} does not belong to a group.`);
  return c.group(r.group);
}

/** `clprsc -s rsc [-h server] [-f]`: -f also starts the resources it depends on. */
export function startResource(c: SimCore, rsc: string, server: string, force: boolean): void {
  requireOperable(c);
  const g = resourceGroup(c, rsc);
  const rt = c.groups.get(g.name)!;
  const srv = rt.current ?? c.requireServer(server);
  if (rt.current && server && c.serverName(server) !== rt.current) throw new ClusterOpError(`Group ${g.name} is started on ${rt.current}.`);
  if (!c.running(srv)) throw new ClusterOpError(`The cluster service is not running on ${srv}.`);
  const conf = c.requireConf();
  const needed = new Set<string>([rsc]);
  const addDeps = (r: string) => {
    for (const d of effectiveDependencies(conf, g, r)) if (!needed.has(d)) { needed.add(d); addDeps(d); }
  };
  addDeps(rsc);
  const missing = [...needed].filter((r) => r !== rsc && rt.resources[r] !== "Online");
  if (missing.length > 0 && !force) throw new ClusterOpError(`Resource ${rsc} depends on ${missing.join(", ")}, which are not started. Use -f to start them too.`);
  rt.current = srv;
  for (const r of activationOrder(conf, g)) {
    if (!needed.has(r) || rt.resources[r] === "Online") continue;
    const err = activateResource(c, g, r, srv, "START");
    if (err) throw new ClusterOpError(`Failed to start resource ${r}: ${err}`);
  }
}

/** `clprsc -t rsc [-f]`: -f also stops the resources that depend on it. */
export function stopResource(c: SimCore, rsc: string, force: boolean): void {
  requireOperable(c);
  const g = resourceGroup(c, rsc);
  const rt = c.groups.get(g.name)!;
  if (!rt.current) return;
  requireReachable(c, g, rt.current);
  const conf = c.requireConf();
  const deps = dependents(conf, g, rsc).filter((r) => rt.resources[r] === "Online");
  if (deps.length > 0 && !force) throw new ClusterOpError(`Resources ${deps.join(", ")} depend on ${rsc} and are started. Use -f to stop them too.`);
  const stopSet = new Set([rsc, ...deps]);
  for (const r of [...activationOrder(conf, g)].reverse()) {
    if (stopSet.has(r) && rt.resources[r] === "Online") deactivateResource(c, g, r, rt.current, "GROUPSTOP");
  }
  if (Object.values(rt.resources).every((s) => s !== "Online")) rt.current = null;
}

export function startOnFirstAvailable(c: SimCore, g: GroupConf, event: "START" | "FAILOVER", exclude: string[] = []): string | null {
  const rt = c.groups.get(g.name)!;
  for (const s of startupServers(c.requireConf(), g)) {
    if (exclude.includes(s) || !c.running(s)) continue;
    const err = activateGroup(c, g, s, event);
    if (!err) return s;
    c.log(`Group ${g.name} could not start on ${s}: ${err}`);
  }
  if (!rt.current) c.log(`Group ${g.name} could not be started on any server.`);
  return null;
}

/** Activates all resources in dependency order on `server`; on failure rolls back and returns the reason. */
export function activateGroup(c: SimCore, g: GroupConf, server: string, event: "START" | "FAILOVER" | "RECOVER"): string | undefined {
  const conf = c.requireConf();
  const rt = c.groups.get(g.name)!;
  c.log(`Activating group ${g.name} has started.`);
  rt.current = server;
  rt.failed = false;
  rt.event = event;
  const done: string[] = [];
  for (const r of activationOrder(conf, g)) {
    if (rt.resources[r] === "Online") {
      done.push(r);
      continue;
    }
    const err = activateResource(c, g, r, server, event);
    if (err) {
      for (const d of [...done].reverse()) deactivateResource(c, g, d, server, "GROUPSTOP");
      rt.current = null;
      rt.failed = true;
      rt.resources[r] = "Online Failure";
      c.log(`Activating group ${g.name} has failed.`);
      return `${r}: ${err}`;
    }
    done.push(r);
  }
  c.log(`Activating group ${g.name} has completed.`);
  return undefined;
}

export function deactivateGroup(c: SimCore, g: GroupConf, factor: string): void {
  const conf = c.requireConf();
  const rt = c.groups.get(g.name)!;
  const server = rt.current;
  c.log(`Stopping group ${g.name} has started.`);
  if (server) {
    for (const r of [...activationOrder(conf, g)].reverse()) {
      if (rt.resources[r] === "Online" || rt.resources[r] === "Online Failure") deactivateResource(c, g, r, server, factor);
    }
  }
  rt.current = null;
  c.log(`Stopping group ${g.name} has completed.`);
}

export function failbackAll(c: SimCore): void {
  if (c.clusterState() !== "running") return;
  const conf = c.requireConf();
  for (const g of c.orderedGroups()) {
    const rt = c.groups.get(g.name)!;
    // A group on a server that does not answer stays there until the monitoring round fails it over.
    if (!g.autoFailback || !rt.current || !c.isUp(rt.current)) continue;
    const best = startupServers(conf, g).find((s) => c.running(s));
    if (best && best !== rt.current) {
      c.log(`Failback group ${g.name} has started.`);
      deactivateGroup(c, g, "GROUPFAILOVER");
      if (!activateGroup(c, g, best, "FAILOVER")) c.log(`Failback group ${g.name} has completed.`);
    }
  }
}
