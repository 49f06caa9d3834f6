// The SDK's argument types are the schemas' input types plus only what a schema cannot hold (the group or cluster a
// resource belongs to, its Nodes, adopt), and each field's documentation comes from the schema's docs interface.
// The type assertions below are checked by `tsc -p .` (this file is part of the project); the tests compile this file
// with the TypeScript compiler so that `mocha` fails too when a schema and its SDK type diverge, and read each SDK
// argument's documentation as an editor shows it.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as ts from "typescript";
import type { z } from "zod";
import type { Output } from "@pulumi/pulumi";
import type * as sdk from "../../sdk";
import type { GroupMemberArgs } from "../../sdk/failover-group";
import type { MonitorPlacementArgs } from "../../sdk/monitors";
import type { NetworkPartitionArgs } from "../../sdk/cluster";
import type * as cluster from "../../sdk/schemas/cluster";
import type * as connection from "../../sdk/schemas/connection";
import type * as monitors from "../../sdk/schemas/monitors";
import type * as storage from "../../sdk/schemas/storage";
import type { InstallFolderSchema, ProductId, ProductSettings, SharedFolderSchema } from "../../provider/products/settings";
import type * as productInstall from "../../sdk/schemas/product-install";
import type { ProductInstallInputs } from "../../provider/resources/product-install";

/** `true` when A and B accept the same values (mutually assignable). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Exactly equal (also for key unions). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_proof?: T): void {}

/** The fields a schema holds, and what the SDK type adds to them. */
type Own<Args, Refs extends PropertyKey> = Omit<Args, Refs>;
type Added<Args, S extends z.ZodType> = Exclude<keyof Args, keyof z.input<S>>;

// Each resource: its own fields accept what its schema accepts, no more and no less; the SDK adds only references.
expectTrue<Same<Own<sdk.FloatingIpArgs, keyof GroupMemberArgs>, z.input<typeof cluster.FloatingIpArgsSchema>>>();
expectTrue<Equal<Added<sdk.FloatingIpArgs, typeof cluster.FloatingIpArgsSchema>, "group" | "adopt">>();
expectTrue<Same<Own<sdk.MirrorDiskArgs, keyof GroupMemberArgs>, z.input<typeof cluster.MirrorDiskArgsSchema>>>();
expectTrue<Equal<Added<sdk.MirrorDiskArgs, typeof cluster.MirrorDiskArgsSchema>, "group" | "adopt">>();
expectTrue<Same<Own<sdk.SharedDiskArgs, keyof GroupMemberArgs>, z.input<typeof storage.SharedDiskArgsSchema>>>();
expectTrue<Equal<Added<sdk.SharedDiskArgs, typeof storage.SharedDiskArgsSchema>, "group" | "adopt">>();
expectTrue<Same<sdk.HbaFilterArgs, z.input<typeof storage.HbaFilterSchema>>>();
expectTrue<Same<Own<sdk.VirtualComputerNameArgs, keyof GroupMemberArgs>, z.input<typeof storage.VirtualComputerNameArgsSchema>>>();
expectTrue<Equal<Added<sdk.VirtualComputerNameArgs, typeof storage.VirtualComputerNameArgsSchema>, "group" | "adopt">>();
expectTrue<Same<Own<sdk.VolumeManagerArgs, keyof GroupMemberArgs>, z.input<typeof monitors.VolumeManagerArgsSchema>>>();
expectTrue<Equal<Added<sdk.VolumeManagerArgs, typeof monitors.VolumeManagerArgsSchema>, "group" | "adopt">>();
expectTrue<Same<Own<sdk.CustomMonitorArgs, keyof MonitorPlacementArgs>, z.input<typeof monitors.CustomMonitorArgsSchema>>>();
expectTrue<Equal<Added<sdk.CustomMonitorArgs, typeof monitors.CustomMonitorArgsSchema>, "group" | "cluster" | "adopt">>();
expectTrue<Same<Own<sdk.IpMonitorArgs, keyof MonitorPlacementArgs>, z.input<typeof monitors.IpMonitorArgsSchema>>>();
expectTrue<Same<Own<sdk.NicLinkMonitorArgs, keyof MonitorPlacementArgs>, z.input<typeof monitors.NicLinkMonitorArgsSchema>>>();
expectTrue<Same<Own<sdk.MonitorArgsBase, keyof MonitorPlacementArgs>, z.input<typeof monitors.MonitorCommonSchema>>>();
expectTrue<Same<Own<sdk.FailoverGroupArgs, "cluster" | "adopt">, z.input<typeof cluster.FailoverGroupArgsSchema>>>();
expectTrue<Equal<Added<sdk.FailoverGroupArgs, typeof cluster.FailoverGroupArgsSchema>, "cluster" | "adopt">>();
expectTrue<Same<sdk.GroupResourceArgs, z.input<typeof cluster.GroupResourceSchema>>>();
expectTrue<Same<sdk.InterconnectArgs, z.input<typeof cluster.InterconnectSchema>>>();
expectTrue<Same<NetworkPartitionArgs, z.input<typeof cluster.NetworkPartitionSchema>>>();
// The Cluster takes its servers as Nodes (the schema: their names); everything else is the schema's.
expectTrue<Same<Own<sdk.ClusterArgs, "servers">, Omit<z.input<typeof cluster.ClusterArgsSchema>, "servers">>>();
expectTrue<Equal<keyof sdk.ClusterArgs, keyof z.input<typeof cluster.ClusterArgsSchema>>>();
expectTrue<Equal<sdk.ClusterArgs["servers"], sdk.Node[]>>();
// A Node's connection fields may be Outputs (secrets from config): every plain value the schema accepts is accepted,
// with the same fields; transport (and the SSH os, read while the program runs) stay plain.
expectTrue<Same<z.input<typeof connection.ConnectionSchema> extends sdk.ConnectionArgs ? true : false, true>>();
expectTrue<Equal<keyof sdk.WinRmConnectionArgs, keyof z.input<typeof connection.WinRmConnectionSchema>>>();
expectTrue<Equal<keyof sdk.SshConnectionArgs, keyof z.input<typeof connection.SshConnectionSchema>>>();
expectTrue<Equal<keyof sdk.NodeArgs, keyof z.input<typeof connection.NodeArgsSchema>>>();
expectTrue<Equal<sdk.SshConnectionArgs["os"], "linux" | "windows" | undefined>>();
// ProductInstall: settings per product, folders as their schemas take them.
expectTrue<Equal<NonNullable<Extract<sdk.ProductInstallArgs<"printport-acos4">, { product: "printport-acos4" }>["settings"]>, z.input<(typeof import("../../provider/products/settings"))["productSettingsSchemas"]["printport-acos4"]>>>();
expectTrue<Equal<NonNullable<sdk.ProductInstallArgs["sharedFolder"]>, z.input<typeof SharedFolderSchema>>>();
expectTrue<Equal<NonNullable<sdk.ProductInstallArgs["installFolder"]>, z.input<typeof InstallFolderSchema>>>();
// …the fields of ProductInstallArgsSchema, plus only the group and the version the SDK resolves into the catalog key.
expectTrue<Equal<Exclude<keyof sdk.ProductInstallArgs, "group" | "version">, keyof z.input<typeof productInstall.ProductInstallArgsSchema>>>();
// The provider takes the same schema's output: the product a catalog key, settings per product with their defaults.
expectTrue<Equal<ProductInstallInputs["product"], ProductId>>();
expectTrue<Equal<Extract<ProductInstallInputs, { product: "esmpro-servermanager" }>["settings"], ProductSettings["esmpro-servermanager"]>>();
expectTrue<Equal<Extract<ProductInstallInputs, { product: "printport-acos4" }>["settings"], ProductSettings["printport-acos4"]>>();
expectTrue<Equal<ProductInstallInputs["sharedFolder"], z.output<typeof SharedFolderSchema> | undefined>>();
// Each docs interface documents exactly its schema's fields.
expectTrue<Equal<keyof cluster.FloatingIpArgsDocs, keyof z.input<typeof cluster.FloatingIpArgsSchema>>>();
expectTrue<Equal<keyof cluster.MirrorDiskArgsDocs, keyof z.input<typeof cluster.MirrorDiskArgsSchema>>>();
expectTrue<Equal<keyof cluster.ClusterArgsDocs, keyof z.input<typeof cluster.ClusterArgsSchema>>>();
expectTrue<Equal<keyof cluster.FailoverGroupArgsDocs, keyof z.input<typeof cluster.FailoverGroupArgsSchema>>>();
expectTrue<Equal<keyof storage.SharedDiskArgsDocs, keyof z.input<typeof storage.SharedDiskArgsSchema>>>();
expectTrue<Equal<keyof monitors.CustomMonitorArgsDocs, keyof z.input<typeof monitors.CustomMonitorArgsSchema>>>();
expectTrue<Equal<keyof connection.WinRmConnectionDocs, keyof z.input<typeof connection.WinRmConnectionSchema>>>();
expectTrue<Equal<Exclude<keyof productInstall.ProductInstallArgsDocs, "version">, keyof z.input<typeof productInstall.ProductInstallArgsSchema>>>();

// What a program may and may not write (each @ts-expect-error fails the compile when the line becomes valid).
export function examples(group: sdk.FailoverGroup, secret: Output<string>, linux: Output<"linux">): unknown[] {
  return [
    { hostname: "server01", connection: { transport: "winrm", host: "192.168.1.10", username: "Administrator", password: secret } } satisfies sdk.NodeArgs,
    { hostname: "server01", connection: { transport: "ssh", host: "node1", username: "root", privateKey: secret, acceptUnknownHostKey: true, os: "linux" } } satisfies sdk.NodeArgs,
    // @ts-expect-error the SSH os is read while the program runs: a plain value, not an Output
    { hostname: "server01", connection: { transport: "ssh", host: "node1", username: "root", password: secret, os: linux } } satisfies sdk.NodeArgs,
  { group, name: "fip1", address: "192.168.1.14" } satisfies sdk.FloatingIpArgs,
  { group, name: "fip1", address: "192.168.1.14", monitor: { intervalSeconds: 30, finalAction: "stopGroup" } } satisfies sdk.FloatingIpArgs,
  // A product the catalog has only as versions is named with its version (docs/resources/product-install.md).
  { group, product: "esmpro-appmanager", version: "4", settings: { appManagerVersion: "4.0", clusterproVersion: "7.0", role: "agent" } } satisfies sdk.ProductInstallArgs,
  { group, product: "esmpro-servermanager", version: "legacy" } satisfies sdk.ProductInstallArgs,
  // @ts-expect-error such a product has no default version: version is required
  { group, product: "esmpro-appmanager" } satisfies sdk.ProductInstallArgs,
  // @ts-expect-error not a catalog product
  { group, product: "esmpro-nosuch", version: "1" } satisfies sdk.ProductInstallArgs,
  // @ts-expect-error monitor is true, false or a tuning object (the schema's `unknown` must not leak into the type)
  { group, name: "fip1", address: "192.168.1.14", monitor: "yes" } satisfies sdk.FloatingIpArgs,
  // @ts-expect-error a strict schema: a misspelt field is refused by the type too
  { group, name: "fip1", adress: "192.168.1.14" } satisfies sdk.FloatingIpArgs,
  // @ts-expect-error fileSystem is one of the schema's enum
  { group, name: "md1", dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1", mirrorConnects: ["mdc1"], mountPoint: "/mnt/md1", fileSystem: "ntfs" } satisfies sdk.MirrorDiskArgs,
  // @ts-expect-error a group resource needs the fields of its type
  { type: "service", name: "svc" } satisfies sdk.GroupResourceArgs,
  // @ts-expect-error restartLimit is a number
  { group, name: "genw1", script: "exit 0", restartLimit: "3" } satisfies sdk.CustomMonitorArgs,
  ];
}

/** The documentation an editor shows for a property of an SDK type (through intersections and mapped types). */
function docsOf(checker: ts.TypeChecker, type: ts.Type, property: string): string {
  const symbol = checker.getPropertyOfType(type, property);
  assert.ok(symbol, `no property ${property}`);
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

describe("sdk types: derived from the schemas", function () {
  this.timeout(180_000); // the compiler loads @pulumi/pulumi's and zod's declarations
  let program: ts.Program;
  const self = path.join(__dirname, "sdk-types.test.ts");
  before(() => {
    const configPath = path.join(__dirname, "..", "..", "tsconfig.json");
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    assert.ok(config);
    program = ts.createProgram({ rootNames: [self], options: { ...config.options, noEmit: true } });
  });

  it("this file's assertions hold: every SDK argument type accepts what its schema accepts, and only that", () => {
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(self));
    assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), []);
  });

  it("every field a program writes is documented, as an editor shows it", () => {
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(path.join(__dirname, "..", "..", "sdk", "index.ts"));
    assert.ok(index);
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!);
    const argTypes = exports.filter((s) => /Args(Base)?$/.test(s.name) && s.name !== "ProbeArgs");
    assert.ok(argTypes.length >= 20, `found ${argTypes.map((s) => s.name).join(", ")}`);
    const undocumented: string[] = [];
    for (const s of argTypes) {
      const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(s));
      const members = type.isUnion() ? type.types : [type];
      for (const member of members) {
        for (const p of checker.getPropertiesOfType(member)) if (!docsOf(checker, member, p.name)) undocumented.push(`${s.name}.${p.name}`);
      }
    }
    assert.deepEqual(undocumented, []);
  });

  it("a field's documentation is its schema's docs interface, also through the Node connection's Outputs", () => {
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(self)!;
    const alias = (name: string) => {
      const sym = checker.getSymbolsInScope(file, ts.SymbolFlags.Alias).find((x) => x.name === "sdk");
      assert.ok(sym);
      const target = checker.getExportsOfModule(checker.getAliasedSymbol(sym)).find((x) => x.name === name);
      assert.ok(target, name);
      return checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(target));
    };
    assert.equal(docsOf(checker, alias("FloatingIpArgs"), "address"), "The floating IPv4 address, active on the node where the group runs.");
    assert.equal(docsOf(checker, alias("WinRmConnectionArgs"), "password"), "Give it as a secret (`config.requireSecret`).");
    assert.match(docsOf(checker, alias("ClusterArgs"), "maxDisruption"), /^The most disruptive apply method this stack may use/);
    assert.equal(docsOf(checker, alias("FailoverGroupArgs"), "cluster"), "The Cluster of this program the group belongs to.");
  });
});
