// Every checkable fact of the seed 001 digest E (§2 WebSAM: Netvisor, NetvisorPro Ver. 3.0, AppManager Ver5.0,
// Performance Management), one test each, titled with the fact; asserted on the catalog data, its rendered plan, the
// settings schema and the generated scripts. Where digest and seed differ, the test follows the seed.
import { strict as assert } from "node:assert";
import { CATALOG } from "../../../provider/products/catalog";
import { parseProductInstall, type ValidProductInstall } from "../../../provider/products/install-input";
import { renderProduct } from "../../../provider/products/render";
import { legacyScripts } from "../../../provider/products/scripts";
import { APPMANAGER_AGENTS, PFM_AGENTS } from "../../../provider/products/settings";
import { SET_RES_DEPENDENCY } from "../../../provider/products/websam-appmanager";
import { NVPRO_DATABASES, NVPRO_NOT_STARTED } from "../../../provider/products/websam-netvisorpro";

const nv = CATALOG["websam-netvisor"];
const pro = CATALOG["websam-netvisorpro"];
const am = CATALOG["websam-appmanager@5"];
const pfm = CATALOG["websam-pfm"];

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

const nvPlan = (settings: object = {}) => renderProduct("websam-netvisor", settings as never, "X:\\ESMPRO");
const PRO = { databaseDirectory: "X:\\nvpro" };
const proPlan = (settings: object = {}) => renderProduct("websam-netvisorpro", { ...PRO, ...settings } as never, "X:\\ESMPRO");
const amPlan = (form: string) => renderProduct("websam-appmanager@5", { form } as never);
const pfmInstall = install({ product: "websam-pfm", settings: { logicalHostName: "VCOMSQL" } });
const byName = (plan: ReturnType<typeof nvPlan>) => new Map(plan.services.map((s) => [s.serviceName, s.displayName]));
const displayOrder = (plan: ReturnType<typeof nvPlan>, order: string[]) => order.map((n) => byName(plan).get(n));
const code = (text: string) => text.split("\r\n").filter((l) => l !== "" && !/^rem /i.test(l));
const NVBASE = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE";
const ESM_START = ["ESM Base Service", "ESM Command Service", "ESM Logging Service", "ESM Remote Map Service", "ESM Trap Service", "ESM/NV Dns Service", "ESM Alert Service", "Dmi Event Watcher", "Alert Manager Socket(R) Service", "ESM/NV Event Watch Service", "ESM/NV Trouble Ticket Service", "ESM Expert Service", "ESM Rule Service", "ESM IPM"];

describe("seed 001 digest E: WebSAM Netvisor (§2.1), NetvisorPro (§2.2), AppManager (§2.3), Performance Management (§2.4), checkable facts", () => {
  it("E1: the Netvisor sync-registry keys are exactly HKLM\\SOFTWARE\\NEC\\NVBASE and HKLM\\SYSTEM\\CurrentControlSet\\Services\\Nvbase; NetvisorPro uses the same two", () => {
    const keys = [NVBASE, "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase"];
    assert.deepEqual(nvPlan().registrySyncKeys, keys);
    assert.deepEqual(proPlan().registrySyncKeys, keys);
  });

  it("E2: the default work directory \\Program Files\\Esmpro\\Nvwork moves to the switch partition, and the standby's copy is deleted", () => {
    for (const plan of [nvPlan(), proPlan()]) {
      assert.deepEqual(plan.sharedDiskPlacements, [{ operation: "move", kind: "folder", source: "%ProgramFiles%\\Esmpro\\Nvwork", target: "X:\\ESMPRO\\Nvwork", onlyIfExists: false }]);
      assert.deepEqual(plan.standbyDeletions, [{ kind: "folder", path: "%ProgramFiles%\\Esmpro\\Nvwork" }]);
    }
  });

  it("E3: WorkDir under HKLM\\SOFTWARE\\NEC\\NVBASE = the new work-directory path (Netvisor and NetvisorPro), on both servers", () => {
    for (const plan of [nvPlan(), proPlan()]) assert.deepEqual(plan.registryWrites.find((w) => w.name === "WorkDir"), { key: NVBASE, name: "WorkDir", type: "REG_SZ", operation: "modify", data: { kind: "value", value: "X:\\ESMPRO\\Nvwork" } });
  });

  it("E4: AlertPath under HKLM\\SOFTWARE\\NEC\\NVBASE\\AlertViewer = <new path>\\alert", () => {
    for (const plan of [nvPlan(), proPlan()]) {
      const w = plan.registryWrites.find((x) => x.name === "AlertPath");
      assert.equal(w?.key, `${NVBASE}\\AlertViewer`);
      assert.deepEqual(w?.data, { kind: "value", value: "X:\\ESMPRO\\Nvwork\\alert" });
    }
  });

  it("E5: NetvisorPro only: DiosaFilter = <new path>\\Alert\\filter\\odiosasg and GeneralFilter = <new path>\\Alert\\filter\\genericsg under NVBASE", () => {
    const value = (plan: ReturnType<typeof nvPlan>, name: string) => plan.registryWrites.find((w) => w.key === NVBASE && w.name === name)?.data;
    assert.deepEqual(value(proPlan(), "DiosaFilter"), { kind: "value", value: "X:\\ESMPRO\\Nvwork\\Alert\\filter\\odiosasg" });
    assert.deepEqual(value(proPlan(), "GeneralFilter"), { kind: "value", value: "X:\\ESMPRO\\Nvwork\\Alert\\filter\\genericsg" });
    assert.equal(value(nvPlan(), "DiosaFilter"), undefined);
  });

  it("E6: work-directory ACL: Administrators Full Control, Everyone Read, the ESMPRO user group (NvAdmin) Full Control, SYSTEM Full Control", () => {
    for (const plan of [nvPlan({ esmproUserGroups: ["NvAdmin"] }), proPlan({ esmproUserGroups: ["NvAdmin"] })]) {
      assert.deepEqual(plan.acls.map((a) => [a.path, a.recursive, a.on]), [["X:\\ESMPRO\\Nvwork", true, "active"]]);
      assert.deepEqual(plan.acls[0].entries.map((e) => [e.principal, e.rights]), [["Administrators", "FullControl"], ["Everyone", "Read"], ["NvAdmin", "FullControl"], ["SYSTEM", "FullControl"]]);
    }
  });

  it("E7: Netvisor has 13 related services, plus ESM IPM only with router management; all Manual on both servers", () => {
    assert.equal(nvPlan().services.length, 13);
    assert.ok(!nvPlan().services.some((s) => s.displayName === "ESM IPM"));
    const withRouter = nvPlan({ routerManagement: true });
    assert.equal(withRouter.services.length, 14);
    assert.ok(withRouter.services.every((s) => s.startup === "Manual" && s.control === "group"));
  });

  it("E8: Netvisor START order: ESM Base, Command, Logging, Remote Map, Trap, ESM/NV Dns, ESM Alert, Dmi Event Watcher, Alert Manager Socket(R), ESM/NV Event Watch, Trouble Ticket, Expert, Rule, (ESM IPM)", () => {
    const plan = nvPlan({ routerManagement: true });
    assert.deepEqual(displayOrder(plan, plan.startOrder), ESM_START);
  });

  it("E9: Netvisor STOP order: (ESM IPM), Alert Manager Socket(R), Dmi Event Watcher, ESM Alert, Command, Expert, Logging, Remote Map, Rule, Trap, ESM/NV Dns, Trouble Ticket, Event Watch, ESM Base", () => {
    const plan = nvPlan({ routerManagement: true });
    assert.deepEqual(displayOrder(plan, plan.stopOrder), ["ESM IPM", "Alert Manager Socket(R) Service", "Dmi Event Watcher", "ESM Alert Service", "ESM Command Service", "ESM Expert Service", "ESM Logging Service", "ESM Remote Map Service", "ESM Rule Service", "ESM Trap Service", "ESM/NV Dns Service", "ESM/NV Trouble Ticket Service", "ESM/NV Event Watch Service", "ESM Base Service"]);
    assert.equal(plan.stopOrderIsReverse, false, "not the reverse of the start order: a stop script keeps it");
  });

  it("E10: in Netvisor and NetvisorPro, ESM Base Service starts first and stops last (and both say they use the shared ESM Base Service)", () => {
    for (const plan of [nvPlan(), proPlan()]) {
      assert.equal(plan.startOrder[0], "Nvbase");
      assert.equal(plan.stopOrder.at(-1), "Nvbase");
    }
    assert.ok(nv.usesEsmBaseService && pro.usesEsmBaseService);
    assert.ok(nv.constraints.some((c) => c.rule === "esm-base-service-first-and-last"));
  });

  it("E11: the Netvisor sample's script names are Nvbase, Nvcmd, Nvipmd, Nvlogd, Nvrmapd, Nvintrd, Nvdnsd, ESMASVNT, DmiEventWatcher, AlertManagerSocketReceiveService, Nvewatchd, Nvtrtickd, Nvexpd, Nvexrld, each started with ARMLOAD.EXE <id> /S /M /WAIT 0", () => {
    const names = ["Nvbase", "Nvcmd", "Nvipmd", "Nvlogd", "Nvrmapd", "Nvintrd", "Nvdnsd", "ESMASVNT", "DmiEventWatcher", "AlertManagerSocketReceiveService", "Nvewatchd", "Nvtrtickd", "Nvexpd", "Nvexrld"];
    assert.deepEqual(nv.services.map((s) => s.serviceName).sort(), [...names].sort());
    assert.ok(nv.services.every((s) => s.arm?.options.join(" ") === "/S /M /WAIT 0" && s.monitored));
    const start = code(legacyScripts([install({ product: "websam-netvisor", settings: { routerManagement: true }, sharedFolder: "X:\\ESMPRO" })]).start).filter((l) => l.startsWith("ARMLOAD.EXE"));
    assert.equal(start.length, 28, "14 in each of the NORMAL and FAILOVER branches");
  });

  it("E12: the Netvisor stop.bat sleeps ARMSLEEP.EXE 5 before ARMKILL.EXE id_Base; NetvisorPro's ARMSLEEP.EXE 10", () => {
    const before = (product: "websam-netvisor" | "websam-netvisorpro", settings: object) => {
      const lines = code(legacyScripts([install({ product, settings, sharedFolder: "X:\\ESMPRO" })]).stop);
      const i = lines.indexOf("ARMKILL.EXE id_Base");
      return lines.slice(i - 2, i + 1);
    };
    assert.deepEqual(before("websam-netvisor", {}), ["ARMSLEEP.EXE 5", 'ARMLOG "o id_Base"', "ARMKILL.EXE id_Base"]);
    assert.deepEqual(before("websam-netvisorpro", PRO), ["ARMSLEEP.EXE 10", 'ARMLOG "o id_Base"', "ARMKILL.EXE id_Base"]);
  });

  it("E13: NetvisorPro starts TopologyManager Base, TopologyManager, Log, CommControl, Watch after the ESM services and stops them first, reversed", () => {
    const plan = proPlan({ routerManagement: true });
    const nvpro = ["NVPRO TopologyManager Base Service", "NVPRO TopologyManager Service", "NVPRO Log Service", "NVPRO CommControl Service", "NVPRO Watch Service"];
    assert.deepEqual(displayOrder(plan, plan.startOrder), [...ESM_START, ...nvpro]);
    assert.deepEqual(displayOrder(plan, plan.stopOrder).slice(0, 5), [...nvpro].reverse());
    // §2.2.3 (ア): ESM Alert Service before Dmi Event Watcher here (Netvisor's list has Dmi first).
    assert.deepEqual(displayOrder(plan, plan.stopOrder).slice(5, 9), ["ESM IPM", "Alert Manager Socket(R) Service", "ESM Alert Service", "Dmi Event Watcher"]);
  });

  it("E14: the NetvisorPro sample starts nvtpbase, ARMSLEEP.EXE 30, nvtpserv with /S /A /M /WAIT 0, then nvlgLogServ, nvComServ, iEBase", () => {
    const lines = code(legacyScripts([install({ product: "websam-netvisorpro", settings: PRO, sharedFolder: "X:\\ESMPRO" })]).start);
    const from = lines.indexOf("ARMLOAD.EXE id_nvtpbase /S /M /WAIT 0 nvtpbase");
    assert.deepEqual(lines.slice(from, from + 10), [
      "ARMLOAD.EXE id_nvtpbase /S /M /WAIT 0 nvtpbase",
      "ARMSLEEP.EXE 30",
      'ARMLOG "id_nvtpserv"',
      "ARMLOAD.EXE id_nvtpserv /S /A /M /WAIT 0 nvtpserv",
      'ARMLOG "id_nvlgLogServ"',
      "ARMLOAD.EXE id_nvlgLogServ /S /M /WAIT 0 nvlgLogServ",
      'ARMLOG "id_nvComServ"',
      "ARMLOAD.EXE id_nvComServ /S /M /WAIT 0 nvComServ",
      'ARMLOG "id_iEBase"',
      "ARMLOAD.EXE id_iEBase /S /M /WAIT 0 iEBase",
    ]);
  });

  it("E15: the NetvisorPro service list has 35 entries: 14 ESM/Netvisor (ESM IPM included) and 21 NVPRO (5 started by the group, 16 set Manual by hand: no service names in the seed)", () => {
    const nvproInCatalog = pro.services.filter((s) => s.displayName.startsWith("NVPRO "));
    assert.equal(pro.services.length - nvproInCatalog.length, 14);
    assert.equal(nvproInCatalog.length + NVPRO_NOT_STARTED.length, 21);
    assert.equal(new Set([...nvproInCatalog.map((s) => s.displayName), ...NVPRO_NOT_STARTED]).size, 21);
    for (const name of NVPRO_NOT_STARTED) assert.ok(steps(proPlan()).includes(name), name);
  });

  it("E16: the NetvisorPro script attaches nvpro, pd_syslog, pd_trap_mng, nvqos, kn_mst from <DB dir>\\<db>dat.mdf and <db>log.ldf on %computername%\\nvpro", () => {
    assert.deepEqual([...NVPRO_DATABASES], ["nvpro", "pd_syslog", "pd_trap_mng", "nvqos", "kn_mst"]);
    const start = code(legacyScripts([install({ product: "websam-netvisorpro", settings: PRO, sharedFolder: "X:\\ESMPRO" })]).start);
    const attach = start.filter((l) => l.includes("sp_attach_db"));
    assert.equal(attach.length, 20, "five in each of the four branches");
    assert.equal(attach[0], "osql -E -d master -S %computername%\\nvpro -Q \"EXEC sp_attach_db @dbname = 'nvpro',@filename1 = 'X:\\nvpro\\nvprodat.mdf',@filename2 = 'X:\\nvpro\\nvprolog.ldf'\"");
    assert.ok(attach.some((l) => l.includes("'X:\\nvpro\\kn_mstlog.ldf'")));
  });

  it("E17: after attaching, the script re-maps DB user nv (sp_dropuser, sp_grantdbaccess 'nv', sp_addrolemember 'db_owner','nv'); on stop it detaches (@skipchecks = 'TRUE') before stopping the services", () => {
    const s = legacyScripts([install({ product: "websam-netvisorpro", settings: PRO, sharedFolder: "X:\\ESMPRO" })]);
    const start = code(s.start);
    const lastAttach = start.findIndex((l) => l.includes("'kn_mst',@filename1"));
    assert.match(start[lastAttach + 1], /-d nvpro .*EXEC sp_dropuser 'nv'/);
    assert.ok(start.includes("osql -E -S %computername%\\nvpro -d kn_mst -Q \"EXEC sp_addrolemember 'db_owner','nv'\""));
    assert.ok(start.indexOf("osql -E -S %computername%\\nvpro -d kn_mst -Q \"EXEC sp_grantdbaccess 'nv'\"") < start.indexOf("ARMLOAD.EXE id_Base /S /M /WAIT 0 Nvbase"));
    const stop = code(s.stop);
    assert.ok(stop.indexOf("osql -E -d master -S %computername%\\nvpro -Q \"EXEC sp_detach_db @dbname = 'kn_mst',@skipchecks = 'TRUE'\"") < stop.indexOf("ARMKILL.EXE id_iEBase"));
  });

  it("E18: NetvisorPro needs one license per installed node and CLUSTERPRO (Windows) Ver6.x or later; Netvisor needs Ver6.0", () => {
    assert.match(steps(proPlan()), /One NetvisorPro license per installed server: 2 for an active and a standby server/);
    assert.deepEqual(issues({ product: "websam-netvisorpro", settings: { ...PRO, clusterproVersion: "5.0" }, sharedFolder: "X:\\ESMPRO" }).map((i) => i.path), ["settings.clusterproVersion"]);
    assert.deepEqual(issues({ product: "websam-netvisorpro", settings: { ...PRO, clusterproVersion: "7.0" }, sharedFolder: "X:\\ESMPRO" }), []);
    assert.deepEqual(issues({ product: "websam-netvisor", settings: { clusterproVersion: "6.1" }, sharedFolder: "X:\\ESMPRO" }).map((i) => i.path), ["settings.clusterproVersion"]);
    assert.deepEqual(issues({ product: "websam-netvisor", settings: { clusterproVersion: "6.0" }, sharedFolder: "X:\\ESMPRO" }), []);
  });

  it("E19: manager communication and SNMP trap targets use the virtual IP or FIP, never a physical IP (a floating IP is required in the group)", () => {
    for (const plan of [nvPlan(), proPlan()]) {
      assert.ok(plan.requires.some((r) => r.kind === "floating-ip" && /physical IP does not work/.test(r.purpose)));
      assert.match(steps(plan), /virtual IP \/ floating IP, never a physical IP/);
    }
  });

  it("E20: Netvisor on a CLUSTERPRO server cannot coexist with the CLUSTERPRO Manager; the LAN management agent and NodeManager cannot be used on a cluster", () => {
    const paths = issues({ product: "websam-netvisor", settings: { clusterproManagerOnServer: true, lanManagementAgent: true, nodeManager: true }, sharedFolder: "X:\\ESMPRO" }).map((i) => i.path);
    assert.deepEqual(paths, ["settings.clusterproManagerOnServer", "settings.lanManagementAgent", "settings.nodeManager"]);
    assert.deepEqual(issues({ product: "websam-netvisorpro", settings: { ...PRO, clusterproManagerOnServer: true }, sharedFolder: "X:\\ESMPRO" }).map((i) => i.path), ["settings.clusterproManagerOnServer"]);
  });

  it("E21: the Netvisor update / patch install needs the switch partition with the work directory reachable, otherwise it fails", () => {
    assert.match(steps(nvPlan()), /Update install \/ fix module: install on each server while the switch partition holding the work directory is reachable there .*otherwise the install fails/);
  });

  it("E22: AppManager Ver5.0 and Performance Management both need CLUSTERPRO Ver7.0", () => {
    assert.deepEqual(issues({ product: "websam-appmanager", version: "5", settings: { form: "agent-only", clusterproVersion: "6.0" } }).map((i) => i.path), ["settings.clusterproVersion"]);
    assert.deepEqual(issues({ product: "websam-pfm", settings: { logicalHostName: "VCOMSQL", clusterproVersion: "6.0" } }).map((i) => i.path), ["settings.clusterproVersion"]);
    assert.deepEqual(issues({ product: "websam-appmanager", version: "5", settings: { form: "agent-only", clusterproVersion: "7.0" } }), []);
    assert.equal(am.version, "5");
    assert.match(issues({ product: "websam-appmanager", settings: { form: "agent-only" } })[0]?.message ?? "", /has no default version; its versions: 5/);
  });

  it("E23: AppManager repository install: MSSQLServer and SQLServerAgent stay Manual (answer いいえ)", () => {
    assert.match(steps(amPlan("all-on-cluster")), /Answer いいえ \(No\) when the installer asks about MSSQLServer and SQLServerAgent: both stay Manual/);
    assert.doesNotMatch(steps(amPlan("agent-only")), /MSSQLServer/);
  });

  it("E24: AppManager: the SQL logins netiq and probe have the same SID on both nodes (select sid from master.dbo.syslogins …; sp_addlogin '<name>', '<name>', default, default, <SID>)", () => {
    const text = steps(amPlan("management-manager"));
    assert.match(text, /select sid from master\.dbo\.syslogins where name='netiq' \(and name='probe'\)/);
    assert.match(text, /sp_addlogin 'netiq', 'netiq', default, default, <SID> and sp_addlogin 'probe', 'probe', default, default, <SID>/);
  });

  it("E25: AppManager needs no service change and no script; management server only needs a floating IP and no switch partition", () => {
    assert.deepEqual([am.services, am.startOrder, am.legacyScripts], [[], [], undefined]);
    assert.deepEqual(amPlan("management-server-only").requires.map((r) => r.kind), ["floating-ip"]);
    assert.deepEqual(amPlan("all-on-cluster").requires.map((r) => r.kind), ["floating-ip", "switch-partition"]);
    assert.match(steps(amPlan("management-server-only")), /needs only a floating IP .*no switch partition/);
  });

  it("E26: AppManager agent only: Knowledge Script Amadmin_SetResDependency on both nodes with category *, resource C:, services OracleServiceSID1, OracleTNSListener80, event N, severity 25", () => {
    assert.deepEqual(SET_RES_DEPENDENCY, { category: "*", resource: "C:", services: "OracleServiceSID1, OracleTNSListener80", eventOnSuccess: "N", severityOnSuccess: 25 });
    assert.match(steps(amPlan("agent-only")), /Amadmin_SetResDependency on both nodes with category \*, resource C:, services OracleServiceSID1, OracleTNSListener80 .*event on success N, severity 25/);
  });

  it("E27: supported AppManager agents: exactly 4; supported PFM agents: Platform (UNIX/Windows), Oracle, SQL Server, Domino, SAP R/3 — others refused", () => {
    assert.deepEqual([...APPMANAGER_AGENTS], ["Windows NT/2000/2003 Server", "Oracle RDBMS", "SQL Server", "Exchange Server"]);
    assert.deepEqual([...PFM_AGENTS], ["Platform (UNIX)", "Platform (Windows)", "Oracle", "SQL Server", "Domino", "SAP R/3"]);
    assert.deepEqual(issues({ product: "websam-appmanager", version: "5", settings: { form: "agent-only", agents: ["Lotus Domino"] } }).map((i) => i.path), ["settings.agents"]);
    assert.deepEqual(issues({ product: "websam-pfm", settings: { logicalHostName: "V", agents: ["Exchange"] } }).map((i) => i.path), ["settings.agents"]);
  });

  it("E28: PFM: ARMLOAD pfm1 /S \"JP1PCMGR_PN [VCOMSQL]\" … pfm7 \"JP1PCMGR_PP [VCOMSQL]\" in the order PN, PM, PS, PH, PE, PC, PP; stop ARMKILL pfm7 … pfm1", () => {
    const s = legacyScripts([pfmInstall]);
    const start = code(s.start).filter((l) => l.startsWith("ARMLOAD"));
    assert.deepEqual(start.slice(0, 7), ["PN", "PM", "PS", "PH", "PE", "PC", "PP"].map((x, i) => `ARMLOAD pfm${i + 1} /S "JP1PCMGR_${x} [VCOMSQL]"`));
    assert.deepEqual(code(s.stop).filter((l) => l.startsWith("ARMKILL")).slice(0, 7), [7, 6, 5, 4, 3, 2, 1].map((n) => `ARMKILL pfm${n}`));
    assert.ok(pfm.services.every((s) => !s.monitored), "no /M");
  });

  it("E29: every sample branches on ARMS_EVENT (START / FAILOVER / RECOVER; stop.bat has no RECOVER), ARMS_DISK FAILURE (切替パーティションの接続に失敗しました) and ARMS_SERVER OTHER", () => {
    const installs = [install({ product: "websam-netvisor", settings: {}, sharedFolder: "X:\\ESMPRO" }), install({ product: "websam-netvisorpro", settings: PRO, sharedFolder: "X:\\ESMPRO" }), pfmInstall];
    for (const i of installs) {
      const s = legacyScripts([i]);
      assert.deepEqual(code(s.start).slice(0, 3), ['IF "%ARMS_EVENT%" == "START" GOTO NORMAL', 'IF "%ARMS_EVENT%" == "FAILOVER" GOTO FAILOVER', 'IF "%ARMS_EVENT%" == "RECOVER" GOTO RECOVER']);
      assert.doesNotMatch(s.stop, /RECOVER/);
      for (const t of [s.start, s.stop]) {
        assert.match(t, /IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK/);
        assert.match(t, /ARMBCAST \/MSG "切替パーティションの接続に失敗しました" \/A/);
        assert.match(t, /IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1/);
      }
    }
  });

  it("E30: AppManager, Oracle on the shared disk: its init file (\\orant\\Database\\initxxx.ora for 8.0.5 / 8.1.6+, \\oracle\\admin\\ora8i\\pfile\\init.ora for 8.1.5) is copied to the same directory on the local disk", () => {
    assert.match(steps(amPlan("agent-only")), /copy its init file to the same directory on the local disk \(Oracle 8\.0\.5 \/ 8\.1\.6\+: \\orant\\Database\\initxxx\.ora; 8\.1\.5: \\oracle\\admin\\ora8i\\pfile\\init\.ora\)/);
  });
});
