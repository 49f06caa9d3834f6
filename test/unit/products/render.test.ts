// render.ts: templating and the concrete plan (pure).
import { strict as assert } from "node:assert";
import { ProductInputError } from "../../../provider/products/install-input";
import { renderProduct } from "../../../provider/products/render";
import { conditionHolds, fillTemplate, TemplateError } from "../../../provider/products/template";

describe("products: render", () => {
  const esmpro = () => renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true }, "E:\\ESMPRO");

  it("nvisord.cf: CommunityName:\"mgr_<virtual computer name>\", CRLF and a final newline, under <shared>\\NVWORK\\LOCAL", () => {
    const [file] = esmpro().files;
    assert.equal(file.path, "E:\\ESMPRO\\NVWORK\\LOCAL\\nvisord.cf");
    assert.equal(file.content, 'CommunityName:"mgr_ESMPRO"\r\n');
    assert.equal(file.encoding, "ascii");
    const other = renderProduct("esmpro-servermanager", { virtualComputerName: "SSC-MGR01", dmiAlerts: true, trapForwarding: false }, "F:\\SSC\\ESM");
    assert.equal(other.files[0].content, 'CommunityName:"mgr_SSC-MGR01"\r\n');
    assert.equal(other.files[0].path, "F:\\SSC\\ESM\\NVWORK\\LOCAL\\nvisord.cf");
  });

  it("registry data is templated on the shared folder", () => {
    const data = Object.fromEntries(esmpro().registryWrites.map((w) => [w.name, w.data]));
    assert.deepEqual(data.WorkDir, { kind: "value", value: "E:\\ESMPRO\\NVWORK" });
    assert.deepEqual(data.GeneralFilter, { kind: "value", value: "E:\\ESMPRO\\NVWORK\\Alert\\filter\\genericsg" });
    assert.deepEqual(data.LocalFileDirectory, { kind: "value", value: "E:\\ESMPRO\\NVWORK\\ESMPRO" });
  });

  it("the plan keeps active-node placements, standby-only deletions and their paths apart", () => {
    const plan = esmpro();
    assert.deepEqual(plan.sharedDiskPlacements.map((p) => p.target), ["E:\\ESMPRO\\NVWORK"]);
    assert.deepEqual(plan.standbyDeletions, [{ kind: "folder", path: "%ProgramFiles%\\NEC\\SMM\\NVWORK" }]);
  });

  it("group services come in start order, node services after them", () => {
    const plan = renderProduct("printport-acos4", { windowsServer: "2008-or-later", printerLanConnectionName: "LAN 3", controlFilesFolder: "C:\\ctl", ntpServer: "ntp1" });
    assert.deepEqual(plan.services.map((s) => [s.serviceName, s.control]), [["PrintPort_SPL", "group"], ["W32Time", "node"]]);
    assert.equal(plan.services[0].stopTimeoutSeconds, 30);
    assert.equal(plan.sharedFolder, undefined);
  });

  it("databases are started first and stopped last; stopOrderIsReverse then still holds", () => {
    const plan = renderProduct("systemprovisioning", { databaseInstance: "PVMDB" }, "E:\\PVM");
    assert.deepEqual(plan.startOrder, ["MSSQL$PVMDB", "PVMService"]);
    assert.deepEqual(plan.stopOrder, ["PVMService", "MSSQL$PVMDB"]);
    assert.equal(plan.stopOrderIsReverse, true);
    assert.deepEqual(renderProduct("systemprovisioning", { clusterDatabase: false }, "E:\\PVM").startOrder, ["PVMService"]);
  });

  it("refuses invalid input with every field path", () => {
    assert.throws(
      () => renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false } as never, "E:\\"),
      (e: unknown) => e instanceof ProductInputError && e.issues.map((i) => i.path).join(",") === "settings.trapForwarding,sharedFolder,sharedFolder",
    );
    assert.throws(() => renderProduct("deploymentmanager", {}), /sharedFolder: required/);
  });

  it("templates: {name} from the values, numbers allowed, a missing value is a catalog bug", () => {
    assert.equal(fillTemplate("{a}\\{b}", { a: "E:", b: 3 }), "E:\\3");
    assert.throws(() => fillTemplate("{nope}", {}), TemplateError);
    assert.equal(fillTemplate("MSSQL${i}", { i: "X" }), "MSSQL$X");
  });

  it("conditions: equals compares, isSet wants a non-empty value", () => {
    assert.equal(conditionHolds(undefined, {}), true);
    assert.equal(conditionHolds({ setting: "a", equals: true }, { a: true }), true);
    assert.equal(conditionHolds({ setting: "a", equals: "x" }, { a: "y" }), false);
    assert.equal(conditionHolds({ setting: "a", isSet: true }, { a: [] }), false);
    assert.equal(conditionHolds({ setting: "a", isSet: true }, { a: ["Netvisor"] }), true);
    assert.equal(conditionHolds({ setting: "a", isSet: true }, { a: "" }), false);
    assert.equal(conditionHolds({ setting: "a", isSet: true }, {}), false);
  });
});
