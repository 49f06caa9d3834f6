// The lab's executor (what runs for lab nodes) against the shared file.copy / file.move corpus: the same table
// the real POSIX agent runs over SSH in test/integration/ssh/agent.test.ts.
import { executeOps, formatAgentOutput, type ClpRunner } from "../../../sim/agent/executor";
import { SimNode } from "../../../sim/node/node";
import { validateOps } from "../../../provider/remote/agent/protocol";
import { parseAgentOutput, toWireOp } from "../../../provider/remote/agent/wire";
import { checkTransferCorpus, transferCorpusOps, type PathOf } from "../../support/transfer-corpus";

const noClp: ClpRunner = () => ({ exitCode: 127, stdout: "", stderr: "no cluster" });

describe("sim agent executor: file.copy / file.move refusal corpus", () => {
  for (const os of ["windows", "linux"] as const) {
    it(`${os} node: never replaces a directory with a file, never deletes a non-empty directory, names the path`, () => {
      const node = SimNode.fresh("server01", os);
      const pathOf: PathOf = os === "windows" ? (i, rel) => `C:\\xfer\\${i}${rel ? `\\${rel.replace(/\//g, "\\")}` : ""}` : (i, rel) => `/xfer/${i}${rel ? `/${rel}` : ""}`;
      const planned = transferCorpusOps(pathOf);
      const ops = validateOps(planned.ops);
      const out = executeOps(node, ops.map(toWireOp), noClp);
      checkTransferCorpus(planned, parseAgentOutput(formatAgentOutput(out, "\n"), ops), pathOf);
    });
  }
});
