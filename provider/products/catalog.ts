// The product catalog: catalog id → product data. The ids are those of settings.ts.
import { deploymentManager } from "./deploymentmanager";
import { deploymentManagerHpux } from "./deploymentmanager-hpux";
import { esmproServerManager } from "./esmpro-servermanager";
import { printportAcos4 } from "./printport-acos4";
import type { ProductId } from "./settings";
import { systemMonitorPerformance } from "./systemmonitor-performance";
import { systemProvisioning } from "./systemprovisioning";
import type { Product } from "./types";

export const CATALOG: { readonly [Id in ProductId]: Product<Id> } = {
  "printport-acos4": printportAcos4,
  "esmpro-servermanager": esmproServerManager,
  deploymentmanager: deploymentManager,
  "deploymentmanager-hpux": deploymentManagerHpux,
  systemprovisioning: systemProvisioning,
  "systemmonitor-performance": systemMonitorPerformance,
};

export function isProductId(id: string): id is ProductId {
  return Object.prototype.hasOwnProperty.call(CATALOG, id);
}
