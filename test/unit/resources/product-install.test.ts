// ProductInstall's and ClusterApply's providers read their inputs through the schemas the SDK shares
// (sdk/schemas/product-install.ts, TargetInputsSchema). These cases need no node: check stops at a failure, and an
// unchanged install is not judged by preview (nothing to apply), so nothing is contacted.
import { strict as assert } from "node:assert";
import * as productInstall from "../../../provider/resources/product-install";
import * as clusterApply from "../../../provider/resources/cluster-apply";
import { folderRuleIssues, parseProductInstall } from "../../../provider/products";
import { ProductInstallArgsSchema } from "../../../sdk/schemas/product-install";

const target = {
  clusterName: "cluster1",
  serverOs: "windows",
  servers: ["server01", "server02"],
  maxDisruption: "group",
  // Loopback, port 9: never contacted by these cases.
  connections: ["server01", "server02"].map((name) => ({ name, connection: { transport: "winrm", host: "127.0.0.1", port: 9, https: false, username: "Administrator", password: "x" } })),
};
const settings = { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true };
const install = { ...target, name: "esmpro", group: "failover1", product: "esmpro-servermanager", settings, sharedFolder: "E:\\ESMPRO", nodeState: "converged" };

describe("ProductInstall provider: inputs through the shared schema", () => {
  it("check keeps the program's arguments as written (no setting defaults in the state) and parses the rest", async () => {
    // The state of an existing install, the same inputs again: no change, so preview does not contact the cluster.
    const r = await productInstall.check({ ...install, adopt: false }, install);
    assert.deepEqual(r.failures ?? [], []);
    assert.deepEqual(r.inputs?.settings, settings); // ProductInstallArgsSchema would add esmproUserGroups: [], … here
    assert.equal(r.inputs?.product, "esmpro-servermanager");
    assert.equal(r.inputs?.sharedFolder, "E:\\ESMPRO");
    assert.equal(r.inputs?.adopt, false); // the placement's default
    // What the provider parses the same inputs to: the settings with the product's defaults (typed per product).
    const parsed = ProductInstallArgsSchema.parse(install);
    assert.equal(parsed.product, "esmpro-servermanager");
    assert.ok(parsed.product === "esmpro-servermanager" && Array.isArray(parsed.settings.esmproUserGroups));
  });

  it("check names a bad setting, an unknown one and a missing shared folder by their paths, as the SDK does", async () => {
    const bad = { ...install, settings: { ...settings, dmiAlerts: "no", dmiAlert: true }, sharedFolder: undefined };
    const r = await productInstall.check({}, bad);
    const failures = (r.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
    assert.ok(failures.some((f) => f.startsWith("settings.dmiAlerts: ")), failures.join("\n"));
    assert.ok(failures.includes("settings.dmiAlert: unknown setting"), failures.join("\n"));
    assert.ok(failures.includes("sharedFolder: required: esmpro-servermanager puts data on the shared disk"), failures.join("\n"));
    const sdk = parseProductInstall({ product: bad.product, settings: bad.settings });
    assert.ok(!sdk.ok);
    assert.deepEqual(failures, sdk.issues.map((i) => `${i.path}: ${i.message}`));
  });

  it("check refuses a bad target before the product (the field named)", async () => {
    const r = await productInstall.check({}, { ...install, group: "bad group" });
    assert.deepEqual((r.failures ?? []).map((f) => f.property), ["group"]);
  });

  it("folderRuleIssues says what parseProductInstall says of the folders, for inputs the schema parsed", () => {
    assert.deepEqual(folderRuleIssues("esmpro-servermanager", {}), [{ path: "sharedFolder", message: "required: esmpro-servermanager puts data on the shared disk" }]);
    assert.deepEqual(folderRuleIssues("esmpro-servermanager", { sharedFolder: "E:\\ESMPRO", installFolder: "D:\\NEC\\SMM" }), []);
    const printport = parseProductInstall({ product: "printport-acos4", settings: { windowsServer: "2008-or-later", printerLanConnectionName: "LAN", controlFilesFolder: "C:\\ctl", ntpServer: "192.168.1.1" }, installFolder: "D:\\X" });
    assert.ok(!printport.ok);
    assert.deepEqual(folderRuleIssues("printport-acos4", { installFolder: "D:\\X" }), printport.issues);
  });
});

describe("ClusterApply provider: the target's z.output", () => {
  it("check refuses a target the schema refuses, naming the field", async () => {
    const r = await clusterApply.check({}, { ...target, servers: [] });
    assert.deepEqual((r.failures ?? []).map((f) => f.property), ["servers"]);
  });

  it("read answers the state as it is", async () => {
    const props = { ...target, applied: { 'FloatingIp "fip1"': "abc" } };
    assert.deepEqual(await clusterApply.read("cluster1/apply", props), { id: "cluster1/apply", props });
  });
});
