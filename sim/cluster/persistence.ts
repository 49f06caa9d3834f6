// The cluster as plain JSON and back (the lab daemon keeps its state across restarts with it). Apart from the
// facade because restoring must rebuild every runtime map and re-attach mirror volumes to the nodes' own stores.

import type { SimVolume } from "../node/types";
import { readConf } from "./conf";
import type { ClusterEvent, ClusterStats, GroupRt, MirrorRt, MonitorRt, ServerRt, SimCore, StoreOwningFs } from "./core";
import { store } from "./mirrors";

export interface ClusterSnapshot {
  version: 1;
  confB64: Record<string, string>;
  currentB64: string | null;
  suspended: boolean;
  failed: string[];
  servers: Record<string, ServerRt>;
  groups: Record<string, GroupRt>;
  mirrors: Record<string, MirrorRt & { generation: number }>;
  monitors: Record<string, MonitorRt>;
  faults: Record<string, { remaining: number; exitCode: number }>;
  stats: ClusterStats;
  events: ClusterEvent[];
  installDir: { windows?: string; linux?: string };
}

export function snapshot(c: SimCore): ClusterSnapshot {
  const b64 = (b: Buffer) => b.toString("base64");
  return JSON.parse(JSON.stringify({
    version: 1,
    confB64: Object.fromEntries([...c.confCopies].map(([k, v]) => [k, b64(v)])),
    currentB64: c.current ? b64(c.current.bytes) : null,
    suspended: c.suspended,
    failed: [...c.failed],
    servers: Object.fromEntries(c.servers),
    groups: Object.fromEntries(c.groups),
    mirrors: Object.fromEntries([...c.mirrors].map(([k, m]) => [k, { ...m, generation: store(c, m).generation }])),
    monitors: Object.fromEntries(c.monitors),
    faults: Object.fromEntries(c.faults),
    stats: c.stats,
    events: c.events,
    installDir: c.explicitInstall,
  })) as ClusterSnapshot;
}

/** Fills a freshly constructed cluster's state from snapshot() output (see ClusterSim.restore). */
export function restoreInto(sim: SimCore, snap: ClusterSnapshot): void {
  for (const [k, v] of Object.entries(snap.confB64)) sim.confCopies.set(k, Buffer.from(v, "base64"));
  if (snap.currentB64) {
    const bytes = Buffer.from(snap.currentB64, "base64");
    sim.current = { bytes, conf: readConf(bytes) };
  }
  sim.suspended = snap.suspended;
  for (const f of snap.failed) sim.failed.add(f);
  for (const [k, v] of Object.entries(snap.servers)) sim.servers.set(k, { ...v });
  for (const [k, v] of Object.entries(snap.groups)) sim.groups.set(k, { ...v, resources: { ...v.resources } });
  for (const [k, v] of Object.entries(snap.mirrors)) {
    const { generation, ...m } = v;
    const rt: MirrorRt = { ...m, synced: { ...m.synced } };
    sim.mirrors.set(k, rt);
    // Prefer the nodes' own (restored) store object with the same id, so writes keep counting on it.
    let found: SimVolume | undefined;
    for (const srv of rt.servers) {
      const fs = sim.node(srv)?.fs as StoreOwningFs | undefined;
      try {
        const cand = fs?.volumeStore?.(rt.volume);
        if (cand && cand.id === rt.storeId) found = cand;
      } catch {
        // not mounted on this node
      }
      if (found) break;
    }
    found ??= { id: rt.storeId, generation };
    if (found.generation < generation) found.generation = generation;
    sim.stores.set(rt.storeId, found);
    for (const s of rt.servers) {
      const node = sim.node(s);
      if (node && sim.isUp(s)) {
        try {
          node.fs.attachVolume(rt.volume, store(sim, rt));
        } catch (e) {
          sim.log(`Could not re-attach mirror volume ${rt.volume} on ${s}: ${(e as Error).message}`);
        }
      }
    }
  }
  for (const [k, v] of Object.entries(snap.monitors)) sim.monitors.set(k, { ...v });
  for (const [k, v] of Object.entries(snap.faults)) sim.faults.set(k, { ...v });
  Object.assign(sim.stats, snap.stats, { commands: { ...snap.stats.commands } });
  sim.events.push(...snap.events);
  sim.seq = snap.events.length > 0 ? snap.events[snap.events.length - 1].seq : 0;
}
