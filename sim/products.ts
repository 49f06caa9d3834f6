// Lays a catalog product down on a simulated Windows node as a fresh, non-clustered install leaves
// it: its services (and database instances) Automatic and running, its work folders on C: with a
// file in each, and the registry values that point at them. ProductInstall then has something
// real to convert, and tests can watch every step.
import { expandWindowsPath } from "../provider/products/applier";
import { CATALOG, isProductId } from "../provider/products/catalog";
import type { Product } from "../provider/products/types";
import type { SimNode } from "./node/node";

/** Values for the settings a template may name when the lab lays a product down (the catalog's defaults). */
const LAB_SETTINGS: Record<string, string> = { databaseInstance: "SSCCMDB" };

export const LAB_PRODUCT_IDS = Object.keys(CATALOG);

/** Expands %VAR% (a standard Windows install's values) and {setting}; undefined when a placeholder has no value here. */
function expand(template: string): string | undefined {
  let unresolved = false;
  const out = expandWindowsPath(template).replace(/\{([A-Za-z]+)\}/g, (m, name: string) => LAB_SETTINGS[name] ?? ((unresolved = true), m));
  return unresolved || /%[^%]+%/.test(out) ? undefined : out;
}

function parentOf(path: string): string {
  return path.replace(/\\[^\\]+$/, "");
}

/** The install-time value of a registry write that the product later repoints at the shared folder. */
function installTimeValue(product: Product, template: string): string | undefined {
  for (const p of product.sharedDiskPlacements) {
    const target = p.target ? `{sharedFolder}\\${p.target}` : "{sharedFolder}";
    if (template === target || template.startsWith(`${target}\\`)) {
      const source = expand(p.source);
      return source === undefined ? undefined : expand(source + template.slice(target.length));
    }
  }
  return undefined;
}

export function layDownProduct(node: SimNode, productId: string): void {
  if (!isProductId(productId)) throw new Error(`unknown product ${productId} (known: ${LAB_PRODUCT_IDS.join(", ")})`);
  if (node.os !== "windows") throw new Error(`${productId} is a Windows product; ${node.name} is a Linux node`);
  const product: Product = CATALOG[productId];
  // The product's own services (an OS service it uses, e.g. Windows Time, stays as Windows has it).
  for (const s of product.services.filter((x) => x.control === "group" && expand(x.serviceName) === x.serviceName)) {
    // (A service name the catalog takes from a setting, e.g. the ESMPRO/SM cooperator's, is not laid down.)
    if (!node.services.get(s.serviceName)) node.services.define({ name: s.serviceName, displayName: s.displayName, startup: "automatic", state: "stopped", dependsOn: [] });
    node.services.setStartup(s.serviceName, "automatic");
    node.services.start(s.serviceName);
  }
  for (const db of product.databases) {
    const name = expand(db.serviceName);
    if (!name) continue;
    if (!node.services.get(name)) node.services.define({ name, displayName: expand(db.displayName) ?? db.displayName, startup: "automatic", state: "stopped", dependsOn: [] });
    node.services.start(name);
  }
  for (const p of product.sharedDiskPlacements) {
    const source = expand(p.source);
    if (!source) continue;
    if (p.kind === "folder") {
      node.fs.mkdir(source);
      node.fs.writeFile(`${source}\\installed-by-${product.id}.txt`, Buffer.from(`${product.title} work data on ${node.name}\r\n`));
    } else {
      node.fs.mkdir(parentOf(source));
      node.fs.writeFile(source, Buffer.from(`${product.title} file on ${node.name}\r\n`));
    }
  }
  for (const w of product.registryWrites) {
    if (w.operation !== "modify" || !("template" in w.data)) continue;
    const value = installTimeValue(product, w.data.template);
    if (value !== undefined) node.registry?.set(w.key, { name: w.name, type: w.type, data: value });
  }
}
