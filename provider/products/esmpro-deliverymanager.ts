// ESMPRO/DeliveryManager Standard Edition and its agent on a CLUSTERPRO Ver5–7 cluster (seed 001 §1.5): one-way standby,
// installed on each node's local disk, software resources (and the agent's management data) on the switchable
// partition, started by the failover group after ESMPRO/FileTransfer, on the same virtual IP as ESMPRO_FT.
import type { Product, ScriptLine } from "./types";

const MANAGER = { setting: "component", equals: "manager" } as const;
const AGENT = { setting: "component", equals: "agent" } as const;

/** seed 001 §1.5.5.1 (1): the manager binds esmMMDM.EXE to the server's physical IP before the starts. */
const armwsset = (legacy: string): ScriptLine => ({ legacy, position: "first", when: MANAGER, xNote: "armwsset ships with CLUSTERPRO/ARM; whether CLUSTERPRO X still has it is unconfirmed" });

export const esmproDeliveryManager: Product<"esmpro-deliverymanager"> = {
  id: "esmpro-deliverymanager",
  title: "ESMPRO/DeliveryManager Standard Edition",
  seed: "seed 001 §1.5",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.5.4.2 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DMSTD (taken as printed)",
  services: [
    // seed 001 §1.5.5: display names and startup types are not given; Manual because the group starts them.
    { displayName: "DMSTD", serviceName: "DMSTD", startup: "Manual", control: "group", monitored: true, optionalWhen: MANAGER, arm: { watchId: "NEC_DMSTD_SERVICE", options: ["/S", "/M", "/FOV"] }, seed: "seed 001 §1.5.5" },
    { displayName: "DMSTDA", serviceName: "DMSTDA", startup: "Manual", control: "group", monitored: true, optionalWhen: AGENT, arm: { watchId: "NEC_DMSTDA_SERVICE", options: ["/S", "/M", "/FOV"] }, seed: "seed 001 §1.5.5" },
  ],
  startOrder: ["DMSTD", "DMSTDA"],
  stopOrder: ["DMSTDA", "DMSTD"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  // seed 001 §1.5.4.2 3. 2) / §1.5.4.3: added on both the active and the standby node.
  registryWrites: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DMSTD", name: "DMName", type: "REG_SZ", data: { template: "{clusterName}" }, operation: "create", when: MANAGER, seed: "seed 001 §1.5.4.2" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DMSTDA", name: "DMAName", type: "REG_SZ", data: { template: "{clusterName}" }, operation: "create", when: AGENT, seed: "seed 001 §1.5.4.3" },
  ],
  registryDeletions: [],
  registrySync: [],
  constraints: [
    { rule: "filetransfer-before-deliverymanager", checkedBy: "preview", description: "ESMPRO/FileTransfer is installed and started before DeliveryManager and its agent: an esmpro-filetransfer install is declared before it in the same group", seed: "seed 001 §1.5.5.3" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "the software resources, SG and spool directories (the agent: its management data and current directory too)", seed: "seed 001 §1.5.2" },
    { kind: "floating-ip", purpose: "the logical service name ESMPRO_DM on the same virtual IP as ESMPRO_FT", logicalServiceName: "ESMPRO_DM", when: MANAGER, seed: "seed 001 §1.5.4.2" },
    { kind: "floating-ip", purpose: "the logical service name ESMPRO_DMA on the same virtual IP as ESMPRO_FT", logicalServiceName: "ESMPRO_DMA", when: AGENT, seed: "seed 001 §1.5.4.3" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.5.5",
    style: { skeleton: "arm-minimal", startEvents: ["START", "RECOVER", "FAILOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: false },
    loadCommand: "armload",
    killCommand: "armkill",
    beforeStart: [
      armwsset('IF "%ARMS_SERVER%" == "HOME" GOTO HOME{branch}'),
      armwsset("armwsset {mmdmPath} {standbyServerIp}"),
      armwsset("GOTO CONTINUE{branch}"),
      armwsset(":HOME{branch}"),
      armwsset("armwsset {mmdmPath} {activeServerIp}"),
      armwsset(":CONTINUE{branch}"),
    ],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  manualSteps: [
    { text: "Install ESMPRO/FileTransfer first and start it before DeliveryManager (declare its ProductInstall first in the group)", seed: "seed 001 §1.5.1" },
    { text: "Install with Express Server Startup's individual install (個別インストール), Yes to the cluster install; the same drive and directory on both nodes; the SG directory the same directory on the same switchable partition (on the standby answer はい to the directory prompt)", seed: "seed 001 §1.5.4" },
    { text: "Register the logical service name ESMPRO_DM on the same virtual IP as ESMPRO_FT; write the cluster name {clusterName} with that IP in HOSTS", when: MANAGER, seed: "seed 001 §1.5.4.2" },
    { text: "Register the logical service name ESMPRO_DMA on the same virtual IP as ESMPRO_FT; write the cluster name {clusterName} with that IP in HOSTS", when: AGENT, seed: "seed 001 §1.5.4.3" },
    { text: "Copy <CLUSTERPRO install dir (default \\Program Files\\esmarm)>\\armmontr\\wsock32.dll into the DeliveryManager install directory", when: MANAGER, seed: "seed 001 §1.5.5.3" },
    { text: "With both servers running, run [ESMPRO_DM SG 支援] on the active node: spool directory on the switchable partition, a database server both servers reach", when: MANAGER, seed: "seed 001 §1.5.4.2" },
    { text: "With both servers running, run [Agent SG 支援] on the active node: current and spool directories on the switchable partition", when: AGENT, seed: "seed 001 §1.5.4.3" },
    { text: "In [ESMPRO_DM 運用管理] use host names of the virtual IP (not a node's own name); the client's 接続先サーバ名 is the cluster name", seed: "seed 001 §1.5.6" },
    { text: "Uninstalling on the standby: clear \"SG ファイルも削除\", otherwise it fails with \"システムエラーが発生しました。\"", seed: "seed 001 §1.5.6" },
    { text: "A distribution interrupted by a failover ends abnormally: run it again by hand", seed: "seed 001 §1.5.6" },
  ],
};
