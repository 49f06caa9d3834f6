// Lays a product down on a simulated Windows node as a fresh, non-clustered install leaves it (the lab's own data,
// sim/product-images.ts): its services (and database instances) Automatic and running, its work folders below the
// node's own Program Files with a file in each, and the registry values that point at them, in the view the product
// writes in. ProductInstall then has something real to convert, and tests can watch every step.
import { keyInView } from "./node/registry";
import type { SimNode } from "./node/node";
import { PRODUCT_IMAGES, type ProductImage } from "./product-images";

export const LAB_PRODUCT_IDS = PRODUCT_IMAGES.map((p) => p.id);

/** %VAR% from the node's own folders; a name the node does not define is an error in the lab's data. */
function expand(node: SimNode, path: string): string {
  return path.replace(/%([^%]+)%/g, (_m, name: string) => {
    const value = node.windowsEnv[name];
    if (value === undefined) throw new Error(`lab product image: ${path}: %${name}% is not defined on ${node.name}`);
    return value;
  });
}

function parentOf(path: string): string {
  return path.replace(/\\[^\\]+$/, "");
}

export function productImage(productId: string): ProductImage {
  const image = PRODUCT_IMAGES.find((p) => p.id === productId);
  if (!image) throw new Error(`unknown product ${productId} (known: ${LAB_PRODUCT_IDS.join(", ")})`);
  return image;
}

export function layDownProduct(node: SimNode, productId: string): void {
  const image = productImage(productId);
  if (node.os !== "windows") throw new Error(`${productId} is a Windows product; ${node.name} is a Linux node`);
  for (const s of [...image.services, ...image.databases]) {
    if (!node.services.get(s.name)) node.services.define({ name: s.name, displayName: s.displayName, startup: "automatic", state: "stopped", dependsOn: [] });
    node.services.setStartup(s.name, "automatic");
    node.services.start(s.name);
  }
  for (const f of image.folders) {
    const folder = expand(node, f);
    node.fs.mkdir(folder);
    node.fs.writeFile(`${folder}\\installed-by-${image.id}.txt`, Buffer.from(`${image.title} work data on ${node.name}\r\n`));
  }
  for (const f of image.files) {
    const file = expand(node, f);
    node.fs.mkdir(parentOf(file));
    node.fs.writeFile(file, Buffer.from(`${image.title} file on ${node.name}\r\n`));
  }
  for (const r of image.registry) node.registry?.set(keyInView(r.key, image.registryView), { name: r.name, type: "REG_SZ", data: expand(node, r.data) });
}
