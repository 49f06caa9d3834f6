// How the provider reaches a node: WinRM (Windows) or SSH (Linux, or Windows with OpenSSH).
// Passwords and keys are secret inputs; nothing here is ever logged.
import { z } from "zod";
import { hostName, port, safeText, serverName } from "./common";
import type { DocumentedShape } from "./docs";

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const CERT_SHA256 = /^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$/;

/** How to reach a Windows node over WinRM. */
export interface WinRmConnectionDocs {
  /** "winrm". */
  transport?: unknown;
  /** The node's address or DNS name. */
  host?: unknown;
  /** Default 5986 with HTTPS, 5985 without. */
  port?: unknown;
  /** HTTPS with certificate verification (default true). Over HTTP, NTLM encrypts every message. */
  https?: unknown;
  /** "ntlm" (default over HTTP) or "basic" (default over HTTPS; refused over HTTP). */
  auth?: unknown;
  /** The Windows account (an administrator of the node). */
  username?: unknown;
  /** Give it as a secret (`config.requireSecret`). */
  password?: unknown;
  /** PEM of the CA or the self-signed certificate to trust for HTTPS. */
  caCertPem?: unknown;
  /** SHA-256 fingerprint of the server certificate to pin (hex, with or without colons). */
  certificateSha256?: unknown;
  /** Skip certificate verification (explicit opt-in; default false). */
  insecureSkipVerify?: unknown;
}

export const WinRmConnectionSchema = z
  .strictObject({
    transport: z.literal("winrm"),
    host: hostName,
    port: port.optional(),
    https: z.boolean().default(true),
    auth: z.enum(["ntlm", "basic"]).optional(),
    username: safeText({ min: 1, max: 256 }),
    password: z.string().min(1, "must not be empty"),
    caCertPem: z.string().includes("BEGIN CERTIFICATE", { message: "must be a PEM certificate" }).optional(),
    certificateSha256: z.string().regex(CERT_SHA256, "must be a SHA-256 fingerprint: 64 hex digits, colons allowed").optional(),
    insecureSkipVerify: z.boolean().default(false),
  } satisfies DocumentedShape<WinRmConnectionDocs>)
  .refine((c) => !(c.https === false && c.auth === "basic"), { message: "basic authentication sends the password in clear over HTTP: use https: true or auth: \"ntlm\"", path: ["auth"] })
  .refine((c) => !(c.insecureSkipVerify && (c.caCertPem || c.certificateSha256)), { message: "insecureSkipVerify cannot be combined with caCertPem or certificateSha256", path: ["insecureSkipVerify"] })
  // Certificate settings mean nothing over plain HTTP (no TLS): refuse them rather than let a user
  // believe the connection is pinned. NTLM seals every message over HTTP instead.
  .superRefine((c, ctx) => {
    if (c.https !== false) return;
    for (const field of ["caCertPem", "certificateSha256", "insecureSkipVerify"] as const) {
      if (c[field]) ctx.addIssue({ code: "custom", path: [field], message: `applies to HTTPS only, but https: false (plain HTTP has no certificate to check): remove ${field} or set https: true` });
    }
  });

/** How to reach a node over SSH (Linux, or Windows with OpenSSH). */
export interface SshConnectionDocs {
  /** "ssh". */
  transport?: unknown;
  /** The node's address or DNS name. */
  host?: unknown;
  /** Default 22. */
  port?: unknown;
  /** The account the provider logs in as (root, or one that may run CLUSTERPRO's commands). */
  username?: unknown;
  /** Give it as a secret; a password or a privateKey is required. */
  password?: unknown;
  /** OpenSSH or PEM private key, as a secret. */
  privateKey?: unknown;
  /** Pinned host key as `ssh-keygen -lf` prints it: SHA256:<43 base64 characters>. */
  hostKeyFingerprint?: unknown;
  /** Accept a host key that is not pinned (explicit opt-in; default false). */
  acceptUnknownHostKey?: unknown;
  /** "linux" (default) or "windows" (Windows OpenSSH, which runs the PowerShell agent). */
  os?: unknown;
}

export const SshConnectionSchema = z
  .strictObject({
    transport: z.literal("ssh"),
    host: hostName,
    port: port.default(22),
    username: safeText({ min: 1, max: 256 }),
    password: z.string().min(1, "must not be empty").optional(),
    privateKey: z.string().includes("PRIVATE KEY", { message: "must be an OpenSSH or PEM private key" }).optional(),
    hostKeyFingerprint: z.string().regex(FINGERPRINT, "must look like SHA256:<43 base64 characters>, as ssh-keygen -l prints it").optional(),
    acceptUnknownHostKey: z.boolean().default(false),
    os: z.enum(["linux", "windows"]).default("linux"),
  } satisfies DocumentedShape<SshConnectionDocs>)
  .refine((c) => c.password !== undefined || c.privateKey !== undefined, { message: "give a password or a privateKey", path: ["password"] })
  .refine((c) => c.hostKeyFingerprint !== undefined || c.acceptUnknownHostKey, { message: "pin the host key (hostKeyFingerprint) or set acceptUnknownHostKey: true", path: ["hostKeyFingerprint"] });

export const ConnectionSchema = z.discriminatedUnion("transport", [WinRmConnectionSchema, SshConnectionSchema]);
export type Connection = z.input<typeof ConnectionSchema>;
export type ResolvedConnection = z.output<typeof ConnectionSchema>;

/** A server of a cluster and how to reach it. */
export interface NodeArgsDocs {
  /** The node's host name in lower case: CLUSTERPRO's name for the server. */
  hostname?: unknown;
  /** How the provider reaches the node: WinRM or SSH. */
  connection?: unknown;
}

export const NodeArgsSchema = z.strictObject({ hostname: serverName, connection: ConnectionSchema } satisfies DocumentedShape<NodeArgsDocs>);
