// Every checkable fact of the seed 001 digests A (§1.1 ServerAgent, §1.2 ServerManager), B (§1.3 JMSS, §1.4
// FileTransfer) and the §1.5 part of C (DeliveryManager), one test each, titled with the fact; asserted on the catalog
// data, its rendered plan and the generated scripts. Where digest and seed differ, the test follows the seed.
import { strict as assert } from "node:assert";
import { CATALOG } from "../../../provider/products/catalog";
import { checkProductConstraints } from "../../../provider/products/constraints";
import { parseProductInstall, type ValidProductInstall } from "../../../provider/products/install-input";
import { renderProduct } from "../../../provider/products/render";
import { legacyScripts } from "../../../provider/products/scripts";

const sa = CATALOG["esmpro-serveragent"];
const sm = CATALOG["esmpro-servermanager@legacy"];
const jmss = CATALOG["esmpro-jmss"];
const ft = CATALOG["esmpro-filetransfer"];
const dm = CATALOG["esmpro-deliverymanager"];

function install(input: Parameters<typeof parseProductInstall>[0]): ValidProductInstall {
  const r = parseProductInstall(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const issues = (input: Parameters<typeof parseProductInstall>[0]) => {
  const r = parseProductInstall(input);
  return r.ok ? [] : r.issues;
};
const steps = (p: { manualSteps: { text: string }[] }) => p.manualSteps.map((m) => m.text).join("\n");

const SM_BASE = { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: true, trapForwarding: true };
const smPlan = (extra: object = {}) => renderProduct("esmpro-servermanager@legacy", { ...SM_BASE, ...extra }, "X:\\ESMPRO");
const smInstall = (extra: object = {}) => install({ product: "esmpro-servermanager", version: "legacy", settings: { ...SM_BASE, ...extra }, sharedFolder: "X:\\ESMPRO" });
const JMSS_BASE = { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" } as const;
const jmssPlan = (extra: object = {}) => renderProduct("esmpro-jmss", { ...JMSS_BASE, ...extra } as never, "X:\\JMSS");
const jmssInstall = (extra: object = {}) => install({ product: "esmpro-jmss", settings: { ...JMSS_BASE, ...extra }, sharedFolder: "X:\\JMSS" });
const ftInstall = install({ product: "esmpro-filetransfer", settings: {} });
const DM_MANAGER = { component: "manager", clusterName: "dmcluster", activeServerIp: "195.10.10.1", standbyServerIp: "195.10.10.2", mmdmPath: "C:\\esmprodm\\ESM_DM\\esmMMDM.EXE" } as const;
const dmInstall = (settings: object) => install({ product: "esmpro-deliverymanager", settings });
const codeLines = (text: string) => text.split("\r\n").filter((l) => l !== "" && !/^rem /i.test(l));
const between = (lines: string[], from: string, to: string) => lines.slice(lines.indexOf(from) + 1, lines.indexOf(to));

const SM_SERVICES: [string, string][] = [
  ["ESM Base Service", "Nvbase"],
  ["ESM Alert Service", "ESMASVNT"],
  ["Alert Manager Socket (R) Service", "AlertManagerSocketReceiveService"],
  ["Dmi Event Watcher", "DmiEventWatcher"],
  ["ESM Command Service", "Nvcmd"],
  ["ESM Remote Map Service", "Nvrmapd"],
  ["ESMPRO/SM Trap Redirection", "EsmTrapRedirection"],
  ["ESMPRO/SM Base Service", "ESMDSVNT"],
];

describe("seed 001 digest A: ESMPRO/ServerAgent (§1.1) and ESMPRO/ServerManager (§1.2), checkable facts", () => {
  it("A1: the ServerManager failover setup sets these 8 services to Manual: Alert Manager Socket (R), Dmi Event Watcher, ESM Alert, ESM Base, ESM Command, ESM Remote Map, ESMPRO/SM Trap Redirection, ESMPRO/SM Base", () => {
    const plan = smPlan();
    assert.deepEqual(plan.services.map((s) => [s.displayName, s.serviceName]).sort(), [...SM_SERVICES].sort());
    assert.ok(plan.services.every((s) => s.startup === "Manual" && s.control === "group"));
    const without = smPlan({ dmiAlerts: false, trapForwarding: false });
    assert.deepEqual(without.unusedServices.map((s) => [s.serviceName, s.startup]), [["DmiEventWatcher", "Manual"], ["EsmTrapRedirection", "Manual"]], "the optional two are Manual too");
  });

  it("A2: start order ESM Base → ESM Alert → Alert Manager Socket (R) → Dmi Event Watcher → ESM Command → ESM Remote Map → ESMPRO/SM Trap Redirection → ESMPRO/SM Base", () => {
    assert.deepEqual(smPlan().startOrder, SM_SERVICES.map(([, n]) => n));
  });

  it("A3: the stop order is the exact reverse of the start order", () => {
    const plan = smPlan();
    assert.deepEqual(plan.stopOrder, [...SM_SERVICES.map(([, n]) => n)].reverse());
    assert.equal(plan.stopOrderIsReverse, true);
  });

  it('A4: "ESM Base Service" is the first started and the last stopped, even with other products\' lines in the scripts', () => {
    assert.equal(smPlan().startOrder[0], "Nvbase");
    assert.equal(smPlan().stopOrder.at(-1), "Nvbase");
    assert.ok(sm.constraints.some((c) => c.rule === "esm-base-service-first-and-last" && c.seed === "seed 001 §1.2.7"));
    const v = checkProductConstraints([
      { name: "ft", product: "esmpro-filetransfer", settings: {}, group: "g", groupStartupServers: [], clusterNodes: ["a", "b"], groupIpAddresses: ["10.0.0.9"] },
      { name: "sm", product: "esmpro-servermanager@legacy", settings: { ...SM_BASE, otherEsmBaseProducts: ["Netvisor"] }, sharedFolder: "X:\\ESMPRO", group: "g", groupStartupServers: [], clusterNodes: ["a", "b"], groupIpAddresses: ["10.0.0.9"] },
    ]);
    assert.deepEqual(v.map((x) => x.rule), ["esm-base-service-first-and-last"]);
  });

  it("A5: ARMLOAD service key names in start order: Nvbase, ESMASVNT, AlertManagerSocketReceiveService, DmiEventWatcher, Nvcmd, Nvrmapd, EsmTrapRedirection, then ESMDSVNT/ESMSVNT (unclear: a setting)", () => {
    const loads = (extra: object) => codeLines(legacyScripts([smInstall(extra)]).start).filter((l) => l.startsWith("ARMLOAD.EXE")).slice(0, 8).map((l) => l.split(" ").at(-1));
    assert.deepEqual(loads({}), ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "DmiEventWatcher", "Nvcmd", "Nvrmapd", "EsmTrapRedirection", "ESMDSVNT"]);
    assert.equal(loads({ smBaseServiceName: "ESMSVNT" })[7], "ESMSVNT");
  });

  it("A6: watch IDs id_Base, id_Alert, id_AM, id_Dmi, id_Cmd, id_Rmap, id_Trap, id_SM; every ARMLOAD with /S /M /WAIT 0; stop ARMKILL.EXE id_SM, id_Trap, id_Rmap, id_Cmd, id_Dmi, id_AM, id_Alert, id_Base", () => {
    const s = legacyScripts([smInstall()]);
    const loads = codeLines(s.start).filter((l) => l.startsWith("ARMLOAD.EXE")).slice(0, 8);
    assert.deepEqual(loads.map((l) => l.split(" ")[1]), ["id_Base", "id_Alert", "id_AM", "id_Dmi", "id_Cmd", "id_Rmap", "id_Trap", "id_SM"]);
    assert.ok(loads.every((l) => / \/S \/M \/WAIT 0 /.test(l)));
    assert.deepEqual(codeLines(s.stop).filter((l) => l.startsWith("ARMKILL.EXE")).slice(0, 8), ["id_SM", "id_Trap", "id_Rmap", "id_Cmd", "id_Dmi", "id_AM", "id_Alert", "id_Base"].map((id) => `ARMKILL.EXE ${id}`));
  });

  it('A7: "Dmi Event Watcher" only when DMI alerts are received; "ESMPRO/SM Trap Redirection" only when trap forwarding is used', () => {
    assert.deepEqual(smPlan({ dmiAlerts: false, trapForwarding: false }).startOrder, ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "Nvcmd", "Nvrmapd", "ESMDSVNT"]);
    assert.ok(smPlan({ trapForwarding: false }).startOrder.includes("DmiEventWatcher"));
    assert.ok(smPlan({ dmiAlerts: false }).startOrder.includes("EsmTrapRedirection"));
  });

  it("A8: the synchronized registry keys are exactly ESMSM, NVBASE, ESMAlertMan\\BaseSetting\\Receive, ESMAlertMan\\Socket\\Socketr, SYSTEM\\CurrentControlSet\\Services\\Nvbase", () => {
    assert.deepEqual(smPlan().registrySyncKeys, [
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\BaseSetting\\Receive",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMAlertMan\\Socket\\Socketr",
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase",
    ]);
  });

  const value = (key: string, name: string) => smPlan().registryWrites.find((w) => w.key === key && w.name === name)?.data;
  it("A9: NVBASE WorkDir = <dest>, GeneralFilter = <dest>\\Alert\\filter\\genericsg, DiosaFilter = <dest>\\Alert\\filter\\odiosasg", () => {
    assert.deepEqual(value("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "WorkDir"), { kind: "value", value: "X:\\ESMPRO\\Nvwork" });
    assert.deepEqual(value("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "GeneralFilter"), { kind: "value", value: "X:\\ESMPRO\\Nvwork\\Alert\\filter\\genericsg" });
    assert.deepEqual(value("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "DiosaFilter"), { kind: "value", value: "X:\\ESMPRO\\Nvwork\\Alert\\filter\\odiosasg" });
  });

  it("A10: NVBASE\\AlertViewer AlertPath = <dest>\\Alert", () => {
    assert.deepEqual(value("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", "AlertPath"), { kind: "value", value: "X:\\ESMPRO\\Nvwork\\Alert" });
  });

  it("A11: ESMSM\\CurrentVersion\\ODBC LocalFileDirectory = <dest>\\ESMPRO", () => {
    assert.deepEqual(value("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMSM\\CurrentVersion\\ODBC", "LocalFileDirectory"), { kind: "value", value: "X:\\ESMPRO\\Nvwork\\ESMPRO" });
  });

  it("A12: AniCurrent and WavCurrent are deleted from every subkey of NVBASE\\AlertViewer\\AlertType", () => {
    assert.deepEqual(smPlan().registryDeletions, [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer\\AlertType", scope: "each-subkey", values: ["AniCurrent", "WavCurrent"] }]);
  });

  it("A13: the default work directory \\Program Files\\Esmpro\\Nvwork moves to the switch partition, and the standby's local copy is deleted (standby only)", () => {
    const plan = smPlan();
    assert.equal(sm.installFolder?.default, "%ProgramFiles%\\Esmpro");
    assert.deepEqual(plan.sharedDiskPlacements, [{ operation: "move", kind: "folder", source: "%ProgramFiles%\\Esmpro\\Nvwork", target: "X:\\ESMPRO\\Nvwork", onlyIfExists: false }]);
    assert.deepEqual(plan.standbyDeletions, [{ kind: "folder", path: "%ProgramFiles%\\Esmpro\\Nvwork" }]);
  });

  it('A14: nvisord.cf in <work dir>\\local\\ holds one line CommunityName:"mgr_<virtual computer name>" ending with a newline', () => {
    assert.deepEqual(smPlan().files, [{ path: "X:\\ESMPRO\\Nvwork\\local\\nvisord.cf", on: "active", content: 'CommunityName:"mgr_ESMPRO"\r\n', encoding: "ascii" }]);
  });

  it("A15: work directory ACL, recursive: Administrators Full Control, Everyone Read & Execute, SYSTEM Full Control, a custom ESMPRO user group Full Control", () => {
    assert.deepEqual(smPlan({ esmproUserGroups: ["EsmOps"] }).acls, [
      {
        path: "X:\\ESMPRO\\Nvwork",
        recursive: true,
        on: "active",
        entries: [
          { principal: "Administrators", sid: "S-1-5-32-544", rights: "FullControl" },
          { principal: "Everyone", sid: "S-1-1-0", rights: "ReadAndExecute" },
          { principal: "SYSTEM", sid: "S-1-5-18", rights: "FullControl" },
          { principal: "EsmOps", rights: "FullControl" },
        ],
      },
    ]);
  });

  it("A16: ESMPRO/BASE-related products are detected by the key NVBASE; a failover-enabled base by NVBASE WorkDir on the switch partition", () => {
    assert.ok(sm.detection?.some((d) => d.key === "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE" && d.value === undefined));
    assert.ok(sm.detection?.some((d) => d.key === "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE" && d.value === "WorkDir" && /switch partition/.test(d.fact)));
  });

  it('A17: other users of ESMPRO/BASE are values under NVBASE\\PP not named ServerManager with data "use"; then uninstall removes only "ESMPRO/SM Base Service" from the scripts', () => {
    assert.ok(sm.detection?.some((d) => d.key === "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\PP" && /not ServerManager/.test(d.fact) && /"use"/.test(d.fact)));
    assert.match(steps(smPlan({ otherEsmBaseProducts: ["Netvisor"] })), /remove only "ESMPRO\/SM Base Service" from the scripts/);
  });

  it("A18: failover data handover needs ServerManager 4.16 or later; 3.x, 4.0, 4.1–4.15 are refused", () => {
    for (const v of ["3.0", "4.0", "4.1", "4.15"]) assert.deepEqual(issues({ product: "esmpro-servermanager@legacy", settings: { ...SM_BASE, serverManagerVersion: v }, sharedFolder: "X:\\ESMPRO" }).map((i) => i.path), ["settings.serverManagerVersion"], v);
    assert.deepEqual(issues({ product: "esmpro-servermanager@legacy", settings: { ...SM_BASE, serverManagerVersion: "4.20" }, sharedFolder: "X:\\ESMPRO" }), []);
  });

  it("A19: ServerManager on the same drive and directory on all nodes, not on the switch partition; reboot prompts declined; a cluster shutdown is one of the steps", () => {
    const text = steps(smPlan());
    assert.match(text, /same drive and directory on every server, never on the switch partition/);
    assert.match(text, /decline the reboot prompt/);
    assert.match(text, /cluster shutdown/);
  });

  it('A20: stop-script extra lines: net stop /Yes "Express PC Report", "Alert Manager Main Service", "CLUSTERPRO Manager" before the ARMKILLs; net start in reverse after', () => {
    const stop = codeLines(legacyScripts([smInstall({ expressReportService: true, alertManagerMainService: true, clusterproManagerOnServer: true })]).stop);
    const body = between(stop, 'IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK', 'IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1');
    assert.deepEqual(body.slice(0, 3), ['net stop /Yes "Express PC Report"', 'net stop /Yes "Alert Manager Main Service"', 'net stop /Yes "CLUSTERPRO Manager"']);
    assert.deepEqual(body.slice(-3), ['net start /Yes "CLUSTERPRO Manager"', 'net start /Yes "Alert Manager Main Service"', 'net start /Yes "Express PC Report"']);
    assert.ok(body.slice(3, -3).every((l) => l.startsWith("ARMKILL.EXE")));
  });

  it("A21: start.bat branches on ARMS_EVENT START/FAILOVER/RECOVER, stop.bat on START/FAILOVER only; both check ARMS_DISK == FAILURE (→ ERROR_DISK) and ARMS_SERVER == OTHER", () => {
    const s = legacyScripts([smInstall()]);
    const events = (t: string) => codeLines(t).filter((l) => l.startsWith('IF "%ARMS_EVENT%"')).map((l) => l.split('"')[3]);
    assert.deepEqual(events(s.start), ["START", "FAILOVER", "RECOVER"]);
    assert.deepEqual(events(s.stop), ["START", "FAILOVER"]);
    for (const t of [s.start, s.stop]) {
      assert.match(t, /IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK/);
      assert.match(t, /IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1/);
    }
  });

  it("A22: ServerAgent is installed on each node's local disk, no failover resources; with a failover-enabled product: stop the cluster for install/uninstall/update, reset Alert Manager Socket (R) Service to Manual", () => {
    const plain = renderProduct("esmpro-serveragent", { failoverEnabledEsmproProduct: false });
    assert.deepEqual([plain.startOrder, plain.registrySyncKeys, plain.sharedDiskPlacements, plain.files], [[], [], [], []]);
    assert.deepEqual(plain.services, []);
    const withOther = renderProduct("esmpro-serveragent", { failoverEnabledEsmproProduct: true });
    assert.deepEqual(withOther.services.map((s) => [s.displayName, s.serviceName, s.startup, s.control]), [["Alert Manager Socket (R) Service", "AlertManagerSocketReceiveService", "Manual", "node"]]);
    assert.deepEqual(withOther.startOrder, []);
    assert.match(steps(withOther), /Stop the cluster system before installing, uninstalling or updating/);
    assert.match(steps(plain), /on every node separately, on each node's local disk/);
    assert.throws(() => legacyScripts([install({ product: "esmpro-serveragent", settings: { failoverEnabledEsmproProduct: false } })]), /no start\/stop script lines/);
  });

  it("A23: ServerAgent ~3.0 only with CLUSTERPRO ~2.0; 3.1 with both (UPDATE program; reinstall after upgrading CLUSTERPRO); 3.2~ only with 3.0~; 3.1~ with Data Mirroring 4.1~", () => {
    const row = (product: string, w: string) => sa.compatibility?.find((r) => r.product === product && r.with === w);
    assert.equal(row("ServerAgent ~3.0", "CLUSTERPRO ~2.0")?.supported, true);
    assert.equal(row("ServerAgent ~3.0", "CLUSTERPRO 3.0~")?.supported, false);
    assert.match(row("ServerAgent 3.1", "CLUSTERPRO ~2.0")?.note ?? "", /UPDATE program/);
    assert.match(row("ServerAgent 3.1", "CLUSTERPRO 3.0~")?.note ?? "", /reinstall/);
    assert.equal(row("ServerAgent 3.2~", "CLUSTERPRO ~2.0")?.supported, false);
    assert.equal(row("ServerAgent 3.2~", "CLUSTERPRO 3.0~")?.supported, true);
    assert.equal(row("ServerAgent 3.1~", "CLUSTERPRO/Data Mirroring 4.1~")?.supported, true);
    assert.deepEqual(issues({ product: "esmpro-serveragent", settings: { failoverEnabledEsmproProduct: false, serverAgentVersion: "3.0" } }).map((i) => i.path), ["settings.serverAgentVersion"]);
  });

  it("A24: ServerAgent cannot coexist with ESMPRO/ClientManager, ESMPRO/Netvisor or SystemScope/UXServerManager (MG)", () => {
    assert.deepEqual(sa.cannotCoexistWith?.products, ["ESMPRO/ClientManager", "ESMPRO/Netvisor", "SystemScope/UXServerManager (MG)"]);
    for (const p of sa.cannotCoexistWith!.products) assert.match(issues({ product: "esmpro-serveragent", settings: { failoverEnabledEsmproProduct: false, otherProducts: [p] } })[0]?.message ?? "", /cannot coexist/, p);
  });

  it("A25: the WinSock Wrapper fix: armwsset /p for AMVCKS.EXE, AMVMAN.EXE, AMSADM.EXE in <SA dir>\\AlertMan\\Program, the armmontr wsock32.dll, the original renamed wsock_.dll, /L and /DEL, TCP/IP In-Band only, from the next cluster start", () => {
    const text = steps(renderProduct("esmpro-serveragent", { failoverEnabledEsmproProduct: false, publicLanIp: "192.168.10.1" }));
    for (const re of [/armwsset \/p <ServerAgent>\\AlertMan\\Program\\AMVCKS\.EXE 192\.168\.10\.1/, /AMVMAN\.EXE and AMSADM\.EXE/, /armmontr\\wsock32\.dll/, /wsock_\.dll/, /armwsset \/L/, /armwsset \/DEL/, /TCP\/IP In-Band manager reports only \(not SNMP\)/, /next cluster start/]) assert.match(text, re);
    assert.doesNotMatch(steps(renderProduct("esmpro-serveragent", { failoverEnabledEsmproProduct: false })), /armwsset/, "only with publicLanIp");
  });

  it("A26: manager-to-manager communication: manager name mgr_<primary server name>, the virtual IP / FIP, never a physical IP", () => {
    assert.match(steps(smPlan()), /mgr_<primary server name>.*virtual IP \/ FIP — a physical IP fails/);
    assert.ok(sm.requires?.some((r) => r.kind === "floating-ip" && /manager-to-manager/.test(r.purpose)));
  });
});

describe("seed 001 digest B: ESMPRO/JMSS (§1.3) and ESMPRO/FileTransfer (§1.4), checkable facts", () => {
  const reg = (key: string, name: string, extra: object = {}) => jmssPlan(extra).registryWrites.find((w) => w.key === key && w.name === name);

  it("B1: the JMSS services set to Manual are ESMPRO/JMSS JLook Service and ESMPRO/JMSS JSchedule Service", () => {
    const plan = jmssPlan();
    assert.deepEqual(plan.services.map((s) => [s.displayName, s.startup]), [["ESMPRO/JMSS JLook Service", "Manual"], ["ESMPRO/JMSS JSchedule Service", "Manual"]]);
  });

  it("B2: JMSS registry synchronization key HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM (one-way and the two-way JMSS-server group)", () => {
    assert.deepEqual(jmssPlan().registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM"]);
    assert.deepEqual(jmssPlan({ setup: "two-way" }).registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM"]);
  });

  it("B3: ESJM\\JMSSLKSV\\INITINFO LogFilePath (REG_SZ) = X:\\JMSS\\LOG", () => {
    assert.deepEqual(reg("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JMSSLKSV\\INITINFO", "LogFilePath"), { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JMSSLKSV\\INITINFO", name: "LogFilePath", type: "REG_SZ", operation: "modify", data: { kind: "value", value: "X:\\JMSS\\LOG" } });
  });

  it("B4: ESJM\\JOBQUEUE JobQueDir (REG_SZ) = X:\\JMSS\\QUE\\ (trailing backslash)", () => {
    assert.deepEqual(reg("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JOBQUEUE", "JobQueDir")?.data, { kind: "value", value: "X:\\JMSS\\QUE\\" });
  });

  it("B5: EnterpriseEdition only: ESJM\\LogDB QLIDir (REG_SZ) = X:\\JMSS\\LOGDB", () => {
    assert.equal(reg("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\LogDB", "QLIDir"), undefined);
    assert.deepEqual(reg("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\LogDB", "QLIDir", { enterpriseEdition: true })?.data, { kind: "value", value: "X:\\JMSS\\LOGDB" });
  });

  it("B6: ESJM\\JSchedule\\Parameters DataPath (REG_SZ) = X:\\JMSS\\SCHEDULE\\ is added (created, not modified)", () => {
    const w = reg("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JSchedule\\Parameters", "DataPath");
    assert.deepEqual([w?.operation, w?.type, w?.data], ["create", "REG_SZ", { kind: "value", value: "X:\\JMSS\\SCHEDULE\\" }]);
  });

  it("B7: switchable-disk directories X:\\JMSS, LOG, OUT, QUE, SCHEDULE, plus LOGDB for EnterpriseEdition only (5 or 6)", () => {
    assert.deepEqual(jmssPlan().sharedDirectories, ["X:\\JMSS", "X:\\JMSS\\LOG", "X:\\JMSS\\OUT", "X:\\JMSS\\QUE", "X:\\JMSS\\SCHEDULE"]);
    assert.deepEqual(jmssPlan({ enterpriseEdition: true }).sharedDirectories.at(-1), "X:\\JMSS\\LOGDB");
    assert.equal(jmssPlan({ enterpriseEdition: true }).sharedDirectories.length, 6);
  });

  it("B8: QUE seeding XCOPY C:\\WIN32APP\\JMSS\\QUE X:\\JMSS\\QUE /S /E (copying 0 files is not an error)", () => {
    assert.deepEqual(jmssPlan().sharedDiskPlacements, [{ operation: "copy", kind: "folder", source: "C:\\WIN32APP\\JMSS\\QUE", target: "X:\\JMSS\\QUE", onlyIfExists: false }]);
  });

  it("B9: share cleanup net share jmsout /delete on every node at install; the start script recreates it with armnsadd jmsout, the stop script removes it with armnsdel jmsout", () => {
    assert.match(steps(jmssPlan()), /On every node: net share jmsout \/delete/);
    const s = legacyScripts([jmssInstall()]);
    assert.match(s.start, /^armnsadd jmsout X:\\JMSS\\out\r$/m);
    assert.match(s.stop, /^armnsdel jmsout\r$/m);
  });

  it("B10: watch IDs / service names NEC_JMSSLKSV→jmsslksv, NEC_JMSSSCSV→jmssscsv, NEC_JMSSDVSV→jmssdvsv", () => {
    assert.deepEqual(jmss.services.map((s) => [s.arm?.watchId, s.serviceName]), [["NEC_JMSSLKSV", "jmsslksv"], ["NEC_JMSSSCSV", "jmssscsv"], ["NEC_JMSSDVSV", "jmssdvsv"]]);
  });

  it("B11: JMSS start order (RL1999/09+) LKSV → SCSV → DVSV; stop DVSV → SCSV → LKSV, then armnsdel jmsout", () => {
    assert.deepEqual(jmssPlan({ japiOrJmgc: true }).startOrder, ["jmsslksv", "jmssscsv", "jmssdvsv"]);
    assert.deepEqual(jmssPlan({ japiOrJmgc: true }).stopOrder, ["jmssdvsv", "jmssscsv", "jmsslksv"]);
    const stop = codeLines(legacyScripts([jmssInstall({ japiOrJmgc: true })]).stop);
    const branch = between(stop, ":JMSSSVDOWN1", "GOTO EXIT").filter((l) => !l.startsWith("armlog"));
    assert.deepEqual(branch, ["armkill NEC_JMSSDVSV", "armkill NEC_JMSSSCSV", "armkill NEC_JMSSLKSV", "armnsdel jmsout"]);
  });

  it("B12: JMSS start order (RL1999/06-): net start JLook → JSchedule → JDriven; stop: net stop JDriven → JSchedule → JLook", () => {
    const s = legacyScripts([jmssInstall({ japiOrJmgc: true, jmssRelease: "RL1999/06-or-earlier" })]);
    assert.deepEqual(codeLines(s.start).filter((l) => l.startsWith("net start")).slice(0, 3), ['net start "ESMPRO/JMSS JLook Service"', 'net start "ESMPRO/JMSS JSchedule Service"', 'net start "ESMPRO/JMSS JDriven Service"']);
    assert.deepEqual(codeLines(s.stop).filter((l) => l.startsWith("net stop")).slice(0, 3), ['net stop "ESMPRO/JMSS JDriven Service"', 'net stop "ESMPRO/JMSS JSchedule Service"', 'net stop "ESMPRO/JMSS JLook Service"']);
  });

  it("B13: the JLook armload line is armload NEC_JMSSLKSV /S /M jmsslksv arm; SCSV and DVSV have no trailing argument", () => {
    const start = codeLines(legacyScripts([jmssInstall({ japiOrJmgc: true })]).start);
    assert.ok(start.includes("armload NEC_JMSSLKSV /S /M jmsslksv arm"));
    assert.ok(start.includes("armload NEC_JMSSSCSV /S /M jmssscsv"));
    assert.ok(start.includes("armload NEC_JMSSDVSV /S /M jmssdvsv"));
  });

  it("B14: stop pre-step jmsslksv -failover if ARMS_FACTOR == SERVERSHUTDOWN, otherwise jmsslksv -normal", () => {
    const stop = codeLines(legacyScripts([jmssInstall()]).stop);
    const i = stop.indexOf('IF "%ARMS_FACTOR%" == "SERVERSHUTDOWN" GOTO JMSSLKSVFOV1');
    assert.deepEqual(stop.slice(i, i + 6), ['IF "%ARMS_FACTOR%" == "SERVERSHUTDOWN" GOTO JMSSLKSVFOV1', "Jmsslksv -normal", "GOTO JMSSSVDOWN1", ":JMSSLKSVFOV1", "jmsslksv -failover", ":JMSSSVDOWN1"]);
  });

  it("B15: before a JMSS RUR: armloadc NEC_JMSSDVSV /W pause, NEC_JMSSSCSV, NEC_JMSSLKSV, in that order", () => {
    assert.match(steps(jmssPlan()), /armloadc NEC_JMSSDVSV \/W pause, armloadc NEC_JMSSSCSV \/W pause, armloadc NEC_JMSSLKSV \/W pause/);
  });

  it("B16: JMSS two-way: START script empty; STOP body jstop %ARMS_GROUPNAME% between armlog \"JSTOP.EXE 呼出し\" /arm and armlog \"JSTOP.EXE 終了\" /arm", () => {
    const s = legacyScripts([jmssInstall({ setup: "two-way" })]);
    assert.deepEqual(between(codeLines(s.start), 'IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK', "GOTO EXIT"), ['IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1'], "nothing but the skeleton");
    assert.deepEqual(between(codeLines(s.stop), 'IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1', "GOTO EXIT"), ['armlog "JSTOP.EXE 呼出し" /arm', "jstop %ARMS_GROUPNAME%", 'armlog "JSTOP.EXE 終了" /arm']);
    assert.deepEqual(jmssPlan({ setup: "two-way" }).startOrder, [], "no group services");
  });

  it("B17: START scripts branch on ARMS_EVENT START/FAILOVER/RECOVER; the JMSS and FileTransfer STOP scripts only on START and FAILOVER", () => {
    for (const i of [jmssInstall(), ftInstall]) {
      const s = legacyScripts([i]);
      assert.deepEqual(codeLines(s.start).filter((l) => l.startsWith('IF "%ARMS_EVENT%"')).map((l) => l.split('"')[3]), ["START", "FAILOVER", "RECOVER"]);
      assert.deepEqual(codeLines(s.stop).filter((l) => l.startsWith('IF "%ARMS_EVENT%"')).map((l) => l.split('"')[3]), ["START", "FAILOVER"]);
    }
  });

  it('B18: the disk-failure check is ARMS_DISK == "FAILURE"; the non-primary branch is ARMS_SERVER == "OTHER"', () => {
    const s = legacyScripts([jmssInstall()]);
    assert.equal((s.start.match(/IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK/g) ?? []).length, 2);
    assert.equal((s.stop.match(/IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER\d/g) ?? []).length, 2);
  });

  it("B19: JMSS.INI on each server [Control] SERVER_NAME=<node name>, ARM=1; [ENV] TimeOut=50, Retry=1000; on the client SERVER_NAME=<virtual computer name>", () => {
    const ini = (jmss.iniEdits ?? []).filter((e) => /JMSS\.INI$/.test(e.file)).map((e) => `[${e.section}] ${e.key}=${e.value}`);
    assert.deepEqual(ini, ["[Control] SERVER_NAME={nodeName}", "[Control] ARM=1", "[ENV] TimeOut=50", "[ENV] Retry=1000"]);
    assert.match(steps(jmssPlan()), /on clients SERVER_NAME=VCOM01/);
  });

  it("B20: JMSSLKSV.INI contains [Env] SetDef=0", () => {
    assert.ok(jmss.iniEdits?.some((e) => /JMSSLKSV\.INI$/.test(e.file) && e.section === "Env" && e.key === "SetDef" && e.value === "0"));
  });

  it("B21: the cluster setting TOOL JCLTOOL.EXE is JMSS Ver6.1 / EE Ver6.1 only; its parameters are the virtual computer name, held-job startup method, shared-disk drive; \"1 台目\" first, \"2 台目以降\" the others", () => {
    assert.match(issues({ product: "esmpro-jmss", settings: { ...JMSS_BASE, setup: "one-way-tool" }, sharedFolder: "X:\\JMSS" })[0]?.message ?? "", /JCLTOOL\.EXE\) is in ESMPRO\/JMSS Ver6\.1 only/);
    const text = steps(jmssPlan({ setup: "one-way-tool", jmssVersion: "6.1" }));
    assert.match(text, /JCLTOOL\.EXE on the first node \("1 台目"\).*\("2 台目以降"\): virtual computer name VCOM01, the held-job startup method, the shared-disk drive/);
  });

  it("B22: only one JMSS server per cluster; two-way needs the cluster integration option, which needs CLUSTERPRO/ARM Ver4.2 or later", () => {
    assert.ok(jmss.constraints.some((c) => c.rule === "jmss-one-server-per-cluster"));
    assert.ok(jmss.compatibility?.some((r) => /cluster integration option/.test(r.product) && r.with === "CLUSTERPRO/ARM Ver4.2~" && r.supported));
    assert.match(steps(jmssPlan({ setup: "two-way" })), /cluster integration option on every node/);
  });

  it("B23: the JMSS job queue name is the virtual computer name, a shared queue over the nodes, state 開, *Everyone a member", () => {
    assert.match(steps(jmssPlan()), /a shared queue named VCOM01 over them, state 開, \*Everyone in its security/);
  });

  it("B24: FileTransfer watch ID / service NEC_ESMPROFT_SERVICE / ESMFT; start armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT; stop armkill NEC_ESMPROFT_SERVICE", () => {
    assert.deepEqual(ft.services.map((s) => [s.arm?.watchId, s.serviceName, s.arm?.options]), [["NEC_ESMPROFT_SERVICE", "ESMFT", ["/S", "/M", "/FOV"]]]);
    const s = legacyScripts([ftInstall]);
    assert.ok(codeLines(s.start).includes("armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT"));
    assert.ok(codeLines(s.stop).includes("armkill NEC_ESMPROFT_SERVICE"));
  });

  it("B25: the FileTransfer logical service name that needs a virtual (or floating) IP is ESMPRO_FT", () => {
    assert.deepEqual(renderProduct("esmpro-filetransfer", {}).requires.filter((r) => r.kind === "floating-ip").map((r) => r.logicalServiceName), ["ESMPRO_FT"]);
  });

  it("B26: FileTransfer starts before DeliveryManager (and its agent); JMSS starts after the products its jobs depend on", () => {
    const facts = (name: string, product: string, settings: object) => ({ name, product, settings, group: "g", groupStartupServers: [], clusterNodes: ["a", "b"], groupIpAddresses: ["10.0.0.9"] });
    assert.deepEqual(checkProductConstraints([facts("dm", "esmpro-deliverymanager", { component: "agent", clusterName: "c" }), facts("ft", "esmpro-filetransfer", {})]).map((v) => v.rule), ["filetransfer-before-deliverymanager"]);
    assert.match(steps(jmssPlan()), /Products whose jobs JMSS runs start before ESMPRO\/JMSS/);
  });

  it("B27: FileTransfer on a cluster: individual install only, Yes to the cluster-install prompt; SG directory on the switchable partition at the same path on both nodes; the same install directory", () => {
    const text = steps(renderProduct("esmpro-filetransfer", {}));
    assert.match(text, /individual install \(個別インストール\), answering Yes to the cluster install/);
    assert.match(text, /install drive and directory are the same on both nodes; the SG directory is the same directory on the same switchable partition/);
    assert.ok(ft.requires?.some((r) => r.kind === "switch-partition" && /SG directory/.test(r.purpose)));
  });

  it("B28: a FileTransfer client with the CLUSTERPRO client runs FTSetCls.exe once; after removing the CLUSTERPRO client FTSetCls.exe -u once", () => {
    assert.match(steps(renderProduct("esmpro-filetransfer", {})), /FTSetCls\.exe once \(FTSetCls\.exe -u once after removing the CLUSTERPRO client\)/);
  });

  it('B29: FileTransfer standby uninstall: clear "SG ファイルも削除", otherwise "システムエラーが発生しました。"', () => {
    assert.match(steps(renderProduct("esmpro-filetransfer", {})), /standby: clear "SG ファイルも削除", otherwise it fails with "システムエラーが発生しました。"/);
  });

  it("B30: FileTransfer OS footnotes: NT 3.51 Server/Workstation and Windows 95 only up to Ver3.2; Windows Server 2003 needs Ver4.0 or later", () => {
    const row = (product: string, w: RegExp) => ft.compatibility?.find((r) => r.product === product && w.test(r.with));
    assert.equal(row("FileTransfer ~3.2", /NT 3\.51.*Windows 95/)?.supported, true);
    assert.equal(row("FileTransfer 4.0~", /NT 3\.51.*Windows 95/)?.supported, false);
    assert.equal(row("FileTransfer ~3.2", /Windows Server 2003/)?.supported, false);
    assert.equal(row("FileTransfer 4.0~", /Windows Server 2003/)?.supported, true);
  });
});

describe("seed 001 digest C §1.5: ESMPRO/DeliveryManager Standard Edition, checkable facts", () => {
  const dmPlan = (settings: object) => renderProduct("esmpro-deliverymanager", settings as never);

  it("C1: DM SE registry value HKLM\\SOFTWARE\\NEC\\DMSTD DMName (string) = the cluster name, on both nodes", () => {
    assert.deepEqual(dmPlan(DM_MANAGER).registryWrites, [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DMSTD", name: "DMName", type: "REG_SZ", operation: "create", data: { kind: "value", value: "dmcluster" } }]);
  });

  it("C2: DM SE agent registry value HKLM\\SOFTWARE\\NEC\\DMSTDA DMAName (string) = the cluster name, on both nodes", () => {
    assert.deepEqual(dmPlan({ component: "agent", clusterName: "dmcluster" }).registryWrites, [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DMSTDA", name: "DMAName", type: "REG_SZ", operation: "create", data: { kind: "value", value: "dmcluster" } }]);
  });

  it("C3: logical service names ESMPRO_DM (DM SE) and ESMPRO_DMA (agent), each on the same virtual IP as ESMPRO_FT", () => {
    const fip = (settings: object) => dmPlan(settings).requires.filter((r) => r.kind === "floating-ip");
    assert.deepEqual(fip(DM_MANAGER).map((r) => r.logicalServiceName), ["ESMPRO_DM"]);
    assert.deepEqual(fip({ component: "agent", clusterName: "c" }).map((r) => r.logicalServiceName), ["ESMPRO_DMA"]);
    assert.ok([...fip(DM_MANAGER), ...fip({ component: "agent", clusterName: "c" })].every((r) => /same virtual IP as ESMPRO_FT/.test(r.purpose)));
  });

  it("C4: DM SE start order armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT, then armload NEC_DMSTD_SERVICE /S /M /FOV DMSTD", () => {
    const loads = codeLines(legacyScripts([ftInstall, dmInstall(DM_MANAGER)]).start).filter((l) => l.startsWith("armload"));
    assert.deepEqual(loads.slice(0, 2), ["armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT", "armload NEC_DMSTD_SERVICE /S /M /FOV DMSTD"]);
  });

  it("C5: DM SE stop order armkill NEC_DMSTD_SERVICE, then armkill NEC_ESMPROFT_SERVICE", () => {
    assert.deepEqual(codeLines(legacyScripts([ftInstall, dmInstall(DM_MANAGER)]).stop).filter((l) => l.startsWith("armkill")).slice(0, 2), ["armkill NEC_DMSTD_SERVICE", "armkill NEC_ESMPROFT_SERVICE"]);
  });

  it("C6: DM agent start FileTransfer then armload NEC_DMSTDA_SERVICE /S /M /FOV DMSTDA; stop armkill NEC_DMSTDA_SERVICE then NEC_ESMPROFT_SERVICE", () => {
    const s = legacyScripts([ftInstall, dmInstall({ component: "agent", clusterName: "c" })]);
    assert.deepEqual(codeLines(s.start).filter((l) => l.startsWith("armload")).slice(0, 2), ["armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT", "armload NEC_DMSTDA_SERVICE /S /M /FOV DMSTDA"]);
    assert.deepEqual(codeLines(s.stop).filter((l) => l.startsWith("armkill")).slice(0, 2), ["armkill NEC_DMSTDA_SERVICE", "armkill NEC_ESMPROFT_SERVICE"]);
  });

  it("C7: in the DM start scripts ARMS_EVENT == RECOVER does nothing; START and FAILOVER run identical service starts", () => {
    const start = codeLines(legacyScripts([ftInstall, dmInstall(DM_MANAGER)]).start);
    assert.deepEqual(between(start, ":RECOVER", ":FAILOVER"), ["GOTO EXIT"]);
    const normal = between(start, ":NORMAL", ":RECOVER").slice(0, -1);
    const failover = between(start, ":FAILOVER", ":EXIT");
    assert.deepEqual(normal.map((l) => l.replace(/\d$/, "")), failover.map((l) => l.replace(/\d$/, "")));
  });

  it("C8: the DM SE start script calls armwsset <DM dir>\\esmMMDM.EXE <IP> before the armloads: the active node's physical IP on ARMS_SERVER == HOME, else the standby's", () => {
    const start = codeLines(legacyScripts([ftInstall, dmInstall(DM_MANAGER)]).start);
    const normal = between(start, ":NORMAL", ":RECOVER");
    assert.deepEqual(normal.slice(0, 6), ['IF "%ARMS_SERVER%" == "HOME" GOTO HOME1', "armwsset C:\\esmprodm\\ESM_DM\\esmMMDM.EXE 195.10.10.2", "GOTO CONTINUE1", ":HOME1", "armwsset C:\\esmprodm\\ESM_DM\\esmMMDM.EXE 195.10.10.1", ":CONTINUE1"]);
    assert.ok(normal.indexOf(":CONTINUE1") < normal.findIndex((l) => l.startsWith("armload")));
    assert.doesNotMatch(legacyScripts([ftInstall, dmInstall({ component: "agent", clusterName: "c" })]).start, /armwsset/, "the agent has none");
    assert.deepEqual(issues({ product: "esmpro-deliverymanager", settings: { component: "manager", clusterName: "c" } }).map((i) => i.path), ["settings.activeServerIp", "settings.standbyServerIp", "settings.mmdmPath"]);
  });

  it("C9: before the DM scripts copy wsock32.dll from <CLUSTERPRO install dir (default \\Program Files\\esmarm)>\\armmontr\\ to the DM SE install directory", () => {
    assert.match(steps(dmPlan(DM_MANAGER)), /Copy <CLUSTERPRO install dir \(default \\Program Files\\esmarm\)>\\armmontr\\wsock32\.dll into the DeliveryManager install directory/);
  });

  it("C10: DM SE and agent: the same install drive and directory on both nodes, the SG directory the same on the same switchable partition, individual install (個別インストール) only", () => {
    assert.match(steps(dmPlan(DM_MANAGER)), /individual install \(個別インストール\), Yes to the cluster install; the same drive and directory on both nodes; the SG directory the same directory on the same switchable partition/);
    assert.ok(dm.requires?.some((r) => r.kind === "switch-partition"));
  });

  it('C11: uninstalling DM SE or the agent on the standby: uncheck "SG ファイルも削除", otherwise 「システムエラーが発生しました。」', () => {
    for (const settings of [DM_MANAGER, { component: "agent", clusterName: "c" }]) assert.match(steps(dmPlan(settings)), /standby: clear "SG ファイルも削除", otherwise it fails with "システムエラーが発生しました。"/);
  });
});
