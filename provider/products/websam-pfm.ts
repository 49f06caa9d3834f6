// WebSAM Performance Management (JP1/Performance Management underneath) on CLUSTERPRO Ver7.0 (seed 001 §2.4): the
// seed's only concrete artefact is the sample start/stop script for Performance Management - Manager installed on the
// shared disk (§2.4.5.1): seven services named after the logical host, "JP1PCMGR_xx [<logical host>]", started in the
// order PN, PM, PS, PH, PE, PC, PP with ARMLOAD … /S (no /M) and killed in reverse. The rest of the procedure is in the
// PFM manuals' cluster chapters (manual steps).
import type { ArmControl, Product, ProductService } from "./types";

/** §2.4.5.1: the seven suffixes in start order. */
export const PFM_SUFFIXES = ["PN", "PM", "PS", "PH", "PE", "PC", "PP"] as const;
const WITH_MANAGER = { setting: "form", oneOf: ["all-on-cluster", "manager-and-view", "manager-only"] } as const;

const service = (suffix: string, i: number): ProductService => ({
  // The seed gives no display name: the service name stands for it.
  displayName: `JP1PCMGR_${suffix} [{logicalHostName}]`,
  serviceName: `JP1PCMGR_${suffix} [{logicalHostName}]`,
  // Not stated in the seed: Manual, because the group starts it (as every other service a group starts).
  startup: "Manual",
  control: "group",
  // ARMLOAD without /M: not monitored.
  monitored: false,
  optionalWhen: WITH_MANAGER,
  arm: { watchId: `pfm${i + 1}`, options: ["/S"] } satisfies ArmControl,
  seed: "seed 001 §2.4.5.1",
});

export const websamPfm: Product<"websam-pfm"> = {
  id: "websam-pfm",
  title: "WebSAM Performance Management",
  seed: "seed 001 §2.4",
  registryView: "64",
  registryViewSource: "not used: seed 001 §2.4 names no registry key",
  services: PFM_SUFFIXES.map(service),
  startOrder: PFM_SUFFIXES.map((s) => `JP1PCMGR_${s} [{logicalHostName}]`),
  stopOrder: [...PFM_SUFFIXES].reverse().map((s) => `JP1PCMGR_${s} [{logicalHostName}]`),
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
    { rule: "pfm-clusterpro-version", checkedBy: "settings", settingsPath: "settings.clusterproVersion", description: "WebSAM Performance Management needs CLUSTERPRO Ver7.0", seed: "seed 001 §2.4.3.1" },
    { rule: "pfm-supported-agents", checkedBy: "settings", settingsPath: "settings.agents", description: "Only the PFM agents for Platform (UNIX/Windows), Oracle, SQL Server, Domino and SAP R/3 are supported", seed: "seed 001 §2.4.3.2" },
  ],
  requires: [{ kind: "switch-partition", purpose: "Performance Management - Manager installed on the shared disk (the sample scripts' case)", when: WITH_MANAGER, seed: "seed 001 §2.4.5.1" }],
  legacyScripts: {
    seed: "seed 001 §2.4.5.1",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: true, noArmMessage: "CLUSTERPRO Server が動作状態にありません" },
    loadCommand: "ARMLOAD",
    killCommand: "ARMKILL",
    beforeStart: [],
    afterStart: [],
    beforeStop: [],
    afterStop: [],
  },
  compatibility: [
    { product: "PFM Manager", with: "Windows 2000 Server/Professional, Windows 2003 Server; CLUSTERPRO Ver7.0", supported: true, seed: "seed 001 §2.4.3.1" },
    { product: "PFM Agent", with: "Windows 2000 Server/Professional, Windows 2003 Server (only agents that run on 2003); CLUSTERPRO Ver7.0", supported: true, seed: "seed 001 §2.4.3.1" },
  ],
  manualSteps: [
    { text: "Cluster PFM by the chapter クラスタシステムでの運用 of the PFM manuals (運用・操作編, Agent for Oracle / SQL Server / Domino / SAP R/3); the catalog writes only the sample's service starts", seed: "seed 001 §2.4.5" },
    { text: "Agent only on the cluster: no sample script; the PFM agent manual's cluster chapter gives its services", when: { setting: "form", equals: "agent-only" }, seed: "seed 001 §2.4.4, §2.4.5" },
  ],
};
