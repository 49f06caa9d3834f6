// The per-product settings of a ProductInstall, validated at construction: a discriminated union on
// `product`, each `settings` a strict object, so an unknown or missing setting fails with its path
// (e.g. `settings.virtualComputerName`).
import { z } from "zod";
import { ipv4, MAX_PATH_CHARS, registryKeyReason, safeText } from "../../sdk/schemas/common";

/** An absolute local Windows path: "E:\ESMPRO", or one starting with an environment variable. */
const absoluteWindowsPath = safeText({ max: MAX_PATH_CHARS })
  .regex(/^([A-Za-z]:\\|%[A-Za-z_][A-Za-z0-9_() ]*%\\)/, "must be an absolute Windows path such as E:\\ESMPRO")
  .refine((p) => !/[\r\n"*?<>|]/.test(p), "must not contain quotes, wildcards, | or line breaks");

/** A folder below the shared folder: no drive, no leading backslash, no "..". */
const relativeFolder = safeText({ min: 1, max: MAX_PATH_CHARS })
  .refine((p) => !/^([A-Za-z]:|\\)/.test(p), "must be relative to the shared folder (no drive, no leading backslash)")
  .refine((p) => !p.split("\\").includes(".."), "must not contain '..'")
  .refine((p) => !/[\r\n"*?<>|:]/.test(p), "must not contain quotes, wildcards, :, | or line breaks");

/**
 * A ProductInstall's installFolder: the product's folder on each node's local disk, replacing the catalog's default
 * (e.g. D:\NEC\SMM where ServerManager was installed on D:). Absolute, or starting with an environment variable that
 * the node's facts expand (%ProgramFiles%, %ProgramFiles(x86)%, %ProgramW6432%, %ProgramData%, %SystemRoot%, %SystemDrive%).
 */
export const InstallFolderSchema = absoluteWindowsPath
  .refine((p) => !p.endsWith("\\"), "must not end with a backslash")
  .refine((p) => !p.split("\\").includes(".."), "must not contain '..'")
  .refine((p) => /^[A-Za-z]:/.test(p) || /^%(ProgramFiles|ProgramFiles\(x86\)|ProgramW6432|ProgramData|SystemRoot|SystemDrive)%\\/i.test(p), "must start with a drive or one of %ProgramFiles%, %ProgramFiles(x86)%, %ProgramW6432%, %ProgramData%, %SystemRoot%, %SystemDrive%");

/** The shared folder of an install: a folder on the shared (mirror) disk. */
export const SharedFolderSchema = absoluteWindowsPath
  .refine((p) => /^[A-Za-z]:\\[^\\]/.test(p), "must be a folder on the shared disk below its drive root, e.g. E:\\ESMPRO")
  .refine((p) => !p.endsWith("\\"), "must not end with a backslash");

/** A value written into a text or batch file: one line, no characters that would end or escape it. */
const oneLine = safeText({ min: 1, max: MAX_PATH_CHARS });

/** SQL Server instance name (the part after MSSQL$). */
const sqlInstanceName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_#$]{0,15}$/, "must be a SQL Server instance name (letter or _, then up to 15 letters, digits, _, #, $)");

/** A registry key under HKEY_LOCAL_MACHINE, spelled out. */
const hklmKey = safeText({ max: MAX_PATH_CHARS })
  .regex(/^HKEY_LOCAL_MACHINE\\[^\\\r\n]+(\\[^\\\r\n]+)*$/, "must be a key such as HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\X (no trailing backslash)")
  .superRefine((k, ctx) => {
    const reason = registryKeyReason(k);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

// seed 000 §2.1 ④: the printer-LAN control batch files differ by Windows version.
export const PrintportAcos4SettingsSchema = z
  .strictObject({
    /** "2008-or-later": netsh interface set interface; "2003": devcon enable/disable. */
    windowsServer: z.enum(["2008-or-later", "2003"]),
    /** Network connection name of the printer LAN (Windows Server 2008 and later), e.g. "ローカル エリア接続 2". */
    printerLanConnectionName: oneLine.refine((s) => !/["%]/.test(s), "must not contain \" or % (it is quoted in a batch file)").optional(),
    /** Hardware ID of the printer-LAN adapter (Windows Server 2003). */
    printerLanDeviceId: oneLine.refine((s) => !/["%\s]/.test(s), "must be a hardware ID without spaces, \" or %").optional(),
    /** Where devcon.exe was unpacked (Windows Server 2003); the seed's example location is the default. */
    devconCommand: oneLine.default("%windir%\\devcon\\i386\\devcon"),
    /** A local folder that is not deleted, the same on both nodes, holding enable.bat and disable.bat. */
    controlFilesFolder: absoluteWindowsPath,
    /** Reference time server (name or IP address) for Windows Time. */
    ntpServer: oneLine.refine((s) => !/\s/.test(s), "must be a host name or IP address"),
  })
  .superRefine((s, ctx) => {
    if (s.windowsServer === "2008-or-later" && s.printerLanConnectionName === undefined)
      ctx.addIssue({ code: "custom", path: ["printerLanConnectionName"], message: "required when windowsServer is 2008-or-later (netsh needs the connection name)" });
    if (s.windowsServer === "2003" && s.printerLanDeviceId === undefined)
      ctx.addIssue({ code: "custom", path: ["printerLanDeviceId"], message: "required when windowsServer is 2003 (devcon needs the hardware ID)" });
  });

/** seed 003 §2.2.4 prints ESMAAlertMan and Socket\Socket⏎tr; seed 001 §1.2 prints these twice, unbroken. */
export const ALERT_MANAGER_RECEIVE_SYNC_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\BaseSetting\\Receive";
export const ALERT_MANAGER_SOCKET_SYNC_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\Socket\\Socketr";

/** seed 003 §1.2: the other ESMPRO/BASE products that share "ESM Base Service". */
export const ESM_BASE_PRODUCTS = ["ClientManager", "Netvisor", "NetvisorPro", "UXServerManager"] as const;

export const EsmproServerManagerSettingsSchema = z.strictObject({
  /** Virtual computer name of the cluster: nvisord.cf gets CommunityName:"mgr_<name>" (seed 003 §2.2.2). */
  virtualComputerName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,14}$/, "must be a computer name: 1-15 letters, digits, - or _"),
  /** Receive DMI alerts: Dmi Event Watcher is started and stopped (seed 003 §2.2.6 ※1). */
  dmiAlerts: z.boolean(),
  /** Use trap forwarding: ESMPRO/SM Trap Redirection is started and stopped (seed 003 §2.2.6 ※2). */
  trapForwarding: z.boolean(),
  /** CLUSTERPRO X's ESMPRO/SM cooperation is used: "CLUSTERPRO ESMPRO/SM cooperator" starts after, stops before (seed 003 §2.2.8). */
  clusterproEsmCooperation: z.boolean().default(false),
  /**
   * The service name of "CLUSTERPRO ESMPRO/SM cooperator" (the seed gives only this display name, which is not a service
   * name: it has a "/"). `sc getkeyname "CLUSTERPRO ESMPRO/SM cooperator"` prints it. Required with the cooperation.
   */
  clusterproEsmCooperatorServiceName: z
    .string()
    .min(1)
    .max(256)
    .refine((s) => !/[\r\n/\\"%]/.test(s), "must be a Windows service name (no /, \\, \", % or line break): the key name `sc getkeyname` prints, not the display name")
    .optional(),
  /** The Express report service is used: "Express PC Report" is stopped first and started last around the stop (seed 003 §2.2.8). */
  expressReportService: z.boolean().default(false),
  /** ServerAgent or AlertManager is on the server: "Alert Manager Main Service" likewise (seed 003 §2.2.8). */
  alertManagerMainService: z.boolean().default(false),
  /** ESMPRO user groups other than Administrators chosen at install: Full control on the work folder (seed 003 §2.2.2 ※1). */
  esmproUserGroups: z.array(oneLine).default([]),
  /** Other ESMPRO/BASE products on the server that share ESM Base Service (seed 003 §2.2.8). */
  otherEsmBaseProducts: z.array(z.enum(ESM_BASE_PRODUCTS)).default([]),
  /** Registry-sync keys the two seeds spell differently; overridable. */
  alertManagerReceiveSyncKey: hklmKey.default(ALERT_MANAGER_RECEIVE_SYNC_KEY),
  alertManagerSocketSyncKey: hklmKey.default(ALERT_MANAGER_SOCKET_SYNC_KEY),
}).superRefine((s, ctx) => {
  if (s.clusterproEsmCooperation && s.clusterproEsmCooperatorServiceName === undefined)
    ctx.addIssue({ code: "custom", path: ["clusterproEsmCooperatorServiceName"], message: 'required when clusterproEsmCooperation is true: the service name of "CLUSTERPRO ESMPRO/SM cooperator" (sc getkeyname "CLUSTERPRO ESMPRO/SM cooperator" prints it)' });
});

export const DeploymentManagerSettingsSchema = z
  .strictObject({
    /** The DPM database is clustered: its instance service joins the group and DBInstallDir is repointed (seed 003 §2.3.1, §2.3.3). */
    clusterDatabase: z.boolean().default(false),
    /** Folder below the shared folder for DBInstallDir, when the database is clustered (seed 003 §2.3.3). */
    databaseFolder: relativeFolder.optional(),
    /** The local folder holding backup images (.lbr), moved to the shared disk; omit when it is a network folder (seed 003 §2.3.2). */
    backupImageFolder: absoluteWindowsPath.optional(),
    /** Its folder below the shared folder. */
    backupImageSharedFolder: relativeFolder.default("BackupImage"),
  })
  .superRefine((s, ctx) => {
    if (s.clusterDatabase && s.databaseFolder === undefined)
      ctx.addIssue({ code: "custom", path: ["databaseFolder"], message: "required when clusterDatabase is true (DBInstallDir points to it)" });
    if (!s.clusterDatabase && s.databaseFolder !== undefined)
      ctx.addIssue({ code: "custom", path: ["databaseFolder"], message: "only meaningful when clusterDatabase is true" });
  });

export const DeploymentManagerHpuxSettingsSchema = z.strictObject({
  /** opc.0001.hostname in opc.properties: the name SystemProvisioning knows the management server by (seed 003 §2.4.7). */
  managementServerName: oneLine.refine((s) => !/\s/.test(s), "must not contain spaces"),
});

export const SystemProvisioningSettingsSchema = z.strictObject({
  /** SQL Server instance (default SSCCMDB): service MSSQL$<instance> (seed 003 §2.5.1). */
  databaseInstance: sqlInstanceName.default("SSCCMDB"),
  /** The instance service is part of the group, started before PVMService (seed 003 §2.5.1, §2.5.5). */
  clusterDatabase: z.boolean().default(true),
});

export const SystemMonitorPerformanceSettingsSchema = z.strictObject({
  /** SQL Server instance (default SSCCMDB); it always runs on the service's server (seed 003 §2.6.7). */
  databaseInstance: sqlInstanceName.default("SSCCMDB"),
});

/** A product version as the seeds print it: "4.16", "3.1", "6.1". */
const productVersion = z.string().regex(/^\d{1,2}\.\d{1,2}$/, "must be a version such as 4.16");

/** Compares "4.16" with "4.2" as versions (4.16 is later). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = minimum.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

const computerName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,14}$/, "must be a computer name: 1-15 letters, digits, - or _");

/** seed 001 §1.1.6 (3): ESMPRO/ServerAgent cannot coexist with these. */
export const SERVERAGENT_CONFLICTS = ["ESMPRO/ClientManager", "ESMPRO/Netvisor", "SystemScope/UXServerManager (MG)"] as const;

export const EsmproServerAgentSettingsSchema = z
  .strictObject({
    /**
     * Another ESMPRO/WebSAM product on the servers is failover-enabled (HKLM\SOFTWARE\NEC\NVBASE WorkDir on the switch
     * partition): "Alert Manager Socket (R) Service" is set back to Manual, and install/update/uninstall need the
     * cluster stopped (seed 001 §1.1.4).
     */
    failoverEnabledEsmproProduct: z.boolean(),
    /** The ServerAgent version, when known: 3.0 and earlier work only with CLUSTERPRO 2.0 and earlier (seed 001 §1.1.6). */
    serverAgentVersion: productVersion.optional(),
    /** Other products on the servers (names as the seed prints them); the three of §1.1.6 (3) are refused. */
    otherProducts: z.array(oneLine).default([]),
    /** The server's Public-LAN IP for the Alert Viewer workaround (WinSock Wrapper, armwsset; seed 001 §1.1.5). */
    publicLanIp: ipv4.optional(),
  })
  .superRefine((s, ctx) => {
    s.otherProducts.forEach((p, i) => {
      const conflict = SERVERAGENT_CONFLICTS.find((c) => c.toLowerCase() === p.trim().toLowerCase());
      if (conflict) ctx.addIssue({ code: "custom", path: ["otherProducts"], message: `${p} (item ${i}): ESMPRO/ServerAgent cannot coexist with ${conflict} (seed 001 §1.1.6 (3))` });
    });
    if (s.serverAgentVersion !== undefined && !versionAtLeast(s.serverAgentVersion, "3.1"))
      ctx.addIssue({ code: "custom", path: ["serverAgentVersion"], message: "ESMPRO/ServerAgent 3.0 and earlier work only with CLUSTERPRO 2.0 and earlier; CLUSTERPRO 3.0 and later need ServerAgent 3.1 or later (seed 001 §1.1.6 (1))" });
  });

export const EsmproServerManagerLegacySettingsSchema = z
  .strictObject({
    /** Virtual computer name of the failover group: nvisord.cf gets CommunityName:"mgr_<name>" (seed 001 §1.2.7). */
    virtualComputerName: computerName,
    /** The ServerManager version (the README its installer shows): failover data handover needs 4.16 or later (seed 001 §1.2.1, §1.2.3.1). */
    serverManagerVersion: productVersion,
    /** Receive DMI alerts: Dmi Event Watcher is started and stopped (seed 001 §1.2.8 (*1)). */
    dmiAlerts: z.boolean(),
    /** Use trap forwarding: ESMPRO/SM Trap Redirection is started and stopped (seed 001 §1.2.8 (*2)). */
    trapForwarding: z.boolean(),
    /** The Express report service is installed: "Express PC Report" is stopped before and started after (seed 001 §1.2.8.2, red). */
    expressReportService: z.boolean().default(false),
    /** ServerAgent or AlertManager is installed: "Alert Manager Main Service" likewise (seed 001 §1.2.8.2, blue). */
    alertManagerMainService: z.boolean().default(false),
    /** The CLUSTERPRO Manager is installed on the cluster servers: "CLUSTERPRO Manager" likewise (seed 001 §1.2.8.2, green; §1.2.9 (9)). */
    clusterproManagerOnServer: z.boolean().default(false),
    /** The service key of "ESMPRO/SM Base Service": the seed prints ESMDSVNT (normal start) and ESMSVNT (failover). */
    smBaseServiceName: z.enum(["ESMDSVNT", "ESMSVNT"]).default("ESMDSVNT"),
    /** ESMPRO user groups other than Administrators chosen at install: Full Control on the work directory (seed 001 §1.2.7). */
    esmproUserGroups: z.array(oneLine).default([]),
    /** Other ESMPRO/BASE products on the servers (seed 001 §1.2.3.1). */
    otherEsmBaseProducts: z.array(z.enum(ESM_BASE_PRODUCTS)).default([]),
  })
  .superRefine((s, ctx) => {
    if (!versionAtLeast(s.serverManagerVersion, "4.16"))
      ctx.addIssue({ code: "custom", path: ["serverManagerVersion"], message: "failover data handover needs ESMPRO/ServerManager 4.16 or later; 3.x, 4.0 and 4.1-4.15 install only without it (seed 001 §1.2.3.1)" });
  });

export const EsmproJmssSettingsSchema = z
  .strictObject({
    /** Virtual computer name of the JMSS failover group: clients, the job queue name (seed 001 §1.3.2.1). */
    virtualComputerName: computerName,
    /** The JMSS version (Ver3.0 – 6.1). */
    jmssVersion: productVersion,
    /** EnterpriseEdition: LOGDB on the switchable disk and QLIDir (seed 001 §1.1.4.2.1). */
    enterpriseEdition: z.boolean().default(false),
    /**
     * one-way-tool: the cluster setting TOOL JCLTOOL.EXE (Ver6.1 only, §1.1.4.1); one-way-manual: the manual setting
     * (Ver6.0 and earlier, §1.1.4.2); two-way: with the cluster integration option (§1.1.5).
     */
    setup: z.enum(["one-way-tool", "one-way-manual", "two-way"]),
    /** "ESMPRO/JMSS 開発キット JAPI" or "リソースキット JMGC" is installed: JDriven is started and stopped (seed 001 §1.1.4.3). */
    japiOrJmgc: z.boolean().default(false),
    /** The JMSS release: RL1999/06 and earlier start and stop the services with net start/stop, later ones with armload/armkill (seed 001 §1.1.4.3). */
    jmssRelease: z.enum(["RL1999/09-or-later", "RL1999/06-or-earlier"]).default("RL1999/09-or-later"),
  })
  .superRefine((s, ctx) => {
    if (!versionAtLeast(s.jmssVersion, "3.0") || versionAtLeast(s.jmssVersion, "6.2"))
      ctx.addIssue({ code: "custom", path: ["jmssVersion"], message: "the seed covers ESMPRO/JMSS Ver3.0 to 6.1 (seed 001 §1.3.3)" });
    else if (s.setup === "one-way-tool" && s.jmssVersion !== "6.1")
      ctx.addIssue({ code: "custom", path: ["setup"], message: "the cluster setting TOOL (JCLTOOL.EXE) is in ESMPRO/JMSS Ver6.1 only; use one-way-manual for Ver6.0 and earlier (seed 001 §1.3.3)" });
    else if (s.setup === "one-way-manual" && !versionAtLeast("6.0", s.jmssVersion))
      ctx.addIssue({ code: "custom", path: ["setup"], message: "the manual setting is for ESMPRO/JMSS Ver6.0 and earlier; Ver6.1 uses one-way-tool (seed 001 §1.3.3)" });
    else if (s.setup === "two-way" && !versionAtLeast(s.jmssVersion, "5.0"))
      ctx.addIssue({ code: "custom", path: ["setup"], message: "two-way needs the ESMPRO/JMSS cluster integration option, which supports JMSS Ver5.0 and later (seed 001 §1.3.3)" });
  });

export const EsmproFileTransferSettingsSchema = z.strictObject({
  /** The FileTransfer version, when known: Windows Server 2003 needs 4.0 or later (seed 001 §1.4.3). */
  fileTransferVersion: productVersion.optional(),
});

export const EsmproDeliveryManagerSettingsSchema = z.strictObject({
  /** manager: ESMPRO/DeliveryManager Standard Edition; agent: its agent (seed 001 §1.5.1). */
  component: z.enum(["manager", "agent"]),
  /** The cluster name: the host name of the virtual IP, written in HOSTS (DMName / DMAName; seed 001 §1.5.4.2 ※1). */
  clusterName: oneLine.refine((s) => /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/.test(s), "must be a host name (letters, digits, -, .)"),
  /** manager: the physical IP of the active (highest-priority) server and of the standby server for armwsset (seed 001 §1.5.5.1). */
  activeServerIp: ipv4.optional(),
  standbyServerIp: ipv4.optional(),
  /** manager: the DeliveryManager program armwsset binds (the seed: <DM dir>\esmMMDM.EXE). */
  mmdmPath: absoluteWindowsPath.refine((p) => !/\s/.test(p), "must not contain spaces (it is unquoted in the seed's script)").optional(),
}).superRefine((s, ctx) => {
  for (const key of ["activeServerIp", "standbyServerIp", "mmdmPath"] as const) {
    if (s.component === "manager" && s[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: "required for the manager: its start script binds esmMMDM.EXE to the server's physical IP (armwsset, seed 001 §1.5.5.1)" });
    if (s.component === "agent" && s[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only for the manager: the agent's start script has no armwsset (seed 001 §1.5.5.1 (2))" });
  }
});

/** A CLUSTERPRO version as the seeds print it ("6.0", "7.0"); informational: the version the seed's procedure is for. */
const clusterproVersion = productVersion;

/** The ESMPRO/Netvisor options seed 001 §2.1.6 says cannot be used on a cluster. */
const netvisorCommon = {
  /** Netvisor router management is installed: ESM IPM (Nvipmd) is started last and stopped first (seed 001 §2.1.3 ※1). */
  routerManagement: z.boolean().default(false),
  /** The WebAccess function is used: the ESMPRO user group must be a local group on both servers (seed 001 §2.1.3 ①). */
  webAccess: z.boolean().default(false),
  /** ESMPRO user groups other than Administrators (e.g. NvAdmin): Full Control on the work directory (seed 001 §2.1.3 ③ ※1). */
  esmproUserGroups: z.array(oneLine).default([]),
  /** The CLUSTERPRO version of the cluster, when known (seed 001 §2.1.2, §2.2.2). */
  clusterproVersion: clusterproVersion.optional(),
  /** The CLUSTERPRO Manager is installed on the cluster servers: refused (seed 001 §2.1.6, §2.2.5). */
  clusterproManagerOnServer: z.boolean().default(false),
  /** The Netvisor LAN management agent is to be used: refused on a cluster (seed 001 §2.1.6). */
  lanManagementAgent: z.boolean().default(false),
  /** Netvisor NodeManager is to be used: refused on a cluster (seed 001 §2.1.6). */
  nodeManager: z.boolean().default(false),
};

function refuseNetvisorCoexistence(s: { clusterproManagerOnServer: boolean; lanManagementAgent: boolean; nodeManager: boolean }, ctx: z.RefinementCtx): void {
  if (s.clusterproManagerOnServer) ctx.addIssue({ code: "custom", path: ["clusterproManagerOnServer"], message: "Netvisor set up on a CLUSTERPRO server cannot coexist with the CLUSTERPRO Manager: install the Manager elsewhere (seed 001 §2.1.6, §2.2.5)" });
  if (s.lanManagementAgent) ctx.addIssue({ code: "custom", path: ["lanManagementAgent"], message: "the Netvisor LAN management agent cannot be used on a cluster system (seed 001 §2.1.6)" });
  if (s.nodeManager) ctx.addIssue({ code: "custom", path: ["nodeManager"], message: "Netvisor NodeManager cannot be used on a cluster system (seed 001 §2.1.6)" });
}

export const WebsamNetvisorSettingsSchema = z.strictObject(netvisorCommon).superRefine((s, ctx) => {
  refuseNetvisorCoexistence(s, ctx);
  if (s.clusterproVersion !== undefined && (!versionAtLeast(s.clusterproVersion, "6.0") || versionAtLeast(s.clusterproVersion, "6.1")))
    ctx.addIssue({ code: "custom", path: ["clusterproVersion"], message: "WebSAM/Netvisor is documented for CLUSTERPRO (Windows) Ver6.0 (seed 001 §2.1.2)" });
});

export const WebsamNetvisorProSettingsSchema = z
  .strictObject({
    ...netvisorCommon,
    /** The DB storage directory on the shared or mirror disk (the samples' X:\nvpro; seed 001 §2.2.3 ①, §2.2.6). */
    databaseDirectory: SharedFolderSchema,
    /** The node's own SQL Server instance the scripts attach the databases to: %computername%\<instance> (seed 001 §2.2.6). */
    sqlInstance: sqlInstanceName.default("nvpro"),
  })
  .superRefine((s, ctx) => {
    refuseNetvisorCoexistence(s, ctx);
    if (s.clusterproVersion !== undefined && !versionAtLeast(s.clusterproVersion, "6.0"))
      ctx.addIssue({ code: "custom", path: ["clusterproVersion"], message: "WebSAM NetvisorPro Ver. 3.0 needs CLUSTERPRO (Windows) Ver6.x or later (seed 001 §2.2.2)" });
  });

/** seed 001 §2.3.3.2: the only AppManager agents supported for clustered systems. */
export const APPMANAGER_AGENTS = ["Windows NT/2000/2003 Server", "Oracle RDBMS", "SQL Server", "Exchange Server"] as const;

export const WebsamAppManagerSettingsSchema = z
  .strictObject({
    /**
     * seed 001 §2.3.4: all-on-cluster (form 1, §2.3.6), management-manager (form 2: repository and management server,
     * §2.3.7), management-server-only (§2.3.7.4: a floating IP only), agent-only (form 3, §2.3.8).
     */
    form: z.enum(["all-on-cluster", "management-manager", "management-server-only", "agent-only"]),
    /** The AppManager agents used to monitor the cluster (names as seed 001 §2.3.3.2 prints them). */
    agents: z.array(oneLine).default([]),
    /** The CLUSTERPRO version of the cluster, when known: Ver7.0 (seed 001 §2.3.3). */
    clusterproVersion: clusterproVersion.optional(),
  })
  .superRefine((s, ctx) => {
    s.agents.forEach((a, i) => {
      if (!APPMANAGER_AGENTS.some((x) => x.toLowerCase() === a.trim().toLowerCase()))
        ctx.addIssue({ code: "custom", path: ["agents"], message: `${a} (item ${i}): not supported for clustered systems; only ${APPMANAGER_AGENTS.join(", ")} (seed 001 §2.3.3.2)` });
    });
    if (s.clusterproVersion !== undefined && !versionAtLeast(s.clusterproVersion, "7.0"))
      ctx.addIssue({ code: "custom", path: ["clusterproVersion"], message: "WebSAM AppManager Ver5.0 needs CLUSTERPRO Ver7.0 (seed 001 §2.3.3)" });
  });

/** seed 001 §2.4.3.2: the only Performance Management agents supported. */
export const PFM_AGENTS = ["Platform (UNIX)", "Platform (Windows)", "Oracle", "SQL Server", "Domino", "SAP R/3"] as const;

export const WebsamPfmSettingsSchema = z
  .strictObject({
    /** The logical host name in the service names "JP1PCMGR_xx [<logical host>]" (the sample's VCOMSQL; seed 001 §2.4.5.1). */
    logicalHostName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, "must be a host name: letters, digits, - or _ (it is written inside [ ] in the service names)"),
    /**
     * seed 001 §2.4.4: all-on-cluster (1), manager-and-view (2: applications elsewhere monitored from the cluster),
     * manager-only; agent-only (3) has no sample script: the PFM manuals' cluster chapter applies.
     */
    form: z.enum(["all-on-cluster", "manager-and-view", "manager-only", "agent-only"]).default("all-on-cluster"),
    /** The PFM agents used (names as seed 001 §2.4.3.2 prints them). */
    agents: z.array(oneLine).default([]),
    /** The CLUSTERPRO version of the cluster, when known: Ver7.0 (seed 001 §2.4.3.1). */
    clusterproVersion: clusterproVersion.optional(),
  })
  .superRefine((s, ctx) => {
    s.agents.forEach((a, i) => {
      if (!PFM_AGENTS.some((x) => x.toLowerCase() === a.trim().toLowerCase()))
        ctx.addIssue({ code: "custom", path: ["agents"], message: `${a} (item ${i}): other Performance Management agents are not supported; only ${PFM_AGENTS.join(", ")} (seed 001 §2.4.3.2)` });
    });
    if (s.clusterproVersion !== undefined && !versionAtLeast(s.clusterproVersion, "7.0"))
      ctx.addIssue({ code: "custom", path: ["clusterproVersion"], message: "WebSAM Performance Management needs CLUSTERPRO Ver7.0 (seed 001 §2.4.3.1)" });
  });

// ---------- seed 001 part 2 (§1.6–1.14): ESMPRO/AutomaticRunningController ×4, PrintManager, ClientManager, AppManager, BOM ----------

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

/** seed 001 §1.6.4, §1.7.4.4, §1.8.3.3, §1.9.3.3: the ESMPRO/AC options every variant sets (on every server, uniform). */
const acOptions = {
  /** 停電時のクラスタシャットダウン: あり — a cluster shutdown on power failure (required by §1.7.4.4 and §1.9.3.3). */
  clusterShutdownOnPowerFailure: z.boolean().default(true),
  /** Its timeout (the GUI's タイムアウト時間, minutes; time ② of the figures), set against the battery capacity. */
  clusterShutdownTimeoutMinutes: z.number().int().min(1).max(60),
  /** 通信用IPアドレス: the local broadcast address of the cluster's LAN; default 255.255.255.255 (§1.7.4.4). */
  communicationIpAddress: ipv4.default("255.255.255.255"),
  /** 通信用ポート番号: the TCP/IP port of the cluster linkage; default 4000 (§1.7.4.4). */
  communicationPort: z.number().int().min(1).max(65535).default(4000),
};

/** The same UPS model on every server (§1.6.7 (3), §1.8.6 (3), §1.9.6 (3)): one entry per server, all equal. */
function sameUpsModels<T extends string>(models: T[], ctx: z.RefinementCtx, seed: string): void {
  const distinct = [...new Set(models)];
  if (distinct.length > 1) ctx.addIssue({ code: "custom", path: ["upsModels"], message: `all UPSs of the cluster must be the same model (${distinct.join(", ")} differ); otherwise the GUI cannot apply the same settings to every linked server (${seed})` });
}

function clusterShutdownRequired(s: { clusterShutdownOnPowerFailure: boolean }, ctx: z.RefinementCtx, seed: string): void {
  if (!s.clusterShutdownOnPowerFailure) ctx.addIssue({ code: "custom", path: ["clusterShutdownOnPowerFailure"], message: `停電時のクラスタシャットダウン must be あり (true): without it a power failure does not shut the cluster down (${seed})` });
}

/** seed 001 §1.6.1: the multi-function UPS models (I-UPS) the AC Enterprise I-UPS setup supports. */
export const I_UPS_MODELS = ["N8580-19", "N8580-20", "N8580-27", "N8580-28", "N8580-29", "N8580-28AC", "N8580-29AC", "N8542-07AC", "N8542-08AC"] as const;

export const EsmproAcIupsSettingsSchema = z
  .strictObject({
    ...acOptions,
    /** ESMPRO/AC Enterprise is installed besides ESMPRO/AC: required for 3 or more nodes (§1.6.1, §1.6.7 (2)). */
    acEnterprise: z.boolean().default(false),
    /** The cluster has a shared disk: I-UPS cannot serve a shared-disk cluster of 5 or more nodes (§1.6.1). */
    sharedDisk: z.boolean(),
    /** Each server's multi-function UPS, one entry per server: the same model everywhere (§1.6.7 (3)). */
    upsModels: z.array(z.enum(I_UPS_MODELS)).min(1),
    /** The UPS AUTO/LOCAL switch: must stay AUTO (§1.6.7 (4)). */
    upsSwitch: z.enum(["AUTO", "LOCAL"]).default("AUTO"),
    /** LAN power-on (LAN connection board): with 3 or more nodes only 「Client 監視」 (§1.6.2). */
    lanPowerOn: z.enum(["none", "client-monitoring", "lan-manager", "tcpip-protocol"]).default("none"),
    /** Line-signal monitoring through a V.24 connection board: 2-node clusters only (§1.6.2). */
    v24LineMonitoring: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    sameUpsModels(s.upsModels, ctx, "seed 001 §1.6.7 (3)");
    if (s.upsSwitch === "LOCAL") ctx.addIssue({ code: "custom", path: ["upsSwitch"], message: "the UPS AUTO/LOCAL switch must stay on AUTO: LOCAL stops automatic operation for the whole cluster, and a cluster shutdown then does not power the servers off (seed 001 §1.6.7 (4))" });
  });

/** A UPS name in AC Management Console: at most 8 half-width characters (§1.7.4.3 (19) ③). */
const amcUpsName = z.string().regex(/^[\x21-\x7e]{1,8}$/, "must be 1 to 8 half-width characters (AC Management Console, seed 001 §1.7.4.3 (19))");

export const EsmproAcSnmpSettingsSchema = z
  .strictObject({
    ...acOptions,
    /** (A) a management terminal outside the cluster (recommended) or (B) the cluster servers as control terminals (§1.7.1). */
    managementTerminal: z.boolean(),
    /** (B): the number of control terminals: 2 for a 2-node cluster, 3 for 3 or more nodes (§1.7.1). */
    controlTerminals: z.number().int().min(1).max(16).optional(),
    /** The cluster servers' UPS (電源装置): the seed's recommended values are the defaults (§1.7.4.3 (19)). */
    serverUps: z
      .strictObject({
        confirmSeconds: seconds(1, 3600).default(60),
        graceSeconds: seconds(0, 3600).default(300),
        diskProtectSeconds: seconds(0, 3600).default(60),
        lowBatterySeconds: seconds(0, 3600).default(120),
        upperVoltage: z.number().int().default(108),
        lowerVoltage: z.number().int().default(92),
        sensitivity: z.number().int().min(1).max(4).default(4),
        batteryTestPattern: z.number().int().min(0).max(9).default(2),
      })
      .prefault({}),
    /** The shared disk's UPS (連動装置), when the cluster has one: recommended 30 s, Warm-UP 順位 1 (§1.7.4.3 (20), (B)(11)). */
    sharedDiskUps: z
      .strictObject({
        confirmSeconds: seconds(1, 3600).default(30),
        graceSeconds: seconds(0, 3600).default(300),
        diskProtectSeconds: seconds(0, 3600).default(60),
        lowBatterySeconds: seconds(0, 3600).default(120),
        warmUpRank: z.number().int().min(1).max(99).default(1),
      })
      .optional(),
    /** The control (management) terminal's UPS 電源異常確認時間: longer than the formula of §1.7.7 5 ②. */
    controlTerminalUpsConfirmSeconds: seconds(1, 3600),
    /** The UPSs (SNMP cards) the control terminal switches off (UPS 台数 of the formula). */
    upsCount: z.number().int().min(1).max(64),
    /** The AMC names of the UPSs: at most 8 half-width characters each, unique (§1.7.4.3 (19) ③). */
    upsNames: z.array(amcUpsName).min(1),
    /** 通信用認識コード: the same in every power-control group, at most 15 characters (§1.7.4.3 (21), (22)). */
    communicationCode: z.string().regex(/^[\x21-\x7e]{1,15}$/, "must be 1 to 15 half-width characters (通信用認識コード, seed 001 §1.7.4.3 (21))"),
    /** The SNMP community of the cards (usually public; §1.7.4.1 8.). */
    snmpCommunity: z.string().regex(/^[\x21-\x7e]{1,32}$/, "must be 1 to 32 half-width characters").default("public"),
  })
  .superRefine((s, ctx) => {
    const dup = s.upsNames.find((n, i) => s.upsNames.indexOf(n) !== i);
    if (dup !== undefined) ctx.addIssue({ code: "custom", path: ["upsNames"], message: `${dup} appears twice: UPS names must be unique (seed 001 §1.7.4.3 (19) ③)` });
    if (s.upsNames.length !== s.upsCount) ctx.addIssue({ code: "custom", path: ["upsNames"], message: `names ${s.upsNames.length} UPSs but upsCount is ${s.upsCount}: one name per UPS` });
    if (s.managementTerminal && s.controlTerminals !== undefined) ctx.addIssue({ code: "custom", path: ["controlTerminals"], message: "only without a management terminal (configuration (B), seed 001 §1.7.1)" });
    if (!s.managementTerminal && s.controlTerminals === undefined) ctx.addIssue({ code: "custom", path: ["controlTerminals"], message: "required without a management terminal: 2 for a 2-node cluster, 3 for 3 or more nodes (seed 001 §1.7.1)" });
    clusterShutdownRequired(s, ctx, "seed 001 §1.7.4.4");
    if (s.sharedDiskUps && s.sharedDiskUps.confirmSeconds >= s.serverUps.confirmSeconds)
      ctx.addIssue({ code: "custom", path: ["sharedDiskUps", "confirmSeconds"], message: `the shared disk's UPS 電源異常確認時間 (${s.sharedDiskUps.confirmSeconds} s) must be less than the cluster servers' (${s.serverUps.confirmSeconds} s): the shared disk's failure is then recognised first (seed 001 §1.7.7 5 ①, §1.7.4.3 (20) ①)` });
    const minimum = amcControlTerminalMinimum(s);
    if (s.controlTerminalUpsConfirmSeconds <= minimum)
      ctx.addIssue({ code: "custom", path: ["controlTerminalUpsConfirmSeconds"], message: `must be greater than ${minimum} s = the linked terminal's 電源異常確認時間 ${s.serverUps.confirmSeconds} + 8 (polling) + the cluster-shutdown timeout ${s.clusterShutdownTimeoutMinutes * 60} + 60 (OS shutdown order) + ${s.upsCount} UPSs × 2 (seed 001 §1.7.7 5 ②)` });
  });

/** seed 001 §1.7.7 5 ②: linked terminal's confirmation time + 8 + cluster-shutdown timeout + 60 + UPS count × 2 (seconds). */
export function amcControlTerminalMinimum(s: { serverUps: { confirmSeconds: number }; clusterShutdownTimeoutMinutes: number; upsCount: number }): number {
  return s.serverUps.confirmSeconds + 8 + s.clusterShutdownTimeoutMinutes * 60 + 60 + s.upsCount * 2;
}

export const EsmproAcPowerChutePlusSettingsSchema = z
  .strictObject({
    ...acOptions,
    /** PowerChute plus V5.2.3J, V5.2J or V5.1.1J (§1.8.1). */
    powerChuteVersion: z.enum(["5.2.3J", "5.2J", "5.1.1J"]),
    /** PowerChute plus is installed with its UPSSleep option: required (§1.8.1, §1.8.3.1 4.). */
    upsSleepOption: z.boolean(),
    /** PowerChute plus 「UPS オフ待機時間」: 20, 180, 300 or 600 s (time ③, §1.8.3.1 3., §1.8.3.4). */
    upsOffDelaySeconds: z.union([z.literal(20), z.literal(180), z.literal(300), z.literal(600)]),
    /** Each server's UPS (Smart-UPS equivalent), one entry per server: the same model everywhere (§1.8.6 (3)). */
    upsModels: z.array(oneLine).min(1),
    /** A mirror-disk cluster, or a shared-disk cluster whose redundant disk is fed from both servers' UPSs (§1.8.1). */
    diskModel: z.enum(["mirror-disk", "redundant-shared-disk"]),
  })
  .superRefine((s, ctx) => {
    sameUpsModels(s.upsModels, ctx, "seed 001 §1.8.6 (3)");
    if (!s.upsSleepOption) ctx.addIssue({ code: "custom", path: ["upsSleepOption"], message: "PowerChute plus must be installed with its UPSSleep option; ACPcpCls.exe refuses to continue without it (seed 001 §1.8.1, §1.8.3.1)" });
  });

export const EsmproAcUpsManagerSettingsSchema = z
  .strictObject({
    ...acOptions,
    /** ESMPRO/UPSManager Ver2.0 or Ver2.1 (§1.9.1). */
    upsManagerVersion: z.enum(["2.0", "2.1"]),
    /** PowerChute Business Edition v.6.1 or v.7.0 (§1.9.1). */
    pcbeVersion: z.enum(["6.1", "7.0"]),
    /** The PCBE command file run at OS shutdown: default.cmd (§1.9.6 (9), (10)). */
    commandFile: z.string().default("default.cmd"),
    /** Its duration (コマンドファイル実行所要時間 / 期間), seconds: at least the cluster-shutdown timeout (§1.9.6 (10)). */
    commandFileSeconds: seconds(0, 7200),
    /** The 「ARM3.0」 option of [連携機能1] is checked: must not be (§1.9.3.3, §1.9.6 (5)). */
    arm30: z.boolean().default(false),
    /** Schedules set in the PCBE console: must not be; schedules belong to ESMPRO/AC (§1.9.6 (7)). */
    pcbeSchedules: z.boolean().default(false),
    /** Each server's UPS, one entry per server: the same model everywhere (§1.9.6 (3)). */
    upsModels: z.array(oneLine).min(1),
    diskModel: z.enum(["mirror-disk", "redundant-shared-disk"]),
  })
  .superRefine((s, ctx) => {
    sameUpsModels(s.upsModels, ctx, "seed 001 §1.9.6 (3)");
    clusterShutdownRequired(s, ctx, "seed 001 §1.9.3.3, §1.9.6 (6)");
    if (s.commandFile.toLowerCase() !== "default.cmd") ctx.addIssue({ code: "custom", path: ["commandFile"], message: "the PCBE command file must be default.cmd for the cluster shutdown on power failure (seed 001 §1.9.6 (9), (10))" });
    if (s.commandFileSeconds < s.clusterShutdownTimeoutMinutes * 60) ctx.addIssue({ code: "custom", path: ["commandFileSeconds"], message: `must be at least the cluster-shutdown timeout (${s.clusterShutdownTimeoutMinutes * 60} s) (seed 001 §1.9.6 (10))` });
    if (s.arm30) ctx.addIssue({ code: "custom", path: ["arm30"], message: "do not check 「ARM3.0」 under [オプション]—[連携機能1] (seed 001 §1.9.3.3, §1.9.6 (5))" });
    if (s.pcbeSchedules) ctx.addIssue({ code: "custom", path: ["pcbeSchedules"], message: "set schedules only in ESMPRO/AC, never in the PCBE console: a PCBE schedule breaks the linkage (seed 001 §1.9.6 (7))" });
  });

export const EsmproPrintManagerSettingsSchema = z
  .strictObject({
    /** The ESMPRO/PrintManager version: 2.1 and later run natively on CLUSTERPRO Ver4.0+, 2.0 and earlier in ARM3.0 compatibility (§1.10.1). */
    printManagerVersion: productVersion,
    /** native: CLUSTERPRO Ver4.0+ native operation (needs PrintManager 2.1+); arm30-compatible: 「ARM3.0互換運用」 (§1.10.1). */
    operation: z.enum(["native", "arm30-compatible"]),
  })
  .superRefine((s, ctx) => {
    const v21 = versionAtLeast(s.printManagerVersion, "2.1");
    if (s.operation === "native" && !v21) ctx.addIssue({ code: "custom", path: ["operation"], message: "native operation needs ESMPRO/PrintManager Ver2.1 or later; Ver2.0 and earlier run in 「ARM3.0互換運用」 (seed 001 §1.10.1)" });
    if (s.operation === "arm30-compatible" && v21) ctx.addIssue({ code: "custom", path: ["operation"], message: "ESMPRO/PrintManager Ver2.1 and later run in CLUSTERPRO Ver4.0+ native operation with the start script of §1.10.6 (seed 001 §1.10.1, §1.10.5)" });
  });

/** A Windows service key name (the name `sc getkeyname "<display name>"` prints). */
const serviceKeyName = z.string().regex(/^[A-Za-z0-9_.$-][A-Za-z0-9_.$ -]{0,79}$/, 'must be a Windows service key name (the name `sc getkeyname "<display name>"` prints; no / or \\)');

export const EsmproClientManagerSettingsSchema = z
  .strictObject({
    /** Only the ClientManager manager is cluster-capable; its client and relay agent do not run on cluster machines (§1.11.1). */
    component: z.enum(["manager", "client", "relay-agent"]),
    /** The manager version: Ver2.1 or later (§1.11.1). */
    clientManagerVersion: productVersion,
    /**
     * The key names of the seven services the seed prints by display name only (ARMLOAD … "ESMPRO/CM CMIT service"):
     * `sc getkeyname` prints each.
     */
    cmitServiceName: serviceKeyName,
    cmurelayServiceName: serviceKeyName,
    cmmanagerServiceName: serviceKeyName,
    cmpoweronServiceName: serviceKeyName,
    cmsenderServiceName: serviceKeyName,
    cmsnmpServiceName: serviceKeyName,
    cmtimeServiceName: serviceKeyName,
    /**
     * "ESM Base Service" (Nvbase, ESMPRO/BASE) is started by this install: ClientManager is an ESMPRO/BASE product
     * (seed 001 §1.2.3.1); false where ESMPRO/ServerManager of the same group starts it.
     */
    esmBaseService: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (s.component !== "manager") ctx.addIssue({ code: "custom", path: ["component"], message: "only the ESMPRO/ClientManager manager runs on a cluster (one-way standby); its client and relay agent do not run on cluster machines (seed 001 §1.11.1)" });
    if (!versionAtLeast(s.clientManagerVersion, "2.1")) ctx.addIssue({ code: "custom", path: ["clientManagerVersion"], message: "only the ClientManager manager Ver2.1 or later supports a cluster (seed 001 §1.11.1)" });
    const names = [s.cmitServiceName, s.cmurelayServiceName, s.cmmanagerServiceName, s.cmpoweronServiceName, s.cmsenderServiceName, s.cmsnmpServiceName, s.cmtimeServiceName].map((n) => n.toLowerCase());
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) ctx.addIssue({ code: "custom", path: ["cmitServiceName"], message: `service key ${dup} is given for two services: each of the seven is its own service` });
  });

export const EsmproAppManager34SettingsSchema = z
  .strictObject({
    /** The CLUSTERPRO version: AppManager 3.4 supports Ver6.0 (§1.12.1). */
    clusterproVersion: z.enum(["6.0", "7.0"]),
    /**
     * repository-and-management-server: forms (1)/(2), NetIQms Manual and started by the SQL Server group's scripts
     * (§1.12.6.3); management-server-only: a group with only a floating IP, no scripts (§1.12.6.4); agent: the agent
     * on the cluster (form (3), §1.12.7).
     */
    role: z.enum(["repository-and-management-server", "management-server-only", "agent"]),
    /** agent: switch-jobs (method ①, Knowledge Scripts) or clustered-agent (method ②, NetIQccm/NetIQmc started by the application's scripts). */
    agentMethod: z.enum(["switch-jobs", "clustered-agent"]).optional(),
    /** switch-jobs: the active node's computer name (Amadmin_SetKSStandby's master host, §1.12.7). */
    masterHost: computerName.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.clusterproVersion !== "6.0") ctx.addIssue({ code: "custom", path: ["clusterproVersion"], message: "ESMPRO/AppManager Ver3.4 supports CLUSTERPRO Ver6.0 (seed 001 §1.12.1); Ver7.0 needs AppManager 4.x" });
    if (s.role === "agent" && s.agentMethod === undefined) ctx.addIssue({ code: "custom", path: ["agentMethod"], message: "required for the agent: switch-jobs (method ①) or clustered-agent (method ②) (seed 001 §1.12.7)" });
    if (s.role !== "agent" && s.agentMethod !== undefined) ctx.addIssue({ code: "custom", path: ["agentMethod"], message: "only for the agent role (seed 001 §1.12.7)" });
    if (s.agentMethod === "switch-jobs" && s.masterHost === undefined) ctx.addIssue({ code: "custom", path: ["masterHost"], message: "required for switch-jobs: Amadmin_SetKSStandby on the standby names the active node's computer name (seed 001 §1.12.7)" });
  });

export const EsmproAppManager4SettingsSchema = z
  .strictObject({
    /** AppManager 4.0–4.3 (§1.13.1). */
    appManagerVersion: z.enum(["4.0", "4.1", "4.2", "4.3"]),
    /** CLUSTERPRO Ver6.0 or Ver7.0 (§1.13.1). */
    clusterproVersion: z.enum(["6.0", "7.0"]),
    /** repository-and-management-server (§1.13.6), management-server-only (§1.13.6.4) or agent (switch jobs only, §1.13.7). */
    role: z.enum(["repository-and-management-server", "management-server-only", "agent"]),
  });

export const EsmproBomSettingsSchema = z
  .strictObject({
    /** ESMPRO/BOM Ver3.0 (NT4.0 SP4+, Windows 2000) or Ver4.0 (Windows 2000, Windows 2003 Standard 32bit) (§1.14.2). */
    bomVersion: z.enum(["3.0", "4.0"]),
    /** The monitored item (APPLxxx) switched ON on the active node and OFF on the standby: one install per item (§1.14.4.1). */
    monitoredItem: z.string().regex(/^APPL\d{3}$/, "must be a BOM monitored-item ID such as APPL003 (seed 001 §1.14.4.1)"),
    /** setbwatc.exe (default: its default install location, §1.14.4.1). */
    setbwatcPath: absoluteWindowsPath.default("C:\\Program Files\\SAY Technologies\\BOM4\\BomSvc\\setbwatc.exe"),
    /** The Oracle monitoring extension option is used (§1.14.4.3). */
    oracleMonitoring: z.boolean().default(false),
  });

/** Settings schema per catalog id. */
export const productSettingsSchemas = {
  "printport-acos4": PrintportAcos4SettingsSchema,
  "esmpro-servermanager": EsmproServerManagerSettingsSchema,
  deploymentmanager: DeploymentManagerSettingsSchema,
  "deploymentmanager-hpux": DeploymentManagerHpuxSettingsSchema,
  systemprovisioning: SystemProvisioningSettingsSchema,
  "systemmonitor-performance": SystemMonitorPerformanceSettingsSchema,
  "esmpro-serveragent": EsmproServerAgentSettingsSchema,
  "esmpro-servermanager@legacy": EsmproServerManagerLegacySettingsSchema,
  "esmpro-jmss": EsmproJmssSettingsSchema,
  "esmpro-filetransfer": EsmproFileTransferSettingsSchema,
  "esmpro-deliverymanager": EsmproDeliveryManagerSettingsSchema,
  "websam-netvisor": WebsamNetvisorSettingsSchema,
  "websam-netvisorpro": WebsamNetvisorProSettingsSchema,
  "websam-appmanager@5": WebsamAppManagerSettingsSchema,
  "websam-pfm": WebsamPfmSettingsSchema,
  "esmpro-ac-iups": EsmproAcIupsSettingsSchema,
  "esmpro-ac-snmp": EsmproAcSnmpSettingsSchema,
  "esmpro-ac-powerchute-plus": EsmproAcPowerChutePlusSettingsSchema,
  "esmpro-ac-upsmanager": EsmproAcUpsManagerSettingsSchema,
  "esmpro-printmanager": EsmproPrintManagerSettingsSchema,
  "esmpro-clientmanager": EsmproClientManagerSettingsSchema,
  "esmpro-appmanager@3.4": EsmproAppManager34SettingsSchema,
  "esmpro-appmanager@4": EsmproAppManager4SettingsSchema,
  "esmpro-bom": EsmproBomSettingsSchema,
} as const;

export type ProductId = keyof typeof productSettingsSchemas;
export const PRODUCT_IDS = Object.keys(productSettingsSchemas) as ProductId[];

export type ProductSettings = { [Id in ProductId]: z.output<(typeof productSettingsSchemas)[Id]> };
/** What a user writes (defaults not applied yet). */
export type ProductSettingsInput = { [Id in ProductId]: z.input<(typeof productSettingsSchemas)[Id]> };

function choice<Id extends ProductId, S extends (typeof productSettingsSchemas)[Id]>(id: Id, schema: S) {
  // An omitted `settings` is parsed as {}: all-optional settings pass, a required one is named by its path.
  return z.object({ product: z.literal(id), settings: z.prefault(schema, {} as z.input<S>) });
}

/**
 * `{ product, settings }` of a ProductInstall. Other args (group, sharedFolder) are the resource's
 * own schema's business: extend or merge this with them.
 */
export const ProductChoiceSchema = z.discriminatedUnion("product", [
  choice("printport-acos4", PrintportAcos4SettingsSchema),
  choice("esmpro-servermanager", EsmproServerManagerSettingsSchema),
  choice("deploymentmanager", DeploymentManagerSettingsSchema),
  choice("deploymentmanager-hpux", DeploymentManagerHpuxSettingsSchema),
  choice("systemprovisioning", SystemProvisioningSettingsSchema),
  choice("systemmonitor-performance", SystemMonitorPerformanceSettingsSchema),
  choice("esmpro-serveragent", EsmproServerAgentSettingsSchema),
  choice("esmpro-servermanager@legacy", EsmproServerManagerLegacySettingsSchema),
  choice("esmpro-jmss", EsmproJmssSettingsSchema),
  choice("esmpro-filetransfer", EsmproFileTransferSettingsSchema),
  choice("esmpro-deliverymanager", EsmproDeliveryManagerSettingsSchema),
  choice("websam-netvisor", WebsamNetvisorSettingsSchema),
  choice("websam-netvisorpro", WebsamNetvisorProSettingsSchema),
  choice("websam-appmanager@5", WebsamAppManagerSettingsSchema),
  choice("websam-pfm", WebsamPfmSettingsSchema),
  choice("esmpro-ac-iups", EsmproAcIupsSettingsSchema),
  choice("esmpro-ac-snmp", EsmproAcSnmpSettingsSchema),
  choice("esmpro-ac-powerchute-plus", EsmproAcPowerChutePlusSettingsSchema),
  choice("esmpro-ac-upsmanager", EsmproAcUpsManagerSettingsSchema),
  choice("esmpro-printmanager", EsmproPrintManagerSettingsSchema),
  choice("esmpro-clientmanager", EsmproClientManagerSettingsSchema),
  choice("esmpro-appmanager@3.4", EsmproAppManager34SettingsSchema),
  choice("esmpro-appmanager@4", EsmproAppManager4SettingsSchema),
  choice("esmpro-bom", EsmproBomSettingsSchema),
]);
export type ProductChoice = z.output<typeof ProductChoiceSchema>;
export type ProductChoiceInput = z.input<typeof ProductChoiceSchema>;
