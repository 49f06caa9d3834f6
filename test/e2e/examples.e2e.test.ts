// Every example of examples/ converges against a lab with the real Pulumi engine. Each example's
// Pulumi.yaml and index.ts are copied into a throw-away project (so the shared checkout gets no stack
// files), the lab is started as the README says (products freshly installed), and the README's
// walk-through is followed: preview, up, what runs where, a failure, a preview with nothing to change,
// destroy.
import { strict as assert } from "node:assert";
import * as iconv from "iconv-lite";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import { Lab, type LabNodeSpec } from "../../sim/lab";
import { repoRoot } from "../support/paths";
import { PulumiProject } from "../support/pulumi-project";

const examplesDir = path.join(repoRoot, "examples");

interface ExampleStack {
  lab: Lab;
  project: PulumiProject;
  dispose(): Promise<void>;
}

/** A lab, and the example as a project wired to it (config labJson, secret password), as its README sets it up. */
async function startExample(example: string, o: { nodes: LabNodeSpec[]; username?: string; products?: string[] }): Promise<ExampleStack> {
  const password = `Ex-${example}-Pa55`;
  const dir = path.join(examplesDir, example);
  const labDir = fs.mkdtempSync(path.join(os.tmpdir(), `clusterpro-example-${example}-lab-`));
  let lab: Lab | undefined;
  let project: PulumiProject | undefined;
  const dispose = async () => {
    project?.dispose();
    await lab?.stop();
    fs.rmSync(labDir, { recursive: true, force: true });
  };
  try {
    lab = await Lab.start({ dir: labDir, nodes: o.nodes, username: o.username ?? "Administrator", password, ...(o.products ? { products: o.products } : {}) });
    project = PulumiProject.create(example, fs.readFileSync(path.join(dir, "index.ts"), "utf8"));
    fs.copyFileSync(path.join(dir, "Pulumi.yaml"), path.join(project.dir, "Pulumi.yaml"));
    await project.run(["stack", "init", "lab"]);
    await project.run(["config", "set", "labJson", path.join(labDir, "lab.json")]);
    await project.setSecret("password", password);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { lab, project, dispose };
}

const model = (lab: Lab, server: string) => {
  const bytes = lab.cluster.conf(server);
  assert.ok(bytes, `${server} has a configuration`);
  return readModel(parseClpConf(bytes));
};
const runsOn = (lab: Lab, group: string) => new RegExp(`${group} \\.+: Online\\s*\\r?\\n\\s+current +: (\\S+)`).exec(lab.cluster.statusText())?.[1];
const creates = (previewJson: string) => (JSON.parse(previewJson).steps as { op: string; urn: string }[]).filter((s) => s.op === "create").map((s) => s.urn.split("::").pop()).sort();

describe("e2e: the examples converge against the lab", function () {
  this.timeout(600_000);

  describe("examples/printport-acos4 (seed 000)", () => {
    let ex: ExampleStack | undefined;
    before(async () => {
      ex = await startExample("printport-acos4", {
        nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }],
        products: ["printport-acos4"],
      });
    });
    after(() => ex?.dispose());

    it("previews the seed's objects, then converges: the product on both servers, failover on server01, NIC_disable on server02", async () => {
      const { lab, project } = ex!;
      assert.deepEqual(creates((await project.run(["preview", "--json"])).stdout), ["failover", "fip", "md", "nic", "printport", "printport", "printport-acos4-lab", "printport-apply", "server01", "server02"]);
      assert.equal(lab.cluster.pushes(), 0);
      await project.run(["up"]);
      for (const n of ["server01", "server02"]) {
        const node = lab.node(n);
        assert.equal(node.services.get("PrintPort_SPL")?.startup, "manual", `${n}: spooler Manual`);
        assert.deepEqual([node.services.get("W32Time")?.startup, node.services.get("W32Time")?.state], ["automatic", "running"], `${n}: Windows Time`);
        assert.equal(iconv.decode(node.fs.readFile("C:\\clp\\disable.bat"), "cp932"), 'netsh interface set interface "ローカル エリア接続 3" disable\r\n');
      }
      const m = model(lab, "server02");
      assert.deepEqual(m.groups.map((g) => g.name).sort(), ["ManagementGroup", "NIC_disable", "failover"]);
      assert.equal(runsOn(lab, "failover"), "server01");
      assert.equal(runsOn(lab, "NIC_disable"), "server02");
      assert.equal(lab.node("server01").services.get("PrintPort_SPL")?.state, "running");
      assert.equal(lab.node("server02").services.get("PrintPort_SPL")?.state, "stopped");
      assert.equal(lab.node("server02").nics.get("ローカル エリア接続 3"), false, "the standby's printer LAN is disabled");
      await project.run(["up", "--expect-no-changes"]);
    });

    it("follows the README: server01 fails, failover to server02, NIC_disable moved back by hand, nothing to change", async () => {
      const { lab, project } = ex!;
      await lab.fail("server01");
      assert.equal(runsOn(lab, "failover"), "server02");
      assert.equal(lab.node("server02").services.get("PrintPort_SPL")?.state, "running");
      await lab.recover("server01");
      assert.equal(lab.runClp("server02", ["clpgrp", "-m", "NIC_disable", "-a", "server01"]).exitCode, 0);
      assert.equal(runsOn(lab, "NIC_disable"), "server01");
      assert.equal(lab.node("server02").nics.get("ローカル エリア接続 3"), true, "the active server's printer LAN is enabled again");
      await project.run(["preview", "--expect-no-changes"]);
    });

    it("destroys the stack and keeps the spool data", async () => {
      const { lab, project } = ex!;
      lab.node("server02").fs.writeFile("E:\\job.dat", Buffer.from("print job"));
      await project.run(["destroy"]);
      assert.deepEqual(model(lab, "server01").groups.map((g) => g.name), ["ManagementGroup"]);
      assert.ok(["server01", "server02"].some((n) => lab.node(n).fs.exists("E:\\job.dat")));
    });
  });

  describe("examples/linux-mirror", () => {
    let ex: ExampleStack | undefined;
    before(async () => {
      ex = await startExample("linux-mirror", { nodes: [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], username: "root" });
    });
    after(() => ex?.dispose());

    it("converges: the group runs on node1 with its floating IP, mirror disk and exec resource", async () => {
      const { lab, project } = ex!;
      await project.run(["up"]);
      const m = model(lab, "node2");
      assert.deepEqual(m.resources.filter((r) => r.group === "failover").map((r) => `${r.type}@${r.name}`).sort(), ["exec@exec1", "fip@fip1", "md@md1"]);
      assert.equal(runsOn(lab, "failover"), "node1");
      assert.ok(lab.node("node1").activeAddresses.has("10.0.0.100"));
      const start = "/opt/nec/clusterpro/scripts/failover/exec1/start.sh";
      for (const n of ["node1", "node2"]) assert.match(lab.node(n).fs.readFile(start).toString(), /starting the application/);
      assert.ok(lab.node("node1").runLog.some((r) => r.path === start && r.env.CLP_EVENT === "START"));
    });

    it("changes nothing on a second up, and destroy keeps the mirrored data", async () => {
      const { lab, project } = ex!;
      const pushes = lab.cluster.pushes();
      await project.run(["up", "--expect-no-changes"]);
      assert.equal(lab.cluster.pushes(), pushes);
      lab.node("node1").fs.writeFile("/mnt/md1/data.db", Buffer.from("rows"));
      await project.run(["destroy"]);
      assert.deepEqual(model(lab, "node1").groups.map((g) => g.name), []);
      assert.equal(lab.node("node1").fs.readFile("/mnt/md1/data.db").toString(), "rows");
    });
  });

  describe("examples/sigmasystemcenter (seed 003)", () => {
    // The services the four installs put in the group (this example's settings: no DMI alerts, traps forwarded).
    const GROUP_SERVICES = [
      "MSSQL$SSCCMDB", "MSSQL$DPMDBI", "Nvbase", "ESMASVNT", "AlertManagerSocketReceiveService", "Nvcmd", "Nvrmapd", "EsmTrapRedirection", "ESMDSVNT",
      "apiserv", "bkressvc", "cliwatch", "clistart", "RibBoneService", "depssvc", "PxeSvc", "PxeMtftp", "rupdssvc", "snrwatch", "schwatch", "ftsvc",
      "PVMService", "SystemMonitor Performance Service",
    ];
    let ex: ExampleStack | undefined;
    before(async () => {
      ex = await startExample("sigmasystemcenter", {
        nodes: [{ name: "ssc01", os: "windows" }, { name: "ssc02", os: "windows" }],
        products: ["esmpro-servermanager", "deploymentmanager", "systemprovisioning", "systemmonitor-performance"],
      });
    });
    after(() => ex?.dispose());

    it("converges: one group with the failover IP, the mirror disk, every service (monitored) and the synchronized keys", async () => {
      const { lab, project } = ex!;
      await project.run(["up"]);
      const m = model(lab, "ssc01");
      const services = m.resources.filter((r) => r.group === "SSC" && r.type === "service").map((r) => (r as { serviceName?: string }).serviceName);
      assert.deepEqual([...services].sort(), [...GROUP_SERVICES].sort());
      assert.ok(m.monitors.filter((x) => x.type === "servicew").length >= GROUP_SERVICES.length - 2, "the products' services are monitored");
      for (const n of ["ssc01", "ssc02"]) for (const s of GROUP_SERVICES) assert.equal(lab.node(n).services.get(s)?.startup, "manual", `${n}: ${s} Manual`);
      assert.ok(lab.node("ssc01").fs.exists("E:\\ESMPRO\\NVWORK\\LOCAL\\nvisord.cf"), "ESMPRO/SM's work folder is on the shared disk");
      assert.ok(m.resources.some((r) => r.type === "regsync" && r.group === "SSC"));
      assert.equal(runsOn(lab, "SSC"), "ssc01");
      for (const s of GROUP_SERVICES) {
        assert.equal(lab.node("ssc01").services.get(s)?.state, "running", `${s} runs on the active node`);
        assert.equal(lab.node("ssc02").services.get(s)?.state, "stopped", `${s} is stopped on the standby`);
      }
      await project.run(["preview", "--expect-no-changes"]);
    });

    it("fails over to ssc02 with every service, and destroys", async () => {
      const { lab, project } = ex!;
      await lab.fail("ssc01");
      assert.equal(runsOn(lab, "SSC"), "ssc02");
      for (const s of GROUP_SERVICES) assert.equal(lab.node("ssc02").services.get(s)?.state, "running", `${s} runs on ssc02`);
      await lab.recover("ssc01");
      await project.run(["destroy"]);
      assert.deepEqual(model(lab, "ssc02").groups.map((g) => g.name), ["ManagementGroup"]);
    });
  });
});
