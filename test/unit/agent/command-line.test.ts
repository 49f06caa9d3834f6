// Proves the argv → exec-string conversions: POSIX quoting read back by a real sh (dash) gives the exact argv and
// runs nothing; the Windows launcher carries argv only as base64 JSON inside -EncodedCommand and parses as
// PowerShell.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CommandLineError,
  isInertPowerShellArgv,
  posixCommandLine,
  sftpPath,
  posixQuote,
  windowsCommandLine,
} from "../../../provider/remote/ssh";
import { buildLauncherScript, decodePowerShell, recogniseScript } from "../../../provider/remote/winrm/launcher";
import { injectionCorpus } from "./corpus";

describe("exec command lines", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clp-cmdline-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("posixQuote uses single quotes with '\\'' for embedded quotes", () => {
    assert.equal(posixQuote("a'b"), `'a'\\''b'`);
    assert.equal(posixQuote(""), "''");
    assert.equal(posixQuote("$(x) `y` \"z\""), "'$(x) `y` \"z\"'");
  });

  for (const shell of ["dash", "bash"]) {
    it(`${shell} reads the quoted corpus back byte for byte and runs nothing`, function () {
      const canary = path.join(dir, `canary-${shell}`);
      const corpus = [...injectionCorpus(canary), ""];
      const line = posixCommandLine(["printf", "%s\\0", ...corpus]);
      const r = spawnSync(shell, ["-c", line], { cwd: dir });
      if (r.error) this.skip();
      assert.equal(r.status, 0, r.stderr.toString());
      const got = r.stdout.toString("utf8").split("\0").slice(0, -1);
      assert.deepEqual(got, corpus);
      assert.equal(fs.existsSync(canary), false, "canary not created");
    });
  }

  it("refuses NUL and empty argv", () => {
    assert.throws(() => posixCommandLine([]), CommandLineError);
    assert.throws(() => posixCommandLine(["a\0b"]), /NUL/);
    assert.throws(() => windowsCommandLine(["a\0b"]), /NUL/);
  });

  it("Windows: argv travels as base64 data inside the fixed WinRM launcher (-EncodedCommand)", () => {
    const argv = ["C:\\Program Files\\EXPRESSCLUSTER\\bin\\clpstat.exe", ...injectionCorpus("C:\\canary")];
    const line = windowsCommandLine(argv);
    assert.match(line, /^powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand [A-Za-z0-9+/=]+$/);
    const script = decodePowerShell(line.split(" ").pop() as string);
    assert.deepEqual(recogniseScript(script), { kind: "argv", argv }, "the fixed launcher template with argv as its only data");
  });

  it("Windows: a plain PowerShell invocation (the agent's) is sent as it is", () => {
    const argv = ["powershell.exe", "-NoProfile", "-EncodedCommand", "SQBFAFgA"];
    assert.equal(isInertPowerShellArgv(argv), true);
    assert.equal(windowsCommandLine(argv), argv.join(" "));
    assert.equal(isInertPowerShellArgv(["powershell.exe", "-Command", "Remove-Item x"]), false);
    assert.equal(isInertPowerShellArgv(["cmd.exe", "/c", "dir"]), false);
    const other = windowsCommandLine(["powershell.exe", "-Command", "Remove-Item x"]);
    assert.deepEqual(recogniseScript(decodePowerShell(other.split(" ").pop() as string)), { kind: "argv", argv: ["powershell.exe", "-Command", "Remove-Item x"] });
  });

  it("Windows: refuses a command line over 32767 characters", () => {
    assert.throws(() => windowsCommandLine(["x", "a".repeat(20000)]), CommandLineError);
  });

  it("SFTP paths: Windows drive paths become /C:/… ; POSIX paths are unchanged", () => {
    assert.equal(sftpPath("windows", "C:\\Program Files\\EXPRESSCLUSTER\\etc\\clp.conf"), "/C:/Program Files/EXPRESSCLUSTER/etc/clp.conf");
    assert.equal(sftpPath("windows", "/C:/x"), "/C:/x");
    assert.equal(sftpPath("linux", "/opt/nec/clusterpro/etc/clp.conf"), "/opt/nec/clusterpro/etc/clp.conf");
    assert.equal(sftpPath("linux", "C:\\x"), "C:\\x");
  });

  it("the Windows launcher parses as PowerShell (tree-sitter-powershell)", () => {
    const Parser = require("tree-sitter");
    const p = new Parser();
    p.setLanguage(require("tree-sitter-powershell"));
    assert.equal(p.parse(buildLauncherScript(["a", "b c"])).rootNode.hasError, false);
  });
});
