// Seed 003 end to end: one management-server group with a floating IP, a mirror disk, and
// ESMPRO/ServerManager, DeploymentManager, SystemProvisioning and SystemMonitor installed on a
// lab where all four are freshly installed. Checks the node-level facts on both servers and the
// clp.conf objects: service resources chained in the documented start order, monitors, regsync.
import { strict as assert } from "node:assert";
import { parseClpConf, readModel, type RegsyncResource, type ServiceResource } from "../../provider/clusterpro";
import { renderProduct } from "../../provider/products";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";
import { SEED003_INSTALLS as INSTALLS, SEED003_PROGRAM as PROGRAM } from "../support/seed003";

const PASSWORD = "Lab-ssc-Pa55";
describe("e2e: seed 003, the SigmaSystemCenter management server", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const plans = INSTALLS.map((i) => renderProduct(i.product, i.settings as never, "sharedFolder" in i ? i.sharedFolder : undefined));

  before(async () => {
    stack = await startLabStack({ project: "ssc", program: PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: INSTALLS.map((i) => i.product) });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges: work data on the shared disk, the standby's copy gone, registry on both servers", async () => {
    await project.run(["up"]);
    const active = lab.node("server01");
    const standby = lab.node("server02");
    const esmpro = plans[0];
    for (const p of esmpro.sharedDiskPlacements) {
      assert.ok(active.fs.exists(p.target), `${p.target} on the shared disk`);
      assert.ok(active.fs.list(p.target).some((f) => f.startsWith("installed-by-")), `${p.target} holds the moved data`);
    }
    for (const d of esmpro.standbyDeletions) assert.equal(standby.fs.exists(d.path.replace("%ProgramFiles%", "C:\\Program Files")), false, `${d.path} deleted on the standby`);
    const nvisord = esmpro.files.find((f) => /nvisord\.cf$/i.test(f.path));
    assert.ok(nvisord);
    assert.equal(active.fs.readFile(nvisord.path).toString("latin1"), 'CommunityName:"mgr_ESMPRO"\r\n');
    for (const w of esmpro.registryWrites.filter((x) => x.data.kind === "value")) {
      for (const n of [active, standby]) assert.equal(n.registry?.get(w.key, w.name)?.data, (w.data as { value: string }).value, `${n.name}: ${w.key}\\${w.name}`);
    }
    for (const a of esmpro.acls) {
      const acl = active.fs.getAcl(a.path).acl;
      for (const e of a.entries) assert.ok(acl.some((x) => x.identity === e.principal && x.rights.includes(e.rights)), `${a.path}: ${e.principal} ${e.rights}`);
    }
    // DeploymentManager's copies and SystemProvisioning's lists: each at its own full path, the shared folder a folder.
    for (const p of [...plans[1].sharedDiskPlacements, ...plans[2].sharedDiskPlacements]) {
      assert.equal(active.fs.stat(p.target)?.type, p.kind === "folder" ? "directory" : "file", `${p.target} is a ${p.kind}`);
    }
    assert.equal(active.fs.stat("E:\\PVM")?.type, "directory", "the SystemProvisioning shared folder stays a folder");
  });

  it("chains the service resources in the documented start order, with monitors and registry sync", () => {
    const m = readModel(parseClpConf(lab.cluster.conf("server01") as Buffer));
    const services = m.resources.filter((r): r is ServiceResource => r.type === "service" && r.group === "ManagementServer");
    // Follow the <depend> chain from the resource that depends on no service.
    const byName = new Map(services.map((s) => [s.name, s]));
    const chain: string[] = [];
    let next = services.find((s) => !Array.isArray(s.dependsOn) || !s.dependsOn.some((d) => byName.has(d)));
    while (next) {
      chain.push(next.serviceName);
      const name = next.name;
      next = services.find((s) => Array.isArray(s.dependsOn) && s.dependsOn.includes(name));
    }
    assert.deepEqual(chain, [...new Set(plans.flatMap((p) => p.startOrder))], "each shared database instance once, where it is first needed");
    const monitored = plans.flatMap((p) => p.monitoredServices);
    for (const svc of monitored) assert.ok(m.monitors.some((x) => x.type === "servicew" && byName.get(x.target ?? "")?.serviceName === svc), `servicew for ${svc}`);
    const regsyncKeys = m.resources.filter((r): r is RegsyncResource => r.type === "regsync").flatMap((r) => r.keys ?? []);
    assert.deepEqual([...regsyncKeys].sort(), plans.flatMap((p) => p.registrySyncKeys).sort());
    assert.match(lab.cluster.statusText(), /ManagementServer[ .]*: Online\s*\r?\n\s+current +: server01/);
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("refresh shows a startup type and a registry value changed on a node; up sets them back", async () => {
    // Someone sets a service back to Automatic on the standby and edits a value on the active node by hand.
    lab.node("server02").services.setStartup("PVMService", "automatic");
    lab.node("server01").registry?.set("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", { name: "WorkDir", type: "REG_SZ", data: "C:\\Program Files\\NEC\\SMM\\NVWORK" });
    await project.run(["refresh"]);
    const state = project.checkpoint("ssc", "lab").resources;
    const esm = state.find((r) => r.urn.endsWith("::esmpro"));
    const pvm = state.find((r) => r.urn.endsWith("::pvm"));
    assert.match(String(esm?.outputs.nodeState), /^drift: server01: HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\WorkDir is "C:/, String(esm?.outputs.nodeState));
    assert.match(String(pvm?.outputs.nodeState), /server02: service PVMService startup automatic \(want manual\)/, String(pvm?.outputs.nodeState));
    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /~ nodeState\s*: "drift: [^"]*PVMService[^"]*" => "converged"/, preview.stdout);
    await project.run(["up"]);
    assert.equal(lab.node("server02").services.get("PVMService")?.startup, "manual");
    assert.equal(lab.node("server01").registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "WorkDir")?.data, "E:\\ESMPRO\\NVWORK");
    await project.run(["refresh"]);
    await project.run(["up", "--expect-no-changes"]);
  });

  it("destroy puts the startup types back and keeps the data on the shared disk", async () => {
    await project.run(["destroy"]);
    const m = readModel(parseClpConf(lab.cluster.conf("server01") as Buffer));
    assert.equal(m.resources.some((r) => r.type === "service"), false);
    const esmproService = plans[0].services.find((s) => s.control === "group")?.serviceName as string;
    assert.equal(lab.node("server02").services.get(esmproService)?.startup, "automatic", "the startup type found before the install");
    const holder = ["server01", "server02"].find((n) => lab.node(n).fs.exists(plans[0].sharedDiskPlacements[0].target));
    assert.ok(holder, "the moved work data is still on the shared disk");
  });
});
