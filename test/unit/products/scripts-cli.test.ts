// `clusterpro-conf scripts`: the group's scripts from a JSON file — the X form by default, --legacy the Ver5–7 pair;
// bad input names each field and exits 2 before anything is written.
import { strict as assert } from "node:assert";
import { type CliIo, main } from "../../../provider/clusterpro/cli";

function run(argv: string[], files: Record<string, string>) {
  let out = "";
  let err = "";
  const written: Record<string, string> = {};
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readFile: (p: string) => {
      if (!(p in files)) throw new Error(`ENOENT ${p}`);
      return Buffer.from(files[p]);
    },
    writeFile: (p: string, content: string) => (written[p.replace(/\\/g, "/")] = content),
  };
  return { code: main(argv, io), out, err, written };
}

const GROUP = JSON.stringify({
  group: "failover1",
  installs: [
    { product: "esmpro-servermanager", version: "legacy", sharedFolder: "X:\\ESMPRO", settings: { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false } },
    { product: "esmpro-jmss", sharedFolder: "X:\\JMSS", settings: { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" } },
    { product: "esmpro-filetransfer" },
  ],
});

describe("clusterpro-conf scripts", () => {
  it("--legacy prints start.bat and stop.bat with ARMS_EVENT branches and the products' ARMLOAD / armload lines in declaration order", () => {
    const r = run(["scripts", "g.json", "--legacy"], { "g.json": GROUP });
    assert.equal(r.code, 0, r.err);
    const start = r.out.slice(r.out.indexOf("== start.bat =="), r.out.indexOf("== stop.bat =="));
    assert.match(start, /IF "%ARMS_EVENT%" == "START" GOTO NORMAL/);
    assert.ok(start.indexOf("ARMLOAD.EXE id_SM") < start.indexOf("armload NEC_JMSSLKSV") && start.indexOf("armload NEC_JMSSSCSV") < start.indexOf("armload NEC_ESMPROFT_SERVICE"));
    assert.match(r.out, /== stop\.bat ==[\s\S]*armkill NEC_ESMPROFT_SERVICE[\s\S]*armnsdel jmsout[\s\S]*ARMKILL\.EXE id_Base/);
  });

  it("--out DIR writes start.bat and stop.bat there with CRLF line ends", () => {
    const r = run(["scripts", "g.json", "--legacy", "--out", "outdir"], { "g.json": GROUP });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(Object.keys(r.written).sort(), ["outdir/start.bat", "outdir/stop.bat"]);
    assert.match(r.written["outdir/start.bat"], /^IF "%ARMS_EVENT%" == "RECOVER" GOTO RECOVER\r$/m);
  });

  it("by default prints the CLUSTERPRO X form: service resources in start order and script resources with CLP_EVENT", () => {
    const r = run(["scripts", "g.json"], { "g.json": GROUP });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Nvbase: service "Nvbase" \(ESM Base Service; esmpro-servermanager@legacy\), after script-pre-failover1, monitored/);
    assert.match(r.out, /ESMFT: service "ESMFT" \(ESMFT; esmpro-filetransfer\), after jmsssc?sv, monitored/);
    assert.match(r.out, /== script-pre-failover1\/start\.bat ==\n[\s\S]*IF "%CLP_EVENT%" == "START" GOTO NORMAL/);
    assert.doesNotMatch(r.out.slice(0, r.out.indexOf("notes:")), /ARMS_/, "the scripts use CLP_* only");
    assert.match(r.out, /notes:\n[\s\S]*armnsadd jmsout X:\\JMSS\\out — an inference/, "what was changed is said");
  });

  it("invalid input: every field named with its reason, exit 2, nothing written", () => {
    const bad = JSON.stringify({ group: "failover1", installs: [{ product: "esmpro-servermanager", version: "old", extra: 1 }, { product: "esmpro-jmss", settings: { setup: "one-way-tool", jmssVersion: "6.0", virtualComputerName: "VCOM01" }, sharedFolder: "X:\\JMSS" }] });
    const r = run(["scripts", "g.json", "--out", "d"], { "g.json": bad });
    assert.equal(r.code, 2);
    assert.match(r.err, /installs\[0\]\.extra: unknown field/);
    assert.match(r.err, /installs\[0\]\.version: esmpro-servermanager has no version "old"; its versions: 4\.5 \(the default\), legacy/);
    assert.match(r.err, /installs\[1\]\.settings\.setup: the cluster setting TOOL \(JCLTOOL\.EXE\) is in ESMPRO\/JMSS Ver6\.1 only/);
    assert.deepEqual(r.written, {});
    assert.equal(run(["scripts", "g.json"], { "g.json": "{" }).code, 2);
    assert.equal(run(["scripts"], {}).code, 2);
  });

  it("a product without script data (seed 003's ServerManager 4.5) is refused by name", () => {
    const r = run(["scripts", "g.json"], { "g.json": JSON.stringify({ group: "g", installs: [{ product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false } }] }) });
    assert.equal(r.code, 2);
    assert.match(r.err, /esmpro-servermanager \(install 1\): the catalog has no start\/stop script lines for it/);
  });
});
