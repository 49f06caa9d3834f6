// Proves the envelope builders and the namespace-aware reply parsing against recorded wire fixtures.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  ACTION,
  NS,
  commandEnvelope,
  createShellEnvelope,
  first,
  parseCommandId,
  parseFault,
  parseReceive,
  parseShellId,
  parseXml,
  sendEnvelope,
  signalEnvelope,
  text,
  all,
} from "../../../provider/remote/winrm/soap";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "..", "..", "fixtures", "winrm", name));
const common = { to: "http://node1:5985/wsman" };

describe("winrm SOAP: envelopes", () => {
  it("Create asks for the cmd shell with code page 65001 and no profile", () => {
    const doc = parseXml(createShellEnvelope(common));
    assert.equal(text(first(doc, NS.a, "Action")), ACTION.Create);
    assert.equal(text(first(doc, NS.w, "ResourceURI")), "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd");
    const opts = Object.fromEntries(all(doc, NS.w, "Option").map((o) => [o.getAttribute("Name"), text(o)]));
    assert.deepEqual(opts, { WINRS_NOPROFILE: "TRUE", WINRS_CODEPAGE: "65001" });
    assert.match(text(first(doc, NS.a, "MessageID")) ?? "", /^uuid:[0-9A-F-]{36}$/);
  });

  it("Command escapes XML and sends Arguments as separate elements, skipping cmd.exe", () => {
    const doc = parseXml(commandEnvelope(common, "SHELL-1", "powershell.exe", ["-a", `<x & "y">`]));
    assert.equal(text(all(doc, NS.w, "Selector")[0]), "SHELL-1");
    assert.equal(text(first(doc, NS.rsp, "Command")), "powershell.exe");
    assert.deepEqual(all(doc, NS.rsp, "Arguments").map((a) => a.textContent), ["-a", `<x & "y">`]);
    const opts = Object.fromEntries(all(doc, NS.w, "Option").map((o) => [o.getAttribute("Name"), text(o)]));
    assert.equal(opts.WINRS_SKIP_CMD_SHELL, "TRUE");
  });

  it("Send carries base64 stdin with End, Signal carries terminate", () => {
    const send = parseXml(sendEnvelope(common, "S", "C", Buffer.from("ローカル"), true));
    const st = first(send, NS.rsp, "Stream");
    assert.equal(st?.getAttribute("End"), "true");
    assert.equal(st?.getAttribute("Name"), "stdin");
    assert.equal(Buffer.from(st?.textContent ?? "", "base64").toString("utf8"), "ローカル");
    const sig = parseXml(signalEnvelope(common, "S", "C"));
    assert.equal(first(sig, NS.rsp, "Signal")?.getAttribute("CommandId"), "C");
    assert.equal(text(first(sig, NS.rsp, "Code")), "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate");
  });
});

describe("winrm SOAP: parsing recorded replies", () => {
  it("Create → ShellId; Command → CommandId", () => {
    assert.equal(parseShellId(parseXml(fixture("create-response.xml"))), "B8397D09-9B78-46CB-A4F4-C043D1619F4C");
    assert.equal(parseCommandId(parseXml(fixture("command-response.xml"))), "DA8683C4-18B2-4B06-BDCE-398E2BB251EF");
  });

  it("Receive (running) with several chunks keeps stream order and bytes", () => {
    const r = parseReceive(parseXml(fixture("receive-running.xml")));
    assert.equal(r.done, false);
    assert.equal(r.exitCode, undefined);
    assert.deepEqual(r.chunks.map((c) => [c.stream, c.data.toString("utf8"), c.end]), [
      ["stdout", "part1\r\n", false],
      ["stderr", "warn\r\n", false],
      ["stdout", "ロー\r\n", false],
    ]);
  });

  it("Receive (done) gives the exit code and End markers", () => {
    const r = parseReceive(parseXml(fixture("receive-done-exit3.xml")));
    assert.equal(r.done, true);
    assert.equal(r.exitCode, 3);
    assert.deepEqual(r.chunks.map((c) => [c.stream, c.data.toString(), c.end]), [
      ["stdout", "part2\r\n", false],
      ["stdout", "", true],
      ["stderr", "", true],
    ]);
  });

  it("matches namespace URIs, not prefixes", () => {
    const r = parseReceive(parseXml(fixture("receive-done-other-prefixes.xml")));
    assert.equal(r.done, true);
    assert.equal(r.exitCode, 0);
    assert.equal(r.chunks[0].data.toString(), "ok\r\n");
  });

  it("faults: code, subcode, WSManFault code and message", () => {
    const t = parseFault(parseXml(fixture("fault-timedout.xml")));
    assert.deepEqual(t, {
      code: "s:Receiver",
      subcode: "w:TimedOut",
      reason: "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.",
      wsmanCode: "2150858793",
      machine: "fake",
      message: "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.",
    });
    const nf = parseFault(parseXml(fixture("fault-file-not-found.xml")));
    assert.equal(nf?.subcode, "w:InternalError");
    assert.equal(nf?.wsmanCode, "2147942402");
    assert.equal(nf?.message, "The system cannot find the file specified.");
    assert.equal(parseFault(parseXml(fixture("receive-done-exit3.xml"))), undefined);
  });

  it("malformed XML raises a SoapParseError", () => {
    assert.throws(() => parseXml("<a><b></a>"), { name: "SoapParseError" });
  });
});
