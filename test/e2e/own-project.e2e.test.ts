// The package used the way a user uses it: `npm pack`, then a Pulumi project of its own outside the
// repository (in the system's temp folder) that installs the tarball with npm, next to @pulumi/pulumi.
// Nothing of the repository's node_modules is visible to it (NODE_PATH unset, no npm_* variables,
// the working directory is the project). It converges the seed-000 cluster on a lab started with the
// package's own `clusterpro-lab` bin, through node_modules/pulumi-clusterpro/scripts/pulumi:
//   - exactly one @pulumi/pulumi in the project's node_modules tree, also when the project asks for
//     another version (a second copy breaks the engine's messages: "Request message serialization failure");
//   - the stack's state and PULUMI_HOME are in the project, not in the installed package;
//   - `up` keeps Pulumi's confirmation: without --yes (and no terminal) it refuses and changes nothing;
//   - `up --yes` converges with one clp.conf push; a preview then has nothing to change; destroy.
// The lab process is stopped by its PID in after(), also when a test failed.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as iconv from "iconv-lite";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/paths";
import { SEED000_PROGRAM } from "../support/seed000";
import { installPackage, killLab, packPackage, PULUMI_VERSION, runAs } from "../support/user-project";

const PROJECT = "own-cluster";
const { run, ok } = runAs("own-project-passphrase");

/** Every installed copy of a package in a node_modules tree (nested copies included). */
function installedCopies(nodeModules: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (fs.existsSync(path.join(dir, name, "package.json"))) found.push(path.join(dir, name));
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = path.join(dir, e.name);
      if (e.name.startsWith("@")) {
        for (const s of fs.readdirSync(sub, { withFileTypes: true })) {
          if (s.isDirectory() && fs.existsSync(path.join(sub, s.name, "node_modules"))) walk(path.join(sub, s.name, "node_modules"));
        }
      } else if (fs.existsSync(path.join(sub, "node_modules"))) walk(path.join(sub, "node_modules"));
    }
  };
  walk(nodeModules);
  return found.sort();
}

describe("e2e: the packed package in a project of its own (npm install of the tarball, outside the repository)", function () {
  this.timeout(900_000);
  let work: string;
  let projectDir: string;
  let labDir: string;
  let pkgDir: string;
  let tarball: string;
  const pulumi = (args: string[], o: { stdin?: string; timeoutMs?: number; cwd?: string } = {}) =>
    run(path.join(pkgDir, "scripts", "pulumi"), [...args, "--color", "never"], { cwd: projectDir, ...o });
  const pulumiOk = async (args: string[], o: { stdin?: string; cwd?: string } = {}) => {
    const r = await pulumi(args, o);
    assert.equal(r.code, 0, `pulumi ${args.join(" ")} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
    return r;
  };
  const lab = (...args: string[]) => ok(path.join(projectDir, "node_modules", ".bin", "clusterpro-lab"), ["--dir", labDir, ...args], { cwd: projectDir, timeoutMs: 60_000 });
  const pushes = async () => (JSON.parse(await lab("stats", "--json")) as { pushes: number }).pushes;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-own-project-"));
    projectDir = path.join(work, PROJECT);
    labDir = path.join(work, "lab");
    fs.mkdirSync(projectDir);
    assert.ok(path.relative(repoRoot, projectDir).startsWith(".."), "the project is outside the repository");
    assert.ok(fs.existsSync(path.join(repoRoot, "dist", "sdk", "index.js")), "dist/ is missing: run scripts/setup (npm test does)");
  });

  after(async () => {
    killLab(labDir);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("npm pack ships the compiled package, its bins and the engine wrapper, and no sources or tests", async () => {
    const packed = await packPackage(work, ok);
    tarball = packed.tarball;
    assert.ok(fs.existsSync(tarball));
    const files = packed.files;
    for (const f of ["dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/resources/cluster.js", "dist/scripts/pulumi-program-host.js",
      "dist/sim/cli.js", "bin/clusterpro-lab.js", "bin/clusterpro-conf.js", "scripts/pulumi", "scripts/lib/engine-env.sh", "package.json", "README.md"]) {
      assert.ok(files.has(f), `the tarball has ${f}`);
    }
    assert.equal((files.get("scripts/pulumi") ?? 0) & 0o111, 0o111, "scripts/pulumi is executable");
    const unwanted = [...files.keys()].filter((f) => /^(test|sdk|provider|sim|demo|examples|bench|tools)\/|^dist\/(test|bench|demo)\/|^scripts\/(setup|test|demo)$/.test(f));
    assert.deepEqual(unwanted, []);
  });

  it("installs with npm next to @pulumi/pulumi: one copy of @pulumi/pulumi, the package as a real folder in the project", async () => {
    assert.ok(tarball, "the tarball was packed");
    const t0 = Date.now();
    await installPackage(projectDir, PROJECT, tarball, ok);
    console.log(`      npm install: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const nodeModules = path.join(projectDir, "node_modules");
    assert.deepEqual(installedCopies(nodeModules, "@pulumi/pulumi"), [path.join(nodeModules, "@pulumi", "pulumi")]);
    assert.equal(JSON.parse(fs.readFileSync(path.join(nodeModules, "@pulumi", "pulumi", "package.json"), "utf8")).version, PULUMI_VERSION);
    pkgDir = path.join(nodeModules, "pulumi-clusterpro");
    assert.ok(!fs.lstatSync(pkgDir).isSymbolicLink(), "the package is a copy, not a link to the repository");
    assert.ok(fs.existsSync(path.join(pkgDir, "dist", "sdk", "index.js")));
  });

  it("a project asking for another @pulumi/pulumi still has one copy: npm warns about the peer instead of nesting a second", async () => {
    assert.ok(pkgDir, "the package was installed");
    // A dry run changes nothing; with @pulumi/pulumi as a plain dependency npm would add a nested 3.248.0 here.
    const r = await run("npm", ["install", "--dry-run", "--no-audit", "--no-fund", "--prefer-offline", "@pulumi/pulumi@3.247.0"], { cwd: projectDir, timeoutMs: 180_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^change @pulumi\/pulumi 3\.248\.0 => 3\.247\.0$/m);
    assert.doesNotMatch(r.stdout, /^add @pulumi\/pulumi /m, "no second copy");
    assert.match(r.stderr, /overriding peer dependency/);
  });

  it("converges the seed-000 cluster through node_modules/pulumi-clusterpro/scripts/pulumi: state in the project, prompts kept, one push", async () => {
    assert.ok(pkgDir, "the package was installed");
    // The program: the demo's seed-000 stack, as a user would write it (imports "pulumi-clusterpro").
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\ndescription: seed 000 in a project of its own\n`);
    fs.writeFileSync(path.join(projectDir, "index.ts"), SEED000_PROGRAM);

    // The lab, with the package's own bin; the seed's manual step by hand, as the demo does it.
    await lab("start", "--nodes", "server01:windows,server02:windows", "--products", "printport-acos4");
    for (const n of ["server01", "server02"]) {
      await lab("svc", n, "PrintPort_SPL", "manual");
      await lab("svc", n, "PrintPort_SPL", "stop");
      for (const verb of ["disable", "enable"]) {
        const local = path.join(work, `${verb}.bat`);
        fs.writeFileSync(local, iconv.encode(`netsh interface set interface "ローカル エリア接続 3" ${verb}\r\n`, "cp932"));
        await lab("put", n, local, `C:\\clp\\${verb}.bat`);
      }
    }
    const labJson = path.join(labDir, "lab.json");
    const password = (JSON.parse(fs.readFileSync(labJson, "utf8")) as { nodes: { password: string }[] }).nodes[0].password;

    await pulumiOk(["stack", "init", "lab"]);
    await pulumiOk(["config", "set", "labJson", labJson]);
    await pulumiOk(["config", "set", "--secret", "password"], { stdin: password });
    // From a subfolder the wrapper finds the same project (Pulumi.yaml upward), so the same state.
    fs.mkdirSync(path.join(projectDir, "src"));
    assert.match((await pulumiOk(["stack", "ls"], { cwd: path.join(projectDir, "src") })).stdout, /^lab\b/m);

    const preview = await pulumiOk(["preview", "--json"]);
    const creates = (JSON.parse(preview.stdout).steps as { op: string; urn: string }[]).filter((s) => s.op === "create").map((s) => s.urn.split("::").pop()).sort();
    assert.deepEqual(creates, ["failover", "fip", "md", "nic", "printport", "printport-apply", `${PROJECT}-lab`, "server01", "server02"].sort());
    assert.equal(await pushes(), 0);

    // No terminal and no --yes: Pulumi's confirmation is not skipped behind the user's back.
    const refused = await pulumi(["up"]);
    assert.notEqual(refused.code, 0, `up without --yes must not proceed:\n${refused.stdout}\n${refused.stderr}`);
    assert.match(refused.stdout + refused.stderr, /--yes/);
    assert.equal(await pushes(), 0, "nothing was pushed without confirmation");

    const up = await pulumiOk(["up", "--yes"]);
    assert.doesNotMatch(up.stdout + up.stderr, /serialization failure/i);
    assert.equal(await pushes(), 1, "the whole stack converges with one clp.conf push");
    const status = await lab("status");
    assert.match(status, /failover \.+: Online\s*\r?\n\s+current +: server01/);
    assert.match(status, /NIC_disable \.+: Online\s*\r?\n\s+current +: server02/);

    // State and PULUMI_HOME live in the project; the installed package stays as npm left it.
    const stackFile = path.join(projectDir, ".pulumi-state", ".pulumi", "stacks", PROJECT, "lab.json");
    assert.ok(fs.existsSync(stackFile), "the stack's state is in the project's .pulumi-state/");
    assert.ok(fs.existsSync(path.join(projectDir, ".pulumi-home")), "PULUMI_HOME is the project's .pulumi-home/");
    assert.deepEqual(fs.readdirSync(pkgDir).filter((f) => f.startsWith(".pulumi")), [], "nothing written into the package folder");
    assert.ok(!fs.readFileSync(stackFile, "utf8").includes(password), "the password is not in plain text in the state");

    await pulumiOk(["preview", "--expect-no-changes"]);
    await pulumiOk(["destroy", "--yes"]);
    await lab("stop");
  });
});
