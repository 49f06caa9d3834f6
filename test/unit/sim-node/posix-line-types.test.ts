// The lab reads the POSIX line format itself: every typed field the provider sends must come back
// with its type (a boolean or number left as text made the lab refuse lock.acquire over SSH and
// silently ignore the exit-code gate).
import { strict as assert } from "node:assert";
import { AgentOpSchema, type AgentOpInput } from "../../../provider/remote/agent/protocol";
import { posixOpLine, toWireOp } from "../../../provider/remote/agent/wire";
import { decodePosixOpLine } from "../../../sim/agent/decode";

const roundTrip = (op: AgentOpInput) => decodePosixOpLine(posixOpLine(toWireOp(AgentOpSchema.parse(op))));

describe("lab: POSIX line format decoding", () => {
  it("keeps lock.acquire's staleAfterSec a number", () => {
    const w = roundTrip({ op: "lock.acquire", path: "/opt/nec/clusterpro/work/clusterpro-pulumi/lock", owner: "me 2026-12-04T00:00:00Z", staleAfterSec: 1800 });
    assert.equal((w as Record<string, unknown>).staleAfterSec, 1800);
  });
  it("keeps the clp op's requireExitZero gate a boolean", () => {
    const w = roundTrip({ op: "clp", command: "clpgrp", args: ["-t", "failover"], requireExitZero: true, stopOnError: true });
    assert.equal((w as Record<string, unknown>).requireExitZero, true);
    assert.equal((w as Record<string, unknown>).stopOnError, true);
  });
});
