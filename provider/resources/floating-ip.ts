// FloatingIp: a fip resource (and its fipw monitor) in a failover group.
import { actualSetting } from "../clusterpro/monitor-tuning";
import { z } from "zod";
import type { FipResource } from "../clusterpro";
import { floatingIpFragment, floatingIpRemoval, type FloatingIpPlanInput } from "../clusterpro/plan";
import { FloatingIpArgsSchema } from "../../sdk/schemas/cluster";
import { objectName } from "../../sdk/schemas/common";
import { clusterObjectProvider, TargetInputsSchema } from "./cluster-object";

const InputsSchema = TargetInputsSchema.extend(FloatingIpArgsSchema.shape).extend({ group: objectName, adopt: z.boolean().default(false) });

const provider = clusterObjectProvider({
  kind: "FloatingIp",
  section: "resource",
  schema: InputsSchema,
  ownKeys: ["group", "name", "address", "monitor", "dependsOn"],
  replaceKeys: ["clusterName", "group", "name"],
  plan(i): FloatingIpPlanInput {
    return { group: i.group, name: i.name, address: i.address, monitor: i.monitor, dependsOn: i.dependsOn };
  },
  fragment: floatingIpFragment,
  removal: floatingIpRemoval,
  requiresGroups: (p) => [p.group],
  actual(model, props) {
    const found = model.resources.find((r) => r.type === "fip" && r.name === props.name);
    if (!found) return undefined;
    const fip = found as FipResource; // narrowed by type (the model also has an open "other" type)
    return {
      group: fip.group,
      address: fip.ip,
      monitor: actualSetting(props.monitor, model.monitors.find((m) => m.type === "fipw" && m.target === fip.name), fip.group),
      ...(Array.isArray(fip.dependsOn) ? { dependsOn: fip.dependsOn } : {}),
    };
  },
  id: (i) => `${i.clusterName}/${i.group}/fip@${i.name}`,
});

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };
