// VirtualComputerName: a Windows vcom resource (and its vcomw monitor) bound to a floating IP of its group.
import { z } from "zod";
import type { VcomResource } from "../clusterpro";
import { actualSetting } from "../clusterpro/monitor-tuning";
import { virtualComputerNameFragment, virtualComputerNameRemoval, type VirtualComputerNamePlanInput } from "../clusterpro/plan-storage";
import { VirtualComputerNameArgsSchema } from "../../sdk/schemas/storage";
import { objectName } from "../../sdk/schemas/common";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";

const InputsSchema = TargetInputsSchema.extend(VirtualComputerNameArgsSchema.shape).extend({ group: objectName, adopt: z.boolean().default(false) });

const provider = clusterObjectProvider({
  kind: "VirtualComputerName",
  section: "resource",
  schema: InputsSchema,
  ownKeys: ["group", "name", "computerName", "floatingIp", "monitor", "dependsOn"],
  replaceKeys: ["clusterName", "group", "name"],
  plan(i): VirtualComputerNamePlanInput {
    return { group: i.group, name: i.name, computerName: i.computerName, floatingIp: i.floatingIp, monitor: i.monitor, dependsOn: i.dependsOn };
  },
  fragment: virtualComputerNameFragment,
  removal: virtualComputerNameRemoval,
  requiresGroups: (p) => [p.group],
  actual(model, props) {
    const found = model.resources.find((r) => r.type === "vcom" && r.name === props.name);
    if (!found) return undefined;
    const vcom = found as VcomResource;
    return {
      group: vcom.group,
      computerName: vcom.computerName,
      floatingIp: vcom.fipName,
      monitor: actualSetting(props.monitor, model.monitors.find((m) => m.type === "vcomw" && (m.object === vcom.name || m.target === vcom.name)), vcom.group),
      ...(Array.isArray(vcom.dependsOn) ? { dependsOn: vcom.dependsOn } : {}),
    };
  },
  id: (i) => `${i.clusterName}/${i.group}/vcom@${i.name}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
