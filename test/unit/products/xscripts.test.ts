// A seed 001 install's clp.conf objects: what its legacy scripts did besides starting services becomes script
// resources with CLP_EVENT branches around its service chain (render.ts xScripts → applier.ts productObjects).
import { strict as assert } from "node:assert";
import { productObjects } from "../../../provider/products/applier";
import { renderProduct } from "../../../provider/products/render";

const jmss = () => renderProduct("esmpro-jmss", { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" }, "E:\\JMSS");
const deps = (r: { dependsOn?: unknown }) => (Array.isArray(r.dependsOn) ? r.dependsOn : r.dependsOn);

describe("products: CLUSTERPRO X script resources of a seed 001 install", () => {
  it("JMSS: jmss-pre (share) → jmsslksv → jmssscsv → jmss-post (JLook shutdown mode), then the regsync; the next install follows jmss-post", () => {
    const o = productObjects(jmss(), "jmss", "ESMPRO", "ESMDSVNT");
    assert.deepEqual(o.resources.map((r) => [r.type, r.name, deps(r)]), [
      ["script", "jmss-pre", ["ESMDSVNT"]],
      ["service", "jmsslksv", ["jmss-pre"]],
      ["service", "jmssscsv", ["jmsslksv"]],
      ["script", "jmss-post", ["jmssscsv"]],
      ["regsync", "jmss-regsync", "default"],
    ]);
    assert.deepEqual(o.chain, { first: "jmss-pre", last: "jmss-post" });
    const file = (p: string) => o.files.find((f) => f.path === p)?.content ?? "";
    assert.match(file("scripts/ESMPRO/jmss-pre/start.bat"), /^IF "%CLP_EVENT%" == "START" GOTO NORMAL\r\n[\s\S]*net share jmsout="E:\\JMSS\\out"\r\nIF ERRORLEVEL 1 EXIT 1\r\n/);
    assert.match(file("scripts/ESMPRO/jmss-pre/stop.bat"), /net share jmsout \/delete \/y\r\n/);
    assert.match(file("scripts/ESMPRO/jmss-post/stop.bat"), /IF "%CLP_FACTOR%" == "SERVERSHUTDOWN" GOTO JMSSLKSVFOV1\r\nJmsslksv -normal\r\n/);
    for (const f of o.files) {
      assert.doesNotMatch(f.content, /ARMS_|armload|armkill|armlog/i, f.path);
      assert.ok(/^[\x20-\x7e\r\n]*$/.test(f.content), `${f.path}: ASCII only (a pushed script is not re-encoded for the console code page)`);
    }
  });

  it("ServerManager (legacy) with the three services around its stop: net stop in -post's stop.bat, net start in -pre's, no separate -stop script", () => {
    const plan = renderProduct("esmpro-servermanager@legacy", { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false, expressReportService: true, alertManagerMainService: true, clusterproManagerOnServer: true }, "E:\\ESMPRO");
    const o = productObjects(plan, "sm", "ESMPRO");
    assert.deepEqual(o.resources.filter((r) => r.type === "script").map((r) => r.name), ["sm-pre", "sm-post"]);
    const file = (p: string) => o.files.find((f) => f.path === p)?.content ?? "";
    assert.match(file("scripts/ESMPRO/sm-post/stop.bat"), /net stop \/Yes "Express PC Report"\r\nnet stop \/Yes "Alert Manager Main Service"\r\nnet stop \/Yes "CLUSTERPRO Manager"\r\n/);
    assert.match(file("scripts/ESMPRO/sm-pre/stop.bat"), /net start \/Yes "CLUSTERPRO Manager"\r\nnet start \/Yes "Alert Manager Main Service"\r\nnet start \/Yes "Express PC Report"\r\n/);
  });

  it("FileTransfer and seed 003 products: no script resource (service starts only; ServerManager 4.5 keeps its -stop script)", () => {
    assert.deepEqual(productObjects(renderProduct("esmpro-filetransfer", {}), "ft", "g").resources.map((r) => r.type), ["service"]);
    assert.deepEqual(renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, "E:\\ESMPRO").xScripts, []);
    const esm45 = productObjects(renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false, expressReportService: true }, "E:\\ESMPRO"), "esmpro", "g");
    assert.ok(esm45.resources.some((r) => r.name === "esmpro-stop"));
  });
});
