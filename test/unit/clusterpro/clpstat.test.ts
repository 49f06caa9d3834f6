import { strict as assert } from "node:assert";
import { clusterRunning, parseClpstat } from "../../../provider/clusterpro/clpstat";

// Verbatim samples from reference/clusterpro-x-details.md §5.1.
const LONG = ` ========================  CLUSTER STATUS  ===========================
  Cluster : cluster
  <server>
   *ws2022-01 ........................: Online
      lankhb1                         : Normal           LAN Heartbeat
    ws2022-02 ........................: Online
      lankhb1                         : Normal           LAN Heartbeat
  <group>
    failover .........................: Online
      current                         : ws2022-01
      md                              : Online
      script-postgres                 : Online
  <monitor>
    mdw1                              : Normal
    userw                             : Normal
 =====================================================================`;

const STOPPED = ` ========================  CLUSTER STATUS  ===========================
  Cluster : cluster-x600
  <server>
   *116rhel94 .......: Offline          
      lankhb1        : Offline          Kernel Mode LAN Heartbeat
    117rhel94 .......: Offline          
  <group>
    failover1 .......: Offline          
      current        : None
      exec1          : Offline          
  <monitor>
    userw            : Offline          
 =====================================================================`;

describe("clpstat parsing", () => {
  it("reads servers, groups and where each group runs (--long view)", () => {
    const v = parseClpstat(LONG);
    assert.equal(v.cluster, "cluster");
    assert.deepEqual(v.servers, { "ws2022-01": { status: "Online", local: true }, "ws2022-02": { status: "Online", local: false } });
    assert.deepEqual(v.groups, { failover: { status: "Online", current: "ws2022-01" } });
    assert.equal(clusterRunning(v), true);
  });

  it("reads a stopped cluster (default view, trailing spaces)", () => {
    const v = parseClpstat(STOPPED.replace(/\n/g, "\r\n"));
    assert.deepEqual(v.groups, { failover1: { status: "Offline" } });
    assert.equal(clusterRunning(v), false);
  });
});
