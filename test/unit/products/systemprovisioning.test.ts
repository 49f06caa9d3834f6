// Every fact of digest 003 "SystemProvisioning (2.5)", asserted on the catalog data.
import { strict as assert } from "node:assert";
import { renderProduct } from "../../../provider/products/render";
import { systemProvisioning as sp } from "../../../provider/products/systemprovisioning";

describe("catalog: systemprovisioning (digest 003 'SystemProvisioning (2.5)')", () => {
  const plan = renderProduct("systemprovisioning", {}, "E:\\PVM");

  it("2.5: PVMService → Manual, monitored", () => {
    assert.deepEqual(sp.services.map((s) => [s.serviceName, s.startup, s.monitored]), [["PVMService", "Manual", true]]);
    assert.deepEqual(plan.monitoredServices, ["PVMService"]);
  });

  it("2.5: DB MSSQL$SSCCMDB / \"SQL Server (SSCCMDB)\", files PVMINF.mdf, PVMINF_2.ndf, PVMINF_log.ldf, database PVMINF", () => {
    assert.deepEqual(plan.databases, [{ serviceName: "MSSQL$SSCCMDB", displayName: "SQL Server (SSCCMDB)", databaseName: "PVMINF", files: ["PVMINF.mdf", "PVMINF_2.ndf", "PVMINF_log.ldf"] }]);
  });

  it("2.5: the instance name is configurable: MSSQL$<instance> / SQL Server (<instance>)", () => {
    const other = renderProduct("systemprovisioning", { databaseInstance: "SSCDB2" }, "E:\\PVM");
    assert.deepEqual(other.databases.map((d) => [d.serviceName, d.displayName]), [["MSSQL$SSCDB2", "SQL Server (SSCDB2)"]]);
  });

  it("2.5: copy DpmWebSvLst.txt and HPUX_DpmSvLst.txt from %ProgramFiles%\\NEC\\PVM\\bin (only if they exist), each into the shared folder by name", () => {
    assert.deepEqual(plan.sharedDiskPlacements, [
      { operation: "copy", kind: "file", source: "%ProgramFiles%\\NEC\\PVM\\bin\\DpmWebSvLst.txt", target: "E:\\PVM\\DpmWebSvLst.txt", onlyIfExists: true },
      { operation: "copy", kind: "file", source: "%ProgramFiles%\\NEC\\PVM\\bin\\HPUX_DpmSvLst.txt", target: "E:\\PVM\\HPUX_DpmSvLst.txt", onlyIfExists: true },
    ]);
  });

  it("2.5: create DeploymentManager DPMLIB_FileFolder, modify DeploymentManager_HP-UX DPMLIB_WebSvFileFolder (REG_SZ, the shared folder)", () => {
    assert.deepEqual(
      plan.registryWrites.map((w) => [w.key, w.name, w.type, w.operation, w.data]),
      [
        ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager", "DPMLIB_FileFolder", "REG_SZ", "create", { kind: "value", value: "E:\\PVM" }],
        ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager_HP-UX", "DPMLIB_WebSvFileFolder", "REG_SZ", "modify", { kind: "value", value: "E:\\PVM" }],
      ],
    );
  });

  it("2.5: registry sync HKLM\\SOFTWARE\\NEC\\PVM", () => {
    assert.deepEqual(plan.registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\PVM"]);
  });

  it("2.5: start database → PVMService; stop PVMService → database", () => {
    assert.deepEqual(plan.startOrder, ["MSSQL$SSCCMDB", "PVMService"]);
    assert.deepEqual(plan.stopOrder, ["PVMService", "MSSQL$SSCCMDB"]);
    assert.equal(plan.stopOrderIsReverse, true);
  });

  it("2.5: monitoring of DB, IP and shared disk recommended (manual step)", () => {
    assert.ok(plan.manualSteps.some((s) => /database, the IP address and the shared disk/.test(s.text)));
  });
});
