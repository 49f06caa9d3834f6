// Field validators shared by the resources' args: one place for what an IP address, a CLUSTERPRO
// object name or a server name may be, each with a one-line reason users see with the field path.
import * as net from "node:net";
import * as iconv from "iconv-lite";
import { z } from "zod";

/** A dotted-quad IPv4 address (CLUSTERPRO X floating IPs, interconnects and mirror connects are IPv4 here). */
export const ipv4 = z.string().refine((s) => net.isIPv4(s), { message: "must be an IPv4 address such as 192.168.1.14" });

/** IPv4 with an optional prefix length ("192.168.1.14" or "192.168.1.14/24"). */
export const ipv4WithPrefix = z.string().refine(
  (s) => {
    const [ip, prefix, extra] = s.split("/");
    return extra === undefined && net.isIPv4(ip) && (prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32));
  },
  { message: "must be an IPv4 address with an optional /prefix (0-32), such as 192.168.1.14/24" },
);

/**
 * A name of a cluster, group, resource or monitor. The product's exact limits are not public; we
 * enforce what its `type@name` addressing and real files need: letters, digits, '-', '_' and '.',
 * starting with a letter or digit, at most 31 characters (the length clpstat --long shows in full).
 */
export const objectName = z
  .string()
  .min(1, "must not be empty")
  .max(31, "must be at most 31 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit");

/** A server's name in the cluster: its host name in lower case, as CLUSTERPRO requires. */
export const serverName = z
  .string()
  .min(1, "must not be empty")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be the host name in lower case (letters, digits and '-')");

/** A Windows drive letter, given as "E:" or "E" (real files write both); read as "E:". */
export const driveLetter = z
  .string()
  .regex(/^[A-Za-z](:\\?)?$/, "must be a drive letter such as E: (or E, as real configurations write it)")
  .transform((s) => `${s[0].toUpperCase()}:`);

/** A host to connect to: an IP address or a DNS name. */
export const hostName = z
  .string()
  .min(1, "must not be empty")
  .refine((s) => net.isIP(s) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(s), {
    message: "must be an IP address or a DNS name",
  });

export const port = z.number().int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535");

const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 9: "TAB", 10: "LF", 13: "CR", 27: "ESC", 127: "DEL" };

/** "U+000A (LF)": how a character is named in an error (never the raw control character itself). */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = CONTROL_NAMES[cp];
  if (name) return `${hex} (${name})`;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? hex : `${hex} "${ch}"`;
}

/**
 * Why `s` may not reach clp.conf, a script or a command: the first C0/C1 control character (NUL,
 * ESC, …; XML 1.0 cannot even carry most of them), or a line break in a single-line value. Tab, CR
 * and LF are allowed in multi-line text (scripts). Undefined when the text is fine.
 */
export function controlCharacterReason(s: string, o: { multiline?: boolean } = {}): string | undefined {
  let index = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    if (control && !(o.multiline && (ch === "\t" || ch === "\r" || ch === "\n"))) {
      const at = `at character ${index + 1}`;
      if (!o.multiline && (ch === "\r" || ch === "\n")) return `must be a single line: line break ${describeCharacter(ch)} ${at}`;
      return `must not contain control characters: ${describeCharacter(ch)} ${at}${o.multiline ? " (only tab, CR and LF are allowed)" : ""}`;
    }
    index++;
  }
  return undefined;
}

/**
 * A string that reaches clp.conf, a script or a remote command: no NUL or other control characters
 * (single-line: no CR/LF/TAB either), and an optional length limit. Issues carry the field path.
 */
export function safeText(o: { multiline?: boolean; min?: number; max?: number } = {}) {
  let s = z.string();
  if (o.min !== undefined) s = s.min(o.min, o.min === 1 ? "must not be empty" : `must be at least ${o.min} characters`);
  if (o.max !== undefined) s = s.max(o.max, `must be at most ${o.max} characters`);
  return s.superRefine((v, ctx) => {
    const reason = controlCharacterReason(v, o);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
}

/** CLUSTERPRO's limit for a path in clp.conf (application start/stop path, mount point, …). */
export const MAX_PATH_CHARS = 1023;

/** Windows' limit for one component of a registry key path. */
export const MAX_REGISTRY_KEY_COMPONENT = 255;

/** Why a registry key path cannot be used: a component over Windows' 255 characters. */
export function registryKeyReason(key: string): string | undefined {
  const long = key.split("\\").findIndex((part) => part.length > MAX_REGISTRY_KEY_COMPONENT);
  if (long >= 0) return `key component ${long + 1} is ${key.split("\\")[long].length} characters; Windows allows at most ${MAX_REGISTRY_KEY_COMPONENT} per component`;
  if (key.split("\\").slice(1).some((part) => part === "")) return "must not contain an empty component (\\\\) or end with a backslash";
  return undefined;
}

/**
 * The first character of `s` that code page 932 (Shift_JIS as Windows writes it) cannot carry, or
 * undefined. Windows script resources are written in CP932; such a character would become "?".
 */
export function firstNonCp932Character(s: string): { ch: string; index: number } | undefined {
  if (/^[\x00-\x7f]*$/.test(s)) return undefined; // eslint-disable-line no-control-regex
  if (iconv.decode(iconv.encode(s, "cp932"), "cp932") === s) return undefined;
  let index = 0;
  for (const ch of s) {
    if ((ch.codePointAt(0) ?? 0) >= 0x80 && iconv.decode(iconv.encode(ch, "cp932"), "cp932") !== ch) return { ch, index };
    index++;
  }
  return undefined;
}

/** The worst apply method a stack may use, in order of disruption. */
export const APPLY_METHODS = ["upload", "suspend", "group", "cluster", "reboot"] as const;
/** Any apply method; the provider still reads "reboot" as a maxDisruption from states of earlier versions. */
export const applyMethod = z.enum(APPLY_METHODS);
export type ApplyMethodName = z.infer<typeof applyMethod>;

/**
 * The most disruptive apply method a stack may allow (Cluster.maxDisruption). "reboot" is not
 * offered: the provider never reboots servers, so a reboot-class change is always refused at
 * preview, with the steps to do by hand (docs/apply-methods.md).
 */
export const MAX_DISRUPTIONS = ["upload", "suspend", "group", "cluster"] as const;
export const maxDisruption = z.enum(MAX_DISRUPTIONS, {
  error: (issue) =>
    issue.input === "reboot"
      ? `"reboot" is not offered: the provider never reboots servers, so a reboot-class change is refused at preview with the steps to do by hand; the most a stack may allow is "cluster"`
      : `must be one of ${MAX_DISRUPTIONS.map((m) => `"${m}"`).join(", ")}`,
});
export type MaxDisruptionName = z.infer<typeof maxDisruption>;
