// The refusal semantics of file.copy / file.move (provider/remote/README.md, "file.copy and file.move"), as one table
// that every implementation of the agent runs: the POSIX agent for real over SSH (test/integration/ssh/agent.test.ts)
// and the lab's executor for Windows nodes (test/unit/sim-node/transfer.test.ts). Each case sets up a few entries
// with file.mkdir / file.write, runs one transfer, then reads back what must (not) be there, all in one batch.
import { strict as assert } from "node:assert";
import type { AgentOpInput, AgentResult } from "../../provider/remote/agent/protocol";

/** A path relative to the case's own folder, '/'-separated. Content string = a file, null = a directory. */
type Entries = Record<string, string | null>;

export interface TransferCase {
  name: string;
  setup: Entries;
  op: "file.copy" | "file.move";
  from: string;
  to: string;
  overwrite: boolean;
  /** ok: the op's value; otherwise the error code, and the message must name `names` (a relative path). */
  expect: { ok: true } | { code: "refused" | "exists" | "not-found"; names: string };
  /** Afterwards: content = that file, null = a directory, false = absent. */
  after: Record<string, string | null | false>;
}

export const TRANSFER_CORPUS: readonly TransferCase[] = [
  {
    name: "copy a file over a non-empty directory with overwrite: refused, the directory and its content stay",
    setup: { "src/list.txt": "L", "dst/NVWORK/keep.dat": "K" },
    op: "file.copy",
    from: "src/list.txt",
    to: "dst",
    overwrite: true,
    expect: { code: "refused", names: "dst" },
    after: { dst: null, "dst/NVWORK/keep.dat": "K", "src/list.txt": "L" },
  },
  {
    name: "copy a file over an empty directory with overwrite: refused (a directory is never replaced by a file)",
    setup: { "src/list.txt": "L", dst: null },
    op: "file.copy",
    from: "src/list.txt",
    to: "dst",
    overwrite: true,
    expect: { code: "refused", names: "dst" },
    after: { dst: null },
  },
  {
    name: "move a file over a non-empty directory with overwrite: refused, both stay",
    setup: { "src/list.txt": "L", "dst/keep.dat": "K" },
    op: "file.move",
    from: "src/list.txt",
    to: "dst",
    overwrite: true,
    expect: { code: "refused", names: "dst" },
    after: { "dst/keep.dat": "K", "src/list.txt": "L" },
  },
  {
    name: "copy a directory over a non-empty directory with overwrite: refused, the target's data stays (no merge)",
    setup: { "src/Datafile/stale.dat": "OLD", "shared/Datafile/live.dat": "LIVE" },
    op: "file.copy",
    from: "src/Datafile",
    to: "shared/Datafile",
    overwrite: true,
    expect: { code: "refused", names: "shared/Datafile" },
    after: { "shared/Datafile/live.dat": "LIVE", "shared/Datafile/stale.dat": false, "src/Datafile/stale.dat": "OLD" },
  },
  {
    name: "move a directory over a non-empty directory with overwrite: refused, both stay",
    setup: { "src/NVWORK/a.dat": "A", "shared/NVWORK/b.dat": "B" },
    op: "file.move",
    from: "src/NVWORK",
    to: "shared/NVWORK",
    overwrite: true,
    expect: { code: "refused", names: "shared/NVWORK" },
    after: { "src/NVWORK/a.dat": "A", "shared/NVWORK/b.dat": "B", "shared/NVWORK/a.dat": false },
  },
  {
    name: "copy a directory over an empty directory with overwrite: replaced by the copy",
    setup: { "src/PXE/boot.img": "BOOT", "shared/PXE": null },
    op: "file.copy",
    from: "src/PXE",
    to: "shared/PXE",
    overwrite: true,
    expect: { ok: true },
    after: { "shared/PXE/boot.img": "BOOT", "src/PXE/boot.img": "BOOT" },
  },
  {
    name: "copy a file over a file with overwrite: replaced",
    setup: { "src/a.txt": "NEW", "dst/a.txt": "OLD" },
    op: "file.copy",
    from: "src/a.txt",
    to: "dst/a.txt",
    overwrite: true,
    expect: { ok: true },
    after: { "dst/a.txt": "NEW" },
  },
  {
    name: "copy a file to a full path inside an existing folder: the folder's other content stays",
    setup: { "src/DpmWebSvLst.txt": "W", "shared/NVWORK/keep.dat": "K" },
    op: "file.copy",
    from: "src/DpmWebSvLst.txt",
    to: "shared/DpmWebSvLst.txt",
    overwrite: false,
    expect: { ok: true },
    after: { "shared/DpmWebSvLst.txt": "W", "shared/NVWORK/keep.dat": "K" },
  },
  {
    name: "copy a file onto an existing directory without overwrite: exists (never 'into the folder')",
    setup: { "src/a.txt": "A", dst: null },
    op: "file.copy",
    from: "src/a.txt",
    to: "dst",
    overwrite: false,
    expect: { code: "exists", names: "dst" },
    after: { dst: null, "dst/a.txt": false },
  },
  {
    name: "copy a directory onto itself with overwrite: refused, nothing deleted",
    setup: { "src/d/x.dat": "X" },
    op: "file.copy",
    from: "src/d",
    to: "src/d",
    overwrite: true,
    expect: { code: "refused", names: "src/d" },
    after: { "src/d/x.dat": "X" },
  },
  {
    name: "copy a directory into itself: refused",
    setup: { "src/d/x.dat": "X" },
    op: "file.copy",
    from: "src/d",
    to: "src/d/inner",
    overwrite: true,
    expect: { code: "refused", names: "src/d/inner" },
    after: { "src/d/x.dat": "X", "src/d/inner": false },
  },
  {
    name: "move a file to an absent path: the parents are created",
    setup: { "src/m.txt": "M" },
    op: "file.move",
    from: "src/m.txt",
    to: "new/deep/m.txt",
    overwrite: false,
    expect: { ok: true },
    after: { "new/deep/m.txt": "M", "src/m.txt": false },
  },
  {
    name: "move from a missing source: not-found naming it",
    setup: { dst: null },
    op: "file.move",
    from: "nothing",
    to: "dst/x",
    overwrite: true,
    expect: { code: "not-found", names: "nothing" },
    after: { dst: null, "dst/x": false },
  },
];

/** Maps (case index, relative path) to an absolute path of the agent under test. */
export type PathOf = (caseIndex: number, relative: string) => string;

interface Planned {
  ops: AgentOpInput[];
  /** Per case: the index of its transfer op and of each `after` check. */
  index: { transfer: number; checks: { path: string; want: string | null | false; op: number }[] }[];
}

/** All cases as one batch (setup, transfer, checks per case). */
export function transferCorpusOps(pathOf: PathOf): Planned {
  const ops: AgentOpInput[] = [];
  const index: Planned["index"] = [];
  TRANSFER_CORPUS.forEach((c, i) => {
    const p = (rel: string) => pathOf(i, rel);
    ops.push({ op: "file.mkdir", path: p("") });
    for (const [rel, content] of Object.entries(c.setup)) {
      ops.push(content === null ? { op: "file.mkdir", path: p(rel) } : { op: "file.write", path: p(rel), content, createParents: true });
    }
    const transfer = ops.push({ op: c.op, from: p(c.from), to: p(c.to), overwrite: c.overwrite }) - 1;
    const checks = Object.entries(c.after).map(([rel, want]) => ({ path: rel, want, op: ops.push(typeof want === "string" ? { op: "file.read", path: p(rel) } : { op: "file.stat", path: p(rel) }) - 1 }));
    index.push({ transfer, checks });
  });
  return { ops, index };
}

/** Asserts every case's outcome; collects all failures into one message. */
export function checkTransferCorpus(planned: Planned, results: AgentResult[], pathOf: PathOf): void {
  const problems: string[] = [];
  TRANSFER_CORPUS.forEach((c, i) => {
    const { transfer, checks } = planned.index[i];
    const r = results[transfer];
    if ("ok" in c.expect) {
      if (!r.ok) problems.push(`${c.name}: failed with ${r.error.code}: ${r.error.message}`);
    } else if (r.ok) problems.push(`${c.name}: succeeded (${JSON.stringify(r.value)}), expected ${c.expect.code}`);
    else {
      if (r.error.code !== c.expect.code) problems.push(`${c.name}: code ${r.error.code} (${r.error.message}), expected ${c.expect.code}`);
      const named = pathOf(i, c.expect.names);
      if (!r.error.message.includes(named)) problems.push(`${c.name}: the message does not name ${named}: ${r.error.message}`);
    }
    for (const check of checks) {
      const got = results[check.op];
      const where = `${c.name}: afterwards ${check.path}`;
      if (typeof check.want === "string") {
        if (!got.ok || got.op !== "file.read") problems.push(`${where}: expected a file, ${got.ok ? "?" : got.error.code}`);
        else if (got.value.content !== check.want) problems.push(`${where}: content ${JSON.stringify(got.value.content)}, expected ${JSON.stringify(check.want)}`);
      } else if (!got.ok || got.op !== "file.stat") problems.push(`${where}: stat failed`);
      else if (check.want === null && got.value.type !== "directory") problems.push(`${where}: expected a directory, found ${got.value.exists ? got.value.type : "nothing"}`);
      else if (check.want === false && got.value.exists) problems.push(`${where}: expected absent, found a ${got.value.type}`);
    }
  });
  assert.deepEqual(problems, [], problems.join("\n"));
}
