// ESMPRO/ClientManager's manager (Ver2.1+) on a CLUSTERPRO Ver5–7 cluster (seed 001 §1.11): one-way standby in a failover
// group with a switchable partition (its shared install directory) and a virtual/floating IP its clients use; seven
// services started by the group (six ARMLOAD-monitored, CMURELAY by net start), a network share, and the synchronized key
// HKLM\SOFTWARE\NEC\ESMPRO/CM. The stop order is not the reverse of the start (CMMANAGER is killed before CMPOWERON).
import type { ArmControl, Product, ProductService } from "./types";

/** seed 001 §1.11.4.6: `ARMLOAD <id> /M /S "<display name>"`, `ARMKILL <id>`. */
const arm = (watchId: string): ArmControl => ({ watchId, options: ["/M", "/S"], argument: "display-name" });
const SEED = "seed 001 §1.11.4.6";

// The seed does not say which startup type the services need: Manual, because the group starts them (as every product
// the group starts). Their key names are settings: the seed prints display names only.
function service(displayName: string, serviceName: string, control: Pick<ProductService, "arm" | "net">): ProductService {
  return { displayName, serviceName, startup: "Manual", control: "group", monitored: control.arm !== undefined, ...control, seed: SEED };
}

export const esmproClientManager: Product<"esmpro-clientmanager"> = {
  id: "esmpro-clientmanager",
  title: "ESMPRO/ClientManager (manager Ver2.1 and later)",
  seed: "seed 001 §1.11",
  registryView: "64",
  // An ESMPRO/BASE product: with ServerManager or Netvisor in its group, one Nvbase for all (esm-base.ts).
  usesEsmBaseService: { seed: "seed 001 §1.2.3.1" },
  registryViewSource: "no public source found; seed 001 §1.11.4.6 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMPRO/CM (taken as printed)",
  services: [
    // ESMPRO/BASE's "ESM Base Service", declared as esmpro-servermanager*.ts do (ClientManager is an ESMPRO/BASE product,
    // seed 001 §1.2.3.1): only when this install starts it (esmBaseService); first to start, last to stop.
    { displayName: "ESM Base Service", serviceName: "Nvbase", startup: "Manual", control: "group", monitored: true, optionalWhen: { setting: "esmBaseService", equals: true }, arm: { watchId: "id_Base", options: ["/M", "/S"], argument: "display-name" }, seed: "seed 001 §1.2.3.1, §1.2.7" },
    service("ESMPRO/CM CMIT service", "{cmitServiceName}", { arm: arm("CMIT") }),
    service("ESMPRO/CM CMURELAY", "{cmurelayServiceName}", { net: "display-name" }),
    service("ESMPRO/CM Manager", "{cmmanagerServiceName}", { arm: arm("CMMANAGER") }),
    service("ESMPRO/CM Poweron Service", "{cmpoweronServiceName}", { arm: arm("CMPOWERON") }),
    service("ESMPRO/CM Sender", "{cmsenderServiceName}", { arm: arm("CMSENDER") }),
    service("ESMPRO/CM Snmp Manager", "{cmsnmpServiceName}", { arm: arm("CMSNMP") }),
    service("ESMPRO Time Server", "{cmtimeServiceName}", { arm: arm("CMTIME") }),
  ],
  // seed 001 §1.11.4.6 start.bat (NORMAL and FAILOVER alike)
  startOrder: ["Nvbase", "{cmitServiceName}", "{cmurelayServiceName}", "{cmmanagerServiceName}", "{cmpoweronServiceName}", "{cmsenderServiceName}", "{cmsnmpServiceName}", "{cmtimeServiceName}"],
  // seed 001 §1.11.4.6 stop.bat: CMMANAGER before CMPOWERON, as printed (not the reverse of the start)
  stopOrder: ["{cmtimeServiceName}", "{cmsnmpServiceName}", "{cmsenderServiceName}", "{cmmanagerServiceName}", "{cmpoweronServiceName}", "{cmurelayServiceName}", "{cmitServiceName}", "Nvbase"],
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
  // seed 001 §1.11.4.6 (2): "ESMPRO/CM" is one key name (the "/" is part of it).
  registrySync: [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMPRO/CM", seed: "seed 001 §1.11.4.6" }],
  constraints: [
    { rule: "clientmanager-manager-only", checkedBy: "settings", settingsPath: "settings.component", description: "Only the ClientManager manager (Ver2.1 and later) runs on a cluster, in one-way standby; its client and relay agent do not", seed: "seed 001 §1.11.1" },
    { rule: "catalog-coexistence", checkedBy: "preview", description: "ESMPRO/ServerAgent cannot coexist with ESMPRO/ClientManager on the same servers", seed: "seed 001 §1.1.6 (3)" },
  ],
  cannotCoexistWith: { products: ["esmpro-serveragent"], seed: "seed 001 §1.1.6 (3)" },
  requires: [
    { kind: "switch-partition", purpose: "the manager's second install directory (shared files), the same drive and directory on every node", seed: "seed 001 §1.11.4.3, §1.11.4.5" },
    { kind: "floating-ip", purpose: "the virtual IP / floating IP clients, the CM GUI and the data viewer use as the manager", seed: "seed 001 §1.11.4.3" },
  ],
  legacyScripts: {
    seed: SEED,
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: true, gotoExitAfterFailover: true, noArmMessage: "CLUSTERPRO が動作状態にありません" },
    loadCommand: "ARMLOAD",
    killCommand: "ARMKILL",
    beforeStart: [],
    afterStart: [{ legacy: 'ARMNSADD esmprocm "{sharedFolder}\\setup"', x: 'net share esmprocm="{sharedFolder}\\setup"', xNote: "an inference: ARMNSADD shares the folder under the virtual computer; on CLUSTERPRO X the share is made with net share" }],
    beforeStop: [
      { legacy: "ARMNSDEL esmprocm", x: "net share esmprocm /delete /y", xNote: "see ARMNSADD" },
      // seed 001 §1.11.4.6: run before the kills; its purpose is not explained.
      { legacy: '"{sharedFolder}\\bin\\splaunch"' },
    ],
    afterStop: [],
  },
  compatibility: [
    { product: "ESMPRO/ClientManager manager Ver2.1~ (Windows NT)", with: "a cluster (one-way standby)", supported: true, seed: "seed 001 §1.11.1" },
    { product: "ESMPRO/ClientManager client, relay agent", with: "a cluster machine", supported: false, seed: "seed 001 §1.11.1" },
    { product: "ESMPRO/ClientManager Ver4.0~", with: "Windows Server 2003 (32/64bit)", supported: true, seed: "seed 001 §1.11.3 ※1" },
    { product: "ESMPRO/ClientManager Ver3.5~", with: "Windows XP Professional / Home", supported: true, seed: "seed 001 §1.11.3 ※2" },
    { product: "ESMPRO/ClientManager Ver3.2~", with: "Windows 2000 Advanced Server / Server / Professional", supported: true, seed: "seed 001 §1.11.3 ※3" },
  ],
  detection: [{ fact: "ClientManager is an ESMPRO/BASE-related product: ESMPRO/BASE is on the server", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", value: "WorkDir", seed: "seed 001 §1.2.3.1" }],
  manualSteps: [
    { text: "Integrated viewer with the cluster: install ESMPRO/ServerManager before setting up the cluster (otherwise the manager's setup installs the viewer)", seed: "seed 001 §1.11.4.1" },
    { text: "Register the failover group (the seed names it ESMPCOM in §1.11.4.3 and ESMPROCM in §1.11.5.3) with a switchable partition and a virtual/floating IP; its policy's priority is also the manager's start order; restart the cluster", seed: "seed 001 §1.11.4.3, §1.11.4.4" },
    { text: "On every machine of the group in turn (move the group there by manual failover): run the manager setup as a cluster install, first directory on the local disk, second on the switchable partition ({sharedFolder}); the switchable-partition directory, the manager ID and the database connection (a clustered database by its virtual/floating IP) identical on all machines", seed: "seed 001 §1.11.4.5 (1)" },
    { text: "Run \"{sharedFolder}\\BIN\\CMSetDst.exe\" and set 接続マネージャ名 to the virtual/floating IP (適用)", seed: "seed 001 §1.11.4.5 (2)" },
    { text: "Allow the \"CLUSTERPRO Server\" service to interact with the desktop (Properties → ログオン)", seed: "seed 001 §1.11.4.5 (3)" },
    { text: "Changing the group's settings (scripts, the synchronized key) stops the group; afterwards restart the cluster so the group starts on the first-priority machine", seed: "seed 001 §1.11.4.6, §1.11.4.7" },
    { text: "Set up the CLUSTERPRO client (cluster name, failover group, virtual/floating IP) before the CM GUI, relay agent or client; they name the manager by the virtual/floating IP", seed: "seed 001 §1.11.5.2" },
    { text: "The manager and the CM GUI run only where the group is active; a manual group move while the GUI runs may fail and shut that node down; alerts may be lost during a failover; the data viewer waits up to 5 minutes; a clustered manager cannot have a parent manager", seed: "seed 001 §1.11.5.3" },
    { text: "Installing or uninstalling ESMPRO/BASE products (ClientManager …) may set \"Alert Manager Socket (R) Service\" back to Automatic: check it and set it Manual", seed: "seed 001 §1.2.9 (6)" },
    { text: "Uninstall in reverse: remove the synchronized key and the script lines, uninstall on each machine with the group there, delete the group; delete the switchable-partition directory by hand if a machine could not run the uninstaller", seed: "seed 001 §1.11.5.4" },
  ],
};
