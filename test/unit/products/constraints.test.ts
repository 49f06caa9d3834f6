// constraints.ts: each rule with a passing and a failing example; violations name product, rule and seed section.
import { strict as assert } from "node:assert";
import { CATALOG } from "../../../provider/products/catalog";
import { checkProductConstraints, DPM_MAX_IP_ADDRESSES, type ProductInstallFacts, type ProductViolation } from "../../../provider/products/constraints";
import type { ConstraintRule } from "../../../provider/products/types";

const NODES = ["server01", "server02"];

function install(name: string, product: string, group: string, extra: Partial<ProductInstallFacts> = {}): ProductInstallFacts {
  const defaults: Record<string, Pick<ProductInstallFacts, "settings" | "sharedFolder">> = {
    "printport-acos4": { settings: { windowsServer: "2008-or-later", printerLanConnectionName: "LAN 3", controlFilesFolder: "C:\\ctl", ntpServer: "ntp1" } },
    "esmpro-servermanager": { settings: { virtualComputerName: "SSC", dmiAlerts: false, trapForwarding: false }, sharedFolder: "E:\\ESMPRO" },
    deploymentmanager: { settings: {}, sharedFolder: "E:\\DPM" },
    "deploymentmanager-hpux": { settings: { managementServerName: "dpm_cluster" }, sharedFolder: "F:\\dpm_hpux" },
    systemprovisioning: { settings: {}, sharedFolder: "E:\\PVM" },
    "systemmonitor-performance": { settings: {} },
  };
  return { name, product, group, groupStartupServers: [], clusterNodes: NODES, groupIpAddresses: ["192.168.1.14"], ...defaults[product], ...extra };
}

const rules = (violations: ProductViolation[]) => violations.map((v) => v.rule);

describe("products: constraints at preview", () => {
  it("a clean SigmaSystemCenter management server in one group has no violations", () => {
    const v = checkProductConstraints([
      install("esmpro", "esmpro-servermanager", "ssc"),
      install("pvm", "systemprovisioning", "ssc"),
      install("perf", "systemmonitor-performance", "ssc"),
      install("dpm", "deploymentmanager", "ssc"),
      install("dpmhpux", "deploymentmanager-hpux", "ssc"),
    ]);
    assert.deepEqual(v, []);
  });

  describe("printport-one-way-standby (seed 000 §1.1)", () => {
    it("passes: one PrintPort group (failover on server01 → server02)", () => {
      assert.deepEqual(checkProductConstraints([install("pp", "printport-acos4", "failover", { groupStartupServers: ["server01", "server02"] })]), []);
    });

    it("fails: PrintPort groups on different primaries = mutual standby", () => {
      const v = checkProductConstraints([
        install("pp1", "printport-acos4", "failover", { groupStartupServers: ["server01", "server02"] }),
        install("pp2", "printport-acos4", "failover2", { groupStartupServers: ["server02", "server01"] }),
      ]);
      assert.equal(v.length, 1);
      assert.deepEqual({ ...v[0], message: undefined }, { install: "pp2", path: "group", product: "printport-acos4", rule: "printport-one-way-standby", seedSection: "seed 000 §1.1", message: undefined });
      assert.match(v[0].message, /^PrintPort for ACOS-4: .*mutual standby is not possible/);
    });

    it("fails: a second PrintPort group on the same primary, or a second install in the same group", () => {
      assert.deepEqual(rules(checkProductConstraints([install("pp1", "printport-acos4", "a"), install("pp2", "printport-acos4", "b")])), ["printport-one-way-standby"]);
      assert.deepEqual(rules(checkProductConstraints([install("pp1", "printport-acos4", "a"), install("pp2", "printport-acos4", "a")])), ["printport-one-way-standby"]);
    });
  });

  describe("esmpro-and-systemprovisioning-same-group (seed 003 §1.1)", () => {
    it("passes: same group", () => {
      assert.deepEqual(checkProductConstraints([install("esmpro", "esmpro-servermanager", "ssc"), install("pvm", "systemprovisioning", "ssc")]), []);
    });

    it("fails: different groups, reported on SystemProvisioning's group", () => {
      const [v, ...rest] = checkProductConstraints([install("esmpro", "esmpro-servermanager", "ssc"), install("pvm", "systemprovisioning", "pvm")]);
      assert.deepEqual(rest, []);
      assert.deepEqual([v.install, v.path, v.product, v.rule, v.seedSection], ["pvm", "group", "systemprovisioning", "esmpro-and-systemprovisioning-same-group", "seed 003 §1.1"]);
    });
  });

  describe("esm-base-service-first-and-last (seed 003 §2.2.8)", () => {
    const shared = { settings: { virtualComputerName: "SSC", dmiAlerts: false, trapForwarding: false, otherEsmBaseProducts: ["Netvisor"] } };

    it("passes: with other ESMPRO/BASE products, ESMPRO/ServerManager is the first install of its group", () => {
      assert.deepEqual(checkProductConstraints([install("esmpro", "esmpro-servermanager", "ssc", shared), install("pvm", "systemprovisioning", "ssc")]), []);
    });

    it("passes: without other ESMPRO/BASE products the rule does not apply", () => {
      assert.deepEqual(checkProductConstraints([install("pvm", "systemprovisioning", "ssc"), install("esmpro", "esmpro-servermanager", "ssc")]), []);
    });

    it("fails: another install starts before ESM Base Service", () => {
      const v = checkProductConstraints([install("pvm", "systemprovisioning", "ssc"), install("esmpro", "esmpro-servermanager", "ssc", shared)]);
      assert.deepEqual(rules(v), ["esm-base-service-first-and-last"]);
      assert.equal(v[0].seedSection, "seed 003 §2.2.8");
      assert.match(v[0].message, /"pvm"/);
    });
  });

  describe("dpm-failover-ip-before-services (seed 003 §2.3.5)", () => {
    it("passes: the group has a floating IP", () => {
      assert.deepEqual(checkProductConstraints([install("dpm", "deploymentmanager", "dpm")]), []);
    });

    it("fails: no floating IP in the group", () => {
      const v = checkProductConstraints([install("dpm", "deploymentmanager", "dpm", { groupIpAddresses: [] })]);
      assert.deepEqual(v.map((x) => [x.rule, x.seedSection, x.path]), [["dpm-failover-ip-before-services", "seed 003 §2.3.5", "group"]]);
    });
  });

  describe("dpm-ip-address-limit (seed 003 §1.4)", () => {
    const addresses = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`);

    it("passes: 127 node addresses + the failover IP = 128", () => {
      const v = checkProductConstraints([install("dpm", "deploymentmanager", "dpm", { nodeIpAddresses: { server01: addresses(127), server02: addresses(2) } })]);
      assert.deepEqual(v, []);
      assert.equal(DPM_MAX_IP_ADDRESSES, 128);
    });

    it("fails: 128 node addresses + the failover IP = 129, on the node that has them", () => {
      const v = checkProductConstraints([install("dpm", "deploymentmanager", "dpm", { nodeIpAddresses: { server01: addresses(128), server02: addresses(2) } })]);
      assert.deepEqual(rules(v), ["dpm-ip-address-limit"]);
      assert.match(v[0].message, /server server01 would have 129 IP addresses/);
    });

    it("fails: floating IPs of another group that can start on the node count too", () => {
      const v = checkProductConstraints([
        install("dpm", "deploymentmanager", "dpm", { nodeIpAddresses: { server01: addresses(127) } }),
        install("perf", "systemmonitor-performance", "perf", { groupIpAddresses: ["192.168.1.20"] }),
      ]);
      assert.deepEqual(rules(v), ["dpm-ip-address-limit"]);
    });
  });

  describe("database-instance-in-one-group (seed 003 §2.5.1, §2.6.7)", () => {
    it("passes: SystemProvisioning and SystemMonitor share MSSQL$SSCCMDB in one group", () => {
      assert.deepEqual(checkProductConstraints([install("pvm", "systemprovisioning", "ssc"), install("perf", "systemmonitor-performance", "ssc")]), []);
    });

    it("passes: different groups with different instances, or SystemProvisioning's database not clustered", () => {
      assert.deepEqual(checkProductConstraints([install("pvm", "systemprovisioning", "a"), install("perf", "systemmonitor-performance", "b", { settings: { databaseInstance: "PERFDB" } })]), []);
      assert.deepEqual(checkProductConstraints([install("pvm", "systemprovisioning", "a", { settings: { clusterDatabase: false } }), install("perf", "systemmonitor-performance", "b")]), []);
    });

    it("fails: the same instance in two groups (case-insensitive service names)", () => {
      const v = checkProductConstraints([install("pvm", "systemprovisioning", "a", { settings: { databaseInstance: "sscCMDB" } }), install("perf", "systemmonitor-performance", "b")]);
      assert.deepEqual(v.map((x) => [x.install, x.rule, x.seedSection]), [["perf", "database-instance-in-one-group", "seed 003 §2.6.7"]]);
    });
  });

  describe("dpm-hpux-management-server-name (seed 003 §2.4.7, checked with the settings)", () => {
    it("passes: managementServerName given", () => {
      assert.deepEqual(checkProductConstraints([install("hpux", "deploymentmanager-hpux", "dpm")]), []);
    });

    it("fails: missing, reported as the rule with the settings path", () => {
      const v = checkProductConstraints([install("hpux", "deploymentmanager-hpux", "dpm", { settings: {} })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule, x.seedSection]), [["settings.managementServerName", "dpm-hpux-management-server-name", "seed 003 §2.4.7"]]);
      assert.match(v[0].message, /opc\.0001\.hostname/);
    });
  });

  it("other invalid input is reported as rule \"settings\" with its path, and kept out of the other rules", () => {
    const v = checkProductConstraints([install("esmpro", "esmpro-servermanager", "ssc", { settings: { virtualComputerName: "SSC", dmiAlerts: false } }), install("x", "nope", "ssc")]);
    assert.deepEqual(v.map((x) => [x.install, x.path, x.rule]), [["esmpro", "settings.trapForwarding", "settings"], ["x", "product", "settings"]]);
  });

  it("every rule a product declares has a failing example above", () => {
    const tested: ConstraintRule[] = ["printport-one-way-standby", "esmpro-and-systemprovisioning-same-group", "esm-base-service-first-and-last", "dpm-ip-address-limit", "dpm-failover-ip-before-services", "dpm-hpux-management-server-name", "database-instance-in-one-group"];
    const declared = new Set(Object.values(CATALOG).flatMap((p) => p.constraints.map((c) => c.rule)));
    assert.deepEqual([...declared].sort(), [...tested].sort());
  });
});
