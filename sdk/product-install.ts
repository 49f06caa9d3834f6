import * as pulumi from "@pulumi/pulumi";
import { productObjects } from "../provider/products/applier";
import { checkProductConstraints, parseProductInstall, renderValidInstall, type ProductId, type ProductSettingsInput, type ProductInstallFacts } from "../provider/products";
import type { FailoverGroup } from "./failover-group";
import { joinApply } from "./cluster";
import { lazyProvider } from "./lazy-provider";
import { InvalidArgsError, type ArgIssue } from "./validate";

export interface ProductInstallArgs<Id extends ProductId = ProductId> {
  group: FailoverGroup;
  /** A catalog id: printport-acos4, esmpro-servermanager, deploymentmanager, deploymentmanager-hpux, systemprovisioning, systemmonitor-performance. */
  product: Id;
  /** The product's folder on the shared disk (e.g. E:\ESMPRO), where the product puts data there. */
  sharedFolder?: string;
  /**
   * The product's folder on every node's local disk where it is not the catalog's default, e.g. "D:\\NEC\\SMM" for a
   * ServerManager installed on D:. Absolute, or starting with %ProgramFiles%, %ProgramFiles(x86)%, … (each node's own
   * value). Only for products with a local install folder (docs/products.md).
   */
  installFolder?: string;
  /** The product's settings (typed per product; docs/products.md lists them). */
  settings?: ProductSettingsInput[Id];
}

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
    const parsed = parseProductInstall({ product: args.product, settings: args.settings, sharedFolder: args.sharedFolder, installFolder: args.installFolder });
    if (!parsed.ok) issues.push(...parsed.issues.map((i) => ({ property: i.path, reason: i.message })));
    if (issues.length > 0 || !parsed.ok) throw new InvalidArgsError("ProductInstall", name, issues);
    // Constraints across every install of the cluster declared so far (mutual standby, same group, order, …).
    const facts: ProductInstallFacts = {
      name,
      product: args.product,
      settings: args.settings,
      sharedFolder: args.sharedFolder,
      group: group.groupName,
      groupStartupServers: group.startupServers ?? [],
      clusterNodes: cluster.target.servers,
      groupIpAddresses: [...cluster.taken.addresses.entries()].filter(([, owner]) => cluster.groupOfAddressOwner.get(owner) === group.groupName).map(([ip]) => ip),
    };
    const violations = checkProductConstraints([...cluster.installs.map((x) => x.facts), facts]).filter((v) => v.install === name);
    if (violations.length > 0) throw new InvalidArgsError("ProductInstall", name, violations.map((v) => ({ property: v.path, reason: `${v.message} [${v.product}: ${v.rule}, ${v.seedSection}]` })));
    // The install before this one in the same group: its last service resource is where this one's chain starts.
    const sameGroup = cluster.installs.filter((x) => x.facts.group === group.groupName);
    const previous = sameGroup[sameGroup.length - 1];
    const sharedServices = [...new Set(sameGroup.flatMap((x) => x.services))];
    const plan = renderValidInstall(parsed.value);
    const objects = productObjects(plan, name, group.groupName, previous?.lastService, sharedServices);
    super(
      provider,
      name,
      {
        ...cluster.target,
        name,
        group: group.groupName,
        groupStartupServers: group.startupServers,
        product: args.product,
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

function toArray(d: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
  if (!d) return [];
  return Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>];
}
