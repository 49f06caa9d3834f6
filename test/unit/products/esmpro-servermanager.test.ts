// Every fact of digest 003 "ESMPRO/ServerManager 4.5 (2.2)" (and its chapter-1 rules), asserted on the catalog data.
import { strict as assert } from "node:assert";
import { esmproServerManager as esm } from "../../../provider/products/esmpro-servermanager";
import { renderProduct } from "../../../provider/products/render";
import { ALERT_MANAGER_RECEIVE_SYNC_KEY, ALERT_MANAGER_SOCKET_SYNC_KEY, ESM_BASE_PRODUCTS } from "../../../provider/products/settings";

const render = (dmiAlerts: boolean, trapForwarding: boolean, extra: object = {}) =>
  renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts, trapForwarding, ...extra }, "E:\\ESMPRO");

const SERVICES: [string, string][] = [
  ["Alert Manager Socket(R) Service", "AlertManagerSocketReceiveService"],
  ["Dmi Event Watcher", "DmiEventWatcher"],
  ["ESM Alert Service", "ESMASVNT"],
  ["ESM Base Service", "Nvbase"],
  ["ESM Command Service", "Nvcmd"],
  ["ESM Remote Map Service", "Nvrmapd"],
  ["ESMPRO/SM Base Service", "ESMDSVNT"],
  ["ESMPRO/SM Trap Redirection", "EsmTrapRedirection"],
];

/** The cooperator's service name is a setting: the seed names it only by its display name. */
const COOPERATOR = "{clusterproEsmCooperatorServiceName}";
const seedServices = esm.services.filter((s) => s.serviceName !== COOPERATOR);

describe("catalog: esmpro-servermanager (digest 003 'ESMPRO/ServerManager 4.5 (2.2)')", () => {
  it("2.2: the eight services (display name / service name) are set to Manual", () => {
    assert.deepEqual(seedServices.map((s) => [s.displayName, s.serviceName]), SERVICES);
    for (const s of esm.services) assert.equal(s.startup, "Manual", s.serviceName);
    for (const s of esm.services) assert.equal(s.control, "group", s.serviceName);
    assert.deepEqual(render(true, true).services.map((s) => s.serviceName).sort(), SERVICES.map(([, n]) => n).sort());
  });

  it("2.2: the same eight are monitored", () => {
    assert.ok(seedServices.every((s) => s.monitored));
    assert.deepEqual(render(true, true).monitoredServices.sort(), SERVICES.map(([, n]) => n).sort());
  });

  it("2.2: start order ESM Base, ESM Alert, Alert Manager Socket(R), Dmi Event Watcher, ESM Command, ESM Remote Map, Trap Redirection, ESMPRO/SM Base", () => {
    const seedOrder = ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "DmiEventWatcher", "Nvcmd", "Nvrmapd", "EsmTrapRedirection", "ESMDSVNT"];
    assert.deepEqual(esm.startOrder.filter((n) => n !== COOPERATOR), seedOrder);
    assert.deepEqual(render(true, true).startOrder, seedOrder);
  });

  it("2.2: stop order is the exact reverse (8 … 1)", () => {
    assert.deepEqual(esm.stopOrder, [...esm.startOrder].reverse());
    assert.deepEqual(render(true, true).stopOrder, ["ESMDSVNT", "EsmTrapRedirection", "Nvrmapd", "Nvcmd", "DmiEventWatcher", "AlertManagerSocketReceiveService", "ESMASVNT", "Nvbase"]);
    assert.equal(render(true, true).stopOrderIsReverse, true);
  });

  it("2.2: Dmi Event Watcher only if DMI alerts are received, Trap Redirection only if trap forwarding is used — in both orders", () => {
    const none = render(false, false);
    assert.deepEqual(none.startOrder, ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "Nvcmd", "Nvrmapd", "ESMDSVNT"]);
    assert.deepEqual(none.stopOrder, ["ESMDSVNT", "Nvrmapd", "Nvcmd", "AlertManagerSocketReceiveService", "ESMASVNT", "Nvbase"]);
    assert.ok(!none.monitoredServices.includes("DmiEventWatcher") && !none.monitoredServices.includes("EsmTrapRedirection"));
    assert.ok(render(true, false).startOrder.includes("DmiEventWatcher"));
    assert.ok(!render(true, false).startOrder.includes("EsmTrapRedirection"));
    assert.ok(render(false, true).stopOrder.includes("EsmTrapRedirection"));
    assert.equal(render(false, true).stopOrderIsReverse, true);
  });

  it("2.2: %ProgramFiles%\\NEC\\SMM\\NVWORK is moved to the shared disk (active node only)", () => {
    assert.deepEqual(esm.sharedDiskPlacements.map((p) => [p.operation, p.kind, p.source, p.target]), [["move", "folder", "{installFolder}\\NVWORK", "NVWORK"]]);
    assert.equal(esm.installFolder?.default, "%ProgramFiles%\\NEC\\SMM", "the seed's folder is the default install folder");
    assert.deepEqual(render(false, false).sharedDiskPlacements[0].target, "E:\\ESMPRO\\NVWORK");
  });

  it("2.2: <workdir>\\LOCAL\\nvisord.cf contains CommunityName:\"mgr_<virtual computer name>\" and ends with a newline", () => {
    const [file] = esm.files;
    assert.equal(file.path, "{sharedFolder}\\NVWORK\\LOCAL\\nvisord.cf");
    assert.equal(file.content, 'CommunityName:"mgr_{virtualComputerName}"');
    assert.equal(file.finalNewline, true);
    assert.equal(file.on, "active");
  });

  it("2.2: ACLs on the work folder and below: Administrators Full, Everyone Read & execute, SYSTEM Full, custom ESMPRO groups Full", () => {
    const [acl] = esm.acls;
    assert.equal(acl.path, "{sharedFolder}\\NVWORK");
    assert.equal(acl.recursive, true);
    const entries = render(false, false, { esmproUserGroups: ["EsmproOps"] }).acls[0].entries.map((e) => [e.principal, e.rights]);
    assert.deepEqual(entries, [["Administrators", "FullControl"], ["Everyone", "ReadAndExecute"], ["SYSTEM", "FullControl"], ["EsmproOps", "FullControl"]]);
  });

  it("2.2: the STANDBY node's local work directory is deleted (never the active node's)", () => {
    assert.deepEqual(esm.standbyDeletions.map((d) => [d.kind, d.path]), [["folder", "{installFolder}\\NVWORK"]]);
  });

  it("2.2: registry modify (REG_SZ) WorkDir, GeneralFilter, DiosaFilter, AlertPath, LocalFileDirectory under the shared work dir", () => {
    const writes = esm.registryWrites.map((w) => [w.key, w.name, w.type, "template" in w.data ? w.data.template : "?", w.operation]);
    assert.deepEqual(writes, [
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "WorkDir", "REG_SZ", "{sharedFolder}\\NVWORK", "modify"],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "GeneralFilter", "REG_SZ", "{sharedFolder}\\NVWORK\\Alert\\filter\\genericsg", "modify"],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "DiosaFilter", "REG_SZ", "{sharedFolder}\\NVWORK\\Alert\\filter\\odiosasg", "modify"],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", "AlertPath", "REG_SZ", "{sharedFolder}\\NVWORK\\alert", "modify"],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM\\CurrentVersion\\ODBC", "LocalFileDirectory", "REG_SZ", "{sharedFolder}\\NVWORK\\ESMPRO", "modify"],
    ]);
  });

  it("2.2: registry delete: AniCurrent and WavCurrent in every key under AlertViewer\\AlertType", () => {
    assert.deepEqual(esm.registryDeletions.map((d) => [d.key, d.scope, d.values]), [["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer\\AlertType", "each-subkey", ["AniCurrent", "WavCurrent"]]]);
  });

  it("2.2: registry sync ESMSM, NVBASE, ESMAlertMan\\BaseSetting\\Receive, ESMAlertMan\\Socket\\Socketr (seed 001 spelling), Services\\Nvbase", () => {
    assert.deepEqual(render(false, false).registrySyncKeys, [
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\BaseSetting\\Receive",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\Socket\\Socketr",
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase",
    ]);
    assert.equal(ALERT_MANAGER_RECEIVE_SYNC_KEY, "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\BaseSetting\\Receive");
    assert.equal(ALERT_MANAGER_SOCKET_SYNC_KEY, "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\Socket\\Socketr");
  });

  it("2.2: the spelling-conflict keys are overridable in the settings (seed 003's ESMAAlertMan / Sockettr)", () => {
    const keys = render(false, false, {
      alertManagerReceiveSyncKey: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAAlertMan\\BaseSetting\\Receive",
      alertManagerSocketSyncKey: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAAlertMan\\Socket\\Sockettr",
    }).registrySyncKeys;
    assert.ok(keys.includes("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAAlertMan\\Socket\\Sockettr"));
  });

  it("2.2: with other ESMPRO/BASE products, ESM Base Service first to start and last to stop (a preview constraint)", () => {
    assert.equal(esm.startOrder[0], "Nvbase");
    assert.equal(esm.stopOrder.at(-1), "Nvbase");
    assert.deepEqual(esm.constraints.find((c) => c.rule === "esm-base-service-first-and-last")?.seed, "seed 003 §2.2.8");
  });

  it("2.2: with CLUSTERPRO X ESMPRO/SM cooperation, the cooperator starts after the ServerManager services and stops first", () => {
    const plan = render(false, false, { clusterproEsmCooperation: true, clusterproEsmCooperatorServiceName: "clpesmsm" });
    assert.equal(plan.startOrder.at(-1), "clpesmsm");
    assert.equal(plan.stopOrder[0], "clpesmsm");
    assert.equal(plan.stopOrderIsReverse, true);
    assert.equal(esm.services.find((s) => s.serviceName === COOPERATOR)?.displayName, "CLUSTERPRO ESMPRO/SM cooperator");
    assert.ok(!render(false, false).startOrder.includes("clpesmsm"));
    assert.throws(() => render(false, false, { clusterproEsmCooperation: true }), /clusterproEsmCooperatorServiceName: required/);
    assert.throws(() => render(false, false, { clusterproEsmCooperation: true, clusterproEsmCooperatorServiceName: "CLUSTERPRO ESMPRO/SM cooperator" }), /Windows service name/);
  });

  it("2.2: with Express report service / ServerAgent / AlertManager: stop Express PC Report, stop Alert Manager Main Service, stop ServerManager, start them again (not a reverse order)", () => {
    assert.deepEqual(esm.restartAroundStop.map((r) => r.name), ["Express PC Report", "Alert Manager Main Service"]);
    const plan = render(false, false, { expressReportService: true, alertManagerMainService: true });
    assert.deepEqual(plan.restartAroundStop, ["Express PC Report", "Alert Manager Main Service"]);
    assert.equal(plan.stopOrderIsReverse, false, "the applier needs a script resource");
    assert.deepEqual(render(false, false, { alertManagerMainService: true }).restartAroundStop, ["Alert Manager Main Service"]);
    assert.deepEqual(render(false, false).restartAroundStop, []);
  });

  it("2.2: TCP/IP Out-of-Band manager reports are not supported in failover mode (manual step)", () => {
    assert.match(esm.manualSteps.map((s) => s.text).join("\n"), /Out-of-Band/);
  });

  it("2.2: manager-to-manager peer = failover IP, and configure the cluster before the post-install reboot (manual steps)", () => {
    const steps = esm.manualSteps.map((s) => s.text).join("\n");
    assert.match(steps, /failover IP/);
    assert.match(steps, /before the OS reboot/);
  });

  it("chapter 1: ESMPRO/ServerManager and SystemProvisioning in the same group; ESM Base Service shared by ClientManager, Netvisor, NetvisorPro, UXServerManager", () => {
    assert.deepEqual(esm.constraints.find((c) => c.rule === "esmpro-and-systemprovisioning-same-group")?.seed, "seed 003 §1.1");
    assert.deepEqual([...ESM_BASE_PRODUCTS], ["ClientManager", "Netvisor", "NetvisorPro", "UXServerManager"]);
  });
});
