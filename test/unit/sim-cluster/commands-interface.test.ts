// commands.ts needs only the ClusterOps interface, not ClusterSim: a recording stand-in gets the calls the command
// line asks for, with the arguments parsed from argv, and its ClusterOpError becomes the command's stderr.
import { strict as assert } from "node:assert";
import { ClusterOpError, execClp, type ClusterOps } from "../../../sim/cluster";
import type { ClusterConf } from "../../../sim/cluster";
import { fakeNodes } from "./fake-node";

function recordingCluster(): { ops: ClusterOps; calls: string[] } {
  const { nodes } = fakeNodes("linux", "server01", "server02");
  const calls: string[] = [];
  const conf = { groups: [{ name: "failover" }, { name: "web" }] } as unknown as ClusterConf;
  const unexpected = (name: string) => () => {
    throw new Error(`unexpected call ${name}`);
  };
  const ops: ClusterOps = {
    stats: { pulls: 0, commands: {} },
    node: (n) => nodes.find((x) => x.name === n),
    isUp: (s) => s !== "server02",
    takeFault: () => undefined,
    installDirOf: () => "/opt/nec/clusterpro",
    confPath: () => "/opt/nec/clusterpro/etc/clp.conf",
    conf: unexpected("conf"),
    config: () => conf,
    hasConfig: () => true,
    check: unexpected("check"),
    push: unexpected("push"),
    installScripts: unexpected("installScripts"),
    exportScripts: unexpected("exportScripts"),
    serverName: (n) => n,
    startCluster: unexpected("startCluster"),
    stopCluster: unexpected("stopCluster"),
    startMirrorAgent: unexpected("startMirrorAgent"),
    stopMirrorAgent: unexpected("stopMirrorAgent"),
    suspend: () => {
      calls.push("suspend");
      throw new ClusterOpError("The cluster is not running.");
    },
    resume: unexpected("resume"),
    groupLocation: (g) => (g === "web" ? "server01" : null),
    startGroup: unexpected("startGroup"),
    stopGroup: unexpected("stopGroup"),
    moveGroup: (g, dest) => {
      calls.push(`moveGroup ${g} ${dest ?? "-"}`);
      return dest ?? "server02";
    },
    startResource: unexpected("startResource"),
    stopResource: unexpected("stopResource"),
    status: unexpected("status"),
    mdBreak: (md) => void calls.push(`mdBreak ${md}`),
    mdRecover: unexpected("mdRecover"),
    mdForce: unexpected("mdForce"),
  };
  return { ops, calls };
}

describe("sim/cluster: commands over the ClusterOps interface", () => {
  it("calls the interface's operations with the parsed arguments and counts the commands", () => {
    const { ops, calls } = recordingCluster();
    assert.deepEqual(execClp(ops, "server01", ["clpgrp", "-m", "failover", "-a", "server02"]), { exitCode: 0, stdout: "Command succeeded.\n", stderr: "" });
    // Without a group name, -m moves every group that runs on the local server (only "web" here).
    assert.equal(execClp(ops, "server01", ["clpgrp", "-m"]).exitCode, 0);
    assert.equal(execClp(ops, "server01", ["clpmdctrl", "--break", "md1"]).exitCode, 0);
    assert.deepEqual(calls, ["moveGroup failover server02", "moveGroup web -", "mdBreak md1"]);
    assert.deepEqual(ops.stats.commands, { clpgrp: 2, clpmdctrl: 1 });
  });

  it("turns the interface's ClusterOpError into exit code 1 and stderr, and refuses a node the cluster says is down", () => {
    const { ops } = recordingCluster();
    assert.deepEqual(execClp(ops, "server01", ["clpcl", "--suspend"]), { exitCode: 1, stdout: "", stderr: "The cluster is not running.\n" });
    assert.throws(() => execClp(ops, "server02", ["clpstat"]), /node server02 is down/);
  });
});
