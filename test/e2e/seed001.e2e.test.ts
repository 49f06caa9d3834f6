// Seed 001 part 1 end to end: a two-node Windows cluster whose failover group (floating IP, mirror disk) runs the
// legacy ESMPRO/ServerManager (version "legacy"), ESMPRO/JMSS and ESMPRO/FileTransfer, on a lab where the three are
// freshly installed. It converges (the number of clp.conf pushes is logged), the group starts the services in the
// documented order (ServerManager's ESM Base Service first … then JMSS's share script, JLook, JSchedule, its shutdown
// script, then FileTransfer) as the lab's event log shows, and a failover starts them on the standby in the same order.
import { strict as assert } from "node:assert";
import { renderProduct } from "../../provider/products";
import { serviceResourceName } from "../../provider/products/applier";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import { productGroupProgram, resourceEvents } from "../support/product-group-program";
import type { PulumiProject } from "../support/pulumi-project";

const PASSWORD = "Lab-seed001-Pa55";
const SM = { virtualComputerName: "VCOM01", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false };
const JMSS = { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" };

const PROGRAM = productGroupProgram({
  cluster: { resource: "esm", name: "ESM" },
  group: { resource: "esmgroup", name: "ESMPRO" },
  address: "192.168.10.50",
  computerName: "VCOM01",
  installs: [
    `new clusterpro.ProductInstall("sm", { group, product: "esmpro-servermanager", version: "legacy", sharedFolder: "E:\\\\ESMPRO", settings: ${JSON.stringify(SM)} });`,
    `new clusterpro.ProductInstall("jmss", { group, product: "esmpro-jmss", sharedFolder: "E:\\\\JMSS", settings: ${JSON.stringify(JMSS)} });`,
    `new clusterpro.ProductInstall("ft", { group, product: "esmpro-filetransfer" });`,
  ],
});

describe("e2e: seed 001 part 1, ServerManager (legacy) + JMSS + FileTransfer in one group", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;
  const plans = [renderProduct("esmpro-servermanager@legacy", SM, "E:\\ESMPRO"), renderProduct("esmpro-jmss", JMSS as never, "E:\\JMSS"), renderProduct("esmpro-filetransfer", {})];
  const order = plans.flatMap((p) => p.startOrder);
  /**
   * The resources in start order: ProductInstall names service resources after the services (31 characters at most);
   * JMSS's share and JLook shutdown mode are script resources before and after its services.
   */
  const resources = [...plans[0].startOrder.map(serviceResourceName), "jmss-pre", "jmsslksv", "jmssscsv", "jmss-post", "ESMFT"];

  before(async () => {
    assert.deepEqual(order, ["Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "Nvcmd", "Nvrmapd", "ESMDSVNT", "jmsslksv", "jmssscsv", "ESMFT"]);
    stack = await startLabStack({ project: "seed001", program: PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: ["esmpro-servermanager@legacy", "esmpro-jmss", "esmpro-filetransfer"] });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("converges with one push: services Manual, work data on the shared disk, JMSS folders and registry, the group online on server01", async () => {
    const pushes = lab.cluster.pushes();
    const seq = lab.cluster.events().length;
    await project.run(["up"]);
    // The installs' group is new in this run: the cluster's Apply pushes everything once, leaves the group stopped,
    // starts only its disk for the installs' steps (work data onto the shared disk), then starts the group.
    console.log(`      clp.conf pushes for the converging up: ${lab.cluster.pushes() - pushes}`);
    assert.equal(lab.cluster.pushes() - pushes, 1);
    const active = lab.node("server01");
    const standby = lab.node("server02");
    for (const n of [active, standby]) for (const s of order) assert.equal(n.services.get(s)?.startup, "manual", `${n.name}: ${s} Manual`);
    assert.ok(active.fs.list("E:\\ESMPRO\\Nvwork").some((f) => f.startsWith("installed-by-")), "the work directory moved to the shared disk");
    assert.equal(active.fs.readFile("E:\\ESMPRO\\Nvwork\\local\\nvisord.cf").toString("latin1"), 'CommunityName:"mgr_VCOM01"\r\n');
    assert.equal(standby.fs.exists("C:\\Program Files\\Esmpro\\Nvwork"), false, "the standby's local work directory is gone");
    for (const d of ["E:\\JMSS\\LOG", "E:\\JMSS\\OUT", "E:\\JMSS\\QUE", "E:\\JMSS\\SCHEDULE"]) assert.equal(active.fs.stat(d)?.type, "directory", d);
    assert.ok(active.fs.list("E:\\JMSS\\QUE").some((f) => f.startsWith("installed-by-")), "QUE copied from the install folder");
    for (const n of [active, standby]) {
      assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", "WorkDir")?.data, "E:\\ESMPRO\\Nvwork");
      assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JOBQUEUE", "JobQueDir")?.data, "E:\\JMSS\\QUE\\");
      assert.equal(n.registry?.get("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JSchedule\\Parameters", "DataPath")?.data, "E:\\JMSS\\SCHEDULE\\");
    }
    assert.match(lab.cluster.statusText(), /ESMPRO[ .]*: Online\s*\r?\n\s+current +: server01/);
    for (const s of order) assert.equal(active.services.get(s)?.state, "running", `${s} runs on the active server`);
    const pre = active.runLog.find((r) => /\\jmss-pre\\start\.bat$/i.test(r.path));
    assert.equal(pre?.env.CLP_EVENT, "START", "the lab ran JMSS's pre script (the jmsout share) with CLP_EVENT=START");
    const started = resourceEvents(lab, seq);
    const idx = resources.map((s) => started.indexOf(s));
    assert.ok(idx.every((i) => i >= 0), `every service resource activated: ${started.join(", ")}`);
    assert.deepEqual([...idx].sort((a, b) => a - b), idx, `the documented start order in the event log: ${started.join(", ")}`);
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("fails over: the group starts on server02 in the same order, and the work data is there", async () => {
    const seq = lab.cluster.events().length;
    await lab.fail("server01");
    assert.match(lab.cluster.statusText(), /ESMPRO[ .]*: Online\s*\r?\n\s+current +: server02/);
    const started = resourceEvents(lab, seq);
    const idx = resources.map((s) => started.indexOf(s));
    assert.ok(idx.every((i) => i >= 0), `every service resource activated on server02: ${started.join(", ")}`);
    assert.deepEqual([...idx].sort((a, b) => a - b), idx, `the same order after the failover: ${started.join(", ")}`);
    const node = lab.node("server02");
    for (const s of order) assert.equal(node.services.get(s)?.state, "running", `${s} runs on server02`);
    assert.equal(node.runLog.find((r) => /\\jmss-pre\\start\.bat$/i.test(r.path))?.env.CLP_EVENT, "FAILOVER", "the pre script ran with CLP_EVENT=FAILOVER");
    assert.ok(node.fs.list("E:\\ESMPRO\\Nvwork").some((f) => f.startsWith("installed-by-")), "the mirrored work data is on server02");
  });
});
