// Field validators shared by the resources' args: one place for what an IP address, a CLUSTERPRO
// object name or a server name may be, each with a one-line reason users see with the field path.
import * as net from "node:net";
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

/** A Windows drive letter with its colon ("E:"). */
export const driveLetter = z
  .string()
  .regex(/^[A-Za-z]:\\?$/, "must be a drive letter such as E:")
  .transform((s) => `${s[0].toUpperCase()}:`);

/** A host to connect to: an IP address or a DNS name. */
export const hostName = z
  .string()
  .min(1, "must not be empty")
  .refine((s) => net.isIP(s) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(s), {
    message: "must be an IP address or a DNS name",
  });

export const port = z.number().int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535");

/** The worst apply method a stack may use, in order of disruption. */
export const APPLY_METHODS = ["upload", "suspend", "group", "cluster", "reboot"] as const;
export const applyMethod = z.enum(APPLY_METHODS);
export type ApplyMethodName = z.infer<typeof applyMethod>;
