// MirrorDisk: an md resource (and its mdw/mdnw monitors) in a failover group. Deleting it removes
// it from the configuration only: no partition is ever formatted, wiped or deleted.
import { actualSetting } from "../clusterpro/monitor-tuning";
import { z } from "zod";
import { readModel, type MirrorDiskResource } from "../clusterpro";
import type { ClusterSession } from "../engine/session";
import type { CheckFailure } from "./check-failures";
import { mirrorDiskFragment, mirrorDiskRemoval, type MirrorDiskPlanInput } from "../clusterpro/plan";
import { MirrorDiskArgsSchema } from "../../sdk/schemas/cluster";
import { objectName } from "../../sdk/schemas/common";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";

const VolumesSchema = z.array(z.object({ server: z.string(), volumeGuid: z.string(), cpVolumeGuid: z.string() }));
/** `volumes` is the provider's own input: a Windows md's per-server volume GUIDs, read from the nodes at check. */
const InputsSchema = TargetInputsSchema.extend(MirrorDiskArgsSchema.shape).extend({ group: objectName, adopt: z.boolean().default(false), volumes: VolumesSchema.optional() });
type Inputs = z.infer<typeof InputsSchema>;

/**
 * The servers a Windows md needs volume GUIDs for: those its group may run on. The program's group (the bootstrap
 * a child carries) says so; else the group as clp.conf has it; absent a list, every server of the cluster.
 */
async function mirrorServers(i: Inputs, session: ClusterSession): Promise<string[]> {
  const declared = (i.bootstrap as { group?: { name?: unknown; startupServers?: unknown } } | undefined)?.group;
  if (declared && declared.name === i.group) return Array.isArray(declared.startupServers) ? declared.startupServers.map(String) : i.servers;
  const { doc, configured } = await session.document().catch(() => ({ doc: undefined, configured: false }));
  const group = configured && doc ? readModel(doc).groups.find((g) => g.name === i.group) : undefined;
  if (group?.startupServers?.length) return [...group.startupServers].sort((a, b) => a.order - b.order).map((s) => s.server);
  return i.servers;
}

/**
 * A Windows MirrorDisk's `volumes`: for each server its group may run on, the GUID of the volume with the data
 * partition's letter and of the one with the cluster partition's, as the node lists them (volume.list). A letter a
 * server does not have is a failure naming the program's field; a server that cannot be read keeps the state's
 * `volumes` at check (no change is shown; create/update read again) and fails the apply.
 */
async function resolveVolumes(inputs: Record<string, unknown>, session: ClusterSession, mode: "check" | "apply", olds?: Record<string, unknown>) {
  const parsed = InputsSchema.safeParse(inputs);
  const { volumes: _old, ...rest } = inputs;
  if (!parsed.success) return { inputs, failures: [] }; // values still unknown at preview: nothing to read yet
  const i = parsed.data;
  if (i.serverOs !== "windows") return { inputs: rest, failures: [] };
  const servers = await mirrorServers(i, session);
  const reads = await session.volumes(servers);
  const failures: CheckFailure[] = [];
  const volumes: NonNullable<Inputs["volumes"]> = [];
  const label = `MirrorDisk "${i.name}"`;
  for (const r of reads) {
    if ("error" in r) {
      if (mode === "apply") failures.push({ property: "dataPartition", reason: `${label}: the volumes of server ${r.server} could not be read (${r.error})` });
      continue;
    }
    const guidOf = (field: "dataPartition" | "clusterPartition", element: string) => {
      const letter = i[field][0].toUpperCase();
      const found = r.volumes.find((v) => v.letter === letter);
      if (!found) {
        const has = r.volumes.map((v) => `${v.letter}:`).join(", ") || "none";
        failures.push({ property: field, reason: `${label}: server ${r.server} has no volume ${letter}: (${field} ${i[field]}, clp.conf ${element}); its lettered volumes: ${has}` });
      }
      return found?.guid;
    };
    const volumeGuid = guidOf("dataPartition", "volumemountpoint");
    const cpVolumeGuid = guidOf("clusterPartition", "cpvolumemountpoint");
    if (volumeGuid && cpVolumeGuid) volumes.push({ server: r.server, volumeGuid, cpVolumeGuid });
  }
  if (failures.length > 0) return { inputs: rest, failures };
  // A server could not be read (check): the state's GUIDs stand for now (no change shown); the apply reads again.
  if (volumes.length < reads.length) return { inputs: olds?.volumes !== undefined ? { ...rest, volumes: olds.volumes } : rest, failures: [] };
  return { inputs: { ...rest, volumes: inFileOrder(volumes, await fileVolumes(session, i.name)) }, failures: [] };
}

/** The md's server blocks as clp.conf has them (none when the md is new). */
async function fileVolumes(session: ClusterSession, name: string): Promise<{ server: string }[]> {
  const { doc, configured } = await session.document().catch(() => ({ doc: undefined, configured: false }));
  const md = configured && doc ? readModel(doc).resources.find((r) => r.type === "md" && r.name === name) : undefined;
  return (md as MirrorDiskResource | undefined)?.volumes ?? [];
}

/** Servers the file already has a block for keep their place (no reordering of an adopted md), new ones follow. */
function inFileOrder<T extends { server: string }>(volumes: T[], file: { server: string }[]): T[] {
  const at = (s: string) => {
    const n = file.findIndex((f) => f.server === s);
    return n < 0 ? file.length : n;
  };
  return volumes.map((v, n) => ({ v, n })).sort((a, b) => at(a.v.server) - at(b.v.server) || a.n - b.n).map((x) => x.v);
}

/** `E` and `E:` name the same drive; inputs are read as `E:`. */
const asDrive = (d: string | undefined) => (d ? `${d[0].toUpperCase()}:` : d);

const provider = clusterObjectProvider<MirrorDiskPlanInput>({
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
  plan(inputs) {
    const i = InputsSchema.parse(inputs);
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
  id: (i) => `${String(i.clusterName)}/${String(i.group)}/md@${String(i.name)}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
