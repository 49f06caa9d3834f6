// The parts of a catalog Product that are empty for a product the failover group does not run (ESMPRO/AC, AppManager
// 4.x and WebSAM AppManager 5.0, ServerAgent's node-only service): no service resources, nothing on the shared disk,
// no registry change. Spread into such an entry, then override what it does have. Pure data.
import type { Product } from "./types";

export const NOTHING_IN_THE_GROUP = {
  services: [],
  startOrder: [],
  stopOrder: [],
  orderMatters: false,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  registryWrites: [],
  registryDeletions: [],
  registrySync: [],
} satisfies Partial<Product>;
