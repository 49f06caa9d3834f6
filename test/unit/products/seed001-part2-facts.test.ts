// Every checkable fact of the seed 001 digests C (§1.6–1.10: ESMPRO/AutomaticRunningController ×4, PrintManager; facts
// C12–C30) and D (§1.11–1.14: ClientManager, AppManager 3.4 and 4.x, BOM; facts D1–D28), one test each, titled with the
// fact; asserted on the catalog data, its rendered plan, the settings checks, the preview rules and the generated
// scripts. Where digest and seed differ, the test follows the seed (noted in the title).
import { strict as assert } from "node:assert";
import { CATALOG } from "../../../provider/products/catalog";
import { checkProductConstraints, type ProductInstallFacts } from "../../../provider/products/constraints";
import { localBroadcastAddress } from "../../../provider/products/esmpro-ac-common";
import { amcTimeline } from "../../../provider/products/esmpro-ac-snmp";
import { parseProductInstall, type ValidProductInstall } from "../../../provider/products/install-input";
import { renderProduct } from "../../../provider/products/render";
import { clusterproXForm, legacyScripts } from "../../../provider/products/scripts";
import type { ProductSettings } from "../../../provider/products/settings";
import type { Product } from "../../../provider/products/types";
import { CM_SETTINGS, SAMPLE_SETTINGS } from "./samples";

const AC = ["esmpro-ac-iups", "esmpro-ac-snmp", "esmpro-ac-powerchute-plus", "esmpro-ac-upsmanager"] as const;
const pm = CATALOG["esmpro-printmanager"];
const cm = CATALOG["esmpro-clientmanager"];
const am34 = CATALOG["esmpro-appmanager@3.4"];
const am4 = CATALOG["esmpro-appmanager@4"];
const bom = CATALOG["esmpro-bom"];

function install(input: Parameters<typeof parseProductInstall>[0]): ValidProductInstall {
  const r = parseProductInstall(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
/** The settings errors of an install: "path: message" each. */
const issues = (product: string, settings: object, extra: object = {}) => {
  const r = parseProductInstall({ product, settings, ...extra });
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};
const with_ = (id: keyof typeof SAMPLE_SETTINGS, extra: object) => ({ ...(SAMPLE_SETTINGS[id] as object), ...extra });
const steps = (p: Product, settings?: object, sharedFolder?: string) => (settings ? renderProduct(p.id as never, settings as never, sharedFolder).manualSteps.map((m) => m.text) : p.manualSteps.map((m) => m.text)).join("\n");
const codeLines = (text: string) => text.split("\r\n").filter((l) => l !== "" && !/^rem /i.test(l));
const between = (lines: string[], from: string, to: string) => lines.slice(lines.indexOf(from) + 1, lines.indexOf(to));
const facts = (name: string, product: string, settings: object, nodes: number, extra: Partial<ProductInstallFacts> = {}): ProductInstallFacts => ({
  name, product, settings, group: "g", groupStartupServers: [], clusterNodes: Array.from({ length: nodes }, (_, i) => `server0${i + 1}`), groupIpAddresses: ["10.0.0.9"], ...extra,
});

const pmNative = install({ product: "esmpro-printmanager", settings: { printManagerVersion: "2.1", operation: "native" } });
const CM_SHARED = "w:\\Program Files\\esmpro\\esmprocm";
const cmInstall = install({ product: "esmpro-clientmanager", settings: CM_SETTINGS, sharedFolder: CM_SHARED });
const amRepo = install({ product: "esmpro-appmanager", version: "3.4", settings: { clusterproVersion: "6.0", role: "repository-and-management-server" } });
const amAgent = install({ product: "esmpro-appmanager", version: "3.4", settings: { clusterproVersion: "6.0", role: "agent", agentMethod: "clustered-agent" } });
const bomInstall = install({ product: "esmpro-bom", settings: { bomVersion: "4.0", monitoredItem: "APPL003" } });
const snmp = (extra: object = {}) => install({ product: "esmpro-ac-snmp", settings: with_("esmpro-ac-snmp", extra) }).settings as ProductSettings["esmpro-ac-snmp"];

describe("seed 001 digest C: ESMPRO/PrintManager (§1.10), checkable facts", () => {
  it("C12: the Ver2.1+ start script stops esmproprs → spooler → esmpropr, then starts esmpropr → spooler → esmproprs; the order is mandatory", () => {
    const start = codeLines(legacyScripts([pmNative]).start);
    const body = between(start, 'IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK', 'IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1');
    assert.deepEqual(body, ["net stop esmproprs", "net stop spooler", "net stop esmpropr", "net start esmpropr", "net start spooler", "net start esmproprs"]);
    assert.equal(pm.orderMatters, true);
    assert.match(steps(pm, { printManagerVersion: "2.1", operation: "native" }), /in this exact order: stop esmproprs, spooler, esmpropr; start esmpropr, spooler, esmproprs/);
  });

  it("C13: the stop script has no content; Ver2.0 and earlier need no script at all", () => {
    assert.deepEqual([...pm.legacyScripts!.beforeStop, ...pm.legacyScripts!.afterStop], []);
    const old = install({ product: "esmpro-printmanager", settings: { printManagerVersion: "2.0", operation: "arm30-compatible" } });
    assert.doesNotMatch(legacyScripts([old]).start, /net /);
    assert.deepEqual(renderProduct("esmpro-printmanager", { printManagerVersion: "2.0", operation: "arm30-compatible" }).xScripts, []);
  });

  it("C14: ARMS_DISK == FAILURE goes to ERROR_DISK (切替パーティションの接続に失敗しました) before the restarts; an ARMS_EVENT other than START/FAILOVER/RECOVER goes to no_arm", () => {
    const start = codeLines(legacyScripts([pmNative]).start);
    assert.deepEqual(start.slice(0, 4), ['IF "%ARMS_EVENT%" == "START" GOTO NORMAL', 'IF "%ARMS_EVENT%" == "FAILOVER" GOTO FAILOVER', 'IF "%ARMS_EVENT%" == "RECOVER" GOTO RECOVER', "GOTO no_arm"]);
    assert.ok(start.indexOf('IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK') < start.indexOf("net stop esmproprs"));
    assert.deepEqual(between(start, ":ERROR_DISK", ":no_arm"), ['ARMBCAST /MSG "切替パーティションの接続に失敗しました" /A', "GOTO EXIT"]);
  });

  it("C15: native operation needs PrintManager 2.1+ (CLUSTERPRO Ver4.0+), 2.0 and earlier ARM3.0-compatible; clients register the failover group name (native) or the primary server name; the API printer is \\\\<failover group>\\<printer>", () => {
    assert.match(issues("esmpro-printmanager", { printManagerVersion: "2.0", operation: "native" }).join("\n"), /settings\.operation: native operation needs ESMPRO\/PrintManager Ver2\.1 or later.*seed 001 §1\.10\.1/);
    assert.match(issues("esmpro-printmanager", { printManagerVersion: "2.2", operation: "arm30-compatible" }).join("\n"), /settings\.operation: .*native operation/);
    assert.deepEqual(issues("esmpro-printmanager", { printManagerVersion: "2.1", operation: "native" }), []);
    assert.match(steps(pm, { printManagerVersion: "2.1", operation: "native" }), /register the failover group name \(native operation\); with the print-control API the printer is \\\\<failover group name>\\<printer name>/);
    assert.match(steps(pm, { printManagerVersion: "1.0", operation: "arm30-compatible" }), /register the primary server name/);
  });
});

describe("seed 001 digest C: ESMPRO/AutomaticRunningController (§1.6–1.9), checkable facts", () => {
  it("C16: no cluster scripts for any of the four setups; bought and installed on every node", () => {
    for (const id of AC) {
      const p = CATALOG[id];
      assert.equal(p.legacyScripts, undefined, id);
      assert.deepEqual([p.services, p.startOrder, p.registrySync], [[], [], []], id);
      assert.match(steps(p), /needs no start or stop script/, id);
      assert.match(steps(p), /Buy and install ESMPRO\/AC \(and AC Enterprise\) on every server individually/, id);
      assert.deepEqual(renderProduct(id, SAMPLE_SETTINGS[id] as never).xScripts, [], id);
    }
  });

  it("C17: 通信用ポート番号 defaults to 4000, 通信用IPアドレス to 255.255.255.255, set to the local broadcast (172.16.134.12/24 → 172.16.134.255); changing either needs a restart of all servers", () => {
    for (const id of AC) {
      const s = install({ product: id, settings: SAMPLE_SETTINGS[id] }).settings as { communicationPort: number; communicationIpAddress: string };
      assert.deepEqual([s.communicationPort, s.communicationIpAddress], [4000, "255.255.255.255"], id);
      assert.match(steps(CATALOG[id], SAMPLE_SETTINGS[id]), /通信用ポート番号 4000/, id);
      assert.match(steps(CATALOG[id]), /after changing either, restart all servers/, id);
    }
    assert.equal(localBroadcastAddress("172.16.134.12", "255.255.255.0"), "172.16.134.255");
    assert.equal(localBroadcastAddress("133.209.31.5", "255.255.255.128"), "133.209.31.127");
  });

  it("C18: I-UPS needs ESMPRO/UPSController; AC Enterprise for 3+ nodes; no I-UPS for shared-disk clusters of 5+ nodes; V.24 only on 2 nodes; LAN power-on with 3+ nodes only by Client 監視", () => {
    const iups = CATALOG["esmpro-ac-iups"];
    assert.match(steps(iups), /Install ESMPRO\/AC and ESMPRO\/UPSController on every cluster server/);
    const v = (settings: object, n: number) => checkProductConstraints([facts("ac", "esmpro-ac-iups", with_("esmpro-ac-iups", settings), n)]).map((x) => x.path);
    assert.deepEqual(v({}, 3), ["settings.acEnterprise"]);
    assert.deepEqual(v({ acEnterprise: true }, 5), ["settings.sharedDisk"]);
    assert.deepEqual(v({ v24LineMonitoring: true }, 2), []);
    assert.deepEqual(v({ acEnterprise: true, sharedDisk: false, v24LineMonitoring: true }, 3), ["settings.v24LineMonitoring"]);
    assert.deepEqual(v({ acEnterprise: true, lanPowerOn: "lan-manager" }, 3), ["settings.lanPowerOn"]);
    assert.deepEqual(v({ lanPowerOn: "lan-manager" }, 2), []);
  });

  it("C19: the SNMP/AMC setup supports 2 to 16 nodes; without a management terminal 2 control terminals for 2 nodes, 3 for 3 or more", () => {
    const v = (settings: object, n: number) => checkProductConstraints([facts("amc", "esmpro-ac-snmp", with_("esmpro-ac-snmp", settings), n)]).map((x) => x.path);
    assert.deepEqual([v({}, 2), v({}, 16)], [[], []]);
    assert.deepEqual(v({}, 17), ["product"]);
    assert.deepEqual(v({ managementTerminal: false, controlTerminals: 3 }, 2), ["settings.controlTerminals"]);
    assert.deepEqual(v({ managementTerminal: false, controlTerminals: 3 }, 5), []);
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { managementTerminal: false })).join("\n"), /settings\.controlTerminals: required without a management terminal: 2 for a 2-node cluster, 3 for 3 or more nodes/);
  });

  it("C20: AMC's recommended values are the defaults: server UPS 60 s, 300 s, Disk 保護 60 s, 108 V / 92 V, sensitivity 4, battery test 2; shared-disk UPS 30 s, 300 s, 60 s, Warm-UP 順位 1", () => {
    const s = snmp();
    assert.deepEqual(s.serverUps, { confirmSeconds: 60, graceSeconds: 300, diskProtectSeconds: 60, lowBatterySeconds: 120, upperVoltage: 108, lowerVoltage: 92, sensitivity: 4, batteryTestPattern: 2 });
    assert.deepEqual(s.sharedDiskUps, { confirmSeconds: 30, graceSeconds: 300, diskProtectSeconds: 60, lowBatterySeconds: 120, warmUpRank: 1 });
  });

  it("C21: the shared-disk UPS's 電源異常確認時間 must be less than the cluster servers' UPS's", () => {
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { sharedDiskUps: { confirmSeconds: 60 } })).join("\n"), /settings\.sharedDiskUps\.confirmSeconds: the shared disk's UPS 電源異常確認時間 \(60 s\) must be less than the cluster servers' \(60 s\).*§1\.7\.7 5 ①/);
    assert.deepEqual(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { sharedDiskUps: { confirmSeconds: 59 } })), []);
  });

  it("C22: control-terminal UPS 電源異常確認時間 > linked terminal's + 8 + cluster-shutdown timeout (about 120 s) + 60 + UPS count × 2", () => {
    // 60 + 8 + 120 + 60 + 4 × 2 = 256
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { controlTerminalUpsConfirmSeconds: 256 })).join("\n"), /settings\.controlTerminalUpsConfirmSeconds: must be greater than 256 s = the linked terminal's 電源異常確認時間 60 \+ 8 \(polling\) \+ the cluster-shutdown timeout 120 \+ 60 \(OS shutdown order\) \+ 4 UPSs × 2/);
    assert.deepEqual(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { controlTerminalUpsConfirmSeconds: 257 })), []);
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { clusterShutdownTimeoutMinutes: 3, controlTerminalUpsConfirmSeconds: 300 })).join("\n"), /greater than 316 s/);
  });

  it("C23: timeline A (timeout 120 s, 4 UPSs): cluster shutdown starts at 30–38 s, ends by 158, OS shutdown by 218, AC off by 226, shared-disk UPS off by 526, cluster UPS off by about 764; the management terminal up ≥ 226 s (≥ 256 s in case B)", () => {
    const a = amcTimeline(snmp(), "A");
    assert.deepEqual(a.steps.slice(0, 5).map((s) => [s.from, s.by]), [[30, 38], [undefined, 158], [undefined, 218], [undefined, 226], [undefined, 526]]);
    // grace 300 + LowBattery 120 + "約 2 分": the seed prints 764 (226 + 538); with 2 minutes exactly it is 766.
    assert.ok(Math.abs(a.steps[5].by - 764) <= 2, String(a.steps[5].by));
    assert.equal(a.managementTerminalUp, 226);
    const b = amcTimeline(snmp(), "B");
    assert.deepEqual(b.steps.map((s) => [s.from, s.by]), [[60, 68], [undefined, 188], [undefined, 248], [undefined, 256], [undefined, 556]]);
    assert.equal(b.managementTerminalUp, 256);
    assert.deepEqual(CATALOG["esmpro-ac-snmp"].powerFailureSequences!.map((p) => p.case.slice(0, 2)), ["A:", "B:", "on", "on"]);
  });

  it("C24: %SystemDrive%\\AUTORC\\data\\ac_e_net.ini is identical on all servers; after a change restart the control terminal (or ESMPRO/ARC Service) first, then the cluster", () => {
    const text = steps(CATALOG["esmpro-ac-snmp"]);
    assert.match(text, /%SystemDrive%\\AUTORC\\data\\ac_e_net\.ini into each linked terminal's ARCDATA share\): every server holds the same ac_e_net\.ini; after any change send it again/);
    assert.match(text, /restart the control \(management\) terminal or its ESMPRO\/ARC Service first, then restart the cluster/);
  });

  it("C25: SNMP card: login apc/apc, BOOTP Disable, community public, Access Type Write+ or Write, traps Enabled; UPS names ≤ 8 half-width characters and unique; 通信用認識コード ≤ 15 characters, the same in every group", () => {
    const text = steps(CATALOG["esmpro-ac-snmp"]);
    assert.match(text, /login apc\/apc\): \[2 NetWork\]→\[1 TCP\/IP\]→BOOTP 1:Disable/);
    assert.match(text, /Access Type Write\+ or Write; Trap Receiver the same, Trap Generation and Authentication Traps Enabled/);
    assert.equal(snmp().snmpCommunity, "public");
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { upsNames: ["UPS1", "UPS1", "UPS3", "UPS4"] })).join("\n"), /UPS1 appears twice: UPS names must be unique/);
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { upsNames: ["UPS-SERVER1", "UPS2", "UPS3", "UPS4"] })).join("\n"), /settings\.upsNames\[0\]: must be 1 to 8 half-width characters/);
    assert.match(issues("esmpro-ac-snmp", with_("esmpro-ac-snmp", { communicationCode: "ESMAcnet-1234567" })).join("\n"), /settings\.communicationCode: must be 1 to 15 half-width characters/);
    assert.match(steps(CATALOG["esmpro-ac-snmp"], SAMPLE_SETTINGS["esmpro-ac-snmp"]), /the same 通信用認識コード ESMAcnet in every power-control group/);
  });

  it("C26: PowerChute plus V5.2.3J / V5.2J / V5.1.1J with the UPSSleep option; AcPcp_C.EXE extracts ACPcpCls.exe; UPS オフ待機時間 is 20, 180, 300 or 600 s", () => {
    const id = "esmpro-ac-powerchute-plus";
    assert.match(issues(id, with_(id, { powerChuteVersion: "5.3J" })).join("\n"), /settings\.powerChuteVersion/);
    assert.match(issues(id, with_(id, { upsSleepOption: false })).join("\n"), /settings\.upsSleepOption: PowerChute plus must be installed with its UPSSleep option/);
    for (const d of [20, 180, 300, 600]) assert.deepEqual(issues(id, with_(id, { upsOffDelaySeconds: d })), [], String(d));
    assert.ok(issues(id, with_(id, { upsOffDelaySeconds: 120 })).length > 0);
    assert.match(steps(CATALOG[id]), /AcPcp_C\.EXE .* run ACPcpCls\.exe/);
    assert.match(steps(CATALOG[id], SAMPLE_SETTINGS[id]), /「UPS オフ待機時間」 = 300 s/);
  });

  it("C27: UPSManager Ver2.0/2.1 + PCBE v.6.1/v.7.0; UPSsleep with the v7.0 agent, from the AC update module for v6.1; command file default.cmd lasting at least the cluster-shutdown timeout; ARM3.0 unchecked; no PCBE schedules", () => {
    const id = "esmpro-ac-upsmanager";
    assert.ok(issues(id, with_(id, { upsManagerVersion: "2.2" })).length > 0 && issues(id, with_(id, { pcbeVersion: "8.0" })).length > 0);
    assert.match(steps(CATALOG[id], SAMPLE_SETTINGS[id]), /its agent installs 「PowerChute Business Edition v\.7\.0用UPSsleep」/);
    assert.match(steps(CATALOG[id], with_(id, { pcbeVersion: "6.1" })), /from the latest ESMPRO\/AutomaticRunningController update module/);
    const all = (extra: object) => issues(id, with_(id, extra)).join("\n");
    assert.match(all({ commandFile: "shutdown.cmd" }), /settings\.commandFile: the PCBE command file must be default\.cmd/);
    assert.match(all({ commandFileSeconds: 119 }), /settings\.commandFileSeconds: must be at least the cluster-shutdown timeout \(120 s\)/);
    assert.deepEqual(issues(id, with_(id, { commandFileSeconds: 120 })), []);
    assert.match(all({ arm30: true }), /settings\.arm30: do not check 「ARM3\.0」/);
    assert.match(all({ pcbeSchedules: true }), /settings\.pcbeSchedules: set schedules only in ESMPRO\/AC/);
  });

  it("C28: mirroring model: one server's failure detaches only it; the remaining one's (or all) gives a cluster shutdown and an automatic restart; CLUSTERPRO's stop command in a PowerChute shutdown event is an anti-pattern", () => {
    for (const id of ["esmpro-ac-powerchute-plus", "esmpro-ac-upsmanager"] as const) {
      const seqs = CATALOG[id].powerFailureSequences!;
      assert.match(seqs[0].case, /one server only/);
      assert.match(seqs[0].steps[0].text, /only the failed server is detached/);
      assert.match(seqs[1].steps.map((s) => s.text).join("\n"), /automatic cluster shutdown[\s\S]*servers start automatically/);
      assert.match(seqs[2].case, /anti-pattern: CLUSTERPRO's stop command registered in a .* shutdown event/);
      assert.match(seqs[2].steps[0].text, /no automatic reboot/);
    }
  });

  it("C23, C28 (shown): the power-failure sequences reach the plan's manual steps as ordered steps with who does each, for the install's settings", () => {
    const amc = renderProduct("esmpro-ac-snmp", SAMPLE_SETTINGS["esmpro-ac-snmp"]).manualSteps.map((m) => m.text);
    const a = amc.find((t) => t.startsWith("Power failure — A:"));
    assert.match(a ?? "", /: 1\. \[ESMPRO\/AC\] the control terminal confirms the shared disk's failure .*; 2\. \[CLUSTERPRO\] the cluster shutdown runs/);
    assert.ok(amc.some((t) => /^Power failure — only the shared disk's UPS fails, with a management terminal/.test(t)));
    assert.ok(!amc.some((t) => /without a management terminal/.test(t)), "configuration (B)'s sequence only without a management terminal");
    const iups = renderProduct("esmpro-ac-iups", SAMPLE_SETTINGS["esmpro-ac-iups"]).manualSteps.map((m) => m.text).join("\n");
    assert.match(iups, /3\. \[CLUSTERPRO\] the cluster shuts down; if its timeout \(②, 2 分\) passes first, ESMPRO\/AC forces the OS shutdown/);
  });

  it("C29: the multi-function UPS's AUTO/LOCAL switch must stay on AUTO (LOCAL: a cluster shutdown does not power the servers off)", () => {
    assert.match(issues("esmpro-ac-iups", with_("esmpro-ac-iups", { upsSwitch: "LOCAL" })).join("\n"), /settings\.upsSwitch: the UPS AUTO\/LOCAL switch must stay on AUTO: .*does not power the servers off/);
    assert.deepEqual(issues("esmpro-ac-iups", with_("esmpro-ac-iups", { upsSwitch: "AUTO" })), []);
  });

  it("C30: with one UPS feeding cluster and non-cluster servers, the cluster manager's shutdown must not be used", () => {
    assert.match(steps(CATALOG["esmpro-ac-snmp"]), /One UPS shared by cluster and non-cluster servers: never use the cluster manager's shutdown/);
  });
});

describe("seed 001 digest D: ESMPRO/ClientManager (§1.11), checkable facts", () => {
  it("D1: only the CM manager (Ver2.1+) is cluster-capable, in one-way standby; the CM client and relay agent are refused", () => {
    assert.match(issues("esmpro-clientmanager", { ...CM_SETTINGS, component: "client" }, { sharedFolder: CM_SHARED }).join("\n"), /settings\.component: only the ESMPRO\/ClientManager manager runs on a cluster \(one-way standby\)/);
    assert.ok(issues("esmpro-clientmanager", { ...CM_SETTINGS, component: "relay-agent" }, { sharedFolder: CM_SHARED }).length > 0);
    assert.match(issues("esmpro-clientmanager", { ...CM_SETTINGS, clientManagerVersion: "2.0" }, { sharedFolder: CM_SHARED }).join("\n"), /settings\.clientManagerVersion: only the ClientManager manager Ver2\.1 or later/);
  });

  it("D2: the failover group (ESMPCOM in §1.11.4.3, ESMPROCM in §1.11.5.3) has a switchable partition and a virtual/floating IP", () => {
    assert.deepEqual(cm.requires!.map((r) => r.kind), ["switch-partition", "floating-ip"]);
    assert.match(steps(cm), /ESMPCOM in §1\.11\.4\.3 and ESMPROCM in §1\.11\.5\.3/);
  });

  it("D3: the synchronized registry key is HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMPRO/CM", () => {
    assert.deepEqual(renderProduct("esmpro-clientmanager", CM_SETTINGS, CM_SHARED).registrySyncKeys, ["HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMPRO/CM"]);
  });

  it("D4: start order ARMLOAD CMIT, net start CMURELAY, ARMLOAD CMMANAGER, CMPOWERON, CMSENDER, CMSNMP, CMTIME, then ARMNSADD esmprocm", () => {
    const start = codeLines(legacyScripts([cmInstall]).start);
    assert.deepEqual(between(start, 'IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK', 'IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1'), [
      'ARMLOAD CMIT /M /S "ESMPRO/CM CMIT service"',
      'net start "ESMPRO/CM CMURELAY"',
      'ARMLOAD CMMANAGER /M /S "ESMPRO/CM Manager"',
      'ARMLOAD CMPOWERON /M /S "ESMPRO/CM Poweron Service"',
      'ARMLOAD CMSENDER /M /S "ESMPRO/CM Sender"',
      'ARMLOAD CMSNMP /M /S "ESMPRO/CM Snmp Manager"',
      'ARMLOAD CMTIME /M /S "ESMPRO Time Server"',
      'ARMNSADD esmprocm "w:\\Program Files\\esmpro\\esmprocm\\setup"',
    ]);
  });

  it("D5: stop order ARMNSDEL esmprocm, splaunch, ARMKILL CMTIME, CMSNMP, CMSENDER, CMMANAGER, CMPOWERON, net stop CMURELAY, ARMKILL CMIT", () => {
    const stop = codeLines(legacyScripts([cmInstall]).stop);
    assert.deepEqual(between(stop, 'IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK', 'IF "%ARMS_SERVER%" == "OTHER" GOTO ON_OTHER1'), [
      "ARMNSDEL esmprocm",
      '"w:\\Program Files\\esmpro\\esmprocm\\bin\\splaunch"',
      "ARMKILL CMTIME",
      "ARMKILL CMSNMP",
      "ARMKILL CMSENDER",
      "ARMKILL CMMANAGER",
      "ARMKILL CMPOWERON",
      'net stop "ESMPRO/CM CMURELAY"',
      "ARMKILL CMIT",
    ]);
    assert.equal(renderProduct("esmpro-clientmanager", CM_SETTINGS, CM_SHARED).stopOrderIsReverse, false);
  });

  it("D6: CMURELAY is the only CM service started with net start, so ARM does not monitor it", () => {
    const plan = renderProduct("esmpro-clientmanager", CM_SETTINGS, CM_SHARED);
    assert.deepEqual(plan.services.filter((s) => !s.monitored).map((s) => s.serviceName), ["CMURELAY"]);
    assert.deepEqual(cm.services.filter((s) => s.net).map((s) => s.displayName), ["ESMPRO/CM CMURELAY"]);
    assert.deepEqual(clusterproXForm("ESMPROCM", [cmInstall]).services.filter((s) => !s.monitored).map((s) => s.serviceName), ["CMURELAY"]);
  });

  it("D7: the \"CLUSTERPRO Server\" service must be allowed to interact with the desktop", () => {
    assert.match(steps(cm), /Allow the "CLUSTERPRO Server" service to interact with the desktop/);
  });

  it("D8: the data viewer's connection tool is <switchable partition>\\…\\BIN\\CMSetDst.exe, connection manager name = the virtual/floating IP", () => {
    assert.match(steps(cm, CM_SETTINGS, CM_SHARED), /Run "w:\\Program Files\\esmpro\\esmprocm\\BIN\\CMSetDst\.exe" and set 接続マネージャ名 to the virtual\/floating IP/);
  });

  it("D9: the manager ID, the switchable-partition install path and the database connection are identical on all nodes; a clustered manager cannot have a parent manager", () => {
    assert.match(steps(cm), /the switchable-partition directory, the manager ID and the database connection \(a clustered database by its virtual\/floating IP\) identical on all machines/);
    assert.match(steps(cm), /a clustered manager cannot have a parent manager/);
  });

  it("D10: the data viewer waits up to 5 minutes during a failover", () => {
    assert.match(steps(cm), /the data viewer waits up to 5 minutes/);
  });
});

describe("seed 001 digest D: ESMPRO/AppManager Ver3.4 (§1.12) and Ver4.x (§1.13), checkable facts", () => {
  it("D11: AppManager 3.4 requires CLUSTERPRO Ver6.0; repository and management server on NT Server 4.0 / Windows 2000, the agent on NT WS/Server 4.0 / Windows 2000", () => {
    assert.match(issues("esmpro-appmanager", { clusterproVersion: "7.0", role: "agent", agentMethod: "switch-jobs", masterHost: "NODE1" }, { version: "3.4" }).join("\n"), /settings\.clusterproVersion: ESMPRO\/AppManager Ver3\.4 supports CLUSTERPRO Ver6\.0/);
    const rows = am34.compatibility!.map((c) => `${c.product} | ${c.with}`);
    assert.ok(rows.includes("ESMPRO/AppManager Ver3.4 repository, management server | Windows NT Server 4.0, Windows 2000"));
    assert.ok(rows.includes("ESMPRO/AppManager Ver3.4 agent | Windows NT Workstation/Server 4.0, Windows 2000"));
  });

  it("D12: NetIQms is Manual and started after MSSQLServer and SQLServerAgent in the SQL Server group's start script, armsleep 30 before it (the seed omits it in one of four branches)", () => {
    const plan = renderProduct("esmpro-appmanager@3.4", { clusterproVersion: "6.0", role: "repository-and-management-server" });
    assert.equal(plan.services.find((s) => s.serviceName === "NetIQms")?.startup, "Manual");
    assert.deepEqual(plan.startOrder, ["MSSQLServer", "SQLServerAgent", "NetIQms"]);
    const start = codeLines(legacyScripts([amRepo]).start);
    assert.equal(start.filter((l) => l === "armsleep 30").length, 4);
    assert.deepEqual(start.slice(start.indexOf("net start MSSQLServer"), start.indexOf("net start MSSQLServer") + 4), ["net start MSSQLServer", "net start SQLServerAgent", "armsleep 30", "net start NetIQms"]);
  });

  it("D13: AppManager 3.4 stop: net stop NetIQms, ARMSLEEP 30, net stop SQLServerAgent, net stop MSSQLServer, ARMSLEEP 30", () => {
    const stop = codeLines(legacyScripts([amRepo]).stop);
    const at = stop.indexOf("net stop NetIQms");
    assert.deepEqual(stop.slice(at, at + 5), ["net stop NetIQms", "ARMSLEEP 30", "net stop SQLServerAgent", "net stop MSSQLServer", "ARMSLEEP 30"]);
  });

  it("D14: the clustered agent: NetIQccm and NetIQmc Manual; started after the application (armsleep 30, NetIQccm, NetIQmc), stopped before it (NetIQmc, NetIQccm)", () => {
    const plan = renderProduct("esmpro-appmanager@3.4", { clusterproVersion: "6.0", role: "agent", agentMethod: "clustered-agent" });
    assert.deepEqual(plan.services.map((s) => [s.serviceName, s.startup]), [["NetIQccm", "Manual"], ["NetIQmc", "Manual"]]);
    const s = legacyScripts([amAgent]);
    const start = codeLines(s.start);
    const stop = codeLines(s.stop);
    assert.deepEqual(start.slice(start.indexOf("armsleep 30"), start.indexOf("armsleep 30") + 3), ["armsleep 30", "net start NetIQccm", "net start NetIQmc"]);
    assert.deepEqual(stop.slice(stop.indexOf("net stop NetIQmc"), stop.indexOf("net stop NetIQmc") + 2), ["net stop NetIQmc", "net stop NetIQccm"]);
    assert.match(steps(am34, { clusterproVersion: "6.0", role: "agent", agentMethod: "clustered-agent" }), /declare this install after the application's in its group/);
  });

  it("D15: the clustered-agent method monitors only one group (not with mutual standby)", () => {
    const agent = (name: string, group: string) => facts(name, "esmpro-appmanager@3.4", { clusterproVersion: "6.0", role: "agent", agentMethod: "clustered-agent" }, 2, { group });
    assert.deepEqual(checkProductConstraints([agent("a1", "g1"), agent("a2", "g2")]).map((v) => [v.install, v.rule]), [["a2", "appmanager-one-clustered-agent-group"]]);
  });

  it("D16: the repository's SID sync: 3.4 copies login netiq, 4.x netiq and probe (select sid … from master.dbo.syslogins, sp_addlogin … <SID> on the standby)", () => {
    const s34 = steps(am34, { clusterproVersion: "6.0", role: "repository-and-management-server" });
    const s4 = steps(am4, { appManagerVersion: "4.0", clusterproVersion: "7.0", role: "repository-and-management-server" });
    assert.match(s34, /select sid from master\.dbo\.syslogins where name='netiq'`.*`sp_addlogin 'netiq', 'netiq', default, default, <SID>`/);
    assert.doesNotMatch(s34, /probe/);
    assert.match(s4, /name='netiq'` and `… name='probe'`.*`sp_addlogin 'netiq', 'netiq', default, default, <netiq SID>` and `sp_addlogin 'probe', 'probe', default, default, <probe SID>`/);
  });

  it("D17: [HKEY_LOCAL_MACHINE\\NetIQ\\AppManager] InstallPath (REG_SZ) points to the shared-disk install while patching, then back to the local path", () => {
    assert.match(steps(am34), /\[HKEY_LOCAL_MACHINE\\NetIQ\\AppManager\] InstallPath \(REG_SZ\) to the shared-disk install folder, run setup .*set it back to the local folder/);
    assert.match(steps(am4), /\[HKEY_LOCAL_MACHINE\\NetIQ\\AppManager\] InstallPath \(REG_SZ\)/);
    assert.deepEqual([am34.registryWrites, am4.registryWrites], [[], []], "a temporary repointing is a manual step, not a converged value");
  });

  it("D18: AppManager 4.0–4.3 on NT Server 4.0 and Windows 2000 with CLUSTERPRO Ver6.0/7.0; the management server needs no service change and no scripts", () => {
    for (const v of ["4.0", "4.1", "4.2", "4.3"]) assert.deepEqual(issues("esmpro-appmanager", { appManagerVersion: v, clusterproVersion: "7.0", role: "repository-and-management-server" }, { version: "4" }), [], v);
    assert.ok(issues("esmpro-appmanager", { appManagerVersion: "4.4", clusterproVersion: "7.0", role: "agent" }, { version: "4" }).length > 0);
    assert.deepEqual([am4.services, am4.legacyScripts], [[], undefined]);
    // Two versions and no default: version is required; "esmpro-appmanager@4" names the entry directly.
    assert.deepEqual(issues("esmpro-appmanager", { appManagerVersion: "4.0", clusterproVersion: "7.0", role: "agent" }), ["version: required: esmpro-appmanager has no default version; its versions: 3.4, 4"]);
    assert.deepEqual(issues("esmpro-appmanager@4", { appManagerVersion: "4.0", clusterproVersion: "7.0", role: "agent" }), []);
    assert.equal(am4.compatibility!.filter((c) => /Windows NT Server 4\.0|Windows 2000/.test(c.with)).length, 8);
  });

  it("D19: Knowledge Scripts: Amadmin_SetResDependency on both nodes (*, C:, OracleServiceSID1, OracleTNSListener80, N, 25); Amadmin_SetKSStandby on the standby with the active node's name (3.4 only)", () => {
    const s34 = steps(am34, { clusterproVersion: "6.0", role: "agent", agentMethod: "switch-jobs", masterHost: "NODE1" });
    assert.match(s34, /Amadmin_SetResDependency on both nodes \(category \*, resource C:, services e\.g\. OracleServiceSID1, OracleTNSListener80 .*success event N, severity 25\) and Amadmin_SetKSStandby on the standby \(master host NODE1\)/);
    const s4 = steps(am4, { appManagerVersion: "4.0", clusterproVersion: "6.0", role: "agent" });
    assert.match(s4, /Amadmin_SetResDependency on both nodes/);
    assert.doesNotMatch(s4, /SetKSStandby/);
  });

  it("D20: management server only: the group needs only a floating IP, default scripts, no switchable partition", () => {
    for (const [id, settings] of [["esmpro-appmanager@3.4", { clusterproVersion: "6.0", role: "management-server-only" }], ["esmpro-appmanager@4", { appManagerVersion: "4.0", clusterproVersion: "6.0", role: "management-server-only" }]] as const) {
      const plan = renderProduct(id, settings as never);
      assert.deepEqual(plan.requires.map((r) => r.kind), ["floating-ip"], id);
      assert.deepEqual([plan.services, plan.xScripts], [[], []], id);
    }
  });

  it("D21: the Oracle init file is copied to the local disk (\\orant\\Database\\initxxx.ora for 8.0.5/8.1.6/8.1.7, \\oracle\\admin\\ora8i\\pfile\\init.ora for 8.1.5); I/O monitoring needs timed_statistics = true", () => {
    for (const p of [am34, am4]) {
      assert.match(steps(p), /\\orant\\Database\\initxxx\.ora for 8\.0\.5\/8\.1\.6\/8\.1\.7, \\oracle\\admin\\ora8i\\pfile\\init\.ora for 8\.1\.5\); for I\/O monitoring uncomment timed_statistics = true/, p.id);
    }
  });
});

describe("seed 001 digest D: ESMPRO/BOM (§1.14), checkable facts", () => {
  it("D22: BOM Ver3.0 on NT4.0 SP4+ and Windows 2000, Ver4.0 on Windows 2000 and 2003 Standard (32bit); CLUSTERPRO SE/EE/LE for Windows Ver7.0 or Ver6.0 Lite!/SE/EE (Windows 2000 版)", () => {
    const rows = bom.compatibility!.map((c) => `${c.product} | ${c.with}`);
    assert.deepEqual(rows, [
      "ESMPRO/BOM Ver3.0 | Windows NT 4.0 (SP4~), Windows 2000",
      "ESMPRO/BOM Ver4.0 | Windows 2000, Windows 2003 Standard Edition (32bit)",
      "ESMPRO/BOM | CLUSTERPRO SE/EE/LE for Windows Ver7.0; CLUSTERPRO Ver6.0 Lite!/Standard/Enterprise Edition (Windows 2000 版)",
    ]);
    assert.ok(issues("esmpro-bom", { bomVersion: "5.0", monitoredItem: "APPL003" }).length > 0);
  });

  it("D23: every node gets HKEY_LOCAL_MACHINE\\SOFTWARE\\SAY Technologies,Inc.\\BOM\\Setting\\PerfKeyClose = 01 00 00 00 (type not stated: a manual step, not a REG_SZ write)", () => {
    assert.match(steps(bom), /On every node: HKEY_LOCAL_MACHINE\\SOFTWARE\\SAY Technologies,Inc\.\\BOM\\Setting\\PerfKeyClose = 01 00 00 00 \(the seed states no type/);
    assert.deepEqual(bom.registryWrites, []);
  });

  it("D24: setbwatc -a APPLxxx -w 1 in start.bat (NORMAL and FAILOVER), -w 0 in stop.bat; default path C:\\Program Files\\SAY Technologies\\BOM4\\BomSvc\\", () => {
    const s = legacyScripts([bomInstall]);
    const line = (w: number) => `"C:\\Program Files\\SAY Technologies\\BOM4\\BomSvc\\setbwatc.exe" -a APPL003 -w ${w}`;
    assert.equal(codeLines(s.start).filter((l) => l === line(1)).length, 2);
    assert.equal(codeLines(s.stop).filter((l) => l === line(0)).length, 2);
    assert.doesNotMatch(s.start, /-w 0/);
    assert.match(issues("esmpro-bom", { bomVersion: "4.0", monitoredItem: "APPLxxx" }).join("\n"), /settings\.monitoredItem: must be a BOM monitored-item ID such as APPL003/);
  });

  it("D25: the stop script switches the monitor OFF first, then the application stops, then the disk is detached: BOM is declared last in its group", () => {
    const ft = install({ product: "esmpro-filetransfer", settings: {} });
    const stop = codeLines(legacyScripts([ft, bomInstall]).stop);
    const body = between(stop, 'IF "%ARMS_DISK%" == "FAILURE" GOTO ERROR_DISK', "GOTO FAILOVER");
    assert.match(body[0], /setbwatc\.exe" -a APPL003 -w 0$/);
    const v = checkProductConstraints([facts("bom", "esmpro-bom", { bomVersion: "4.0", monitoredItem: "APPL003" }, 2), facts("ft", "esmpro-filetransfer", {}, 2)]);
    assert.deepEqual(v.map((x) => [x.install, x.rule]), [["bom", "bom-monitor-off-first"]]);
  });

  it("D26: ON on the active node, OFF on the standby; a detached disk answers 無応答 (NT4.0/2003) or 0 (Windows 2000); after an unexpected active-node shutdown check the flags by hand", () => {
    const text = steps(bom, { bomVersion: "4.0", monitoredItem: "APPL003" });
    assert.match(text, /Monitored item APPL003: ON \(-w 1\) on the active node by the start script, OFF \(-w 0\) first in the stop script; on NT4\.0\/2003 a detached disk answers 無応答 .*on Windows 2000 it reads 0/);
    assert.match(text, /its items are still ON: check and correct each item's ON\/OFF state by hand/);
  });

  it("D27: BOM must not stop or restart cluster services: service control belongs to CLUSTERPRO", () => {
    assert.match(steps(bom), /Services on the cluster are stopped and restarted by CLUSTERPRO, never by ESMPRO\/BOM's actions/);
    assert.deepEqual(bom.services, []);
  });

  it("D28: every sample tests %ARMS_EVENT% (START/FAILOVER/RECOVER), %ARMS_DISK% == FAILURE and %ARMS_SERVER% == OTHER; the CLUSTERPRO X form uses CLP_* instead", () => {
    for (const i of [pmNative, cmInstall, amRepo, bomInstall]) {
      const s = legacyScripts([i]);
      for (const v of ['IF "%ARMS_EVENT%" == "START"', 'IF "%ARMS_EVENT%" == "FAILOVER"', 'IF "%ARMS_DISK%" == "FAILURE"', 'IF "%ARMS_SERVER%" == "OTHER"']) assert.ok(s.start.includes(v) && s.stop.includes(v), `${i.product}: ${v}`);
      assert.ok(s.start.includes('IF "%ARMS_EVENT%" == "RECOVER"'), i.product);
      const x = clusterproXForm("G", [i]).scripts.map((y) => y.start + y.stop).join("");
      assert.doesNotMatch(x, /ARMS_/, i.product);
    }
  });
});
