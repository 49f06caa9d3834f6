// Windows lab nodes model volume GUIDs: each drive letter has one (derived from the node's name and the letter, so
// stable across a lab restart and different on each node), a load gives the letters the GUIDs a clp.conf's md
// <server> blocks name (kept in the node's snapshot), and the lab's agent executor answers volume.list in the
// Windows agent's raw Win32_Volume form, which the provider's decoder reads back as the same GUIDs.
import { strict as assert } from "node:assert";
import { executeOps, formatAgentOutput } from "../../../sim/agent/executor";
import { readConf } from "../../../sim/cluster/conf";
import { prepareNodes } from "../../../sim/lab-load";
import { labVolumeGuid, restoreStore, SimNode, snapshotStore } from "../../../sim/node/node";
import { parseAgentOutput, validateOps, wirePayload } from "../../../provider/remote/agent";
import { PRINTPORT_VOLUME_GUIDS } from "../sim-cluster/helpers";

const noClp = () => ({ exitCode: 1, stdout: "", stderr: "" });

function volumeList(node: SimNode) {
  const ops = validateOps([{ op: "volume.list" }]);
  const out = formatAgentOutput(executeOps(node, wirePayload(ops).ops, noClp));
  return parseAgentOutput(out, ops, { node: node.name })[0];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("lab nodes: volume GUIDs", () => {
  it("every drive letter of a Windows node has a GUID in clp.conf's form, the same for the same node and letter, different across nodes", () => {
    const a = SimNode.fresh("server01", "windows");
    const b = SimNode.fresh("server02", "windows");
    assert.deepEqual(a.letteredVolumes().map((v) => v.letter), ["C", "D", "E"]);
    for (const v of a.letteredVolumes()) assert.match(v.guid, GUID);
    assert.equal(a.volumeGuid("E:"), labVolumeGuid("server01", "E"));
    assert.equal(a.volumeGuid("e"), SimNode.fresh("server01", "windows").volumeGuid("E"));
    assert.notEqual(a.volumeGuid("E"), b.volumeGuid("E"));
    assert.notEqual(a.volumeGuid("E"), a.volumeGuid("D"));
    assert.equal(a.volumeGuid("X"), undefined, "no volume X");
    assert.equal(SimNode.fresh("l1", "linux").volumeGuid("E"), undefined);
  });

  it("the executor answers volume.list as the Windows agent does; the provider's decoder reads the node's GUIDs back", () => {
    const node = SimNode.fresh("server01", "windows");
    const r = volumeList(node);
    assert.ok(r.ok && r.op === "volume.list", JSON.stringify(r));
    assert.deepEqual(
      r.value.volumes.map((v) => [v.letter, v.guid]),
      node.letteredVolumes().map((v) => [v.letter, v.guid]),
    );
    assert.equal(r.value.volumes[0].fileSystem, "NTFS");
  });

  it("a Linux node refuses volume.list as Windows-only", () => {
    const r = volumeList(SimNode.fresh("l1", "linux"));
    assert.deepEqual(r, { op: "volume.list", ok: false, error: { code: "unsupported", message: "volume.list exists only on Windows" } });
  });

  it("a load gives each server the GUIDs its md block names (server names case-insensitive); they survive a snapshot", () => {
    const file = Buffer.from(
      `<?xml version="1.0" encoding="ASCII"?>\n<root><all><serveros>windows</serveros></all><cluster><name>c</name></cluster>` +
        `<server name="Node1"><priority>0</priority></server><server name="node2"><priority>1</priority></server>` +
        `<group name="g"><resource name="md@m"/></group><resource><md name="m"><parameters><volumemountpoint>R</volumemountpoint><cpvolumemountpoint>Q:</cpvolumemountpoint></parameters>` +
        `<server name="Node1"><parameters><volumeguid>4519E341-59ed-43e9-8856-d2c9ed671f65</volumeguid><cpvolumeguid>4cd3fa30-0e5a-4c55-a2b6-5c1f8e1b9d01</cpvolumeguid></parameters></server>` +
        `</md></resource></root>\n`,
    );
    const nodes = [SimNode.fresh("node1", "windows"), SimNode.fresh("node2", "windows")];
    const laid = prepareNodes(readConf(file), nodes);
    assert.deepEqual(laid.get("node1")?.filter((l) => l.startsWith("volume GUID")), [
      "volume GUID 4519e341-59ed-43e9-8856-d2c9ed671f65 for R: (md m)",
      "volume GUID 4cd3fa30-0e5a-4c55-a2b6-5c1f8e1b9d01 for Q: (md m)",
    ]);
    assert.equal(nodes[0].volumeGuid("R"), "4519e341-59ed-43e9-8856-d2c9ed671f65");
    assert.equal(nodes[0].volumeGuid("Q"), "4cd3fa30-0e5a-4c55-a2b6-5c1f8e1b9d01");
    assert.equal(nodes[1].volumeGuid("R"), labVolumeGuid("node2", "R"), "no block for node2: its own GUID");
    assert.deepEqual(laid.get("node2")?.filter((l) => l.startsWith("volume GUID")), []);
    assert.deepEqual(prepareNodes(readConf(file), nodes).get("node1"), [], "a second load adds nothing");

    const stores = new Map(nodes[0].fs.volumes().map((v) => [v.store.id, restoreStore(snapshotStore(v.store))]));
    const again = SimNode.restore(JSON.parse(JSON.stringify(nodes[0].snapshot())), stores);
    assert.equal(again.volumeGuid("R"), "4519e341-59ed-43e9-8856-d2c9ed671f65");
    assert.equal(again.volumeGuid("E"), nodes[0].volumeGuid("E"));
  });

  it("the seed-000 fixture's md names the GUIDs a fresh lab's server01 and server02 have (so pushing it by hand starts the group)", () => {
    for (const [server, guids] of Object.entries(PRINTPORT_VOLUME_GUIDS)) {
      const node = SimNode.fresh(server, "windows");
      assert.deepEqual({ E: node.volumeGuid("E"), D: node.volumeGuid("D") }, guids, server);
    }
  });
});
