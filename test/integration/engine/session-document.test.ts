// The session parses the clp.conf of a state read once for every resource that asks (document()), and parses
// again only after the state is read again. Each resource's preview and adoption check used to parse it anew.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { clusterFragment, floatingIpFragment, groupFragment } from "../../../provider/clusterpro/plan";
import { serializeClpConf } from "../../../provider/clusterpro";
import { closeAllHosts } from "../../../provider/engine/connections";
import { ClusterSession, type ClusterTarget } from "../../../provider/engine/session";
import type { Lab } from "../../../sim/lab";
import { startWindowsSessionLab } from "../../support/session-lab";

const PASSWORD = "Lab-docs-Pa55";

describe("engine session: one parse of clp.conf per state read", function () {
  this.timeout(120_000);
  let lab: Lab;
  let dir: string;
  let target: ClusterTarget;

  before(async () => {
    ({ dir, lab, target } = await startWindowsSessionLab("clusterpro-session-doc-", PASSWORD, ["server01", "server02"]));
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("document() answers the same parsed document until the state is read again, and previews are unchanged by it", async () => {
    const s = new ClusterSession({ ...target });
    const cluster = clusterFragment({ name: "S", language: "en", os: "windows", servers: ["server01", "server02"], interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] });
    await Promise.all([s.commit({ label: "cluster", fragment: cluster }), s.commit({ label: "g1", fragment: groupFragment({ os: "windows", name: "g1", autoStart: true, failover: "auto", failback: "manual", resources: [] }) })]);
    assert.equal(lab.cluster.pushes(), 1);

    const first = await s.document();
    const second = await s.document();
    assert.equal(first.configured, true);
    assert.strictEqual(second.doc, first.doc, "the second call reuses the parse");
    assert.strictEqual(second.state, first.state);

    // Previews edit copies: the shared document stays as pulled, and the same mutation previews the same way twice.
    const fip = { label: "fip", fragment: floatingIpFragment({ group: "g1", name: "fip", address: "10.0.0.100", monitor: true }) };
    const a = await s.preview(fip);
    const b = await s.preview(fip);
    assert.equal(a.applyMethod, "group");
    assert.deepEqual(b, a);
    assert.strictEqual((await s.document()).doc, first.doc);
    assert.equal(serializeClpConf(first.doc).equals(first.state.conf!), true, "the shared document is still the pulled bytes");

    // A new read parses the new bytes.
    s.invalidate();
    const third = await s.document();
    assert.notStrictEqual(third.doc, first.doc);
    assert.equal(serializeClpConf(third.doc).equals(serializeClpConf(first.doc)), true);
  });
});
