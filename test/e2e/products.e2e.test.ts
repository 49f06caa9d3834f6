// ProductInstall end to end: the seed-000 stack with the PrintPort for ACOS-4 product on a lab where
// PrintPort is freshly installed (its spooler Automatic and running on both servers). The product
// sets the spooler to Manual and stopped on both nodes, writes the printer-LAN batch files on both,
// sets Windows Time to Automatic with the NTP server, and adds the spooler's service resource with a
// 30 s stop time-out; a second up changes nothing; a mutual-standby program fails at preview.
import { strict as assert } from "node:assert";
import * as iconv from "iconv-lite";
import { parseClpConf, readModel } from "../../provider/clusterpro";
import type { Lab } from "../../sim/lab";
import { startLabStack, TWO_WINDOWS_NODES, type LabStack } from "../support/lab-stack";
import type { PulumiProject } from "../support/pulumi-project";
import { SEED000_PROGRAM } from "../support/seed000";

const PASSWORD = "Lab-products-Pa55";

/** The demo program with PrintPort as a ProductInstall instead of a hand-declared service resource. */
export const SEED000_WITH_PRODUCT = SEED000_PROGRAM.replace(
  `resources: [{ type: "service", name: "service", serviceName: "PrintPort_SPL", stopTimeoutSeconds: 30 }] });`,
  "});",
)
  .replace(
    `new clusterpro.FailoverGroup("nic", {`,
    `const printport = new clusterpro.ProductInstall("printport", { group: failover, product: "printport-acos4",
  settings: { windowsServer: "2008-or-later", controlFilesFolder: "C:\\\\clp", printerLanConnectionName: "ローカル エリア接続 3", ntpServer: "ntp.example.jp" } });
new clusterpro.FailoverGroup("nic", {`,
  )
  .replace(`startPath: "C:\\\\clp\\\\disable.bat", stopPath: "C:\\\\clp\\\\enable.bat" }] });`, `startPath: "C:\\\\clp\\\\disable.bat", stopPath: "C:\\\\clp\\\\enable.bat" }] }, { dependsOn: [printport] });`);

describe("e2e: ProductInstall printport-acos4 on the seed-000 stack", function () {
  this.timeout(600_000);
  let stack: LabStack;
  let lab: Lab;
  let project: PulumiProject;

  before(async () => {
    assert.notEqual(SEED000_WITH_PRODUCT, SEED000_PROGRAM);
    assert.match(SEED000_WITH_PRODUCT, /ProductInstall[\s\S]*dependsOn: \[printport\]/);
    stack = await startLabStack({ project: "printport", program: SEED000_WITH_PRODUCT, nodes: TWO_WINDOWS_NODES, password: PASSWORD, products: ["printport-acos4"] });
    ({ lab, project } = stack);
  });
  after(() => stack?.dispose());

  it("starts from a fresh, non-clustered PrintPort install", () => {
    for (const n of ["server01", "server02"]) {
      const s = lab.node(n).services.get("PrintPort_SPL");
      assert.deepEqual([s?.startup, s?.state], ["automatic", "running"]);
      assert.deepEqual([lab.node(n).services.get("W32Time")?.startup, lab.node(n).services.get("W32Time")?.state], ["manual", "stopped"]);
    }
  });

  it("converges with one push: every node-level fact of the seed on both servers, and the service resource in the group", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up"]);
    // The install's group comes with this run: pushed once and held, the install's steps, then the group started.
    assert.equal(lab.cluster.pushes() - pushes, 1, "one clp.conf push");
    for (const n of ["server01", "server02"]) {
      const node = lab.node(n);
      assert.equal(node.services.get("PrintPort_SPL")?.startup, "manual", `${n}: spooler Manual`);
      assert.deepEqual([node.services.get("W32Time")?.startup, node.services.get("W32Time")?.state], ["automatic", "running"], `${n}: Windows Time automatic and started`);
      assert.equal(node.registry?.get("HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", "NtpServer")?.data, "ntp.example.jp,0x9");
      assert.equal(iconv.decode(node.fs.readFile("C:\\clp\\disable.bat"), "cp932"), 'netsh interface set interface "ローカル エリア接続 3" disable\r\n');
      assert.equal(iconv.decode(node.fs.readFile("C:\\clp\\enable.bat"), "cp932"), 'netsh interface set interface "ローカル エリア接続 3" enable\r\n');
    }
    assert.equal(lab.node("server01").services.get("PrintPort_SPL")?.state, "running", "the group runs the spooler on the active server");
    assert.equal(lab.node("server02").services.get("PrintPort_SPL")?.state, "stopped", "and it is stopped on the standby");
    const m = readModel(parseClpConf(lab.cluster.conf("server01") as Buffer));
    const svc = m.resources.find((r) => r.type === "service" && (r as { serviceName?: string }).serviceName === "PrintPort_SPL");
    assert.equal(svc?.group, "failover");
    assert.equal(svc?.deact?.timeout, 30);
    const status = lab.cluster.statusText();
    assert.match(status, /failover \.+: Online\s*\r?\n\s+current +: server01/);
    assert.match(status, /NIC_disable \.+: Online\s*\r?\n\s+current +: server02/);
    assert.equal(lab.node("server02").nics.get("ローカル エリア接続 3"), false, "the product's batch file disabled the standby's printer LAN");
  });

  it("changes nothing on a second up", async () => {
    const pushes = lab.cluster.pushes();
    await project.run(["up", "--expect-no-changes"]);
    assert.equal(lab.cluster.pushes(), pushes);
  });

  it("fails at preview for a mutual-standby PrintPort program, naming the seed rule", async () => {
    project.writeProgram(
      SEED000_WITH_PRODUCT.replace(
        `new clusterpro.FailoverGroup("nic", {`,
        `const second = new clusterpro.FailoverGroup("failover2", { cluster, name: "failover2", startupServers: ["server02", "server01"] });
new clusterpro.ProductInstall("printport2", { group: second, product: "printport-acos4",
  settings: { windowsServer: "2008-or-later", controlFilesFolder: "C:\\\\clp", printerLanConnectionName: "ローカル エリア接続 3", ntpServer: "ntp.example.jp" } });
new clusterpro.FailoverGroup("nic", {`,
      ),
    );
    lab.resetStats();
    const pushesBefore = lab.cluster.pushes();
    const r = await project.run(["preview"], { allowFailure: true });
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /invalid ProductInstall "printport2":[\s\S]*printport-acos4: printport-one-way-standby, seed 000 §1\.1/);
    // The preview of the objects registered before the invalid one may read each node once (the cluster state on
    // the master; the mirror disk's volume GUIDs on each server); nothing more.
    for (const [node, s] of lab.stats) assert.ok((s.operations.agent ?? 0) <= 1, `${node}: at most one read (${s.operations.agent} agent runs)`);
    assert.equal(lab.cluster.pushes(), pushesBefore, "nothing pushed");
  });
});
