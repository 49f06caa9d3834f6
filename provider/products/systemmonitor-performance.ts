// SystemMonitor performance monitoring 4.1.1 on a SigmaSystemCenter 2.1 management server (seed 003 §2.6).
// No shared-disk files and no registry changes (§2.6.2, §2.6.3).
import { SQL_EDITION } from "./sql-server";
import type { Product } from "./types";

const SMP_BIN = "{installFolder}\\bin";

export const systemMonitorPerformance: Product<"systemmonitor-performance"> = {
  id: "systemmonitor-performance",
  title: "SystemMonitor performance monitoring 4.1.1",
  seed: "seed 003 §2.6",
  // No registry operations (seed 003 §2.6.3): the view is never used.
  registryView: "64",
  registryViewSource: "not used: no registry operations (seed 003 §2.6.3)",
  installFolder: { default: "%ProgramFiles%\\NEC\\SystemMonitorPerformance", seed: "seed 003 §2.6.7", source: "seed 003 §2.6.7; no public source for an x64 install" },
  services: [
    // seed 003 §2.6.1 Manual, §2.6.4 monitored.
    { displayName: "System Monitor Performance Monitoring Service", serviceName: "SystemMonitor Performance Service", startup: "Manual", control: "group", monitored: true, seed: "seed 003 §2.6.1, §2.6.4" },
  ],
  // seed 003 §2.6.5 / §2.6.6: the database before / after it.
  startOrder: ["SystemMonitor Performance Service"],
  stopOrder: ["SystemMonitor Performance Service"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [
    // seed 003 §2.6.1; always in the group: the instance runs on the same server as the service (§2.6.7).
    { serviceName: "MSSQL${databaseInstance}", displayName: "SQL Server ({databaseInstance})", databaseName: "RM_PerformanceDataBase2", files: ["RM_PerformanceDataBase2.mdf", "RM_PerformanceDataBase2_log.ldf"], seed: "seed 003 §2.6.1, §2.6.7" },
  ],
  sharedDiskPlacements: [],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  registryWrites: [],
  registryDeletions: [],
  registrySync: [],
  constraints: [
    { rule: "database-instance-in-one-group", checkedBy: "preview", description: "The SQL Server instance runs on the same server as the service: one group controls it", seed: "seed 003 §2.6.7" },
  ],
  manualSteps: [
    SQL_EDITION,
    { text: `Graph and debug-log settings are not carried over: after a change copy ${SMP_BIN}\\rm_client.xml and ${SMP_BIN}\\rm_service_init.xml to every standby node`, seed: "seed 003 §2.6.7" },
  ],
};
