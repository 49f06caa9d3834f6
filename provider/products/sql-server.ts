// What seed 003 says about the SQL Server that SystemProvisioning, SystemMonitor and DeploymentManager use.
import type { ManualStep } from "./types";

/** seed 003 §1.3: the bundled Express Edition cannot be clustered; clustering the database is out of the seed's scope. */
export const SQL_EDITION: ManualStep = {
  text: "Clustering needs SQL Server 2005 Standard or Enterprise Edition instead of the bundled Express Edition; clustering the database itself is outside the seed",
  seed: "seed 003 §1.3",
};
