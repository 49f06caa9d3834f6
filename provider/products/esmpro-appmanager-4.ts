// ESMPRO/AppManager Ver4.0–4.3 on CLUSTERPRO Ver6.0/7.0 (seed 001 §1.13): as Ver3.4, but the management server needs no
// service change and no scripts, the repository's SQL Server name is each node's own computer name, two logins (netiq,
// probe) get the active node's SIDs, and the agent is handled by switching jobs only. Nothing started by the group.
import { NOTHING_IN_THE_GROUP } from "./nothing-in-the-group";
import type { Product } from "./types";

const REPOSITORY = { setting: "role", equals: "repository-and-management-server" } as const;
const MANAGEMENT_ONLY = { setting: "role", equals: "management-server-only" } as const;
const AGENT = { setting: "role", equals: "agent" } as const;

export const esmproAppManager4: Product<"esmpro-appmanager@4"> = {
  id: "esmpro-appmanager@4",
  version: "4",
  title: "ESMPRO/AppManager Ver4.x (4.0–4.3)",
  seed: "seed 001 §1.13",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.13.8.3 prints [HKEY_LOCAL_MACHINE\\NetIQ\\AppManager] (taken as printed; nothing is written)",
  // seed 001 §1.13.6.3 3.: 「AppManager サービス属性の変更およびスクリプトの作成は必要ありません」.
  ...NOTHING_IN_THE_GROUP,
  constraints: [],
  requires: [
    { kind: "switch-partition", purpose: "the repository install folder and the SQL data and log devices (e.g. y:\\Program Files\\NetIQ, y:\\MSSQL7\\Data)", when: REPOSITORY, seed: "seed 001 §1.13.6.2" },
    { kind: "virtual-computer-name", purpose: "the SQL Server's virtual computer name: the management server's repository server", when: REPOSITORY, seed: "seed 001 §1.13.6.3" },
    { kind: "floating-ip", purpose: "the management server's address for the agents", when: MANAGEMENT_ONLY, seed: "seed 001 §1.13.6.4 (as §1.12.6.4)" },
  ],
  compatibility: [
    ...["4.0", "4.1", "4.2", "4.3"].flatMap((v) => [
      { product: `ESMPRO/AppManager ${v}`, with: "Windows NT Server 4.0", supported: true, seed: "seed 001 §1.13.3" },
      { product: `ESMPRO/AppManager ${v}`, with: "Windows 2000", supported: true, seed: "seed 001 §1.13.3" },
    ]),
    { product: "ESMPRO/AppManager Ver4.x", with: "CLUSTERPRO Ver6.0, Ver7.0", supported: true, seed: "seed 001 §1.13.3" },
    { product: "ESMPRO/AppManager Ver4.x agents on the cluster", with: "for Windows NT/2000 Server, Oracle RDBMS, SQL Server, Exchange Server", supported: true, note: "no other agent", seed: "seed 001 §1.13.3" },
  ],
  manualSteps: [
    { text: "ESMPRO integration (optional): install ESMPRO/ServerManager, and ESMPRO/ServerAgent for event reporting, before the management server", seed: "seed 001 §1.13.5" },
    { text: "The SQL Server holding the repository is installed and clustered first (『PP編 (データベース)』)", when: REPOSITORY, seed: "seed 001 §1.13.6.1" },
    { text: "Install the repository on the active node, then (group moved) on the standby, before any other module: install folder on the shared disk (e.g. y:\\Program Files\\NetIQ), \"AppManager repository\" selected, SQL server name = that node's own computer name, data and log device paths on the shared disk; apply AppManager Ver4.0 SP1 after it and again after the other modules", when: REPOSITORY, seed: "seed 001 §1.13.6.2" },
    { text: "Before the standby's repository install: on the active node as sa `select sid from master.dbo.syslogins where name='netiq'` and `… name='probe'`, save both SIDs; move the SQL Server group; on the standby as sa `sp_addlogin 'netiq', 'netiq', default, default, <netiq SID>` and `sp_addlogin 'probe', 'probe', default, default, <probe SID>`", when: REPOSITORY, seed: "seed 001 §1.13.6.2 6." },
    { text: "Install the management server on both nodes' local disk (e.g. c:\\Program Files\\NetIQ), everything but the repository, repository server = the SQL Server's virtual computer name, then Ver4.0 SP1; no service change and no scripts", seed: "seed 001 §1.13.6.3" },
    { text: "Management server only: the group needs only a floating IP (an existing group's FIP will do), default scripts, no switchable partition", when: MANAGEMENT_ONLY, seed: "seed 001 §1.13.6.4" },
    { text: "Agents name the SQL Server's floating IP as the management server (or the management server's FIP when only it is clustered)", seed: "seed 001 §1.13.6.5" },
    { text: "Agent: install it on every node's local disk; drop Amadmin_SetResDependency on both nodes (category *, resource C:, services e.g. OracleServiceSID1, OracleTNSListener80 — every service the application starts —, success event N, severity 25); inactive items show インアクティブ", when: AGENT, seed: "seed 001 §1.13.7" },
    { text: "Oracle on the shared disk: copy its init file to the local disk (\\orant\\Database\\initxxx.ora for 8.0.5/8.1.6/8.1.7, \\oracle\\admin\\ora8i\\pfile\\init.ora for 8.1.5); for I/O monitoring uncomment timed_statistics = true", seed: "seed 001 §1.13.8" },
    { text: "Ver4.0 SP1 after everything is installed: [HKEY_LOCAL_MACHINE\\NetIQ\\AppManager] InstallPath (REG_SZ) points to the local install; the seed's procedure ends there (§1.13.8.3 has no steps): point it to the shared-disk install while patching the repository, as for Ver3.4", seed: "seed 001 §1.13.8.3" },
  ],
};
