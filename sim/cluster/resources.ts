// What activating or stopping one resource does on a node (floating IP, mirror partition access, service, appli and
// script runs with their CLP_* environment, registry sync). Apart from activation.ts so the group logic (order,
// rollback, failover) reads without the per-type node effects.

import { SimError, type RegTreeData, type SimNodeApi } from "../node/types";
import { childrenOf, startupServers, textAt, type GroupConf } from "./conf";
import type { SimCore } from "./core";
import { mirrorVolumeProblem, refreshMirror, store } from "./mirrors";
import { setSharedAccess, SHARED_DISK_TYPES, sharedDiskProblem, vcomAddress } from "./shared-disks";

function scriptEnv(c: SimCore, g: GroupConf, rsc: string, server: string, extra: Record<string, string>): Record<string, string> {
  const conf = c.requireConf();
  const node = c.node(server)!;
  const home = startupServers(conf, g)[0] === server ? "HOME" : "OTHER";
  const scriptPath = scriptDir(c, node, g.name, rsc);
  return {
    CLP_SERVER: home,
    CLP_DISK: "SUCCESS",
    CLP_GROUPNAME: g.name,
    CLP_RESOURCENAME: rsc,
    CLP_SCRIPT_PATH: scriptPath,
    CLP_PATH: c.installDirOf(node),
    ...extra,
  };
}

function scriptDir(c: SimCore, node: SimNodeApi, group: string, rsc: string): string {
  const dir = c.installDirOf(node);
  return node.os === "windows" ? `${dir}\\scripts\\${group}\\${rsc}` : `${dir}/scripts/${group}/${rsc}`;
}

/** Resolves a start/stop path: product scripts (start.bat, stop.sh …) live under scripts/<group>/<resource>/. */
function scriptPath(c: SimCore, node: SimNodeApi, group: string, rsc: string, path: string): string {
  if (node.os === "windows" ? /^[A-Za-z]:[\\/]|^\\\\/.test(path) : path.startsWith("/")) return path;
  return node.os === "windows" ? `${scriptDir(c, node, group, rsc)}\\${path}` : `${scriptDir(c, node, group, rsc)}/${path}`;
}

/**
 * An appli start/stop path. A relative one is taken from the product's bin folder when the file is there (the
 * NeoFace guide saves its StartNFWPS.bat "on EXPRESSCLUSTER bin directory"); otherwise it is passed as given.
 */
function appliPath(c: SimCore, node: SimNodeApi, path: string | undefined): string | undefined {
  if (!path || (node.os === "windows" ? /^[A-Za-z]:[\\/]|^\\\\/.test(path) : path.startsWith("/"))) return path;
  const inBin = node.os === "windows" ? `${c.installDirOf(node)}\\bin\\${path}` : `${c.installDirOf(node)}/bin/${path}`;
  try {
    return node.fs.exists(inBin) ? inBin : path;
  } catch {
    return path;
  }
}

export function findService(node: SimNodeApi, name: string): string | undefined {
  const direct = node.services.get(name);
  if (direct) return direct.name;
  const lower = name.toLowerCase();
  return node.services.list().find((s) => s.name.toLowerCase() === lower || s.displayName.toLowerCase() === lower)?.name;
}

/** Activates one resource; returns an error text on failure (state set accordingly). */
export function activateResource(c: SimCore, g: GroupConf, rsc: string, server: string, event: string): string | undefined {
  const conf = c.requireConf();
  const r = conf.resources.get(rsc)!;
  const rt = c.groups.get(g.name)!;
  const node = c.node(server);
  const fail = (msg: string) => {
    rt.resources[rsc] = "Online Failure";
    c.log(`Activating ${rsc} resource has failed.(${msg})`);
    return msg;
  };
  if (!node || !c.isUp(server)) return fail(`server ${server} is down`);
  try {
    switch (r.type) {
      case "fip": {
        const ip = textAt(r.el, "parameters/ip");
        if (!ip) return fail("no parameters/ip");
        for (const other of c.nodes.values()) {
          if (other !== node && other.isUp() && other.activeAddresses.has(ip)) return fail(`IP address ${ip} is already in use on the network`);
        }
        node.activeAddresses.add(ip);
        break;
      }
      case "md": {
        const m = c.mirrors.get(rsc);
        if (!m) return fail("mirror disk not initialised");
        const volumes = node.os === "windows" ? mirrorVolumeProblem(r.el, rsc, server, node) : undefined;
        if (volumes) return fail(volumes);
        if (!m.servers.includes(server)) return fail(`server ${server} is not a server of mirror disk ${rsc}`);
        const rtS = c.servers.get(server);
        if (rtS?.mirrorAgent !== "running") return fail("the mirror agent is not running");
        refreshMirror(c, rsc, m);
        const st = store(c, m);
        if (m.state !== "no-construction") {
          const latest = Math.max(...m.servers.map((s) => m.synced[s] ?? 0));
          if ((m.synced[server] ?? 0) < latest) return fail(`the data on ${server} is not the latest (mirror ${m.state}); recover the mirror first (clpmdctrl)`);
        }
        m.synced[server] = st.generation;
        for (const s of m.servers) {
          const n = c.node(s);
          if (n && c.isUp(s)) n.fs.setVolumeAccess(m.volume, s === server ? "rw" : "none");
        }
        break;
      }
      case "service": {
        const want = textAt(r.el, "parameters/name") ?? rsc;
        const svc = findService(node, want);
        if (!svc) return fail(`service "${want}" does not exist on ${server}`);
        const cur = node.services.get(svc);
        if (cur?.state === "running") {
          if (textAt(r.el, "parameters/started") !== "1") return fail(`service "${want}" is already running`);
        } else {
          node.services.start(svc);
        }
        break;
      }
      case "appli": {
        const path = appliPath(c, node, textAt(r.el, "parameters/actpath"));
        if (path) {
          const res = node.processes.run(path, scriptEnv(c, g, rsc, server, { CLP_EVENT: event }));
          if (res.exitCode !== 0) return fail(`${path} exited with ${res.exitCode}`);
        }
        break;
      }
      case "script":
      case "exec": {
        const rel = textAt(r.el, "parameters/act/path") || (node.os === "windows" ? "start.bat" : "start.sh");
        const path = scriptPath(c, node, g.name, rsc, rel);
        const res = node.processes.run(path, scriptEnv(c, g, rsc, server, { CLP_EVENT: event }));
        if (res.exitCode !== 0) return fail(`${path} exited with ${res.exitCode}`);
        break;
      }
      case "regsync": {
        syncRegistry(c, rsc, server);
        break;
      }
      case "sd":
      case "disk": {
        // Never formats: the disk's data is whatever the volume holds; activation only gives this server access.
        const problem = sharedDiskProblem(c, conf, r, server, node);
        if (problem) return fail(problem);
        setSharedAccess(c, conf, r, server);
        break;
      }
      case "vcom": {
        // The name answers with its floating IP from the server that holds that address (resolveName).
        const addr = vcomAddress(conf, r);
        if (!addr) return fail(`parameters/fipname names no floating IP resource of group ${g.name}`);
        if (!node.activeAddresses.has(addr.ip)) return fail(`floating IP ${addr.fip} (${addr.ip}) is not active on ${server}`);
        break;
      }
      default:
        // Other types (volmgr, …) are simulated as always succeeding without node effects.
        break;
    }
  } catch (e) {
    return fail(e instanceof SimError ? `${e.code}: ${e.message}` : (e as Error).message);
  }
  rt.resources[rsc] = "Online";
  c.log(`Activating ${rsc} resource has completed.`);
  return undefined;
}

export function deactivateResource(c: SimCore, g: GroupConf, rsc: string, server: string, factor: string): void {
  const conf = c.requireConf();
  const r = conf.resources.get(rsc)!;
  const rt = c.groups.get(g.name)!;
  const node = c.node(server);
  if (r.type === "md") {
    const m = c.mirrors.get(rsc);
    if (m) refreshMirror(c, rsc, m);
  }
  rt.resources[rsc] = "Offline";
  if (!node || !c.isUp(server)) return;
  try {
    switch (r.type) {
      case "fip": {
        const ip = textAt(r.el, "parameters/ip");
        if (ip) node.activeAddresses.delete(ip);
        break;
      }
      case "md": {
        const m = c.mirrors.get(rsc);
        if (m) node.fs.setVolumeAccess(m.volume, "none");
        break;
      }
      case "sd":
      case "disk":
        setSharedAccess(c, conf, r, null);
        break;
      case "service": {
        // The stop time-out (deact/timeout) is not simulated: a simulated service stops at once.
        const svc = findService(node, textAt(r.el, "parameters/name") ?? rsc);
        if (svc && node.services.get(svc)?.state === "running") node.services.stop(svc);
        break;
      }
      case "appli": {
        const path = appliPath(c, node, textAt(r.el, "parameters/deactpath"));
        if (path) node.processes.run(path, scriptEnv(c, g, rsc, server, { CLP_EVENT: rt.event, CLP_FACTOR: factor }));
        break;
      }
      case "script":
      case "exec": {
        const rel = textAt(r.el, "parameters/deact/path") || (node.os === "windows" ? "stop.bat" : "stop.sh");
        const path = scriptPath(c, node, g.name, rsc, rel);
        const res = node.processes.run(path, scriptEnv(c, g, rsc, server, { CLP_EVENT: rt.event, CLP_FACTOR: factor }));
        if (res.exitCode !== 0) {
          rt.resources[rsc] = "Offline Failure";
          c.log(`Stopping ${rsc} resource has failed.(${path} exited with ${res.exitCode})`);
          return;
        }
        break;
      }
      default:
        break;
    }
  } catch (e) {
    rt.resources[rsc] = "Offline Failure";
    c.log(`Stopping ${rsc} resource has failed.(${(e as Error).message})`);
    return;
  }
  c.log(`Stopping ${rsc} resource has completed.`);
}

/** Drops a group's floating IPs, mirror partition access and services on a node, ignoring errors (node down). */
export function releaseOnNode(c: SimCore, g: GroupConf, server: string): void {
  const conf = c.requireConf();
  const node = c.node(server);
  if (!node) return;
  for (const r of g.resources) {
    const rc = conf.resources.get(r);
    try {
      if (rc?.type === "fip") node.activeAddresses.delete(textAt(rc.el, "parameters/ip") ?? "");
      if (rc?.type === "md") node.fs.setVolumeAccess(c.mirrors.get(r)?.volume ?? "", "none");
      if (rc && SHARED_DISK_TYPES.has(rc.type)) setSharedAccess(c, conf, rc, null);
      if (rc?.type === "service") {
        const svc = findService(node, textAt(rc.el, "parameters/name") ?? r);
        if (svc && node.services.get(svc)?.state === "running") node.services.stop(svc);
      }
    } catch {
      // The node is down; ignore.
    }
  }
}

/** Registry keys of a regsync resource: `<parameters><key>…</key></parameters>` (lab assumption, real XML UNCONFIRMED). */
export function regsyncKeys(c: SimCore, rsc: string): string[] {
  const r = c.current?.conf.resources.get(rsc);
  if (!r) return [];
  const params = r.el.children.find((x) => x.tag === "parameters");
  return childrenOf(params, "key").map((k) => textAt(k, "name") ?? k.text).filter((k) => k !== "");
}

export function syncRegistry(c: SimCore, rsc: string, from: string): void {
  const src = c.node(from)?.registry;
  if (!src) return;
  for (const key of regsyncKeys(c, rsc)) {
    const tree: RegTreeData | undefined = src.exportTree(key);
    if (!tree) continue;
    for (const s of c.requireConf().servers) {
      if (s.name === from || !c.isUp(s.name)) continue;
      c.node(s.name)?.registry?.importTree(tree);
    }
  }
}
