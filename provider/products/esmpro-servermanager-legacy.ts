// ESMPRO/ServerManager 4.16 and later with failover data handover, on CLUSTERPRO Ver5–7 (seed 001 §1.2): the catalog's
// "legacy" version of esmpro-servermanager (the default is seed 003's 4.5 on SigmaSystemCenter). It differs from 4.5 in
// its install folder (\Program Files\Esmpro, work directory Nvwork), the "CLUSTERPRO Manager" stop/start around the
// ServerManager stop, and its scripts (ARMLOAD/ARMKILL lines of §1.2.8).
import { SERVERMANAGER_WORK_DIR_ACL } from "./esmpro-servermanager";
import type { ArmControl, Product, ProductService } from "./types";

const SM = "{installFolder}";
/** The work directory on the switch partition, below the install's shared folder. */
const SHARED_WORK_DIR = "{sharedFolder}\\Nvwork";
const DMI_ALERTS = { setting: "dmiAlerts", equals: true } as const;
const TRAP_FORWARDING = { setting: "trapForwarding", equals: true } as const;

/** seed 001 §1.2.8.1: every ARMLOAD line is `ARMLOAD.EXE <id> /S /M /WAIT 0 <service>`. */
const arm = (watchId: string): ArmControl => ({ watchId, options: ["/S", "/M", "/WAIT", "0"] });

// seed 001 §1.2.7 S4: all eight are set to Manual (the optional two too: S4 lists them without condition); the
// start script starts every one with /M (§1.2.8.1).
function service(displayName: string, serviceName: string, watchId: string, optionalWhen?: ProductService["optionalWhen"]): ProductService {
  return { displayName, serviceName, startup: "Manual", control: "group", monitored: true, ...(optionalWhen ? { optionalWhen, startupAlways: true } : {}), arm: arm(watchId), seed: "seed 001 §1.2.7, §1.2.8" };
}

export const esmproServerManagerLegacy: Product<"esmpro-servermanager@legacy"> = {
  id: "esmpro-servermanager@legacy",
  version: "legacy",
  title: "ESMPRO/ServerManager 4.16 and later (CLUSTERPRO Ver5–7)",
  seed: "seed 001 §1.2",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.2.7 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE (taken as printed)",
  // seed 001 §1.2.7 S5: "normally \Program Files\Esmpro\Nvwork".
  installFolder: { default: "%ProgramFiles%\\Esmpro", seed: "seed 001 §1.2.7", source: "seed 001 §1.2.7 S5 (\\Program Files\\Esmpro\\Nvwork)" },
  // ESM Base Service (Nvbase) is ESMPRO/BASE's, shared with the other ESMPRO/BASE products (esm-base.ts).
  usesEsmBaseService: { seed: "seed 001 §1.2.3.1, §1.2.7" },
  services: [
    service("ESM Base Service", "Nvbase", "id_Base"),
    service("ESM Alert Service", "ESMASVNT", "id_Alert"),
    service("Alert Manager Socket (R) Service", "AlertManagerSocketReceiveService", "id_AM"),
    // seed 001 §1.2.8 (*1) / (*2)
    service("Dmi Event Watcher", "DmiEventWatcher", "id_Dmi", DMI_ALERTS),
    service("ESM Command Service", "Nvcmd", "id_Cmd"),
    service("ESM Remote Map Service", "Nvrmapd", "id_Rmap"),
    service("ESMPRO/SM Trap Redirection", "EsmTrapRedirection", "id_Trap", TRAP_FORWARDING),
    // The seed prints ESMDSVNT (NORMAL) and ESMSVNT (FAILOVER): a setting, ESMDSVNT by default (as seed 003).
    service("ESMPRO/SM Base Service", "{smBaseServiceName}", "id_SM"),
  ],
  // seed 001 §1.2.7 S12 (start: ESM Base Service first)
  startOrder: ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "DmiEventWatcher", "Nvcmd", "Nvrmapd", "EsmTrapRedirection", "{smBaseServiceName}"],
  // seed 001 §1.2.7 S12 (stop: ESM Base Service last)
  stopOrder: ["{smBaseServiceName}", "EsmTrapRedirection", "Nvrmapd", "Nvcmd", "DmiEventWatcher", "AlertManagerSocketReceiveService", "ESMASVNT", "Nvbase"],
  orderMatters: true,
  // seed 001 §1.2.8.2: stopped in this order before the ARMKILLs, started again in reverse after them (red, blue, green).
  restartAroundStop: [
    { name: "Express PC Report", when: { setting: "expressReportService", equals: true }, seed: "seed 001 §1.2.8.2" },
    { name: "Alert Manager Main Service", when: { setting: "alertManagerMainService", equals: true }, seed: "seed 001 §1.2.8.2" },
    { name: "CLUSTERPRO Manager", when: { setting: "clusterproManagerOnServer", equals: true }, seed: "seed 001 §1.2.8.2, §1.2.9 (9)" },
  ],
  databases: [],
  // seed 001 §1.2.7 S5: the work directory moves to the switch partition (the active node, where it is online).
  sharedDiskPlacements: [{ operation: "move", kind: "folder", source: `${SM}\\Nvwork`, target: "Nvwork", seed: "seed 001 §1.2.7" }],
  // seed 001 §1.2.7 S7: the standby's local work directory only; never the active node's.
  standbyDeletions: [{ kind: "folder", path: `${SM}\\Nvwork`, seed: "seed 001 §1.2.7" }],
  files: [
    {
      // seed 001 §1.2.7 S6: <work dir>\local\nvisord.cf, one line ending with a newline; after ":" only spaces or tabs.
      path: `${SHARED_WORK_DIR}\\local\\nvisord.cf`,
      on: "active",
      content: 'CommunityName:"mgr_{virtualComputerName}"',
      encoding: "ascii",
      lineEnding: "crlf",
      finalNewline: true,
      seed: "seed 001 §1.2.7",
    },
  ],
  propertyEdits: [],
  acls: [
    {
      // seed 001 §1.2.7 S8: the work directory and every directory below it.
      path: SHARED_WORK_DIR,
      recursive: true,
      on: "active",
      entries: SERVERMANAGER_WORK_DIR_ACL,
      seed: "seed 001 §1.2.7",
    },
  ],
  // seed 001 §1.2.7 レジストリの編集 (S9, on both nodes; value types not stated: REG_SZ as the paths are strings).
  registryWrites: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "WorkDir", type: "REG_SZ", data: { template: SHARED_WORK_DIR }, operation: "modify", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "GeneralFilter", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert\\filter\\genericsg` }, operation: "modify", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "DiosaFilter", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert\\filter\\odiosasg` }, operation: "modify", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", name: "AlertPath", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert` }, operation: "modify", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM\\CurrentVersion\\ODBC", name: "LocalFileDirectory", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\ESMPRO` }, operation: "modify", seed: "seed 001 §1.2.7" },
  ],
  // seed 001 §1.2.7 (*2), (*3): from every existing key below AlertType; absent right after install.
  registryDeletions: [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer\\AlertType", scope: "each-subkey", values: ["AniCurrent", "WavCurrent"], seed: "seed 001 §1.2.7" }],
  // seed 001 §1.2.7 S10: exactly these five.
  registrySync: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\BaseSetting\\Receive", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\Socket\\Socketr", seed: "seed 001 §1.2.7" },
    { key: "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase", seed: "seed 001 §1.2.7" },
  ],
  constraints: [
    { rule: "esm-base-service-first-and-last", checkedBy: "preview", description: '"ESM Base Service" starts first and stops last, even with other products\' lines in the scripts: ServerManager is the first install of its group', seed: "seed 001 §1.2.7" },
    { rule: "esmpro-servermanager-failover-version", checkedBy: "settings", settingsPath: "settings.serverManagerVersion", description: "Failover data handover needs ServerManager 4.16 or later", seed: "seed 001 §1.2.3" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "the work directory (Nvwork) and nvisord.cf", seed: "seed 001 §1.2.7" },
    { kind: "virtual-computer-name", purpose: 'the manager name mgr_<virtual computer name> in nvisord.cf', seed: "seed 001 §1.2.7" },
    { kind: "floating-ip", purpose: "manager-to-manager communication (never a physical IP); exclude it from TCP/IP host auto-discovery", seed: "seed 001 §1.2.9" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.2.8",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: true },
    loadCommand: "ARMLOAD.EXE",
    killCommand: "ARMKILL.EXE",
    beforeStart: [],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  // seed 001 §1.2.3.1, §1.2.7 S11/S13
  detection: [
    { fact: "an ESMPRO/BASE-related product (ClientManager, Netvisor, NetvisorPro, UXServerManager) is installed", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", seed: "seed 001 §1.2.3.1" },
    { fact: "the environment is already failover-enabled: the work directory it names is on the switch partition drive", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", value: "WorkDir", seed: "seed 001 §1.2.3.1" },
    { fact: "another product uses ESMPRO/BASE: a value whose name is not ServerManager with the data \"use\" (then uninstall removes only ESMPRO/SM Base Service from the scripts)", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\PP", seed: "seed 001 §1.2.7" },
  ],
  manualSteps: [
    { text: "ServerManager must be installed on the same drive and directory on every server, never on the switch partition; on the active node make the switch partition usable first; decline the reboot prompt and continue", seed: "seed 001 §1.2.7" },
    { text: "A ServerManager installed without failover support cannot be made failover-enabled by an update install or Update package: uninstall it, then install with failover", seed: "seed 001 §1.2.9 (1)" },
    { text: "Register the synchronized registry only after the registry edits on both nodes are complete (up does them in that order)", seed: "seed 001 §1.2.4.1" },
    { text: "End with a cluster shutdown of the active and standby servers", seed: "seed 001 §1.2.7" },
    { text: "Exclude the virtual IP / FIP from the TCP/IP host auto-discovery range", seed: "seed 001 §1.2.9 (2)" },
    { text: "Manager-to-manager communication with the cluster: manager name mgr_<primary server name> (unless changed), IP address the virtual IP / FIP — a physical IP fails", seed: "seed 001 §1.2.9 (4)" },
    { text: "Changing TCP/IP report reception causes a failover: stop the cluster, change it, set \"Alert Manager Socket (R) Service\" to Manual, start the cluster", seed: "seed 001 §1.2.9 (5)" },
    { text: "Installing or uninstalling ESMPRO/BASE products (Netvisor, ClientManager …) may set \"Alert Manager Socket(R) Service\" to Automatic, which causes a failover: refresh reports it, up sets it back to Manual", seed: "seed 001 §1.2.9 (6)" },
    { text: "When a setting change asks for an OS reboot, restart the cluster system (reboot by the CLUSTERPRO procedure)", seed: "seed 001 §1.2.9 (7)" },
    { text: "Before starting the SNMP trap forwarding service, add its lines to the start/stop scripts (trapForwarding)", seed: "seed 001 §1.2.9 (8)" },
    { text: "Failover-enabled ServerManager does not receive ServerAgent's manager reports over TCP/IP Out-of-Band", seed: "seed 001 §1.2.9 (10)" },
    { text: "Other ESMPRO/BASE products use the base: on uninstall remove only \"ESMPRO/SM Base Service\" from the scripts and keep the shared registry-sync keys", when: { setting: "otherEsmBaseProducts", isSet: true }, seed: "seed 001 §1.2.7 S11, S13" },
  ],
};
