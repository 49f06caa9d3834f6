// `clusterpro-conf to-program`: the program declared from a real clp.conf leaves that file
// byte-identical when the provider applies it (so the first preview changes nothing), an edit to it
// changes just that, and what it cannot declare is kept and listed.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as ts from "typescript";
import { main, type CliIo } from "../../../provider/clusterpro/cli";
import { parseClpConf, readModel, serializeClpConf, applyModel, type MirrorDiskResource } from "../../../provider/clusterpro";
import { declareProgram, type DeclaredProgram } from "../../../provider/program/declare";
import { renderProject } from "../../../provider/program/render";
import { applyProgram, programFragment } from "../../../provider/program/verify";
import { floatingIpRemoval, mirrorDiskFragment } from "../../../provider/clusterpro/plan";
import { repoRoot } from "../../support/paths";
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

  it("keeps and lists what it cannot declare (exec scripts, custom monitors, other monitors, diskhb, non-failover groups)", () => {
    const linux = declared(LINUX_DISK).kept.map((k) => k.path);
    assert.deepEqual(linux, ["heartbeat/diskhb@diskhb1", "resource/exec@exec1", "monitor/fipw@fipw1", "monitor/genw@genw1"]);
    // A genw's script is not in clp.conf: declaring it would push a script this program cannot know.
    for (const name of [LINUX_DISK, PREVIOUS]) assert.match(declared(name).kept.find((k) => k.path.startsWith("monitor/genw@"))?.why ?? "", /script .* is not in clp\.conf/, name);
    const template = declared(TEMPLATE).kept.map((k) => k.path);
    assert.ok(template.includes("group@vmgroup1") && template.includes("group@managegroup1"), template.join(", "));
    // The fipw whose target is "fip" (not a resource) is not claimed: fip1 is declared without a monitor.
    assert.equal(declared(LINUX_DISK).groups[0].members.find((m) => m.name === "fip1")?.monitor, false);
  });

  it("declares the real Linux files' disk resources as SharedDisks with their diskw (a disk depending on a kept volmgr is kept)", () => {
    const template = declared(TEMPLATE);
    const disk = template.groups.find((g) => g.name === "failover1")?.members.find((m) => m.name === "disk1");
    assert.deepEqual(disk, { kind: "sharedDisk", name: "disk1", device: "/dev/sdd2", mountPoint: "/mnt/disk", fileSystem: "ext3", monitor: true });
    assert.ok(!template.kept.some((k) => k.path === "monitor/diskw@diskw1" || k.path === "resource/disk@disk1"), template.kept.map((k) => k.path).join(", "));
    // A volmgr of another type than VolumeManager offers is kept, and so is the disk that depends on it.
    const model = readModel(parseClpConf(fixtureBytes(LINUX_DISK)));
    model.resources = model.resources.map((r) => (r.name === "volmgr1" ? { ...r, volumeManager: "sdmgr" } : r));
    const linux = declareProgram(model);
    assert.match(linux.kept.find((k) => k.path === "resource/volmgr@volmgr1")?.why ?? "", /^a volume manager of type sdmgr/);
    assert.deepEqual(linux.kept.find((k) => k.path === "resource/disk@disk1")?.why, "it names volmgr1, which this program does not declare");
    assert.ok(linux.kept.some((k) => k.path === "monitor/diskw@diskw1") && linux.kept.some((k) => k.path === "monitor/volmgrw@volmgrw1"));
    const files = renderProject(template, { source: TEMPLATE, packageVersion: "0.1.0" });
    assert.ok(files.find((f) => f.path === "index.ts")!.content.includes(`new clusterpro.SharedDisk("disk1"`));
  });

  it("502a973 linux_disk_volmgr: volmgr1 with its volmgrw1, then disk1 (it depends on volmgr1) with diskw1, ipw1, pingnp1 and npaction are declared", () => {
    const p = declared(LINUX_DISK);
    assert.deepEqual(p.cluster.networkPartitions, [{ kind: "ping", targets: ["192.168.137.1", "192.168.137.76"] }]);
    assert.equal(p.cluster.networkPartitionAction, "keepalivePanic", "npaction 6 on Linux");
    assert.deepEqual(p.groups[0].members, [
      { kind: "floatingIp", name: "fip1", address: "192.168.137.70", monitor: false },
      { kind: "volumeManager", name: "volmgr1", volumeManager: "lvm", target: "ecxsd", monitor: true },
      { kind: "sharedDisk", name: "disk1", device: "/dev/ecxsd/sd1", mountPoint: "/mnt/sd1", fileSystem: "ext3", diskType: "lvm", monitor: true, monitorDevice: "/dev/sdc2", dependsOn: ["volmgr1"] },
    ]);
    assert.deepEqual(p.monitors, [{ kind: "ipMonitor", group: "failover", name: "ipw1", targets: ["192.168.137.1"] }]);
    for (const k of ["resource/volmgr@volmgr1", "monitor/volmgrw@volmgrw1", "resource/disk@disk1", "monitor/diskw@diskw1", "monitor/ipw@ipw1", "networkpartition/pingnp@pingnp1"]) {
      assert.ok(!p.kept.some((x) => x.path === k), `${k} is declared`);
    }
    assert.equal(applyProgram(fixtureBytes(LINUX_DISK), p).changed, false);
    // The declared objects are in the fragment (the round trip is not vacuous): each edit changes just its element.
    const edit = (change: (q: DeclaredProgram) => void) => {
      const q = declared(LINUX_DISK);
      change(q);
      return newLines(fixtureBytes(LINUX_DISK), applyProgram(fixtureBytes(LINUX_DISK), q).after);
    };
    assert.deepEqual(edit((q) => { (q.monitors[0] as { targets: string[] }).targets = ["192.168.137.254"]; }), ["<ip>192.168.137.254</ip>"]);
    assert.deepEqual(edit((q) => { q.monitors[0].failoverLimit = 2; }), ["<fo>2</fo>"]);
    assert.deepEqual(edit((q) => { q.cluster.networkPartitionAction = "rebootOs"; }), ["<npaction>3</npaction>"]);
    assert.deepEqual(edit((q) => { (q.groups[0].members[1] as { target: string }).target = "vg2"; }), ["<devname>vg2</devname>", "<devname>vg2</devname>"], "the volmgr's and its volmgrw's");
    const oneTarget = declared(LINUX_DISK);
    oneTarget.cluster.networkPartitions![0].targets = ["192.168.137.1"];
    const after = readModel(parseClpConf(applyProgram(fixtureBytes(LINUX_DISK), oneTarget).after));
    assert.deepEqual(after.networkPartitions.map((n) => [n.name, n.pingTargets]), [["pingnp1", ["192.168.137.1"]]]);
  });

  it("an IP monitor recovering the local server belongs to the cluster; one recovering a kept group, or with an unnamed final action, is kept", () => {
    const model = readModel(parseClpConf(fixtureBytes(LINUX_DISK)));
    const ipw = model.monitors.find((m) => m.name === "ipw1")!;
    const withIpw = (m: Partial<typeof ipw>) => declareProgram({ ...model, monitors: model.monitors.map((x) => (x === ipw ? { ...ipw, ...m } : x)) });
    const local = withIpw({ relation: { type: "cls", name: "LocalServer" }, interval: 15, restartThreshold: 1, finalAction: 2 });
    assert.deepEqual(local.monitors, [{ kind: "ipMonitor", name: "ipw1", intervalSeconds: 15, restartLimit: 1, finalAction: "stopGroup", targets: ["192.168.137.1"] }]);
    assert.match(renderProject(local, { source: LINUX_DISK, packageVersion: "0.1.0" })[3].content, /new clusterpro\.IpMonitor\("ipw1", \{ cluster: cluster, name: "ipw1", intervalSeconds: 15, /);
    assert.match(withIpw({ relation: { type: "grp", name: "other" } }).kept.find((k) => k.path === "monitor/ipw@ipw1")?.why ?? "", /neither a failover group this program declares nor the local server/);
    assert.match(withIpw({ finalAction: 9 }).kept.find((k) => k.path === "monitor/ipw@ipw1")?.why ?? "", /emergency\/action 9/);
    assert.match(withIpw({ ipTargets: ["gateway"] }).kept.find((k) => k.path === "monitor/ipw@ipw1")?.why ?? "", /targets\.0: /);
    // A NIC link monitor is declared the same way.
    const miiw = declareProgram({ ...model, monitors: [...model.monitors, { type: "miiw", name: "miiw1", object: "eth0", relation: { type: "grp", name: "failover" }, restartThreshold: 0 }] });
    assert.deepEqual(miiw.monitors.at(-1), { kind: "nicLinkMonitor", group: "failover", name: "miiw1", nic: "eth0" });
  });

  it("a ping network partition's interval, timeout, retries and the servers using it are declared from the file", () => {
    const model = readModel(parseClpConf(fixtureBytes(LINUX_DISK)));
    model.networkPartitions = model.networkPartitions.map((n) => ({ ...n, interval: 5, timeout: 3, retry: 2 }));
    model.servers = model.servers.map((s) => (s.name === "server2" ? { ...s, devices: s.devices!.map((d) => (d.id === 10200 ? { ...d, info: "0" } : d)) } : s));
    assert.deepEqual(declareProgram(model).cluster.networkPartitions, [{ kind: "ping", targets: ["192.168.137.1", "192.168.137.76"], intervalSeconds: 5, timeoutSeconds: 3, retries: 2, servers: ["server1"] }]);
    // A server without the ping device: the Cluster would add it, so the partitions are kept as they are.
    model.servers = model.servers.map((s) => (s.name === "server2" ? { ...s, devices: s.devices!.filter((d) => d.id !== 10200) } : s));
    const kept = declareProgram(model);
    assert.equal(kept.cluster.networkPartitions, undefined);
    assert.ok(kept.kept.some((k) => k.path === "networkpartition/pingnp@pingnp1"));
  });

  it("the rendered programs type-check against the SDK (502a973 with VolumeManager and IpMonitor, BasicCluster, NeoFace); a broken one does not", function () {
    this.timeout(300_000);
    const root = path.join(repoRoot, "to-program-typecheck");
    const sources = new Map<string, string>();
    for (const name of [LINUX_DISK, BASIC_WINDOWS, NEOFACE]) {
      const index = renderProject(declared(name), { source: name, packageVersion: "0.1.0" }).find((f) => f.path === "index.ts")!.content;
      sources.set(path.join(root, `${sources.size}`, "index.ts"), index);
    }
    const linux = [...sources.values()][0];
    assert.ok(linux.includes(`new clusterpro.VolumeManager("volmgr1"`) && linux.includes(`new clusterpro.IpMonitor("ipw1", { group: groupFailover`) && linux.includes(`networkPartitionAction: "keepalivePanic"`));
    const broken = path.join(root, "broken", "index.ts");
    sources.set(broken, linux.replace(/targets: \["192\.168\.137\.1"\] \}\);/, "nic: \"eth0\" });"));
    assert.notEqual(sources.get(broken), linux);
    const options: ts.CompilerOptions = {
      strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true, skipLibCheck: true, noEmit: true,
      baseUrl: repoRoot, paths: { "pulumi-clusterpro": ["sdk/index.ts"] }, types: ["node"],
    };
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (f) => sources.has(f) || fileExists.call(host, f);
    host.readFile = (f) => sources.get(f) ?? readFile.call(host, f);
    host.getSourceFile = (f, v, ...rest) => (sources.has(f) ? ts.createSourceFile(f, sources.get(f)!, v) : getSourceFile.call(host, f, v, ...rest));
    const program = ts.createProgram([...sources.keys()], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    assert.deepEqual(diagnostics.filter((d) => !d.startsWith(broken)), []);
    assert.ok(diagnostics.some((d) => d.startsWith(broken) && /'nic' does not exist in type 'IpMonitorArgs'/.test(d)), diagnostics.join("\n"));
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
    assert.match(out, /kept in clp\.conf as they are[\s\S]*monitor\/genw@genw1: its script/);
    assert.doesNotMatch(out, /resource\/volmgr@volmgr1/);
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
