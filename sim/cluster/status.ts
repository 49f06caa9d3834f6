// The machine-readable status (clpstat --json and every text view is rendered from it, see render.ts): servers,
// heartbeats, groups, monitors and mirrors as seen from one server. Read-only over the cluster's state.

import { startupServers } from "./conf";
import type { SimCore } from "./core";
import type { ClusterStatus, MirrorStatus } from "./render";
import { mirrorActiveOn, refreshMirror } from "./mirrors";
import { monitorCheck } from "./monitoring";
import { pingNpStatus, usesResolution } from "./network-partition";

const HB_TEXT: Record<string, string> = {
  lankhb: "Kernel Mode LAN Heartbeat", lanhb: "LAN Heartbeat", diskhb: "DISK Heartbeat", comhb: "COM Heartbeat",
  bmchb: "BMC Heartbeat", witnesshb: "Witness Heartbeat", pingnp: "ping resolution", httpnp: "http resolution",
  disknp: "disk resolution", majonp: "majority resolution", comnp: "COM resolution",
};

/** The machine-readable status as seen from `localServer` (clpstat --json and all text views). */
export function status(c: SimCore, localServer?: string): ClusterStatus {
  const conf = c.requireConf();
  const state = c.clusterState();
  const local = (localServer ? c.serverName(localServer) : conf.servers[0].name) ?? "";
  const servers = conf.servers.map((s) => {
    const rt = c.servers.get(s.name)!;
    const on = c.running(s.name);
    const sstatus = on ? (c.suspended ? "Suspend" : "Online") : "Offline";
    return {
      name: s.name, status: sstatus, up: c.isUp(s.name), clusterService: on ? "running" as const : "stopped" as const,
      mirrorAgent: rt.mirrorAgent, pendingReboot: rt.pendingReboot, comment: s.comment,
      // A network partition resolution is listed for the servers that use it; a ping one reports whether its targets answer.
      heartbeats: conf.heartbeats.filter((h) => usesResolution(conf, s.name, h)).map((h) => ({
        name: h.name, type: h.type, status: !on ? "Offline" : h.type === "pingnp" ? pingNpStatus(c, conf, s.name, h) : "Normal", description: HB_TEXT[h.type] ?? h.type,
      })),
    };
  });
  const groups = conf.groups.map((g) => {
    const rt = c.groups.get(g.name)!;
    const anyFailure = Object.values(rt.resources).some((x) => x === "Online Failure" || x === "Offline Failure");
    return {
      name: g.name, type: g.type, comment: g.comment, current: rt.current,
      status: rt.current ? (anyFailure ? "Online Failure" : "Online") : rt.failed ? "Online Failure" : "Offline",
      startupServers: startupServers(conf, g),
      resources: g.resources.map((r) => ({ name: r, type: conf.resources.get(r)!.type, status: rt.resources[r] ?? "Offline", comment: conf.resources.get(r)!.comment })),
    };
  });
  const monitors = conf.monitors.map((m) => ({
    name: m.name, type: m.type, comment: m.comment,
    status: state === "stopped" ? "Offline" : state === "suspended" ? "Suspend" : monitorCheck(c, conf, m).status,
  }));
  const mirrors: MirrorStatus[] = [...c.mirrors].map(([name, m]) => {
    refreshMirror(c, name, m);
    const latest = Math.max(...m.servers.map((s) => m.synced[s] ?? 0));
    const active = mirrorActiveOn(c, m);
    return {
      name, volume: m.volume, state: m.state, lastUpdate: m.lastUpdate, breakTime: m.breakTime,
      servers: m.servers.map((s) => {
        const isLatest = (m.synced[s] ?? 0) === latest;
        return { name: s, latest: isLatest, active: active === s, color: !c.isUp(s) ? "GRAY" : m.state === "normal" || isLatest ? "GREEN" : "RED" };
      }),
    };
  });
  return { cluster: { name: conf.name, comment: conf.comment, state, configured: true }, localServer: local, servers, groups, monitors, mirrors };
}
