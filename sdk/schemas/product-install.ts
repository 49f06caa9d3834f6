// A ProductInstall's own arguments as one schema: the product with its settings typed per product (ProductChoiceSchema,
// a discriminated union on `product`) and the install's folders. The SDK's ProductInstallArgs takes its field types
// from it; the provider parses the engine's inputs with it, extended by the target and the fields the SDK adds
// (provider/resources/product-install.ts). Checks that need the catalog entry (a product that keeps data on the
// shared disk needs sharedFolder; installFolder only where the product has one) are parseProductInstall's.
import { z } from "zod";
import { InstallFolderSchema, ProductChoiceSchema, SharedFolderSchema } from "../../provider/products/settings";
import type { DocumentedShape } from "./docs";

/** A ProductInstall's own arguments, documented (types: ProductInstallArgsSchema). */
export interface ProductInstallArgsDocs {
  /** A catalog id: printport-acos4, esmpro-servermanager, deploymentmanager, deploymentmanager-hpux, systemprovisioning, systemmonitor-performance. */
  product?: unknown;
  /**
   * The product's version where the catalog has more than one (docs/products.md): esmpro-servermanager has "4.5" (the
   * default, seed 003) and "legacy" (4.16 and later on CLUSTERPRO Ver5–7, seed 001). Omitted: the default.
   */
  version?: unknown;
  /** The product's folder on the shared disk (e.g. E:\ESMPRO), where the product puts data there. */
  sharedFolder?: unknown;
  /**
   * The product's folder on every node's local disk where it is not the catalog's default, e.g. "D:\\NEC\\SMM" for a
   * ServerManager installed on D:. Absolute, or starting with %ProgramFiles%, %ProgramFiles(x86)%, … (each node's own
   * value). Only for products with a local install folder (docs/products.md).
   */
  installFolder?: unknown;
  /** The product's settings (typed per product; docs/products.md lists them). */
  settings?: unknown;
}

/** The install's folders: on the shared disk, and on the nodes' local disks. */
export const ProductFoldersSchema = z.object({
  sharedFolder: SharedFolderSchema.optional(),
  installFolder: InstallFolderSchema.optional(),
} satisfies DocumentedShape<Pick<ProductInstallArgsDocs, "sharedFolder" | "installFolder">>);

/**
 * `{ product, settings, sharedFolder?, installFolder? }` with `product` a catalog key ("esmpro-servermanager@legacy":
 * the SDK resolves `version` before the provider sees it). The output's settings have the product's defaults.
 */
export const ProductInstallArgsSchema = z.intersection(ProductChoiceSchema, ProductFoldersSchema);
export type ProductInstallArgsInput = z.input<typeof ProductInstallArgsSchema>;
export type ProductInstallArgsOutput = z.output<typeof ProductInstallArgsSchema>;
