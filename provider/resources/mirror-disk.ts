// MirrorDisk: an md resource (and its mdw/mdnw monitors) in a failover group. Deleting it removes
// it from the configuration only: no partition is ever formatted, wiped or deleted.
import { actualSetting } from "../clusterpro/monitor-tuning";
import { z } from "zod";
import type { MirrorDiskResource } from "../clusterpro";
import type { ClusterSession } from "../engine/session";
import { mirrorDiskFragment, mirrorDiskRemoval, type MirrorDiskPlanInput } from "../clusterpro/plan";
import { MirrorDiskArgsSchema } from "../../sdk/schemas/cluster";
import { objectName } from "../../sdk/schemas/common";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";
import { resolveVolumeGuids } from "./volumes";

const VolumesSchema = z.array(z.object({ server: z.string(), volumeGuid: z.string(), cpVolumeGuid: z.string() }));
/** `volumes` is the provider's own input: a Windows md's per-server volume GUIDs, read from the nodes at check. */
const InputsSchema = TargetInputsSchema.extend(MirrorDiskArgsSchema.shape).extend({ group: objectName, adopt: z.boolean().default(false), volumes: VolumesSchema.optional() });

/** A Windows md's volume GUIDs: read from the nodes (volumes.ts, shared with SharedDisk). */
const resolveVolumes = (inputs: Record<string, unknown>, session: ClusterSession, mode: "check" | "apply", olds?: Record<string, unknown>) =>
  resolveVolumeGuids(
    {
      kind: "MirrorDisk",
      type: "md",
      schema: InputsSchema,
      fields: [
        { field: "dataPartition", key: "volumeGuid", element: "volumemountpoint" },
        { field: "clusterPartition", key: "cpVolumeGuid", element: "cpvolumemountpoint" },
      ],
    },
    inputs,
    session,
    mode,
    olds,
  );

/** `E` and `E:` name the same drive; inputs are read as `E:`. */
const asDrive = (d: string | undefined) => (d ? `${d[0].toUpperCase()}:` : d);

const provider = clusterObjectProvider({
  kind: "MirrorDisk",
  section: "resource",
  schema: InputsSchema,
  ownKeys: ["group", "name", "dataPartition", "clusterPartition", "mirrorConnects", "mountPoint", "fileSystem", "monitor", "dependsOn", "volumes"],
  // A partition change is a new mirror disk; the sdk requires allowReplace for it.
  replaceKeys: ["clusterName", "group", "name", "dataPartition", "clusterPartition"],
  guardReplace(replaces, news) {
    if (news.allowReplace !== true) {
      throw new Error(
        `MirrorDisk "${String(news.name)}": changing ${replaces.join(", ")} replaces the mirror disk (a new mirror with a full initial copy). ` +
          `Set allowReplace: true to do that; no partition is ever formatted or deleted either way`,
      );
    }
  },
  plan(i): MirrorDiskPlanInput {
    return {
      group: i.group,
      name: i.name,
      os: i.serverOs,
      servers: i.servers,
      dataPartition: i.dataPartition,
      clusterPartition: i.clusterPartition,
      mirrorConnects: i.mirrorConnects,
      mountPoint: i.mountPoint,
      fileSystem: i.fileSystem,
      monitor: i.monitor,
      dependsOn: i.dependsOn,
      ...(i.serverOs === "windows" && i.volumes ? { volumes: i.volumes } : {}),
    };
  },
  resolve: resolveVolumes,
  fragment: mirrorDiskFragment,
  removal: mirrorDiskRemoval,
  requiresGroups: (p) => [p.group],
  actual(model, props) {
    const found = model.resources.find((r) => r.type === "md" && r.name === props.name);
    if (!found) return undefined;
    const md = found as MirrorDiskResource;
    const windows = md.volumeMountPoint !== undefined;
    return {
      group: md.group,
      dataPartition: windows ? asDrive(md.volumeMountPoint) : md.dataPartition,
      clusterPartition: windows ? asDrive(md.cpVolumeMountPoint) : md.clusterPartition,
      mirrorConnects: [...(md.netdevs ?? [])].sort((a, b) => a.priority - b.priority).map((n) => n.mdcName),
      ...(windows ? {} : { mountPoint: md.mountPoint, fileSystem: md.fs }),
      monitor: actualSetting(props.monitor, model.monitors.find((m) => (m.type === "mdw" || m.type === "mdnw") && m.object === md.name), md.group),
      ...(Array.isArray(md.dependsOn) ? { dependsOn: md.dependsOn } : {}),
      // The GUIDs the file holds: a refresh shows them when they are not what the nodes were read as.
      ...(windows ? { volumes: md.volumes?.map((v) => ({ server: v.server, volumeGuid: v.volumeGuid, cpVolumeGuid: v.cpVolumeGuid })) } : {}),
    };
  },
  id: (i) => `${i.clusterName}/${i.group}/md@${i.name}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
