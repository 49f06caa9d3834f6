// ESMPRO/PrintManager on a CLUSTERPRO Ver5–7 cluster (seed 001 §1.10): installed identically on every node's local
// disk; Ver2.1 and later (native operation) need a start script that restarts the PrintManager services and the spooler
// in a fixed order on the node that takes the group, so the shared printers' spool (CLUSTERPRO's print share) is served
// there; Ver2.0 and earlier (ARM3.0-compatible operation) need no script. The stop script has nothing (§1.10.6).
import type { Product, ScriptLine } from "./types";

const NATIVE = { setting: "operation", equals: "native" } as const;
/** seed 001 §1.10.6: the mandatory order (注意): stop esmproprs → spooler → esmpropr, start esmpropr → spooler → esmproprs. */
const cycle = (legacy: string): ScriptLine => ({ legacy, when: NATIVE });

export const esmproPrintManager: Product<"esmpro-printmanager"> = {
  id: "esmpro-printmanager",
  title: "ESMPRO/PrintManager",
  seed: "seed 001 §1.10",
  registryView: "64",
  registryViewSource: "no public source found; the seed names no registry key for ESMPRO/PrintManager (nothing is written)",
  services: [
    // seed 001 §1.10.5: 「ESMPRO/PrintManager サービス」 and 「ESMPRO/PrintManager プリントサーバサービス」; that they are
    // esmpropr and esmproprs of the sample is read from the names. They run on every node (installed identically); the
    // group's start script restarts them. No startup type is stated: Automatic, as installed.
    { displayName: "ESMPRO/PrintManager サービス", serviceName: "esmpropr", startup: "Automatic", control: "node", monitored: false, seed: "seed 001 §1.10.5, §1.10.6" },
    { displayName: "ESMPRO/PrintManager プリントサーバサービス", serviceName: "esmproprs", startup: "Automatic", control: "node", monitored: false, seed: "seed 001 §1.10.5, §1.10.6" },
  ],
  startOrder: [],
  stopOrder: [],
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  registryWrites: [],
  registryDeletions: [],
  registrySync: [],
  constraints: [
    { rule: "printmanager-operation-version", checkedBy: "settings", settingsPath: "settings.operation", description: "Native operation (CLUSTERPRO Ver4.0+) needs PrintManager Ver2.1 or later; Ver2.0 and earlier run in ARM3.0-compatible operation", seed: "seed 001 §1.10.1" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.10.6",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: true, gotoExitAfterFailover: true },
    loadCommand: "armload",
    killCommand: "armkill",
    beforeStart: [cycle("net stop esmproprs"), cycle("net stop spooler"), cycle("net stop esmpropr"), cycle("net start esmpropr"), cycle("net start spooler"), cycle("net start esmproprs")],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  compatibility: [
    { product: "ESMPRO/PrintManager Ver2.1~", with: "CLUSTERPRO Ver4.0~ native operation (shared printers in multi-node failover groups)", supported: true, seed: "seed 001 §1.10.1" },
    { product: "ESMPRO/PrintManager ~Ver2.0", with: "CLUSTERPRO Ver4.0~ native operation", supported: false, note: "「CLUSTERPRO Ver3.0互換運用」 (ARM3.0互換運用) only", seed: "seed 001 §1.10.1" },
  ],
  manualSteps: [
    { text: "Install PrintManager identically on every print server, on the local disk; configure the shared printers identically on all servers", seed: "seed 001 §1.10.4" },
    { text: "Only shared printers registered in CLUSTERPRO's print share (プリントシェア機能) have their spool taken over; printers spooling to a local disk disappear from the manager after a switch", seed: "seed 001 §1.10.2" },
    { text: "Clients: in the print-management manager's 「サーバの登録」 register the failover group name (native operation); with the print-control API the printer is \\\\<failover group name>\\<printer name>", when: NATIVE, seed: "seed 001 §1.10.4, §1.10.7 (5), (6)" },
    { text: "Clients: in the print-management manager's 「サーバの登録」 register the primary server name (ARM3.0-compatible operation); no cluster script is needed", when: { setting: "operation", equals: "arm30-compatible" }, seed: "seed 001 §1.10.4, §1.10.5" },
    { text: "The start script restarts the services in this exact order: stop esmproprs, spooler, esmpropr; start esmpropr, spooler, esmproprs; the stop script has nothing", when: NATIVE, seed: "seed 001 §1.10.6" },
    { text: "A LAN Manager network printer's server name does not switch: send later print requests to the standby server deliberately (keep the manager on the original server or group name)", seed: "seed 001 §1.10.7 (1)" },
    { text: "The printing application execution environment's service modules do not start on the standby after a failover: start them by hand", seed: "seed 001 §1.10.7 (2)" },
    { text: "A document's 「印刷後文書を削除する/保存する」 is not carried over a failover (the printer's setting applies); do not operate through the manager or the print-control API during an online failback; Windows 98/Me clients of the API do not see the switch", seed: "seed 001 §1.10.7 (3), (4), (7)" },
  ],
};
