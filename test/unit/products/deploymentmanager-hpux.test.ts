// Every fact of digest 003 "DeploymentManager (HP-UX) R2.1 (2.4)", asserted on the catalog data.
import { strict as assert } from "node:assert";
import { deploymentManagerHpux as hpux } from "../../../provider/products/deploymentmanager-hpux";
import { renderProduct } from "../../../provider/products/render";

const NAMES = ["DeploymentManager (HP-UX)", "DeploymentManager (HP-UX) Constructor", "DeploymentManager (HP-UX) Watcher"];

describe("catalog: deploymentmanager-hpux (digest 003 'DeploymentManager (HP-UX) R2.1 (2.4)')", () => {
  const plan = renderProduct("deploymentmanager-hpux", { managementServerName: "dpm_cluster" }, "F:\\dpm_hpux");

  it("2.4: three services → Manual, display name = service name", () => {
    assert.deepEqual(hpux.services.map((s) => s.displayName), NAMES);
    for (const s of hpux.services) {
      assert.equal(s.serviceName, s.displayName);
      assert.equal(s.startup, "Manual");
    }
  });

  it("2.4: installed ON the shared disk: no placements, no registry changes", () => {
    assert.deepEqual([hpux.sharedDiskPlacements, hpux.registryWrites, hpux.registryDeletions, hpux.registrySync], [[], [], [], []]);
  });

  it("2.4: only \"DeploymentManager (HP-UX) Watcher\" is monitored", () => {
    assert.deepEqual(plan.monitoredServices, ["DeploymentManager (HP-UX) Watcher"]);
  });

  it("2.4: start (HP-UX) → Constructor → Watcher; stop Watcher → Constructor → (HP-UX)", () => {
    assert.deepEqual(plan.startOrder, NAMES);
    assert.deepEqual(plan.stopOrder, [...NAMES].reverse());
    assert.equal(plan.stopOrderIsReverse, true);
  });

  it("2.4: opc.properties gets opc.0001.hostname=<management server name>", () => {
    assert.deepEqual(plan.propertyEdits, [{ path: "F:\\dpm_hpux\\dpm\\0000\\conf\\opc.properties", on: "active", key: "opc.0001.hostname", value: "dpm_cluster" }]);
    assert.equal(hpux.constraints[0].rule, "dpm-hpux-management-server-name");
    assert.equal(hpux.constraints[0].checkedBy, "settings");
  });
});
