// A node's simulated Windows registry: keys (case-insensitive, case kept for display) holding typed values.
import { SimError, type RegTreeData, type SimRegistry } from "./types";

export type RegType = "REG_SZ" | "REG_EXPAND_SZ" | "REG_MULTI_SZ" | "REG_DWORD" | "REG_QWORD" | "REG_BINARY" | "REG_NONE";

export interface RegValue {
  name: string;
  type: RegType;
  /** string for SZ/EXPAND_SZ, string[] for MULTI_SZ, number for DWORD, decimal string for QWORD, base64 for BINARY/NONE. */
  data: string | string[] | number;
}

interface RegKey {
  name: string;
  values: Map<string, RegValue>;
  subkeys: Map<string, RegKey>;
}

const HIVES: Record<string, string> = {
  HKLM: "HKLM", HKEY_LOCAL_MACHINE: "HKLM",
  HKCU: "HKCU", HKEY_CURRENT_USER: "HKCU",
  HKCR: "HKCR", HKEY_CLASSES_ROOT: "HKCR",
  HKU: "HKU", HKEY_USERS: "HKU",
  HKCC: "HKCC", HKEY_CURRENT_CONFIG: "HKCC",
};

function newKey(name: string): RegKey {
  return { name, values: new Map(), subkeys: new Map() };
}

/** "HKEY_LOCAL_MACHINE\\Software\\X" → ["HKLM", "Software", "X"]. */
export function splitKey(key: string): string[] {
  const parts = key.split("\\").filter((p) => p !== "");
  const hive = HIVES[(parts[0] ?? "").toUpperCase()];
  if (!hive) throw new SimError("invalid", `${key}: must start with a hive such as HKLM\\`);
  return [hive, ...parts.slice(1)];
}

/** Which registry view a key is opened in, as RegOpenKeyEx's KEY_WOW64_64KEY / KEY_WOW64_32KEY choose it. */
export type RegView = "64" | "32";

/**
 * The key a 64-bit Windows stores `key` under when it is opened in `view`: the 32-bit view of HKLM\SOFTWARE is
 * HKLM\SOFTWARE\WOW6432Node (the registry redirector); everything else (HKLM\SYSTEM, a key already spelled with
 * WOW6432Node, the 64-bit view) is where it says. The lab models the redirected SOFTWARE key only — not the
 * shared keys under it that Windows does not redirect (e.g. parts of SOFTWARE\Classes).
 */
export function keyInView(key: string, view: RegView | undefined): string {
  const parts = splitKey(key);
  if (view !== "32" || parts[0] !== "HKLM" || (parts[1] ?? "").toLowerCase() !== "software" || (parts[2] ?? "").toLowerCase() === "wow6432node") return parts.join("\\");
  return ["HKLM", parts[1], "WOW6432Node", ...parts.slice(2)].join("\\");
}

export class SimRegistryStore implements SimRegistry {
  private readonly root = newKey("");

  private find(key: string): RegKey | undefined {
    let k: RegKey | undefined = this.root;
    for (const p of splitKey(key)) k = k?.subkeys.get(p.toLowerCase());
    return k;
  }

  private ensure(key: string): RegKey {
    let k = this.root;
    for (const p of splitKey(key)) {
      let next = k.subkeys.get(p.toLowerCase());
      if (!next) {
        next = newKey(p);
        k.subkeys.set(p.toLowerCase(), next);
      }
      k = next;
    }
    return k;
  }

  keyExists(key: string): boolean {
    return this.find(key) !== undefined;
  }

  values(key: string): RegValue[] | undefined {
    const k = this.find(key);
    return k ? [...k.values.values()].map((v) => ({ ...v })) : undefined;
  }

  subkeys(key: string): string[] | undefined {
    const k = this.find(key);
    return k ? [...k.subkeys.values()].map((s) => s.name) : undefined;
  }

  get(key: string, name: string): RegValue | undefined {
    return this.find(key)?.values.get(name.toLowerCase());
  }

  /** Sets a value (creating the key); answers whether anything changed. */
  set(key: string, value: RegValue): boolean {
    const k = this.ensure(key);
    const before = k.values.get(value.name.toLowerCase());
    k.values.set(value.name.toLowerCase(), { ...value });
    return JSON.stringify(before) !== JSON.stringify(k.values.get(value.name.toLowerCase()));
  }

  deleteValue(key: string, name: string): boolean {
    return this.find(key)?.values.delete(name.toLowerCase()) ?? false;
  }

  /** Deletes the named subkeys, or all of them; answers their names. */
  deleteSubkeys(key: string, names?: string[]): string[] {
    const k = this.find(key);
    if (!k) return [];
    const doomed = [...k.subkeys.values()].filter((s) => !names || names.some((n) => n.toLowerCase() === s.name.toLowerCase()));
    for (const s of doomed) k.subkeys.delete(s.name.toLowerCase());
    return doomed.map((s) => s.name);
  }

  deleteKey(key: string): boolean {
    const parts = splitKey(key);
    let parent: RegKey | undefined = this.root;
    for (const p of parts.slice(0, -1)) parent = parent?.subkeys.get(p.toLowerCase());
    return parent?.subkeys.delete(parts[parts.length - 1].toLowerCase()) ?? false;
  }

  exportTree(key: string, maxDepth = 64): RegTreeData | undefined {
    const k = this.find(key);
    if (!k) return undefined;
    const walk = (path: string, node: RegKey, depth: number): RegTreeData => ({
      key: path,
      values: [...node.values.values()].map((v) => ({ ...v })),
      subkeys: depth >= maxDepth ? [] : [...node.subkeys.values()].map((s) => walk(`${path}\\${s.name}`, s, depth + 1)),
    });
    return walk(splitKey(key).join("\\"), k, 0);
  }

  /** Replaces the subtree at tree.key with the given one (registry synchronization semantics). */
  importTree(tree: RegTreeData): void {
    this.deleteKey(tree.key);
    const put = (t: RegTreeData) => {
      this.ensure(t.key);
      for (const v of t.values) this.set(t.key, { name: v.name, type: v.type as RegType, data: v.data as RegValue["data"] });
      for (const s of t.subkeys) put(s);
    };
    put(tree);
  }

  toJSON(): RegTreeData[] {
    return [...this.root.subkeys.values()].map((h) => this.exportTree(h.name) as RegTreeData);
  }

  static fromJSON(trees: RegTreeData[]): SimRegistryStore {
    const r = new SimRegistryStore();
    for (const t of trees) r.importTree(t);
    return r;
  }
}
