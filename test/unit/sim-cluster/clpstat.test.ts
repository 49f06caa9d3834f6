// clpstat text views against the layout rules measured on real output (clusterpro-x-details.md §5.1/§5.2).
import { strict as assert } from "node:assert";
import { printportLab, lines } from "./helpers";
import { statusLine } from "../../../sim/cluster";

const HEADER = " ========================  CLUSTER STATUS  ===========================";
const FOOTER = " =====================================================================";

describe("sim/cluster: clpstat", () => {
  it("header and footer are 70 characters; every colon of a status line is at column 21", () => {
    assert.equal(HEADER.length, 70);
    assert.equal(FOOTER.length, 70);
    const { ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    for (const l of ok("server01", "clpstat")) {
      if (l.startsWith("    ") || l.startsWith("   *")) assert.equal(l.indexOf(":"), 21, JSON.stringify(l));
    }
  });

  it("prints the stopped cluster exactly (current : None, Offline everywhere, * on the local server)", () => {
    const { ok } = printportLab();
    assert.deepEqual(ok("server02", "clpstat"), [
      HEADER,
      "  Cluster : PrintPort",
      "  <server>",
      "    server01 ........: Offline          ",
      "      lankhb1        : Offline          Kernel Mode LAN Heartbeat",
      "      lankhb2        : Offline          Kernel Mode LAN Heartbeat",
      "   *server02 ........: Offline          ",
      "      lankhb1        : Offline          Kernel Mode LAN Heartbeat",
      "      lankhb2        : Offline          Kernel Mode LAN Heartbeat",
      "  <group>",
      "    ManagementGroup .: Offline          ",
      "      current        : None",
      "      ManagementIP   : Offline          ",
      "    NIC_disable .....: Offline          ",
      "      current        : None",
      "      appli          : Offline          ",
      "    failover ........: Offline          ",
      "      current        : None",
      "      fip            : Offline          ",
      "      md             : Offline          ",
      "      service        : Offline          ",
      "  <monitor>",
      "    fipw1            : Offline          ",
      "    mdnw1            : Offline          ",
      "    mdw1             : Offline          ",
      "    servicew1        : Offline          ",
      "    userw            : Offline          ",
      FOOTER,
    ]);
  });

  it("prints the running seed cluster exactly, with CRLF on Windows nodes", () => {
    const { sim, ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    const r = sim.exec("server01", ["clpstat"]);
    assert.ok(r.stdout.endsWith("=\r\n"));
    assert.deepEqual(lines(r), [
      HEADER,
      "  Cluster : PrintPort",
      "  <server>",
      "   *server01 ........: Online           ",
      "      lankhb1        : Normal           Kernel Mode LAN Heartbeat",
      "      lankhb2        : Normal           Kernel Mode LAN Heartbeat",
      "    server02 ........: Online           ",
      "      lankhb1        : Normal           Kernel Mode LAN Heartbeat",
      "      lankhb2        : Normal           Kernel Mode LAN Heartbeat",
      "  <group>",
      "    ManagementGroup .: Online           ",
      "      current        : server01",
      "      ManagementIP   : Online           ",
      "    NIC_disable .....: Online           ",
      "      current        : server02",
      "      appli          : Online           ",
      "    failover ........: Online           ",
      "      current        : server01",
      "      fip            : Online           ",
      "      md             : Online           ",
      "      service        : Online           ",
      "  <monitor>",
      "    fipw1            : Normal           ",
      "    mdnw1            : Normal           ",
      "    mdw1             : Normal           ",
      "    servicew1        : Normal           ",
      "    userw            : Normal           ",
      FOOTER,
    ]);
  });

  it("truncates names to 16 characters (container-recove) and keeps the colon at 21", () => {
    assert.equal(statusLine("    ", "container-recovery", true, 21, "Online"), "    container-recove : Online");
    assert.equal(statusLine("    ", "failover", true, 21, "Online"), "    failover ........: Online");
    assert.equal(statusLine("   *", "server1", true, 21, "Online"), "   *server1 .........: Online");
    assert.equal(statusLine("      ", "lankhb1", false, 21, "Normal"), "      lankhb1        : Normal");
  });

  it("--long puts the colon at column 38", () => {
    const { ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    const out = ok("server01", "clpstat", "--long");
    // ws2022-01 (9 characters) gets 24 dots in the real sample; server01 (8) gets 25.
    assert.ok(out.includes("   *server01 " + ".".repeat(25) + ": Online           "), out.join("\n"));
    assert.ok(out.includes("      md                              : Online           "), out.join("\n"));
    for (const l of out) if (l.startsWith("    ") || l.startsWith("   *")) assert.equal(l.indexOf(":"), 38, JSON.stringify(l));
  });

  it("-g prints the GROUPMAP view", () => {
    const { ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    assert.deepEqual(ok("server02", "clpstat", "-g"), [
      " ======================  GROUPMAP INFORMATION  =======================",
      "  Cluster : PrintPort",
      "    server0 : server01",
      "   *server1 : server02",
      "",
      "  " + "-".repeat(68),
      "    server0 [o] : ManagementGroup[o] failover[o] ",
      "    server1 [o] : NIC_disable[o] ",
      FOOTER,
    ]);
  });

  it("--json is the machine-readable status (lab extension)", () => {
    const { ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    const s = JSON.parse(ok("server01", "clpstat", "--json").join("\n"));
    assert.equal(s.cluster.name, "PrintPort");
    assert.equal(s.cluster.state, "running");
    assert.equal(s.localServer, "server01");
    const g = s.groups.find((x: { name: string }) => x.name === "NIC_disable");
    assert.equal(g.current, "server02");
    assert.deepEqual(g.startupServers, ["server02", "server01"]);
    assert.equal(s.mirrors[0].volume, "E:");
  });

  it("shows Suspend while the cluster is suspended", () => {
    const { ok } = printportLab();
    ok("server01", "clpcl", "-s", "-a");
    ok("server01", "clpcl", "--suspend");
    const out = ok("server01", "clpstat");
    assert.ok(out.includes("   *server01 ........: Suspend          "), out.join("\n"));
    assert.ok(out.includes("    userw            : Suspend          "), out.join("\n"));
    assert.ok(out.includes("    failover ........: Online           "), out.join("\n"));
  });
});
