// The agent protocol, version 1: typed operations (a zod discriminated union on `op`) that the provider sends as
// data to a FIXED agent script, and the typed results it gets back (one per op, in order).
//
// Two shapes exist for each side:
//   - the public shape (AgentOp / AgentResult) that the rest of the provider uses;
//   - the wire shape the scripts see. They differ only where bytes travel: file.write sends `dataBase64` (the TS
//     side encodes text as UTF-8 or CP932), file.read and clp answer base64 bytes that the TS side decodes.
//     So neither script has to convert text encodings, and bytes are exact on both OSes.
import { z } from "zod";

export const PROTOCOL_VERSION = 1 as const;

/** No NUL (no OS can carry it in a path or argument) and bounded length. */
const text = (max = 32767) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes("\0"), { message: "must not contain a NUL character" });
const nonEmpty = (max = 32767) => text(max).refine((s) => s.length > 0, { message: "must not be empty" });
/** A single-line token: no whitespace at all (hosts entries, interface-independent names). */
const token = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\s#\0]+$/, { message: "must not contain whitespace or '#'" });
const serviceName = nonEmpty(256).refine((s) => !/[\r\n/\\]/.test(s), { message: "a service name has no line break, '/' or '\\'" });

/** Fields every op may carry. */
const common = {
  /** Optional caller label, echoed nowhere; helps the caller match results in logs. */
  id: z.string().max(200).optional(),
  /** When this op fails, the remaining ops are not run (they answer code "skipped"). Default false. */
  stopOnError: z.boolean().optional(),
};

export const STARTUP_TYPES = ["automatic", "automatic-delayed", "manual", "disabled"] as const;
export const StartupTypeSchema = z.enum(STARTUP_TYPES);
export const SERVICE_STATES = ["running", "stopped", "starting", "stopping", "paused", "unknown"] as const;
export const ServiceStateSchema = z.enum(SERVICE_STATES);

export const REG_TYPES = ["REG_SZ", "REG_EXPAND_SZ", "REG_MULTI_SZ", "REG_DWORD", "REG_QWORD", "REG_BINARY", "REG_NONE"] as const;

/** A registry value as reg.set takes it and reg.query returns it. REG_BINARY data is base64. */
export const RegValueSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("REG_SZ"), data: text() }),
  z.object({ type: z.literal("REG_EXPAND_SZ"), data: text() }),
  z.object({ type: z.literal("REG_MULTI_SZ"), data: z.array(text()) }),
  z.object({ type: z.literal("REG_DWORD"), data: z.number().int().min(0).max(0xffffffff) }),
  z.object({ type: z.literal("REG_QWORD"), data: z.string().regex(/^[0-9]{1,20}$/, { message: "a decimal string" }) }),
  z.object({ type: z.literal("REG_BINARY"), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "base64" }) }),
  z.object({ type: z.literal("REG_NONE"), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "base64" }) }),
]);
export type RegValue = z.infer<typeof RegValueSchema>;
/** Setting REG_NONE is not offered. */
export const RegSettableValueSchema = RegValueSchema.refine((v) => v.type !== "REG_NONE", { message: "REG_NONE cannot be set" });

/** `HKLM\…`, `HKEY_LOCAL_MACHINE\…` and the other hives. */
const regKey = nonEmpty(1024).refine((s) => /^(HKLM|HKCU|HKCR|HKU|HKCC|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG)(\\.*)?$/i.test(s), {
  message: "must start with a hive such as HKLM\\",
});
const regView = z.enum(["64", "32"]).optional();

export const FILE_ENCODINGS = ["utf8", "cp932", "binary"] as const;
export const FileEncodingSchema = z.enum(FILE_ENCODINGS);

export const FILE_RIGHTS = ["FullControl", "Modify", "ReadAndExecute", "Read", "Write", "ListDirectory"] as const;
export const AclRuleSchema = z.object({
  /** A named principal: `BUILTIN\Administrators`, `DOMAIN\user`, `NT AUTHORITY\SYSTEM`. */
  identity: nonEmpty(512),
  rights: z.array(z.enum(FILE_RIGHTS)).min(1),
  type: z.enum(["allow", "deny"]).default("allow"),
  /** Container + object inheritance (folders): the rule applies to everything below. */
  inherit: z.boolean().default(true),
});

export const HostsEntrySchema = z.object({ address: token, hostnames: z.array(token).min(1) });
export type HostsEntry = z.infer<typeof HostsEntrySchema>;

/** The CLUSTERPRO commands the agent will run (allow-list; argv is data). */
export const CLP_COMMANDS = ["clpcfctrl", "clpcl", "clpgrp", "clprsc", "clpstat", "clpmdstat", "clpmdctrl"] as const;

export const AgentOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("facts"), ...common }),
  z.object({ op: z.literal("service.query"), names: z.array(serviceName).min(1), ...common }),
  z.object({ op: z.literal("service.setStartup"), name: serviceName, startup: StartupTypeSchema, ...common }),
  z.object({ op: z.literal("service.start"), names: z.array(serviceName).min(1), timeoutSec: z.number().int().min(1).max(3600).default(60), ...common }),
  z.object({ op: z.literal("service.stop"), names: z.array(serviceName).min(1), timeoutSec: z.number().int().min(1).max(3600).default(60), ...common }),
  z.object({ op: z.literal("reg.query"), key: regKey, names: z.array(text(16383)).optional(), view: regView, ...common }),
  z.object({ op: z.literal("reg.set"), key: regKey, name: text(16383), value: RegSettableValueSchema, view: regView, ...common }),
  z.object({ op: z.literal("reg.deleteValue"), key: regKey, name: text(16383), view: regView, ...common }),
  z.object({ op: z.literal("reg.deleteSubkeys"), key: regKey, names: z.array(nonEmpty(255)).optional(), view: regView, ...common }),
  z.object({ op: z.literal("reg.export"), key: regKey, maxDepth: z.number().int().min(0).max(64).default(16), view: regView, ...common }),
  z.object({ op: z.literal("file.stat"), path: nonEmpty(), ...common }),
  z.object({ op: z.literal("file.read"), path: nonEmpty(), encoding: FileEncodingSchema.default("utf8"), ...common }),
  z.object({
    op: z.literal("file.write"),
    path: nonEmpty(),
    /** Text for utf8/cp932; base64 for binary. */
    content: z.string(),
    encoding: FileEncodingSchema.default("utf8"),
    createParents: z.boolean().default(false),
    /** POSIX permission bits in octal, e.g. "0644" (Windows ignores it). */
    mode: z.string().regex(/^0?[0-7]{3}$/).optional(),
    ...common,
  }),
  z.object({ op: z.literal("file.mkdir"), path: nonEmpty(), ...common }),
  z.object({ op: z.literal("file.move"), from: nonEmpty(), to: nonEmpty(), overwrite: z.boolean().default(false), ...common }),
  z.object({ op: z.literal("file.copy"), from: nonEmpty(), to: nonEmpty(), overwrite: z.boolean().default(false), ...common }),
  z.object({ op: z.literal("file.delete"), path: nonEmpty(), recursive: z.boolean().default(false), ...common }),
  z.object({ op: z.literal("acl.get"), path: nonEmpty(), ...common }),
  z.object({
    op: z.literal("acl.set"),
    path: nonEmpty(),
    rules: z.array(AclRuleSchema).min(1),
    /** Remove the explicit rules of each named identity before adding the given ones. */
    replace: z.boolean().default(false),
    ...common,
  }),
  z.object({ op: z.literal("hosts.get"), ...common }),
  z.object({
    op: z.literal("hosts.set"),
    /** Each address gets exactly this line (its first line is replaced in place, later duplicates removed). */
    entries: z.array(HostsEntrySchema).default([]),
    /** Lines for these addresses are removed. */
    removeAddresses: z.array(token).default([]),
    ...common,
  }),
  z.object({ op: z.literal("nic.setEnabled"), name: nonEmpty(256).refine((s) => !/[\r\n]/.test(s), { message: "no line break" }), enabled: z.boolean(), ...common }),
  z.object({
    op: z.literal("clp"),
    command: z.enum(CLP_COMMANDS),
    args: z.array(text(8191)).default([]),
    timeoutSec: z.number().int().min(1).max(86400).default(600),
    /** How the command's output is decoded: Japanese Windows consoles write CP932. */
    encoding: z.enum(["utf8", "cp932"]).default("utf8"),
    /**
     * A gate: an exit code other than 0 makes the op fail (code "exit-nonzero", the message carries the exit code
     * and the start of the output), so that with stopOnError the rest of the batch is skipped.
     */
    requireExitZero: z.boolean().optional(),
    ...common,
  }),
  /**
   * Takes a lock folder with its `owner` file in one atomic step (the folder is built under a temporary name beside
   * it and renamed into place). A held lock fails the op with code "locked" (the message names the holder and the
   * folder's age). A lock whose folder is older than staleAfterSec (measured on the node from the folder's time,
   * whatever its owner file says) is broken first, and the value says so.
   */
  z.object({ op: z.literal("lock.acquire"), path: nonEmpty(), owner: nonEmpty(1024).refine((s) => !/[\r\n]/.test(s), { message: "one line" }), staleAfterSec: z.number().int().min(1).max(86400 * 7), ...common }),
  /** Removes the lock folder only when its owner file holds exactly `owner` (never someone else's lock). */
  z.object({ op: z.literal("lock.release"), path: nonEmpty(), owner: nonEmpty(1024), ...common }),
  /** SHA-256 of a file; with `expect` (hex digest, or "absent") a different answer fails the op with code "mismatch". */
  z.object({ op: z.literal("file.sha256"), path: nonEmpty(), expect: z.string().regex(/^([0-9a-f]{64}|absent)$/).optional(), ...common }),
  /**
   * Windows only (read-only): the node's volumes that have a drive letter, each with its volume GUID in clp.conf's
   * form (a Windows mirror disk's per-server `volumeguid` / `cpvolumeguid`). The POSIX agent answers "unsupported".
   */
  z.object({ op: z.literal("volume.list"), ...common }),
]);

/** An operation as callers write it (defaults may be omitted). */
export type AgentOpInput = z.input<typeof AgentOpSchema>;
/** An operation after validation (defaults filled in). */
export type AgentOp = z.output<typeof AgentOpSchema>;
export type AgentOpName = AgentOp["op"];
export type AgentOpOf<N extends AgentOpName> = Extract<AgentOp, { op: N }>;

/** Every op name, in schema order (the scripts must handle each one). */
export const AGENT_OP_NAMES: readonly AgentOpName[] = AgentOpSchema.options.map((o) => o.shape.op.value);

/** Options of one agent run. */
export interface AgentRunOptions {
  /**
   * POSIX agent only, for tests: file and hosts operations run inside this directory (paths are prefixed with it,
   * /etc/hosts becomes <root>/etc/hosts, facts read <root>/etc/os-release and <root>/opt/nec/clusterpro), and
   * <root>/bin is put first on PATH so fake systemctl/ip/clp* commands can stand in for real ones.
   */
  root?: string;
}

// ---------- results (public shapes) ----------

export const AgentErrorSchema = z.object({ code: z.string(), message: z.string() });
export type AgentError = z.infer<typeof AgentErrorSchema>;

export const ServiceInfoSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  startup: StartupTypeSchema.or(z.literal("other")).optional(),
  state: ServiceStateSchema.optional(),
});

export const FileStatSchema = z.object({
  exists: z.boolean(),
  type: z.enum(["file", "directory", "symlink", "other"]).optional(),
  size: z.number().optional(),
  mtimeMs: z.number().optional(),
  /** POSIX permission bits, octal string, e.g. "644". */
  mode: z.string().optional(),
  owner: z.string().optional(),
  group: z.string().optional(),
});

export const RegValueNamedSchema = z.intersection(z.object({ name: z.string() }), RegValueSchema);
export type RegValueNamed = z.infer<typeof RegValueNamedSchema>;
export interface RegTree {
  key: string;
  values: RegValueNamed[];
  subkeys: RegTree[];
}
export const RegTreeSchema: z.ZodType<RegTree> = z.lazy(() => z.object({ key: z.string(), values: z.array(RegValueNamedSchema), subkeys: z.array(RegTreeSchema) }));

export const AclEntrySchema = z.object({
  identity: z.string(),
  rights: z.string(),
  type: z.enum(["allow", "deny"]),
  inherited: z.boolean(),
  inheritance: z.string(),
  propagation: z.string(),
});

/** A volume GUID as clp.conf writes it: lower-case hex, no braces. */
export const VOLUME_GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const VolumeInfoSchema = z.object({
  /** The drive letter, upper-case, without a colon: "E". */
  letter: z.string().regex(/^[A-Z]$/),
  /** The volume GUID in clp.conf's form (lower-case, no braces). */
  guid: z.string().regex(VOLUME_GUID_RE, { message: "a volume GUID in lower case without braces" }),
  /** "NTFS", "ReFS"…; null for a volume without a file system (a mirror disk's cluster partition is RAW). */
  fileSystem: z.string().nullable(),
  /** Capacity in bytes; null when the OS does not tell. */
  sizeBytes: z.number().nullable(),
});
export type VolumeInfo = z.infer<typeof VolumeInfoSchema>;

/**
 * A volume as the Windows agent reports it (Win32_Volume: DeviceID `\\?\Volume{GUID}\`, DriveLetter `E:`), turned
 * into the public shape: letter "E", GUID lower-case without braces. Returns undefined for a volume without a drive
 * letter or whose DeviceID is not a volume GUID path.
 */
export function volumeFromWin32(v: { deviceId: string; driveLetter: string | null; fileSystem?: string | null; capacity?: number | string | null }): VolumeInfo | undefined {
  const letter = /^([A-Za-z]):?\\?$/.exec(v.driveLetter ?? "")?.[1]?.toUpperCase();
  const guid = /^\\\\\?\\Volume\{([0-9A-Fa-f-]{36})\}\\?$/.exec(v.deviceId)?.[1]?.toLowerCase();
  if (!letter || !guid || !VOLUME_GUID_RE.test(guid)) return undefined;
  const size = v.capacity === null || v.capacity === undefined || v.capacity === "" ? null : Number(v.capacity);
  return { letter, guid, fileSystem: v.fileSystem ? String(v.fileSystem) : null, sizeBytes: size !== null && Number.isFinite(size) ? size : null };
}

/** The value each op answers on success (public shape, after the TS side decoded bytes). */
export const AgentValueSchemas = {
  facts: z.object({
    hostname: z.string(),
    os: z.object({ family: z.enum(["windows", "linux"]), name: z.string(), version: z.string() }),
    clusterpro: z.object({ installed: z.boolean(), version: z.string().nullable(), installPath: z.string().nullable() }),
    /** Windows: Active Directory domain membership (Win32_ComputerSystem); null where the agent does not tell (POSIX). */
    domain: z.object({ member: z.boolean(), name: z.string().nullable() }).nullable().optional(),
    /**
     * Windows: the folders a product's paths are written with, by environment variable name (ProgramFiles — the
     * native folder even from a 32-bit host —, ProgramFiles(x86), ProgramW6432, ProgramData, SystemRoot,
     * SystemDrive); a variable the node does not define is absent. Not sent by the POSIX agent.
     */
    env: z.record(z.string(), z.string()).nullable().optional(),
  }),
  "service.query": z.object({ services: z.array(ServiceInfoSchema) }),
  "service.setStartup": z.object({ name: z.string(), changed: z.boolean() }),
  "service.start": z.object({ services: z.array(z.object({ name: z.string(), state: ServiceStateSchema })) }),
  "service.stop": z.object({ services: z.array(z.object({ name: z.string(), state: ServiceStateSchema })) }),
  "reg.query": z.object({ exists: z.boolean(), values: z.array(RegValueNamedSchema), subkeys: z.array(z.string()) }),
  "reg.set": z.object({ changed: z.boolean() }),
  "reg.deleteValue": z.object({ deleted: z.boolean() }),
  "reg.deleteSubkeys": z.object({ deleted: z.array(z.string()) }),
  "reg.export": z.object({ exists: z.boolean(), tree: RegTreeSchema.nullable() }),
  "file.stat": FileStatSchema,
  "file.read": z.object({ content: z.string(), encoding: FileEncodingSchema, size: z.number() }),
  "file.write": z.object({ changed: z.boolean() }),
  "file.mkdir": z.object({ created: z.boolean() }),
  "file.move": z.object({ moved: z.boolean() }),
  "file.copy": z.object({ copied: z.boolean() }),
  "file.delete": z.object({ deleted: z.boolean() }),
  "acl.get": z.object({ owner: z.string(), protected: z.boolean(), rules: z.array(AclEntrySchema) }),
  "acl.set": z.object({ changed: z.boolean() }),
  "hosts.get": z.object({ entries: z.array(HostsEntrySchema) }),
  "hosts.set": z.object({ changed: z.boolean() }),
  "nic.setEnabled": z.object({ name: z.string(), changed: z.boolean() }),
  clp: z.object({ exitCode: z.number(), stdout: z.string(), stderr: z.string() }),
  "lock.acquire": z.object({ acquired: z.literal(true), broken: z.object({ owner: z.string(), ageSec: z.number() }).nullable() }),
  "lock.release": z.object({ released: z.boolean() }),
  "file.sha256": z.object({ exists: z.boolean(), sha256: z.string().nullable() }),
  "volume.list": z.object({ volumes: z.array(VolumeInfoSchema) }),
} satisfies Record<AgentOpName, z.ZodType>;

export type AgentValue<N extends AgentOpName> = z.infer<(typeof AgentValueSchemas)[N]>;

export type AgentResultOf<N extends AgentOpName> = { op: N; ok: true; value: AgentValue<N> } | { op: N; ok: false; error: AgentError };
/** One result per op, in the order of the ops. `op` repeats the op's name. */
export type AgentResult = { [N in AgentOpName]: AgentResultOf<N> }[AgentOpName];

/** Thrown by resultValue when the op failed (or the result belongs to another op). */
export class AgentOpError extends Error {
  constructor(
    readonly op: AgentOpName,
    readonly code: string,
    message: string,
  ) {
    super(`${op}: ${code}: ${message}`);
    this.name = "AgentOpError";
  }
}

/** The typed value of a successful result of op `op`; throws AgentOpError for a failed one. */
export function resultValue<N extends AgentOpName>(r: AgentResult, op: N): AgentValue<N> {
  if (r.op !== op) throw new AgentOpError(op, "mismatch", `the result belongs to op ${r.op}`);
  if (!r.ok) throw new AgentOpError(op, r.error.code, r.error.message);
  return r.value as AgentValue<N>;
}

/** Error codes the agents use. */
export const AGENT_ERROR_CODES = [
  "bad-request", // a required field is missing or invalid
  "unknown-op", // the script does not know this op
  "unsupported", // the op does not exist on this OS (registry/ACL on Linux)
  "protocol", // protocol version mismatch
  "not-found", // path, key, service, interface or command not found
  "exists", // the target exists and overwrite was not set
  "refused", // file.copy/file.move: overwrite would replace a directory with a file or delete a non-empty directory
  "timeout",
  "failed", // the OS refused or the command failed
  "skipped", // not run because an earlier op with stopOnError failed
  "exit-nonzero", // a clp op with requireExitZero exited with another code
  "locked", // lock.acquire: the lock is held and not stale
  "mismatch", // file.sha256: the file is not what `expect` says
] as const;

/** Validates ops (throws a zod error with paths like `2.path`). */
export function validateOps(ops: readonly AgentOpInput[]): AgentOp[] {
  return z.array(AgentOpSchema).parse(ops);
}
