// The product catalog: catalog id → product data. The ids are those of settings.ts. A product with more than one
// version has one entry per version: the default one under the product id, the others as "<id>@<version>"
// (the user picks `version`; catalogKey resolves it).
import { deploymentManager } from "./deploymentmanager";
import { deploymentManagerHpux } from "./deploymentmanager-hpux";
import { esmproAcIups } from "./esmpro-ac-iups";
import { esmproAcPowerChutePlus } from "./esmpro-ac-powerchute-plus";
import { esmproAcSnmp } from "./esmpro-ac-snmp";
import { esmproAcUpsManager } from "./esmpro-ac-upsmanager";
import { esmproAppManager34 } from "./esmpro-appmanager-34";
import { esmproAppManager4 } from "./esmpro-appmanager-4";
import { esmproBom } from "./esmpro-bom";
import { esmproClientManager } from "./esmpro-clientmanager";
import { esmproDeliveryManager } from "./esmpro-deliverymanager";
import { esmproFileTransfer } from "./esmpro-filetransfer";
import { esmproJmss } from "./esmpro-jmss";
import { esmproPrintManager } from "./esmpro-printmanager";
import { esmproServerAgent } from "./esmpro-serveragent";
import { esmproServerManager } from "./esmpro-servermanager";
import { esmproServerManagerLegacy } from "./esmpro-servermanager-legacy";
import { printportAcos4 } from "./printport-acos4";
import type { ProductId } from "./settings";
import { systemMonitorPerformance } from "./systemmonitor-performance";
import { systemProvisioning } from "./systemprovisioning";
import type { Product } from "./types";
import { websamAppManager } from "./websam-appmanager";
import { websamNetvisor } from "./websam-netvisor";
import { websamNetvisorPro } from "./websam-netvisorpro";
import { websamPfm } from "./websam-pfm";

export const CATALOG: { readonly [Id in ProductId]: Product<Id> } = {
  "printport-acos4": printportAcos4,
  "esmpro-servermanager": esmproServerManager,
  deploymentmanager: deploymentManager,
  "deploymentmanager-hpux": deploymentManagerHpux,
  systemprovisioning: systemProvisioning,
  "systemmonitor-performance": systemMonitorPerformance,
  "esmpro-serveragent": esmproServerAgent,
  "esmpro-servermanager@legacy": esmproServerManagerLegacy,
  "esmpro-jmss": esmproJmss,
  "esmpro-filetransfer": esmproFileTransfer,
  "esmpro-deliverymanager": esmproDeliveryManager,
  "websam-netvisor": websamNetvisor,
  "websam-netvisorpro": websamNetvisorPro,
  "websam-appmanager@5": websamAppManager,
  "websam-pfm": websamPfm,
  "esmpro-ac-iups": esmproAcIups,
  "esmpro-ac-snmp": esmproAcSnmp,
  "esmpro-ac-powerchute-plus": esmproAcPowerChutePlus,
  "esmpro-ac-upsmanager": esmproAcUpsManager,
  "esmpro-printmanager": esmproPrintManager,
  "esmpro-clientmanager": esmproClientManager,
  "esmpro-appmanager@3.4": esmproAppManager34,
  "esmpro-appmanager@4": esmproAppManager4,
  "esmpro-bom": esmproBom,
};

export function isProductId(id: string): id is ProductId {
  return Object.prototype.hasOwnProperty.call(CATALOG, id);
}

/** The versions of a product id (without "@"): its default entry's version first, then the others. */
export function versionsOf(product: string): { version: string; key: ProductId; isDefault: boolean }[] {
  const keys = (Object.keys(CATALOG) as ProductId[]).filter((k) => k === product || k.startsWith(`${product}@`));
  return keys.map((key) => ({ key, isDefault: key === product, version: key === product ? (CATALOG[key].version ?? "default") : key.slice(product.length + 1) }));
}

/**
 * The catalog key of a product and the version the user picked: ("esmpro-servermanager", "legacy") →
 * "esmpro-servermanager@legacy"; no version → the product id itself. An error text (naming the versions there are)
 * when the pair is not in the catalog.
 */
export function catalogKey(product: string, version: string | undefined): { key: ProductId } | { error: string } {
  if (version === undefined) {
    if (isProductId(product)) return { key: product };
    // A product whose every entry is a version (websam-appmanager: "5"): the version must be given.
    const only = product.includes("@") ? [] : versionsOf(product);
    return { error: only.length > 0 ? `${product} has no default version; its versions: ${only.map((v) => v.version).join(", ")}` : "unknown product" };
  }
  const versions = versionsOf(product);
  const hit = versions.find((v) => v.version === version);
  if (hit && !product.includes("@")) return { key: hit.key };
  if (versions.length === 0) return { error: `${product} is not a catalog product with versions` };
  return { error: `${product} has no version "${version}"; its versions: ${versions.map((v) => (v.isDefault ? `${v.version} (the default)` : v.version)).join(", ")}` };
}
