// Catalog: each product states its registry view and where that comes from; install folders are the node's own
// (%ProgramFiles% expanded from its facts) and overridable per install, with a clear error for a bad override.
import { strict as assert } from "node:assert";
import { CATALOG, parseProductInstall, PRODUCT_IDS, renderProduct } from "../../../provider/products";
import { syncKeyInView } from "../../../provider/products/render";

describe("catalog: registry view and install folder", () => {
  it("every product states its view and its source; DeploymentManager (a 32-bit program) uses the 32-bit view", () => {
    for (const id of PRODUCT_IDS) {
      const p = CATALOG[id];
      assert.ok(p.registryView === "64" || p.registryView === "32", id);
      assert.ok(p.registryViewSource.length > 10, `${id}: the source (or why there is none) is written down`);
    }
    assert.equal(CATALOG.deploymentmanager.registryView, "32");
    assert.match(CATALOG.deploymentmanager.registryViewSource, /Installation Guide/);
    assert.equal(CATALOG.deploymentmanager.installFolder?.default, "%ProgramFiles(x86)%\\NEC\\DeploymentManager");
    assert.equal(renderProduct("deploymentmanager", {}, "E:\\DPM").registryView, "32");
  });

  it("registry sync names a 32-bit product's key where the 64-bit CLUSTERPRO service sees it (WOW6432Node)", () => {
    assert.deepEqual(renderProduct("deploymentmanager", {}, "E:\\DPM").registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager"]);
    assert.deepEqual(renderProduct("systemprovisioning", {}, "E:\\PVM").registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\PVM"]);
    assert.equal(syncKeyInView("HKLM\\SOFTWARE\\WOW6432Node\\X", "32"), "HKLM\\SOFTWARE\\WOW6432Node\\X", "not redirected twice");
    assert.equal(syncKeyInView("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase", "32"), "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase", "SYSTEM is shared");
  });

  it("no catalog template keeps a %VAR% a node's facts do not report", () => {
    const known = ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "ProgramData", "SystemRoot", "SystemDrive"];
    // The legacy scripts' %ARMS_…% are the cluster's script variables, not folders.
    const text = JSON.stringify(Object.values(CATALOG).map((p) => ({ ...p, legacyScripts: undefined })));
    for (const m of text.matchAll(/%([A-Za-z_][A-Za-z0-9_() ]*)%/g)) assert.ok(known.includes(m[1]), `%${m[1]}%`);
  });

  it("installFolder: used in place of the default, refused with its field and reason when it is not a usable folder", () => {
    const esm = { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false };
    assert.equal(renderProduct("esmpro-servermanager", esm, "E:\\ESMPRO", "%ProgramFiles(x86)%\\NEC\\SMM").sharedDiskPlacements[0].source, "%ProgramFiles(x86)%\\NEC\\SMM\\NVWORK");
    assert.equal(renderProduct("esmpro-servermanager", esm, "E:\\ESMPRO").installFolder, "%ProgramFiles%\\NEC\\SMM");
    const issue = (installFolder: unknown, product = "esmpro-servermanager", settings: unknown = esm) => {
      const r = parseProductInstall({ product, settings, sharedFolder: "E:\\X", installFolder });
      assert.ok(!r.ok, String(installFolder));
      return r.issues.find((i) => i.path === "installFolder")?.message ?? "";
    };
    assert.match(issue("NEC\\SMM"), /absolute Windows path/);
    assert.match(issue("D:\\NEC\\SMM\\"), /must not end with a backslash/);
    assert.match(issue("D:\\NEC\\..\\SMM"), /'\.\.'/);
    assert.match(issue("%TEMP%\\SMM"), /must start with a drive or one of %ProgramFiles%/);
    assert.match(issue("D:\\PrintPort", "printport-acos4", { windowsServer: "2008-or-later", printerLanConnectionName: "LAN", ntpServer: "ntp.example.jp", controlFilesFolder: "C:\\ctl" }), /no install folder to override/);
  });
});
