// The apply method of each kind of parameter change (issue 13 item 4): settings the product reads when a
// resource or group next starts are applied with suspend → push → resume, never by stopping the group;
// what binds at activation (an address, a disk, the service a resource controls) still stops the group.
import { strict as assert } from "node:assert";
import { classifyChange, type ChangeFacts } from "../../../provider/clusterpro/apply-method";
import { diffConfigs } from "../../../provider/clusterpro/diff";
import { setValue } from "../../../provider/clusterpro/document";
import { setGroup } from "../../../provider/clusterpro/patch";
import { readModel } from "../../../provider/clusterpro/read";
import { fixture, NEOFACE, skipWithoutSharedFixtures } from "./helpers";

const seg = (path: string) =>
  path.split("/").map((p) => {
    const [name, key] = p.split("@");
    return key === undefined ? { name } : { name, key };
  });
const facts = (kind: ChangeFacts["kind"], path: string, extra: Partial<ChangeFacts> = {}): ChangeFacts => {
  const segments = seg(path);
  const f: ChangeFacts = { kind, segments, ...extra };
  if (segments[0].name === "resource") f.resourceType = segments[1].name;
  if (segments[0].name === "group") f.group = segments[0].key;
  return f;
};

// [change, kind, path below /root, expected method, expected rule]
const TABLE: [string, ChangeFacts["kind"], string, string, string][] = [
  ["service stop time-out", "modify", "resource/service@svc/deact/timeout", "suspend", "resource-recovery-settings"],
  ["service start time-out added", "add", "resource/service@svc/act", "suspend", "resource-recovery-settings"],
  ["service final action on a stop failure", "modify", "resource/service@svc/deact/action", "suspend", "resource-recovery-settings"],
  ["service wait after start", "modify", "resource/service@svc/parameters/actwaittime", "suspend", "service-tuning"],
  ["service 'already started' option", "add", "resource/service@svc/parameters/started", "suspend", "service-tuning"],
  ["application stop time-out", "modify", "resource/appli@app/deact/timeout", "suspend", "resource-recovery-settings"],
  ["Windows script start time-out", "modify", "resource/script@scr/act/timeout", "suspend", "resource-recovery-settings"],
  ["Linux exec script time-out", "modify", "resource/exec@ex/parameters/timeout/stop", "suspend", "exec-timeouts"],
  ["regsync key changed", "modify", "resource/regsync@rs/parameters/key@0", "suspend", "regsync-keys"],
  ["regsync key added", "add", "resource/regsync@rs/parameters/key@1", "suspend", "regsync-keys"],
  ["startup-server order", "modify", "group@failover/policy@server01/order", "suspend", "group-policy"],
  ["startup server added", "add", "group@failover/policy@server03", "suspend", "group-policy"],
  ["auto failback", "add", "group@failover/failback", "suspend", "group-policy"],
  ["start wait on another group", "add", "group@failover/depend", "suspend", "group-policy"],
  ["monitor interval", "modify", "monitor/servicew@sw/polling/interval", "suspend", "monitor"],
  // Still a group stop: bound when the resource is activated.
  ["service name (which service the resource controls)", "modify", "resource/service@svc/parameters/name", "group", "resource"],
  ["application start path", "modify", "resource/appli@app/parameters/actpath", "group", "resource"],
  ["floating IP address", "modify", "resource/fip@fip/parameters/ip", "group", "storage-or-ip-resource"],
  ["mirror disk stop time-out", "modify", "resource/md@md/deact/timeout", "group", "storage-or-ip-resource"],
  ["group type", "modify", "group@failover/type", "group", "group-attributes"],
];

describe("apply method per parameter (issue 13 item 4)", () => {
  for (const [what, kind, path, method, rule] of TABLE) {
    it(`${what}: ${method} (${rule})`, () => {
      const r = classifyChange(facts(kind, path, path.startsWith("resource/") ? { group: "failover", groupIsNewOrGone: false } : {}));
      assert.deepEqual([r.method, r.id], [method, rule]);
    });
  }

  it("on a real file: a service's stop time-out and a group's startup-server order need no group stop", function () {
    skipWithoutSharedFixtures(this);
    const doc = fixture(NEOFACE);
    const group = readModel(doc).groups.find((g) => g.resources?.includes("service@service-mssql"))!.name;
    const timeout = diffConfigs(doc, setValue(doc, "resource/service@service-mssql/deact/timeout", "600"));
    assert.deepEqual(timeout.map((c) => [c.path, c.applyMethod, c.groups ?? null]), [
      ["/root/resource/service[@name='service-mssql']/deact/timeout", "suspend", null],
    ]);
    const order = diffConfigs(doc, setGroup(doc, { name: group, startupServers: [{ server: "nfw02", order: 0 }, { server: "nfw01", order: 1 }] }));
    assert.ok(order.length > 0, "the order is a change");
    for (const c of order) assert.deepEqual([c.applyMethod, c.rule, c.groups ?? null], ["suspend", "group-policy", null], c.path);
    const name = diffConfigs(doc, setValue(doc, "resource/service@service-mssql/parameters/name", "MSSQL$NEOFACE"));
    assert.deepEqual(name.map((c) => [c.applyMethod, c.groups]), [["group", [group]]]);
  });
});
