// WebSAM/Netvisor on a CLUSTERPRO Ver6.0 cluster (seed 001 §2.1): installed on both servers (same drive and folder),
// every Netvisor service Manual and started by the failover group, the work directory (Nvwork) on the switch
// partition, its registry values repointed on both servers, NVBASE and Services\Nvbase under registry sync. It runs on
// ESMPRO/BASE's "ESM Base Service" (Nvbase), which it shares with ServerManager, ClientManager and NetvisorPro.
//
// Orders: the printed lists of §2.1.3 are the catalog's (the sample scripts of §2.1.7 start ESM IPM third and stop it
// after ESM Expert Service; the printed lists start it last and stop it first). scripts.test.ts compares the samples
// without router management, where the two agree.
import type { ArmControl, Product, ProductService } from "./types";

const NV = "{installFolder}";
const SHARED_WORK_DIR = "{sharedFolder}\\Nvwork";
export const ROUTER_MANAGEMENT = { setting: "routerManagement", equals: true } as const;
const SEED = "seed 001 §2.1.3, §2.1.7";

/**
 * §2.1.7: `ARMLOG "<id>"` then `ARMLOAD.EXE <id> /S /M /WAIT 0 <service>`, and on stop `ARMLOG "o <id>"` then
 * `ARMKILL.EXE <id>`; `if ERRORLEVEL 1 goto STOPNE` after Nvbase, Nvewatchd and Nvtrtickd.
 */
export const arm = (watchId: string, extra: Partial<ArmControl> = {}): ArmControl => ({ watchId, options: ["/S", "/M", "/WAIT", "0"], logBeforeStart: `ARMLOG "${watchId}"`, logBeforeStop: `ARMLOG "o ${watchId}"`, ...extra });
const CHECKED = { afterStartLines: ["if ERRORLEVEL 1 goto STOPNE"] };

/**
 * The 14 ESM / Netvisor services of §2.1.3 and §2.2.3 (ESM IPM only with router management), keyed by the names the
 * sample scripts start. `checked`: the services the sample follows with `if ERRORLEVEL 1 goto STOPNE`; `baseSleep`:
 * the ARMSLEEP.EXE seconds before ESM Base Service is killed (its dependants stop first): 5 in §2.1.7, 10 in §2.2.6.
 */
export function esmNetvisorServices(checked: readonly string[], baseSleep: number, seed: string): ProductService[] {
  const s = (displayName: string, serviceName: string, watchId: string, optionalWhen?: ProductService["optionalWhen"]) =>
    // All Netvisor-related services Manual on both servers; every ARMLOAD of the samples has /M.
    ({ displayName, serviceName, startup: "Manual" as const, control: "group" as const, monitored: true, ...(optionalWhen ? { optionalWhen } : {}), arm: arm(watchId, { ...(checked.includes(serviceName) ? CHECKED : {}), ...(serviceName === "Nvbase" ? { beforeStopLines: [`ARMSLEEP.EXE ${baseSleep}`] } : {}) }), seed });
  return [
    s("Alert Manager Socket(R) Service", "AlertManagerSocketReceiveService", "id_Amsrs"),
    s("Dmi Event Watcher", "DmiEventWatcher", "id_Dmi"),
    s("ESM Alert Service", "ESMASVNT", "id_Alert"),
    // NetvisorPro's sample prints Nvbbase once: a typo.
    s("ESM Base Service", "Nvbase", "id_Base"),
    s("ESM Command Service", "Nvcmd", "id_Cmd"),
    s("ESM Expert Service", "Nvexpd", "id_Expd"),
    // ※1: only with Netvisor router management. The sample prints id_IPmd / id_Ipmd / id_lpmd: one watch ID.
    s("ESM IPM", "Nvipmd", "id_Ipmd", ROUTER_MANAGEMENT),
    s("ESM Logging Service", "Nvlogd", "id_Logd"),
    s("ESM Remote Map Service", "Nvrmapd", "id_Rmap"),
    s("ESM Rule Service", "Nvexrld", "id_Ruled"),
    s("ESM Trap Service", "Nvintrd", "id_Trapd"),
    s("ESM/NV Dns Service", "Nvdnsd", "id_Dnsd"),
    // One branch of each start sample prints Nvwatchd: a typo.
    s("ESM/NV Event Watch Service", "Nvewatchd", "id_Evwd"),
    s("ESM/NV Trouble Ticket Service", "Nvtrtickd", "id_Trtd"),
  ];
}

export const NETVISOR_SERVICES = esmNetvisorServices(["Nvbase", "Nvewatchd", "Nvtrtickd"], 5, SEED);

/** §2.1.3 ①, the printed start order. */
export const NETVISOR_START = ["Nvbase", "Nvcmd", "Nvlogd", "Nvrmapd", "Nvintrd", "Nvdnsd", "ESMASVNT", "DmiEventWatcher", "AlertManagerSocketReceiveService", "Nvewatchd", "Nvtrtickd", "Nvexpd", "Nvexrld", "Nvipmd"];
/** §2.1.3, the printed stop order (ESM Base Service last). */
export const NETVISOR_STOP = ["Nvipmd", "AlertManagerSocketReceiveService", "DmiEventWatcher", "ESMASVNT", "Nvcmd", "Nvexpd", "Nvlogd", "Nvrmapd", "Nvexrld", "Nvintrd", "Nvdnsd", "Nvtrtickd", "Nvewatchd", "Nvbase"];

/** §2.1.3 ③ ②: the moved work directory's permissions (Everyone: 読み取り, Read). */
export const NETVISOR_WORK_DIR_ACL = {
  path: SHARED_WORK_DIR,
  recursive: true,
  on: "active" as const,
  entries: [
    { principal: { name: "Administrators", sid: "S-1-5-32-544" }, rights: "FullControl" as const },
    { principal: { name: "Everyone", sid: "S-1-1-0" }, rights: "Read" as const },
    { principal: { namesFromSetting: "esmproUserGroups" }, rights: "FullControl" as const },
    { principal: { name: "SYSTEM", sid: "S-1-5-18" }, rights: "FullControl" as const },
  ],
};

export const NETVISOR_SYNC = [
  { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", seed: "seed 001 §2.1.3" },
  { key: "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase", seed: "seed 001 §2.1.3" },
];

export const websamNetvisor: Product<"websam-netvisor"> = {
  id: "websam-netvisor",
  title: "WebSAM/Netvisor",
  seed: "seed 001 §2.1",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §2.1.3 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE, taken as printed",
  // §2.1.3 ③ ①: the work directory is "normally \Program Files\Esmpro\Nvwork".
  installFolder: { default: "%ProgramFiles%\\Esmpro", seed: "seed 001 §2.1.3", source: "seed 001 §2.1.3 (\\Program Files\\Esmpro\\Nvwork)" },
  usesEsmBaseService: { seed: "seed 001 §2.1.3, §2.1.7 (ESM Base Service first to start, last to stop)" },
  services: NETVISOR_SERVICES,
  startOrder: NETVISOR_START,
  stopOrder: NETVISOR_STOP,
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [{ operation: "move", kind: "folder", source: `${NV}\\Nvwork`, target: "Nvwork", seed: "seed 001 §2.1.3" }],
  // §2.1.3 ③ ③: the standby's work directory is deleted.
  standbyDeletions: [{ kind: "folder", path: `${NV}\\Nvwork`, seed: "seed 001 §2.1.3" }],
  files: [],
  propertyEdits: [],
  acls: [{ ...NETVISOR_WORK_DIR_ACL, seed: "seed 001 §2.1.3" }],
  // §2.1.3 ③ ④⑤, on both servers (no type given: REG_SZ, the data are paths).
  registryWrites: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "WorkDir", type: "REG_SZ", data: { template: SHARED_WORK_DIR }, operation: "modify", seed: "seed 001 §2.1.3" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", name: "AlertPath", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\alert` }, operation: "modify", seed: "seed 001 §2.1.3" },
  ],
  registryDeletions: [],
  registrySync: NETVISOR_SYNC,
  constraints: [
    { rule: "esm-base-service-first-and-last", checkedBy: "preview", description: '"ESM Base Service" is shared with the other ESMPRO/BASE products of the group: declared once, in the same group, first to start and last to stop', seed: "seed 001 §2.1.3, §2.1.7" },
    { rule: "netvisor-clusterpro-version", checkedBy: "settings", settingsPath: "settings.clusterproVersion", description: "Netvisor is documented for CLUSTERPRO (Windows) Ver6.0", seed: "seed 001 §2.1.2" },
    { rule: "netvisor-not-with-clusterpro-manager", checkedBy: "settings", settingsPath: "settings.clusterproManagerOnServer", description: "Netvisor set up on a CLUSTERPRO server cannot coexist with the CLUSTERPRO Manager; the LAN management agent and NodeManager cannot be used on a cluster", seed: "seed 001 §2.1.6" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "the work directory (Nvwork), a shared disk or a mirror disk", seed: "seed 001 §2.1.2, §2.1.3" },
    { kind: "floating-ip", purpose: "manager-to-manager communication and SNMP traps sent to the cluster (a physical IP does not work)", seed: "seed 001 §2.1.2, §2.1.6" },
  ],
  legacyScripts: {
    seed: "seed 001 §2.1.7",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: true, stopneLabel: true },
    loadCommand: "ARMLOAD.EXE",
    killCommand: "ARMKILL.EXE",
    beforeStart: [],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  compatibility: [{ product: "Netvisor", with: "CLUSTERPRO (Windows) Ver6.0", supported: true, note: "the startup-type steps cover Windows XP, 2000 and NT 4.0", seed: "seed 001 §2.1.2" }],
  detection: [{ fact: "the environment is already failover-enabled: the work directory WorkDir names is on the switch partition drive", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", value: "WorkDir", seed: "seed 001 §2.1.3" }],
  manualSteps: [
    { text: "Install Netvisor on the active and the standby server (ESMPRO/Netvisor setup card), to the same drive and folder on every server", seed: "seed 001 §2.1.3 ①" },
    { text: "With the WebAccess function, create the ESMPRO user group as a local group on both servers (name it in esmproUserGroups: Full Control on the work directory)", when: { setting: "webAccess", equals: true }, seed: "seed 001 §2.1.3 ①" },
    { text: "Reboot the servers after the setup (by the CLUSTERPRO procedure)", seed: "seed 001 §2.1.3 ③" },
    { text: "Update install / fix module: install on each server while the switch partition holding the work directory is reachable there (the group online on it), otherwise the install fails", seed: "seed 001 §2.1.4" },
    { text: "Uninstall: remove the sync keys NVBASE and Services\\Nvbase from the group (destroy does), delete the Netvisor start/stop lines, uninstall on both servers and reboot", seed: "seed 001 §2.1.5" },
    { text: "Manager-to-manager communication and SNMP traps to the cluster use the virtual IP / floating IP, never a physical IP", seed: "seed 001 §2.1.6" },
    { text: "Changing the SNMP trap reception method (ESMPRO customization) needs a server reboot", seed: "seed 001 §2.1.6" },
    { text: "Router management: put the customized background bitmap on the switch partition, otherwise it cannot be read after a switchover", when: ROUTER_MANAGEMENT, seed: "seed 001 §2.1.6" },
  ],
};
