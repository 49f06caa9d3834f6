// PrintPort for ACOS-4 redundant print servers on CLUSTERPRO X 3.0 for Windows (seed 000).
// The spool folder on the mirror disk is set in PrintPort's own settings tool (seed 000 §2.1 ②), not here.
import type { Product, ProductFile } from "./types";

const WS2008 = { setting: "windowsServer", equals: "2008-or-later" } as const;
const WS2003 = { setting: "windowsServer", equals: "2003" } as const;

// seed 000 §2.1 ④ / §2.2 ⑨: batch files in a folder that is not deleted, the same path on both nodes.
function controlFile(name: "enable" | "disable", content: string, when: ProductFile["when"]): ProductFile {
  return {
    path: `{controlFilesFolder}\\${name}.bat`,
    on: "all-nodes",
    content,
    encoding: "oem",
    lineEnding: "crlf",
    finalNewline: true,
    when,
    seed: "seed 000 §2.1 ④, §2.2 ⑨",
  };
}

export const printportAcos4: Product<"printport-acos4"> = {
  id: "printport-acos4",
  title: "PrintPort for ACOS-4",
  seed: "seed 000",
  // Its only registry write is Windows Time's (HKLM\SYSTEM, one view for every program): the view is never used.
  registryView: "64",
  registryViewSource: "not used: the only registry write is Windows Time's, under HKLM\\SYSTEM (seed 000 §5)",
  services: [
    {
      // seed 000 §2.1 ④: Manual, and stopped if running — on both servers (§2.2 ⑨). Service name from the
      // service resource of group `failover` (§2.3 ⑫), stop time-out 1800 s → 30 s to force a failover.
      displayName: "PrintPort Spooler Service",
      serviceName: "PrintPort_SPL",
      startup: "Manual",
      control: "group",
      stateOnEveryNode: "stopped",
      // seed 000 §2.3 ⑫: the only monitors are mdnw1/mdw1 from the mirror disk; no service monitor.
      monitored: false,
      stopTimeoutSeconds: 30,
      seed: "seed 000 §2.1 ④, §2.3 ⑫",
    },
    {
      // seed 000 §5 時刻同期: Automatic and started. "W32Time" is Windows' name for it (the seed names the display name only).
      displayName: "Windows Time",
      serviceName: "W32Time",
      startup: "Automatic",
      control: "node",
      stateOnEveryNode: "running",
      monitored: false,
      seed: "seed 000 §5",
    },
  ],
  startOrder: ["PrintPort_SPL"],
  stopOrder: ["PrintPort_SPL"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  sharedDiskPlacements: [],
  standbyDeletions: [],
  files: [
    // seed 000 §2.1 ④ Windows Server 2008 以降: the connection name quoted (it may contain spaces).
    controlFile("enable", 'netsh interface set interface "{printerLanConnectionName}" enable', WS2008),
    controlFile("disable", 'netsh interface set interface "{printerLanConnectionName}" disable', WS2008),
    // seed 000 §2.1 ④ Windows Server 2003: DevCon with the printer-LAN adapter's hardware ID. Quoted here
    // (the seed is not): PCI hardware IDs contain "&", which cmd.exe would take as a command separator.
    controlFile("enable", '{devconCommand} enable "{printerLanDeviceId}"', WS2003),
    controlFile("disable", '{devconCommand} disable "{printerLanDeviceId}"', WS2003),
  ],
  propertyEdits: [],
  acls: [],
  registryWrites: [],
  registryDeletions: [],
  registrySync: [],
  timeSync: { serviceName: "W32Time", ntpServerSetting: "ntpServer", seed: "seed 000 §5" },
  constraints: [
    { rule: "printport-one-way-standby", checkedBy: "preview", description: "One-way standby only: both print servers cannot run PrintPort at the same time (one PrintPort group per cluster)", seed: "seed 000 §1.1" },
  ],
  manualSteps: [
    { text: "Create a group (e.g. NIC_disable) started on server02 then server01, manual failover, with a non-resident application resource: start path <controlFilesFolder>\\disable.bat, stop path <controlFilesFolder>\\enable.bat", seed: "seed 000 §2.3 ⑫" },
    { text: "Move PrintPort's spool folder to the mirror disk and copy PrintPort settings, fonts and forms to the second server with PrintPort's own tools", seed: "seed 000 §2.1 ②③, §2.2 ⑦⑧" },
    { text: "Put the adapter connected to ACOS first in the adapter binding order", seed: "seed 000 §2.1 ④" },
    { text: "Windows Server 2003: unpack Microsoft DevCon to the folder devconCommand points to", when: WS2003, seed: "seed 000 §2.1 ④" },
    { text: "Shut down or restart the servers only with CLUSTERPRO's cluster shutdown", seed: "seed 000 §3.1, §5" },
  ],
};
