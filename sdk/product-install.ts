import * as pulumi from "@pulumi/pulumi";
import { productObjects } from "../provider/products/applier";
import { checkProductConstraints, parseProductInstall, renderValidInstall, type ProductId, type ProductSettingsInput, type ProductInstallFacts } from "../provider/products";
import type { z } from "zod";
import type { ProductFoldersSchema, ProductInstallArgsDocs } from "./schemas/product-install";
import type { FailoverGroup } from "./failover-group";
import { joinApply } from "./cluster";
import { lazyProvider } from "./lazy-provider";
import { InvalidArgsError, type ArgIssue } from "./validate";

export type { ProductInstallArgsDocs } from "./schemas/product-install";

/**
 * A ProductInstall's arguments. Field types come from the schemas the provider parses its inputs with
 * (sdk/schemas/product-install.ts, which parseProductInstall checks them against too): settings per product
 * (productSettingsSchemas, the input before defaults), sharedFolder and installFolder (ProductFoldersSchema); version
 * is a string the catalog resolves (catalogKey) before the provider sees the product.
 */
export type ProductInstallArgs<Id extends ProductId = ProductId> = {
  /** The FailoverGroup of this program the product is made cluster-aware in. */
  group: FailoverGroup;
} & z.input<typeof ProductFoldersSchema> & (
  | { product: Id; version?: string; settings?: ProductSettingsInput[Id] }
  // A product whose every catalog entry is a version ("esmpro-appmanager": "3.4", "4") is named with its version.
  | { [P in VersionOnlyProduct]: { product: P; version: string; settings?: ProductSettingsInput[Extract<ProductId, `${P}@${string}`>] } }[VersionOnlyProduct]
) &
  ProductInstallArgsDocs;

/** The products the catalog has only as "<product>@<version>" entries (no default version). */
type VersionOnlyProduct = Exclude<ProductBase<ProductId>, ProductId>;
type ProductBase<K> = K extends `${infer Base}@${string}` ? Base : never;

const provider = lazyProvider("product-install");

/**
 * Makes a product cluster-aware in a failover group, as its manual says: services to Manual on every
 * node, work folders moved to the shared disk on the active node, the standby's copy deleted,
 * registry values repointed, keys under registry synchronization, service resources chained in the
 * documented start order, monitors. Installs of one group start in the order they are declared.
 */
export class ProductInstall extends pulumi.dynamic.Resource {
  declare readonly applyMethod: pulumi.Output<string>;
  /** The service resources this install contributed to the group, in start order. */
  declare readonly serviceResources: pulumi.Output<string[]>;
  /** What the manual says to do by hand (shown, never done by the provider). */
  declare readonly manualSteps: pulumi.Output<string[]>;

  constructor(name: string, args: ProductInstallArgs, opts?: pulumi.CustomResourceOptions) {
    const { group } = args;
    const issues: ArgIssue[] = [];
    if (!group?.cluster) throw new InvalidArgsError("ProductInstall", name, [{ property: "group", reason: "must be a FailoverGroup of this program" }]);
    const cluster = group.cluster;
    if (cluster.target.serverOs !== "windows" && args.product !== "deploymentmanager-hpux") issues.push({ property: "product", reason: `${args.product} installs on Windows servers; cluster ${cluster.target.clusterName} is Linux` });
    const parsed = parseProductInstall({ product: args.product, version: args.version, settings: args.settings, sharedFolder: args.sharedFolder, installFolder: args.installFolder });
    if (!parsed.ok) issues.push(...parsed.issues.map((i) => ({ property: i.path, reason: i.message })));
    if (issues.length > 0 || !parsed.ok) throw new InvalidArgsError("ProductInstall", name, issues);
    // The catalog entry of the version picked ("esmpro-servermanager@legacy"): what the provider and the constraints see.
    const product = parsed.value.product;
    // Constraints across every install of the cluster declared so far (mutual standby, same group, order, …).
    const facts: ProductInstallFacts = {
      name,
      product,
      settings: args.settings,
      sharedFolder: args.sharedFolder,
      group: group.groupName,
      groupStartupServers: group.startupServers ?? [],
      clusterNodes: cluster.target.servers,
      groupIpAddresses: [...cluster.taken.addresses.entries()].filter(([, owner]) => cluster.groupOfAddressOwner.get(owner) === group.groupName).map(([ip]) => ip),
    };
    const violations = checkProductConstraints([...cluster.installs.map((x) => x.facts), facts]).filter((v) => v.install === name);
    // The installs before this one in the same group: the services they bring already (a shared database instance, the
    // shared ESM Base Service, whose work directory and values are then theirs too) and the last service resource.
    const sameGroup = cluster.installs.filter((x) => x.facts.group === group.groupName);
    const sharedServices = [...new Set(sameGroup.flatMap((x) => x.services))];
    const plan = renderValidInstall(parsed.value, sharedServices);
    const unmet = requirementIssues(plan, cluster, group.groupName, facts.groupIpAddresses, args.sharedFolder, args.settings as Record<string, unknown> | undefined);
    if (violations.length > 0 || unmet.length > 0)
      throw new InvalidArgsError("ProductInstall", name, [...violations.map((v) => ({ property: v.path, reason: `${v.message} [${v.product}: ${v.rule}, ${v.seedSection}]` })), ...unmet]);
    // The install before this one in the same group: its last service resource is where this one's chain starts.
    const previous = sameGroup[sameGroup.length - 1];
    const objects = productObjects(plan, name, group.groupName, previous?.lastService, sharedServices);
    super(
      provider,
      name,
      {
        ...cluster.target,
        name,
        group: group.groupName,
        groupStartupServers: group.startupServers,
        product,
        settings: args.settings,
        sharedFolder: args.sharedFolder,
        installFolder: args.installFolder,
        // What refresh compares the nodes with: it reports "drift: …" here, and up converges them again.
        nodeState: "converged",
        after: previous?.lastService,
        sharedServices: sharedServices.length > 0 ? sharedServices : undefined,
        applyMethod: undefined,
        restartedGroups: undefined,
        serviceResources: undefined,
        manualSteps: undefined,
        foundStartup: undefined,
      },
      // The group and its storage/IP resources first: the shared disk must be online on the active node.
      { ...opts, dependsOn: [...toArray(opts?.dependsOn), group, ...(cluster.groupMembers.get(group.groupName) ?? [])] },
      "clusterpro",
      "ProductInstall",
    );
    joinApply(cluster, this);
    cluster.installs.push({ facts, lastService: objects.chain.last ?? previous?.lastService, services: plan.startOrder });
  }
}

/**
 * What the product needs in its group (seed 001 `requires`), against what the program declared so far: a switch
 * partition is met by a mirror disk of the group until shared disks are a resource type (then by either), and the
 * shared folder must be on it; a floating IP by a FloatingIp of the group. The virtual computer name has no resource
 * type yet: not checked (docs/products.md, "Requirements on the cluster").
 */
function requirementIssues(plan: ReturnType<typeof renderValidInstall>, cluster: FailoverGroup["cluster"], group: string, groupIps: string[], sharedFolder: string | undefined, settings: Record<string, unknown> | undefined): ArgIssue[] {
  const issues: ArgIssue[] = [];
  const storage = cluster.groupStorage.get(group) ?? [];
  const partition = plan.requires.find((r) => r.kind === "switch-partition");
  if (partition && storage.length === 0) issues.push({ property: "group", reason: `${plan.title} needs a switch partition (shared disk) in group "${group}" for ${partition.purpose}: declare the group's SharedDisk (or MirrorDisk) before this install` });
  const drives = storage.flatMap((d) => (d.drive ? [d.drive] : []));
  if (partition && sharedFolder && drives.length > 0 && !drives.includes(sharedFolder.slice(0, 2).toUpperCase()))
    issues.push({ property: "sharedFolder", reason: `${sharedFolder.slice(0, 2)} is not a disk of group "${group}" (its shared or mirror disks' drives: ${drives.join(", ")}); ${plan.title} keeps ${partition.purpose} on the switch partition` });
  const names = cluster.groupComputerNames.get(group) ?? [];
  for (const need of plan.requires.filter((r) => r.kind === "virtual-computer-name")) {
    if (names.length === 0) issues.push({ property: "group", reason: `${plan.title} needs a virtual computer name in group "${group}" for ${need.purpose}: declare the group's VirtualComputerName before this install` });
    else if (typeof settings?.virtualComputerName === "string" && !names.some((n) => n.toUpperCase() === String(settings.virtualComputerName).toUpperCase()))
      issues.push({ property: "settings.virtualComputerName", reason: `${settings.virtualComputerName} is not a virtual computer name of group "${group}" (it has: ${names.join(", ")}); ${plan.title} uses it for ${need.purpose}` });
  }
  for (const ip of plan.requires.filter((r) => r.kind === "floating-ip"))
    if (groupIps.length === 0) issues.push({ property: "group", reason: `${plan.title} needs a floating IP in group "${group}" for ${ip.purpose}: declare the group's FloatingIp before this install` });
  return issues;
}

function toArray(d: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
  if (!d) return [];
  return Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>];
}
