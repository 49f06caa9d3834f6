// The pure parts of `clusterpro-lab load` (sim/lab-load.ts), without a running lab: which files fit which nodes
// (names compared case-insensitively as the cluster does, all/serveros against the nodes' OS), and the preparation
// of the nodes, which only adds what is missing. The CLI and the nine real files: test/integration/lab/lab-load.test.ts.
import { strict as assert } from "node:assert";
import { checkLoad, LoadRefusal, nodesOfConf, prepareNodes } from "../../../sim/lab-load";
import { readConf } from "../../../sim/cluster/conf";
import { SimNode } from "../../../sim/node/node";

/** A clp.conf with what the lab requires of every cluster (sim/cluster/required-elements.ts) around BODY. */
function conf(os: string | undefined, body: string): Buffer {
  const dev = (ip: string) => `<device id="0"><type>lan</type><info>${ip}</info></device>`;
  return Buffer.from(
    `<?xml version="1.0" encoding="ASCII"?>\n<root><all><charset>ASCII</charset><encode>SJIS</encode>${os === undefined ? "" : `<serveros>${os}</serveros>`}</all>` +
      `<cluster><name>c</name><comment/></cluster><webmgr><client><objectnumber>9</objectnumber></client></webmgr>` +
      `<server name="Node1"><priority>0</priority>${dev("10.0.0.1")}</server><server name="node2"><priority>1</priority>${dev("10.0.0.2")}</server>${body}` +
      `<monitor><userw name="userw"><comment/><relation><type>cls</type><name>LocalServer</name></relation></userw></monitor></root>\n`,
  );
}

const LINUX = conf(
  "linux",
  `<group name="g"><comment/><gid>0</gid><resource name="exec@e"/><resource name="disk@d"/></group>` +
    `<resource><exec name="e"><comment/><parameters><act><path>start.sh</path></act><deact><path>/usr/local/bin/stop-app</path></deact></parameters></exec>` +
    `<disk name="d"><comment/><parameters><disktype>disk</disktype><device>/dev/sdb1</device><mount><point>/mnt/shared</point></mount><fs>ext4</fs></parameters></disk></resource>`,
);
const WINDOWS = conf(
  "windows",
  `<group name="g"><comment/><resource name="service@s"/><resource name="md@m"/></group>` +
    `<resource><service name="s"><parameters><name>Spooler Service</name></parameters></service>` +
    `<md name="m"><comment/><parameters><netdev id="0"><priority>1</priority><device>400</device><mdcname>mdc1</mdcname></netdev>` +
    `<volumemountpoint>R</volumemountpoint><cpvolumemountpoint>Q:</cpvolumemountpoint></parameters>` +
    `<server name="Node1"><parameters><volumeguid>a1</volumeguid><cpvolumeguid>b1</cpvolumeguid></parameters></server>` +
    `<server name="node2"><parameters><volumeguid>a2</volumeguid><cpvolumeguid>b2</cpvolumeguid></parameters></server></md></resource>`,
);

describe("lab load: checking a clp.conf against the lab's nodes", () => {
  it("matches server names case-insensitively and maps them to the lab's node names", () => {
    const r = checkLoad(LINUX, [{ name: "node1", os: "linux" }, { name: "NODE2", os: "linux" }], "f.conf");
    assert.deepEqual([...r.nodeOf], [["Node1", "node1"], ["node2", "NODE2"]]);
    assert.equal(r.serverOs, "linux");
  });

  it("refuses servers that are not nodes, nodes that are not servers, and the wrong OS, naming each", () => {
    assert.throws(
      () => checkLoad(LINUX, [{ name: "node1", os: "windows" }, { name: "node3", os: "linux" }], "f.conf"),
      (e: Error) => {
        assert.ok(e instanceof LoadRefusal);
        assert.match(e.message, /^f\.conf does not fit this lab:/);
        assert.match(e.message, /server "Node1": the file is for linux servers \(all\/serveros is "linux"\) but lab node node1 is a windows node/);
        assert.match(e.message, /server "node2" is not a node of this lab \(nodes: node1, node3\)/);
        assert.match(e.message, /lab node node3 is not a server of the file \(servers: Node1, node2\)/);
        return true;
      },
    );
    assert.throws(() => checkLoad(conf(undefined, ""), [{ name: "node1", os: "linux" }, { name: "node2", os: "linux" }], "f.conf"), /the cluster lacks all\/serveros/);
  });

  it("refuses what the lab's push would refuse, and unreadable bytes", () => {
    assert.throws(() => checkLoad(conf("linux", `<group name="g"><resource name="exec@nope"/></group>`), [], "f.conf"), /f\.conf: The configuration is invalid: group "g" lists resource "exec@nope"/);
    assert.throws(() => nodesOfConf(Buffer.from("not xml"), "f.conf"), LoadRefusal);
  });

  it("derives the nodes of `start --conf` from the servers and all/serveros", () => {
    assert.deepEqual(nodesOfConf(WINDOWS, "f.conf"), [{ name: "Node1", os: "windows" }, { name: "node2", os: "windows" }]);
  });
});

describe("lab load: preparing the nodes", () => {
  it("Linux: a shared disk's mount point (one store), its device, the default start script; an absolute path is left alone", () => {
    const nodes = [SimNode.fresh("node1", "linux"), SimNode.fresh("node2", "linux")];
    const laid = prepareNodes(readConf(LINUX), nodes);
    assert.deepEqual(laid.get("node1"), [
      "script /opt/nec/clusterpro/scripts/g/e/start.sh",
      "mount point /mnt/shared (shared disk of disk d)",
      "device /dev/sdb1 (disk d)",
    ]);
    assert.equal(nodes[0].fs.volumeStore("/mnt/shared"), nodes[1].fs.volumeStore("/mnt/shared"), "one disk seen by both servers");
    assert.equal(nodes[1].fs.stat("/opt/nec/clusterpro/scripts/g/e/start.sh")?.mode, 0o755);
    assert.equal(nodes[0].fs.exists("/usr/local/bin/stop-app"), false);
    assert.deepEqual([...prepareNodes(readConf(LINUX), nodes).values()], [[], []], "a second preparation adds nothing");
  });

  it("Windows: the mirror's drives and a Manual stopped service; a service that exists is not touched", () => {
    const nodes = [SimNode.fresh("node1", "windows"), SimNode.fresh("node2", "windows")];
    nodes[1].services.define({ name: "Spooler", displayName: "Spooler Service", startup: "automatic", state: "running", dependsOn: [] });
    const laid = prepareNodes(readConf(WINDOWS), nodes);
    assert.deepEqual(laid.get("node1"), ['service "Spooler Service" (Manual, stopped)', "drive R: (data partition of md m)", "drive Q: (cluster partition of md m)"]);
    assert.deepEqual(laid.get("node2"), ["drive R: (data partition of md m)", "drive Q: (cluster partition of md m)"]);
    assert.notEqual(nodes[0].fs.volumeStore("R:"), nodes[1].fs.volumeStore("R:"), "a mirror's halves are the cluster's to join");
    assert.deepEqual(nodes[0].services.get("Spooler Service"), { name: "Spooler Service", displayName: "Spooler Service", startup: "manual", state: "stopped", dependsOn: [] });
    assert.equal(nodes[1].services.get("Spooler")?.state, "running");
    assert.equal(nodes[1].services.get("Spooler")?.startup, "automatic");
  });
});
