// VolumeManager: a Linux volmgr resource (an LVM volume group, VxVM disk group or ZFS pool the group imports where it
// runs) and its volmgrw monitor. Deleting it removes it from the configuration only: no volume group is touched.
import { z } from "zod";
import { monitorRemoval, type DesiredConfig, type VolumeManagerResource } from "../clusterpro";
import { buildVolumeManager } from "../clusterpro/monitor-builders";
import { actualSetting, tuned, type MonitorSetting } from "../clusterpro/monitor-tuning";
import { VolumeManagerArgsSchema } from "../../sdk/schemas/monitors";
import { objectName } from "../../sdk/schemas/common";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";

const InputsSchema = TargetInputsSchema.extend(VolumeManagerArgsSchema.shape)
  .extend({ group: objectName, adopt: z.boolean().default(false) })
  .superRefine((i, ctx) => {
    if (i.serverOs !== "linux") ctx.addIssue({ code: "custom", path: ["name"], message: "a volume manager resource (volmgr) exists on Linux clusters only" });
  });

export interface VolumeManagerPlan {
  group: string;
  name: string;
  volumeManager: string;
  target: string;
  monitor: MonitorSetting;
  dependsOn?: string[];
}

export function volumeManagerFragment(p: VolumeManagerPlan): DesiredConfig {
  const built = buildVolumeManager({ name: p.name, group: p.group, volumeManager: p.volumeManager, devName: p.target, dependsOn: p.dependsOn, ...(p.monitor ? {} : { monitor: false as const }) });
  return { resources: [built.resource], monitors: tuned(built.monitors, p.monitor, p.group) };
}

export function volumeManagerRemoval(p: VolumeManagerPlan): DesiredConfig {
  // The volmgrw goes by what it watches too (an adopted one keeps its own name).
  const monitors = buildVolumeManager({ name: p.name, group: p.group, volumeManager: p.volumeManager, devName: p.target }).monitors;
  return { remove: { resources: [p.name], ...monitorRemoval(monitors) } };
}

/** An update: the new fragment, and the volmgrw removed when the program turns the monitor off. */
function transition(old: VolumeManagerPlan, next: VolumeManagerPlan): DesiredConfig {
  const fragment = volumeManagerFragment(next);
  if (next.monitor || !old.monitor) return fragment;
  return { ...fragment, remove: monitorRemoval(buildVolumeManager({ name: old.name, group: old.group, volumeManager: old.volumeManager, devName: old.target }).monitors) };
}

const provider = clusterObjectProvider({
  kind: "VolumeManager",
  section: "resource",
  schema: InputsSchema,
  ownKeys: ["group", "name", "volumeManager", "target", "monitor", "dependsOn"],
  replaceKeys: ["clusterName", "group", "name"],
  plan(i): VolumeManagerPlan {
    return { group: i.group, name: i.name, volumeManager: i.volumeManager, target: i.target, monitor: i.monitor, dependsOn: i.dependsOn };
  },
  fragment: volumeManagerFragment,
  removal: volumeManagerRemoval,
  transition,
  requiresGroups: (p) => [p.group],
  actual(model, props) {
    const found = model.resources.find((r) => r.type === "volmgr" && r.name === props.name);
    if (!found) return undefined;
    const v = found as VolumeManagerResource;
    return {
      group: v.group,
      volumeManager: v.volumeManager,
      target: v.devName,
      monitor: actualSetting(props.monitor, model.monitors.find((m) => m.type === "volmgrw" && m.target === v.name), v.group),
      ...(Array.isArray(v.dependsOn) ? { dependsOn: v.dependsOn } : {}),
    };
  },
  id: (i) => `${i.clusterName}/${i.group}/volmgr@${i.name}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
