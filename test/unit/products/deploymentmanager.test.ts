// Every fact of digest 003 "DeploymentManager 5.22 (2.3)" (and its chapter-1 rules), asserted on the catalog data.
import { strict as assert } from "node:assert";
import { deploymentManager as dpm } from "../../../provider/products/deploymentmanager";
import { renderProduct } from "../../../provider/products/render";

const SERVICES: [string, string][] = [
  ["DeploymentManager API Service", "apiserv"],
  ["DeploymentManager Backup/Restore Management", "bkressvc"],
  ["DeploymentManager Client Management", "cliwatch"],
  ["DeploymentManager client start", "clistart"],
  ["DeploymentManager Control Service", "RibBoneService"],
  ["DeploymentManager Get Client Information", "depssvc"],
  ["DeploymentManager PXE Management", "PxeSvc"],
  ["DeploymentManager PXE Mtftp", "PxeMtftp"],
  ["DeploymentManager Remote Update Service", "rupdssvc"],
  ["DeploymentManager Scenario Management", "snrwatch"],
  ["DeploymentManager Schedule Management", "schwatch"],
  ["DeploymentManager Transfer Management", "ftsvc"],
];
const KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager";

describe("catalog: deploymentmanager (digest 003 'DeploymentManager 5.22 (2.3)')", () => {
  const plan = renderProduct("deploymentmanager", {}, "E:\\DPM");

  it("2.3: the twelve services (display names prefixed \"DeploymentManager \") → Manual, and monitored", () => {
    assert.deepEqual(dpm.services.map((s) => [s.displayName, s.serviceName]), SERVICES);
    for (const s of dpm.services) {
      assert.equal(s.startup, "Manual");
      assert.equal(s.monitored, true);
      assert.ok(s.displayName.startsWith("DeploymentManager "));
    }
    assert.equal(plan.monitoredServices.length, 12);
  });

  it("2.3: DB instance MSSQL$DPMDBI / \"SQL Server (DPMDBI)\", files DPM_DATA.mdf, DPM_LOG.ldf, database DPM — in the group when clustered", () => {
    assert.deepEqual(dpm.databases.map((d) => [d.serviceName, d.displayName, d.files, d.databaseName]), [["MSSQL$DPMDBI", "SQL Server (DPMDBI)", ["DPM_DATA.mdf", "DPM_LOG.ldf"], "DPM"]]);
    assert.deepEqual(plan.databases, []);
    const clustered = renderProduct("deploymentmanager", { clusterDatabase: true, databaseFolder: "DPMDB" }, "E:\\DPM");
    assert.equal(clustered.startOrder[0], "MSSQL$DPMDBI");
    assert.equal(clustered.stopOrder.at(-1), "MSSQL$DPMDBI");
  });

  // The seed prints %ProgramFiles%, as the 32-bit program sees it: on x64 that is Program Files (x86) (catalog installFolder).
  it("2.3: shared disk: copy %ProgramFiles%\\NEC\\DeploymentManager\\Datafile and \\PXE (Program Files (x86) on x64)", () => {
    assert.deepEqual(plan.sharedDiskPlacements.map((p) => [p.operation, p.source, p.target]), [
      ["copy", "%ProgramFiles(x86)%\\NEC\\DeploymentManager\\Datafile", "E:\\DPM\\Datafile"],
      ["copy", "%ProgramFiles(x86)%\\NEC\\DeploymentManager\\PXE", "E:\\DPM\\PXE"],
    ]);
  });

  it("2.3: the backup image (.lbr) folder is moved, then the backup/restore scenarios' image paths are fixed", () => {
    const withImages = renderProduct("deploymentmanager", { backupImageFolder: "D:\\DPMImages" }, "E:\\DPM");
    assert.deepEqual(withImages.sharedDiskPlacements[2], { operation: "move", kind: "folder", source: "D:\\DPMImages", target: "E:\\DPM\\BackupImage", onlyIfExists: false });
    assert.ok(withImages.manualSteps.some((s) => /image paths of backup\/restore scenarios/.test(s.text)));
  });

  it("2.3: the shared \"Deploy\" folder is moved later with services running (2.3.7, a manual step)", () => {
    assert.ok(plan.manualSteps.some((s) => s.seed === "seed 003 §2.3.7" && /empty folder on the shared disk/.test(s.text)));
  });

  it("2.3: registry modify (REG_SZ, data = folder on the shared disk) of the thirteen values and PXE\\Mftpd BASE_DIR", () => {
    const names = ["AuReportDir", "BmpDir", "ClientDir", "DataFileDir", "PxeDosFdDir", "PxeGhostDir", "PxeHW64Dir", "PxeHwDir", "PxeLinuxDir", "PxeNbpDir", "PxeNbpFdDir", "ScenarioDir", "SnrReportDir"];
    assert.deepEqual(plan.registryWrites.map((w) => [w.key, w.name, w.type]), [...names.map((n) => [KEY, n, "REG_SZ"]), [`${KEY}\\PXE\\Mftpd`, "BASE_DIR", "REG_SZ"]]);
    for (const w of plan.registryWrites) {
      assert.deepEqual(w.data, {
        kind: "relocated",
        mappings: [
          { from: "%ProgramFiles(x86)%\\NEC\\DeploymentManager\\Datafile", to: "E:\\DPM\\Datafile" },
          { from: "%ProgramFiles(x86)%\\NEC\\DeploymentManager\\PXE", to: "E:\\DPM\\PXE" },
        ],
      });
    }
  });

  it("2.3: if the DB is clustered, DeploymentManager_DB DBInstallDir = the folder on the shared disk", () => {
    const clustered = renderProduct("deploymentmanager", { clusterDatabase: true, databaseFolder: "DPMDB" }, "E:\\DPM");
    const write = clustered.registryWrites.find((w) => w.name === "DBInstallDir");
    assert.deepEqual(write && [write.key, write.data], ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager_DB", { kind: "value", value: "E:\\DPM\\DPMDB" }]);
    assert.ok(!plan.registryWrites.some((w) => w.name === "DBInstallDir"));
  });

  it("2.3: registry sync HKLM\\SOFTWARE\\NEC\\DeploymentManager, named where the 32-bit view keeps it", () => {
    assert.deepEqual(plan.registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager"]);
  });

  it("2.3: start/stop all 12 services, no order constraint", () => {
    assert.equal(dpm.orderMatters, false);
    assert.deepEqual([...plan.startOrder].sort(), SERVICES.map(([, n]) => n).sort());
    assert.deepEqual([...plan.stopOrder].sort(), SERVICES.map(([, n]) => n).sort());
  });

  it("2.3: the failover IP must be active BEFORE the services start (a preview constraint)", () => {
    assert.equal(dpm.constraints.find((c) => c.rule === "dpm-failover-ip-before-services")?.seed, "seed 003 §2.3.5");
  });

  it("2.3: web console and administrator password are not propagated: repeat on each node (manual step)", () => {
    assert.ok(plan.manualSteps.some((s) => s.seed === "seed 003 §2.3.8"));
  });

  it("chapter 1: at most 128 IP addresses on the DPM management server, failover IP included (a preview constraint); Tomcat clustering not used", () => {
    assert.equal(dpm.constraints.find((c) => c.rule === "dpm-ip-address-limit")?.seed, "seed 003 §1.4");
    assert.ok(plan.manualSteps.some((s) => /Tomcat/.test(s.text)));
  });
});
