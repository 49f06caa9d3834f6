// The Windows agent cannot run here, so its file.copy / file.move refusals are checked statically: the function's
// text must refuse (code "refused", naming $to) before it deletes anything, and delete only non-recursively. The
// POSIX agent runs the refusal corpus for real (test/integration/ssh/agent.test.ts); its text is held to the same
// rule here so the two stay alike. The lab's executor runs the corpus in test/unit/sim-node/transfer.test.ts.
import { strict as assert } from "node:assert";
import { POSIX_AGENT_SCRIPT, WINDOWS_AGENT_SCRIPT } from "../../../provider/remote/agent";

/** The text of one function, from its header to the next top-level definition. */
function body(script: string, header: string, next: RegExp): string {
  const start = script.indexOf(header);
  assert.ok(start >= 0, `${header} exists`);
  const rest = script.slice(start + header.length);
  const end = rest.search(next);
  return rest.slice(0, end < 0 ? undefined : end);
}

/** Problems with a transfer function's refusals (empty = fine). Exported for the before/after check in review. */
export function windowsTransferProblems(script: string): string[] {
  const f = body(script, "function Invoke-FileTransfer", /\nfunction /);
  const problems: string[] = [];
  const refusals = [...f.matchAll(/Stop-Op 'refused' \(([^\n]*)\)/g)].map((m) => m[1]);
  if (refusals.length < 3) problems.push(`expected 3 refusals (same/inside, file over directory, non-empty directory), found ${refusals.length}`);
  for (const r of refusals) if (!/\$to\b/.test(r)) problems.push(`a refusal does not name $to: ${r}`);
  if (/Remove-Item[^\n]*\$to\b/.test(f)) problems.push("removes the target with Remove-Item (recursive)");
  if (/Delete\(\$to, \$true\)/.test(f)) problems.push("deletes the target recursively");
  const firstDelete = f.search(/Delete\(\$to/);
  const lastRefusal = f.lastIndexOf("Stop-Op 'refused'");
  if (firstDelete >= 0 && lastRefusal > firstDelete) problems.push("deletes the target before every refusal was checked");
  if (!/Directory\]::Exists\(\$to\)[\s\S]*-not \[System\.IO\.Directory\]::Exists\(\$from\)[\s\S]*Stop-Op 'refused'/.test(f)) problems.push("no refusal of a file source over a directory target");
  if (!/EnumerateFileSystemEntries\(\$to\)[^\n]*Stop-Op 'refused'/.test(f)) problems.push("no refusal of a non-empty directory target");
  return problems;
}

export function posixTransferProblems(script: string): string[] {
  const f = body(script, "op_file_transfer() {", /\n[a-z_]+\(\) \{/);
  const problems: string[] = [];
  const refusals = [...f.matchAll(/err refused "([^\n]*)"/g)].map((m) => m[1]);
  if (refusals.length < 3) problems.push(`expected 3 refusals, found ${refusals.length}`);
  for (const r of refusals) if (!r.includes('${_T#"$ROOT"}')) problems.push(`a refusal does not name the target: ${r}`);
  if (/rm -r|rm -fr|rm -rf/.test(f)) problems.push("removes the target recursively");
  const firstDelete = f.search(/rmdir -- "\$_T"|rm -f -- "\$_T"/);
  if (firstDelete >= 0 && f.lastIndexOf("err refused") > firstDelete) problems.push("deletes the target before every refusal was checked");
  return problems;
}

describe("agent scripts: file.copy / file.move refusals (static)", () => {
  it("windows-agent.ps1 refuses (naming the target) before deleting, and deletes only a file or an empty directory", () => {
    assert.deepEqual(windowsTransferProblems(WINDOWS_AGENT_SCRIPT), []);
  });

  it("posix-agent.sh: the same shape (it also runs the corpus for real over SSH)", () => {
    assert.deepEqual(posixTransferProblems(POSIX_AGENT_SCRIPT), []);
  });
});
