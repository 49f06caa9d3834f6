// SharedDisk: a Windows sd resource (with its sdw monitor) or a Linux disk resource (with its diskw monitor) in a
// failover group. Nothing is ever formatted; deleting it removes it from the configuration only (the data stays).
import { z } from "zod";
import type { DiskResource, Monitor, SharedDiskResource } from "../clusterpro";
import { actualSetting } from "../clusterpro/monitor-tuning";
import { sharedDiskFragment, sharedDiskRemoval, sharedDiskTransition, type SharedDiskPlanInput } from "../clusterpro/plan-storage";
import { SharedDiskArgsSchema } from "../../sdk/schemas/storage";
import { objectName } from "../../sdk/schemas/common";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";
import { resolveVolumeGuids } from "./volumes";

const VolumesSchema = z.array(z.object({ server: z.string(), volumeGuid: z.string() }));
/** `volumes` is the provider's own input: a Windows sd's per-server volume GUIDs, read from the nodes at check. */
const InputsSchema = TargetInputsSchema.extend(SharedDiskArgsSchema.shape).extend({ group: objectName, adopt: z.boolean().default(false), volumes: VolumesSchema.optional() });

const asDrive = (d: string | undefined) => (d ? `${d[0].toUpperCase()}:` : d);

const provider = clusterObjectProvider({
  kind: "SharedDisk",
  section: "resource",
  schema: InputsSchema,
  ownKeys: ["group", "name", "drive", "hbaFilters", "device", "mountPoint", "fileSystem", "diskType", "mountOptions", "fsckOptions", "monitorDevice", "monitor", "dependsOn", "volumes"],
  // A new drive or device is the same resource pointed elsewhere: no data moves, so it is an update, not a replacement.
  replaceKeys: ["clusterName", "group", "name"],
  plan(i): SharedDiskPlanInput {
    const windows = i.serverOs === "windows";
    return {
      group: i.group,
      name: i.name,
      os: i.serverOs,
      servers: i.servers,
      monitor: i.monitor,
      dependsOn: i.dependsOn,
      ...(windows
        ? { drive: i.drive, ...(i.volumes ? { volumes: i.volumes } : {}), ...(i.hbaFilters ? { hbaFilters: i.hbaFilters } : {}) }
        : { device: i.device, mountPoint: i.mountPoint, fileSystem: i.fileSystem, diskType: i.diskType, mountOptions: i.mountOptions, fsckOptions: i.fsckOptions, monitorDevice: i.monitorDevice }),
    };
  },
  resolve: (inputs, session, mode, olds) =>
    resolveVolumeGuids({ kind: "SharedDisk", type: "sd", schema: InputsSchema, fields: [{ field: "drive", key: "volumeGuid", element: "volumemountpoint" }] }, inputs, session, mode, olds),
  fragment: sharedDiskFragment,
  removal: sharedDiskRemoval,
  transition: sharedDiskTransition,
  requiresGroups: (p) => [p.group],
  actual(model, props) {
    const found = model.resources.find((r) => (r.type === "sd" || r.type === "disk") && r.name === props.name);
    if (!found) return undefined;
    const deps = Array.isArray(found.dependsOn) ? { dependsOn: found.dependsOn } : {};
    if (found.type === "sd") {
      const sd = found as SharedDiskResource;
      const sdw = model.monitors.find((m) => m.type === "sdw" && m.object === sd.name);
      const hbaFilters = Array.isArray(props.hbaFilters)
        ? (props.hbaFilters as { server: string; id?: number }[]).flatMap((h) => {
            const hba = model.servers.find((s) => s.name === h.server)?.hbas?.find((x) => x.id === (h.id ?? 0));
            return hba ? [{ server: h.server, id: hba.id, port: hba.portNumber, deviceId: hba.deviceId, instanceId: hba.instanceId }] : [];
          })
        : undefined;
      return {
        group: sd.group,
        drive: asDrive(sd.volumeMountPoint),
        ...(hbaFilters ? { hbaFilters } : {}),
        monitor: actualSetting(props.monitor, sdw, sd.group),
        ...deps,
        // The GUIDs the file holds: a refresh shows them when they are not what the nodes were read as.
        volumes: sd.volumes?.map((v) => ({ server: v.server, volumeGuid: v.volumeGuid })),
      };
    }
    const disk = found as DiskResource;
    const device = typeof props.monitorDevice === "string" ? props.monitorDevice : disk.device;
    const diskw: Monitor | undefined = model.monitors.find((m) => m.type === "diskw" && m.object === device);
    return {
      group: disk.group,
      device: disk.device,
      mountPoint: disk.mountPoint,
      fileSystem: disk.fs,
      ...(props.diskType !== undefined || disk.diskType !== "disk" ? { diskType: disk.diskType } : {}),
      ...(props.mountOptions !== undefined || disk.mountOption !== undefined ? { mountOptions: disk.mountOption } : {}),
      ...(props.fsckOptions !== undefined || disk.fsckOption !== undefined ? { fsckOptions: disk.fsckOption } : {}),
      monitor: actualSetting(props.monitor, diskw, disk.group),
      ...deps,
    };
  },
  id: (i) => `${i.clusterName}/${i.group}/${i.serverOs === "windows" ? "sd" : "disk"}@${i.name}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
