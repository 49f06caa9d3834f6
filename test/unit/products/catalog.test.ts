// The catalog's own integrity: ids, orders, seed references, templates — true for every product.
import { strict as assert } from "node:assert";
import { CATALOG, isProductId } from "../../../provider/products/catalog";
import { renderProduct } from "../../../provider/products/render";
import { PRODUCT_IDS } from "../../../provider/products/settings";
import { templateNames } from "../../../provider/products/template";
import type { Product } from "../../../provider/products/types";
import { SAMPLE_SETTINGS, SAMPLE_SETTINGS_ALL_OPTIONS, SAMPLE_SHARED_FOLDER } from "./samples";

const products: Product[] = Object.values(CATALOG);

describe("catalog: integrity", () => {
  it("holds the six products of issue 7 and seed 001's: five of part 1 (issue 17), nine of part 2 (issue 18), four WebSAM ones of part 3 (issue 19), keyed by their ids", () => {
    assert.deepEqual(Object.keys(CATALOG).sort(), [
      "deploymentmanager",
      "deploymentmanager-hpux",
      "esmpro-ac-iups",
      "esmpro-ac-powerchute-plus",
      "esmpro-ac-snmp",
      "esmpro-ac-upsmanager",
      "esmpro-appmanager@3.4",
      "esmpro-appmanager@4",
      "esmpro-bom",
      "esmpro-clientmanager",
      "esmpro-deliverymanager",
      "esmpro-filetransfer",
      "esmpro-jmss",
      "esmpro-printmanager",
      "esmpro-serveragent",
      "esmpro-servermanager",
      "esmpro-servermanager@legacy",
      "printport-acos4",
      "systemmonitor-performance",
      "systemprovisioning",
      "websam-appmanager@5",
      "websam-netvisor",
      "websam-netvisorpro",
      "websam-pfm",
    ]);
    for (const [id, product] of Object.entries(CATALOG)) assert.equal(product.id, id);
    assert.deepEqual([...PRODUCT_IDS].sort(), Object.keys(CATALOG).sort());
    assert.equal(isProductId("esmpro-servermanager"), true);
    assert.equal(isProductId("toString"), false);
  });

  for (const product of products) {
    describe(product.id, () => {
      const groupServices = product.services.filter((s) => s.control === "group").map((s) => s.serviceName);

      it("start and stop order name exactly its group services, each once", () => {
        assert.deepEqual([...product.startOrder].sort(), [...groupServices].sort());
        assert.deepEqual([...product.stopOrder].sort(), [...groupServices].sort());
      });

      it("every fact carries a seed section", () => {
        const refs = [
          product.seed,
          ...product.services.map((s) => s.seed),
          ...product.databases.map((d) => d.seed),
          ...product.sharedDiskPlacements.map((p) => p.seed),
          ...product.standbyDeletions.map((d) => d.seed),
          ...product.files.map((f) => f.seed),
          ...product.propertyEdits.map((e) => e.seed),
          ...product.acls.map((a) => a.seed),
          ...product.registryWrites.map((w) => w.seed),
          ...product.registryDeletions.map((d) => d.seed),
          ...product.registrySync.map((k) => k.seed),
          ...product.restartAroundStop.map((r) => r.seed),
          ...product.constraints.map((c) => c.seed),
          ...product.manualSteps.map((m) => m.seed),
          ...(product.timeSync ? [product.timeSync.seed] : []),
        ];
        for (const ref of refs) assert.match(ref, /^seed 00[013]( §|$)/, ref);
      });

      it("registry keys are spelled out under HKEY_LOCAL_MACHINE, without a trailing backslash", () => {
        const keys = [...product.registryWrites.map((w) => w.key), ...product.registryDeletions.map((d) => d.key), ...product.registrySync.map((k) => k.key).filter((k) => templateNames(k).length === 0)];
        for (const key of keys) assert.match(key, /^HKEY_LOCAL_MACHINE\\[^\\]+(\\[^\\]+)*$/, key);
      });

      it("every template placeholder is a setting of the product or the shared folder: renders on both branches of every condition", () => {
        const id = product.id as keyof typeof SAMPLE_SETTINGS;
        for (const settings of [SAMPLE_SETTINGS[id], SAMPLE_SETTINGS_ALL_OPTIONS[id]]) {
          const plan = renderProduct(id, settings as never, SAMPLE_SHARED_FOLDER[id]);
          assert.equal(plan.product, product.id);
          assert.doesNotMatch(JSON.stringify(plan), /\{[A-Za-z]+\}/, "no placeholder left");
        }
      });

      it("a time-sync service is one of its node services", () => {
        if (!product.timeSync) return;
        const service = product.services.find((s) => s.serviceName === product.timeSync?.serviceName);
        assert.equal(service?.control, "node");
      });

      it("its constraints name a rule once each", () => {
        const rules = product.constraints.map((c) => c.rule);
        assert.equal(new Set(rules).size, rules.length);
        for (const c of product.constraints) if (c.checkedBy === "settings") assert.match(c.settingsPath ?? "", /^settings\./);
      });
    });
  }
});
