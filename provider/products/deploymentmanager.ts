// DeploymentManager 5.22, management server for DPM, on a SigmaSystemCenter 2.1 management server (seed 003 §2.3).
import { SQL_EDITION } from "./sql-server";
import type { Product, ProductService, RegistryWrite } from "./types";

const DPM = "{installFolder}";
const DPM_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager";

// seed 003 §2.3.1 (Manual) and §2.3.4 (all twelve monitored), in the seed's table order.
function service(displayName: string, serviceName: string): ProductService {
  return { displayName, serviceName, startup: "Manual", control: "group", monitored: true, seed: "seed 003 §2.3.1, §2.3.4" };
}

function relocated(key: string, name: string): RegistryWrite {
  return { key, name, type: "REG_SZ", data: { relocatedWithPlacements: true }, operation: "modify", seed: "seed 003 §2.3.3" };
}

const services: ProductService[] = [
  service("DeploymentManager API Service", "apiserv"),
  service("DeploymentManager Backup/Restore Management", "bkressvc"),
  service("DeploymentManager Client Management", "cliwatch"),
  service("DeploymentManager client start", "clistart"),
  service("DeploymentManager Control Service", "RibBoneService"),
  service("DeploymentManager Get Client Information", "depssvc"),
  service("DeploymentManager PXE Management", "PxeSvc"),
  service("DeploymentManager PXE Mtftp", "PxeMtftp"),
  service("DeploymentManager Remote Update Service", "rupdssvc"),
  service("DeploymentManager Scenario Management", "snrwatch"),
  service("DeploymentManager Schedule Management", "schwatch"),
  service("DeploymentManager Transfer Management", "ftsvc"),
];

/** seed 003 §2.3.5: the seed's table order; any order is allowed. */
const startOrder = services.map((s) => s.serviceName);

export const deploymentManager: Product<"deploymentmanager"> = {
  id: "deploymentmanager",
  title: "DeploymentManager 5.22 (management server for DPM)",
  seed: "seed 003 §2.3",
  // A 32-bit program: "If DPM Server is installed in an x64 OS machine, substitute "Program Files (x86)" for
  // "Program Files"" (DeploymentManager Installation Guide, Appendix A "Network Ports and Protocols", note *1).
  // Its installer and services therefore read and write HKLM\SOFTWARE\NEC\DeploymentManager through the 32-bit view
  // (WOW6432Node) — an inference from the 32-bit program folder; the guide does not print the key.
  registryView: "32",
  registryViewSource: "DeploymentManager Installation Guide, Appendix A Network Ports and Protocols, note *1 (DPM Server on an x64 OS is in Program Files (x86): a 32-bit program)",
  installFolder: {
    default: "%ProgramFiles(x86)%\\NEC\\DeploymentManager",
    seed: "seed 003 §2.3.2",
    source: "seed 003 §2.3.2 prints %ProgramFiles%\\NEC\\DeploymentManager (a 32-bit program's %ProgramFiles% is Program Files (x86) on x64); DeploymentManager Installation Guide, Appendix A note *1",
  },
  services,
  startOrder,
  // seed 003 §2.3.6: all stopped, no order either; the reverse keeps one dependency chain.
  stopOrder: [...startOrder].reverse(),
  orderMatters: false,
  restartAroundStop: [],
  databases: [
    // seed 003 §2.3.1: the default SQL Server Express instance; in the group only if the database is clustered.
    { serviceName: "MSSQL$DPMDBI", displayName: "SQL Server (DPMDBI)", databaseName: "DPM", files: ["DPM_DATA.mdf", "DPM_LOG.ldf"], includedWhen: { setting: "clusterDatabase", equals: true }, seed: "seed 003 §2.3.1" },
  ],
  sharedDiskPlacements: [
    // seed 003 §2.3.2: copied (not moved).
    { operation: "copy", kind: "folder", source: `${DPM}\\Datafile`, target: "Datafile", seed: "seed 003 §2.3.2" },
    { operation: "copy", kind: "folder", source: `${DPM}\\PXE`, target: "PXE", seed: "seed 003 §2.3.2" },
    // seed 003 §2.3.2: the backup image (.lbr) folder is moved; not needed for a network folder.
    { operation: "move", kind: "folder", source: "{backupImageFolder}", target: "{backupImageSharedFolder}", when: { setting: "backupImageFolder", isSet: true }, seed: "seed 003 §2.3.2" },
  ],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  registryWrites: [
    // seed 003 §2.3.3: "data: the folder on the shared disk" for each of these values.
    ...["AuReportDir", "BmpDir", "ClientDir", "DataFileDir", "PxeDosFdDir", "PxeGhostDir", "PxeHW64Dir", "PxeHwDir", "PxeLinuxDir", "PxeNbpDir", "PxeNbpFdDir", "ScenarioDir", "SnrReportDir"].map((name) => relocated(DPM_KEY, name)),
    relocated(`${DPM_KEY}\\PXE\\Mftpd`, "BASE_DIR"),
    // seed 003 §2.3.3 注: only if the database is clustered. The seed gives no type; REG_SZ like its neighbours.
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager_DB", name: "DBInstallDir", type: "REG_SZ", data: { template: "{sharedFolder}\\{databaseFolder}" }, operation: "modify", when: { setting: "clusterDatabase", equals: true }, seed: "seed 003 §2.3.3" },
  ],
  registryDeletions: [],
  registrySync: [{ key: DPM_KEY, seed: "seed 003 §2.3.3" }],
  constraints: [
    { rule: "dpm-ip-address-limit", checkedBy: "preview", description: "At most 128 IP addresses on the management server for DPM, the failover IP included", seed: "seed 003 §1.4" },
    { rule: "database-instance-in-one-group", checkedBy: "preview", description: "A clustered DPM database instance is controlled by one group", seed: "seed 003 §2.3.1" },
    { rule: "dpm-failover-ip-before-services", checkedBy: "preview", description: "The failover IP is active before the DeploymentManager services start: the group has a floating IP", seed: "seed 003 §2.3.5" },
  ],
  manualSteps: [
    { ...SQL_EDITION, when: { setting: "clusterDatabase", equals: true } },
    { text: "Do not use Apache Tomcat 6's clustering feature; Tomcat runs on every node (active-active)", seed: "seed 003 §1.2, §2.3" },
    { text: "Fix the image paths of backup/restore scenarios after the backup image folder moved", when: { setting: "backupImageFolder", isSet: true }, seed: "seed 003 §2.3.2" },
    { text: "With the services running and failover suppressed: create an empty folder on the shared disk; web console (update mode) Settings → Detail: IP address = the failover IP, shared folder = that folder; DHCP tab: \"DHCP server runs on another computer\" on; then fail over so registry sync carries it", seed: "seed 003 §2.3.7" },
    { text: "Adding/removing management servers and web-console settings are not synchronized: repeat them on each node's local address; set the administrator password on each node after a manual failover", seed: "seed 003 §2.3.8" },
    { text: "Plan a secondary DHCP server", seed: "seed 003 §1.5" },
  ],
};
