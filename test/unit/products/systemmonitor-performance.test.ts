// Every fact of digest 003 "SystemMonitor performance monitoring 4.1.1 (2.6)", asserted on the catalog data.
import { strict as assert } from "node:assert";
import { renderProduct } from "../../../provider/products/render";
import { systemMonitorPerformance as smp } from "../../../provider/products/systemmonitor-performance";

describe("catalog: systemmonitor-performance (digest 003 'SystemMonitor performance monitoring 4.1.1 (2.6)')", () => {
  const plan = renderProduct("systemmonitor-performance", {});

  it("2.6: \"System Monitor Performance Monitoring Service\" (service name \"SystemMonitor Performance Service\") → Manual, monitored", () => {
    assert.deepEqual(smp.services.map((s) => [s.displayName, s.serviceName, s.startup, s.monitored]), [["System Monitor Performance Monitoring Service", "SystemMonitor Performance Service", "Manual", true]]);
  });

  it("2.6: DB MSSQL$SSCCMDB, files RM_PerformanceDataBase2.mdf / _log.ldf, database RM_PerformanceDataBase2", () => {
    assert.deepEqual(plan.databases, [{ serviceName: "MSSQL$SSCCMDB", displayName: "SQL Server (SSCCMDB)", databaseName: "RM_PerformanceDataBase2", files: ["RM_PerformanceDataBase2.mdf", "RM_PerformanceDataBase2_log.ldf"] }]);
  });

  it("2.6: no shared-disk files, no registry", () => {
    assert.deepEqual([plan.sharedDiskPlacements, plan.files, plan.registryWrites, plan.registryDeletions, plan.registrySyncKeys], [[], [], [], [], []]);
  });

  it("2.6: start database → service; stop service → database", () => {
    assert.deepEqual(plan.startOrder, ["MSSQL$SSCCMDB", "SystemMonitor Performance Service"]);
    assert.deepEqual(plan.stopOrder, ["SystemMonitor Performance Service", "MSSQL$SSCCMDB"]);
  });

  it("2.6: the DB instance runs on the same server as the service: always in its group, one group per instance", () => {
    assert.equal(smp.databases[0].includedWhen, undefined);
    assert.equal(smp.constraints[0].rule, "database-instance-in-one-group");
  });

  it("2.6: rm_client.xml and rm_service_init.xml are copied to every standby node after a change (manual step)", () => {
    const text = plan.manualSteps.map((s) => s.text).join("\n");
    assert.match(text, /%ProgramFiles%\\NEC\\SystemMonitorPerformance\\bin\\rm_client\.xml/);
    assert.match(text, /rm_service_init\.xml/);
  });
});
