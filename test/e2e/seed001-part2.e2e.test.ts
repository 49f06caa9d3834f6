// Seed 001 part 2 end to end (issue 18): a two-node Windows cluster whose failover group (floating IP, virtual computer
// name, mirror disk) holds the ESMPRO/AppManager 4.x repository and management server (nothing started by the group:
// §1.13.6.3, "no service change and no scripts") and the ESMPRO/ClientManager manager (ESM Base Service, the seven CM
// services, its share script), on a lab where both are freshly installed. It converges, the group starts the services
// in the documented order (§1.11.4.6) as the lab's event log shows, and a failover starts them on the standby in the
// same order.
import { strict as assert } from "node:assert";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import { productGroupProgram, resourceEvents } from "../support/product-group-program";
import type { PulumiProject } from "../support/pulumi-project";

/**
 * clp.conf pushes of the converging up: one. The installs' group is new in the run: the cluster's Apply pushes
 * everything once and holds the group, starts only its disk for the installs' steps, then starts the group.
 */
const EXPECTED_PUSHES = 1;

const PASSWORD = "Lab-seed001b-Pa55";
/** The lab's key names of the seven services (sim/product-images.ts): a user gives what `sc getkeyname` prints. */
const CM = {
  component: "manager",
  clientManagerVersion: "4.0",
  cmitServiceName: "CMITSvc",
  cmurelayServiceName: "CMURelay",
  cmmanagerServiceName: "CMManagerSvc",
  cmpoweronServiceName: "CMPowerOnSvc",
  cmsenderServiceName: "CMSenderSvc",
  cmsnmpServiceName: "CMSnmpMgr",
  cmtimeServiceName: "ESMTimeSvr",
  esmBaseService: true,
};
const AM = { appManagerVersion: "4.0", clusterproVersion: "7.0", role: "repository-and-management-server" };

const PROGRAM = productGroupProgram({
  cluster: { resource: "esmcm", name: "ESMCM" },
  group: { resource: "cmgroup", name: "ESMPROCM" },
  address: "192.168.10.60",
  computerName: "SQLVS01",
  installs: [
    `new clusterpro.ProductInstall("am", { group, product: "esmpro-appmanager", version: "4", settings: ${JSON.stringify(AM)} });`,
    `new clusterpro.ProductInstall("cm", { group, product: "esmpro-clientmanager", sharedFolder: "E:\\\\ESMPRO\\\\ESMPROCM", settings: ${JSON.stringify(CM)} });`,
  ],
});

/** The documented start order (seed 001 §1.11.4.6 start.bat; ESM Base Service first): service resources, then the share script. */
const SERVICES = ["Nvbase", "CMITSvc", "CMURelay", "CMManagerSvc", "CMPowerOnSvc", "CMSenderSvc", "CMSnmpMgr", "ESMTimeSvr"];
const RESOURCES = [...SERVICES, "cm-post"];
const APPMANAGER_SERVICES = ["NetIQms", "NetIQccm", "NetIQmc"];

function assertOrder(started: string[], where: string): void {
  const idx = RESOURCES.map((s) => started.indexOf(s));
  assert.ok(idx.every((i) => i >= 0), `every resource activated ${where}: ${started.join(", ")}`);
  assert.deepEqual([...idx].sort((a, b) => a - b), idx, `the documented start order ${where}: ${started.join(", ")}`);
}

describe("e2e: seed 001 part 2, AppManager 4.x repository + management server and ClientManager in one group", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;

  before(async () => {
    stack = await startLabStack({ project: "seed001b", program: PROGRAM, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: ["esmpro-appmanager@4", "esmpro-clientmanager"] });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it(`converges (${EXPECTED_PUSHES} push(es)): CM services Manual on both nodes and running on server01 only, AppManager's services left as installed, the synchronized key and the share script in clp.conf`, async () => {
    const pushes = lab.cluster.pushes();
    const seq = lab.cluster.events().length;
    await project.run(["up"]);
    console.log(`      clp.conf pushes for the converging up: ${lab.cluster.pushes() - pushes}`);
    assert.equal(lab.cluster.pushes() - pushes, EXPECTED_PUSHES);
    const active = lab.node("server01");
    const standby = lab.node("server02");
    for (const n of [active, standby]) {
      for (const s of SERVICES) assert.equal(n.services.get(s)?.startup, "manual", `${n.name}: ${s} Manual`);
      // §1.13.6.3 3.: no AppManager service attribute change in 4.x.
      for (const s of APPMANAGER_SERVICES) assert.equal(n.services.get(s)?.startup, "automatic", `${n.name}: ${s} left Automatic`);
    }
    assert.match(lab.cluster.statusText(), /ESMPROCM[ .]*: Online\s*\r?\n\s+current +: server01/);
    for (const s of SERVICES) {
      assert.equal(active.services.get(s)?.state, "running", `${s} runs on the active server`);
      assert.equal(standby.services.get(s)?.state, "stopped", `${s} is stopped on the standby`);
    }
    const conf = lab.cluster.conf("server01")?.toString("utf8") ?? "";
    assert.ok(conf.includes("HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESMPRO/CM"), "the synchronized key ESMPRO/CM is in clp.conf");
    const post = active.runLog.find((r) => /\\cm-post\\start\.bat$/i.test(r.path));
    assert.equal(post?.env.CLP_EVENT, "START", "the lab ran ClientManager's share script with CLP_EVENT=START");
    assertOrder(resourceEvents(lab, seq), "on server01");
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("fails over: the group starts on server02 in the same order", async () => {
    const seq = lab.cluster.events().length;
    await lab.fail("server01");
    assert.match(lab.cluster.statusText(), /ESMPROCM[ .]*: Online\s*\r?\n\s+current +: server02/);
    assertOrder(resourceEvents(lab, seq), "on server02");
    const node = lab.node("server02");
    for (const s of SERVICES) assert.equal(node.services.get(s)?.state, "running", `${s} runs on server02`);
    assert.equal(node.runLog.find((r) => /\\cm-post\\start\.bat$/i.test(r.path))?.env.CLP_EVENT, "FAILOVER", "the share script ran with CLP_EVENT=FAILOVER");
  });
});
