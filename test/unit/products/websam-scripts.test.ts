// scripts.ts for seed 001 §2 (WebSAM): the legacy start.bat / stop.bat of Netvisor (§2.1.7), NetvisorPro (§2.2.6) and
// Performance Management (§2.4.5.1) against the seed's samples (test/fixtures/seed001), code lines only; the shared
// ESM Base Service started once when ServerManager and Netvisor share a group; the CLUSTERPRO X form of the same.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { productObjects, serviceResourceName } from "../../../provider/products/applier";
import { parseProductInstall, type ValidProductInstall } from "../../../provider/products/install-input";
import { renderValidInstall } from "../../../provider/products/render";
import { clusterproXForm, legacyScripts } from "../../../provider/products/scripts";
import { repoRoot } from "../../support/paths";

const FIXTURES = path.join(repoRoot, "test", "fixtures", "seed001");

function install(input: Parameters<typeof parseProductInstall>[0]): ValidProductInstall {
  const r = parseProductInstall(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** A correction of the seed's text: a line matching `from` becomes `to` ("" drops it); `times`: how often the seed has it. */
interface Correction { from: RegExp; to: string; times: number; why: string }

/** Code lines only: no rem comments, no blank lines; spaces as one; ¥ as \; lines the PDF wrapped joined again. */
function normalize(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const l = raw.replace(/¥/g, "\\").replace(/\s+/g, " ").trim();
    if (l === "" || /^rem(\s|$)/i.test(l)) continue;
    // A wrapped osql line continues with @…, '… or ,…: joined to the line before (a space after "=").
    if (/^[@',]/.test(l) && out.length > 0 && /^osql /.test(out[out.length - 1])) out[out.length - 1] += (out[out.length - 1].endsWith("=") ? " " : "") + l;
    else out.push(l);
  }
  return out;
}

/** The seed's lines with the corrections applied (each line at most one, the first that matches), counted. */
function seedLines(file: string, corrections: Correction[], lines = normalize(fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n"))): string[] {
  const used = corrections.map(() => 0);
  const out = lines.map((line) => {
    const i = corrections.findIndex((c) => c.from.test(line));
    if (i === -1) return line;
    used[i]++;
    return line.replace(corrections[i].from, corrections[i].to);
  });
  corrections.forEach((c, i) => assert.equal(used[i], c.times, `${file}: correction ${c.from} (${c.why}) applied ${used[i]} times, the seed has it ${c.times}`));
  return out.filter((l) => l !== "");
}

const generated = (text: string) => {
  assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text), "CRLF line ends and a final newline");
  return normalize(text.split("\r\n"));
};

/** The lines of a branch: after its label, up to its GOTO EXIT. */
const branch = (lines: string[], label: string) => {
  const from = lines.indexOf(label);
  assert.ok(from >= 0, label);
  return lines.slice(from + 1, lines.indexOf("GOTO EXIT", from));
};

const NETVISOR = { routerManagement: false };
const netvisor = (settings: object = NETVISOR) => install({ product: "websam-netvisor", settings, sharedFolder: "X:\\ESMPRO" });
const netvisorPro = () => install({ product: "websam-netvisorpro", settings: { databaseDirectory: "X:\\nvpro" }, sharedFolder: "X:\\ESMPRO" });
const pfm = () => install({ product: "websam-pfm", settings: { logicalHostName: "VCOMSQL" } });
const SM = install({ product: "esmpro-servermanager", version: "legacy", settings: { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false }, sharedFolder: "X:\\ESMPRO" });

// The sample starts ESM IPM third and stops it after ESM Expert Service, the printed lists start it last and stop it
// first (the catalog's order): compared without router management, where list and sample agree.
const IPM_LINES: Correction = { from: /^(ARMLOG "(o )?id_[IlL]pmd"|ARMLoad\.EXE id_[IlL]pmd .*|ARMLOAD\.EXE id_[IlL]pmd .*|ARMKILL\.EXE id_[IlL]pmd)$/i, to: "", times: 0, why: "ESM IPM only with router management" };

describe("scripts: WebSAM samples of seed 001 §2, line by line", () => {
  it("§2.1.7 Netvisor start.bat: ARMLOG + ARMLOAD.EXE … /S /M /WAIT 0 in the printed start order, ERRORLEVEL checks after Nvbase, Nvewatchd, Nvtrtickd, :STOPNE pause", () => {
    const seed = seedLines("netvisor-start.bat", [
      { ...IPM_LINES, times: 4 },
      { from: /^ARMLoad\.EXE /, to: "ARMLOAD.EXE ", times: 5, why: "one spelling of the command (the NORMAL branch's first six print ARMLoad.EXE)" },
      { from: /^ARMLOAD\.EXE id_Evwd \/S \/M \/WAIT 0 Nvwatchd$/, to: "ARMLOAD.EXE id_Evwd /S /M /WAIT 0 Nvewatchd", times: 1, why: "the service is Nvewatchd (the NORMAL branch)" },
      { from: /^ARMBroadcast /, to: "ARMBCAST ", times: 2, why: "one command name: ARMBCAST (the stop sample's)" },
    ]).map((l) => l.replace("ActiveRecoveryManagerが", "ActiveRecoveryManager が"));
    const out = generated(legacyScripts([netvisor()]).start);
    assert.deepEqual(out, seed);
    assert.equal(out.filter((l) => l === "if ERRORLEVEL 1 goto STOPNE").length, 6, "three checks in each of the two branches");
  });

  it("§2.1.7 Netvisor stop.bat: ARMLOG \"o …\" + ARMKILL.EXE in the printed stop order, ARMSLEEP.EXE 5 before ESM Base Service, which is killed last", () => {
    const seed = seedLines("netvisor-stop.bat", [
      { ...IPM_LINES, times: 4 },
      { from: /^" \/A$/, to: "", times: 2, why: "the end of a wrapped rem line (an example message)" },
    ]).map((l) => l.replace("ActiveRecoveryManagerが", "ActiveRecoveryManager が"));
    const out = generated(legacyScripts([netvisor()]).stop);
    assert.deepEqual(out, seed);
    const body = branch(out, ":NORMAL");
    assert.deepEqual(body.slice(-4, -1), ["ARMSLEEP.EXE 5", 'ARMLOG "o id_Base"', "ARMKILL.EXE id_Base"], "then the ARMS_SERVER split");
  });

  it("§2.1.3 with router management: ESM IPM starts last and stops first (the printed lists), id_Ipmd", () => {
    const s = legacyScripts([netvisor({ routerManagement: true })]);
    const start = branch(generated(s.start), ":NORMAL").filter((l) => /^ARMLOAD/.test(l));
    const stop = branch(generated(s.stop), ":NORMAL").filter((l) => /^ARMKILL/.test(l));
    assert.equal(start.at(-1), "ARMLOAD.EXE id_Ipmd /S /M /WAIT 0 Nvipmd");
    assert.equal(stop[0], "ARMKILL.EXE id_Ipmd");
  });

  it("§2.2.6 NetvisorPro start.bat (ON_OTHER2, failover to another server): ARMSLEEP.EXE 10, attach the five databases and re-map nv, ESM services, nvtpbase, ARMSLEEP.EXE 30, nvtpserv with /A …", () => {
    const seed = seedLines("netvisorpro-start.bat", [], branch(normalize(fs.readFileSync(path.join(FIXTURES, "netvisorpro-start.bat"), "utf8").split("\n")), ":ON_OTHER2"));
    const out = generated(legacyScripts([netvisorPro()]).start);
    assert.deepEqual(branch(out, ":ON_OTHER2"), seed);
    // The sample's FAILOVER branch does nothing on the highest-priority server, and it has no :STOPNE: the generator
    // writes the same body in all four branches and the label its ERRORLEVEL checks jump to.
    for (const label of [":NORMAL", ":ON_OTHER1", ":FAILOVER"]) assert.ok(branch(out, label).includes("ARMLOAD.EXE id_Base /S /M /WAIT 0 Nvbase"), label);
    assert.ok(out.includes(":STOPNE"));
    assert.deepEqual(out.slice(-5), ['ARMBCAST /MSG "CLUSTERPRO Server が動作状態にありません" /A', "goto EXIT", ":STOPNE", "pause", ":EXIT"]);
  });

  it("§2.2.6 NetvisorPro stop.bat (ON_OTHER2): detach the five databases first, then the NVPRO services, then ESM with ARMSLEEP.EXE 10 before ESM Base Service — in the printed stop order", () => {
    const lines = branch(normalize(fs.readFileSync(path.join(FIXTURES, "netvisorpro-stop.bat"), "utf8").split("\n")), ":ON_OTHER2");
    // The printed list stops TopologyManager before TopologyManager Base and ESM Alert before Dmi Event Watcher; the
    // sample the other way round (the catalog follows the list; the ARMSLEEP.EXE 10 stays between the two).
    const swap = (a: string, b: string, why: string): Correction[] => [
      { from: new RegExp(`^(ARMLOG "(?:o )?|ARMKILL\\.EXE )id_${a}"?$`), to: `$1id_${b}${"\u0000"}`, times: 2, why },
      { from: new RegExp(`^(ARMLOG "(?:o )?|ARMKILL\\.EXE )id_${b}"?$`), to: `$1id_${a}${"\u0000"}`, times: 2, why },
    ];
    const seed = seedLines("netvisorpro-stop.bat", [
      { from: /%computername%\\\\nvpro/, to: "%computername%\\nvpro", times: 5, why: "-S %computername%\\nvpro (printed %computername%\\¥nvpro)" },
      ...swap("nvtpbase", "nvtpserv", "the printed stop order: TopologyManager, then TopologyManager Base"),
      ...swap("Dmi", "Alert", "the printed stop order: ESM Alert, then Dmi Event Watcher"),
    ], lines).map((l) => (l.endsWith("\u0000") ? (l.startsWith("ARMLOG") ? `${l.slice(0, -1)}"` : l.slice(0, -1)) : l));
    const out = branch(generated(legacyScripts([netvisorPro()]).stop), ":ON_OTHER2");
    assert.deepEqual(out, seed);
    assert.match(out[0], /sp_detach_db @dbname = 'nvpro',@skipchecks = 'TRUE'/);
  });

  it("§2.4.5.1 PFM Start.bat: ARMLOAD pfm1 … pfm7 /S \"JP1PCMGR_xx [VCOMSQL]\" (PN, PM, PS, PH, PE, PC, PP), no /M, no ERRORLEVEL", () => {
    const out = generated(legacyScripts([pfm()]).start);
    assert.deepEqual(out, seedLines("pfm-start.bat", []));
    assert.equal(out.filter((l) => l === 'ARMLOAD pfm1 /S "JP1PCMGR_PN [VCOMSQL]"').length, 2);
  });

  it("§2.4.5.1 PFM Stop.bat: ARMKILL pfm7 … pfm1, the exact reverse", () => {
    const seed = seedLines("pfm-stop.bat", [{ from: /" CLUSTERPRO Server/, to: '"CLUSTERPRO Server', times: 1, why: "the same message as the start script's" }]);
    assert.deepEqual(generated(legacyScripts([pfm()]).stop), seed);
  });
});

describe("scripts: the shared ESM Base Service in one group (ServerManager legacy + Netvisor)", () => {
  it("legacy scripts start Nvbase once, first, and kill it once, last", () => {
    const s = legacyScripts([SM, netvisor()]);
    const start = branch(generated(s.start), ":NORMAL").filter((l) => /^ARMLOAD/i.test(l));
    const stop = branch(generated(s.stop), ":NORMAL").filter((l) => /^ARMKILL/i.test(l));
    assert.equal(start.filter((l) => / Nvbase$/.test(l)).length, 1);
    assert.equal(start[0], "ARMLOAD.EXE id_Base /S /M /WAIT 0 Nvbase");
    assert.deepEqual(stop.filter((l) => / id_Base$/.test(l)), ["ARMKILL.EXE id_Base"]);
    assert.equal(stop.at(-1), "ARMKILL.EXE id_Base");
    // Services both products list (ESM Alert, Command …) are started by the first too, once.
    assert.equal(start.filter((l) => / Nvcmd$/.test(l)).length, 1);
  });

  it("CLUSTERPRO X form: one Nvbase service resource, the head of the chain", () => {
    const x = clusterproXForm("ESMPRO", [SM, netvisor()]);
    assert.equal(x.services.filter((s) => s.serviceName === "Nvbase").length, 1);
    assert.deepEqual(x.services[0].dependsOn, []);
    assert.equal(x.services[0].serviceName, "Nvbase");
  });

  it("the second install's clp.conf objects: no Nvbase resource, no sync keys of the base; its -stop script never stops Nvbase", () => {
    const first = renderValidInstall(SM);
    const sharedServices = first.startOrder;
    const plan = renderValidInstall(netvisor(), sharedServices);
    const o = productObjects(plan, "nv", "ESMPRO", "ESMDSVNT", sharedServices);
    assert.ok(!o.resources.some((r) => r.name === serviceResourceName("Nvbase")));
    assert.equal(o.resources.find((r) => r.type === "service")?.dependsOn?.[0], "ESMDSVNT", "the chain follows ServerManager's");
    assert.ok(!o.resources.some((r) => r.type === "regsync"), "NVBASE and Services\\Nvbase are synchronised once, by ServerManager");
    const stop = o.files.find((f) => f.path === "scripts/ESMPRO/nv-stop/stop.bat")?.content ?? "";
    assert.match(stop, /net stop "Nvewatchd" \/Yes/);
    assert.doesNotMatch(stop, /Nvbase/);
    // Its node steps leave the base's work directory, WorkDir and AlertPath to ServerManager.
    assert.deepEqual(plan.sharedDiskPlacements, []);
    assert.deepEqual(plan.registryWrites, []);
    assert.deepEqual(plan.acls, []);
    assert.deepEqual(plan.standbyDeletions, []);
    // Alone (or first) it does all of them.
    const alone = renderValidInstall(netvisor());
    assert.deepEqual(alone.registryWrites.map((w) => w.name), ["WorkDir", "AlertPath"]);
    assert.equal(alone.registrySyncKeys.length, 2);
  });

  it("Netvisor first: its -stop script (documented stop order, Nvbase last) is in the chain, so the next install of the group follows it and stops before Nvbase does", () => {
    const o = productObjects(renderValidInstall(netvisor()), "nv", "ESMPRO");
    assert.equal(o.chain.last, "nv-stop");
    assert.deepEqual(o.resources.find((r) => r.name === "nv-stop")?.dependsOn, [serviceResourceName("Nvexrld")]);
    const stop = o.files.find((f) => f.path === "scripts/ESMPRO/nv-stop/stop.bat")?.content ?? "";
    assert.match(stop, /net stop "Nvewatchd" \/Yes\r\nnet stop "Nvbase" \/Yes\r\nexit \/b 0/);
    const first = renderValidInstall(netvisor());
    const next = productObjects(renderValidInstall(SM, first.startOrder), "sm", "ESMPRO", o.chain.last, first.startOrder);
    assert.deepEqual(next.resources.find((r) => r.type === "service" || r.type === "script")?.dependsOn, ["nv-stop"]);
  });

  it("NetvisorPro: … iEBase → nvpro-stop (the printed stop order) → nvpro-post (detach the databases: stopped first)", () => {
    const o = productObjects(renderValidInstall(netvisorPro()), "nvpro", "ESMPRO");
    const scripts = o.resources.filter((r) => r.type === "script").map((r) => [r.name, r.dependsOn]);
    assert.deepEqual(scripts, [["nvpro-pre", "default"], ["nvpro-stop", ["iEBase"]], ["nvpro-post", ["nvpro-stop"]]]);
    const file = (p: string) => o.files.find((f) => f.path === p)?.content ?? "";
    assert.match(file("scripts/ESMPRO/nvpro-post/stop.bat"), /sp_detach_db @dbname = 'nvpro'/);
    assert.match(file("scripts/ESMPRO/nvpro-pre/start.bat"), /sp_attach_db @dbname = 'nvpro',@filename1 = 'X:\\nvpro\\nvprodat\.mdf'/);
    assert.match(file("scripts/ESMPRO/nvpro-stop/stop.bat"), /net stop "iEBase" \/Yes\r\nnet stop "nvComServ" \/Yes\r\nnet stop "nvlgLogServ" \/Yes\r\nnet stop "nvtpserv" \/Yes\r\nnet stop "nvtpbase" \/Yes\r\n/);
    assert.equal(o.chain.last, "nvpro-post");
  });

  it("PFM: seven unmonitored service resources for \"JP1PCMGR_xx [VCOMSQL]\", chained PN → … → PP (resource names made valid, the service name kept)", () => {
    const o = productObjects(renderValidInstall(pfm()), "pfm", "G");
    assert.deepEqual(o.resources.map((r) => [r.name, "serviceName" in r ? r.serviceName : r.type]), ["PN", "PM", "PS", "PH", "PE", "PC", "PP"].map((x) => [`JP1PCMGR_${x}--VCOMSQL-`, `JP1PCMGR_${x} [VCOMSQL]`]));
    assert.deepEqual(o.monitors, []);
    assert.equal(o.chain.last, "JP1PCMGR_PP--VCOMSQL-");
  });
});
