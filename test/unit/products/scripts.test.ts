// scripts.ts: the legacy start.bat / stop.bat reproduce seed 001's samples line by line (golden files transcribed from
// the seed, test/fixtures/seed001), and the CLUSTERPRO X form of the same data (service resources chained in start
// order, script resources with CLP_EVENT branches only where lines are not service starts).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseProductInstall, type ValidProductInstall } from "../../../provider/products/install-input";
import { clusterproXForm, legacyScripts, ScriptGenerationError, toClpVariables } from "../../../provider/products/scripts";
import { repoRoot } from "../../support/paths";

const FIXTURES = path.join(repoRoot, "test", "fixtures", "seed001");

function install(input: Parameters<typeof parseProductInstall>[0]): ValidProductInstall {
  const r = parseProductInstall(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** A correction of a seed typo: every line matching `from` is rewritten; `times` is how often the seed has it. */
interface Correction { from: RegExp; to: string; times: number; why: string }

/** Code lines only: no rem comments, no blank lines; spaces as one (the samples align columns); ¥ as \; no (*1) marks. */
function normalize(lines: string[]): string[] {
  return lines
    .map((l) => l.replace(/¥/g, "\\").replace(/\(\*\d\)/g, "").replace(/\s+/g, " ").trim())
    .filter((l) => l !== "" && !/^rem(\s|$)/i.test(l));
}

function seedLines(file: string, corrections: Correction[]): string[] {
  const used = corrections.map(() => 0);
  const lines = normalize(fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n")).map((line) =>
    corrections.reduce((l, c, i) => {
      if (!c.from.test(l)) return l;
      used[i]++;
      return l.replace(c.from, c.to);
    }, line),
  );
  corrections.forEach((c, i) => assert.equal(used[i], c.times, `${file}: correction ${c.from} (${c.why}) applied ${used[i]} times, the seed has it ${c.times}`));
  return lines;
}

const generated = (text: string) => {
  assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text), "CRLF line ends and a final newline");
  return normalize(text.split("\r\n"));
};

// The broadcast command is ARMBCAST in §1.2.8.2, §1.1.4.3's stop script and CLUSTERPRO X's own template (docs/reference
// clusterpro-x-details §6.2); the start samples print ARMBroadcast (§1.2.8.1) and ARMBICAST (§1.1.4.3).
const ARMBROADCAST: Correction = { from: /^ARMBroadcast /, to: "ARMBCAST ", times: 2, why: "one command name: ARMBCAST" };
const ARMBICAST: Correction = { from: /^ARMBICAST /, to: "ARMBCAST ", times: 2, why: "one command name: ARMBCAST" };
const NO_ARM_SPACE: Correction = { from: /"\s*ActiveRecoveryManager\s*が動作状態/, to: '"ActiveRecoveryManager が動作状態', times: 1, why: "the same message as the start script's" };

const SM_SETTINGS = { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: true, trapForwarding: true, expressReportService: true, alertManagerMainService: true, clusterproManagerOnServer: true };
const sm = install({ product: "esmpro-servermanager", version: "legacy", settings: SM_SETTINGS, sharedFolder: "X:\\ESMPRO" });
const jmss = (settings: object = {}) => install({ product: "esmpro-jmss", settings: { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual", japiOrJmgc: true, ...settings }, sharedFolder: "x:\\jmss" });
const ft = install({ product: "esmpro-filetransfer", settings: {} });
// The seed's example path (its ¥ printed as Y) is a setting value like any other.
const dm = install({ product: "esmpro-deliverymanager", settings: { component: "manager", clusterName: "dmcluster", activeServerIp: "195.10.10.1", standbyServerIp: "195.10.10.2", mmdmPath: "C:\\Yesmprod\\Yesm_DM\\YesmMMDM.EXE" } });
const dma = install({ product: "esmpro-deliverymanager", settings: { component: "agent", clusterName: "dmcluster" } });

describe("scripts: legacy start.bat / stop.bat = seed 001's samples, line by line", () => {
  it("§1.2.8.1 ServerManager start.bat: ARMS_EVENT START/FAILOVER/RECOVER, ARMS_DISK check, eight ARMLOAD.EXE … /S /M /WAIT 0 lines in start order, ARMS_SERVER split", () => {
    const seed = seedLines("servermanager-start.bat", [
      ARMBROADCAST,
      // The seed prints ESMDSVNT in NORMAL and ESMSVNT in FAILOVER for the same service: one setting (smBaseServiceName).
      { from: /^ARMLOAD\.EXE id_SM \/S \/M \/WAIT 0 ESMSVNT$/, to: "ARMLOAD.EXE id_SM /S /M /WAIT 0 ESMDSVNT", times: 1, why: "one service name for ESMPRO/SM Base Service" },
    ]);
    assert.deepEqual(generated(legacyScripts([sm]).start), seed);
  });

  it("§1.2.8.2 ServerManager stop.bat: START/FAILOVER only, Express PC Report / Alert Manager Main Service / CLUSTERPRO Manager stopped before the ARMKILL.EXE lines (stop order) and started again in reverse after", () => {
    const seed = seedLines("servermanager-stop.bat", [
      // /Yse is not a net option; the red and blue lines of the same block print /Yes.
      { from: /^Net stop \/Yse /, to: "net stop /Yes ", times: 2, why: "net stop /Yes (sic /Yse)" },
      { from: /^Net start \/Yse /, to: "net start /Yes ", times: 2, why: "net start /Yes (sic /Yse)" },
      NO_ARM_SPACE,
    ]);
    assert.deepEqual(generated(legacyScripts([sm]).stop), seed);
  });

  it("§1.2.8 (*1), (*2): without DMI alerts and trap forwarding the id_Dmi and id_Trap lines are not written; without the three products no net lines", () => {
    const plain = install({ product: "esmpro-servermanager", version: "legacy", settings: { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false }, sharedFolder: "X:\\ESMPRO" });
    const s = legacyScripts([plain]);
    assert.doesNotMatch(s.start + s.stop, /id_Dmi|id_Trap|net st/);
    assert.equal((s.start.match(/ARMLOAD\.EXE/g) ?? []).length, 12);
  });

  it("§1.1.4.3 JMSS start.bat (RL1999/09 and later): armnsadd jmsout, IF ERRORLEVEL 1 skips the starts, armload NEC_JMSSLKSV /S /M jmsslksv arm, SCSV, DVSV with armlog, in each of the four branches, then exit", () => {
    const seed = seedLines("jmss-start.bat", [
      ARMBICAST,
      // The folder made and shared is X:\JMSS\OUT; the NORMAL branches print x:\jms\out, the FAILOVER ones x:\jmss\out.
      { from: /^armnsadd jmsout x:\\jms\\out$/, to: "armnsadd jmsout x:\\jmss\\out", times: 2, why: "the OUT folder below X:\\JMSS" },
    ]);
    assert.deepEqual(generated(legacyScripts([jmss()]).start), seed);
  });

  it("§1.1.4.3 JMSS stop.bat: jmsslksv -failover on ARMS_FACTOR SERVERSHUTDOWN else -normal, armkill DVSV, SCSV, LKSV with armlog, armnsdel jmsout", () => {
    const seed = seedLines("jmss-stop.bat", [
      { from: /^jmslksv -failover$/, to: "jmsslksv -failover", times: 3, why: "the JLook program is jmsslksv (branch 1 and the start script)" },
      { from: /^armkill NEC_JMSSDV(SF|SU)$/, to: "armkill NEC_JMSSDVSV", times: 3, why: "the watch ID armload gave is NEC_JMSSDVSV" },
      { from: /^armlog "JMSSDV(SF|SU) 終了" \/arm$/, to: 'armlog "JMSSDVSV 終了" /arm', times: 4, why: "the service's ID, as in the start script's log" },
      { from: /JMSSVDOWN4$/, to: "JMSSSVDOWN4", times: 2, why: "the label pattern of branches 1-3 (the seed's pair matches itself)" },
    ]);
    assert.deepEqual(generated(legacyScripts([jmss()]).stop), seed);
  });

  it("§1.1.4.3 JMSS start.bat (RL1999/06 and earlier): armnsadd jmsout, then net start JLook, JSchedule, JDriven by display name in each branch", () => {
    const seed = seedLines("jmss-rl199906-start.bat", [
      // The FAILOVER branches print x:%jms%out (OCR-garbled ¥ and the jms/jmss typo); the NORMAL ones x:¥jmss¥out.
      { from: /^armnsadd jmsout x:%jms%out$/, to: "armnsadd jmsout x:\\jmss\\out", times: 2, why: "the OUT folder below X:\\JMSS" },
    ]);
    assert.deepEqual(generated(legacyScripts([jmss({ jmssRelease: "RL1999/06-or-earlier" })]).start), seed);
  });

  it("§1.1.4.3 JMSS stop.bat (RL1999/06 and earlier): net stop JDriven, JSchedule, JLook, armnsdel jmsout; no ARMS_FACTOR step", () => {
    const s = legacyScripts([jmss({ jmssRelease: "RL1999/06-or-earlier" })]);
    assert.deepEqual(generated(s.stop), seedLines("jmss-rl199906-stop.bat", [NO_ARM_SPACE]));
    assert.doesNotMatch(s.stop, /ARMS_FACTOR|armkill|armlog/);
  });

  it("§1.1.4.3 JMSS without JAPI/JMGC: the JDriven (NEC_JMSSDVSV) lines are left out", () => {
    const s = legacyScripts([jmss({ japiOrJmgc: false })]);
    assert.doesNotMatch(s.start + s.stop, /JMSSDV/);
    assert.match(s.start, /armload NEC_JMSSSCSV \/S \/M jmssscsv\r\n/);
  });

  it("§1.1.5.3 JMSS two-way (cluster integration option) stop.bat: jstop %ARMS_GROUPNAME% between two armlog lines; no armload anywhere", () => {
    const twoWay = jmss({ setup: "two-way", japiOrJmgc: false });
    assert.deepEqual(generated(legacyScripts([twoWay]).stop), seedLines("jmss-two-way-stop.bat", [NO_ARM_SPACE]));
    assert.doesNotMatch(legacyScripts([twoWay]).start, /armload|armnsadd/, "the START script needs nothing (§1.1.5.2)");
  });

  it("§1.4.6 FileTransfer ESMFT_A.BAT: armload NEC_ESMPROFT_SERVICE /S /M /FOV ESMFT on START and FAILOVER, nothing on RECOVER; armkill NEC_ESMPROFT_SERVICE", () => {
    const s = legacyScripts([ft]);
    assert.deepEqual(generated(s.start), seedLines("filetransfer-start.bat", []));
    assert.deepEqual(generated(s.stop), seedLines("filetransfer-stop.bat", []));
  });

  it("§1.5.5 DeliveryManager ESMDM_A.BAT / ESMDM.BAT: armwsset to the HOME or OTHER physical IP, FileTransfer started first, DM second; stopped DM first", () => {
    const s = legacyScripts([ft, dm]);
    assert.deepEqual(generated(s.start), seedLines("deliverymanager-start.bat", []));
    assert.deepEqual(generated(s.stop), seedLines("deliverymanager-stop.bat", []));
  });

  it("§1.5.5 DeliveryManager agent ESMDMA_A.BAT / ESMDMA.BAT: no armwsset, FileTransfer then NEC_DMSTDA_SERVICE; stopped in reverse", () => {
    const s = legacyScripts([ft, dma]);
    assert.deepEqual(generated(s.start), seedLines("deliverymanager-agent-start.bat", []));
    assert.deepEqual(generated(s.stop), seedLines("deliverymanager-agent-stop.bat", []));
  });

  it("a group with ServerManager, JMSS and FileTransfer: each product's lines in declaration order, stopped in reverse", () => {
    const s = legacyScripts([sm, jmss(), ft]);
    const start = generated(s.start);
    const stop = generated(s.stop);
    const at = (lines: string[], re: RegExp) => lines.findIndex((l) => re.test(l));
    assert.ok(at(start, /id_SM/) < at(start, /NEC_JMSSLKSV/) && at(start, /NEC_JMSSDVSV/) < at(start, /NEC_ESMPROFT_SERVICE/));
    assert.ok(at(stop, /armkill NEC_ESMPROFT_SERVICE/) < at(stop, /armkill NEC_JMSSDVSV/) && at(stop, /armnsdel/) < at(stop, /ARMKILL\.EXE id_SM/));
  });

  it("a product without seed-001 script data is refused by name", () => {
    const esm45 = install({ product: "esmpro-servermanager", settings: { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, sharedFolder: "E:\\ESMPRO" });
    assert.throws(() => legacyScripts([esm45]), (e: Error) => e instanceof ScriptGenerationError && /esmpro-servermanager \(install 1\): the catalog has no start\/stop script lines/.test(e.message));
    assert.throws(() => legacyScripts([]), ScriptGenerationError);
  });
});

describe("scripts: the CLUSTERPRO X form", () => {
  const allText = (x: ReturnType<typeof clusterproXForm>) => x.scripts.map((s) => s.start + s.stop).join("");

  it("FileTransfer alone: one service resource ESMFT, monitored; no script resource (nothing but a service start)", () => {
    const x = clusterproXForm("failover1", [ft]);
    assert.deepEqual(x.services.map((s) => [s.resource, s.serviceName, s.dependsOn, s.monitored]), [["ESMFT", "ESMFT", [], true]]);
    assert.deepEqual(x.scripts, []);
  });

  it("ServerManager: eight service resources chained in start order; the services around the stop go to script resources: net stop in the one stopped first, net start in the one stopped last", () => {
    const x = clusterproXForm("failover1", [sm]);
    assert.deepEqual(x.services.map((s) => s.serviceName), ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "DmiEventWatcher", "Nvcmd", "Nvrmapd", "EsmTrapRedirection", "ESMDSVNT"]);
    x.services.slice(1).forEach((s, i) => assert.deepEqual(s.dependsOn, [x.services[i].resource]));
    const pre = x.scripts.find((s) => s.role === "before-services")!;
    const post = x.scripts.find((s) => s.role === "after-services")!;
    assert.deepEqual(x.services[0].dependsOn, [pre.resource]);
    assert.deepEqual(post.dependsOn, [x.services[7].resource]);
    const stopNet = (t: string) => t.split("\r\n").filter((l) => /^net /.test(l)).slice(0, 3);
    assert.deepEqual(stopNet(post.stop), ['net stop /Yes "Express PC Report"', 'net stop /Yes "Alert Manager Main Service"', 'net stop /Yes "CLUSTERPRO Manager"']);
    assert.deepEqual(stopNet(pre.stop), ['net start /Yes "CLUSTERPRO Manager"', 'net start /Yes "Alert Manager Main Service"', 'net start /Yes "Express PC Report"']);
  });

  it("JMSS: the share before the services (net share, failing the activation), the JLook shutdown mode before their stop, CLP_* variables only, no ARM commands", () => {
    const x = clusterproXForm("failover1", [jmss()]);
    assert.deepEqual(x.services.map((s) => s.serviceName), ["jmsslksv", "jmssscsv", "jmssdvsv"]);
    const pre = x.scripts.find((s) => s.role === "before-services")!;
    const post = x.scripts.find((s) => s.role === "after-services")!;
    assert.match(pre.start, /^IF "%CLP_EVENT%" == "START" GOTO NORMAL\r\n/m);
    assert.match(pre.start, /net share jmsout="x:\\jmss\\out"\r\nIF ERRORLEVEL 1 EXIT 1\r\n/);
    assert.match(pre.stop, /net share jmsout \/delete \/y\r\n/);
    assert.match(post.stop, /IF "%CLP_FACTOR%" == "SERVERSHUTDOWN" GOTO JMSSLKSVFOV1\r\nJmsslksv -normal\r\n/);
    const text = allText(x);
    assert.doesNotMatch(text, /ARMS_|armload|armkill|armlog|armnsadd|armnsdel/i);
    assert.ok(pre.notes.some((n) => /SERVERSHUTDOWN/.test(n)) && pre.notes.some((n) => /ARMLOG only eases troubleshooting/.test(n)));
  });

  it("FileTransfer and DeliveryManager: ESMFT then DMSTD chained; armwsset by CLP_SERVER HOME/OTHER runs before both", () => {
    const x = clusterproXForm("failover1", [ft, dm]);
    assert.deepEqual(x.services.map((s) => [s.serviceName, s.dependsOn]), [["ESMFT", [x.scripts[0].resource]], ["DMSTD", ["ESMFT"]]]);
    assert.equal(x.scripts.length, 1);
    assert.match(x.scripts[0].start, /IF "%CLP_SERVER%" == "HOME" GOTO HOME1\r\narmwsset C:\\Yesmprod\\Yesm_DM\\YesmMMDM\.EXE 195\.10\.10\.2\r\nGOTO CONTINUE1\r\n:HOME1\r\narmwsset C:\\Yesmprod\\Yesm_DM\\YesmMMDM\.EXE 195\.10\.10\.1\r\n:CONTINUE1\r\n/);
  });

  it("ARMS_EVENT, ARMS_SERVER, ARMS_DISK, ARMS_FACTOR, ARMS_GROUPNAME become CLP_*", () => {
    assert.equal(toClpVariables('IF "%ARMS_EVENT%" == "START" jstop %ARMS_GROUPNAME% %ARMS_DISK% %ARMS_SERVER% %ARMS_FACTOR%'), 'IF "%CLP_EVENT%" == "START" jstop %CLP_GROUPNAME% %CLP_DISK% %CLP_SERVER% %CLP_FACTOR%');
  });
});
