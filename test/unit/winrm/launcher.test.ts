// Proves argv-as-data on Windows: quoting round-trips through the CommandLineToArgvW rules, the fixed
// launcher carries only base64, the server side recognises exactly our templates, and the PowerShell
// templates parse without syntax errors (tree-sitter-powershell).
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  LAUNCHER_TEMPLATE,
  GET_FILE_TEMPLATE,
  PUT_FILE_TEMPLATE,
  buildGetFileScript,
  buildLauncherScript,
  buildPutFileScript,
  decodePowerShell,
  encodePowerShell,
  parseWindowsCommandLine,
  powerShellCommand,
  quoteWindowsArg,
  recogniseScript,
} from "../../../provider/remote/winrm/launcher";
import { WinRmServer } from "../../../sim/winrm/server";

const CORPUS = ['he said "hi"', "a;b", "a & b", "a | b", "$(whoami)", "`x`", "%PATH%", "line1\nline2", "ローカル エリア接続", "", " ", "trailing\\", 'back\\"slash', "\\\\srv\\share\\", "a\tb"];

describe("winrm launcher: Windows command-line quoting", () => {
  it("known cases", () => {
    assert.equal(quoteWindowsArg("plain"), "plain");
    assert.equal(quoteWindowsArg(""), '""');
    assert.equal(quoteWindowsArg("a b"), '"a b"');
    assert.equal(quoteWindowsArg('a"b'), '"a\\"b"');
    assert.equal(quoteWindowsArg("C:\\dir\\"), "C:\\dir\\");
    assert.equal(quoteWindowsArg("C:\\my dir\\"), '"C:\\my dir\\\\"');
    assert.deepEqual(parseWindowsCommandLine('prog "a b" c\\\\"d e" f\\g'), ["prog", "a b", 'c\\d e', "f\\g"]);
  });

  it("quote → CommandLineToArgvW returns the corpus unchanged", () => {
    const line = ["prog.exe", ...CORPUS.map(quoteWindowsArg)].join(" ");
    assert.deepEqual(parseWindowsCommandLine(line).slice(1), CORPUS);
  });

  it("round-trips arbitrary strings (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", " ", '"', "\\", "\t", "x", "&", "%", "ロ", "\n") })), (args) => {
        const line = ["p", ...args.map(quoteWindowsArg)].join(" ");
        assert.deepEqual(parseWindowsCommandLine(line).slice(1), args);
      }),
      { numRuns: 500 },
    );
  });
});

describe("winrm launcher: fixed scripts with data as base64", () => {
  it("the launcher's only variable part is base64 and commas", () => {
    const script = buildLauncherScript(["prog", ...CORPUS]);
    const at = LAUNCHER_TEMPLATE.indexOf("__ARGV_BASE64_LIST__");
    const middle = script.slice(at, script.length - (LAUNCHER_TEMPLATE.length - at - "__ARGV_BASE64_LIST__".length));
    assert.match(middle, /^[A-Za-z0-9+/=,]+$/);
    assert.deepEqual(recogniseScript(script), { kind: "argv", argv: ["prog", ...CORPUS] });
  });

  it("put/get file templates carry the path as base64", () => {
    assert.deepEqual(recogniseScript(buildPutFileScript("C:\\a b\\ファイル.txt")), { kind: "putFile", path: "C:\\a b\\ファイル.txt" });
    assert.deepEqual(recogniseScript(buildGetFileScript("C:\\x'y")), { kind: "getFile", path: "C:\\x'y" });
    assert.equal(recogniseScript("Write-Output 1"), undefined);
    assert.equal(recogniseScript(LAUNCHER_TEMPLATE.replace("__ARGV_BASE64_LIST__", "abc'; evil; '")), undefined);
  });

  it("EncodedCommand is UTF-16LE base64 and long scripts are refused", () => {
    assert.equal(decodePowerShell(encodePowerShell("ローカル 'x'")), "ローカル 'x'");
    const cmd = powerShellCommand("Write-Output 1");
    assert.equal(cmd.command, "powershell.exe");
    assert.deepEqual(cmd.args.slice(0, 5), ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"]);
    assert.throws(() => powerShellCommand("x".repeat(30000)), RangeError);
  });

  it("the server classifies our launcher, pywinrm's run_ps and plain command lines", () => {
    const l = powerShellCommand(buildLauncherScript(["C:\\Program Files\\x.exe", "a b", '"q"']));
    assert.deepEqual(WinRmServer.classify(l.command, l.args), { kind: "argv", program: "C:\\Program Files\\x.exe", args: ["a b", '"q"'] });
    const ps = WinRmServer.classify(`powershell -encodedcommand ${encodePowerShell("Get-Date")}`, []);
    assert.equal(ps.kind, "powershell");
    assert.equal(ps.script, "Get-Date");
    assert.deepEqual(WinRmServer.classify("cmd", ["/c", "exit 3"]), { kind: "cmd", program: "cmd", args: ["/c", "exit", "3"] });
  });

  it("the PowerShell templates have no syntax errors (tree-sitter-powershell)", function () {
    let Parser: new () => { setLanguage(l: unknown): void; parse(s: string): { rootNode: { hasError: boolean; toString(): string } } };
    let language: unknown;
    try {
      Parser = require("tree-sitter");
      language = require("tree-sitter-powershell");
    } catch {
      this.skip();
      return;
    }
    const parser = new Parser();
    parser.setLanguage(language);
    for (const t of [buildLauncherScript(["p", "a"]), buildPutFileScript("C:\\x"), buildGetFileScript("C:\\x"), LAUNCHER_TEMPLATE, PUT_FILE_TEMPLATE, GET_FILE_TEMPLATE]) {
      const tree = parser.parse(t);
      assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString().slice(0, 500));
    }
  });
});
