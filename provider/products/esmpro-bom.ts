// ESMPRO/BOM Ver3.0/4.0 on a CLUSTERPRO cluster (seed 001 §1.14): installed on every node, never failed over; what
// follows the group is each monitored item's ON/OFF state: ON in the start script, OFF first in the stop script (before
// the application stops and the disk is detached), so BOM does not touch a detached shared (or mirror) disk. One install
// per monitored item, declared after the group's other installs.
import type { Product } from "./types";

export const esmproBom: Product<"esmpro-bom"> = {
  id: "esmpro-bom",
  title: "ESMPRO/BOM",
  seed: "seed 001 §1.14",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.14.4.1 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\SAY Technologies,Inc.\\BOM\\Setting (taken as printed; a manual step)",
  services: [],
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
    { rule: "bom-monitor-off-first", checkedBy: "preview", description: "Monitor OFF is the first action of the stop script (before the application stops and the disk is detached): BOM installs are declared after the other installs of their group", seed: "seed 001 §1.14.4.1" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.14.4.1",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: true },
    loadCommand: "ARMLOAD",
    killCommand: "ARMKILL",
    beforeStart: [],
    // seed 001 §1.14.4.1 2., 3.: setbwatc -a <ID> -w 1 (ON) / -w 0 (OFF).
    afterStart: [{ legacy: '"{setbwatcPath}" -a {monitoredItem} -w 1' }],
    beforeStop: [{ legacy: '"{setbwatcPath}" -a {monitoredItem} -w 0' }],
    afterStop: [],
  },
  compatibility: [
    { product: "ESMPRO/BOM Ver3.0", with: "Windows NT 4.0 (SP4~), Windows 2000", supported: true, seed: "seed 001 §1.14.2" },
    { product: "ESMPRO/BOM Ver4.0", with: "Windows 2000, Windows 2003 Standard Edition (32bit)", supported: true, seed: "seed 001 §1.14.2" },
    { product: "ESMPRO/BOM", with: "CLUSTERPRO SE/EE/LE for Windows Ver7.0; CLUSTERPRO Ver6.0 Lite!/Standard/Enterprise Edition (Windows 2000 版)", supported: true, seed: "seed 001 §1.14.2" },
  ],
  manualSteps: [
    { text: "Install ESMPRO/BOM on every cluster server; it is not failed over", seed: "seed 001 §1.14.4" },
    { text: "On every node: HKEY_LOCAL_MACHINE\\SOFTWARE\\SAY Technologies,Inc.\\BOM\\Setting\\PerfKeyClose = 01 00 00 00 (the seed states no type: REG_DWORD 1 or REG_BINARY; set it with the type BOM's documentation gives) so BOM monitors disks that appear after its service started", seed: "seed 001 §1.14.4.1" },
    { text: "Monitored item {monitoredItem}: ON (-w 1) on the active node by the start script, OFF (-w 0) first in the stop script; on NT4.0/2003 a detached disk answers 無応答 (take no action on it), on Windows 2000 it reads 0", seed: "seed 001 §1.14.4.1" },
    { text: "After the active server went down other than by a CLUSTERPRO shutdown, its items are still ON: check and correct each item's ON/OFF state by hand", seed: "seed 001 §1.14.4.1 4." },
    { text: "Items that differ between active and standby: add the \"ON→OFF\" / \"OFF→ON\" setbwatc lines to each side's switch scripts, where the monitored application's own switch-over is written", seed: "seed 001 §1.14.4.1" },
    { text: "Services on the cluster are stopped and restarted by CLUSTERPRO, never by ESMPRO/BOM's actions", seed: "seed 001 §1.14.1" },
    { text: "Oracle monitoring: the Oracle monitoring extension option on the cluster servers, or remotely over SQL*Net from a management server (base product licences = cluster servers + the management server; the option = cluster servers)", when: { setting: "oracleMonitoring", equals: true }, seed: "seed 001 §1.14.4.3" },
  ],
};
