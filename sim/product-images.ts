// The lab's own picture of what a fresh, non-clustered install of each product leaves on a Windows node, written
// from the seeds (docs: seed-digest 000 and 003; the seeds' own text where the digest is short). It is the lab's
// data, not the provider's catalog: the lab is an independent peer, so a wrong fact in the catalog (a path, a
// service name, a registry view) makes a test fail instead of being mirrored here.
//
// Paths start with an environment variable the node defines (SimNode.windowsEnv): a product is laid down below the
// node's own Program Files, so a node whose Program Files is elsewhere has the product there.

/** The registry view the product's installer writes in (see docs/products.md for each product's source). */
export type ImageRegistryView = "64" | "32";

export interface ProductImage {
  id: string;
  title: string;
  /** Installed Automatic and running (the state a fresh install leaves; the seeds set them to Manual). */
  services: { name: string; displayName: string }[];
  /** SQL Server instances the product keeps its data in: Automatic and running. */
  databases: { name: string; displayName: string }[];
  /** Work folders a fresh install has on the local disk, each laid down with one file in it. */
  folders: string[];
  /** Single files a fresh install (or its first use) leaves. */
  files: string[];
  registryView: ImageRegistryView;
  /** REG_SZ values the install leaves, in `registryView`. */
  registry: { key: string; name: string; data: string }[];
}

const NVWORK = "%ProgramFiles%\\NEC\\SMM\\NVWORK";
const NVBASE = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE";
/** A 32-bit program: on x64 it is in Program Files (x86) (DeploymentManager Installation Guide, Appendix A note *1). */
const DPM = "%ProgramFiles(x86)%\\NEC\\DeploymentManager";
const PVM_BIN = "%ProgramFiles%\\NEC\\PVM\\bin";
const SSCCMDB = { name: "MSSQL$SSCCMDB", displayName: "SQL Server (SSCCMDB)" };

const dpm = (name: string, displayName: string) => ({ name, displayName: `DeploymentManager ${displayName}` });

/** seed 001 §1.2.7 S5: "normally \\Program Files\\Esmpro\\Nvwork". */
const LEGACY_NVWORK = "%ProgramFiles%\\Esmpro\\Nvwork";
/** seed 001 §1.1.4.2.1: the example install folder of ESMPRO/JMSS. */
const JMSS = "C:\\WIN32APP\\JMSS";
const ESJM = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM";
/** seed 001 §2.1: the ESM / Netvisor services a fresh Netvisor install has (ESM IPM only with router management: not here). */
const NETVISOR_SERVICES = [
  { name: "AlertManagerSocketReceiveService", displayName: "Alert Manager Socket(R) Service" },
  { name: "DmiEventWatcher", displayName: "Dmi Event Watcher" },
  { name: "ESMASVNT", displayName: "ESM Alert Service" },
  { name: "Nvbase", displayName: "ESM Base Service" },
  { name: "Nvcmd", displayName: "ESM Command Service" },
  { name: "Nvexpd", displayName: "ESM Expert Service" },
  { name: "Nvlogd", displayName: "ESM Logging Service" },
  { name: "Nvrmapd", displayName: "ESM Remote Map Service" },
  { name: "Nvexrld", displayName: "ESM Rule Service" },
  { name: "Nvintrd", displayName: "ESM Trap Service" },
  { name: "Nvdnsd", displayName: "ESM/NV Dns Service" },
  { name: "Nvewatchd", displayName: "ESM/NV Event Watch Service" },
  { name: "Nvtrtickd", displayName: "ESM/NV Trouble Ticket Service" },
];

export const PRODUCT_IMAGES: readonly ProductImage[] = [
  {
    // seed 000 §2.1 ④: PrintPort Spooler Service (PrintPort_SPL, §2.3 ⑫). Windows Time is Windows' own, not the product's.
    id: "printport-acos4",
    title: "PrintPort for ACOS-4",
    services: [{ name: "PrintPort_SPL", displayName: "PrintPort Spooler Service" }],
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 003 §2.2.1 (the eight services; the CLUSTERPRO cooperator belongs to CLUSTERPRO, not laid down), §2.2.2
    // (NVWORK under %ProgramFiles%\NEC\SMM), §2.2.4 (the values that point at NVWORK before it moves).
    id: "esmpro-servermanager",
    title: "ESMPRO/ServerManager 4.5",
    services: [
      { name: "AlertManagerSocketReceiveService", displayName: "Alert Manager Socket(R) Service" },
      { name: "DmiEventWatcher", displayName: "Dmi Event Watcher" },
      { name: "ESMASVNT", displayName: "ESM Alert Service" },
      { name: "Nvbase", displayName: "ESM Base Service" },
      { name: "Nvcmd", displayName: "ESM Command Service" },
      { name: "Nvrmapd", displayName: "ESM Remote Map Service" },
      { name: "ESMDSVNT", displayName: "ESMPRO/SM Base Service" },
      { name: "EsmTrapRedirection", displayName: "ESMPRO/SM Trap Redirection" },
    ],
    databases: [],
    folders: [NVWORK],
    files: [],
    // No public source says; the seed prints the keys without WOW6432Node (docs/products.md).
    registryView: "64",
    registry: [
      { key: NVBASE, name: "WorkDir", data: NVWORK },
      { key: NVBASE, name: "GeneralFilter", data: `${NVWORK}\\Alert\\filter\\genericsg` },
      { key: NVBASE, name: "DiosaFilter", data: `${NVWORK}\\Alert\\filter\\odiosasg` },
      { key: `${NVBASE}\\AlertViewer`, name: "AlertPath", data: `${NVWORK}\\alert` },
      { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM\\CurrentVersion\\ODBC", name: "LocalFileDirectory", data: `${NVWORK}\\ESMPRO` },
    ],
  },
  {
    // seed 003 §2.3.1 (twelve services, the DPMDBI instance), §2.3.2 (Datafile and PXE below the install folder).
    // The seed does not print the install-time data of the §2.3.3 values, so none is laid down.
    id: "deploymentmanager",
    title: "DeploymentManager 5.22",
    services: [
      dpm("apiserv", "API Service"),
      dpm("bkressvc", "Backup/Restore Management"),
      dpm("cliwatch", "Client Management"),
      dpm("clistart", "client start"),
      dpm("RibBoneService", "Control Service"),
      dpm("depssvc", "Get Client Information"),
      dpm("PxeSvc", "PXE Management"),
      dpm("PxeMtftp", "PXE Mtftp"),
      dpm("rupdssvc", "Remote Update Service"),
      dpm("snrwatch", "Scenario Management"),
      dpm("schwatch", "Schedule Management"),
      dpm("ftsvc", "Transfer Management"),
    ],
    databases: [{ name: "MSSQL$DPMDBI", displayName: "SQL Server (DPMDBI)" }],
    folders: [`${DPM}\\Datafile`, `${DPM}\\PXE`],
    files: [],
    registryView: "32",
    registry: [],
  },
  {
    // seed 003 §2.4.1: display name = service name. Installed on the shared disk: nothing on C:.
    id: "deploymentmanager-hpux",
    title: "DeploymentManager (HP-UX) R2.1",
    services: ["DeploymentManager (HP-UX)", "DeploymentManager (HP-UX) Constructor", "DeploymentManager (HP-UX) Watcher"].map((n) => ({ name: n, displayName: n })),
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 003 §2.5.1 (PVMService, the SSCCMDB instance), §2.5.2 (the two DPM lists in PVM\bin: they appear once DPM
    // is registered; the lab has them so the copy runs), §2.5.3 (DPMLIB_WebSvFileFolder is modified, so it exists:
    // the folder the list is in).
    id: "systemprovisioning",
    title: "SystemProvisioning (SigmaSystemCenter 2.1)",
    services: [{ name: "PVMService", displayName: "PVMService" }],
    databases: [SSCCMDB],
    folders: [],
    files: [`${PVM_BIN}\\DpmWebSvLst.txt`, `${PVM_BIN}\\HPUX_DpmSvLst.txt`],
    registryView: "64",
    registry: [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager_HP-UX", name: "DPMLIB_WebSvFileFolder", data: PVM_BIN }],
  },
  {
    // seed 003 §2.6.1: the service and the SSCCMDB instance; no shared-disk files, no registry (§2.6.2, §2.6.3).
    id: "systemmonitor-performance",
    title: "SystemMonitor performance monitoring 4.1.1",
    services: [{ name: "SystemMonitor Performance Service", displayName: "System Monitor Performance Monitoring Service" }],
    databases: [SSCCMDB],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.1.4: the one ServerAgent service the seed names (an install may leave it Automatic).
    id: "esmpro-serveragent",
    title: "ESMPRO/ServerAgent",
    services: [{ name: "AlertManagerSocketReceiveService", displayName: "Alert Manager Socket (R) Service" }],
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.2.7 S4 (the eight services), §1.2.8.1 (their key names as ARMLOAD starts them), S5 (Nvwork under
    // \Program Files\Esmpro), the registry edit list (the values that point at the work directory before it moves).
    id: "esmpro-servermanager@legacy",
    title: "ESMPRO/ServerManager 4.16 (CLUSTERPRO Ver5–7)",
    services: [
      { name: "Nvbase", displayName: "ESM Base Service" },
      { name: "ESMASVNT", displayName: "ESM Alert Service" },
      { name: "AlertManagerSocketReceiveService", displayName: "Alert Manager Socket (R) Service" },
      { name: "DmiEventWatcher", displayName: "Dmi Event Watcher" },
      { name: "Nvcmd", displayName: "ESM Command Service" },
      { name: "Nvrmapd", displayName: "ESM Remote Map Service" },
      { name: "EsmTrapRedirection", displayName: "ESMPRO/SM Trap Redirection" },
      { name: "ESMDSVNT", displayName: "ESMPRO/SM Base Service" },
    ],
    databases: [],
    folders: [LEGACY_NVWORK],
    files: [],
    registryView: "64",
    registry: [
      { key: NVBASE, name: "WorkDir", data: LEGACY_NVWORK },
      { key: NVBASE, name: "GeneralFilter", data: `${LEGACY_NVWORK}\\Alert\\filter\\genericsg` },
      { key: NVBASE, name: "DiosaFilter", data: `${LEGACY_NVWORK}\\Alert\\filter\\odiosasg` },
      { key: `${NVBASE}\\AlertViewer`, name: "AlertPath", data: `${LEGACY_NVWORK}\\Alert` },
      { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM\\CurrentVersion\\ODBC", name: "LocalFileDirectory", data: `${LEGACY_NVWORK}\\ESMPRO` },
    ],
  },
  {
    // seed 001 §1.1.4.3 (jmsslksv, jmssscsv, jmssdvsv; the display names of the RL1999/06 net start lines), §1.1.4.2.1
    // (QUE below the install folder is copied; LogFilePath and JobQueDir are modified, so the install has them — the
    // seed does not print their install-time data: the lab's guess is the install folder's LOG and QUE).
    id: "esmpro-jmss",
    title: "ESMPRO/JMSS 6.0",
    services: [
      { name: "jmsslksv", displayName: "ESMPRO/JMSS JLook Service" },
      { name: "jmssscsv", displayName: "ESMPRO/JMSS JSchedule Service" },
      { name: "jmssdvsv", displayName: "ESMPRO/JMSS JDriven Service" },
    ],
    databases: [],
    folders: [`${JMSS}\\QUE`],
    files: [],
    registryView: "64",
    registry: [
      { key: `${ESJM}\\JMSSLKSV\\INITINFO`, name: "LogFilePath", data: `${JMSS}\\LOG` },
      { key: `${ESJM}\\JOBQUEUE`, name: "JobQueDir", data: `${JMSS}\\QUE\\` },
    ],
  },
  {
    // seed 001 §1.4.6: armload … ESMFT. The seed gives no display name: the lab's is its own.
    id: "esmpro-filetransfer",
    title: "ESMPRO/FileTransfer",
    services: [{ name: "ESMFT", displayName: "ESMPRO/FileTransfer" }],
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.5.5: DMSTD (the manager) and DMSTDA (the agent); display names not given.
    id: "esmpro-deliverymanager",
    title: "ESMPRO/DeliveryManager Standard Edition",
    services: [
      { name: "DMSTD", displayName: "ESMPRO/DeliveryManager Standard Edition" },
      { name: "DMSTDA", displayName: "ESMPRO/DeliveryManager Standard Edition Agent" },
    ],
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §2.1.3: the 13 services (key names as the §2.1.7 sample starts them), the work directory "normally
    // \Program Files\Esmpro\Nvwork", the two values that point at it before it moves.
    id: "websam-netvisor",
    title: "WebSAM/Netvisor",
    services: NETVISOR_SERVICES,
    databases: [],
    folders: [LEGACY_NVWORK],
    files: [],
    registryView: "64",
    registry: [
      { key: NVBASE, name: "WorkDir", data: LEGACY_NVWORK },
      { key: `${NVBASE}\\AlertViewer`, name: "AlertPath", data: `${LEGACY_NVWORK}\\alert` },
    ],
  },
  {
    // seed 001 §2.2.3, §2.2.6: Netvisor's 13 plus the five NVPRO services the sample starts (the seed gives no key
    // names for the other sixteen: not laid down), the work directory and its four values.
    id: "websam-netvisorpro",
    title: "WebSAM NetvisorPro Ver. 3.0",
    services: [
      ...NETVISOR_SERVICES,
      { name: "nvtpbase", displayName: "NVPRO TopologyManager Base Service" },
      { name: "nvtpserv", displayName: "NVPRO TopologyManager Service" },
      { name: "nvlgLogServ", displayName: "NVPRO Log Service" },
      { name: "nvComServ", displayName: "NVPRO CommControl Service" },
      { name: "iEBase", displayName: "NVPRO Watch Service" },
    ],
    databases: [],
    folders: [LEGACY_NVWORK],
    files: [],
    registryView: "64",
    registry: [
      { key: NVBASE, name: "WorkDir", data: LEGACY_NVWORK },
      { key: `${NVBASE}\\AlertViewer`, name: "AlertPath", data: `${LEGACY_NVWORK}\\alert` },
      { key: NVBASE, name: "DiosaFilter", data: `${LEGACY_NVWORK}\\Alert\\filter\\odiosasg` },
      { key: NVBASE, name: "GeneralFilter", data: `${LEGACY_NVWORK}\\Alert\\filter\\genericsg` },
    ],
  },
  {
    // seed 001 §2.4.5.1: the seven services of the sample, named after its logical host VCOMSQL (the lab's image is
    // the sample's case: a ProductInstall with another logicalHostName finds nothing installed).
    id: "websam-pfm",
    title: "WebSAM Performance Management",
    services: ["PN", "PM", "PS", "PH", "PE", "PC", "PP"].map((x) => ({ name: `JP1PCMGR_${x} [VCOMSQL]`, displayName: `JP1PCMGR_${x} [VCOMSQL]` })),
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  // ---------- seed 001 part 2 (§1.6–1.14) ----------
  // ESMPRO/AutomaticRunningController (§1.6–1.9): the seed names the ESMPRO/ARC Service only (restarted after an AMC
  // change, §1.7.4.3 (25)); its key name is the lab's own. Nothing of it is clustered.
  ...(["esmpro-ac-iups", "esmpro-ac-snmp", "esmpro-ac-powerchute-plus", "esmpro-ac-upsmanager"] as const).map((id) => ({
    id,
    title: "ESMPRO/AutomaticRunningController",
    services: [{ name: "ESMARCService", displayName: "ESMPRO/ARC Service" }],
    databases: [],
    folders: [],
    files: [],
    registryView: "64" as const,
    registry: [],
  })),
  {
    // seed 001 §1.10.5, §1.10.6: esmpropr and esmproprs (net stop/start by these names); the display names are the seed's
    // 「ESMPRO/PrintManager サービス」 and 「… プリントサーバサービス」 (which is which is read from the names).
    id: "esmpro-printmanager",
    title: "ESMPRO/PrintManager",
    services: [
      { name: "esmpropr", displayName: "ESMPRO/PrintManager サービス" },
      { name: "esmproprs", displayName: "ESMPRO/PrintManager プリントサーバサービス" },
    ],
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.11.4.6: the seven services by the display names ARMLOAD / net start give them; their key names are not
    // printed — these are the lab's own (a ProductInstall names them in its settings, as `sc getkeyname` would print).
    // ClientManager is an ESMPRO/BASE product (§1.2.3.1): ESM Base Service (Nvbase) comes with it.
    id: "esmpro-clientmanager",
    title: "ESMPRO/ClientManager manager",
    services: [
      { name: "Nvbase", displayName: "ESM Base Service" },
      { name: "CMITSvc", displayName: "ESMPRO/CM CMIT service" },
      { name: "CMURelay", displayName: "ESMPRO/CM CMURELAY" },
      { name: "CMManagerSvc", displayName: "ESMPRO/CM Manager" },
      { name: "CMPowerOnSvc", displayName: "ESMPRO/CM Poweron Service" },
      { name: "CMSenderSvc", displayName: "ESMPRO/CM Sender" },
      { name: "CMSnmpMgr", displayName: "ESMPRO/CM Snmp Manager" },
      { name: "ESMTimeSvr", displayName: "ESMPRO Time Server" },
    ],
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.12.6.3, §1.12.7: the AppManager services the seed names (NetIQms; NetIQccm and NetIQmc of the agent).
    id: "esmpro-appmanager@3.4",
    title: "ESMPRO/AppManager Ver3.4",
    services: ["NetIQms", "NetIQccm", "NetIQmc"].map((n) => ({ name: n, displayName: n })),
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.13: the same services as 3.4 (the 4.x text names no others); they stay as installed (§1.13.6.3 3.).
    id: "esmpro-appmanager@4",
    title: "ESMPRO/AppManager Ver4.0",
    services: ["NetIQms", "NetIQccm", "NetIQmc"].map((n) => ({ name: n, displayName: n })),
    databases: [],
    folders: [],
    files: [],
    registryView: "64",
    registry: [],
  },
  {
    // seed 001 §1.14.4.1: setbwatc.exe at its default install location; BOM's own service is not named by the seed.
    id: "esmpro-bom",
    title: "ESMPRO/BOM 4.0",
    services: [],
    databases: [],
    folders: [],
    files: ["%ProgramFiles%\\SAY Technologies\\BOM4\\BomSvc\\setbwatc.exe"],
    registryView: "64",
    registry: [],
  },
];
