// docs/products.md stays in step with the catalog: every product, setting and rule is described.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as products from "../../../provider/products";
import { repoRoot } from "../../support/paths";

describe("docs/products.md", () => {
  const doc = fs.readFileSync(path.join(repoRoot, "docs", "products.md"), "utf8");

  it("has a section per product, its settings in the section, and a row per constraint rule", () => {
    for (const id of products.PRODUCT_IDS) {
      const start = doc.indexOf(`### \`${id}\``);
      assert.ok(start >= 0, `no section for ${id}`);
      const next = doc.indexOf("\n### ", start + 1);
      const section = doc.slice(start, next === -1 ? undefined : next);
      for (const key of Object.keys(products.productSettingsSchemas[id].shape)) assert.ok(section.includes(`\`${key}\``), `${id}: setting ${key} not described`);
    }
    for (const rule of new Set(Object.values(products.CATALOG).flatMap((p) => p.constraints.map((c) => c.rule)))) assert.ok(doc.includes(`| \`${rule}\` |`), `rule ${rule} missing`);
  });

  it("states each product's registry view with its source, and its default install folder", () => {
    const start = doc.indexOf("## Paths and registry views");
    assert.ok(start >= 0);
    const section = doc.slice(start, doc.indexOf("\n## ", start + 1));
    for (const id of products.PRODUCT_IDS) {
      const p = products.CATALOG[id];
      const row = section.split("\n").find((l) => l.startsWith(`| \`${id}\` |`));
      assert.ok(row, `no row for ${id}`);
      assert.ok(row.includes(`| \`${p.registryView}\` |`), `${id}: view ${p.registryView}`);
      if (p.installFolder) assert.ok(row.includes(p.installFolder.default), `${id}: ${p.installFolder.default}`);
      if (/no public source/.test(p.registryViewSource)) assert.match(row, /no public source found/, id);
    }
  });
});
