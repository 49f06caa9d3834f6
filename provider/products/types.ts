// The data shape of a catalog product: what a manual says to do by hand, as data.
// Pure types only; the per-product modules fill them in, render.ts turns one into a concrete plan.
//
// Templates: strings may contain `{name}` placeholders. `{sharedFolder}` is the install's shared
// folder (trailing backslash removed); every other name is a key of the product's settings
// (see settings.ts). render.ts refuses a template whose placeholder has no value.

/** "seed 003 §2.2.6" — the section of a seed document a fact comes from. */
export type SeedRef = string;

/** Includes an item only for some settings: `equals` compares the setting's value, `isSet` asks for a non-empty value. */
export type SettingCondition =
  | { setting: string; equals: string | boolean }
  | { setting: string; oneOf: readonly (string | boolean)[] }
  | { setting: string; isSet: true }
  | { allOf: readonly SettingCondition[] };

export type StartupType = "Manual" | "Automatic";

export interface ProductService {
  displayName: string;
  serviceName: string;
  /** Startup type to set on every node. */
  startup: StartupType;
  /** group: started and stopped by the failover group in start/stop order; node: runs outside the group on every node. */
  control: "group" | "node";
  /** State to leave the service in on every node while configuring (e.g. the PrintPort spooler stopped until the group starts it). */
  stateOnEveryNode?: "stopped" | "running";
  /** Whether a service monitor watches it. */
  monitored: boolean;
  /** Optional member: the service is managed (ordered, monitored) only when this holds. */
  optionalWhen?: SettingCondition;
  /**
   * With optionalWhen: its startup type is set even when it is not managed (the seed lists it among the services
   * to set, e.g. all eight ESMPRO/ServerManager services are Manual). Skipped on a node where it is not installed.
   */
  startupAlways?: boolean;
  /** Stop time-out of its CLUSTERPRO service resource, where the seed changes the default. */
  stopTimeoutSeconds?: number;
  /** How the seed's legacy (CLUSTERPRO Ver5–7) scripts start and stop it: scripts.ts writes its lines from this. */
  arm?: ArmControl;
  /**
   * Instead of arm: the legacy scripts start and stop it with plain `net start` / `net stop` (not ARM-monitored), naming
   * its service name bare (PrintManager's `net stop esmproprs`) or its display name in quotes (`net start "ESMPRO/CM CMURELAY"`).
   */
  net?: "service-name" | "display-name";
  /** Legacy lines right before its start and right after its stop (AppManager's `armsleep 30`); not in the CLUSTERPRO X form. */
  legacyBeforeStart?: string[];
  legacyAfterStop?: string[];
  seed: SeedRef;
}

/**
 * A service started by the legacy scripts: `<load> <watchId> <options…> <serviceName> <trailing…>` and `<kill> <watchId>`
 * (the commands' spelling is the product's LegacyScripts.loadCommand / killCommand).
 */
export interface ArmControl {
  watchId: string;
  /** armload's options as the seed prints them, e.g. ["/S", "/M", "/WAIT", "0"]. */
  options: string[];
  /** The service argument: its service name (the default) or its display name in quotes (ClientManager, seed 001 §1.11.4.6). */
  argument?: "service-name" | "display-name";
  /** Arguments after the service name (JMSS's JLook: `arm`). */
  trailing?: string[];
  /** A line written right after its start / its stop (JMSS's `armlog "…" /arm`); dropped in the CLUSTERPRO X form. */
  logAfterStart?: string;
  logAfterStop?: string;
  /** A line written right before its start / its stop (Netvisor's `ARMLOG "id_Base"` / `ARMLOG "o id_Base"`); dropped in the CLUSTERPRO X form. */
  logBeforeStart?: string;
  logBeforeStop?: string;
  /** Lines right after its start line (Netvisor's `if ERRORLEVEL 1 goto STOPNE`, NetvisorPro's `ARMSLEEP.EXE 30`); legacy form only. */
  afterStartLines?: string[];
  /** Lines right before its stop line (Netvisor's `ARMSLEEP.EXE 5` before ESM Base Service); legacy form only. */
  beforeStopLines?: string[];
}

/**
 * One line of a legacy start/stop script that is not a service start or stop. `legacy` may use `{branch}` (the
 * number of the script branch it is written in, 1…4: labels stay unique) and `{setting}` templates.
 */
export interface ScriptLine {
  legacy: string;
  /**
   * The line in the CLUSTERPRO X script resource. Absent: the legacy line with ARMS_* variables renamed CLP_*;
   * null: not written there (xNote says why).
   */
  x?: string | null;
  xNote?: string;
  /** "first": written before every product's lines of the group (DM's armwsset comes before FileTransfer's start). */
  position?: "first";
  when?: SettingCondition;
}

/** The shape of a seed's sample script; the generator reproduces it (scripts.ts). */
export interface LegacyScriptStyle {
  /**
   * arm-full: START/FAILOVER/RECOVER else no_arm, the ARMS_DISK check, the ARMS_SERVER split, broadcast error paths
   * (§1.2.8, §1.1.4.3). arm-minimal: the IF lines fall through to :NORMAL, no checks (§1.4.6, §1.5.5).
   */
  skeleton: "arm-full" | "arm-minimal";
  /** The order of the start script's IF lines (the stop script has START, FAILOVER). */
  startEvents: ("START" | "FAILOVER" | "RECOVER")[];
  /** arm-full: the body once before the ARMS_SERVER split (§1.2.8) or in each of its two branches (§1.1.4.3). */
  body: "before-priority-split" | "each-priority-branch";
  /** `exit` after :EXIT (§1.1.4.3). */
  exitCommand: boolean;
  /** arm-minimal: GOTO EXIT after the FAILOVER branch too (§1.4.6), or not (§1.5.5). */
  gotoExitAfterFailover: boolean;
  /**
   * The no_arm message where the sample prints another than "ActiveRecoveryManager が動作状態にありません" (WebSAM PFM
   * and NetvisorPro: "CLUSTERPRO Server が動作状態にありません"; ClientManager §1.11.4.6).
   */
  noArmMessage?: string;
  /** The start script ends with `goto EXIT`, `:STOPNE`, `pause` before `:EXIT` (the target of Netvisor's ERRORLEVEL checks, §2.1.7). */
  stopneLabel?: boolean;
}

/** The legacy (CLUSTERPRO Ver5–7, ActiveRecoveryManager) start.bat / stop.bat lines of a product. */
export interface LegacyScripts {
  seed: SeedRef;
  style: LegacyScriptStyle;
  loadCommand: string;
  killCommand: string;
  /**
   * When this holds, the services are started with `net start "<display name>"` and stopped with `net stop "<display
   * name>"` instead of the ARM commands (JMSS RL1999/06 and earlier, seed 001 §1.1.4.3).
   */
  netStartWhen?: SettingCondition;
  beforeStart: ScriptLine[];
  afterStart: ScriptLine[];
  beforeStop: ScriptLine[];
  afterStop: ScriptLine[];
}

/**
 * A service outside the group that must be stopped before the group's services stop and started again
 * after (`net stop /Yes "<name>"` … `net start /Yes "<name>"`): listed in stop order, restarted in reverse.
 */
export interface RestartAroundStop {
  /** The name `net stop` is given in the seed (a display name). */
  name: string;
  when: SettingCondition;
  seed: SeedRef;
}

/** A SQL Server instance the product keeps its data in: started before and stopped after the product's services. */
export interface ProductDatabase {
  /** Template, e.g. "MSSQL${databaseInstance}" where the instance name is configurable. */
  serviceName: string;
  displayName: string;
  databaseName: string;
  files: string[];
  /** Only part of the group when this holds (the seed: "if the database is clustered"). */
  includedWhen?: SettingCondition;
  seed: SeedRef;
}

/** A file or folder put on the shared disk. Runs on the ACTIVE node only (the shared disk is reachable there). */
export interface SharedDiskPlacement {
  operation: "move" | "copy";
  kind: "folder" | "file";
  /** Local path template on the node, environment variables as the seed prints them (e.g. %ProgramFiles%). */
  source: string;
  /**
   * Path template relative to the shared folder: the full path the source gets (a file's own name included), never
   * empty — a placement never lands on the shared folder itself (file.copy refuses to replace a folder by a file).
   */
  target: string;
  /** The seed says the source may not exist; then there is nothing to place. */
  onlyIfExists?: boolean;
  when?: SettingCondition;
  seed: SeedRef;
}

/** Deleted on the STANDBY node(s) only — never on the active node. */
export interface StandbyDeletion {
  kind: "folder" | "file";
  path: string;
  seed: SeedRef;
}

export type FileEncoding =
  | "ascii"
  /** The node's OEM code page (CP932 on Japanese Windows): cmd.exe reads batch files in it. */
  | "oem";

/** A file written whole, its content a template. */
export interface ProductFile {
  /** Absolute path template (on the shared disk via {sharedFolder}, or a local folder from settings). */
  path: string;
  /** active: on the shared disk, written where it is reachable; all-nodes: the same path on every node. */
  on: "active" | "all-nodes";
  content: string;
  encoding: FileEncoding;
  lineEnding: "crlf";
  finalNewline: boolean;
  when?: SettingCondition;
  seed: SeedRef;
}

/** One `key=value` line set in an existing properties file (added if missing, replaced if different). */
export interface PropertyLineEdit {
  path: string;
  on: "active" | "all-nodes";
  key: string;
  value: string;
  seed: SeedRef;
}

export type AclRight = "FullControl" | "ReadAndExecute" | "Read";

/** Well-known principals carry their SID so a localized Windows resolves them the same way. */
export type AclPrincipal = { name: string; sid?: string } | { namesFromSetting: string };

export interface ProductAcl {
  path: string;
  /** The folder and every folder below it. */
  recursive: boolean;
  entries: { principal: AclPrincipal; rights: AclRight }[];
  on: "active" | "all-nodes";
  seed: SeedRef;
}

export type RegistryData =
  /** The data is this template. */
  | { template: string }
  /**
   * The data is the value's current path, moved along with the product's shared-disk placements:
   * a source prefix is replaced by its target. The seed gives no per-value path, only "the folder on
   * the shared disk"; a current value outside every placed folder is an error for the applier.
   */
  | { relocatedWithPlacements: true };

export interface RegistryWrite {
  key: string;
  name: string;
  type: "REG_SZ";
  data: RegistryData;
  /** modify: the value exists after install; create: the seed says to create it. */
  operation: "modify" | "create";
  when?: SettingCondition;
  seed: SeedRef;
}

/** Values deleted from a key, or from every direct subkey of it. */
export interface RegistryDeletion {
  key: string;
  scope: "key" | "each-subkey";
  values: string[];
  seed: SeedRef;
}

export interface RegistrySyncKey {
  /** Template: a literal key, or `{setting}` where the seeds disagree and the key is overridable. */
  key: string;
  seed: SeedRef;
}

/** The rules constraints.ts checks at preview (or settings.ts at construction). */
export type ConstraintRule =
  | "printport-one-way-standby"
  | "esmpro-and-systemprovisioning-same-group"
  | "esm-base-service-first-and-last"
  | "dpm-ip-address-limit"
  | "dpm-failover-ip-before-services"
  | "dpm-hpux-management-server-name"
  | "database-instance-in-one-group"
  | "esmpro-serveragent-coexistence"
  | "esmpro-serveragent-clusterpro-version"
  | "esmpro-servermanager-failover-version"
  | "filetransfer-before-deliverymanager"
  | "jmss-one-server-per-cluster"
  | "netvisor-clusterpro-version"
  | "netvisor-not-with-clusterpro-manager"
  | "appmanager-clusterpro-version"
  | "pfm-clusterpro-version"
  | "pfm-supported-agents"
  | "appmanager-supported-agents"
  | "catalog-coexistence"
  | "ac-cluster-topology"
  | "ac-settings"
  | "ac-no-powerchute-on-amc"
  | "printmanager-operation-version"
  | "clientmanager-manager-only"
  | "appmanager-one-clustered-agent-group"
  | "bom-monitor-off-first";

export interface ProductConstraint {
  rule: ConstraintRule;
  /** preview: checkProductConstraints; settings: the settings schema refuses it at construction. */
  checkedBy: "preview" | "settings";
  /** For checkedBy "settings": the field a settings error must be at to be this rule's violation. */
  settingsPath?: string;
  description: string;
  seed: SeedRef;
}

/** What the seed says to do that no applier can: shown in preview and in the docs. */
export interface ManualStep {
  text: string;
  when?: SettingCondition;
  seed: SeedRef;
}

/**
 * The registry view a product's own keys are in on 64-bit Windows: "32" — a 32-bit product, whose HKLM\SOFTWARE\X is
 * stored under HKLM\SOFTWARE\WOW6432Node\X —, or "64" (native). Every registry op of the product uses it.
 */
export type RegistryView = "64" | "32";

export interface Product<Id extends string = string> {
  id: Id;
  title: string;
  registryView: RegistryView;
  /** Where `registryView` comes from: a public document's title or URL, or why there is none. */
  registryViewSource: string;
  /**
   * The product's install folder on each node's local disk, as `{installFolder}` in the templates: the default (with
   * environment variables, expanded from the node's own values) and where it comes from. A ProductInstall may
   * override it (installFolder). Absent: the product keeps nothing on the node's local disk that the catalog names.
   */
  installFolder?: { default: string; seed: SeedRef; source: string };
  /** The seed document and the section the product is described in. */
  seed: SeedRef;
  services: ProductService[];
  /** Service names of group-controlled services, first to start first; optional members are in. */
  startOrder: string[];
  /** Service names, first to stop first, exactly as the seed prints it. */
  stopOrder: string[];
  /** false where the seed says the order does not matter (the lists are still a valid order). */
  orderMatters: boolean;
  /** Services of other products cycled around the stop: makes the stop order differ from the reverse. */
  restartAroundStop: RestartAroundStop[];
  databases: ProductDatabase[];
  sharedDiskPlacements: SharedDiskPlacement[];
  standbyDeletions: StandbyDeletion[];
  files: ProductFile[];
  propertyEdits: PropertyLineEdit[];
  acls: ProductAcl[];
  registryWrites: RegistryWrite[];
  registryDeletions: RegistryDeletion[];
  registrySync: RegistrySyncKey[];
  /** Time synchronization on every node: this (node-controlled) service syncs with the NTP server the setting names. */
  timeSync?: { serviceName: string; ntpServerSetting: string; seed: SeedRef };
  constraints: ProductConstraint[];
  manualSteps: ManualStep[];
  /** The seed's start/stop script lines (seed 001 products), for scripts.ts. */
  legacyScripts?: LegacyScripts;
  /** The version this entry describes, where the catalog has more than one (the user picks it: ProductInstall `version`). */
  version?: string;
  /** What the cluster must provide for the product (seed 001): checked against the install's group. */
  requires?: ClusterRequirement[];
  /** Folders created on the shared disk (active node), relative to the shared folder. */
  sharedDirectories?: { path: string; when?: SettingCondition; seed: SeedRef }[];
  /** Lines set in a product's INI files on every node (`{nodeName}`: the node's own name); shown, not applied yet. */
  iniEdits?: { file: string; section: string; key: string; value: string; when?: SettingCondition; seed: SeedRef }[];
  /** Products the seed says cannot be on the same servers. */
  cannotCoexistWith?: { products: string[]; seed: SeedRef };
  /** Version and OS compatibility the seed prints, as rows (product version range × CLUSTERPRO version or OS). */
  compatibility?: { product: string; with: string; supported: boolean; note?: string; seed: SeedRef }[];
  /**
   * The product runs on ESMPRO/BASE's "ESM Base Service" (Nvbase), which every ESMPRO/BASE product on a server shares
   * (seed 003 §1.2, seed 001 §1.2.3.1, §2.1, §2.2): in one group such installs share one Nvbase service resource, one
   * work directory and its NVBASE registry values and sync keys (esm-base.ts), declared once by the first of them;
   * rule esm-base-service-first-and-last (constraints.ts) checks it at construction.
   */
  usesEsmBaseService?: { seed: SeedRef };
  /** How the seed tells what is on a server (read-only registry checks); shown with the manual steps. */
  detection?: { fact: string; key: string; value?: string; seed: SeedRef }[];
  /**
   * What happens on a power failure, as the seed documents it (ESMPRO/AutomaticRunningController): ordered steps, each
   * with who does it. Outside CLUSTERPRO: the provider configures none of it, it shows them with the manual steps.
   */
  powerFailureSequences?: PowerFailureSequence[];
}

/** One power-failure case (seed 001 §1.6.5, §1.7.5, §1.8.4, §1.9.4): its steps in order. */
export interface PowerFailureSequence {
  case: string;
  /** Only for some settings (AMC with or without a management terminal). */
  when?: SettingCondition;
  steps: { actor: "ESMPRO/AC" | "CLUSTERPRO" | "UPS" | "OS" | "operator"; text: string; when?: SettingCondition }[];
  seed: SeedRef;
}

/**
 * A cluster resource the product needs in its failover group: "switch-partition" is met by a SharedDisk (or a
 * MirrorDisk) of the group, "virtual-computer-name" by its VirtualComputerName (the one the settings name), checked
 * by the SDK at construction (docs/products.md).
 */
export interface ClusterRequirement {
  kind: "switch-partition" | "virtual-computer-name" | "floating-ip";
  /** What the product keeps there or uses it for. */
  purpose: string;
  /** The logical service name the seed registers on the virtual IP (FileTransfer's ESMPRO_FT …). */
  logicalServiceName?: string;
  when?: SettingCondition;
  seed: SeedRef;
}
