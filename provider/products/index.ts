// The product catalog's public surface (pure: no I/O). docs/products.md describes each product.
export { CATALOG, isProductId } from "./catalog";
export { checkProductConstraints, DPM_MAX_IP_ADDRESSES, type ProductInstallFacts, type ProductViolation } from "./constraints";
export { folderRuleIssues, parseProductInstall, ProductInputError, requiresSharedFolder, type InputIssue, type ParsedProductInstall, type ValidProductInstall } from "./install-input";
export { renderProduct, renderValidInstall, type PlannedDatabase, type PlannedFile, type PlannedPlacement, type PlannedRegistryWrite, type PlannedService, type ProductPlan } from "./render";
export {
  PRODUCT_IDS,
  ProductChoiceSchema,
  productSettingsSchemas,
  SharedFolderSchema,
  type ProductChoice,
  type ProductChoiceInput,
  type ProductId,
  type ProductSettings,
  type ProductSettingsInput,
} from "./settings";
export type * from "./types";
