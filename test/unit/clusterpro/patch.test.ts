import { strict as assert } from "node:assert";
import { buildFloatingIp, buildMirrorDisk, buildServiceResource } from "../../../provider/clusterpro/builders";
import { createClpConf } from "../../../provider/clusterpro/create";
import { getValue, parseClpConf, serializeClpConf } from "../../../provider/clusterpro/document";
import { FipResource, ServiceResource } from "../../../provider/clusterpro/model";
import {
  applyModel, ClpConfError, removeGroup, removeMonitor, removeResource, setGroup, setMonitor, setResource, setServer,
} from "../../../provider/clusterpro/patch";
import { readModel } from "../../../provider/clusterpro/read";
import {
  addedLines, asCreated, BASIC_WINDOWS, CURRENT, DLL_SJIS_TABS, fixture, fixtureBytes, NEOFACE, PREVIOUS, removedLines, TEMPLATE, skipWithoutSharedFixtures,
} from "./helpers";

const text = (d: { text: string }) => d.text;

describe("patching clp.conf from model objects", () => {
  before(function () {
    skipWithoutSharedFixtures(this);
  });
  it("rebuilds the clpcfdiff 'current' file from 'previous' with a group, an md and its monitors", () => {
    const md = buildMirrorDisk({
      os: "linux", name: "md2", group: "failover2", nmpPath: "/dev/NMP2", mountPoint: "/mnt/md2", dataPartition: "/dev/md2/dp",
      clusterPartition: "/dev/md2/cp", fs: "ext4", mdDriver: { port: 29052, hbPort: 29032, ack2Port: 29072 },
      monitors: { mdwName: "mdw2", mdnwName: "mdnw2" },
    });
    const out = applyModel(fixture(PREVIOUS), { groups: [{ name: "failover2" }], resources: [md.resource], monitors: md.monitors });
    assert.deepEqual(readModel(out), { ...readModel(fixture(CURRENT)) });
    // Same lines as NEC's own file apart from the WebUI's configid and the element order inside the new md.
    const ours = serializeClpConf(out).toString("latin1").replace(/\r\n/g, "\n");
    const theirs = fixtureBytes(CURRENT).toString("latin1");
    assert.deepEqual(addedLines(theirs, ours).map((l) => l.trim()).filter((l) => !l.startsWith("<configid>")), []);
    assert.ok(serializeClpConf(out).toString("latin1").includes("<md name=\"md2\">\r\n      <comment/>\r\n"), "CRLF kept in new elements");
  });

  it("changing one resource parameter edits one line and nothing else", () => {
    const doc = fixture(NEOFACE);
    const svc = readModel(doc).resources.find((r) => r.name === "service-iis") as ServiceResource;
    const out = setResource(doc, { ...svc, actWaitTime: 60 });
    assert.deepEqual(removedLines(doc.text, out.text).map((l) => l.trim()), ["<actwaittime>30</actwaittime>"]);
    assert.deepEqual(addedLines(doc.text, out.text).map((l) => l.trim()), ["<actwaittime>60</actwaittime>"]);
  });

  it("setting an object to what the file already says changes nothing (whitespace comments included)", () => {
    const doc = fixture(NEOFACE);
    const m = readModel(doc);
    let out = doc;
    for (const g of m.groups) out = setGroup(out, g);
    for (const r of m.resources) out = setResource(out, r);
    for (const x of m.monitors) out = setMonitor(out, x);
    for (const s of m.servers) out = setServer(out, s);
    assert.equal(out.changed, false);
    assert.ok(serializeClpConf(out).equals(fixtureBytes(NEOFACE)));
  });

  it("adds a resource of a new type with its <types> declaration and recomputes objectnumber", () => {
    const doc = fixture(DLL_SJIS_TABS);
    const svc = buildServiceResource({ name: "svc1", group: "failover", serviceName: "Spooler", monitor: true });
    const out = applyModel(doc, { resources: [svc.resource], monitors: svc.monitors });
    const t = text(out);
    assert.ok(t.includes("\t\t<types name=\"fip\"/>\n\t\t<types name=\"service\"/>\n\t\t<fip name=\"fip\">"));
    assert.ok(t.includes("\t\t<service name=\"svc1\">\n\t\t\t<comment/>\n\t\t\t<parameters>\n\t\t\t\t<name>Spooler</name>\n\t\t\t</parameters>\n\t\t</service>\n\t</resource>"));
    assert.ok(t.includes("\t\t<resource name=\"fip@fip\"/>\n\t\t<resource name=\"service@svc1\"/>"));
    assert.equal(getValue(out, "webmgr/client/objectnumber"), "16");
  });

  it("sets group attributes, startup servers and start waits; gid is assigned sequentially for new groups", () => {
    let doc = fixture(PREVIOUS);
    doc = setGroup(doc, { name: "failover1", autoStart: false, autoFailback: true, startupServers: [{ server: "alma9-22", order: 0 }, { server: "alma9-21", order: 1 }] });
    doc = setGroup(doc, { name: "g2", startAfter: [{ group: "failover1", sameServer: true }] });
    const m = readModel(doc);
    assert.deepEqual(m.groups[0], {
      name: "failover1", comment: "", gid: 0, type: "failover", autoStart: false, autoFailback: true,
      resources: ["md@md1", "exec@exec1"], startupServers: [{ server: "alma9-22", order: 0 }, { server: "alma9-21", order: 1 }],
    });
    assert.deepEqual(m.groups[1], { name: "g2", comment: "", gid: 1, type: "failover", resources: [], startAfter: [{ group: "failover1", sameServer: true }] });
    // Removing a startup server removes only its <policy>.
    const fewer = setGroup(doc, { name: "failover1", startupServers: [{ server: "alma9-22", order: 0 }] });
    assert.deepEqual(readModel(fewer).groups[0].startupServers, [{ server: "alma9-22", order: 0 }]);
  });

  it("changes a group's type and back (failover is written by omission only for new groups)", () => {
    const doc = setGroup(fixture(TEMPLATE), { name: "vmgroup1", type: "failover" });
    assert.equal(readModel(doc).groups[1].type, "failover");
    assert.equal(readModel(setGroup(doc, { name: "vmgroup1", type: "cluster" })).groups[1].type, "cluster");
  });

  it("removes a group with its resources and renumbers later gids", () => {
    const doc = removeGroup(fixture(TEMPLATE), "failover1");
    const m = readModel(doc);
    assert.deepEqual(m.groups.map((g) => [g.name, g.gid]), [["vmgroup1", 0], ["managegroup1", 1]]);
    assert.deepEqual(m.resources.map((r) => r.name), ["fip2"]);
    assert.equal(m.objectNumber, 24 - 1 - 3);
    // The exec and disk <types> went with their last resource; fip stays declared for fip2.
    assert.ok(!doc.text.includes("<types name=\"exec\"/>") && !doc.text.includes("<types name=\"disk\"/>"));
    assert.ok(doc.text.includes("<types name=\"fip\"></types>"));
  });

  it("removes a resource, its membership entry and (as the last of its type) its <types>", () => {
    const doc = removeMonitor(removeResource(fixture(BASIC_WINDOWS), "fip"), "fipw1");
    assert.ok(!doc.text.includes("fip@fip") && !doc.text.includes("<types name=\"fip\" />") && !doc.text.includes("fipw"));
    assert.equal(getValue(doc, "webmgr/client/objectnumber"), "17");
  });

  it("moves a resource to another group", () => {
    let doc = setGroup(fixture(BASIC_WINDOWS), { name: "other" });
    const fip = readModel(doc).resources[0] as FipResource;
    doc = setResource(doc, { ...fip, group: "other" });
    assert.deepEqual(readModel(doc).groups.map((g) => g.resources), [["md@md"], ["fip@fip"]]);
  });

  it("writes explicit, empty and default dependencies", () => {
    const doc = fixture(BASIC_WINDOWS);
    const fip = readModel(doc).resources[0] as FipResource;
    const none = setResource(doc, { ...fip, dependsOn: [] });
    assert.ok(none.text.includes("<depend name=\"\" />"));
    assert.deepEqual(readModel(none).resources[0].dependsOn, []);
    const back = setResource(none, { ...fip, dependsOn: "default" });
    assert.equal(back.text, doc.text);
  });

  it("adds a server with devices in the WebUI's layout", () => {
    const doc = setServer(fixture(PREVIOUS), { name: "alma9-23", priority: 2, devices: [{ id: 0, type: "lan", info: "192.168.122.23" }, { id: 400, type: "mdc", info: "192.168.122.23" }] });
    assert.ok(doc.text.includes("  <server name=\"alma9-23\">\r\n    <priority>2</priority>\r\n    <device id=\"0\">\r\n      <type>lan</type>\r\n      <info>192.168.122.23</info>\r\n    </device>\r\n    <device id=\"400\">\r\n      <type>mdc</type>\r\n      <info>192.168.122.23</info>\r\n      <mdc>\r\n        <info>192.168.122.23</info>\r\n      </mdc>\r\n    </device>\r\n  </server>\r\n  <heartbeat>"));
    // 15 + 1 server + (1 heartbeat + 0 np) × 1 more server
    assert.equal(getValue(doc, "webmgr/client/objectnumber"), "17");
  });

  it("applyModel refuses a result that breaks an invariant, naming object and rule", () => {
    const fip = buildFloatingIp({ name: "fip2", group: "failover", ip: "10.1.1.21" });
    assert.throws(
      () => applyModel(fixture(BASIC_WINDOWS), { resources: [fip.resource], monitors: fip.monitors }),
      (e: unknown) => e instanceof ClpConfError && e.violations.some((v) => v.rule === "fip-unique" && v.path === "resource/fip@fip2"),
    );
  });

  it("setResource refuses a resource whose group does not exist", () => {
    const fip = buildFloatingIp({ name: "fip2", group: "nogroup", ip: "10.1.1.22" });
    assert.throws(() => setResource(fixture(BASIC_WINDOWS), fip.resource), /resource\/fip@fip2: \[group-exists\]/);
  });
});

describe("building a clp.conf from scratch", () => {
  it("creates an empty Linux cluster and adds servers, heartbeat, group, fip with fipw, md with monitors", () => {
    let doc = createClpConf({ name: "本番クラスタ", serverOs: "linux" });
    assert.equal(doc.encoding.declared, "EUC-JP");
    const fip = buildFloatingIp({ name: "fip1", group: "failover1", ip: "10.0.0.9" });
    const md = buildMirrorDisk({ os: "linux", name: "md1", group: "failover1", nmpPath: "/dev/NMP1", mountPoint: "/mnt/md1", dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1", fs: "ext4" });
    doc = applyModel(doc, {
      servers: ["n1", "n2"].map((name, i) => ({ name, priority: i, devices: [{ id: 0, type: "lan", info: `10.0.0.${i + 1}` }, { id: 400, type: "mdc", info: `10.0.1.${i + 1}` }] })),
      heartbeats: [{ type: "lankhb", name: "lankhb1", priority: 0, device: 0 }],
      groups: [{ name: "failover1" }],
      resources: [fip.resource, md.resource],
      monitors: [...fip.monitors, ...md.monitors],
    });
    const m = readModel(doc);
    assert.equal(m.cluster.name, "本番クラスタ");
    // 4 + 2 servers + 1 group + 2 resources + 3 monitors + 1 heartbeat × 2 servers
    assert.equal(m.objectNumber, 14);
    assert.deepEqual(m.resources, [asCreated(fip.resource), asCreated(md.resource)]);
    const bytes = serializeClpConf(doc);
    assert.deepEqual(readModel(parseClpConf(bytes)), m);
    assert.ok(bytes.includes(Buffer.from([0xcb, 0xdc, 0xc8, 0xd6])), "EUC-JP bytes of 本番");
  });
});
