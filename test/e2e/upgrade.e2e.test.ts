// Upgrade safety: state recorded by an earlier version of this package (test/fixtures/upgrade/)
// is read, diffed, updated and deleted by today's providers. The recorded state holds the
// serialized providers of that version, which require today's modules by the same names.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import { Lab } from "../../sim/lab";
import { repoRoot } from "../support/paths";
import { PulumiProject } from "../support/pulumi-project";
import { UPGRADE_PASSWORD } from "../fixtures/upgrade/record";

const RECORDED = ["v0.1.0"];

for (const version of RECORDED) {
  describe(`e2e: state recorded by ${version} still works`, function () {
    this.timeout(600_000);
    const fixture = path.join(repoRoot, "test", "fixtures", "upgrade", version);
    let lab: Lab;
    let labDir: string;
    let project: PulumiProject;

    before(async () => {
      labDir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-upgrade-lab-"));
      lab = await Lab.start({ dir: labDir, nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }], username: "Administrator", password: UPGRADE_PASSWORD });
      project = PulumiProject.create("upgrade", fs.readFileSync(path.join(fixture, "index.ts"), "utf8"));
      await project.run(["stack", "init", "lab"]);
      const labJson = path.join(labDir, "lab.json");
      fs.writeFileSync(path.join(project.dir, "Pulumi.lab.yaml"), fs.readFileSync(path.join(fixture, "Pulumi.lab.yaml"), "utf8").replace("LAB_JSON", labJson));
      const state = path.join(project.root, "state.json");
      fs.writeFileSync(state, fs.readFileSync(path.join(fixture, "state.json"), "utf8").split("LAB_JSON").join(labJson));
      await project.run(["stack", "import", "--file", state]);
    });
    after(async () => {
      project?.dispose();
      await lab?.stop();
      fs.rmSync(labDir, { recursive: true, force: true });
    });

    it("diffs the recorded state against the program (the lab's ports changed: connections only)", async () => {
      const r = await project.run(["preview", "--json"]);
      const steps = JSON.parse(r.stdout).steps as { op: string; urn: string; diffReasons?: string[] }[];
      // The one new resource is the cluster's Apply (added by the SDK since: it pushes what the objects staged).
      const others = steps.filter((s) => s.op !== "same" && s.op !== "update" && !(s.op === "create" && s.urn.endsWith("clusterpro:ClusterApply::small-apply")));
      assert.deepEqual(others.map((s) => `${s.op} ${s.urn}`), [], "no create, replace or delete but the cluster's Apply");
      assert.ok(steps.some((s) => s.op === "create" && /ClusterApply::small-apply$/.test(s.urn)), "the cluster's Apply is created");
    });

    it("updates it with today's providers and converges the cluster", async () => {
      await project.run(["up"]);
      const m = readModel(parseClpConf(lab.cluster.conf("server01") as Buffer));
      assert.deepEqual(m.groups.map((g) => g.name), ["group1"]);
      assert.ok(m.resources.some((r) => r.name === "fip1"));
      await project.run(["refresh"]);
      await project.run(["up", "--expect-no-changes"]);
    });

    it("deletes it", async () => {
      await project.run(["destroy"]);
      assert.deepEqual(readModel(parseClpConf(lab.cluster.conf("server01") as Buffer)).groups, []);
    });
  });
}
