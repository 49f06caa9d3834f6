// One simulated node: a Windows or Linux machine as a fresh CLUSTERPRO install leaves it.
// Pure state; the lab's servers (WinRM, SSH) and the agent executor act on it.
import { createHash } from "node:crypto";
import * as iconv from "iconv-lite";
import { SimFilesystem, VolumeStore, type Ace, type FsEntry } from "./filesystem";
import { SimRegistryStore, type RegValue } from "./registry";
import { SimServiceTable } from "./services";
import { SimError, type RegTreeData, type SimNodeApi, type SimOs, type SimProcesses, type SimService, type VolumeAccess } from "./types";

export const WINDOWS_HOSTS_PATH = "C:\\Windows\\System32\\drivers\\etc\\hosts";
export const LINUX_HOSTS_PATH = "/etc/hosts";
export const WINDOWS_CLUSTERPRO_PATH = "C:\\Program Files\\CLUSTERPRO";
export const LINUX_CLUSTERPRO_PATH = "/opt/nec/clusterpro";
export const CLUSTERPRO_VERSION = "5.3.1-1";

/** The NICs of a seed-000 print server: public LAN, interconnect (mirror) LAN, printer LAN. */
export const WINDOWS_NICS = ["ローカル エリア接続", "ローカル エリア接続 2", "ローカル エリア接続 3"];
export const LINUX_NICS = ["eth0", "eth1", "eth2"];

/** The folders of a standard 64-bit Windows Server install, by environment variable. */
export const STANDARD_WINDOWS_ENV: Readonly<Record<string, string>> = {
  ProgramFiles: "C:\\Program Files",
  "ProgramFiles(x86)": "C:\\Program Files (x86)",
  ProgramW6432: "C:\\Program Files",
  ProgramData: "C:\\ProgramData",
  SystemRoot: "C:\\Windows",
  SystemDrive: "C:",
};

export interface ProcessRun {
  at: string;
  path: string;
  env: Record<string, string>;
  exitCode: number;
}

export class SimNode implements SimNodeApi {
  readonly fs: SimFilesystem;
  readonly services: SimServiceTable;
  readonly registry?: SimRegistryStore;
  readonly activeAddresses = new Set<string>();
  readonly nics = new Map<string, boolean>();
  readonly processes: SimProcesses;
  /** Every start/stop path run on this node, newest last (bounded). */
  readonly runLog: ProcessRun[] = [];
  /** The Active Directory domain a Windows node is joined to (none: a workgroup server, the lab's default). */
  domain?: string;
  /**
   * A Windows node's folders by environment variable (what the agent's facts report): a standard x64 install's
   * unless a test moves them (e.g. Program Files on D:). Products are laid down below them (sim/products.ts).
   */
  windowsEnv: Record<string, string> = { ...STANDARD_WINDOWS_ENV };
  private up = true;
  /** Volume GUIDs given to this node's letters (lab load); other letters have labVolumeGuid(name, letter). */
  private readonly guids = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly os: SimOs,
    options: { fs?: SimFilesystem; registry?: SimRegistryStore } = {},
  ) {
    this.fs = options.fs ?? new SimFilesystem(os, os === "windows" ? "BUILTIN\\Administrators" : "root", name);
    this.services = new SimServiceTable(os === "windows");
    if (os === "windows") this.registry = options.registry ?? new SimRegistryStore();
    this.processes = { run: (path, env) => this.runProcess(path, env) };
  }

  get hostname(): string {
    return this.name;
  }

  isUp(): boolean {
    return this.up;
  }

  /** Power off: nothing answers; floating IPs and volumes go with it. */
  fail(): void {
    this.up = false;
    this.activeAddresses.clear();
    for (const s of this.services.list()) s.state = "stopped";
  }

  /** Power on: automatic services start again. */
  recover(): void {
    this.up = true;
    this.services.boot();
  }

  /** Windows: the GUID of the volume with this drive letter ("E" or "E:"); undefined when there is no such volume. */
  volumeGuid(letter: string): string | undefined {
    if (this.os !== "windows") return undefined;
    const l = driveLetter(letter);
    if (!l || !this.fs.volumes().some((v) => v.volume.toUpperCase() === `${l}:`)) return undefined;
    return this.guids.get(l) ?? labVolumeGuid(this.name, l);
  }

  /** Gives the volume with this letter a GUID (lab load: the GUID a taken-over clp.conf names for this server). */
  setVolumeGuid(letter: string, guid: string): void {
    const l = driveLetter(letter);
    if (this.os !== "windows" || !l) throw new SimError("invalid", `${this.name}: volume GUIDs exist only for Windows drive letters (got ${letter})`);
    if (!VOLUME_GUID.test(guid)) throw new SimError("invalid", `${this.name}: ${guid} is not a volume GUID (lower case, no braces)`);
    this.guids.set(l, guid);
  }

  /** The lettered volumes with their GUIDs, sorted by letter (what volume.list answers). */
  letteredVolumes(): { letter: string; guid: string }[] {
    if (this.os !== "windows") return [];
    return this.fs
      .volumes()
      .map((v) => driveLetter(v.volume))
      .filter((l): l is string => l !== undefined)
      .sort()
      .map((letter) => ({ letter, guid: this.volumeGuid(letter) as string }));
  }

  get clusterproPath(): string {
    return this.os === "windows" ? WINDOWS_CLUSTERPRO_PATH : LINUX_CLUSTERPRO_PATH;
  }

  get hostsPath(): string {
    return this.os === "windows" ? WINDOWS_HOSTS_PATH : LINUX_HOSTS_PATH;
  }

  private runProcess(path: string, env: Record<string, string>): { exitCode: number; stdout: string } {
    if (!this.up) throw new SimError("node-down", `${this.name} is down`);
    let exitCode = 0;
    let stdout: string;
    if (!this.fs.exists(path)) {
      exitCode = 1;
      stdout = this.os === "windows" ? "The system cannot find the path specified.\r\n" : `${path}: not found\n`;
    } else {
      // cmd.exe reads a batch file in the console's code page: CP932 on a Japanese Windows.
      const bytes = this.fs.readFile(path);
      stdout = this.interpretScript(this.os === "windows" ? iconv.decode(bytes, "cp932") : bytes.toString("utf8"));
    }
    this.runLog.push({ at: new Date().toISOString(), path, env: { ...env }, exitCode });
    if (this.runLog.length > 200) this.runLog.shift();
    return { exitCode, stdout };
  }

  /**
   * The few script lines the lab understands, so that the seed's NIC-control batch files really
   * disable and enable the printer LAN: `netsh interface set interface "<name>" enable|disable`
   * (also `name="<name>" admin=enabled|disabled`). Other lines are recorded as run and do nothing.
   */
  private interpretScript(text: string): string {
    let out = "";
    for (const line of text.split(/\r?\n/)) {
      const m =
        /^\s*netsh\s+interface\s+set\s+interface\s+(?:name=)?"([^"]+)"\s+(?:admin=)?(enable|disable)d?\s*$/i.exec(line) ??
        /^\s*netsh\s+interface\s+set\s+interface\s+(?:name=)?(\S+)\s+(?:admin=)?(enable|disable)d?\s*$/i.exec(line);
      if (!m) continue;
      if (!this.nics.has(m[1])) {
        out += `指定された名前のインターフェイスが見つかりません: ${m[1]}\r\n`;
        continue;
      }
      this.nics.set(m[1], m[2].toLowerCase() === "enable");
    }
    return out;
  }

  // ----- the image of a fresh install -----

  static fresh(name: string, os: SimOs): SimNode {
    const node = new SimNode(name, os);
    if (os === "windows") node.layWindowsImage();
    else node.layLinuxImage();
    return node;
  }

  private layWindowsImage(): void {
    const fs = this.fs;
    fs.addVolume("C:");
    fs.addVolume("D:"); // the mirror disk's cluster partition
    fs.addVolume("E:"); // the mirror disk's data partition
    const admins: Ace = { identity: "BUILTIN\\Administrators", rights: ["FullControl"], type: "allow", inherited: false, inherit: true };
    const system: Ace = { identity: "NT AUTHORITY\\SYSTEM", rights: ["FullControl"], type: "allow", inherited: false, inherit: true };
    const users: Ace = { identity: "BUILTIN\\Users", rights: ["ReadAndExecute"], type: "allow", inherited: false, inherit: true };
    for (const v of ["C:", "D:", "E:"]) (fs.stat(`${v}\\`) as FsEntry).acl = [admins, system, users].map((a) => ({ ...a }));
    fs.mkdir("C:\\Windows\\System32\\drivers\\etc");
    fs.writeFile(WINDOWS_HOSTS_PATH, Buffer.from("# Copyright (c) 1993-2009 Microsoft Corp.\r\n#\r\n127.0.0.1       localhost\r\n::1             localhost\r\n"));
    fs.mkdir(`${WINDOWS_CLUSTERPRO_PATH}\\etc`);
    fs.mkdir(`${WINDOWS_CLUSTERPRO_PATH}\\bin`);
    fs.mkdir("C:\\Users\\Administrator");

    const reg = this.registry as SimRegistryStore;
    const sz = (name: string, data: string): RegValue => ({ name, type: "REG_SZ", data });
    reg.set("HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName", sz("ComputerName", this.name.toUpperCase()));
    reg.set("HKLM\\SOFTWARE\\NEC\\CLUSTERPRO\\Server", sz("InstallPath", WINDOWS_CLUSTERPRO_PATH));
    reg.set("HKLM\\SOFTWARE\\NEC\\CLUSTERPRO\\Server", sz("Version", CLUSTERPRO_VERSION));
    reg.set("HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", sz("NtpServer", "time.windows.com,0x9"));
    reg.set("HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", sz("Type", "NTP"));

    const svc = (name: string, displayName: string, startup: SimService["startup"], dependsOn: string[] = []): void =>
      this.services.define({ name, displayName, startup, state: "stopped", dependsOn });
    svc("W32Time", "Windows Time", "manual");
    svc("LanmanServer", "Server", "automatic");
    svc("SNMP", "SNMP Service", "automatic");
    svc("clpevent", "CLUSTERPRO Event", "automatic");
    svc("clpdiskagent", "CLUSTERPRO Disk Agent", "automatic", ["clpevent"]);
    svc("clpmdagent", "CLUSTERPRO Mirror Disk Agent", "automatic", ["clpevent"]);
    svc("clusterpro", "CLUSTERPRO Server", "automatic", ["clpevent", "clpdiskagent"]);
    svc("clpwebmgr", "CLUSTERPRO Web Alert", "automatic");
    this.services.boot();
    for (const n of WINDOWS_NICS) this.nics.set(n, true);
  }

  private layLinuxImage(): void {
    const fs = this.fs;
    fs.addVolume("/");
    fs.mkdir("/etc");
    fs.writeFile(LINUX_HOSTS_PATH, Buffer.from("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"));
    fs.writeFile("/etc/os-release", Buffer.from('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n'));
    fs.writeFile("/etc/hostname", Buffer.from(`${this.name}\n`));
    fs.mkdir(`${LINUX_CLUSTERPRO_PATH}/etc`);
    fs.mkdir(`${LINUX_CLUSTERPRO_PATH}/scripts`);
    fs.mkdir("/mnt/md1");
    fs.addVolume("/mnt/md1"); // a mirror disk's mount point (its data partition)
    const svc = (name: string, displayName: string, dependsOn: string[] = []): void =>
      this.services.define({ name, displayName, startup: "automatic", state: "stopped", dependsOn });
    svc("clusterpro_evt", "CLUSTERPRO event");
    svc("clusterpro_md", "CLUSTERPRO mirror agent", ["clusterpro_evt"]);
    svc("clusterpro", "CLUSTERPRO daemon", ["clusterpro_evt"]);
    svc("clusterpro_alertsync", "CLUSTERPRO alert synchronization");
    svc("clusterpro_webmgr", "CLUSTERPRO WebManager");
    svc("sshd", "OpenBSD Secure Shell server");
    this.services.boot();
    for (const n of LINUX_NICS) this.nics.set(n, true);
  }

  // ----- persistence -----

  snapshot(): NodeSnapshot {
    return {
      name: this.name,
      os: this.os,
      up: this.up,
      services: this.services.list().map((s) => ({ ...s, dependsOn: [...s.dependsOn] })),
      registry: this.registry?.toJSON() ?? null,
      volumes: this.fs.volumes().map((v) => ({ volume: v.volume, store: v.store.id, access: v.access })),
      nics: [...this.nics.entries()],
      activeAddresses: [...this.activeAddresses],
      runLog: [...this.runLog],
      ...(this.domain ? { domain: this.domain } : {}),
      ...(this.os === "windows" && JSON.stringify(this.windowsEnv) !== JSON.stringify(STANDARD_WINDOWS_ENV) ? { windowsEnv: { ...this.windowsEnv } } : {}),
      ...(this.guids.size > 0 ? { volumeGuids: Object.fromEntries(this.guids) } : {}),
    };
  }

  static restore(s: NodeSnapshot, stores: Map<string, VolumeStore>): SimNode {
    const node = new SimNode(s.name, s.os, { registry: s.registry ? SimRegistryStore.fromJSON(s.registry) : undefined });
    for (const v of s.volumes) {
      const store = stores.get(v.store);
      if (!store) throw new SimError("invalid", `snapshot of ${s.name}: volume ${v.volume} refers to unknown store ${v.store}`);
      node.fs.addVolume(v.volume, store, v.access);
    }
    for (const svc of s.services) node.services.define(svc);
    for (const [n, e] of s.nics) node.nics.set(n, e);
    for (const a of s.activeAddresses) node.activeAddresses.add(a);
    node.runLog.push(...s.runLog);
    node.domain = s.domain;
    if (s.windowsEnv) node.windowsEnv = { ...s.windowsEnv };
    for (const [l, g] of Object.entries(s.volumeGuids ?? {})) node.guids.set(l, g);
    node.up = s.up;
    return node;
  }
}

export interface NodeSnapshot {
  name: string;
  os: SimOs;
  up: boolean;
  services: SimService[];
  registry: RegTreeData[] | null;
  volumes: { volume: string; store: string; access: VolumeAccess }[];
  nics: [string, boolean][];
  activeAddresses: string[];
  runLog: ProcessRun[];
  domain?: string;
  windowsEnv?: Record<string, string>;
  /** Drive letter → volume GUID given by a lab load (other letters have labVolumeGuid). */
  volumeGuids?: Record<string, string>;
}

const VOLUME_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "E", "e:", "E:\\" → "E"; undefined for anything else. */
function driveLetter(s: string): string | undefined {
  return /^([A-Za-z]):?\\?$/.exec(s)?.[1]?.toUpperCase();
}

/**
 * The GUID a lab node's volume has unless a load gave it another: derived from the node's name and the letter, so it
 * is the same after a lab restart and differs between nodes (as real volumes on two servers do).
 */
export function labVolumeGuid(node: string, letter: string): string {
  const h = createHash("sha256").update(`clusterpro-lab volume ${node.toLowerCase()} ${letter.toUpperCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Volume stores as plain JSON (file contents base64), shared by id between nodes. */
export interface StoreSnapshot {
  id: string;
  generation: number;
  entries: [string, Omit<FsEntry, "data"> & { data?: string }][];
}

export function snapshotStore(store: VolumeStore): StoreSnapshot {
  return {
    id: store.id,
    generation: store.generation,
    entries: [...store.entries.entries()].map(([k, e]) => [k, { ...e, data: e.data?.toString("base64") }]),
  };
}

export function restoreStore(s: StoreSnapshot): VolumeStore {
  const store = new VolumeStore(s.id, "");
  store.entries.clear();
  for (const [k, e] of s.entries) store.entries.set(k, { ...e, data: e.data === undefined ? undefined : Buffer.from(e.data, "base64") });
  store.generation = s.generation;
  return store;
}
