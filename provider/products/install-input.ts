// One ProductInstall's product inputs — product, settings, sharedFolder — checked together, with
// field paths ("settings.virtualComputerName", "sharedFolder"). Pure.
import type { z } from "zod";
import { formatPath } from "../../sdk/schemas/issues";
import { CATALOG, catalogKey, isProductId } from "./catalog";
import { InstallFolderSchema, ProductChoiceSchema, type ProductId, type ProductSettings, SharedFolderSchema } from "./settings";
import { templateNames } from "./template";
import type { Product } from "./types";

export interface InputIssue { path: string; message: string }

export type ValidProductInstall = { [Id in ProductId]: { product: Id; settings: ProductSettings[Id]; sharedFolder?: string; installFolder?: string } }[ProductId];

export type ParsedProductInstall = { ok: true; value: ValidProductInstall } | { ok: false; issues: InputIssue[] };

/** Thrown by render when its input is invalid: the message lists every field path. */
export class ProductInputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(`invalid product install:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
    this.name = "ProductInputError";
  }
}

/** Whether the product's data refers to the shared folder (PrintPort and SystemMonitor do not). */
export function requiresSharedFolder(product: Product): boolean {
  const templates = [
    ...product.sharedDiskPlacements.map((p) => p.target),
    ...product.files.map((f) => f.path),
    ...product.propertyEdits.map((e) => e.path),
    ...product.acls.map((a) => a.path),
    ...product.registryWrites.flatMap((w) => ("template" in w.data ? [w.data.template] : [])),
  ];
  // The legacy script lines too (ClientManager's share and splaunch are on the switchable partition).
  const legacy = product.legacyScripts;
  if (legacy) templates.push(...[...legacy.beforeStart, ...legacy.afterStart, ...legacy.beforeStop, ...legacy.afterStop].flatMap((l) => [l.legacy, ...(typeof l.x === "string" ? [l.x] : [])]));
  return product.sharedDiskPlacements.length > 0 || (product.sharedDirectories ?? []).length > 0 || templates.some((t) => templateNames(t).includes("sharedFolder"));
}

export function parseProductInstall(input: { product: unknown; version?: unknown; settings?: unknown; sharedFolder?: unknown; installFolder?: unknown }): ParsedProductInstall {
  // The user picks a version of a product with several (esmpro-servermanager: 4.5, legacy); the catalog key names it.
  let product = input.product;
  const versionIssues: InputIssue[] = [];
  if (input.version === undefined && typeof input.product === "string" && !isProductId(input.product)) {
    // A product whose every catalog entry is a version (websam-appmanager: "5") needs `version`.
    const resolved = catalogKey(input.product, undefined);
    if ("error" in resolved && resolved.error !== "unknown product") versionIssues.push({ path: "version", message: `required: ${resolved.error}` });
  } else if (input.version !== undefined) {
    if (typeof input.version !== "string") versionIssues.push({ path: "version", message: "must be a string" });
    else if (typeof input.product === "string") {
      const resolved = catalogKey(input.product, input.version);
      if ("key" in resolved) product = resolved.key;
      else versionIssues.push({ path: "version", message: resolved.error });
    }
  }
  if (versionIssues.length > 0) return { ok: false, issues: versionIssues };
  const choice = ProductChoiceSchema.safeParse({ product, settings: input.settings });
  const issues: InputIssue[] = choice.success ? [] : zodIssues(choice.error);
  const known = typeof product === "string" && isProductId(product) ? CATALOG[product] : undefined;
  let sharedFolder: string | undefined;
  if (input.sharedFolder !== undefined) {
    const folder = SharedFolderSchema.safeParse(input.sharedFolder);
    if (folder.success) sharedFolder = folder.data;
    else issues.push(...folder.error.issues.map((i) => ({ path: "sharedFolder", message: i.message })));
  } else if (known) {
    issues.push(...sharedFolderRule(known));
  }
  let installFolder: string | undefined;
  if (input.installFolder !== undefined) {
    const folder = InstallFolderSchema.safeParse(input.installFolder);
    if (!folder.success) issues.push(...folder.error.issues.map((i) => ({ path: "installFolder", message: i.message })));
    else if (known && !known.installFolder) issues.push(...installFolderRule(known));
    else installFolder = folder.data;
  }
  if (!choice.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { ...choice.data, ...(sharedFolder !== undefined ? { sharedFolder } : {}), ...(installFolder !== undefined ? { installFolder } : {}) } as ValidProductInstall };
}

/** A product that keeps data on the shared disk needs a sharedFolder: the issue when it has none. */
function sharedFolderRule(product: Product): InputIssue[] {
  return requiresSharedFolder(product) ? [{ path: "sharedFolder", message: `required: ${product.id} puts data on the shared disk` }] : [];
}

/** An installFolder replaces the product's folder on the nodes' local disks: the issue when it has none. */
function installFolderRule(product: Product): InputIssue[] {
  return product.installFolder ? [] : [{ path: "installFolder", message: `${product.id} keeps nothing in an install folder on the nodes' local disks: there is no install folder to override` }];
}

/**
 * What the catalog entry asks of an install's folders beyond their schemas (ProductInstallArgsSchema), for inputs
 * that schema already parsed: the same issues parseProductInstall reports.
 */
export function folderRuleIssues(product: ProductId, folders: { sharedFolder?: string; installFolder?: string }): InputIssue[] {
  const known = CATALOG[product];
  return [...(folders.sharedFolder === undefined ? sharedFolderRule(known) : []), ...(folders.installFolder !== undefined ? installFolderRule(known) : [])];
}

/** zod issues with the field path of each: an unknown key is named by its own path, a missing one says "required". */
function zodIssues(error: z.ZodError): InputIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: "unknown setting" }));
    const path = formatPath(issue.path) || "(args)";
    if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return [{ path, message: `required (${issue.expected})` }];
    return [{ path, message: issue.message }];
  });
}
