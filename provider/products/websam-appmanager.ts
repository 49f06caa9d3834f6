// WebSAM AppManager Ver5.0 on CLUSTERPRO Ver7.0 (seed 001 §2.3): NetIQ AppManager underneath. Its clustering is the
// SQL Server's (the repository database), the SQL logins netiq and probe with the same SID on both nodes, and a floating
// IP; AppManager's own services need no startup-type change and no script (§2.3.6.3 "3.", §2.3.7.4). The catalog
// entry therefore carries no service and no script: what it checks is the form, the agents and the requirements, and
// what it shows is the manual's procedure.
import { NOTHING_IN_THE_GROUP } from "./nothing-in-the-group";
import type { Product } from "./types";

const REPOSITORY_ON_CLUSTER = { setting: "form", oneOf: ["all-on-cluster", "management-manager"] } as const;
const AGENT_ONLY = { setting: "form", equals: "agent-only" } as const;

/** seed 001 §2.3.8 table: the parameters of Knowledge Script Amadmin_SetResDependency. */
export const SET_RES_DEPENDENCY = { category: "*", resource: "C:", services: "OracleServiceSID1, OracleTNSListener80", eventOnSuccess: "N", severityOnSuccess: 25 } as const;

/** seed 001 §2.3.6.2 ⑧ ⑨: the SQL logins whose SIDs must be the same on both nodes. */
export const APPMANAGER_SQL_LOGINS = ["netiq", "probe"] as const;

export const websamAppManager: Product<"websam-appmanager@5"> = {
  id: "websam-appmanager@5",
  version: "5",
  title: "WebSAM AppManager Ver5.0",
  seed: "seed 001 §2.3",
  registryView: "64",
  registryViewSource: "not used: seed 001 §2.3 names no registry key",
  ...NOTHING_IN_THE_GROUP,
  constraints: [
    { rule: "appmanager-clusterpro-version", checkedBy: "settings", settingsPath: "settings.clusterproVersion", description: "WebSAM AppManager Ver5.0 needs CLUSTERPRO Ver7.0", seed: "seed 001 §2.3.3" },
    { rule: "appmanager-supported-agents", checkedBy: "settings", settingsPath: "settings.agents", description: "Only the AppManager agents for Windows NT/2000/2003 Server, Oracle RDBMS, SQL Server and Exchange Server are supported on clustered systems", seed: "seed 001 §2.3.3.2" },
  ],
  requires: [
    // §2.3.7.4: the management server alone needs only a floating IP, no switch partition; forms 1 and 2 keep the
    // repository's device files (form 2 also the install folder) on the shared disk.
    { kind: "floating-ip", purpose: "the management server (agents use the SQL Server's floating IP)", when: { setting: "form", oneOf: ["all-on-cluster", "management-manager", "management-server-only"] }, seed: "seed 001 §2.3.6.4, §2.3.7.4" },
    { kind: "switch-partition", purpose: "the repository database's data and log devices (form 2: also Z:\\Program Files\\NetIQ)", when: REPOSITORY_ON_CLUSTER, seed: "seed 001 §2.3.6.2, §2.3.7.2" },
  ],
  compatibility: [
    { product: "AppManager Ver5.0 repository / management server", with: "Windows NT Server 4.0, Windows 2000 Server, Windows Server 2003; CLUSTERPRO Ver7.0", supported: true, seed: "seed 001 §2.3.3" },
    { product: "AppManager Ver5.0 agent", with: "Windows NT Workstation/Server 4.0, XP, 2000 Server/Professional, Windows Server 2003; CLUSTERPRO Ver7.0", supported: true, seed: "seed 001 §2.3.3" },
  ],
  manualSteps: [
    { text: "Cluster the SQL Server that holds the repository first (an already clustered SQL Server may be reused): see the database PP guide", when: REPOSITORY_ON_CLUSTER, seed: "seed 001 §2.3.6.1, §2.3.7.1" },
    { text: "Install the repository on the active and the standby server before any other module (move the group to install on the standby); its data and log device paths on the shared disk", when: REPOSITORY_ON_CLUSTER, seed: "seed 001 §2.3.6.2, §2.3.7.2" },
    { text: "Answer いいえ (No) when the installer asks about MSSQLServer and SQLServerAgent: both stay Manual (the SQL Server's group starts them)", when: REPOSITORY_ON_CLUSTER, seed: "seed 001 §2.3.6.2 ⑤ ⑥" },
    { text: "After the active server's repository install: select sid from master.dbo.syslogins where name='netiq' (and name='probe') as sa, save both SIDs; move the SQL Server group to the standby; there, before installing, sp_addlogin 'netiq', 'netiq', default, default, <SID> and sp_addlogin 'probe', 'probe', default, default, <SID> — the SIDs must be identical on both nodes", when: REPOSITORY_ON_CLUSTER, seed: "seed 001 §2.3.6.2 ⑧ ⑨" },
    { text: "Install the management server on each node (repository server name: the SQL Server's virtual computer name); no service attribute change and no script are needed", when: { setting: "form", oneOf: ["all-on-cluster", "management-manager", "management-server-only"] }, seed: "seed 001 §2.3.6.3, §2.3.7.3" },
    { text: "Management server only: the failover group needs only a floating IP (an existing group's FIP may be used); the scripts stay at their defaults; no switch partition", when: { setting: "form", equals: "management-server-only" }, seed: "seed 001 §2.3.7.4" },
    { text: "Set each agent's management server address to the SQL Server's floating IP", when: { setting: "form", equals: "all-on-cluster" }, seed: "seed 001 §2.3.6.4" },
    { text: `Agent only: install the agent on each node (local disk); drop Knowledge Script Amadmin_SetResDependency on both nodes with category ${SET_RES_DEPENDENCY.category}, resource ${SET_RES_DEPENDENCY.resource}, services ${SET_RES_DEPENDENCY.services} (every service Oracle starts), event on success ${SET_RES_DEPENDENCY.eventOnSuccess}, severity ${SET_RES_DEPENDENCY.severityOnSuccess}`, when: AGENT_ONLY, seed: "seed 001 §2.3.8" },
    { text: "Oracle on the shared disk: copy its init file to the same directory on the local disk (Oracle 8.0.5 / 8.1.6+: \\orant\\Database\\initxxx.ora; 8.1.5: \\oracle\\admin\\ora8i\\pfile\\init.ora); for I/O monitoring uncomment #timed_statistics = true", seed: "seed 001 §2.3.9.1, §2.3.9.2" },
    { text: "Console on another machine: SQL Client Network Utility, TCP/IP, an alias named after the virtual computer name with a fixed port (clear ポートを動的に決定する)", seed: "seed 001 §2.3.9.3" },
    { text: "Optional: install ESMPRO/ServerManager before the management server for the Integrated Viewer link, ESMPRO/ServerAgent to report AppManager events to it", seed: "seed 001 §2.3.5" },
  ],
};
