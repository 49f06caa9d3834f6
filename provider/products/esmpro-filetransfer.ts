// ESMPRO/FileTransfer on a CLUSTERPRO Ver5–7 cluster (seed 001 §1.4): installed on each node's local disk (individual
// install, "Yes" to the cluster install), its SG directory on the switchable partition, its service started by the
// failover group (armload … /S /M /FOV), reached through the logical service name ESMPRO_FT on a virtual/floating IP.
import type { Product } from "./types";

export const esmproFileTransfer: Product<"esmpro-filetransfer"> = {
  id: "esmpro-filetransfer",
  title: "ESMPRO/FileTransfer",
  seed: "seed 001 §1.4",
  registryView: "64",
  registryViewSource: "no public source found; the seed names no registry key for FileTransfer (nothing is written)",
  services: [
    {
      // seed 001 §1.4.6: `armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT`. The seed gives neither the display name nor the
      // startup type: Manual, because the group starts it (as every other product the group starts).
      displayName: "ESMFT",
      serviceName: "ESMFT",
      startup: "Manual",
      control: "group",
      monitored: true,
      arm: { watchId: "NEC_ESMPROFT_SERVICE", options: ["/S", "/M", "/FOV"] },
      seed: "seed 001 §1.4.6",
    },
  ],
  startOrder: ["ESMFT"],
  stopOrder: ["ESMFT"],
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
    { rule: "filetransfer-before-deliverymanager", checkedBy: "preview", description: "FileTransfer starts before ESMPRO/DeliveryManager (and its agent): its install is declared first in the same group", seed: "seed 001 §1.4.5" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "the SG directory (the same directory on both nodes)", seed: "seed 001 §1.4.4" },
    { kind: "floating-ip", purpose: "the logical service name ESMPRO_FT (a floating IP may replace the virtual IP)", logicalServiceName: "ESMPRO_FT", seed: "seed 001 §1.4.4, §1.4.1" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.4.6",
    style: { skeleton: "arm-minimal", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: true },
    loadCommand: "armload",
    killCommand: "armkill",
    beforeStart: [],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  // seed 001 §1.4.3 ※1, ※2
  compatibility: [
    { product: "FileTransfer ~3.2", with: "Windows NT 3.51 Server / Workstation, Windows 95", supported: true, note: "only up to Ver3.2 (※1)", seed: "seed 001 §1.4.3" },
    { product: "FileTransfer 4.0~", with: "Windows NT 3.51 Server / Workstation, Windows 95", supported: false, seed: "seed 001 §1.4.3" },
    { product: "FileTransfer ~3.2", with: "Windows Server 2003", supported: false, seed: "seed 001 §1.4.3" },
    { product: "FileTransfer 4.0~", with: "Windows Server 2003", supported: true, note: "Ver4.0 and later (※2)", seed: "seed 001 §1.4.3" },
  ],
  manualSteps: [
    { text: "Install with Express Server Startup's individual install (個別インストール), answering Yes to the cluster install; batch install cannot install for a cluster", seed: "seed 001 §1.4.4.1" },
    { text: "The install drive and directory are the same on both nodes; the SG directory is the same directory on the same switchable partition (on the standby, confirm the warning)", seed: "seed 001 §1.4.7.1" },
    { text: "Register the logical service name ESMPRO_FT on the virtual IP (or floating IP) and its host name in HOSTS or DNS; use that name in the operations management tool", seed: "seed 001 §1.4.4, §1.4.7.3" },
    { text: "Set SG values only while both servers are up, on the node where FileTransfer runs", seed: "seed 001 §1.4.7.2" },
    { text: "On a client with the CLUSTERPRO client run FTSetCls.exe once (FTSetCls.exe -u once after removing the CLUSTERPRO client)", seed: "seed 001 §1.4.7.2" },
    { text: "Uninstalling on the standby: clear \"SG ファイルも削除\", otherwise it fails with \"システムエラーが発生しました。\"", seed: "seed 001 §1.4.7.4" },
    { text: "Append-mode transfers are not retried after a failover; do not move the group during a compressed transfer; a very large file may need a longer heartbeat timeout", seed: "seed 001 §1.4.7.3" },
  ],
};
