// Resource activation order inside a group: explicit `<depend name="X"/>` (activate after X, deactivate before X),
// or — when a resource has no `<depend>` at all — the lab's default dependency table below.
//
// The product's type-default table is UNCONFIRMED (clusterpro-x-details.md §3.2: it lives in the Reference Guide).
// The lab plays the working hypothesis written there, which fits every public guide and sample:
// - IP-type resources (fip, vip, cloud VIPs) depend on nothing;
// - name-type resources (vcom, ddns, cloud DNS) depend on IP types;
// - storage types (md, sd, hd, disk, volmgr, nas, cifs) depend on IP and name types;
// - regsync depends on IP, name and storage types;
// - application types (appli, script, service, exec, vm and anything unknown) depend on IP, name, storage and
//   regsync types present in the group, never on each other.
// `<depend name=""/>` means "default unchecked and nothing selected" = no dependency (§3.1, hauc iSCSI template).

import { ConfError, type ClusterConf, type GroupConf } from "./conf";

export const IP_TYPES = new Set(["fip", "vip", "awsvip", "awseip", "azurepp", "azurelb", "gcvip", "gclb", "ocivip", "ocilb"]);
export const NAME_TYPES = new Set(["vcom", "ddns", "awsdns", "azuredns", "gcdns"]);
export const STORAGE_TYPES = new Set(["md", "sd", "hd", "disk", "volmgr", "nas", "cifs"]);

type Layer = 0 | 1 | 2 | 3 | 4;
function layer(type: string): Layer {
  if (IP_TYPES.has(type)) return 0;
  if (NAME_TYPES.has(type)) return 1;
  if (STORAGE_TYPES.has(type)) return 2;
  if (type === "regsync") return 3;
  return 4;
}

/** Which layers a resource of this type depends on by default. */
function defaultLayers(type: string): Set<Layer> {
  switch (layer(type)) {
    case 0: return new Set();
    case 1: return new Set<Layer>([0]);
    case 2: return new Set<Layer>([0, 1]);
    case 3: return new Set<Layer>([0, 1, 2]);
    default: return new Set<Layer>([0, 1, 2, 3]);
  }
}

/** The names (members of the same group) that `rscName` waits for before it is activated. */
export function effectiveDependencies(conf: ClusterConf, group: GroupConf, rscName: string): string[] {
  const r = conf.resources.get(rscName);
  if (!r) return [];
  if (r.depend !== undefined) return r.depend.filter((d) => group.resources.includes(d));
  const want = defaultLayers(r.type);
  return group.resources.filter((other) => {
    if (other === rscName) return false;
    const o = conf.resources.get(other);
    return o !== undefined && want.has(layer(o.type));
  });
}

/** Activation order of a group's resources (dependencies first; ties keep membership order). Throws on a loop. */
export function activationOrder(conf: ClusterConf, group: GroupConf): string[] {
  const deps = new Map(group.resources.map((r) => [r, effectiveDependencies(conf, group, r)] as const));
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < group.resources.length) {
    const next = group.resources.find((r) => !done.has(r) && (deps.get(r) ?? []).every((d) => done.has(d)));
    if (next === undefined) {
      const left = group.resources.filter((r) => !done.has(r));
      throw new ConfError(`group "${group.name}": resource dependencies form a loop among ${left.join(", ")}`);
    }
    done.add(next);
    order.push(next);
  }
  return order;
}

/** Resources of the group that (transitively) depend on `rscName`. */
export function dependents(conf: ClusterConf, group: GroupConf, rscName: string): string[] {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of group.resources) {
      if (out.has(r) || r === rscName) continue;
      const d = effectiveDependencies(conf, group, r);
      if (d.includes(rscName) || d.some((x) => out.has(x))) {
        out.add(r);
        grew = true;
      }
    }
  }
  return group.resources.filter((r) => out.has(r));
}
