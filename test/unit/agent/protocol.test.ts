// Proves the TS side of the agent protocol: op validation, the fixed argv, the stdin encodings for both scripts,
// result decoding and its errors, that both scripts handle exactly the schema's ops, and that the PowerShell parts
// are syntactically valid (tree-sitter-powershell).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as iconv from "iconv-lite";
import {
  AGENT_OP_NAMES,
  AgentOpSchema,
  agentInvocation,
  parseAgentOutput,
  POSIX_AGENT_SCRIPT,
  POSIX_BOOTSTRAP,
  RESULT_BEGIN,
  RESULT_END,
  validateOps,
  WINDOWS_AGENT_SCRIPT,
  WINDOWS_BOOTSTRAP,
  wirePayload,
  type AgentOp,
  type AgentOpInput,
} from "../../../provider/remote/agent";
import { generatedSource, GENERATED_FILE } from "../../../provider/remote/agent/embed-scripts";
import { injectionCorpus } from "./corpus";

const AGENT_DIR = path.resolve(__dirname, "../../../provider/remote/agent");

/** The op names a script's dispatch handles, read between its `ops:begin` / `ops:end` markers. */
function scriptOpNames(source: string, pattern: RegExp): string[] {
  const begin = source.indexOf("ops:begin");
  const end = source.indexOf("ops:end");
  assert.ok(begin > 0 && end > begin, "dispatch markers present");
  return source
    .slice(begin, end)
    .split("\n")
    .map((l) => pattern.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
}

/** Commands the Windows PowerShell 5.1 scripts may call besides their own functions. */
const PS51_CMDLETS = new Set([
  "Add-Type", "ConvertFrom-Json", "ConvertTo-Json", "Disable-NetAdapter", "Enable-NetAdapter", "Get-Acl", "Get-ChildItem",
  "Get-Command", "Get-Item", "Get-ItemProperty", "Get-NetAdapter", "Get-WmiObject", "Join-Path", "New-Object", "Remove-Item",
  "Select-Object", "Test-Path", "Where-Object", "ForEach-Object",
]);

/** Command names a PowerShell script calls and the functions it defines (tree-sitter nodes). */
function powerShellNames(src: string): { calls: Set<string>; functions: Set<string> } {
  const Parser = require("tree-sitter");
  const p = new Parser();
  p.setLanguage(require("tree-sitter-powershell"));
  const calls = new Set<string>();
  const functions = new Set<string>();
  type Node = { type: string; text: string; children: Node[] };
  const walk = (n: Node) => {
    if (n.type === "command_name") calls.add(n.text);
    if (n.type === "function_name") functions.add(n.text);
    n.children.forEach(walk);
  };
  walk(p.parse(src).rootNode);
  return { calls, functions };
}

function parsePowerShell(src: string): boolean {
  const Parser = require("tree-sitter");
  const ps = require("tree-sitter-powershell");
  const p = new Parser();
  p.setLanguage(ps);
  return p.parse(src).rootNode.hasError as boolean;
}

const sample: AgentOpInput[] = [
  { op: "facts" },
  { op: "service.query", names: ["clusterpro_md"] },
  { op: "service.setStartup", name: "W3SVC", startup: "manual" },
  { op: "service.start", names: ["a", "b"], timeoutSec: 30 },
  { op: "service.stop", names: ["b", "a"] },
  { op: "reg.query", key: "HKLM\\SOFTWARE\\NEC" },
  { op: "reg.set", key: "HKLM\\SOFTWARE\\NEC", name: "X", value: { type: "REG_DWORD", data: 4294967295 } },
  { op: "reg.deleteValue", key: "HKLM\\SOFTWARE\\NEC", name: "X" },
  { op: "reg.deleteSubkeys", key: "HKLM\\SOFTWARE\\NEC" },
  { op: "reg.export", key: "HKLM\\SOFTWARE\\NEC" },
  { op: "file.stat", path: "/etc/hosts" },
  { op: "file.read", path: "/etc/hosts", encoding: "cp932" },
  { op: "file.write", path: "/tmp/x", content: "日本語", encoding: "cp932" },
  { op: "file.mkdir", path: "/tmp/d" },
  { op: "file.move", from: "/tmp/a", to: "/tmp/b" },
  { op: "file.copy", from: "/tmp/a", to: "/tmp/b", overwrite: true },
  { op: "file.delete", path: "/tmp/a", recursive: true },
  { op: "acl.get", path: "C:\\data" },
  { op: "acl.set", path: "C:\\data", rules: [{ identity: "BUILTIN\\Users", rights: ["ReadAndExecute"] }] },
  { op: "hosts.get" },
  { op: "hosts.set", entries: [{ address: "10.0.0.1", hostnames: ["node1"] }] },
  { op: "nic.setEnabled", name: "ローカル エリア接続", enabled: false },
  { op: "clp", command: "clpstat", args: ["-s"] },
  { op: "lock.acquire", path: "/opt/nec/clusterpro/work/clusterpro-pulumi/lock", owner: "host:1:ab 2025-01-01T00:00:00.000Z", staleAfterSec: 1800 },
  { op: "lock.release", path: "/opt/nec/clusterpro/work/clusterpro-pulumi/lock", owner: "host:1:ab 2025-01-01T00:00:00.000Z" },
  { op: "file.sha256", path: "/opt/nec/clusterpro/etc/clp.conf", expect: "absent" },
  { op: "volume.list" },
];

describe("agent protocol (TS side)", () => {
  describe("op schema", () => {
    it("accepts one example of every op and fills defaults", () => {
      const ops = validateOps(sample);
      assert.deepEqual(
        [...new Set(ops.map((o) => o.op))].sort(),
        [...AGENT_OP_NAMES].sort(),
        "the sample covers every op",
      );
      const clp = ops.find((o) => o.op === "clp") as Extract<AgentOp, { op: "clp" }>;
      assert.equal(clp.timeoutSec, 600);
      assert.equal(clp.encoding, "utf8");
    });

    it("rejects unknown ops, missing fields, NUL bytes, commands outside the allow-list and bad registry data", () => {
      const bad: unknown[] = [
        { op: "exec", cmd: "rm -rf /" },
        { op: "file.read" },
        { op: "file.read", path: "/etc/\0passwd" },
        { op: "clp", command: "rm", args: ["-rf", "/"] },
        { op: "clp", command: "clpstat; rm" },
        { op: "reg.set", key: "SOFTWARE\\X", name: "a", value: { type: "REG_SZ", data: "x" } },
        { op: "reg.set", key: "HKLM\\X", name: "a", value: { type: "REG_DWORD", data: -1 } },
        { op: "reg.set", key: "HKLM\\X", name: "a", value: { type: "REG_NONE", data: "" } },
        { op: "hosts.set", entries: [{ address: "10.0.0.1", hostnames: ["a b"] }] },
        { op: "service.query", names: ["a\nb"] },
      ];
      for (const b of bad) assert.equal(AgentOpSchema.safeParse(b).success, false, JSON.stringify(b));
      assert.throws(() => validateOps([{ op: "facts" }, { op: "file.read" } as AgentOpInput]), (e: Error) => /1/.test(JSON.stringify((e as { issues?: unknown }).issues)));
    });
  });

  describe("agentInvocation", () => {
    it("uses a fixed argv that contains no op data (POSIX and Windows)", () => {
      const canary = "/tmp/never";
      const corpusOps: AgentOpInput[] = injectionCorpus(canary).map((s) => ({ op: "file.write", path: `/x/${s.replace(/\//g, "_")}`, content: s }));
      for (const os of ["linux", "windows"] as const) {
        const a = agentInvocation(os, [{ op: "facts" }]).argv;
        const b = agentInvocation(os, corpusOps).argv;
        assert.deepEqual(a, b, `${os} argv does not depend on the ops`);
      }
      assert.deepEqual(agentInvocation("linux", []).argv, ["sh", "-c", POSIX_BOOTSTRAP]);
      const w = agentInvocation("windows", []).argv;
      assert.deepEqual(w.slice(0, 6), ["powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"]);
      assert.equal(Buffer.from(w[6], "base64").toString("utf16le"), WINDOWS_BOOTSTRAP);
    });

    it("Windows stdin = base64 agent script line + base64 JSON payload line", () => {
      const ops = validateOps(sample);
      const inv = agentInvocation("windows", sample);
      const [script, payload, rest] = inv.stdin.toString("utf8").split("\n");
      assert.equal(rest, "");
      assert.match(script, /^[A-Za-z0-9+/=]+$/);
      assert.match(payload, /^[A-Za-z0-9+/=]+$/);
      assert.equal(Buffer.from(script, "base64").toString("utf8"), WINDOWS_AGENT_SCRIPT);
      const json = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
      assert.deepEqual(json, JSON.parse(JSON.stringify(wirePayload(ops))));
      assert.equal(json.protocolVersion, 1);
      const write = json.ops.find((o: { op: string }) => o.op === "file.write");
      assert.deepEqual(Buffer.from(write.dataBase64, "base64"), iconv.encode("日本語", "cp932"), "cp932 text sent as cp932 bytes");
      assert.equal(write.content, undefined);
    });

    it("POSIX stdin = base64 agent script line + a line format holding only base64 tokens", () => {
      const inv = agentInvocation("linux", sample, { root: "/tmp/r o'ot" });
      const lines = inv.stdin.toString("utf8").split("\n");
      assert.equal(Buffer.from(lines[0], "base64").toString("utf8"), POSIX_AGENT_SCRIPT);
      assert.equal(lines[1], `clp-agent 1 root=${Buffer.from("/tmp/r o'ot").toString("base64")}`);
      assert.equal(lines[lines.length - 2], "end");
      const opLines = lines.slice(2, -2);
      assert.equal(opLines.length, sample.length);
      for (const l of opLines) assert.match(l, /^[A-Za-z0-9.]+=[A-Za-z0-9+/=]*( [A-Za-z0-9.]+=[A-Za-z0-9+/=]*)*$/);
      const fields = (l: string) => Object.fromEntries(l.split(" ").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
      const dec = (s: string) => Buffer.from(s, "base64").toString("utf8");
      const nic = fields(opLines[21]);
      assert.equal(dec(nic.op), "nic.setEnabled");
      assert.equal(dec(nic.name), "ローカル エリア接続");
      assert.equal(dec(nic.enabled), "false");
      const start = fields(opLines[3]);
      assert.deepEqual([dec(start["names.n"]), dec(start["names.0"]), dec(start["names.1"]), dec(start.timeoutSec)], ["2", "a", "b", "30"]);
      const write = fields(opLines[12]);
      assert.deepEqual(Buffer.from(write.dataBase64, "base64"), iconv.encode("日本語", "cp932"), "bytes fields are not encoded twice");
    });
  });

  describe("parseAgentOutput", () => {
    const ops = validateOps([
      { op: "file.read", path: "/a", encoding: "cp932" },
      { op: "file.read", path: "/b", encoding: "binary" },
      { op: "clp", command: "clpstat", encoding: "cp932" },
      { op: "hosts.get", id: "hosts-before" },
    ]);
    const cp = iconv.encode("ローカル エリア接続", "cp932").toString("base64");
    const good = [
      "Welcome banner that is not JSON",
      `${RESULT_BEGIN} 1`,
      `{"i":0,"ok":true,"value":{"size":3,"dataBase64":"${cp}"}}`,
      `{"i":1,"ok":true,"value":{"size":3,"dataBase64":"AAH/"}}`,
      `{"i":2,"ok":true,"value":{"exitCode":3,"stdoutBase64":"${cp}","stderrBase64":""}}`,
      `{"i":3,"ok":false,"error":{"code":"failed","message":"denied"}}`,
      RESULT_END,
      "",
    ].join("\r\n");

    it("decodes bytes per op encoding and keeps failures as results", () => {
      const r = parseAgentOutput(Buffer.from(good), ops, { node: "node1" });
      assert.equal(r.length, 4);
      assert.deepEqual(r[0], { op: "file.read", ok: true, value: { content: "ローカル エリア接続", encoding: "cp932", size: 3 } });
      assert.deepEqual(r[1], { op: "file.read", ok: true, value: { content: "AAH/", encoding: "binary", size: 3 } });
      assert.deepEqual(r[2], { op: "clp", ok: true, value: { exitCode: 3, stdout: "ローカル エリア接続", stderr: "" } });
      assert.deepEqual(r[3], { op: "hosts.get", ok: false, error: { code: "failed", message: "denied" } });
    });

    it("names the node and the op when the JSON is malformed", () => {
      const broken = good.replace(`{"i":1,"ok":true`, `{"i":1,"ok":tru`);
      assert.throws(() => parseAgentOutput(broken, ops, { node: "node1" }), (e: Error) => {
        assert.match(e.message, /^node1: agent: malformed JSON in the result for op #1 \(file\.read\)/);
        return true;
      });
    });

    it("names the op that got no result when the output ends early", () => {
      const cut = good.split("\r\n").slice(0, 4).join("\n");
      assert.throws(() => parseAgentOutput(cut, ops, { node: "node2", stderr: "Killed" }), (e: Error) => {
        assert.match(e.message, /^node2: agent: no result for op #2 \(clp\) \(the output ended early/);
        assert.match(e.message, /stderr: Killed/);
        return true;
      });
      const lastMissing = good.replace(/\{"i":3.*\r\n/, "");
      assert.throws(() => parseAgentOutput(lastMissing, ops, { node: "n" }), /no result for op #3 \(hosts\.get "hosts-before"\)/);
    });

    it("rejects output without a result block, a wrong protocol version and values of the wrong shape", () => {
      assert.throws(() => parseAgentOutput("bash: sh: not found", ops, { node: "n", stderr: "boom" }), /n: agent: the agent produced no result block.*stderr: boom/);
      assert.throws(() => parseAgentOutput(good.replace(`${RESULT_BEGIN} 1`, `${RESULT_BEGIN} 2`), ops, { node: "n" }), /protocol version 2, expected 1/);
      const wrongShape = good.replace(`"exitCode":3`, `"exitCode":"3"`);
      assert.throws(() => parseAgentOutput(wrongShape, ops, { node: "n" }), /op #2 \(clp\) does not match its schema/);
      const dup = good.replace(RESULT_END, `{"i":0,"ok":false,"error":{"code":"x","message":"y"}}\r\n${RESULT_END}`);
      assert.throws(() => parseAgentOutput(dup, ops, { node: "n" }), /two results for op #0/);
    });
  });

  describe("volume.list", () => {
    const ops = validateOps([{ op: "volume.list" }]);
    const out = (value: unknown) => [`${RESULT_BEGIN} 1`, JSON.stringify({ i: 0, ok: true, value }), RESULT_END, ""].join("\r\n");

    it("takes no fields beyond the common ones", () => {
      assert.equal(AgentOpSchema.safeParse({ op: "volume.list", id: "vols" }).success, true);
      assert.deepEqual(validateOps([{ op: "volume.list" }]), [{ op: "volume.list" }]);
    });

    it("decodes Win32_Volume's DeviceID and DriveLetter into clp.conf's form (letter, lower-case GUID without braces), sorted by letter", () => {
      const r = parseAgentOutput(
        out({
          volumes: [
            { deviceId: "\\\\?\\Volume{4CD3FA30-0E5A-4C55-A2B6-5C1F8E1B9D01}\\", driveLetter: "X:", fileSystem: null, capacity: 1073741824 },
            { deviceId: "\\\\?\\Volume{4519e341-59ed-43e9-8856-d2c9ed671f65}\\", driveLetter: "E:", fileSystem: "NTFS", capacity: "21474836480" },
            // A volume without a letter and one whose DeviceID is not a GUID path are left out.
            { deviceId: "\\\\?\\Volume{0b0e5b0a-1111-2222-3333-444455556666}\\", driveLetter: null },
            { deviceId: "C:\\", driveLetter: "C:", fileSystem: "NTFS", capacity: 1 },
          ],
        }),
        ops,
        { node: "server1" },
      );
      assert.deepEqual(r[0], {
        op: "volume.list",
        ok: true,
        value: {
          volumes: [
            { letter: "E", guid: "4519e341-59ed-43e9-8856-d2c9ed671f65", fileSystem: "NTFS", sizeBytes: 21474836480 },
            { letter: "X", guid: "4cd3fa30-0e5a-4c55-a2b6-5c1f8e1b9d01", fileSystem: null, sizeBytes: 1073741824 },
          ],
        },
      });
    });

    it("an answer of the wrong shape names the node and the op", () => {
      assert.throws(() => parseAgentOutput(out({ volumes: [{ driveLetter: "E:" }] }), ops, { node: "server1" }), /server1: agent: the result of op #0 \(volume\.list\) does not match its schema/);
      assert.throws(() => parseAgentOutput(out({}), ops, { node: "server1" }), /volume\.list/);
    });

    it("the POSIX agent refuses it as Windows-only; the Windows agent reads Win32_Volume", () => {
      assert.match(POSIX_AGENT_SCRIPT, /volume\.list\) windows_only ;;/);
      assert.match(WINDOWS_AGENT_SCRIPT, /'volume\.list' \{ return Invoke-VolumeList \$op \}/);
      assert.match(WINDOWS_AGENT_SCRIPT, /Get-WmiObject -Class Win32_Volume/);
    });
  });

  describe("the scripts", () => {
    it("both scripts handle exactly the ops of the schema", () => {
      const sh = fs.readFileSync(path.join(AGENT_DIR, "posix-agent.sh"), "utf8");
      const ps = fs.readFileSync(path.join(AGENT_DIR, "windows-agent.ps1"), "utf8");
      const shOps = scriptOpNames(sh, /^([a-zA-Z0-9.]+)\)/);
      const psOps = scriptOpNames(ps, /^'([a-zA-Z0-9.]+)' \{/);
      assert.deepEqual([...shOps].sort(), [...AGENT_OP_NAMES].sort(), "posix-agent.sh");
      assert.deepEqual([...psOps].sort(), [...AGENT_OP_NAMES].sort(), "windows-agent.ps1");
    });

    it("the Windows script implements every Windows-only op (no 'unsupported' stubs)", () => {
      assert.ok(!/unsupported/.test(WINDOWS_AGENT_SCRIPT.slice(WINDOWS_AGENT_SCRIPT.indexOf("ops:begin"), WINDOWS_AGENT_SCRIPT.indexOf("ops:end"))));
    });

    it("the embedded copies are up to date (npx ts-node provider/remote/agent/embed-scripts.ts)", () => {
      assert.equal(fs.readFileSync(GENERATED_FILE, "utf8"), generatedSource());
    });

    it("PowerShell sources parse without errors (tree-sitter-powershell)", () => {
      assert.equal(parsePowerShell("function f( { $x = "), true, "the parser does report errors");
      assert.equal(parsePowerShell(WINDOWS_AGENT_SCRIPT), false, "windows-agent.ps1");
      assert.equal(parsePowerShell(WINDOWS_BOOTSTRAP), false, "bootstrap");
    });

    it("the PowerShell scripts call only their own functions and standard 5.1 cmdlets; every function is used", () => {
      const { calls, functions } = powerShellNames(WINDOWS_AGENT_SCRIPT);
      const unknown = [...calls].filter((c) => !functions.has(c) && !PS51_CMDLETS.has(c));
      assert.deepEqual(unknown, [], "undefined commands (typos?)");
      assert.deepEqual([...functions].filter((f) => !calls.has(f)), [], "unused functions");
      const code = WINDOWS_AGENT_SCRIPT.split("\n").filter((l) => !l.trim().startsWith("#")).join("\n");
      assert.ok(!/@\(Get-(List|Field|Required|Optional)\b/.test(code), "@() around a field getter re-wraps arrays");
    });

    it("the POSIX script is valid sh (dash -n)", function () {
      const { spawnSync } = require("node:child_process");
      const r = spawnSync("dash", ["-n"], { input: POSIX_AGENT_SCRIPT });
      if (r.error) this.skip();
      assert.equal(r.status, 0, r.stderr?.toString());
    });
  });
});
