// `clusterpro-conf to-program`: the program declared from a real clp.conf leaves that file
// byte-identical when the provider applies it (so the first preview changes nothing), an edit to it
// changes just that, and what it cannot declare is kept and listed.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { main, type CliIo } from "../../../provider/clusterpro/cli";
import { parseClpConf, readModel, serializeClpConf, applyModel, type MirrorDiskResource } from "../../../provider/clusterpro";
import { declareProgram, type DeclaredProgram } from "../../../provider/program/declare";
import { renderProject } from "../../../provider/program/render";
import { applyProgram, programFragment } from "../../../provider/program/verify";
import { floatingIpRemoval, mirrorDiskFragment } from "../../../provider/clusterpro/plan";
import { BASIC_WINDOWS, FIXTURE_NAMES, fixtureBytes, fixturePath, LINUX_DISK, NEOFACE, PREVIOUS, skipWithoutSharedFixtures, TEMPLATE } from "../clusterpro/helpers";

const declared = (name: string) => declareProgram(readModel(parseClpConf(fixtureBytes(name))));
const text = (b: Buffer) => b.toString("latin1");

/** Lines of `after` that `before` does not have. */
function newLines(before: Buffer, after: Buffer): string[] {
  const old = new Set(text(before).split(/\r?\n/));
  return text(after).split(/\r?\n/).filter((l) => !old.has(l)).map((l) => l.trim());
}

describe("to-program: a real clp.conf declared as a Pulumi program", () => {
  before(function () {
    skipWithoutSharedFixtures(this);
  });

  it("for each of the nine real files, the declared program applied by the provider leaves the file byte-identical", () => {
    assert.equal(FIXTURE_NAMES.length, 9);
    for (const name of FIXTURE_NAMES) {
      const p = declared(name);
      const r = applyProgram(fixtureBytes(name), p);
      assert.equal(r.changed, false, `${name}: ${newLines(fixtureBytes(name), r.after).slice(0, 5).join(" | ")}`);
      assert.ok(p.cluster.servers.length > 0 && p.cluster.interconnects.length > 0, name);
    }
  });

  it("declares what the types express: BasicCluster's group, floating IP, mirror disk (E/X as written), ping NP, charset ASCII with encode SJIS", () => {
    const p = declared(BASIC_WINDOWS);
    assert.deepEqual([p.cluster.language, p.cluster.charset, p.cluster.encode], ["ja", "ASCII", undefined]); // encode is the language's
    assert.deepEqual(p.cluster.networkPartitions, [{ kind: "ping", targets: ["10.1.1.1"] }]);
    assert.deepEqual(p.groups.map((g) => g.members.map((m) => [m.kind, m.name, m.monitor])), [[["floatingIp", "fip", true], ["mirrorDisk", "md", true]]]);
    const md = p.groups[0].members[1];
    assert.deepEqual([md.kind === "mirrorDisk" && md.dataPartition, md.kind === "mirrorDisk" && md.mirrorConnects], ["E", ["mdc1", "mdc2"]]);
    assert.deepEqual(p.cluster.userModeMonitor, {}, "its userw, with the product's defaults");
    assert.deepEqual(p.kept, []);
  });

  it("keeps and lists what it cannot declare (exec scripts, disk, volmgr, other monitors, diskhb, non-failover groups)", () => {
    const linux = declared(LINUX_DISK).kept.map((k) => k.path);
    for (const p of ["resource/volmgr@volmgr1", "resource/disk@disk1", "resource/exec@exec1", "monitor/genw@genw1", "heartbeat/diskhb@diskhb1", "monitor/fipw@fipw1"]) assert.ok(linux.includes(p), `${p} in ${linux.join(", ")}`);
    const template = declared(TEMPLATE).kept.map((k) => k.path);
    assert.ok(template.includes("group@vmgroup1") && template.includes("group@managegroup1"), template.join(", "));
    // The fipw whose target is "fip" (not a resource) is not claimed: fip1 is declared without a monitor.
    assert.equal(declared(LINUX_DISK).groups[0].members.find((m) => m.name === "fip1")?.monitor, false);
  });

  it("declares the real Linux files' disk resources as SharedDisks with their diskw (a disk depending on an undeclared volmgr is kept)", () => {
    const template = declared(TEMPLATE);
    const disk = template.groups.find((g) => g.name === "failover1")?.members.find((m) => m.name === "disk1");
    assert.deepEqual(disk, { kind: "sharedDisk", name: "disk1", device: "/dev/sdd2", mountPoint: "/mnt/disk", fileSystem: "ext3", monitor: true });
    assert.ok(!template.kept.some((k) => k.path === "monitor/diskw@diskw1" || k.path === "resource/disk@disk1"), template.kept.map((k) => k.path).join(", "));
    const linux = declared(LINUX_DISK);
    assert.deepEqual(linux.kept.find((k) => k.path === "resource/disk@disk1")?.why, "it names volmgr1, which this program does not declare");
    assert.ok(linux.kept.some((k) => k.path === "monitor/diskw@diskw1"));
    // Without the volmgr dependency, its diskw (reading /dev/sdc2, recovering the group) is the disk's monitor.
    const model = readModel(parseClpConf(fixtureBytes(LINUX_DISK)));
    model.resources = model.resources.map((r) => (r.name === "disk1" ? { ...r, dependsOn: "default" as const } : r));
    const disk1 = declareProgram(model).groups[0].members.find((m) => m.name === "disk1");
    assert.deepEqual(disk1, { kind: "sharedDisk", name: "disk1", device: "/dev/ecxsd/sd1", mountPoint: "/mnt/sd1", fileSystem: "ext3", diskType: "lvm", monitor: true, monitorDevice: "/dev/sdc2" });
    const files = renderProject(template, { source: TEMPLATE, packageVersion: "0.1.0" });
    assert.ok(files.find((f) => f.path === "index.ts")!.content.includes(`new clusterpro.SharedDisk("disk1"`));
  });

  it("orders members so that a dependsOn names only what is declared before it (NeoFace: md-m after fip-9)", () => {
    const g = declared(NEOFACE).groups[0];
    assert.deepEqual(g.members.map((m) => m.name), ["fip-9", "md-m"]);
    assert.deepEqual(g.resources.map((r) => [r.name, r.dependsOn]), [
      ["service-mssql", ["md-m"]], ["service-nfwss", ["service-iis"]], ["service-nfwhs", ["service-nfwss"]], ["service-iis", ["service-mssql"]],
    ]);
  });

  it("one edited property changes just that element; the adopted monitor keeps its name and recovery target", () => {
    const p: DeclaredProgram = declared(BASIC_WINDOWS);
    const fip = p.groups[0].members[0];
    if (fip.kind !== "floatingIp") throw new Error("expected the floating IP first");
    fip.address = "10.1.1.99";
    const r = applyProgram(fixtureBytes(BASIC_WINDOWS), p);
    assert.deepEqual(newLines(fixtureBytes(BASIC_WINDOWS), r.after), ["<ip>10.1.1.99</ip>"]);
    const m = readModel(parseClpConf(r.after)).monitors.find((x) => x.type === "fipw");
    assert.deepEqual([m?.name, m?.relation], ["fipw1", { type: "rsc", name: "fip" }]);
  });

  it("the mirror disk's volume GUIDs and a Linux NMP device stay as the file has them", () => {
    const after = readModel(parseClpConf(applyProgram(fixtureBytes(BASIC_WINDOWS), declared(BASIC_WINDOWS)).after));
    assert.equal((after.resources.find((r) => r.name === "md") as MirrorDiskResource).volumes?.length, 2);
    // A second Linux mirror disk asking for the NMP device md1 has gets the next free one.
    const doc = parseClpConf(fixtureBytes(PREVIOUS));
    const fragment = mirrorDiskFragment({ group: "failover1", name: "md9", os: "linux", servers: ["alma9-21", "alma9-22"], dataPartition: "/dev/sdc2", clusterPartition: "/dev/sdc1", mirrorConnects: ["mdc1"], mountPoint: "/mnt/md9", fileSystem: "ext4", monitor: false });
    (fragment.resources![0] as MirrorDiskResource).nmpPath = (readModel(doc).resources.find((r) => r.name === "md1") as MirrorDiskResource).nmpPath;
    const md9 = readModel(applyModel(doc, fragment, { validate: false })).resources.find((r) => r.name === "md9") as MirrorDiskResource;
    assert.notEqual(md9.nmpPath, (readModel(doc).resources.find((r) => r.name === "md1") as MirrorDiskResource).nmpPath);
    assert.match(md9.nmpPath ?? "", /^\/dev\/NMP\d+$/);
  });

  it("the user-mode monitor is the cluster's one userw whatever its name; a method change edits just that", () => {
    const p = declared(BASIC_WINDOWS);
    p.cluster.userModeMonitor = { method: "softdog" };
    const r = applyProgram(fixtureBytes(BASIC_WINDOWS), p);
    assert.deepEqual(newLines(fixtureBytes(BASIC_WINDOWS), r.after), ["<method>softdog</method>"]);
    const userw = readModel(parseClpConf(r.after)).monitors.filter((m) => m.type === "userw");
    assert.deepEqual(userw.map((m) => [m.name, m.method, m.relation]), [["userw", "softdog", { type: "cls", name: "LocalServer" }]]);
  });

  it("removing an adopted floating IP removes the monitor that watches it, whatever its name", () => {
    const doc = parseClpConf(fixtureBytes(BASIC_WINDOWS));
    const after = readModel(applyModel(doc, floatingIpRemoval({ group: "failover", name: "fip", address: "10.1.1.21", monitor: true }), { validate: false }));
    assert.deepEqual(after.monitors.map((m) => m.name), ["userw", "mdw1", "mdnw1"]);
  });

  it("renders a project whose index.ts declares every object, with values as JSON (no code from the file)", () => {
    const files = renderProject(declared(NEOFACE), { source: NEOFACE, packageVersion: "0.1.0" });
    assert.deepEqual(files.map((f) => f.path), ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"]);
    const index = files.find((f) => f.path === "index.ts")!.content;
    for (const s of [`new clusterpro.Cluster("cluster"`, `new clusterpro.FailoverGroup("failover-nfw"`, `new clusterpro.FloatingIp("fip-9"`, `new clusterpro.MirrorDisk("md-m"`, `"SQL Server (NEOFACE)"`, `charset: "ASCII"`]) {
      assert.ok(index.includes(s), s);
    }
    assert.match(files[0].content, /^name: clusterpro-cluster-nfw\nruntime: nodejs\n/);
    // A name with a quote stays a string.
    const p = declared(NEOFACE);
    p.groups[0].resources[0] = { ...p.groups[0].resources[0], name: `a"); process.exit(1); ("` } as (typeof p.groups)[0]["resources"][0];
    assert.ok(renderProject(p, { source: NEOFACE, packageVersion: "0.1.0" })[3].content.includes(JSON.stringify(`a"); process.exit(1); ("`)));
  });

  it("the CLI writes the project, refuses to overwrite without --force, and says what it kept", () => {
    const written = new Map<string, string>();
    let out = "";
    let err = "";
    const io: CliIo = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      readFile: (p) => fixtureBytes(path.basename(p)),
      writeFile: (p, c) => written.set(p, c),
      exists: (p) => written.has(p),
    };
    assert.equal(main(["to-program", fixturePath(LINUX_DISK), "--out", "proj"], io), 0, err);
    assert.deepEqual([...written.keys()].sort(), ["proj/Pulumi.yaml", "proj/index.ts", "proj/package.json", "proj/tsconfig.json"]);
    assert.match(out, /kept in clp\.conf as they are[\s\S]*resource\/volmgr@volmgr1/);
    assert.match(out, /checked: .* changes nothing/);
    assert.equal(main(["to-program", fixturePath(LINUX_DISK), "--out", "proj"], io), 1);
    assert.match(err, /already exist; choose another --out folder or pass --force/);
    assert.equal(main(["to-program", fixturePath(LINUX_DISK), "--out", "proj", "--force"], io), 0);
    assert.equal(main(["to-program"], io), 2);
  });

  it("the whole fragment serialises each real file unchanged even with every declared object re-applied twice", () => {
    for (const name of FIXTURE_NAMES) {
      const f = programFragment(declared(name));
      const twice = serializeClpConf(applyModel(applyModel(parseClpConf(fixtureBytes(name)), f, { validate: false }), f, { validate: false }));
      assert.ok(twice.equals(fixtureBytes(name)), name);
    }
  });
});
