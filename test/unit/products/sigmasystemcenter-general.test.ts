// The facts of digest 003 "General rules (chapter 1)" that land in the catalog data.
import { strict as assert } from "node:assert";
import { CATALOG } from "../../../provider/products/catalog";
import { renderProduct } from "../../../provider/products/render";
import { ESM_BASE_PRODUCTS } from "../../../provider/products/settings";

const steps = (texts: { text: string }[]) => texts.map((s) => s.text).join("\n");

describe("catalog: SigmaSystemCenter (digest 003 'General rules (chapter 1)')", () => {
  it("ESMPRO/ServerManager and SystemProvisioning must run on the same server and fail over together (both declare the rule)", () => {
    for (const id of ["esmpro-servermanager", "systemprovisioning"] as const)
      assert.ok(CATALOG[id].constraints.some((c) => c.rule === "esmpro-and-systemprovisioning-same-group" && c.seed === "seed 003 §1.1"), id);
  });

  it("\"ESM Base Service\" (Nvbase) is shared by ClientManager, Netvisor, NetvisorPro, UXServerManager; those fail over together too", () => {
    assert.deepEqual([...ESM_BASE_PRODUCTS], ["ClientManager", "Netvisor", "NetvisorPro", "UXServerManager"]);
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "SSC", dmiAlerts: false, trapForwarding: false, otherEsmBaseProducts: ["ClientManager"] }, "E:\\ESMPRO");
    assert.ok(plan.manualSteps.some((s) => s.seed === "seed 003 §1.1" && /fail over together/.test(s.text)));
  });

  it("SNMP Trap Service and Windows Management Instrumentation: monitor as related services (recommended, manual step)", () => {
    const text = steps(CATALOG["esmpro-servermanager"].manualSteps);
    assert.match(text, /SNMP Trap Service/);
    assert.match(text, /Windows Management Instrumentation/);
  });

  it("Apache Tomcat: its clustering feature must not be used, Tomcat runs on all nodes; DHCP: consider a secondary DHCP server", () => {
    const text = steps(CATALOG.deploymentmanager.manualSteps);
    assert.match(text, /Tomcat 6's clustering feature/);
    assert.match(text, /every node \(active-active\)/);
    assert.match(text, /secondary DHCP server/);
  });

  it("SQL Server 2005 Express must be replaced by Standard/Enterprise for clustering; DB clustering itself is out of scope", () => {
    for (const id of ["systemprovisioning", "systemmonitor-performance", "deploymentmanager"] as const)
      assert.ok(CATALOG[id].manualSteps.some((s) => s.seed === "seed 003 §1.3" && /Standard or Enterprise/.test(s.text)), id);
  });

  it("use the failover IP for the management-server IP settings; DPM: at most 128 addresses, failover IP included", () => {
    assert.match(steps(CATALOG["esmpro-servermanager"].manualSteps), /failover IP/);
    assert.ok(CATALOG.deploymentmanager.constraints.some((c) => c.rule === "dpm-ip-address-limit" && c.seed === "seed 003 §1.4"));
  });

  it("binaries on each node's local disk, only the listed items on the shared disk — except DeploymentManager (HP-UX), installed on it", () => {
    assert.deepEqual(CATALOG["deploymentmanager-hpux"].sharedDiskPlacements, []);
    assert.match(steps(CATALOG["deploymentmanager-hpux"].manualSteps), /onto the shared disk from each node/);
    for (const p of Object.values(CATALOG)) for (const placement of p.sharedDiskPlacements) assert.doesNotMatch(placement.target, /^[A-Za-z]:/, "targets are below the shared folder");
  });
});
