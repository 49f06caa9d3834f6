// One reused connection per node for the whole provider process (a WinRM shell or an SSH
// connection), keyed by where and as whom it connects. Passwords are part of the key only as a hash.
// The SSH and WinRM stacks are loaded when the first connection of their kind opens (a no-op preview opens none).
import { createHash } from "node:crypto";
import type { RemoteHost } from "../remote/types";
import type { ResolvedConnection } from "../../sdk/schemas/connection";

const ssh = (): typeof import("../remote/ssh") => require("../remote/ssh");
const winrm = (): typeof import("../remote/winrm") => require("../remote/winrm");

export interface NodeConnection {
  /** The node's server name in the cluster. */
  name: string;
  connection: ResolvedConnection;
}

const hosts = new Map<string, RemoteHost>();

function keyOf(n: NodeConnection): string {
  const c = n.connection;
  const secret = createHash("sha256").update(JSON.stringify(c)).digest("hex").slice(0, 16);
  return `${n.name}|${c.transport}|${c.host}|${c.port ?? ""}|${c.username}|${secret}`;
}

export function hostFor(n: NodeConnection): RemoteHost {
  const key = keyOf(n);
  let host = hosts.get(key);
  if (!host) {
    host = open(n);
    hosts.set(key, host);
  }
  return host;
}

function open({ name, connection: c }: NodeConnection): RemoteHost {
  if (c.transport === "ssh") {
    return ssh().createSshHost({
      name,
      os: c.os,
      host: c.host,
      port: c.port,
      username: c.username,
      password: c.password,
      privateKey: c.privateKey,
      hostKeyFingerprint: c.hostKeyFingerprint,
      acceptUnknownHostKey: c.acceptUnknownHostKey,
    });
  }
  const https = c.https;
  return new (winrm().WinRmClient)({
    name,
    host: c.host,
    port: c.port ?? (https ? 5986 : 5985),
    https,
    auth: { type: c.auth ?? (https ? "basic" : "ntlm"), username: c.username, password: c.password },
    ...(https ? { tls: { caPem: c.caCertPem, fingerprintSha256: c.certificateSha256, insecureSkipVerify: c.insecureSkipVerify } } : {}),
  });
}

/** Closes every connection (the provider process is about to exit, or a test is done). */
export async function closeAllHosts(): Promise<void> {
  const all = [...hosts.values()];
  hosts.clear();
  await Promise.allSettled(all.map((h) => h.close()));
}
