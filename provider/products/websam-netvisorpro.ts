// WebSAM NetvisorPro Ver. 3.0 on CLUSTERPRO (Windows) Ver6.x or later (seed 001 §2.2): Netvisor's ESM services plus
// the NVPRO services, all Manual on both servers; the work directory (Nvwork) on the switch partition with four
// registry values repointed; its five SQL Server databases kept in the DB storage directory on the switch partition,
// attached by the start script to the node's own instance (%computername%\nvpro) and detached by the stop script
// before the services stop. It shares ESMPRO/BASE's "ESM Base Service" (Nvbase) with the other ESMPRO/BASE products.
//
// Orders: the printed lists of §2.2.3 are the catalog's. The sample (§2.2.6) kills Dmi Event Watcher before ESM Alert
// Service and TopologyManager Base before TopologyManager; the printed stop list says the reverse of both.
import { arm, esmNetvisorServices, NETVISOR_START, NETVISOR_SYNC, NETVISOR_WORK_DIR_ACL, ROUTER_MANAGEMENT } from "./websam-netvisor";
import type { Product, ProductService, ScriptLine } from "./types";

const NV = "{installFolder}";
const SHARED_WORK_DIR = "{sharedFolder}\\Nvwork";
const SEED = "seed 001 §2.2.3, §2.2.6";

/** §2.2.6: the five databases, each `<db>dat.mdf` / `<db>log.ldf` in the DB storage directory. */
export const NVPRO_DATABASES = ["nvpro", "pd_syslog", "pd_trap_mng", "nvqos", "kn_mst"] as const;
const SQL = "osql -E -d master -S %computername%\\{sqlInstance}";

const nvpro = (displayName: string, serviceName: string, watchId: string, options: string[], extra: object = {}): ProductService => ({
  displayName,
  serviceName,
  startup: "Manual",
  control: "group",
  monitored: true,
  // §2.2.6: the NVPRO kills are logged `ARMLOG "<id>"` (the ESM ones `ARMLOG "o <id>"`).
  arm: { ...arm(watchId), logBeforeStop: `ARMLOG "${watchId}"`, options, ...extra },
  seed: SEED,
});
const WAIT = ["/S", "/M", "/WAIT", "0"];

/** The NVPRO services the sample starts (※2 in the start list), in start order; the names are the sample's. */
export const NVPRO_STARTED: ProductService[] = [
  // §2.2.6: ARMSLEEP.EXE 30 after TopologyManager Base; ARMSLEEP.EXE 10 between the two TopologyManager kills.
  nvpro("NVPRO TopologyManager Base Service", "nvtpbase", "id_nvtpbase", WAIT, { afterStartLines: ["ARMSLEEP.EXE 30"], beforeStopLines: ["ARMSLEEP.EXE 10"] }),
  // §2.2.3 ① "(Aオプション付き)": ARMLOAD … /S /A /M /WAIT 0 nvtpserv.
  nvpro("NVPRO TopologyManager Service", "nvtpserv", "id_nvtpserv", ["/S", "/A", "/M", "/WAIT", "0"]),
  nvpro("NVPRO Log Service", "nvlgLogServ", "id_nvlgLogServ", WAIT),
  nvpro("NVPRO CommControl Service", "nvComServ", "id_nvComServ", WAIT),
  nvpro("NVPRO Watch Service", "iEBase", "id_iEBase", WAIT),
];

/**
 * The other 16 NVPRO services of the §2.2.3 list: Manual on both servers, not started by the group. The seed gives
 * their display names only (no service key names): set by hand (a manual step), not by ProductInstall.
 */
export const NVPRO_NOT_STARTED = [
  "NVPRO Alert Analyzer Service", "NVPRO AM Service", "NVPRO FM Service", "NVPRO Gui Service", "NVPRO Knowledge Service",
  "NVPRO LoginManager Service", "NVPRO ObjectManager Service", "NVPRO PolicyManager Service", "NVPRO Provisioning WBEM Service",
  "NVPRO QoS Manager Service", "NVPRO ResourceManager Service", "NVPRO ResourceManagerAPI Service", "NVPRO Schedule Service",
  "NVPRO SingleSignOn Service", "NVPRO TRAP Service", "NVPRO VLAN Manager Service",
] as const;

/** §2.2.6 接続処理: attach the five databases, then re-map the DB user nv (drop, grant access, db_owner). */
const ATTACH: ScriptLine[] = [
  { legacy: "ARMSLEEP.EXE 10", x: null, xNote: "ARMSLEEP is a Ver5–7 command; the pre script runs once the group's disk and IP are active" },
  ...NVPRO_DATABASES.map((db) => ({ legacy: `${SQL} -Q "EXEC sp_attach_db @dbname = '${db}',@filename1 = '{databaseDirectory}\\${db}dat.mdf',@filename2 = '{databaseDirectory}\\${db}log.ldf'"` })),
  ...NVPRO_DATABASES.map((db) => ({ legacy: `osql -E -d ${db} -S %computername%\\{sqlInstance} -Q "EXEC sp_dropuser 'nv'"` })),
  ...NVPRO_DATABASES.flatMap((db) => [
    { legacy: `osql -E -S %computername%\\{sqlInstance} -d ${db} -Q "EXEC sp_grantdbaccess 'nv'"` },
    { legacy: `osql -E -S %computername%\\{sqlInstance} -d ${db} -Q "EXEC sp_addrolemember 'db_owner','nv'"` },
  ]),
];
/** §2.2.6 接続解放処理: detached before the services stop. */
const DETACH: ScriptLine[] = NVPRO_DATABASES.map((db) => ({ legacy: `${SQL} -Q "EXEC sp_detach_db @dbname = '${db}',@skipchecks = 'TRUE'"` }));

export const websamNetvisorPro: Product<"websam-netvisorpro"> = {
  id: "websam-netvisorpro",
  version: "3.0",
  title: "WebSAM NetvisorPro Ver. 3.0",
  seed: "seed 001 §2.2",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §2.2.3 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE, taken as printed",
  installFolder: { default: "%ProgramFiles%\\Esmpro", seed: "seed 001 §2.2.3", source: "seed 001 §2.2.3 (\\Program Files\\Esmpro\\Nvwork)" },
  usesEsmBaseService: { seed: "seed 001 §2.2.3, §2.2.6 (ESM Base Service first to start, last to stop)" },
  services: [...esmNetvisorServices(["Nvbase", "Nvcmd", "AlertManagerSocketReceiveService", "Nvewatchd", "Nvtrtickd"], 10, SEED), ...NVPRO_STARTED],
  // §2.2.3 ①: Netvisor's 14, then the five NVPRO services.
  startOrder: [...NETVISOR_START, "nvtpbase", "nvtpserv", "nvlgLogServ", "nvComServ", "iEBase"],
  // §2.2.3 (ア): the NVPRO five reversed, ESM IPM, then the ESM services (ESM Alert before Dmi here), ESM Base last.
  stopOrder: ["iEBase", "nvComServ", "nvlgLogServ", "nvtpserv", "nvtpbase", "Nvipmd", "AlertManagerSocketReceiveService", "ESMASVNT", "DmiEventWatcher", "Nvcmd", "Nvexpd", "Nvlogd", "Nvrmapd", "Nvexrld", "Nvintrd", "Nvdnsd", "Nvtrtickd", "Nvewatchd", "Nvbase"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [{ operation: "move", kind: "folder", source: `${NV}\\Nvwork`, target: "Nvwork", seed: "seed 001 §2.2.3" }],
  standbyDeletions: [{ kind: "folder", path: `${NV}\\Nvwork`, seed: "seed 001 §2.2.3" }],
  files: [],
  propertyEdits: [],
  acls: [{ ...NETVISOR_WORK_DIR_ACL, seed: "seed 001 §2.2.3" }],
  // §2.2.3 ③ ④: four values, on both servers.
  registryWrites: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "WorkDir", type: "REG_SZ", data: { template: SHARED_WORK_DIR }, operation: "modify", seed: "seed 001 §2.2.3" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", name: "AlertPath", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\alert` }, operation: "modify", seed: "seed 001 §2.2.3" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "DiosaFilter", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert\\filter\\odiosasg` }, operation: "modify", seed: "seed 001 §2.2.3" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name: "GeneralFilter", type: "REG_SZ", data: { template: `${SHARED_WORK_DIR}\\Alert\\filter\\genericsg` }, operation: "modify", seed: "seed 001 §2.2.3" },
  ],
  registryDeletions: [],
  registrySync: NETVISOR_SYNC.map((k) => ({ ...k, seed: "seed 001 §2.2.3" })),
  constraints: [
    { rule: "esm-base-service-first-and-last", checkedBy: "preview", description: '"ESM Base Service" is shared with the other ESMPRO/BASE products of the group: declared once, in the same group, first to start and last to stop', seed: "seed 001 §2.2.3, §2.2.6" },
    { rule: "netvisor-clusterpro-version", checkedBy: "settings", settingsPath: "settings.clusterproVersion", description: "NetvisorPro needs CLUSTERPRO (Windows) Ver6.x or later", seed: "seed 001 §2.2.2" },
    { rule: "netvisor-not-with-clusterpro-manager", checkedBy: "settings", settingsPath: "settings.clusterproManagerOnServer", description: "Netvisor set up on a CLUSTERPRO server cannot coexist with the CLUSTERPRO Manager", seed: "seed 001 §2.2.5" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "the DB storage directory and the work directory (Nvwork), a shared disk or a mirror disk", seed: "seed 001 §2.2.3" },
    { kind: "floating-ip", purpose: "manager-to-manager communication and SNMP traps sent to the cluster (a physical IP does not work)", seed: "seed 001 §2.2.5" },
  ],
  legacyScripts: {
    seed: "seed 001 §2.2.6",
    // The sample's FAILOVER branch does nothing on the highest-priority server and its start script has no :STOPNE
    // label (defects, docs/products.md): the generator writes the body in all four branches and the label.
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "each-priority-branch", exitCommand: false, gotoExitAfterFailover: true, noArmMessage: "CLUSTERPRO Server が動作状態にありません", stopneLabel: true },
    loadCommand: "ARMLOAD.EXE",
    killCommand: "ARMKILL.EXE",
    beforeStart: ATTACH,
    afterStart: [],
    beforeStop: DETACH,
    afterStop: [],
  },
  compatibility: [{ product: "NetvisorPro Ver. 3.0", with: "CLUSTERPRO (Windows) Ver6.x or later", supported: true, note: "the startup-type steps cover Windows Server 2003, XP and 2000", seed: "seed 001 §2.2.2" }],
  detection: [{ fact: "the environment is already failover-enabled: the work directory WorkDir names is on the switch partition drive", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", value: "WorkDir", seed: "seed 001 §2.2.3" }],
  manualSteps: [
    { text: "One NetvisorPro license per installed server: 2 for an active and a standby server", seed: "seed 001 §2.2.2" },
    { text: "Install NetvisorPro on both servers (same drive and folder), with the DB storage directory on the shared or mirror disk (databaseDirectory); with a shared disk, after the active server's install stop all NetvisorPro services and empty (or move away) the DB storage directory before installing on the standby", seed: "seed 001 §2.2.3 ①" },
    { text: `Set these NVPRO services to Manual on both servers by hand where installed (the seed gives no service names for them; stop any that are started): ${NVPRO_NOT_STARTED.join(", ")}`, seed: "seed 001 §2.2.3 ②" },
    { text: "With the WebAccess function, create the ESMPRO user group as a local group on both servers (name it in esmproUserGroups)", when: { setting: "webAccess", equals: true }, seed: "seed 001 §2.2.3 ①" },
    { text: "The SQL Server instance <computer name>\\<sqlInstance> (nvpro) runs on each server (the scripts attach and detach the databases on it)", seed: "seed 001 §2.2.6" },
    { text: "Reboot the servers after the setup (by the CLUSTERPRO procedure)", seed: "seed 001 §2.2.3 ③" },
    { text: "Uninstall: remove the sync keys NVBASE and Services\\Nvbase from the group (destroy does), delete the start/stop lines, uninstall on both servers and reboot", seed: "seed 001 §2.2.4" },
    { text: "Manager-to-manager communication and SNMP traps to the cluster use the virtual IP / floating IP, never a physical IP; changing the SNMP trap reception method needs a reboot", seed: "seed 001 §2.2.5" },
    { text: "Router management: put the customized background bitmap on the switch partition", when: ROUTER_MANAGEMENT, seed: "seed 001 §2.1.6" },
  ],
};
