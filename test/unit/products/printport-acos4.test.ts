// The product facts of digest 000 (PrintPort for ACOS-4), asserted on the catalog data. The cluster's own
// facts (IP addresses, interconnects, mirror disk, groups) belong to the cluster resources, not to the catalog.
import { strict as assert } from "node:assert";
import { printportAcos4 as pp } from "../../../provider/products/printport-acos4";
import { renderProduct } from "../../../provider/products/render";

const ws2008 = renderProduct("printport-acos4", { windowsServer: "2008-or-later", printerLanConnectionName: "ローカル エリア接続", controlFilesFolder: "C:\\PrintPortCtl", ntpServer: "ntp.example.jp" });
const ws2003 = renderProduct("printport-acos4", { windowsServer: "2003", printerLanDeviceId: "PCI\\VEN_8086&DEV_10D3", controlFilesFolder: "C:\\PrintPortCtl", ntpServer: "192.168.1.1" });

describe("catalog: printport-acos4 (digest 000)", () => {
  it("Topology: one-way standby only — mutual standby is a validation rule", () => {
    const rule = pp.constraints.find((c) => c.rule === "printport-one-way-standby");
    assert.equal(rule?.checkedBy, "preview");
    assert.equal(rule?.seed, "seed 000 §1.1");
  });

  it("Windows settings (step ④/⑨): \"PrintPort Spooler Service\" startup Manual, and stopped, on each server", () => {
    const spooler = pp.services.find((s) => s.displayName === "PrintPort Spooler Service");
    assert.equal(spooler?.startup, "Manual");
    assert.equal(spooler?.stateOnEveryNode, "stopped");
  });

  it("Cluster configuration (step ⑫): service resource for PrintPort_SPL, stop time-out 1800 s → 30 s", () => {
    const spooler = pp.services.find((s) => s.serviceName === "PrintPort_SPL");
    assert.equal(spooler?.control, "group");
    assert.equal(spooler?.stopTimeoutSeconds, 30);
    assert.deepEqual(ws2008.startOrder, ["PrintPort_SPL"]);
    assert.deepEqual(ws2008.stopOrder, ["PrintPort_SPL"]);
  });

  it("Cluster configuration (step ⑫): the only monitors are mdnw1/mdw1 of the mirror disk — no service monitor", () => {
    assert.deepEqual(ws2008.monitoredServices, []);
  });

  it("Windows settings (step ④/⑨), 2008+: enable.bat / disable.bat = netsh interface set interface \"<printer LAN name>\" enable|disable", () => {
    assert.deepEqual(
      ws2008.files.map((f) => [f.path, f.content]),
      [
        ["C:\\PrintPortCtl\\enable.bat", 'netsh interface set interface "ローカル エリア接続" enable\r\n'],
        ["C:\\PrintPortCtl\\disable.bat", 'netsh interface set interface "ローカル エリア接続" disable\r\n'],
      ],
    );
  });

  it("Windows settings (step ④/⑨), 2003: %windir%\\devcon\\i386\\devcon enable|disable <Device ID> (quoted: PCI IDs contain &)", () => {
    assert.deepEqual(
      ws2003.files.map((f) => [f.path, f.content]),
      [
        ["C:\\PrintPortCtl\\enable.bat", '%windir%\\devcon\\i386\\devcon enable "PCI\\VEN_8086&DEV_10D3"\r\n'],
        ["C:\\PrintPortCtl\\disable.bat", '%windir%\\devcon\\i386\\devcon disable "PCI\\VEN_8086&DEV_10D3"\r\n'],
      ],
    );
  });

  it("Windows settings (step ④/⑨): the batch files are at the same path on both servers, in the OEM code page", () => {
    for (const f of [...ws2008.files, ...ws2003.files]) {
      assert.equal(f.on, "all-nodes");
      assert.equal(f.encoding, "oem");
    }
  });

  it("Windows settings (step ④/⑨), time sync: \"Windows Time\" Automatic and started, NTP server set", () => {
    const time = ws2008.services.find((s) => s.displayName === "Windows Time");
    assert.equal(time?.startup, "Automatic");
    assert.equal(time?.stateOnEveryNode, "running");
    assert.equal(time?.control, "node");
    assert.deepEqual(ws2008.timeSync, { serviceName: "W32Time", ntpServer: "ntp.example.jp" });
    assert.ok(!ws2008.startOrder.includes("W32Time"), "not started by the group");
  });

  it("Cluster configuration (step ⑫): group NIC_disable, server02 then server01, manual failover, non-resident appli start disable.bat / stop enable.bat (manual step until the applier)", () => {
    const step = pp.manualSteps.find((s) => s.seed === "seed 000 §2.3 ⑫")?.text ?? "";
    assert.match(step, /server02 then server01/);
    assert.match(step, /manual failover/);
    assert.match(step, /start path <controlFilesFolder>\\disable\.bat, stop path <controlFilesFolder>\\enable\.bat/);
  });

  it("Windows settings (step ④/⑨): the adapter connected to ACOS first in the binding order; Windows Server 2003 needs DevCon (manual steps)", () => {
    assert.ok(ws2008.manualSteps.some((s) => /ACOS first/.test(s.text)));
    assert.ok(ws2003.manualSteps.some((s) => /DevCon/.test(s.text)));
    assert.ok(!ws2008.manualSteps.some((s) => /DevCon/.test(s.text)));
  });

  it("Operation: shutdown/reboot only via CLUSTERPRO cluster shutdown (manual step)", () => {
    assert.ok(pp.manualSteps.some((s) => /cluster shutdown/.test(s.text)));
  });

  it("no registry, no shared-disk moves by the catalog: the spool folder is PrintPort's own setting", () => {
    assert.deepEqual([pp.registryWrites, pp.registrySync, pp.sharedDiskPlacements, pp.standbyDeletions], [[], [], [], []]);
  });
});
