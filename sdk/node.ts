import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazy-provider";
import type { ArgsOf, ArgsReplacing } from "./schemas/docs";
import { NodeArgsSchema, type NodeArgsDocs, type SshConnectionDocs, type SshConnectionSchema, type WinRmConnectionDocs, type WinRmConnectionSchema } from "./schemas/connection";
import { validateArgs } from "./validate";

/** Each field may be an Output (a secret from config), except those the SDK reads while the program runs. */
type InputFields<T, Plain extends keyof T> = { [K in keyof T]: K extends Plain ? T[K] : pulumi.Input<Exclude<T[K], undefined>> };

/** How to reach a Windows node over WinRM (WinRmConnectionSchema). */
export type WinRmConnectionArgs = InputFields<ArgsOf<typeof WinRmConnectionSchema, WinRmConnectionDocs>, "transport">;

/** How to reach a node over SSH, Linux or Windows with OpenSSH (SshConnectionSchema). */
export type SshConnectionArgs = InputFields<ArgsOf<typeof SshConnectionSchema, SshConnectionDocs>, "transport" | "os">;

export type ConnectionArgs = WinRmConnectionArgs | SshConnectionArgs;

/** A Node's arguments (NodeArgsSchema). */
export type NodeArgs = ArgsReplacing<typeof NodeArgsSchema, NodeArgsDocs, { connection: ConnectionArgs }>;

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
