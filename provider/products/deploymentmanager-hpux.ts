// DeploymentManager (HP-UX) R2.1 on a SigmaSystemCenter 2.1 management server (seed 003 §2.4).
// Installed ON the shared disk from each node, so the install's shared folder is its installation
// folder (the seed's default is %Program Files%\dpm_hpux): nothing is moved, no registry changes (§2.4.2, §2.4.3).
import type { Product } from "./types";

export const deploymentManagerHpux: Product<"deploymentmanager-hpux"> = {
  id: "deploymentmanager-hpux",
  title: "DeploymentManager (HP-UX) R2.1",
  seed: "seed 003 §2.4",
  // No registry changes (seed 003 §2.4.3): the view is never used. Installed on the shared disk: no local install folder.
  registryView: "64",
  registryViewSource: "not used: no registry changes (seed 003 §2.4.3)",
  services: [
    // seed 003 §2.4.1: display name = service name. §2.4.4: only the Watcher is monitored; it watches the others.
    { displayName: "DeploymentManager (HP-UX)", serviceName: "DeploymentManager (HP-UX)", startup: "Manual", control: "group", monitored: false, seed: "seed 003 §2.4.1, §2.4.4" },
    { displayName: "DeploymentManager (HP-UX) Constructor", serviceName: "DeploymentManager (HP-UX) Constructor", startup: "Manual", control: "group", monitored: false, seed: "seed 003 §2.4.1, §2.4.4" },
    { displayName: "DeploymentManager (HP-UX) Watcher", serviceName: "DeploymentManager (HP-UX) Watcher", startup: "Manual", control: "group", monitored: true, seed: "seed 003 §2.4.1, §2.4.4" },
  ],
  // seed 003 §2.4.5
  startOrder: ["DeploymentManager (HP-UX)", "DeploymentManager (HP-UX) Constructor", "DeploymentManager (HP-UX) Watcher"],
  // seed 003 §2.4.6
  stopOrder: ["DeploymentManager (HP-UX) Watcher", "DeploymentManager (HP-UX) Constructor", "DeploymentManager (HP-UX)"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [],
  standbyDeletions: [],
  files: [],
  propertyEdits: [
    // seed 003 §2.4.7: %Program Files%\dpm_hpux\dpm\0000\conf\opc.properties, an entry in the machine section,
    // or a failover looks like a different management server to SystemProvisioning.
    { path: "{sharedFolder}\\dpm\\0000\\conf\\opc.properties", on: "active", key: "opc.0001.hostname", value: "{managementServerName}", seed: "seed 003 §2.4.7" },
  ],
  acls: [],
  registryWrites: [],
  registryDeletions: [],
  registrySync: [],
  constraints: [
    { rule: "dpm-hpux-management-server-name", checkedBy: "settings", settingsPath: "settings.managementServerName", description: "opc.0001.hostname=<management server name> in opc.properties: managementServerName is required", seed: "seed 003 §2.4.7" },
  ],
  manualSteps: [{ text: "Install DeploymentManager (HP-UX) onto the shared disk from each node", seed: "seed 003 §2.4" }],
};
