// `webmgr/client/objectnumber` is derived: the WebUI counts the objects it draws. Formula from
// cal_obj_num() in EXPRESSCLUSTER/CreateClusterOnLinux src/v2/clpcfset.c (commit 1f25c7b, ~2039-2063),
// checked against all nine real samples (fixtures/clpconf-real/SOURCES.md).
import { ClusterConfig } from "./model";

/** Only the lists' lengths count (patch.ts passes element counts, not a read model). */
type Counted = { [K in "servers" | "groups" | "resources" | "monitors" | "heartbeats" | "networkPartitions"]: Pick<ClusterConfig[K], "length"> };

export function computeObjectNumber(config: Counted): number {
  const servers = config.servers.length;
  return 4 + servers + config.groups.length + config.resources.length + config.monitors.length
    + (config.heartbeats.length + config.networkPartitions.length) * servers;
}
