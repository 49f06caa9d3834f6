// settings.ts / install-input.ts: per-product settings, a discriminated union on `product`, strict, with field paths.
import { strict as assert } from "node:assert";
import { parseProductInstall } from "../../../provider/products/install-input";
import { ProductChoiceSchema } from "../../../provider/products/settings";

const paths = (input: Parameters<typeof parseProductInstall>[0]) => {
  const r = parseProductInstall(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe("products: settings", () => {
  it("accepts the issue's example and applies defaults", () => {
    const r = parseProductInstall({ product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true } });
    assert.ok(r.ok);
    assert.equal(r.value.product, "esmpro-servermanager");
    if (r.value.product === "esmpro-servermanager") {
      assert.deepEqual(r.value.settings.esmproUserGroups, []);
      assert.equal(r.value.settings.alertManagerSocketSyncKey, "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\Socket\\Socketr");
    }
  });

  it("an unknown setting fails with its own path", () => {
    assert.deepEqual(paths({ product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true, dmiAlert: true } }), ["settings.dmiAlert: unknown setting"]);
  });

  it("a missing required setting fails with its path", () => {
    assert.deepEqual(paths({ product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { dmiAlerts: false, trapForwarding: true } }), ["settings.virtualComputerName: required (string)"]);
    assert.deepEqual(paths({ product: "deploymentmanager-hpux", sharedFolder: "F:\\dpm_hpux" }), ["settings.managementServerName: required (string)"]);
  });

  it("a product whose settings are all optional may omit them", () => {
    assert.deepEqual(paths({ product: "systemmonitor-performance" }), []);
    assert.deepEqual(paths({ product: "systemprovisioning", sharedFolder: "E:\\PVM" }), []);
  });

  it("the settings of one product are refused for another (discriminated on product)", () => {
    assert.deepEqual(paths({ product: "systemprovisioning", sharedFolder: "E:\\PVM", settings: { virtualComputerName: "ESMPRO" } }), ["settings.virtualComputerName: unknown setting"]);
    assert.match(paths({ product: "esmpro", settings: {} })[0], /^product: /);
  });

  it("conditional requirements name the field: PrintPort connection name (2008+) or device ID (2003)", () => {
    const base = { controlFilesFolder: "C:\\ctl", ntpServer: "ntp1" };
    assert.deepEqual(paths({ product: "printport-acos4", settings: { ...base, windowsServer: "2008-or-later" } }), ["settings.printerLanConnectionName: required when windowsServer is 2008-or-later (netsh needs the connection name)"]);
    assert.deepEqual(paths({ product: "printport-acos4", settings: { ...base, windowsServer: "2003" } }), ["settings.printerLanDeviceId: required when windowsServer is 2003 (devcon needs the hardware ID)"]);
    assert.match(paths({ product: "printport-acos4", settings: { ...base, windowsServer: "2008-or-later", printerLanConnectionName: 'a" & del' } })[0], /^settings\.printerLanConnectionName: /);
  });

  it("DeploymentManager: databaseFolder is required exactly when the database is clustered", () => {
    assert.deepEqual(paths({ product: "deploymentmanager", sharedFolder: "E:\\DPM", settings: { clusterDatabase: true } }), ["settings.databaseFolder: required when clusterDatabase is true (DBInstallDir points to it)"]);
    assert.deepEqual(paths({ product: "deploymentmanager", sharedFolder: "E:\\DPM", settings: { databaseFolder: "DB" } }), ["settings.databaseFolder: only meaningful when clusterDatabase is true"]);
    assert.match(paths({ product: "deploymentmanager", sharedFolder: "E:\\DPM", settings: { clusterDatabase: true, databaseFolder: "..\\x" } })[0], /^settings\.databaseFolder: /);
  });

  it("values spliced into files or names are checked: virtual computer name, instance name, management server name", () => {
    const esm = (virtualComputerName: string) => paths({ product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { virtualComputerName, dmiAlerts: false, trapForwarding: false } });
    assert.match(esm('ESM"PRO')[0], /^settings\.virtualComputerName: /);
    assert.match(esm("A-NAME-LONGER-THAN-15")[0], /^settings\.virtualComputerName: /);
    assert.match(paths({ product: "systemprovisioning", sharedFolder: "E:\\PVM", settings: { databaseInstance: "bad name" } })[0], /^settings\.databaseInstance: /);
    assert.match(paths({ product: "deploymentmanager-hpux", sharedFolder: "F:\\x", settings: { managementServerName: "a\nb" } })[0], /^settings\.managementServerName: /);
  });

  it("sharedFolder: required where the product uses the shared disk, a folder below a drive root", () => {
    assert.deepEqual(paths({ product: "esmpro-servermanager", settings: { virtualComputerName: "E", dmiAlerts: false, trapForwarding: false } }), ["sharedFolder: required: esmpro-servermanager puts data on the shared disk"]);
    assert.ok(paths({ product: "systemprovisioning", sharedFolder: "E:\\" }).every((p) => p.startsWith("sharedFolder: ")));
    assert.ok(paths({ product: "systemprovisioning", sharedFolder: "relative\\x" }).length > 0);
    assert.deepEqual(paths({ product: "printport-acos4", settings: { windowsServer: "2003", printerLanDeviceId: "PCI\\VEN_1&DEV_2", controlFilesFolder: "C:\\ctl", ntpServer: "ntp1" } }), []);
  });

  it("ProductChoiceSchema is the discriminated union the sdk resource can extend", () => {
    const r = ProductChoiceSchema.safeParse({ product: "deploymentmanager-hpux", settings: { managementServerName: "dpm_cluster" } });
    assert.ok(r.success);
  });
});
