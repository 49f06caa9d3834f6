import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazy-provider";
import { serverName } from "./schemas/common";
import { ConnectionSchema } from "./schemas/connection";
import { validateArgs } from "./validate";
import { z } from "zod";

/** How to reach a Windows node over WinRM. */
export interface WinRmConnectionArgs {
  transport: "winrm";
  host: pulumi.Input<string>;
  /** Default 5986 with HTTPS, 5985 without. */
  port?: pulumi.Input<number>;
  /** HTTPS with certificate verification (default true). Over HTTP, NTLM encrypts every message. */
  https?: pulumi.Input<boolean>;
  /** "ntlm" (default over HTTP) or "basic" (default over HTTPS; refused over HTTP). */
  auth?: pulumi.Input<"ntlm" | "basic">;
  username: pulumi.Input<string>;
  /** Give it as a secret (`config.requireSecret`). */
  password: pulumi.Input<string>;
  /** PEM of the CA or the self-signed certificate to trust. */
  caCertPem?: pulumi.Input<string>;
  /** SHA-256 fingerprint of the server certificate to pin. */
  certificateSha256?: pulumi.Input<string>;
  /** Skip certificate verification (explicit opt-in; default false). */
  insecureSkipVerify?: pulumi.Input<boolean>;
}

/** How to reach a node over SSH (Linux, or Windows with OpenSSH). */
export interface SshConnectionArgs {
  transport: "ssh";
  host: pulumi.Input<string>;
  /** Default 22. */
  port?: pulumi.Input<number>;
  username: pulumi.Input<string>;
  password?: pulumi.Input<string>;
  privateKey?: pulumi.Input<string>;
  /** Pinned host key: SHA256:… as `ssh-keygen -l` prints it. */
  hostKeyFingerprint?: pulumi.Input<string>;
  /** Accept a host key that is not pinned (explicit opt-in; default false). */
  acceptUnknownHostKey?: pulumi.Input<boolean>;
  /** "linux" (default) or "windows" (Windows OpenSSH). */
  os?: "linux" | "windows";
}

export type ConnectionArgs = WinRmConnectionArgs | SshConnectionArgs;

export interface NodeArgs {
  /** The node's host name in lower case: CLUSTERPRO's name for the server. */
  hostname: string;
  connection: ConnectionArgs;
}

const NodeArgsSchema = z.strictObject({ hostname: serverName, connection: ConnectionSchema });

const provider = lazyProvider("node");

/** A server of a cluster and how to reach it. Creating it checks the host's name and its CLUSTERPRO install. */
export class Node extends pulumi.dynamic.Resource {
  /** The server's name in the cluster (plain, for the Cluster's args). */
  readonly serverName: string;
  /** "windows" or "linux", from the connection. */
  readonly serverOs: "windows" | "linux";
  /** @internal the connection, passed to the cluster's resources as a secret. */
  readonly connectionArgs: ConnectionArgs;
  declare readonly os: pulumi.Output<string>;
  declare readonly osName: pulumi.Output<string>;
  declare readonly clusterproVersion: pulumi.Output<string>;
  declare readonly clusterproInstallPath: pulumi.Output<string>;

  constructor(name: string, args: NodeArgs, opts?: pulumi.CustomResourceOptions) {
    validateArgs(NodeArgsSchema, args, "Node", name);
    super(provider, name, { hostname: args.hostname, connection: pulumi.secret(args.connection), os: undefined, osName: undefined, clusterproVersion: undefined, clusterproInstallPath: undefined }, opts, "clusterpro", "Node");
    this.serverName = args.hostname;
    this.serverOs = args.connection.transport === "winrm" ? "windows" : (args.connection.os ?? "linux");
    this.connectionArgs = args.connection;
    warnInsecureOptions(this, name, args.connection);
  }
}

/**
 * The explicit opt-outs of transport trust are allowed but never silent: each prints a warning in
 * `pulumi preview` and `up` (the program's log goes to the engine). A value still pending (an
 * Output) warns once it is known. The message names the option, never a secret.
 */
function warnInsecureOptions(resource: pulumi.Resource, name: string, c: ConnectionArgs): void {
  const options: [pulumi.Input<boolean> | undefined, string][] =
    c?.transport === "winrm"
      ? [[c.insecureSkipVerify, `Node "${name}": connection.insecureSkipVerify is true: the WinRM server's certificate is not verified, so anyone on the network path can impersonate it and receive the password. Pin it instead (caCertPem or certificateSha256).`]]
      : c?.transport === "ssh"
        ? [[c.acceptUnknownHostKey, `Node "${name}": connection.acceptUnknownHostKey is true: ${c.hostKeyFingerprint ? "the pinned hostKeyFingerprint still wins, so this option has no effect; remove it." : "any SSH host key is accepted, so a man in the middle can receive the credentials. Pin hostKeyFingerprint (ssh-keygen -lf on the server)."}`]]
        : [];
  for (const [value, message] of options) {
    if (value === true) pulumi.log.warn(message, resource);
    else if (pulumi.Output.isInstance(value)) value.apply((v) => (v === true ? pulumi.log.warn(message, resource) : undefined));
  }
}
