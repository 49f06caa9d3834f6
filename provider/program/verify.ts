// What a declared program would do to the file it was declared from (pure): its objects go through
// the same schemas (defaults, normalisation) and plan functions the provider uses at `up`, and the
// patched file is compared byte for byte with the original. Equal bytes = the first preview of the
// generated program shows no change and `up` pushes nothing.
import { ClusterArgsSchema, FailoverGroupArgsSchema, FloatingIpArgsSchema, MirrorDiskArgsSchema } from "../../sdk/schemas/cluster";
import { applyModel, parseClpConf, serializeClpConf, type DesiredConfig } from "../clusterpro";
import { clusterFragment, floatingIpFragment, groupFragment, mergeFragments, mirrorDiskFragment, type GroupResourcePlan, type InterconnectPlan } from "../clusterpro/plan";
import { sharedDiskFragment, virtualComputerNameFragment } from "../clusterpro/plan-storage";
import { SharedDiskArgsSchema, VirtualComputerNameArgsSchema } from "../../sdk/schemas/storage";
import { VolumeManagerArgsSchema } from "../../sdk/schemas/monitors";
import { volumeManagerFragment } from "../resources/volume-manager";
import { monitorPlan, standaloneMonitorFragment } from "../resources/standalone-monitor";
import type { DeclaredProgram } from "./declare";

/**
 * Where a standalone monitor's plan reads its cluster (monitorPlan takes the provider's own inputs): only the OS
 * matters to the fragment; the connection is a placeholder that is never used (nothing is reached from here).
 */
function targetOf(p: DeclaredProgram) {
  const servers = p.cluster.servers;
  return {
    clusterName: p.cluster.name, serverOs: p.os, servers, maxDisruption: "cluster",
    connections: [{ name: servers[0], connection: { transport: "ssh", host: "localhost", username: "to-program", password: "-", acceptUnknownHostKey: true } }],
  };
}

/** The merged clp.conf fragment of every object the program declares. */
export function programFragment(p: DeclaredProgram): DesiredConfig {
  const os = p.os;
  const c = ClusterArgsSchema.parse(p.cluster);
  const fragments: DesiredConfig[] = [
    clusterFragment({
      name: c.name, comment: c.comment, language: c.language, charset: c.charset, encode: c.encode, os, managementIp: c.managementIp,
      servers: c.servers, interconnects: c.interconnects as InterconnectPlan[], networkPartitions: c.networkPartitions, networkPartitionAction: c.networkPartitionAction,
      userModeMonitor: c.userModeMonitor,
    }),
  ];
  for (const declared of p.groups) {
    const { members, ...args } = declared;
    const g = FailoverGroupArgsSchema.parse(args);
    fragments.push(groupFragment({ os, ...g, resources: g.resources as GroupResourcePlan[] }));
    for (const m of members) {
      if (m.kind === "floatingIp") {
        const f = FloatingIpArgsSchema.parse({ name: m.name, address: m.address, monitor: m.monitor, dependsOn: m.dependsOn });
        fragments.push(floatingIpFragment({ group: g.name, ...f }));
      } else if (m.kind === "sharedDisk") {
        const { kind: _kind, ...rest } = m;
        const d = SharedDiskArgsSchema.parse(rest);
        fragments.push(sharedDiskFragment({ group: g.name, os, servers: c.servers, ...d }));
      } else if (m.kind === "virtualComputerName") {
        const { kind: _kind, ...rest } = m;
        const v = VirtualComputerNameArgsSchema.parse(rest);
        fragments.push(virtualComputerNameFragment({ group: g.name, ...v }));
      } else if (m.kind === "volumeManager") {
        const { kind: _kind, ...rest } = m;
        const v = VolumeManagerArgsSchema.parse(rest);
        fragments.push(volumeManagerFragment({ group: g.name, ...v }));
      } else {
        const { kind: _kind, ...rest } = m;
        const d = MirrorDiskArgsSchema.parse(rest);
        fragments.push(mirrorDiskFragment({ group: g.name, os, servers: c.servers, ...d }));
      }
    }
  }
  for (const m of p.monitors) {
    const { kind, ...rest } = m;
    fragments.push(standaloneMonitorFragment(monitorPlan(kind === "ipMonitor" ? "ipw" : "miiw", { ...targetOf(p), ...rest })));
  }
  return mergeFragments(fragments);
}

/** The file after the program is applied to it; `changed` is false when it is byte-identical. */
export function applyProgram(bytes: Buffer, p: DeclaredProgram): { after: Buffer; changed: boolean } {
  const after = serializeClpConf(applyModel(parseClpConf(bytes), programFragment(p), { validate: false }));
  return { after, changed: !after.equals(bytes) };
}
