// The per-product settings of a ProductInstall, validated at construction: a discriminated union on
// `product`, each `settings` a strict object, so an unknown or missing setting fails with its path
// (e.g. `settings.virtualComputerName`).
import { z } from "zod";
import { MAX_PATH_CHARS, registryKeyReason, safeText } from "../../sdk/schemas/common";

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

/** Settings schema per catalog id. */
export const productSettingsSchemas = {
  "printport-acos4": PrintportAcos4SettingsSchema,
  "esmpro-servermanager": EsmproServerManagerSettingsSchema,
  deploymentmanager: DeploymentManagerSettingsSchema,
  "deploymentmanager-hpux": DeploymentManagerHpuxSettingsSchema,
  systemprovisioning: SystemProvisioningSettingsSchema,
  "systemmonitor-performance": SystemMonitorPerformanceSettingsSchema,
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
]);
export type ProductChoice = z.output<typeof ProductChoiceSchema>;
export type ProductChoiceInput = z.input<typeof ProductChoiceSchema>;
