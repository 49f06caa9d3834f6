// A FailoverGroup's service resources own their Windows services' startup type: create/update set each service to
// Manual on every server the group can run on, in the commit, before the push (one agent run per server); a service
// missing on a server fails the commit before anything is pushed; refresh reads the startup types back and reports a
// server that differs in `nodeState`, which the next diff shows and an update repairs (without a push).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { closeAllHosts } from "../../../provider/engine/connections";
import * as group from "../../../provider/resources/failover-group";
import { ConnectionSchema } from "../../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../../sim/lab";

const PASSWORD = "Lab-svc-startup-Pa55";

describe("FailoverGroup service resources own their services' startup type (lab)", function () {
  this.timeout(120_000);
  let lab: Lab;
  let dir: string;
  let connections: { name: string; connection: unknown }[];

  const inputs = (extra: Record<string, unknown> = {}) => ({
    clusterName: "S", serverOs: "windows", servers: ["server01", "server02"], maxDisruption: "group", connections,
    name: "failover", autoStart: true, failover: "auto", failback: "manual",
    resources: [{ type: "service", name: "service1", serviceName: "Spooler Lab" }],
    bootstrap: { cluster: { name: "S", language: "en", servers: ["server01", "server02"], interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "10.0.0.1", server02: "10.0.0.2" } }] } },
    ...extra,
  });
  const startup = (node: string) => lab.nodes.get(node)!.services.get("SpoolerLab")?.startup;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusterpro-svc-startup-"));
    lab = await Lab.start({ dir, nodes: [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }], username: "Administrator", password: PASSWORD });
    const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
    connections = info.nodes.map((n) => ({
      name: n.name,
      connection: ConnectionSchema.parse({ transport: "winrm", host: "127.0.0.1", port: n.winrm!.httpPort, https: false, username: n.username, password: PASSWORD }),
    }));
    // Installed on server01 only, Automatic (as an installer leaves it); named in the program by its display name.
    lab.nodes.get("server01")!.services.define({ name: "SpoolerLab", displayName: "Spooler Lab", startup: "automatic", state: "stopped", dependsOn: [] });
  });
  after(async () => {
    await closeAllHosts();
    await lab?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a service missing on a server fails the commit, naming the server, before anything is pushed", async () => {
    const pushes = lab.cluster.pushes();
    await assert.rejects(group.create(inputs()), /before the push failed, nothing was pushed: server02: service\.setStartup: service Spooler Lab does not exist/);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("create sets the service to Manual on every server before the push", async () => {
    lab.nodes.get("server02")!.services.define({ name: "SpoolerLab", displayName: "Spooler Lab", startup: "automatic", state: "stopped", dependsOn: [] });
    const runs = Object.fromEntries([...lab.stats].map(([n, s]) => [n, s.operations.agent ?? 0]));
    await group.create(inputs());
    assert.deepEqual([startup("server01"), startup("server02")], ["manual", "manual"]);
    assert.ok(lab.cluster.pushes() >= 1);
    assert.ok((lab.stats.get("server02")!.operations.agent ?? 0) - runs.server02 >= 1, "server02 was asked");
  });

  it("refresh reports a server whose service is not Manual; the diff shows it; an update repairs it without a push", async () => {
    const created = inputs();
    const converged = await group.read("S/group@failover", created);
    assert.equal(converged.props?.nodeState, "converged");
    lab.nodes.get("server02")!.services.setStartup("SpoolerLab", "automatic");
    const refreshed = await group.read("S/group@failover", created);
    assert.equal(refreshed.props?.nodeState, "drift: server02: service SpoolerLab startup automatic (want manual)");
    const d = await group.diff("S/group@failover", refreshed.inputs as Record<string, unknown>, created);
    assert.equal(d.changes, true, "nodeState differs from the program's (converged)");
    assert.deepEqual(d.replaces, []);
    const { nodeState: _n, ...program } = converged.inputs as Record<string, unknown>;
    assert.equal((await group.diff("S/group@failover", converged.inputs as Record<string, unknown>, program)).changes, false, "converged: no change");
    assert.equal((await group.diff("S/group@failover", refreshed.inputs as Record<string, unknown>, program)).changes, true, "the drift alone is a change");
    const pushes = lab.cluster.pushes();
    await group.update("S/group@failover", refreshed.inputs as Record<string, unknown>, created);
    assert.equal(startup("server02"), "manual");
    assert.equal(lab.cluster.pushes(), pushes, "clp.conf unchanged: nothing pushed");
    const again = await group.read("S/group@failover", created);
    assert.equal(again.props?.nodeState, "converged");
  });
});
