// Loading an accepted configuration: runtime entries for new servers, groups, resources, mirrors and monitors,
// removal of those the configuration no longer has. Apart from the push gate so acceptance and loading read apart.

import { childrenOf, normalizeVolume, textAt, type ClusterConf } from "./conf";
import type { ResourceState, SimCore } from "./core";
import { attach, store } from "./mirrors";

/** Brings runtime state in line with a newly loaded configuration. */
export function reconcile(c: SimCore, conf: ClusterConf, rebootNeeded: boolean): void {
  for (const s of conf.servers) {
    if (!c.servers.has(s.name)) c.servers.set(s.name, { clusterService: "stopped", mirrorAgent: "running", pendingReboot: false, enabled: false, wasUp: c.isUp(s.name) });
  }
  for (const name of [...c.servers.keys()]) if (!conf.servers.some((s) => s.name === name)) c.servers.delete(name);
  if (rebootNeeded) for (const rt of c.servers.values()) rt.pendingReboot = true;

  for (const [name, rt] of [...c.groups]) {
    const g = conf.groups.find((x) => x.name === name);
    if (!g) {
      c.groups.delete(name);
      continue;
    }
    for (const r of Object.keys(rt.resources)) {
      if (g.resources.includes(r)) continue;
      if (rt.current && rt.resources[r] === "Online") c.log(`Resource ${r} was removed from the configuration while online on ${rt.current}; it is left as it is.`);
      delete rt.resources[r];
    }
    for (const r of g.resources) if (!(r in rt.resources)) rt.resources[r] = "Offline";
  }
  for (const g of conf.groups) {
    if (!c.groups.has(g.name)) c.groups.set(g.name, { current: null, failed: false, event: "START", resources: Object.fromEntries(g.resources.map((r) => [r, "Offline" as ResourceState])) });
  }

  for (const [name, m] of [...c.mirrors]) {
    if (conf.resources.get(name)?.type === "md") continue;
    // A mirror disk taken out of the configuration releases its data partition: a plain volume
    // again on every server, with the mirrored data (nothing is formatted or wiped).
    for (const s of m.servers) {
      const node = c.node(s);
      if (node && c.isUp(s)) node.fs.setVolumeAccess(m.volume, "rw");
    }
    c.log(`Mirror disk ${name} was removed from the configuration; its data partition ${m.volume} is released with its data.`);
    c.mirrors.delete(name);
  }
  for (const r of conf.resources.values()) {
    if (r.type !== "md") continue;
    const explicit = childrenOf(r.el, "server").map((s) => s.attrs.name ?? "").filter((n) => conf.servers.some((s) => s.name === n));
    const servers = explicit.length > 0 ? explicit : conf.servers.map((s) => s.name);
    const volume = normalizeVolume(textAt(r.el, "parameters/volumemountpoint") ?? textAt(r.el, "parameters/mount/point") ?? r.name);
    let m = c.mirrors.get(r.name);
    if (!m) {
      m = { volume, servers, storeId: `clpmd:${conf.name}:${r.name}`, state: "no-construction", synced: {}, lastUpdate: null, breakTime: null };
      c.mirrors.set(r.name, m);
    }
    m.volume = volume;
    m.servers = servers;
    const st = store(c, m);
    for (const s of servers) {
      if (!(s in m.synced)) m.synced[s] = st.generation;
      attach(c, m, s);
    }
  }

  for (const name of [...c.monitors.keys()]) if (!conf.monitors.some((m) => m.name === name)) c.monitors.delete(name);
  for (const m of conf.monitors) if (!c.monitors.has(m.name)) c.monitors.set(m.name, { status: "Offline", restarts: 0, failovers: 0 });
}
