// constraints.ts: each rule with a passing and a failing example; violations name product, rule and seed section.
import { strict as assert } from "node:assert";
import { CATALOG } from "../../../provider/products/catalog";
import { checkProductConstraints, DPM_MAX_IP_ADDRESSES, type ProductInstallFacts, type ProductViolation } from "../../../provider/products/constraints";
import type { ConstraintRule } from "../../../provider/products/types";
import { SAMPLE_SETTINGS, SAMPLE_SHARED_FOLDER } from "./samples";

const NODES = ["server01", "server02"];

/** seed 001 part 2 (issue 18): the samples' settings. */
const PART2_DEFAULTS: Record<string, Pick<ProductInstallFacts, "settings" | "sharedFolder">> = Object.fromEntries(
  (["esmpro-ac-iups", "esmpro-ac-snmp", "esmpro-ac-powerchute-plus", "esmpro-ac-upsmanager", "esmpro-printmanager", "esmpro-clientmanager", "esmpro-appmanager@3.4", "esmpro-appmanager@4", "esmpro-bom"] as const).map((id) => [id, { settings: SAMPLE_SETTINGS[id], sharedFolder: SAMPLE_SHARED_FOLDER[id] }]),
);

function install(name: string, product: string, group: string, extra: Partial<ProductInstallFacts> = {}): ProductInstallFacts {
  const defaults: Record<string, Pick<ProductInstallFacts, "settings" | "sharedFolder">> = {
    "printport-acos4": { settings: { windowsServer: "2008-or-later", printerLanConnectionName: "LAN 3", controlFilesFolder: "C:\\ctl", ntpServer: "ntp1" } },
    "esmpro-servermanager": { settings: { virtualComputerName: "SSC", dmiAlerts: false, trapForwarding: false }, sharedFolder: "E:\\ESMPRO" },
    deploymentmanager: { settings: {}, sharedFolder: "E:\\DPM" },
    "deploymentmanager-hpux": { settings: { managementServerName: "dpm_cluster" }, sharedFolder: "F:\\dpm_hpux" },
    systemprovisioning: { settings: {}, sharedFolder: "E:\\PVM" },
    "systemmonitor-performance": { settings: {} },
    "esmpro-serveragent": { settings: { failoverEnabledEsmproProduct: true } },
    "esmpro-servermanager@legacy": { settings: { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false }, sharedFolder: "X:\\ESMPRO" },
    "esmpro-jmss": { settings: { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" }, sharedFolder: "X:\\JMSS" },
    "esmpro-filetransfer": { settings: {} },
    "esmpro-deliverymanager": { settings: { component: "agent", clusterName: "dmcluster" } },
    "websam-netvisor": { settings: {}, sharedFolder: "X:\\ESMPRO" },
    "websam-netvisorpro": { settings: { databaseDirectory: "X:\\nvpro" }, sharedFolder: "X:\\ESMPRO" },
    "websam-appmanager@5": { settings: { form: "management-server-only" } },
    "websam-pfm": { settings: { logicalHostName: "VCOMSQL" } },
    ...PART2_DEFAULTS,
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

  describe("seed 001 part 1 rules (issue 17)", () => {
    it("esmpro-serveragent-coexistence (seed 001 §1.1.6): ESMPRO/Netvisor on the servers is refused at settings.otherProducts", () => {
      const v = checkProductConstraints([install("sa", "esmpro-serveragent", "g", { settings: { failoverEnabledEsmproProduct: false, otherProducts: ["ESMPRO/ServerManager", "ESMPRO/Netvisor"] } })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule, x.seedSection]), [["settings.otherProducts", "esmpro-serveragent-coexistence", "seed 001 §1.1.6"]]);
      assert.match(v[0].message, /cannot coexist with ESMPRO\/Netvisor/);
      assert.deepEqual(checkProductConstraints([install("sa", "esmpro-serveragent", "g", { settings: { failoverEnabledEsmproProduct: false, otherProducts: ["ESMPRO/ServerManager"] } })]), []);
    });

    it("esmpro-serveragent-clusterpro-version (seed 001 §1.1.6): ServerAgent 3.0 is refused, 3.1 passes", () => {
      const v = checkProductConstraints([install("sa", "esmpro-serveragent", "g", { settings: { failoverEnabledEsmproProduct: false, serverAgentVersion: "3.0" } })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule]), [["settings.serverAgentVersion", "esmpro-serveragent-clusterpro-version"]]);
      assert.deepEqual(checkProductConstraints([install("sa", "esmpro-serveragent", "g", { settings: { failoverEnabledEsmproProduct: false, serverAgentVersion: "3.1" } })]), []);
    });

    it("esmpro-servermanager-failover-version (seed 001 §1.2.3): 4.15 is refused, 4.16 passes", () => {
      const settings = { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false };
      const v = checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g", { settings: { ...settings, serverManagerVersion: "4.15" } })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule, x.seedSection]), [["settings.serverManagerVersion", "esmpro-servermanager-failover-version", "seed 001 §1.2.3"]]);
      assert.deepEqual(checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g")]), []);
    });

    it("esm-base-service-first-and-last (seed 001 §1.2.7) applies to the legacy ServerManager too", () => {
      const sm = install("sm", "esmpro-servermanager@legacy", "g", { settings: { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false, otherEsmBaseProducts: ["Netvisor"] } });
      const v = checkProductConstraints([install("ft", "esmpro-filetransfer", "g"), sm]);
      assert.deepEqual(v.map((x) => [x.install, x.rule, x.seedSection]), [["sm", "esm-base-service-first-and-last", "seed 001 §1.2.7"]]);
      assert.deepEqual(checkProductConstraints([sm, install("ft", "esmpro-filetransfer", "g")]), []);
    });

    it("filetransfer-before-deliverymanager (seed 001 §1.4.5, §1.5.5.3): DM without FileTransfer before it in its group fails", () => {
      assert.deepEqual(checkProductConstraints([install("ft", "esmpro-filetransfer", "g"), install("dm", "esmpro-deliverymanager", "g")]), []);
      const after = checkProductConstraints([install("dm", "esmpro-deliverymanager", "g"), install("ft", "esmpro-filetransfer", "g")]);
      assert.deepEqual(after.map((x) => [x.install, x.path, x.rule, x.seedSection]), [["dm", "group", "filetransfer-before-deliverymanager", "seed 001 §1.5.5.3"]]);
      assert.match(after[0].message, /declare it before this install/);
      const otherGroup = checkProductConstraints([install("ft", "esmpro-filetransfer", "g1"), install("dm", "esmpro-deliverymanager", "g2")]);
      assert.match(otherGroup[0].message, /must be installed in group "g2"/);
    });

    it("jmss-one-server-per-cluster (seed 001 §1.3.2): a second esmpro-jmss install fails", () => {
      assert.deepEqual(checkProductConstraints([install("j1", "esmpro-jmss", "g1")]), []);
      const v = checkProductConstraints([install("j1", "esmpro-jmss", "g1"), install("j2", "esmpro-jmss", "g2")]);
      assert.deepEqual(v.map((x) => [x.install, x.rule, x.seedSection]), [["j2", "jmss-one-server-per-cluster", "seed 001 §1.3.2"]]);
    });
  });

  describe("seed 001 part 3 rules (issue 19)", () => {
    describe("esm-base-service-first-and-last, data-driven: every product whose catalog entry says usesEsmBaseService", () => {
      it("passes: ServerManager (legacy) then Netvisor then JMSS in one group, one shared folder; Netvisor first works as well", () => {
        assert.deepEqual(checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g"), install("nv", "websam-netvisor", "g"), install("jmss", "esmpro-jmss", "g")]), []);
        assert.deepEqual(checkProductConstraints([install("nv", "websam-netvisor", "g"), install("sm", "esmpro-servermanager@legacy", "g")]), []);
      });

      it("fails: an install before the first ESM-base product of a group where two share the base (no otherEsmBaseProducts setting needed), reported on it", () => {
        const v = checkProductConstraints([install("ft", "esmpro-filetransfer", "g"), install("nv", "websam-netvisor", "g"), install("sm", "esmpro-servermanager@legacy", "g")]);
        assert.deepEqual(v.map((x) => [x.install, x.path, x.rule, x.seedSection]), [["nv", "group", "esm-base-service-first-and-last", "seed 001 §2.1.3, §2.1.7"]]);
        assert.match(v[0].message, /shared with "sm" and must start first and stop last, but "ft" come\(s\) before it/);
      });

      it("fails: an ESMPRO/BASE product in another group than the first (Nvbase fails over with all of them)", () => {
        const v = checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g1"), install("nvpro", "websam-netvisorpro", "g2")]);
        assert.deepEqual(v.map((x) => [x.install, x.path, x.rule]), [["nvpro", "group", "esm-base-service-first-and-last"]]);
        assert.match(v[0].message, /put this install in group "g1"/);
      });

      it("ClientManager (it runs on the base without moving Nvwork): another shared folder is fine, but it follows ServerManager's group and order", () => {
        const cm = (group: string) => install("cm", "esmpro-clientmanager", group, { sharedFolder: "X:\\CM" });
        assert.deepEqual(checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g"), cm("g")]), []);
        assert.deepEqual(checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g1"), cm("g2")]).map((x) => [x.install, x.path, x.rule]), [["cm", "group", "esm-base-service-first-and-last"]]);
      });

      it("fails: a second work directory (another shared folder) for the same ESM base, named at sharedFolder", () => {
        const v = checkProductConstraints([install("sm", "esmpro-servermanager@legacy", "g"), install("nv", "websam-netvisor", "g", { sharedFolder: "X:\\NETVISOR" })]);
        assert.deepEqual(v.map((x) => [x.install, x.path, x.rule]), [["nv", "sharedFolder", "esm-base-service-first-and-last"]]);
        assert.match(v[0].message, /use sharedFolder X:\\ESMPRO/);
      });
    });

    it("netvisor-clusterpro-version (seed 001 §2.1.2, §2.2.2): Netvisor on 7.0 and NetvisorPro on 5.1 are refused; 6.0 / 6.1 pass", () => {
      const nv = checkProductConstraints([install("nv", "websam-netvisor", "g", { settings: { clusterproVersion: "7.0" } })]);
      assert.deepEqual(nv.map((x) => [x.path, x.rule, x.seedSection]), [["settings.clusterproVersion", "netvisor-clusterpro-version", "seed 001 §2.1.2"]]);
      const pro = checkProductConstraints([install("nvpro", "websam-netvisorpro", "g", { settings: { databaseDirectory: "X:\\nvpro", clusterproVersion: "5.1" } })]);
      assert.deepEqual(pro.map((x) => [x.path, x.rule, x.seedSection]), [["settings.clusterproVersion", "netvisor-clusterpro-version", "seed 001 §2.2.2"]]);
      assert.deepEqual(checkProductConstraints([install("nv", "websam-netvisor", "g", { settings: { clusterproVersion: "6.0" } })]), []);
      assert.deepEqual(checkProductConstraints([install("nvpro", "websam-netvisorpro", "g", { settings: { databaseDirectory: "X:\\nvpro", clusterproVersion: "6.1" } })]), []);
    });

    it("netvisor-not-with-clusterpro-manager (seed 001 §2.1.6): the CLUSTERPRO Manager on the servers is refused; LAN management agent and NodeManager too", () => {
      const v = checkProductConstraints([install("nv", "websam-netvisor", "g", { settings: { clusterproManagerOnServer: true, lanManagementAgent: true, nodeManager: true } })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule]), [["settings.clusterproManagerOnServer", "netvisor-not-with-clusterpro-manager"], ["settings.lanManagementAgent", "settings"], ["settings.nodeManager", "settings"]]);
      assert.match(v[1].message, /LAN management agent cannot be used on a cluster/);
    });

    it("appmanager-clusterpro-version and appmanager-supported-agents (seed 001 §2.3.3): 6.0 and a Lotus Notes agent are refused", () => {
      const v = checkProductConstraints([install("am", "websam-appmanager@5", "g", { settings: { form: "all-on-cluster", clusterproVersion: "6.0", agents: ["SQL Server", "Lotus Notes"] } })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule, x.seedSection]).sort(), [["settings.agents", "appmanager-supported-agents", "seed 001 §2.3.3.2"], ["settings.clusterproVersion", "appmanager-clusterpro-version", "seed 001 §2.3.3"]]);
      assert.deepEqual(checkProductConstraints([install("am", "websam-appmanager@5", "g", { settings: { form: "all-on-cluster", clusterproVersion: "7.0", agents: ["Exchange Server"] } })]), []);
    });

    it("pfm-clusterpro-version and pfm-supported-agents (seed 001 §2.4.3): 6.0 and an Agent for Exchange are refused", () => {
      const v = checkProductConstraints([install("pfm", "websam-pfm", "g", { settings: { logicalHostName: "VCOMSQL", clusterproVersion: "6.0", agents: ["Exchange"] } })]);
      assert.deepEqual(v.map((x) => [x.path, x.rule]).sort(), [["settings.agents", "pfm-supported-agents"], ["settings.clusterproVersion", "pfm-clusterpro-version"]]);
      assert.deepEqual(checkProductConstraints([install("pfm", "websam-pfm", "g", { settings: { logicalHostName: "VCOMSQL", agents: ["SAP R/3", "Domino"] } })]), []);
    });
  });

  describe("seed 001 part 2 (issue 18)", () => {
    const nodes = (n: number) => Array.from({ length: n }, (_, i) => `server0${i + 1}`);
    const at = (v: ProductViolation[]) => v.map((x) => [x.install, x.rule, x.path, x.seedSection]);

    it("catalog-coexistence (seed 001 §1.1.6 (3)): ClientManager and ServerAgent on the same cluster fail, each alone passes", () => {
      assert.deepEqual(checkProductConstraints([install("cm", "esmpro-clientmanager", "g")]), []);
      const v = checkProductConstraints([install("sa", "esmpro-serveragent", "g0"), install("cm", "esmpro-clientmanager", "g")]);
      assert.deepEqual(at(v), [["cm", "catalog-coexistence", "product", "seed 001 §1.1.6 (3)"]]);
      assert.match(v[0].message, /cannot coexist with ESMPRO\/ServerAgent \("sa"\)/);
    });

    it("ac-cluster-topology (seed 001 §1.6): I-UPS on 3 nodes needs AC Enterprise; 5 shared-disk nodes refused; V.24 on 2 nodes only; LAN power-on on 3+ nodes only by Client 監視", () => {
      const iups = (settings: object, n: number) => install("ac", "esmpro-ac-iups", "g", { clusterNodes: nodes(n), settings: { ...(SAMPLE_SETTINGS["esmpro-ac-iups"] as object), ...settings } });
      assert.deepEqual(checkProductConstraints([iups({}, 2)]), []);
      assert.deepEqual(at(checkProductConstraints([iups({}, 3)])), [["ac", "ac-cluster-topology", "settings.acEnterprise", "seed 001 §1.6.1, §1.6.2, §1.6.7"]]);
      assert.deepEqual(checkProductConstraints([iups({ acEnterprise: true, lanPowerOn: "client-monitoring" }, 4)]), []);
      assert.deepEqual(checkProductConstraints([iups({ acEnterprise: true }, 5)]).map((x) => x.path), ["settings.sharedDisk"]);
      assert.deepEqual(checkProductConstraints([iups({ acEnterprise: true, sharedDisk: false }, 5)]), []);
      assert.deepEqual(checkProductConstraints([iups({ acEnterprise: true, v24LineMonitoring: true, lanPowerOn: "tcpip-protocol" }, 3)]).map((x) => x.path), ["settings.v24LineMonitoring", "settings.lanPowerOn"]);
    });

    it("ac-cluster-topology (seed 001 §1.7.1): AMC runs 2 to 16 nodes; without a management terminal 2 control terminals for 2 nodes, 3 for 3 or more", () => {
      const amc = (settings: object, n: number) => install("amc", "esmpro-ac-snmp", "g", { clusterNodes: nodes(n), settings: { ...(SAMPLE_SETTINGS["esmpro-ac-snmp"] as object), ...settings } });
      assert.deepEqual(checkProductConstraints([amc({}, 16)]), []);
      assert.match(checkProductConstraints([amc({}, 17)])[0].message, /2 to 16 nodes; this cluster has 17/);
      assert.match(checkProductConstraints([amc({}, 1)])[0].message, /2 to 16 nodes/);
      assert.deepEqual(checkProductConstraints([amc({ managementTerminal: false, controlTerminals: 2 }, 2)]), []);
      assert.deepEqual(checkProductConstraints([amc({ managementTerminal: false, controlTerminals: 3 }, 4)]), []);
      assert.deepEqual(at(checkProductConstraints([amc({ managementTerminal: false, controlTerminals: 2 }, 3)])), [["amc", "ac-cluster-topology", "settings.controlTerminals", "seed 001 §1.7.1"]]);
    });

    it("ac-no-powerchute-on-amc (seed 001 §1.7.7 (3)): PowerChute plus with AMC on the cluster fails", () => {
      assert.deepEqual(checkProductConstraints([install("pcp", "esmpro-ac-powerchute-plus", "g")]), []);
      assert.deepEqual(at(checkProductConstraints([install("amc", "esmpro-ac-snmp", "g"), install("pcp", "esmpro-ac-powerchute-plus", "g")])), [["pcp", "ac-no-powerchute-on-amc", "product", "seed 001 §1.7.7 (3)"]]);
    });

    it("ac-settings (seed 001 §1.7.7 5): the control terminal's confirmation time at the formula's value fails, one second more passes", () => {
      const amc = (seconds: number) => install("amc", "esmpro-ac-snmp", "g", { settings: { ...(SAMPLE_SETTINGS["esmpro-ac-snmp"] as object), controlTerminalUpsConfirmSeconds: seconds } });
      assert.deepEqual(checkProductConstraints([amc(257)]), []);
      assert.deepEqual(at(checkProductConstraints([amc(256)])), [["amc", "ac-settings", "settings.controlTerminalUpsConfirmSeconds", "seed 001 §1.7.7 5"]]);
    });

    it("printmanager-operation-version, clientmanager-manager-only, appmanager-clusterpro-version: settings refusals carry their rule and seed", () => {
      const pm = checkProductConstraints([install("pm", "esmpro-printmanager", "g", { settings: { printManagerVersion: "2.0", operation: "native" } })]);
      assert.deepEqual(at(pm), [["pm", "printmanager-operation-version", "settings.operation", "seed 001 §1.10.1"]]);
      const cm = checkProductConstraints([install("cm", "esmpro-clientmanager", "g", { settings: { ...(SAMPLE_SETTINGS["esmpro-clientmanager"] as object), component: "relay-agent" } })]);
      assert.deepEqual(at(cm), [["cm", "clientmanager-manager-only", "settings.component", "seed 001 §1.11.1"]]);
      const am = checkProductConstraints([install("am", "esmpro-appmanager@3.4", "g", { settings: { clusterproVersion: "7.0", role: "repository-and-management-server" } })]);
      assert.deepEqual(at(am), [["am", "appmanager-clusterpro-version", "settings.clusterproVersion", "seed 001 §1.12.1"]]);
    });

    it("appmanager-one-clustered-agent-group (seed 001 §1.12.7): clustered agents in two groups fail; in one group, or switch-jobs, pass", () => {
      const agent = (name: string, group: string, agentMethod = "clustered-agent") => install(name, "esmpro-appmanager@3.4", group, { settings: { clusterproVersion: "6.0", role: "agent", agentMethod, ...(agentMethod === "switch-jobs" ? { masterHost: "NODE1" } : {}) } });
      assert.deepEqual(checkProductConstraints([agent("a1", "g1"), agent("a2", "g1"), agent("a3", "g2", "switch-jobs")]), []);
      assert.deepEqual(at(checkProductConstraints([agent("a1", "g1"), agent("a2", "g2")])), [["a2", "appmanager-one-clustered-agent-group", "group", "seed 001 §1.12.7"]]);
    });

    it("bom-monitor-off-first (seed 001 §1.14.4.1): a BOM install declared before another install of its group fails; last passes", () => {
      assert.deepEqual(checkProductConstraints([install("ft", "esmpro-filetransfer", "g"), install("bom", "esmpro-bom", "g"), install("bom2", "esmpro-bom", "g", { settings: { bomVersion: "4.0", monitoredItem: "APPL004" } })]), []);
      const v = checkProductConstraints([install("bom", "esmpro-bom", "g"), install("ft", "esmpro-filetransfer", "g")]);
      assert.deepEqual(at(v), [["bom", "bom-monitor-off-first", "group", "seed 001 §1.14.4.1"]]);
    });
  });

  it("every rule a product declares has a failing example above", () => {
    const tested: ConstraintRule[] = [
      "printport-one-way-standby",
      "esmpro-and-systemprovisioning-same-group",
      "esm-base-service-first-and-last",
      "dpm-ip-address-limit",
      "dpm-failover-ip-before-services",
      "dpm-hpux-management-server-name",
      "database-instance-in-one-group",
      "esmpro-serveragent-coexistence",
      "esmpro-serveragent-clusterpro-version",
      "esmpro-servermanager-failover-version",
      "filetransfer-before-deliverymanager",
      "jmss-one-server-per-cluster",
      "netvisor-clusterpro-version",
      "netvisor-not-with-clusterpro-manager",
      "appmanager-clusterpro-version",
      "appmanager-supported-agents",
      "pfm-clusterpro-version",
      "pfm-supported-agents",
      "catalog-coexistence",
      "ac-cluster-topology",
      "ac-settings",
      "ac-no-powerchute-on-amc",
      "printmanager-operation-version",
      "clientmanager-manager-only",
      "appmanager-one-clustered-agent-group",
      "bom-monitor-off-first",
    ];
    const declared = new Set(Object.values(CATALOG).flatMap((p) => p.constraints.map((c) => c.rule)));
    assert.deepEqual([...declared].sort(), [...tested].sort());
  });
});
