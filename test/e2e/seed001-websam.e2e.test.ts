// Seed 001 part 3 end to end: a two-node Windows cluster whose failover group (floating IP, virtual computer name,
// mirror disk) runs the legacy ESMPRO/ServerManager and WebSAM/Netvisor, which share ESMPRO/BASE's "ESM Base Service"
// (Nvbase), on a lab where both are freshly installed. It converges; clp.conf holds one Nvbase service resource (the
// head of the group's chain); the work directory moved once, with both products' data; the base's values written once;
// the group starts Nvbase first and, moved to the other server, stops it last, as the lab's event log shows. Then
// NetvisorPro alone in a group of its own: it declares the base itself, its databases are attached (-pre) before its
// services start and detached (-post) before its printed stop order (-stop) runs.
import { strict as assert } from "node:assert";
import { renderProduct } from "../../provider/products";
import { serviceResourceName } from "../../provider/products/applier";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import { productGroupProgram, resourceEvents } from "../support/product-group-program";
import type { PulumiProject } from "../support/pulumi-project";

/**
 * clp.conf pushes of the converging up: one. The installs' group is new in the run: the cluster's Apply pushes
 * everything once and holds the group, starts only its disk for the installs' steps, then starts the group.
 */
const EXPECTED_PUSHES = 1;

const PASSWORD = "Lab-websam-Pa55";
const SM = { virtualComputerName: "VCOM01", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false };
const NETVISOR = { esmproUserGroups: [] as string[] };

const PROGRAM = productGroupProgram({
  cluster: { resource: "nv", name: "NV" },
  group: { resource: "esmgroup", name: "ESMPRO" },
  address: "192.168.10.50",
  computerName: "VCOM01",
  installs: [
    `new clusterpro.ProductInstall("sm", { group, product: "esmpro-servermanager", version: "legacy", sharedFolder: "E:\\\\ESMPRO", settings: ${JSON.stringify(SM)} });`,
    `new clusterpro.ProductInstall("nv", { group, product: "websam-netvisor", sharedFolder: "E:\\\\ESMPRO", settings: ${JSON.stringify(NETVISOR)} });`,
  ],
});

describe("e2e: seed 001 part 3, ServerManager (legacy) + Netvisor in one group, one shared ESM Base Service", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const smPlan = renderProduct("esmpro-servermanager@legacy", SM, "E:\\ESMPRO");
  const nvPlan = renderProduct("websam-netvisor", NETVISOR, "E:\\ESMPRO");
  const smServices = smPlan.startOrder;
  /** Netvisor's own services: those ServerManager's chain does not already bring (Nvbase, ESM Alert, Command, …). */
  const nvServices = nvPlan.startOrder.filter((s) => !smServices.includes(s));
  const services = [...smServices, ...nvServices];
  const resources = services.map(serviceResourceName);

  before(async () => {
    assert.equal(smServices[0], "Nvbase");
    assert.ok(nvPlan.startOrder.includes("Nvbase") && !nvServices.includes("Nvbase"));
    stack = await startLabStack({ project: "seed001websam", program: PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: ["esmpro-servermanager@legacy", "websam-netvisor"] });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges with one push: services Manual, one Nvbase resource heading the chain, the work directory moved once with both products' data, the base's values written once", async () => {
    const pushes = lab.cluster.pushes();
    const seq = lab.cluster.events().length;
    await project.run(["up"]);
    console.log(`      clp.conf pushes for the converging up: ${lab.cluster.pushes() - pushes}`);
    assert.equal(lab.cluster.pushes() - pushes, EXPECTED_PUSHES);
    const active = lab.node("server01");
    const standby = lab.node("server02");
    for (const n of [active, standby]) for (const s of services) assert.equal(n.services.get(s)?.startup, "manual", `${n.name}: ${s} Manual`);
    const conf = lab.cluster.conf("server01")?.toString("latin1") ?? "";
    assert.equal((conf.match(/<service name="Nvbase">/g) ?? []).length, 1, "one Nvbase service resource");
    assert.ok(!/<regsync name="nv-regsync">/.test(conf), "NVBASE and Services\\Nvbase are synchronised once, by ServerManager");
    assert.match(conf, /<regsync name="sm-regsync">/);
    const work = active.fs.list("E:\\ESMPRO\\Nvwork");
    assert.ok(work.includes("installed-by-esmpro-servermanager@legacy.txt") && work.includes("installed-by-websam-netvisor.txt"), `one work directory with both products' data: ${work.join(", ")}`);
    assert.equal(standby.fs.exists("C:\\Program Files\\Esmpro\\Nvwork"), false, "the standby's local work directory is gone");
    for (const n of [active, standby]) {
      assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "WorkDir")?.data, "E:\\ESMPRO\\Nvwork");
      // Written once, by the install that declares the base (ServerManager prints \Alert, Netvisor \alert).
      assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", "AlertPath")?.data, "E:\\ESMPRO\\Nvwork\\Alert");
    }
    assert.match(lab.cluster.statusText(), /ESMPRO[ .]*: Online\s*\r?\n\s+current +: server01/);
    for (const s of services) assert.equal(active.services.get(s)?.state, "running", `${s} runs on the active server`);
    // On a new cluster the cluster start runs the group once before the installs' steps (their services stopped and
    // Manual by then); the group's start after the steps is the last one.
    const lastStart = lab.cluster.events().map((e, i) => ({ e, i })).filter(({ e, i }) => i >= seq && e.message === "Activating group ESMPRO has started.").pop();
    const started = resourceEvents(lab, lastStart?.i ?? seq, "Activating").filter((r) => resources.includes(r));
    assert.deepEqual(started, resources, "the documented start order: ESM Base Service first, then ServerManager's, then Netvisor's");
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("moved to server02: Netvisor's stop script first, ESM Base Service stopped last on server01, started first on server02", async () => {
    const seq = lab.cluster.events().length;
    const moved = lab.runClp("server01", ["clpgrp", "-m", "ESMPRO", "-a", "server02"]);
    assert.equal(moved.exitCode, 0, moved.stderr);
    const stopped = resourceEvents(lab, seq, "Stopping").filter((r) => resources.includes(r) || r === "nv-stop");
    assert.equal(stopped[0], "nv-stop", `Netvisor's documented stop order runs first: ${stopped.join(", ")}`);
    assert.equal(stopped.at(-1), "Nvbase", `ESM Base Service stops last: ${stopped.join(", ")}`);
    assert.deepEqual(stopped.slice(1), [...resources].reverse());
    const started = resourceEvents(lab, seq, "Activating").filter((r) => resources.includes(r));
    assert.deepEqual(started, resources);
    const node = lab.node("server02");
    for (const s of services) assert.equal(node.services.get(s)?.state, "running", `${s} runs on server02`);
    assert.ok(node.fs.list("E:\\ESMPRO\\Nvwork").includes("installed-by-websam-netvisor.txt"), "the mirrored work data is on server02");
  });

  it("fails over back to server01 in the same order", async () => {
    const seq = lab.cluster.events().length;
    await lab.fail("server02");
    assert.match(lab.cluster.statusText(), /ESMPRO[ .]*: Online\s*\r?\n\s+current +: server01/);
    assert.deepEqual(resourceEvents(lab, seq, "Activating").filter((r) => resources.includes(r)), resources);
  });
});

const NVPRO = { databaseDirectory: "E:\\nvpro", esmproUserGroups: [] as string[] };

describe("e2e: seed 001 part 3, NetvisorPro alone in its group: it declares the ESM Base Service, its databases' scripts around its services", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const plan = renderProduct("websam-netvisorpro", NVPRO, "E:\\ESMPRO");
  const resources = plan.startOrder.map(serviceResourceName);
  const program = productGroupProgram({
    cluster: { resource: "nvpro", name: "NVPRO" },
    group: { resource: "nvprogroup", name: "NVPRO" },
    address: "192.168.10.70",
    computerName: "VCOM01",
    installs: [`new clusterpro.ProductInstall("nvpro", { group, product: "websam-netvisorpro", sharedFolder: "E:\\\\ESMPRO", settings: ${JSON.stringify(NVPRO)} });`],
  });

  before(async () => {
    assert.equal(plan.startOrder[0], "Nvbase");
    stack = await startLabStack({ project: "seed001nvpro", program, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: ["websam-netvisorpro"] });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges with one push: its services Manual and running on server01 in the printed start order, Nvwork moved, the four NVBASE values, the DB attach script before the services", async () => {
    const pushes = lab.cluster.pushes();
    const seq = lab.cluster.events().length;
    await project.run(["up"]);
    assert.equal(lab.cluster.pushes() - pushes, EXPECTED_PUSHES);
    const active = lab.node("server01");
    for (const n of [active, lab.node("server02")]) {
      for (const s of plan.startOrder) assert.equal(n.services.get(s)?.startup, "manual", `${n.name}: ${s} Manual`);
      for (const [name, data] of [["WorkDir", "E:\\ESMPRO\\Nvwork"], ["DiosaFilter", "E:\\ESMPRO\\Nvwork\\Alert\\filter\\odiosasg"], ["GeneralFilter", "E:\\ESMPRO\\Nvwork\\Alert\\filter\\genericsg"]])
        assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", name)?.data, data, `${n.name}: ${name}`);
      assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\AlertViewer", "AlertPath")?.data, "E:\\ESMPRO\\Nvwork\\alert", `${n.name}: AlertPath`);
    }
    assert.ok(active.fs.list("E:\\ESMPRO\\Nvwork").includes("installed-by-websam-netvisorpro.txt"), "the work directory moved to the shared disk");
    for (const s of plan.startOrder) assert.equal(active.services.get(s)?.state, "running", `${s} runs on the active server`);
    const conf = lab.cluster.conf("server01")?.toString("latin1") ?? "";
    assert.equal((conf.match(/<service name="Nvbase">/g) ?? []).length, 1, "it declares the base itself");
    const lastStart = lab.cluster.events().map((e, i) => ({ e, i })).filter(({ e, i }) => i >= seq && e.message === "Activating group NVPRO has started.").pop();
    const started = resourceEvents(lab, lastStart?.i ?? seq, "Activating");
    assert.deepEqual(started.filter((r) => resources.includes(r)), resources, "the printed start order");
    assert.ok(started.indexOf("nvpro-pre") >= 0 && started.indexOf("nvpro-pre") < started.indexOf(serviceResourceName("nvtpbase")), `the databases are attached before NetvisorPro's own services: ${started.join(", ")}`);
  });

  it("moved to server02: the databases detached (-post) and the printed stop order (-stop) before the chain, ESM Base Service last", async () => {
    const seq = lab.cluster.events().length;
    const moved = lab.runClp("server01", ["clpgrp", "-m", "NVPRO", "-a", "server02"]);
    assert.equal(moved.exitCode, 0, moved.stderr);
    const stopped = resourceEvents(lab, seq, "Stopping");
    assert.deepEqual(stopped.slice(0, 2), ["nvpro-post", "nvpro-stop"], stopped.join(", "));
    assert.equal(stopped.filter((r) => resources.includes(r)).at(-1), "Nvbase");
    for (const s of plan.startOrder) assert.equal(lab.node("server02").services.get(s)?.state, "running", `${s} runs on server02`);
  });
});
