// ESMPRO/ServerManager 4.5 on a SigmaSystemCenter 2.1 management server (seed 003 §2.2).
import type { Product, ProductAcl, ProductService } from "./types";

const SMM = "{installFolder}";
/** The work folder NVWORK on the shared disk, below the install's shared folder. */
const SHARED_WORK_DIR = "{sharedFolder}\\NVWORK";

/** The seed names the cooperator only by its display name; its service name is a setting (settings.ts). */
const COOPERATOR = "{clusterproEsmCooperatorServiceName}";
const DMI_ALERTS = { setting: "dmiAlerts", equals: true } as const;
const TRAP_FORWARDING = { setting: "trapForwarding", equals: true } as const;

// seed 003 §2.2.1 (Manual) and §2.2.5 (the same eight are monitored); listed in the seed's table order.
// Optional ones are still set to Manual when unused: §2.2.1 lists all eight without condition.
function service(displayName: string, serviceName: string, optionalWhen?: ProductService["optionalWhen"]): ProductService {
  return { displayName, serviceName, startup: "Manual", control: "group", monitored: true, ...(optionalWhen ? { optionalWhen, startupAlways: true } : {}), seed: "seed 003 §2.2.1, §2.2.5" };
}

/**
 * The moved work folder's permissions, the same in seed 003 §2.2.2 and seed 001 §1.2.7 S8 (the legacy version):
 * Everyone read and execute; the custom ESMPRO user groups chosen at install (seed 003 §2.2.2 ※1) full control.
 */
export const SERVERMANAGER_WORK_DIR_ACL: ProductAcl["entries"] = [
  { principal: { name: "Administrators", sid: "S-1-5-32-544" }, rights: "FullControl" },
  { principal: { name: "Everyone", sid: "S-1-1-0" }, rights: "ReadAndExecute" },
  { principal: { name: "SYSTEM", sid: "S-1-5-18" }, rights: "FullControl" },
  { principal: { namesFromSetting: "esmproUserGroups" }, rights: "FullControl" },
];

export const esmproServerManager: Product<"esmpro-servermanager"> = {
  id: "esmpro-servermanager",
  version: "4.5",
  title: "ESMPRO/ServerManager 4.5",
  seed: "seed 003 §2.2",
  // No public document found that says whether ServerManager 4.5 is a 32-bit program on x64 (searched: ESMPRO
  // ServerManager WOW6432Node NVBASE, Program Files (x86)\NEC\SMM). The seed prints HKLM\SOFTWARE\NEC\NVBASE and
  // %ProgramFiles%\NEC\SMM as they are: taken as printed (native view, native Program Files).
  registryView: "64",
  registryViewSource: "no public source found; seed 003 §2.2.4 prints HKLM\\SOFTWARE\\NEC\\NVBASE (taken as printed)",
  installFolder: { default: "%ProgramFiles%\\NEC\\SMM", seed: "seed 003 §2.2.2", source: "seed 003 §2.2.2 (%ProgramFiles%\\NEC\\SMM\\NVWORK); no public source for an x64 install" },
  // ESM Base Service (Nvbase) is ESMPRO/BASE's, shared with the other ESMPRO/BASE products (esm-base.ts).
  usesEsmBaseService: { seed: "seed 003 §1.2, §2.2.8" },
  services: [
    service("Alert Manager Socket(R) Service", "AlertManagerSocketReceiveService"),
    // seed 003 §2.2.6 ※1 / §2.2.7 ※2: started and stopped only if DMI alerts are received.
    service("Dmi Event Watcher", "DmiEventWatcher", DMI_ALERTS),
    service("ESM Alert Service", "ESMASVNT"),
    service("ESM Base Service", "Nvbase"),
    service("ESM Command Service", "Nvcmd"),
    service("ESM Remote Map Service", "Nvrmapd"),
    service("ESMPRO/SM Base Service", "ESMDSVNT"),
    // seed 003 §2.2.6 ※2 / §2.2.7 ※1: started and stopped only if trap forwarding is used.
    service("ESMPRO/SM Trap Redirection", "EsmTrapRedirection", TRAP_FORWARDING),
    {
      // seed 003 §2.2.8: with CLUSTERPRO X's ESMPRO/SM cooperation, started after the ServerManager services and
      // stopped before them. The seed names it only as `net stop` does (display name; a Windows service name has no
      // "/"), so the service name is the setting clusterproEsmCooperatorServiceName. Nothing about monitoring;
      // Manual because the group starts it. Not touched at all without the cooperation.
      displayName: "CLUSTERPRO ESMPRO/SM cooperator",
      serviceName: COOPERATOR,
      startup: "Manual",
      control: "group",
      monitored: false,
      optionalWhen: { setting: "clusterproEsmCooperation", equals: true },
      seed: "seed 003 §2.2.8",
    },
  ],
  // seed 003 §2.2.6 (the cooperator after them: §2.2.8)
  startOrder: ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "DmiEventWatcher", "Nvcmd", "Nvrmapd", "EsmTrapRedirection", "ESMDSVNT", COOPERATOR],
  // seed 003 §2.2.7 (the cooperator before them: §2.2.8)
  stopOrder: [COOPERATOR, "ESMDSVNT", "EsmTrapRedirection", "Nvrmapd", "Nvcmd", "DmiEventWatcher", "AlertManagerSocketReceiveService", "ESMASVNT", "Nvbase"],
  orderMatters: true,
  // seed 003 §2.2.8: with the Express report service / ServerAgent / AlertManager, around the ServerManager stop:
  // stop "Express PC Report", stop "Alert Manager Main Service", stop ServerManager, start them again in reverse.
  restartAroundStop: [
    { name: "Express PC Report", when: { setting: "expressReportService", equals: true }, seed: "seed 003 §2.2.8" },
    { name: "Alert Manager Main Service", when: { setting: "alertManagerMainService", equals: true }, seed: "seed 003 §2.2.8" },
  ],
  databases: [],
  sharedDiskPlacements: [
    // seed 003 §2.2.2 1.: move the work folder; on the active node.
    { operation: "move", kind: "folder", source: `${SMM}\\NVWORK`, target: "NVWORK", seed: "seed 003 §2.2.2" },
  ],
  // seed 003 §2.2.3: the standby's local work directory goes; never the active node's.
  standbyDeletions: [{ kind: "folder", path: `${SMM}\\NVWORK`, seed: "seed 003 §2.2.3" }],
  files: [
    {
      // seed 003 §2.2.2: "local" folder below the moved work folder; after ":" only half-width spaces or tabs; end the line.
      path: `${SHARED_WORK_DIR}\\LOCAL\\nvisord.cf`,
      on: "active",
      content: 'CommunityName:"mgr_{virtualComputerName}"',
      encoding: "ascii",
      lineEnding: "crlf",
      finalNewline: true,
      seed: "seed 003 §2.2.2",
    },
  ],
  propertyEdits: [],
  acls: [
    {
      // seed 003 §2.2.2: the work folder and every folder below it.
      path: SHARED_WORK_DIR,
      recursive: true,
      on: "active",
      entries: SERVERMANAGER_WORK_DIR_ACL,
      seed: "seed 003 §2.2.2",
    },
  ],
  // seed 003 §2.2.4 修正レジストリ
  registryWrites: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "WorkDir", type: "REG_SZ", data: { template: SHARED_WORK_DIR }, operation: "modify", seed: "seed 003 §2.2.4" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "GeneralFilter", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert\\filter\\genericsg` }, operation: "modify", seed: "seed 003 §2.2.4" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "DiosaFilter", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert\\filter\\odiosasg` }, operation: "modify", seed: "seed 003 §2.2.4" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", name: "AlertPath", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\alert` }, operation: "modify", seed: "seed 003 §2.2.4" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM\\CurrentVersion\\ODBC", name: "LocalFileDirectory", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\ESMPRO` }, operation: "modify", seed: "seed 003 §2.2.4" },
  ],
  // seed 003 §2.2.4 削除レジストリ: the two values in every key below AlertType (absent right after install).
  registryDeletions: [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer\\AlertType", scope: "each-subkey", values: ["AniCurrent", "WavCurrent"], seed: "seed 003 §2.2.4" }],
  // seed 003 §2.2.4 同期レジストリ; the AlertMan spellings follow seed 001 §1.2 (see settings.ts).
  registrySync: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM", seed: "seed 003 §2.2.4" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", seed: "seed 003 §2.2.4" },
    { key: "{alertManagerReceiveSyncKey}", seed: "seed 003 §2.2.4; spelling seed 001 §1.2" },
    { key: "{alertManagerSocketSyncKey}", seed: "seed 003 §2.2.4; spelling seed 001 §1.2" },
    { key: "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase", seed: "seed 003 §2.2.4" },
  ],
  constraints: [
    { rule: "esmpro-and-systemprovisioning-same-group", checkedBy: "preview", description: "ESMPRO/ServerManager and SystemProvisioning run on the same server and fail over together: same group", seed: "seed 003 §1.1" },
    { rule: "esm-base-service-first-and-last", checkedBy: "preview", description: 'With other ESMPRO/BASE products on the server, "ESM Base Service" starts first and stops last: ESMPRO/ServerManager is the first install of its group', seed: "seed 003 §2.2.8" },
  ],
  manualSteps: [
    { text: "ServerManager must have been installed with failover support; one installed without it cannot be converted by an update (uninstall, reinstall)", seed: "seed 003 §2.2" },
    { text: "If ServerManager uses \"SNMP Trap Service\", monitoring it as a related service is recommended; likewise \"Windows Management Instrumentation\" (SystemProvisioning's interface)", seed: "seed 003 §1.2" },
    { text: "Configure the cluster before the OS reboot that ends the ServerManager installation", seed: "seed 003 §2.2.8" },
    { text: "ServerManager in failover mode does not receive ServerAgent's manager reports over TCP/IP (Out-of-Band)", seed: "seed 003 §2.2.8" },
    { text: "Manager-to-manager communication peers: manager name of the cluster, IP address = the failover IP", seed: "seed 003 §2.2.8" },
    { text: "The other ESMPRO/BASE products sharing ESM Base Service must fail over together with ServerManager (same group)", when: { setting: "otherEsmBaseProducts", isSet: true }, seed: "seed 003 §1.1" },
  ],
};
