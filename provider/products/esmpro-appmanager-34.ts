// ESMPRO/AppManager Ver3.4 on CLUSTERPRO Ver6.0 (seed 001 §1.12): the repository on the shared disk of the clustered
// SQL Server, the management server on each node's local disk with NetIQms Manual and started by the SQL Server group's
// scripts 30 s after SQL Server (§1.12.6.3); or the management server alone behind a floating IP (§1.12.6.4); or the
// agent, by switching jobs (method ①) or clustered with NetIQccm/NetIQmc in the application's scripts (method ②).
import type { Product, ProductService } from "./types";

const REPOSITORY = { setting: "role", equals: "repository-and-management-server" } as const;
const MANAGEMENT_ONLY = { setting: "role", equals: "management-server-only" } as const;
const AGENT = { setting: "role", equals: "agent" } as const;
const CLUSTERED_AGENT = { setting: "agentMethod", equals: "clustered-agent" } as const;
const SWITCH_JOBS = { setting: "agentMethod", equals: "switch-jobs" } as const;

/** Started by the group with plain net start / net stop (no ARM monitoring), Manual. */
function net(serviceName: string, optionalWhen: ProductService["optionalWhen"], seed: string, extra: Partial<ProductService> = {}): ProductService {
  return { displayName: serviceName, serviceName, startup: "Manual", control: "group", monitored: false, optionalWhen, net: "service-name", seed, ...extra };
}

export const esmproAppManager34: Product<"esmpro-appmanager@3.4"> = {
  id: "esmpro-appmanager@3.4",
  version: "3.4",
  title: "ESMPRO/AppManager Ver3.4",
  seed: "seed 001 §1.12",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.12.8.3 prints [HKEY_LOCAL_MACHINE\\NetIQ\\AppManager] (taken as printed; nothing is written)",
  services: [
    // The SQL Server group's own services (『PP編(データベース)』), in its sample with AppManager's lines added: the group
    // starts SQL Server before NetIQms. Startup type per the database guide (not in this seed): Manual, as the group starts them.
    net("MSSQLServer", REPOSITORY, "seed 001 §1.12.6.3", { legacyAfterStop: ["ARMSLEEP 30"] }),
    net("SQLServerAgent", REPOSITORY, "seed 001 §1.12.6.3"),
    // seed 001 §1.12.6.3 2., 3.: NetIQms Manual; 30 s after SQL Server has started, stopped 30 s before it.
    net("NetIQms", REPOSITORY, "seed 001 §1.12.6.3", { legacyBeforeStart: ["armsleep 30"], legacyAfterStop: ["ARMSLEEP 30"] }),
    // seed 001 §1.12.7 method ②: NetIQccm and NetIQmc Manual, started 30 s after the application, stopped before it.
    net("NetIQccm", CLUSTERED_AGENT, "seed 001 §1.12.7", { legacyBeforeStart: ["armsleep 30"] }),
    net("NetIQmc", CLUSTERED_AGENT, "seed 001 §1.12.7"),
  ],
  startOrder: ["MSSQLServer", "SQLServerAgent", "NetIQms", "NetIQccm", "NetIQmc"],
  stopOrder: ["NetIQmc", "NetIQccm", "NetIQms", "SQLServerAgent", "MSSQLServer"],
  orderMatters: true,
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
  constraints: [
    { rule: "appmanager-clusterpro-version", checkedBy: "settings", settingsPath: "settings.clusterproVersion", description: "AppManager Ver3.4 supports CLUSTERPRO Ver6.0", seed: "seed 001 §1.12.1" },
    { rule: "appmanager-one-clustered-agent-group", checkedBy: "preview", description: "The clustered agent (method ②) monitors only one group: one such install per cluster (not with mutual standby)", seed: "seed 001 §1.12.7" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "the repository install folder and the SQL data and log devices (e.g. y:\\NetIQ, y:\\MSSQL7\\Data)", when: REPOSITORY, seed: "seed 001 §1.12.6.2" },
    { kind: "virtual-computer-name", purpose: "the SQL Server's virtual computer name: its network name at the repository install and the management server's repository server", when: REPOSITORY, seed: "seed 001 §1.12.6.2, §1.12.6.3" },
    { kind: "floating-ip", purpose: "the management server's address for the agents (no switchable partition: nothing is shared)", when: MANAGEMENT_ONLY, seed: "seed 001 §1.12.6.4" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.12.6.3",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "each-priority-branch", exitCommand: false, gotoExitAfterFailover: true },
    loadCommand: "armload",
    killCommand: "armkill",
    beforeStart: [],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  compatibility: [
    { product: "ESMPRO/AppManager Ver3.4 repository, management server", with: "Windows NT Server 4.0, Windows 2000", supported: true, seed: "seed 001 §1.12.3" },
    { product: "ESMPRO/AppManager Ver3.4 agent", with: "Windows NT Workstation/Server 4.0, Windows 2000", supported: true, seed: "seed 001 §1.12.3" },
    { product: "ESMPRO/AppManager Ver3.4", with: "CLUSTERPRO Ver6.0", supported: true, seed: "seed 001 §1.12.3" },
    { product: "ESMPRO/AppManager Ver3.4 agents on the cluster", with: "for Windows NT/2000 Server, Oracle RDBMS, SQL Server, Exchange Server", supported: true, note: "no other agent", seed: "seed 001 §1.12.3" },
  ],
  manualSteps: [
    { text: "ESMPRO integration (optional): install ESMPRO/ServerManager, and ESMPRO/ServerAgent for event reporting, before the management server", seed: "seed 001 §1.12.5" },
    { text: "The SQL Server holding the repository is installed and clustered first (『PP編 (データベース)』)", when: REPOSITORY, seed: "seed 001 §1.12.6.1" },
    { text: "Install the repository on the active node, then (group moved) on the standby, before any other module: install folder on the shared disk (e.g. y:\\NetIQ), component \"repository\" only, data and log device paths on the shared disk, the SQL Server's virtual computer name as its network name", when: REPOSITORY, seed: "seed 001 §1.12.6.2" },
    { text: "Before the standby's repository install: on the active node as sa `select sid from master.dbo.syslogins where name='netiq'`, save the SID; move the SQL Server group; on the standby as sa `sp_addlogin 'netiq', 'netiq', default, default, <SID>`", when: REPOSITORY, seed: "seed 001 §1.12.6.2 5." },
    { text: "Install the management server on both nodes' local disk (e.g. C:\\Program Files\\NetIQ), everything but the repository, repository server = the SQL Server's virtual computer name; PlusPack/HotFix right after the repository and again after the other modules", when: REPOSITORY, seed: "seed 001 §1.12.6.2, §1.12.6.3" },
    { text: "Management server only: install it as in §1.12.6.3 on both nodes; the group needs only a floating IP (an existing group's FIP will do), default scripts, no switchable partition, no service change", when: MANAGEMENT_ONLY, seed: "seed 001 §1.12.6.4" },
    { text: "Agents name the SQL Server's floating IP as the management server (or the management server's FIP when only it is clustered)", seed: "seed 001 §1.12.6.5" },
    { text: "Install the agent on every node where the application runs, on the local disk", when: AGENT, seed: "seed 001 §1.12.7" },
    { text: "Method ①: drop Amadmin_SetResDependency on both nodes (category *, resource C:, services e.g. OracleServiceSID1, OracleTNSListener80 — every service the application starts —, success event N, severity 25) and Amadmin_SetKSStandby on the standby (master host {masterHost}); if monitoring fails to resume after a failover, use method ②", when: SWITCH_JOBS, seed: "seed 001 §1.12.7" },
    { text: "Method ②: declare this install after the application's in its group (its services start 30 s after the application and stop before it); only one group can be monitored", when: CLUSTERED_AGENT, seed: "seed 001 §1.12.7" },
    { text: "Oracle on the shared disk: copy its init file to the same directory on the local disk (\\orant\\Database\\initxxx.ora for 8.0.5/8.1.6/8.1.7, \\oracle\\admin\\ora8i\\pfile\\init.ora for 8.1.5); for I/O monitoring uncomment timed_statistics = true", seed: "seed 001 §1.12.8.1, §1.12.8.2" },
    { text: "HotFix r34h0002/r34h0008 and PlusPack 2: set [HKEY_LOCAL_MACHINE\\NetIQ\\AppManager] InstallPath (REG_SZ) to the shared-disk install folder, run setup (PlusPack 2: give the virtual SQL Server name), set it back to the local folder; PlusPack: change the install destination to the shared disk and set a SQL Server name alias first", seed: "seed 001 §1.12.8.3" },
  ],
};
