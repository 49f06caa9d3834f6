// The generic applier's per-node steps, run against a simulated node through the lab's own executor (the same
// path a lab `up` takes, without the engine): the safety rules of issue "Data loss and wrong apply (product installs)".
import { strict as assert } from "node:assert";
import { checkNode, nodeDrift, nodeEnv, nodeFacts, productObjects, quiesceOps, readOps, writeOps, type NodeRole } from "../../../provider/products/applier";
import { renderProduct, type ProductPlan } from "../../../provider/products/render";
import { validateOps, type AgentOpInput, type AgentResult } from "../../../provider/remote/agent/protocol";
import { parseAgentOutput, toWireOp } from "../../../provider/remote/agent/wire";
import { executeOps, formatAgentOutput } from "../../../sim/agent/executor";
import { SimNode } from "../../../sim/node/node";
import { layDownProduct } from "../../../sim/products";

function runOnLab(node: SimNode, input: AgentOpInput[]): AgentResult[] {
  const ops = validateOps(input);
  return parseAgentOutput(formatAgentOutput(executeOps(node, ops.map(toWireOp), () => ({ exitCode: 1, stdout: "", stderr: "" })), "\n"), ops);
}

/** The node's facts, then the plan's read batch, as ProductInstall reads a node (two round trips). */
function readNode(node: SimNode, plan: ProductPlan) {
  const [factsResult] = runOnLab(node, [{ op: "facts" }]);
  return nodeFacts(plan, factsResult, runOnLab(node, readOps(plan, nodeEnv(factsResult))));
}

/** One node's read + checks + writes, as ProductInstall runs them; throws like it on a problem or a failed op. */
function converge(node: SimNode, plan: ProductPlan, role: NodeRole = "active") {
  const facts = readNode(node, plan);
  const report = checkNode(plan, role, facts);
  if (report.problems.length > 0) throw new Error(report.problems.join("; "));
  const ops = writeOps(plan, role, facts);
  const results = runOnLab(node, ops);
  const failed = results.findIndex((r) => !r.ok);
  if (failed >= 0) {
    const r = results[failed];
    throw new Error(`${ops[failed].op}: ${r.ok ? "" : `${r.error.code}: ${r.error.message}`}`);
  }
  return { facts, report, ops };
}

const PVM_BIN = "C:\\Program Files\\NEC\\PVM\\bin";
/** A 32-bit program: Program Files (x86) on x64 (catalog: deploymentmanager.installFolder). */
const DPM = "C:\\Program Files (x86)\\NEC\\DeploymentManager";

describe("applier: shared-disk placements never destroy shared data", () => {
  it("systemprovisioning: each DPM list is copied INTO the shared folder by name; a co-located NVWORK survives", () => {
    const plan = renderProduct("systemprovisioning", {}, "E:\\SSC");
    assert.deepEqual(
      plan.sharedDiskPlacements.map((p) => p.target),
      ["E:\\SSC\\DpmWebSvLst.txt", "E:\\SSC\\HPUX_DpmSvLst.txt"],
    );
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "systemprovisioning");
    node.fs.mkdir("E:\\SSC\\NVWORK");
    node.fs.writeFile("E:\\SSC\\NVWORK\\keep.dat", Buffer.from("ESMPRO work data"));
    converge(node, plan);
    assert.equal(node.fs.readFile("E:\\SSC\\NVWORK\\keep.dat").toString(), "ESMPRO work data");
    assert.equal(node.fs.readFile("E:\\SSC\\DpmWebSvLst.txt").toString(), node.fs.readFile(`${PVM_BIN}\\DpmWebSvLst.txt`).toString());
    assert.ok(node.fs.stat("E:\\SSC\\HPUX_DpmSvLst.txt")?.type === "file");
  });

  it("no product places anything onto its shared folder itself", () => {
    for (const [id, settings] of [["systemprovisioning", {}], ["deploymentmanager", { backupImageFolder: "D:\\img" }], ["esmpro-servermanager", { virtualComputerName: "E", dmiAlerts: false, trapForwarding: false }]] as const) {
      const plan = renderProduct(id, settings as never, "E:\\SSC");
      for (const p of plan.sharedDiskPlacements) assert.notEqual(p.target.toLowerCase(), "e:\\ssc", `${id}: ${p.source}`);
    }
  });

  it("deploymentmanager: a second run (or a run after a failover) keeps the shared Datafile/PXE and reports it", () => {
    const plan = renderProduct("deploymentmanager", {}, "E:\\DPM");
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "deploymentmanager");
    const first = converge(node, plan);
    assert.ok(first.ops.some((o) => o.op === "file.copy" && o.to === "E:\\DPM\\Datafile" && o.overwrite === false), "the first run copies, without overwrite");
    // The product runs from the shared disk now; the node's local copy goes stale.
    node.fs.writeFile("E:\\DPM\\Datafile\\live.dat", Buffer.from("LIVE"));
    const local = node.fs.list(`${DPM}\\Datafile`)[0];
    node.fs.writeFile(`${DPM}\\Datafile\\${local}`, Buffer.from("STALE"));
    const second = converge(node, plan);
    assert.equal(node.fs.readFile("E:\\DPM\\Datafile\\live.dat").toString(), "LIVE");
    assert.notEqual(node.fs.readFile(`E:\\DPM\\Datafile\\${local}`).toString(), "STALE");
    assert.deepEqual(second.ops.filter((o) => o.op === "file.copy" || o.op === "file.move" || o.op === "file.delete"), []);
    assert.ok(second.report.notes.some((n) => n.message.includes("E:\\DPM\\Datafile") && /kept/i.test(n.message)), JSON.stringify(second.report.notes));
  });

  it("a shared target of the wrong kind is a problem naming it, and nothing is written", () => {
    const plan = renderProduct("deploymentmanager", {}, "E:\\DPM");
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "deploymentmanager");
    node.fs.mkdir("E:\\DPM");
    node.fs.writeFile("E:\\DPM\\PXE", Buffer.from("a file where the PXE folder goes"));
    const facts = readNode(node, plan);
    const { problems } = checkNode(plan, "active", facts);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /E:\\DPM\\PXE/);
  });
});

describe("applier: property edits (DeploymentManager (HP-UX) opc.properties)", () => {
  const OPC = "E:\\dpm_hpux\\dpm\\0000\\conf\\opc.properties";
  const plan = renderProduct("deploymentmanager-hpux", { managementServerName: "dpm_cluster" }, "E:\\dpm_hpux");
  const fresh = (content?: string) => {
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "deploymentmanager-hpux");
    node.fs.mkdir("E:\\dpm_hpux\\dpm\\0000\\conf");
    if (content !== undefined) node.fs.writeFile(OPC, Buffer.from(content, "latin1"));
    return node;
  };

  it("adds opc.0001.hostname to the machine entry on the active node, once", () => {
    const node = fresh("# machines\r\nopc.0001.ipaddress=10.0.0.5\r\nopc.0001.name=mgr\r\nopc.0002.name=other\r\n");
    converge(node, plan);
    assert.equal(node.fs.readFile(OPC).toString("latin1"), "# machines\r\nopc.0001.ipaddress=10.0.0.5\r\nopc.0001.name=mgr\r\nopc.0001.hostname=dpm_cluster\r\nopc.0002.name=other\r\n");
    const again = converge(node, plan);
    assert.deepEqual(again.ops.filter((o) => o.op === "file.write"), [], "already set: nothing written");
  });

  it("replaces a different value (and a later duplicate that would win), keeps LF line ends", () => {
    const node = fresh("opc.0001.hostname=old\nopc.0001.name=mgr\nopc.0001.hostname = older\n");
    converge(node, plan);
    assert.equal(node.fs.readFile(OPC).toString("latin1"), "opc.0001.hostname=dpm_cluster\nopc.0001.name=mgr\n");
  });

  it("is not done on the standby; a missing file on the active node is a problem naming it", () => {
    const standby = fresh("opc.0001.name=mgr\r\n");
    converge(standby, plan, "standby");
    assert.equal(standby.fs.readFile(OPC).toString("latin1"), "opc.0001.name=mgr\r\n");
    const node = fresh();
    const { problems } = checkNode(plan, "active", readNode(node, plan));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /opc\.properties/);
  });
});

describe("applier: services and Windows Time", () => {
  it("ESMPRO/SM: Dmi Event Watcher and Trap Redirection are set to Manual even when unused (seed 003 §2.2.1), not ordered or monitored", () => {
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, "E:\\ESMPRO");
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "esmpro-servermanager");
    converge(node, plan);
    for (const s of ["DmiEventWatcher", "EsmTrapRedirection", "Nvbase", "ESMDSVNT"]) assert.equal(node.services.get(s)?.startup, "manual", s);
    assert.ok(!plan.startOrder.includes("DmiEventWatcher") && !plan.monitoredServices.includes("EsmTrapRedirection"));
    const objects = productObjects(plan, "esmpro", "g");
    assert.ok(!objects.resources.some((r) => /Dmi|Trap/.test(r.name)));
  });

  it("ESMPRO/SM: an unused optional service that is not installed is skipped, not an error", () => {
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, "E:\\ESMPRO");
    const facts = nodeFacts(plan, undefined, [{ op: "service.query", ok: true, value: { services: [{ name: "DmiEventWatcher", exists: false }] } }] as AgentResult[]);
    const ops = writeOps(plan, "active", facts);
    assert.ok(!ops.some((o) => o.op === "service.setStartup" && o.name === "DmiEventWatcher"));
  });

  it("ESMPRO/SM: the CLUSTERPRO ESMPRO/SM cooperator is addressed by its service name (a setting), never its display name", () => {
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true, clusterproEsmCooperation: true, clusterproEsmCooperatorServiceName: "clpesmsm" }, "E:\\ESMPRO");
    assert.equal(plan.startOrder.at(-1), "clpesmsm");
    assert.equal(plan.stopOrder[0], "clpesmsm");
    const ops = writeOps(plan, "active", nodeFacts(plan, undefined, []));
    assert.doesNotThrow(() => validateOps(ops), "every service name is one the agent protocol accepts");
    assert.ok(!JSON.stringify(ops).includes("ESMPRO/SM cooperator"));
    assert.throws(() => renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true, clusterproEsmCooperation: true }, "E:\\ESMPRO"), /clusterproEsmCooperatorServiceName/);
  });

  it("Windows Time: the NTP source is written as w32tm /config /manualpeerlist /syncfromflags:manual does, then applied (service restarted)", () => {
    const plan = renderProduct("printport-acos4", { windowsServer: "2008-or-later", printerLanConnectionName: "LAN2", controlFilesFolder: "C:\\clp", ntpServer: "ntp.example.jp" });
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "printport-acos4");
    node.services.setStartup("W32Time", "automatic");
    node.services.start("W32Time");
    const { ops, report } = converge(node, plan);
    const PARAMS = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters";
    assert.equal(node.registry?.get(PARAMS, "NtpServer")?.data, "ntp.example.jp,0x9");
    assert.equal(node.registry?.get(PARAMS, "Type")?.data, "NTP");
    const at = (pred: (o: AgentOpInput) => boolean) => ops.findIndex(pred);
    const lastReg = Math.max(at((o) => o.op === "reg.set" && o.name === "NtpServer"), at((o) => o.op === "reg.set" && o.name === "Type"));
    const stop = at((o) => o.op === "service.stop" && o.names.includes("W32Time"));
    const start = at((o) => o.op === "service.start" && o.names.includes("W32Time"));
    assert.ok(lastReg >= 0 && stop > lastReg && start > stop, "registry first, then a restart so the running service reads it (the /update)");
    assert.equal(node.services.get("W32Time")?.state, "running");
    assert.deepEqual(report.notes, []);
  });

  it("Windows Time on a domain member: Type=NTP is not forced, and a warning says so", () => {
    const plan = renderProduct("printport-acos4", { windowsServer: "2008-or-later", printerLanConnectionName: "LAN2", controlFilesFolder: "C:\\clp", ntpServer: "ntp.example.jp" });
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "printport-acos4");
    node.domain = "LAB.EXAMPLE";
    const { ops, report } = converge(node, plan);
    assert.ok(!ops.some((o) => o.op === "reg.set" && o.name === "Type"));
    assert.equal(node.registry?.get("HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", "NtpServer")?.data, "ntp.example.jp,0x9");
    assert.ok(report.notes.some((n) => n.severity === "warning" && n.message.includes("LAB.EXAMPLE") && n.message.includes("Type")), JSON.stringify(report.notes));
  });

  it("facts: the lab reports domain membership (Windows), none on Linux", () => {
    const w = SimNode.fresh("server01", "windows");
    const [before] = runOnLab(w, [{ op: "facts" }]);
    assert.deepEqual(before.ok && before.op === "facts" ? before.value.domain : undefined, { member: false, name: null });
    w.domain = "LAB";
    const [after] = runOnLab(w, [{ op: "facts" }]);
    assert.deepEqual(after.ok && after.op === "facts" ? after.value.domain : undefined, { member: true, name: "LAB" });
    const [linux] = runOnLab(SimNode.fresh("node1", "linux"), [{ op: "facts" }]);
    assert.equal(linux.ok && linux.op === "facts" ? linux.value.domain : "x", null);
  });
});

describe("applier: the node's own paths and the product's registry view", () => {
  it("deploymentmanager (32-bit): the relocated values are read and written in the 32-bit view (WOW6432Node), the 64-bit key is not touched", () => {
    const plan = renderProduct("deploymentmanager", {}, "E:\\DPM");
    assert.equal(plan.registryView, "32");
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "deploymentmanager");
    // The product's own value, where a 32-bit DeploymentManager keeps it on x64.
    node.registry?.set("HKLM\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager", { name: "DataFileDir", type: "REG_SZ", data: `${DPM}\\Datafile` });
    const { ops } = converge(node, plan);
    assert.ok(ops.filter((o) => o.op.startsWith("reg.")).every((o) => (o as { view?: string }).view === "32"), "every registry op in the product's view");
    assert.equal(node.registry?.get("HKLM\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager", "DataFileDir")?.data, "E:\\DPM\\Datafile");
    assert.equal(node.registry?.keyExists("HKLM\\SOFTWARE\\NEC\\DeploymentManager"), false, "nothing written in the 64-bit view");
  });

  it("expands %ProgramFiles% with the node's own folder (Program Files on D:), from its facts", () => {
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, "E:\\ESMPRO");
    const node = SimNode.fresh("server01", "windows");
    node.windowsEnv = { ...node.windowsEnv, ProgramFiles: "D:\\Program Files", ProgramW6432: "D:\\Program Files" };
    if (!node.fs.volumes().some((v) => v.volume.toUpperCase() === "D:")) node.fs.addVolume("D:");
    layDownProduct(node, "esmpro-servermanager");
    assert.ok(node.fs.exists("D:\\Program Files\\NEC\\SMM\\NVWORK"), "the lab installed it below the node's Program Files");
    const { ops } = converge(node, plan);
    assert.ok(ops.some((o) => o.op === "file.move" && o.from === "D:\\Program Files\\NEC\\SMM\\NVWORK" && o.to === "E:\\ESMPRO\\NVWORK"), JSON.stringify(ops.filter((o) => o.op === "file.move")));
    assert.equal(node.fs.exists("D:\\Program Files\\NEC\\SMM\\NVWORK"), false);
  });

  it("installFolder overrides the catalog's folder: the moved work folder and the standby deletion follow it", () => {
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, "E:\\ESMPRO", "C:\\NEC\\SMM");
    assert.equal(plan.sharedDiskPlacements[0].source, "C:\\NEC\\SMM\\NVWORK");
    assert.deepEqual(plan.standbyDeletions, [{ kind: "folder", path: "C:\\NEC\\SMM\\NVWORK" }]);
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "esmpro-servermanager");
    node.fs.mkdir("C:\\NEC\\SMM\\NVWORK");
    node.fs.writeFile("C:\\NEC\\SMM\\NVWORK\\data.dat", Buffer.from("work"));
    converge(node, plan);
    assert.equal(node.fs.readFile("E:\\ESMPRO\\NVWORK\\data.dat").toString(), "work");
    assert.ok(node.fs.exists("C:\\Program Files\\NEC\\SMM\\NVWORK"), "the catalog's default folder is not touched");
  });

  it("a %VAR% the node does not report is a problem naming the path, before anything is written", () => {
    const plan = renderProduct("esmpro-servermanager", { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false }, "E:\\ESMPRO");
    const facts = nodeFacts(plan, { op: "facts", ok: true, value: { hostname: "x", os: { family: "windows", name: "w", version: "10" }, clusterpro: { installed: true, version: null, installPath: null }, env: {} } } as AgentResult, []);
    const report = checkNode(plan, "active", facts);
    assert.equal(report.problems.length, 1, report.problems.join("\n"));
    assert.match(report.problems[0], /%ProgramFiles%\\NEC\\SMM\\NVWORK: %ProgramFiles% is not defined on the node/);
  });
});

describe("applier: refresh reads the node state (nodeDrift)", () => {
  const settings = { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: false };
  const plan = renderProduct("esmpro-servermanager", settings, "E:\\ESMPRO");

  it("a converged node has no drift; a fresh one lists the startup types, the registry values and the work folder", () => {
    const fresh = SimNode.fresh("server01", "windows");
    layDownProduct(fresh, "esmpro-servermanager");
    const before = nodeDrift(plan, "active", readNode(fresh, plan));
    assert.ok(before.includes("service Nvbase startup automatic (want manual)"), before.join("\n"));
    assert.ok(before.some((d) => /NVBASE\\WorkDir is "C:\\\\Program Files\\\\NEC\\\\SMM\\\\NVWORK"/.test(d)), before.join("\n"));
    assert.ok(before.includes("E:\\ESMPRO\\NVWORK is missing on the shared disk"), before.join("\n"));
    converge(fresh, plan);
    assert.deepEqual(nodeDrift(plan, "active", readNode(fresh, plan)), []);
  });

  it("a startup type set back to Automatic, a registry value changed by hand and a re-created local copy are drift", () => {
    const active = SimNode.fresh("server01", "windows");
    layDownProduct(active, "esmpro-servermanager");
    converge(active, plan);
    active.services.setStartup("ESMDSVNT", "automatic");
    active.registry?.set("HKLM\\SOFTWARE\\NEC\\NVBASE", { name: "WorkDir", type: "REG_SZ", data: "C:\\elsewhere" });
    assert.deepEqual(nodeDrift(plan, "active", readNode(active, plan)), ["service ESMDSVNT startup automatic (want manual)", 'HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\WorkDir is "C:\\\\elsewhere" (want "E:\\\\ESMPRO\\\\NVWORK")']);
    const standby = SimNode.fresh("server02", "windows");
    layDownProduct(standby, "esmpro-servermanager");
    converge(standby, plan, "standby");
    assert.deepEqual(nodeDrift(plan, "standby", readNode(standby, plan)), []);
    standby.fs.mkdir("C:\\Program Files\\NEC\\SMM\\NVWORK");
    assert.deepEqual(nodeDrift(plan, "standby", readNode(standby, plan)), ["C:\\Program Files\\NEC\\SMM\\NVWORK is on the standby again (it lives on the shared disk)"]);
  });

  it("deploymentmanager: a registry value in the 32-bit view is compared there (a value only in the 64-bit view does not count)", () => {
    const dpm = renderProduct("deploymentmanager", {}, "E:\\DPM");
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "deploymentmanager");
    node.registry?.set("HKLM\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager", { name: "DataFileDir", type: "REG_SZ", data: `${DPM}\\Datafile` });
    converge(node, dpm);
    assert.deepEqual(nodeDrift(dpm, "active", readNode(node, dpm)), []);
    node.registry?.set("HKLM\\SOFTWARE\\WOW6432Node\\NEC\\DeploymentManager", { name: "DataFileDir", type: "REG_SZ", data: `${DPM}\\Datafile` });
    node.registry?.set("HKLM\\SOFTWARE\\NEC\\DeploymentManager", { name: "DataFileDir", type: "REG_SZ", data: "E:\\DPM\\Datafile" });
    assert.deepEqual(nodeDrift(dpm, "active", readNode(node, dpm)), [`HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\DeploymentManager\\DataFileDir (32-bit view) still points at ${DPM}\\Datafile (not on the shared disk)`]);
  });
});

describe("applier: an update while the group runs the services", () => {
  it("does not stop them on the active node (a monitor would fail the group over); a standby still stops them", () => {
    const plan = renderProduct("systemprovisioning", {}, "E:\\SSC");
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "systemprovisioning");
    const facts = readNode(node, plan);
    assert.ok(writeOps(plan, "active", facts).some((o) => o.op === "service.stop"), "the first conversion stops them (seed 003: configure with services stopped)");
    const update = writeOps(plan, "active", facts, true);
    assert.ok(!update.some((o) => o.op === "service.stop"), JSON.stringify(update.filter((o) => o.op === "service.stop")));
    assert.ok(update.some((o) => o.op === "service.setStartup" && o.name === "PVMService" && o.startup === "manual"));
    assert.ok(writeOps(plan, "standby", facts, true).some((o) => o.op === "service.stop"));
  });
});

describe("applier: before the push that brings an install's new group (quiesceOps)", () => {
  const printport = () => renderProduct("printport-acos4", { windowsServer: "2008-or-later", controlFilesFolder: "C:\\clp", printerLanConnectionName: "LAN 3", ntpServer: "ntp.example.jp" } as never, "E:\\PP");

  it("stops the group's services in the documented order and sets them Manual; writes only the nodes' own files", () => {
    const plan = printport();
    const node = SimNode.fresh("server01", "windows");
    layDownProduct(node, "printport-acos4");
    assert.deepEqual([node.services.get("PrintPort_SPL")?.startup, node.services.get("PrintPort_SPL")?.state], ["automatic", "running"]);
    const facts = runOnLab(node, [{ op: "facts" }]);
    const ops = quiesceOps(plan, nodeEnv(facts[0]));
    const results = runOnLab(node, ops);
    assert.ok(results.every((r) => r.ok), JSON.stringify(results));
    assert.deepEqual([node.services.get("PrintPort_SPL")?.startup, node.services.get("PrintPort_SPL")?.state], ["manual", "stopped"]);
    assert.equal(node.fs.exists("C:\\clp\\disable.bat"), true, "the NIC group's batch file is there before any group runs it");
    // Nothing that needs the group's disk, and nothing of the node-level services (Windows Time) or the registry.
    assert.deepEqual([...new Set(ops.map((o) => o.op))].sort(), ["file.write", "service.setStartup", "service.stop"]);
    assert.ok(ops.every((o) => !("path" in o) || !String(o.path).startsWith("E:")));
    assert.ok(!ops.some((o) => o.op === "service.setStartup" && o.name === "W32Time"));
  });

  it("keeps the documented stop order, and leaves a file whose path the node cannot expand to the full steps (their check refuses it)", () => {
    const ssc = renderProduct("systemprovisioning", {}, "E:\\SSC");
    const stop = quiesceOps(ssc, {}).find((o) => o.op === "service.stop");
    assert.deepEqual(stop && stop.op === "service.stop" ? stop.names : [], ssc.stopOrder.filter((s) => ssc.services.some((x) => x.serviceName === s && x.control === "group") || ssc.databases.some((d) => d.serviceName === s)));
    const withVar = { ...printport(), files: [{ path: "%NoSuchVar%\\x.bat", content: "x", on: "all-nodes" as const }] } as ProductPlan;
    assert.ok(!quiesceOps(withVar, {}).some((o) => o.op === "file.write"));
  });
});

describe("applier: a product with no service of its own (seed 001 part 2)", () => {
  it("AppManager 4.x and ESMPRO/AC: the read asks for no service (an empty service.query is refused by the agent), the writes touch none, validateOps accepts both", () => {
    for (const plan of [renderProduct("esmpro-appmanager@4", { appManagerVersion: "4.0", clusterproVersion: "7.0", role: "repository-and-management-server" }), renderProduct("esmpro-ac-iups", { clusterShutdownTimeoutMinutes: 2, sharedDisk: true, upsModels: ["N8580-27"] })]) {
      const reads = readOps(plan, {});
      assert.ok(!reads.some((o) => o.op === "service.query"), plan.product);
      assert.doesNotThrow(() => validateOps(reads), plan.product);
      const writes = writeOps(plan, "active", nodeFacts(plan, undefined, []));
      assert.ok(!writes.some((o) => o.op.startsWith("service.")), plan.product);
      assert.deepEqual(nodeDrift(plan, "active", nodeFacts(plan, undefined, [])), [], plan.product);
    }
  });
});
