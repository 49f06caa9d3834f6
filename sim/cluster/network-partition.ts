// Network partition resolution in the lab: what a pushed ping NP must be for the cluster to accept it, which servers
// use it, and what each server's ping resolution reports (clpstat's "pingnp1 : Normal  ping resolution" line, the
// real product's wording in EXPRESSCLUSTER/clpaic@6c8d44b README.md). Independent of provider/.

import { childrenOf, textAt, type ClusterConf, type ConfElement, type HeartbeatConf } from "./conf";
import type { SimCore } from "./core";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Ping NP device ids (anchors-and-clusterpro-x.md: disknp 10100+, ping NP 10200+, http NP 10700+). */
const PING_DEVICES: [number, number] = [10200, 10299];

function pingNpElements(conf: ClusterConf): ConfElement[] {
  return childrenOf(conf.tree, "networkpartition").flatMap((s) => childrenOf(s, "pingnp"));
}

/** The addresses a pingnp pings (`grp/list/ip`, every group and list entry in order). */
export function pingTargets(el: ConfElement): string[] {
  return childrenOf(el, "grp").flatMap((g) => childrenOf(g, "list").map((l) => textAt(l, "ip") ?? ""));
}

/**
 * Why the cluster would refuse the ping network partition resolutions of a configuration (empty: fine). A real
 * cluster cannot ping a target that is not an address, and every server must have the NP's device (type ping, its
 * `info` 1 = uses it, 0 = does not), as heartbeat devices must be.
 */
export function networkPartitionIssues(conf: ClusterConf): string[] {
  const out: string[] = [];
  for (const el of pingNpElements(conf)) {
    const name = el.attrs.name ?? "";
    for (const ip of pingTargets(el)) if (!IPV4.test(ip)) out.push(`network partition resolution pingnp "${name}" pings "${ip}", which is not an IPv4 address`);
    const device = Number(textAt(el, "device"));
    if (!Number.isInteger(device) || device < PING_DEVICES[0] || device > PING_DEVICES[1]) {
      out.push(`network partition resolution pingnp "${name}" uses device ${textAt(el, "device") ?? "(none)"}; ping NP devices are ${PING_DEVICES[0]}-${PING_DEVICES[1]}`);
      continue;
    }
    for (const s of conf.servers) {
      const d = s.devices.find((x) => Number(x.id) === device);
      if (!d) out.push(`network partition resolution pingnp "${name}" uses device ${device}, which server ${s.name} does not have`);
      else if (d.type !== "ping") out.push(`server ${s.name}'s device ${device} is ${d.type || "untyped"}, but pingnp "${name}" needs a ping device`);
      else if (d.info !== "0" && d.info !== "1") out.push(`server ${s.name}'s ping device ${device} says "${d.info}"; it must be 1 (uses pingnp "${name}") or 0 (does not)`);
    }
    if (conf.servers.every((s) => s.devices.find((x) => Number(x.id) === device)?.info === "0")) out.push(`network partition resolution pingnp "${name}" is used by no server (every ping device ${device} says 0)`);
  }
  return out;
}

/** Whether `server` uses a network partition resolution (its device says something other than 0). */
export function usesResolution(conf: ClusterConf, server: string, np: HeartbeatConf): boolean {
  if (np.kind !== "np" || np.device === undefined) return true;
  const d = conf.servers.find((s) => s.name === server)?.devices.find((x) => Number(x.id) === np.device);
  return d === undefined || d.info !== "0";
}

/** Whether `server` gets an answer from `ip` (the lab's injected unreachable addresses say no). */
export function reachable(c: SimCore, server: string, ip: string): boolean {
  return !c.unreachable.has(ip) && !c.unreachable.has(`${ip}\n${server}`);
}

/** A server's ping resolution status: Normal while one of its targets answers, Error when none does (wording inferred). */
export function pingNpStatus(c: SimCore, conf: ClusterConf, server: string, np: HeartbeatConf): string {
  const el = pingNpElements(conf).find((e) => e.attrs.name === np.name);
  const targets = el ? pingTargets(el) : [];
  return targets.some((ip) => reachable(c, server, ip)) ? "Normal" : "Error";
}
