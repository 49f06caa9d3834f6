// SystemProvisioning on a SigmaSystemCenter 2.1 management server (seed 003 §2.5).
// The install's shared folder is the folder that receives the DPM information files (§2.5.2).
import { SQL_EDITION } from "./sql-server";
import type { Product } from "./types";

const PVM_BIN = "{installFolder}\\bin";

export const systemProvisioning: Product<"systemprovisioning"> = {
  id: "systemprovisioning",
  title: "SystemProvisioning (SigmaSystemCenter 2.1)",
  seed: "seed 003 §2.5",
  // No public document found on PVM's registry view on x64 (searched: SigmaSystemCenter PVM registry Wow6432Node).
  // Taken as the seed prints it (HKLM\SOFTWARE\NEC\PVM, ...\DeploymentManager). Its two writes under
  // DeploymentManager's key use this view too: check them on a real x64 node (reg query /reg:32 and /reg:64).
  registryView: "64",
  registryViewSource: "no public source found; seed 003 §2.5.3 prints HKLM\\SOFTWARE\\NEC\\PVM (taken as printed)",
  installFolder: { default: "%ProgramFiles%\\NEC\\PVM", seed: "seed 003 §2.5.2", source: "seed 003 §2.5.2 (%ProgramFiles%\\NEC\\PVM\\bin); no public source for an x64 install" },
  services: [
    // seed 003 §2.5.1 Manual, §2.5.4 monitored.
    { displayName: "PVMService", serviceName: "PVMService", startup: "Manual", control: "group", monitored: true, seed: "seed 003 §2.5.1, §2.5.4" },
  ],
  // seed 003 §2.5.5 / §2.5.6: the database before / after it (see databases).
  startOrder: ["PVMService"],
  stopOrder: ["PVMService"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [
    // seed 003 §2.5.1: instance name configurable at install (default SSCCMDB).
    { serviceName: "MSSQL${databaseInstance}", displayName: "SQL Server ({databaseInstance})", databaseName: "PVMINF", files: ["PVMINF.mdf", "PVMINF_2.ndf", "PVMINF_log.ldf"], includedWhen: { setting: "clusterDatabase", equals: true }, seed: "seed 003 §2.5.1" },
  ],
  sharedDiskPlacements: [
    // seed 003 §2.5.2: copied only if they exist (absent until DPM is set up in SystemProvisioning).
    // Each one into the shared folder under its own name (the folder itself may hold other products' data).
    { operation: "copy", kind: "file", source: `${PVM_BIN}\\DpmWebSvLst.txt`, target: "DpmWebSvLst.txt", onlyIfExists: true, seed: "seed 003 §2.5.2" },
    { operation: "copy", kind: "file", source: `${PVM_BIN}\\HPUX_DpmSvLst.txt`, target: "HPUX_DpmSvLst.txt", onlyIfExists: true, seed: "seed 003 §2.5.2" },
  ],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  registryWrites: [
    // seed 003 §2.5.3: created (新規作成) — the folder of DpmWebSvLst.txt on the shared disk.
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager", name: "DPMLIB_FileFolder", type: "REG_SZ", data: { template: "{sharedFolder}" }, operation: "create", seed: "seed 003 §2.5.3" },
    // seed 003 §2.5.3: modified (修正) — the folder of HPUX_DpmSvLst.txt on the shared disk.
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager_HP-UX", name: "DPMLIB_WebSvFileFolder", type: "REG_SZ", data: { template: "{sharedFolder}" }, operation: "modify", seed: "seed 003 §2.5.3" },
  ],
  registryDeletions: [],
  registrySync: [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\PVM", seed: "seed 003 §2.5.3" }],
  constraints: [
    { rule: "esmpro-and-systemprovisioning-same-group", checkedBy: "preview", description: "SystemProvisioning and ESMPRO/ServerManager run on the same server and fail over together: same group", seed: "seed 003 §1.1" },
    { rule: "database-instance-in-one-group", checkedBy: "preview", description: "The SQL Server instance (shared with SystemMonitor performance monitoring by default) is controlled by one group", seed: "seed 003 §2.5.1, §2.6.7" },
  ],
  manualSteps: [
    { text: "Monitoring the database, the IP address and the shared disk is recommended as well", seed: "seed 003 §2.5.4" },
    { ...SQL_EDITION, when: { setting: "clusterDatabase", equals: true } },
  ],
};
