// Taking over a running cluster, as an administrator would: for each of the nine real clp.conf files,
// a lab whose cluster already runs that file (`clusterpro-lab start --conf`), a program generated from
// it (`clusterpro-conf to-program`), and the real Pulumi engine through the packed package installed
// with npm in a project outside the repository. The first preview and `up` push nothing and leave
// every node's clp.conf byte-identical; after `up` a preview has no change; one edited property
// converges with exactly one push. Each lab is stopped by its PID in after(), also when a test failed.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseClpConf, readModel, type MirrorDiskResource } from "../../provider/clusterpro";
import { clpconfFixturesDir, repoRoot, skipWithoutSharedFixtures } from "../support/paths";
import { installPackage, killLab, packPackage, runAs } from "../support/user-project";

const { run, ok } = runAs("take-over-passphrase");
const FILES = clpconfFixturesDir ? fs.readdirSync(clpconfFixturesDir).filter((f) => f.endsWith(".conf")).sort() : [];

describe("e2e: take over each real cluster (clusterpro-lab start --conf, clusterpro-conf to-program, the packed package)", function () {
  this.timeout(1_800_000);
  let work: string;
  let projectDir: string;
  const labs: string[] = [];
  let bin: (name: string) => string;

  before(async function () {
    skipWithoutSharedFixtures(this);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-take-over-"));
    projectDir = path.join(work, "take-over");
    fs.mkdirSync(projectDir);
    assert.ok(path.relative(repoRoot, projectDir).startsWith(".."), "the project is outside the repository");
    const { tarball } = await packPackage(work, ok);
    await installPackage(projectDir, "take-over", tarball, ok);
    bin = (name) => path.join(projectDir, "node_modules", ".bin", name);
  });

  after(() => {
    for (const dir of labs) killLab(dir);
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  FILES.forEach((file, n) => {
    it(`${file}: preview and up push nothing, then one edit is one push`, async () => {
      const source = path.join(clpconfFixturesDir!, file);
      const original = fs.readFileSync(source);
      const servers = readModel(parseClpConf(original)).servers.map((s) => s.name);
      const labDir = path.join(work, `lab${n}`);
      labs.push(labDir);
      const lab = (...args: string[]) => ok(bin("clusterpro-lab"), ["--dir", labDir, ...args], { cwd: work, timeoutMs: 60_000 });
      const pushes = async () => (JSON.parse(await lab("stats", "--json")) as { pushes: number }).pushes;
      await lab("start", "--conf", source);
      const before = await pushes();

      // The generated project lives inside the installed project, so it finds its node_modules.
      const dir = path.join(projectDir, `cluster${n}`);
      const generated = await ok(bin("clusterpro-conf"), ["to-program", source, "--out", dir], { cwd: projectDir });
      assert.match(generated, /checked: .* changes nothing/);
      const pulumi = (args: string[], stdin?: string) => run(path.join(projectDir, "node_modules", "pulumi-clusterpro", "scripts", "pulumi"), [...args, "--color", "never"], { cwd: dir, stdin, timeoutMs: 300_000 });
      const pulumiOk = async (args: string[], stdin?: string) => {
        const r = await pulumi(args, stdin);
        assert.equal(r.code, 0, `pulumi ${args.join(" ")} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
        return r.stdout + r.stderr;
      };
      const labJson = path.join(labDir, "lab.json");
      const password = (JSON.parse(fs.readFileSync(labJson, "utf8")) as { nodes: { password: string }[] }).nodes[0].password;
      await pulumiOk(["stack", "init", "lab"]);
      await pulumiOk(["config", "set", "labJson", labJson]);
      await pulumiOk(["config", "set", "--secret", "password"], password);

      const preview = await pulumiOk(["preview"]);
      assert.doesNotMatch(preview, /would apply/, "the first preview announces no change to clp.conf");
      await pulumiOk(["up", "--yes"]);
      assert.equal(await pushes(), before, "taking over pushes nothing");
      for (const s of servers) assert.ok((await confBytes(labDir, s)).equals(original), `${s}: clp.conf is byte-identical`);
      // A Windows md's volume GUIDs were read from the nodes (the lab gave them the file's): the state holds exactly
      // the file's per-server blocks, so taking over changed none of them.
      const mds = readModel(parseClpConf(original)).resources.filter((r) => r.type === "md").map((r) => r as MirrorDiskResource).filter((md) => md.volumeMountPoint !== undefined);
      if (mds.length > 0) {
        const file = path.join(dir, "state.json");
        await pulumiOk(["stack", "export", "--file", file]);
        const exported = JSON.parse(fs.readFileSync(file, "utf8")) as { deployment: { resources?: { type: string; outputs?: { name?: string; volumes?: unknown } }[] } };
        for (const md of mds) {
          const state = (exported.deployment.resources ?? []).find((r) => r.type.endsWith(":MirrorDisk") && r.outputs?.name === md.name);
          assert.deepEqual(state?.outputs?.volumes, md.volumes, `MirrorDisk ${md.name}: the nodes' GUIDs are the file's`);
        }
      }
      await pulumiOk(["preview", "--expect-no-changes"]);

      // One edit: the cluster's comment.
      const index = path.join(dir, "index.ts");
      const program = fs.readFileSync(index, "utf8");
      const clusterBlock = program.slice(program.indexOf(`new clusterpro.Cluster(`));
      const edited = /^ {2}comment: .*,$/m.test(clusterBlock.slice(0, clusterBlock.indexOf("});")))
        ? program.replace(/(new clusterpro\.Cluster\("cluster", \{[\s\S]*?\n) {2}comment: .*,\n/, `$1  comment: "taken over by Pulumi",\n`)
        : program.replace(/(new clusterpro\.Cluster\("cluster", \{\n {2}name: .*,\n)/, `$1  comment: "taken over by Pulumi",\n`);
      assert.notEqual(edited, program, "the comment was edited");
      fs.writeFileSync(index, edited);
      await pulumiOk(["up", "--yes"]);
      assert.equal(await pushes(), before + 1, "one edited property is one push");
      assert.match((await confBytes(labDir, servers[0])).toString("latin1"), /<comment>taken over by Pulumi<\/comment>/);
      await pulumiOk(["preview", "--expect-no-changes"]);
      if (n === 0) {
        // Tuning the adopted fipw1: one push, in place; refresh reads the declared fields back.
        const tunedProgram = fs.readFileSync(index, "utf8").replace(/(new clusterpro\.FloatingIp\("fip", \{[^\n]*?)monitor: true/, "$1monitor: { intervalSeconds: 30, recoveryTarget: \"group\" }");
        assert.notEqual(tunedProgram, fs.readFileSync(index, "utf8"), "the fip's monitor was tuned");
        fs.writeFileSync(index, tunedProgram);
        await pulumiOk(["up", "--yes"]);
        assert.equal(await pushes(), before + 2);
        const fipw = readModel(parseClpConf(await confBytes(labDir, servers[0]))).monitors.filter((m) => m.type === "fipw");
        assert.deepEqual(fipw.map((m) => [m.name, m.interval, m.relation?.type]), [["fipw1", 30, "grp"]]);
        await pulumiOk(["refresh", "--yes", "--expect-no-changes"]);
        // A second stack of the same program is told who manages the cluster, and changes nothing.
        await pulumiOk(["stack", "init", "second"]);
        await pulumiOk(["config", "set", "labJson", labJson]);
        await pulumiOk(["config", "set", "--secret", "password"], password);
        const second = await pulumi(["up", "--yes"]);
        assert.notEqual(second.code, 0, second.stdout);
        assert.match(second.stdout + second.stderr, new RegExp(`cluster ${readModel(parseClpConf(original)).cluster.name} is managed by another Pulumi stack, clusterpro-[\\w-]+/lab`));
        assert.equal(await pushes(), before + 2, "the second stack pushed nothing");
      }
      await lab("stop");
    });
  });

  /** A node's clp.conf as the lab holds it (its exact bytes, in the file's own encoding). */
  async function confBytes(labDir: string, server: string): Promise<Buffer> {
    const out = path.join(work, `conf-${path.basename(labDir)}-${server}`);
    const r = await run("sh", ["-c", `"$0" --dir "$1" conf "$2" > "$3"`, bin("clusterpro-lab"), labDir, server, out], { cwd: work });
    assert.equal(r.code, 0, r.stderr);
    return fs.readFileSync(out);
  }
});
