import { strict as assert } from "node:assert";
import * as iconv from "iconv-lite";
import { executeOps, formatAgentOutput, type ClpRunner } from "../../../sim/agent/executor";
import { SimNode, restoreStore, snapshotStore } from "../../../sim/node/node";
import { VolumeStore } from "../../../sim/node/filesystem";
import { SimError } from "../../../sim/node/types";

const noClp: ClpRunner = () => ({ exitCode: 127, stdout: "", stderr: "no cluster" });

describe("sim node: a fresh Windows install", () => {
  it("has the CLUSTERPRO services running, Windows Time manual and stopped, and three NICs", () => {
    const n = SimNode.fresh("server01", "windows");
    assert.equal(n.services.get("clusterpro")?.state, "running");
    assert.equal(n.services.get("CLUSTERPRO")?.displayName, "CLUSTERPRO Server", "service names are case-insensitive on Windows");
    assert.deepEqual([n.services.get("w32time")?.startup, n.services.get("w32time")?.state], ["manual", "stopped"]);
    assert.equal(n.nics.get("ローカル エリア接続 3"), true);
  });

  it("stops dependants first and starts dependencies first", () => {
    const n = SimNode.fresh("server01", "windows");
    n.services.stop("clpevent");
    assert.equal(n.services.get("clusterpro")?.state, "stopped");
    n.services.start("clusterpro");
    assert.equal(n.services.get("clpevent")?.state, "running");
    n.services.setStartup("SNMP", "disabled");
    n.services.stop("SNMP");
    assert.throws(() => n.services.start("SNMP"), (e: unknown) => e instanceof SimError && e.code === "disabled");
  });

  it("keeps paths case-insensitive with display case, and refuses a volume without access", () => {
    const n = SimNode.fresh("server01", "windows");
    n.fs.mkdir("E:\\ESMPRO\\NVWORK");
    n.fs.writeFile("e:\\esmpro\\nvwork\\Data.txt", Buffer.from("x"));
    assert.deepEqual(n.fs.list("E:\\ESMPRO\\NVWORK"), ["Data.txt"]);
    n.fs.setVolumeAccess("E:", "none");
    assert.throws(() => n.fs.readFile("E:\\ESMPRO\\NVWORK\\Data.txt"), (e: unknown) => e instanceof SimError && e.code === "access-denied");
    assert.equal(n.fs.exists("E:\\ESMPRO"), false, "an inaccessible volume shows nothing");
  });

  it("mirrors a shared data partition: one store attached on both nodes", () => {
    const a = SimNode.fresh("server01", "windows");
    const b = SimNode.fresh("server02", "windows");
    const store = new VolumeStore("md:E:", "BUILTIN\\Administrators");
    a.fs.attachVolume("E:", store);
    b.fs.attachVolume("E:", store);
    b.fs.setVolumeAccess("E:", "none");
    a.fs.writeFile("E:\\spool.dat", Buffer.from("job"));
    a.fs.setVolumeAccess("E:", "none");
    b.fs.setVolumeAccess("E:", "rw");
    assert.equal(b.fs.readFile("E:\\spool.dat").toString(), "job");
  });

  it("runs the seed's NIC batch files: netsh disables and enables the named interface", () => {
    const n = SimNode.fresh("server02", "windows");
    n.fs.mkdir("C:\\clp");
    n.fs.writeFile("C:\\clp\\disable.bat", iconv.encode('netsh interface set interface "ローカル エリア接続 3" disable\r\n', "cp932"));
    assert.equal(n.processes.run("C:\\clp\\disable.bat", {}).exitCode, 0);
    assert.equal(n.nics.get("ローカル エリア接続 3"), false);
    assert.equal(n.processes.run("C:\\clp\\missing.bat", {}).exitCode, 1);
  });

  it("survives a snapshot and restore", () => {
    const n = SimNode.fresh("server01", "windows");
    n.fs.writeFile("C:\\a.txt", Buffer.from("あ"));
    n.registry?.set("HKLM\\SOFTWARE\\X", { name: "v", type: "REG_DWORD", data: 7 });
    const stores = new Map(n.fs.volumes().map((v) => [v.store.id, restoreStore(JSON.parse(JSON.stringify(snapshotStore(v.store))))]));
    const back = SimNode.restore(JSON.parse(JSON.stringify(n.snapshot())), stores);
    assert.equal(back.fs.readFile("C:\\a.txt").toString(), "あ");
    assert.deepEqual(back.registry?.get("HKLM\\SOFTWARE\\X", "V"), { name: "v", type: "REG_DWORD", data: 7 });
    assert.equal(back.services.get("clusterpro")?.state, "running");
  });
});

describe("sim agent executor", () => {
  it("answers each op in order, errors per op, and skips after stopOnError", () => {
    const n = SimNode.fresh("server01", "windows");
    const out = executeOps(
      n,
      [
        { op: "service.setStartup", name: "W32Time", startup: "automatic" },
        { op: "service.start", names: ["W32Time"] },
        { op: "reg.set", key: "HKLM\\SOFTWARE\\NEC\\Test", name: "Path", value: { type: "REG_SZ", data: "E:\\ESMPRO" } },
        { op: "file.write", path: "C:\\x\\y.txt", dataBase64: Buffer.from("a'; del /s").toString("base64"), createParents: true },
        { op: "file.read", path: "C:\\nope.txt", stopOnError: true },
        { op: "facts" },
      ],
      noClp,
    );
    assert.deepEqual(out.map((o) => o.ok), [true, true, true, true, false, false]);
    assert.equal(n.services.get("W32Time")?.state, "running");
    assert.equal(n.fs.readFile("C:\\x\\y.txt").toString(), "a'; del /s");
    assert.deepEqual(out[5], { ok: false, error: { code: "skipped", message: "not run: an earlier operation failed and had stopOnError" } });
    const text = formatAgentOutput(out, "\n");
    assert.match(text, /^@@clp-agent-begin@@ 1\n\{"i":0,"ok":true/);
    assert.match(text, /@@clp-agent-end@@\n$/);
  });

  it("edits the hosts file in place and refuses Windows-only ops on Linux", () => {
    const n = SimNode.fresh("node1", "linux");
    const [set] = executeOps(n, [{ op: "hosts.set", entries: [{ address: "192.168.1.13", hostnames: ["PrinterServer"] }] }], noClp);
    assert.deepEqual(set, { ok: true, value: { changed: true } });
    assert.match(n.fs.readFile("/etc/hosts").toString(), /\n192\.168\.1\.13\tPrinterServer\n$/);
    const [again] = executeOps(n, [{ op: "hosts.set", entries: [{ address: "192.168.1.13", hostnames: ["PrinterServer"] }] }], noClp);
    assert.deepEqual(again, { ok: true, value: { changed: false } });
    const [reg] = executeOps(n, [{ op: "reg.query", key: "HKLM\\SOFTWARE" }], noClp);
    assert.equal(reg.ok ? "" : reg.error.code, "unsupported");
  });
});
