// Mirror disks (md): the shared volume store, which server may access the data partition, the mirror state
// (normal / broken / no-construction) and clpmdctrl. Apart from activation because a mirror's state moves with
// servers and writes, not only with its resource.

import type { SimNodeApi, SimVolume } from "../node/types";
import { childrenOf, normalizeVolume, textAt } from "./conf";
import type { MirrorRt, SimCore, StoreOwningFs } from "./core";
import { ClusterOpError } from "./errors";

/**
 * The mirror's shared SimVolume. A node filesystem that owns its volume stores (sim/node exposes
 * `fs.volumeStore(volume)`) lends the store of the md's first reachable server — the data already on the primary
 * becomes the mirrored data, as an initial mirror construction copies it — and the cluster attaches that same
 * object on the other server. Without that hook the cluster creates a plain `{ id, generation }` store.
 */
export function store(c: SimCore, m: MirrorRt): SimVolume {
  let s = c.stores.get(m.storeId);
  if (s) return s;
  for (const srv of m.servers) {
    const fs = c.node(srv)?.fs as StoreOwningFs | undefined;
    if (!fs || !c.isUp(srv) || typeof fs.volumeStore !== "function") continue;
    try {
      s = fs.volumeStore(m.volume);
    } catch {
      s = undefined;
    }
    if (s) break;
  }
  s ??= { id: m.storeId, generation: 0 };
  m.storeId = s.id;
  c.stores.set(s.id, s);
  return s;
}

/** Attaches the mirror's shared store on a server and keeps the partition inaccessible unless the md is active there. */
export function attach(c: SimCore, m: MirrorRt, server: string): void {
  const node = c.node(server);
  if (!node || !c.isUp(server)) return;
  try {
    node.fs.attachVolume(m.volume, store(c, m));
    const active = mirrorActiveOn(c, m);
    node.fs.setVolumeAccess(m.volume, active === server ? "rw" : "none");
  } catch (e) {
    c.log(`Could not attach mirror volume ${m.volume} on ${server}: ${(e as Error).message}`);
  }
}

export function mirrorActiveOn(c: SimCore, m: MirrorRt): string | null {
  const conf = c.current?.conf;
  if (!conf) return null;
  for (const [mdName, rt] of c.mirrors) {
    if (rt !== m) continue;
    const g = conf.resources.get(mdName)?.group;
    const grt = g ? c.groups.get(g) : undefined;
    return grt?.current && grt.resources[mdName] === "Online" ? grt.current : null;
  }
  return null;
}

export function refreshMirrors(c: SimCore): void {
  for (const [name, m] of c.mirrors) refreshMirror(c, name, m);
}

/** Writes are synchronous while the mirror is normal: every up server holds the store's generation. */
export function refreshMirror(c: SimCore, _name: string, m: MirrorRt): void {
  const st = store(c, m);
  const active = mirrorActiveOn(c, m);
  if (active && c.isUp(active)) {
    if (m.synced[active] !== st.generation) m.lastUpdate = c.timestamp();
    m.synced[active] = st.generation;
  }
  if (m.state === "normal") {
    const down = m.servers.filter((s) => !c.isUp(s) || c.servers.get(s)?.mirrorAgent !== "running");
    for (const s of m.servers) if (!down.includes(s)) m.synced[s] = st.generation;
    if (down.length > 0) {
      m.state = "broken";
      m.breakTime = c.timestamp();
      c.log(`Mirror disk ${_name} is broken (${down.join(", ")} not reachable).`);
    }
  }
}

export function mirrorAutoRecovery(c: SimCore): void {
  if (c.clusterState() !== "running") return;
  for (const [name, m] of c.mirrors) {
    refreshMirror(c, name, m);
    if (m.state === "normal") continue;
    if (!m.servers.every((s) => c.running(s) && c.servers.get(s)?.mirrorAgent === "running")) continue;
    const latest = Math.max(...m.servers.map((s) => m.synced[s] ?? 0));
    const holders = m.servers.filter((s) => (m.synced[s] ?? 0) === latest);
    if (m.state === "broken" && holders.length === 0) continue;
    recoverMirror(c, name, m);
    c.log(`Mirror recovery of ${name} has completed.`);
  }
}

function recoverMirror(c: SimCore, _name: string, m: MirrorRt): void {
  const st = store(c, m);
  for (const s of m.servers) m.synced[s] = st.generation;
  m.state = "normal";
  m.lastUpdate = c.timestamp();
}

function mirror(c: SimCore, md: string): MirrorRt {
  c.requireConf();
  const m = c.mirrors.get(md);
  if (!m) throw new ClusterOpError(`Mirror disk resource ${md} does not exist.`);
  return m;
}

/** `clpmdctrl --break md`: the mirror is broken; standby writes stop until recovery. */
export function mdBreak(c: SimCore, md: string): void {
  const m = mirror(c, md);
  refreshMirror(c, md, m);
  if (m.state === "normal") {
    m.state = "broken";
    m.breakTime = c.timestamp();
  }
}

/** `clpmdctrl --recover md`: copies the latest data to the other server (both must be up). */
export function mdRecover(c: SimCore, md: string): void {
  const m = mirror(c, md);
  refreshMirror(c, md, m);
  const down = m.servers.filter((s) => !c.isUp(s));
  if (down.length > 0) throw new ClusterOpError(`Mirror recovery of ${md} is not possible: ${down.join(", ")} is not reachable.`);
  if (m.state === "normal") return;
  recoverMirror(c, md, m);
}

/** `clpmdctrl --force md` (run on `server`): declares that server's data the latest. */
export function mdForce(c: SimCore, md: string, server: string): void {
  const m = mirror(c, md);
  const srv = c.requireServer(server);
  if (!m.servers.includes(srv)) throw new ClusterOpError(`Server ${srv} is not a server of mirror disk ${md}.`);
  refreshMirror(c, md, m);
  const st = store(c, m);
  st.generation++;
  for (const s of m.servers) if (s !== srv) m.synced[s] = Math.min(m.synced[s] ?? 0, st.generation - 1);
  m.synced[srv] = st.generation;
  if (m.state === "no-construction") m.state = "broken";
}

/**
 * A Windows mirror disk activates on a server only when its `<server name="…">` block names the GUIDs of that
 * server's volumes: `volumeguid` for the data partition's letter (volumemountpoint), `cpvolumeguid` for the cluster
 * partition's (cpvolumemountpoint). The mirror driver finds its partitions by these GUIDs, not by letter, so a block
 * that is missing, incomplete or names another volume leaves the mirror disk unable to start there. Returns why.
 */
export function mirrorVolumeProblem(el: Parameters<typeof textAt>[0], md: string, server: string, node: SimNodeApi): string | undefined {
  const block = childrenOf(el, "server").find((s) => (s.attrs.name ?? "").toLowerCase() === server.toLowerCase());
  if (!block) return `mirror disk ${md} has no <server name="${server}"> block: the volume GUIDs (volumeguid, cpvolumeguid) of server ${server} are not configured`;
  for (const [mountPath, element] of [["parameters/volumemountpoint", "volumeguid"], ["parameters/cpvolumemountpoint", "cpvolumeguid"]] as const) {
    const letter = normalizeVolume(textAt(el, mountPath) ?? "");
    const named = (textAt(block, `parameters/${element}`) ?? "").trim();
    if (!named) return `mirror disk ${md}: server ${server} has no ${element} (the GUID of its volume ${letter || "?"})`;
    const actual = /^[A-Z]:$/.test(letter) ? node.volumeGuid(letter) : undefined;
    if (!actual) return `mirror disk ${md}: server ${server} has no volume ${letter || `(${mountPath} is empty)`} (${element} ${named})`;
    if (actual !== named.toLowerCase().replace(/^\{|\}$/g, "")) return `mirror disk ${md}: ${element} ${named} of server ${server} is not the GUID of its volume ${letter} (${actual})`;
  }
  return undefined;
}
