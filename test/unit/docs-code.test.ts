// The TypeScript in the docs type-checks against the package's types, and so do the example programs.
//
// Every ```ts / ```typescript block of README.md and docs/**/*.md is written as its own module to a
// temporary folder inside the repository (so `pulumi-clusterpro` resolves through the repo's
// node_modules self-link to the compiled types in dist/sdk, as a user's program would) and compiled
// with the TypeScript API in one program, strict. The examples' index.ts files are compiled with them.
//
// Convention: a block whose first line is `// fragment` is an excerpt, not a program, and is skipped.
// A block that is known not to compile yet is listed in PENDING with the reason; it is reported as
// pending, and the test fails once it compiles so that the entry is removed.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { repoRoot } from "../support/paths";

interface Block { file: string; line: number; code: string }

/** Blocks that cannot compile yet: file (repo-relative) + a snippet of the block → why. */
const PENDING: { file: string; contains: string; reason: string }[] = [];

const FRAGMENT = /^\s*\/\/\s*fragment\b/;

function markdownFiles(): string[] {
  const out = [path.join(repoRoot, "README.md")];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith(".md")) out.push(f);
    }
  };
  walk(path.join(repoRoot, "docs"));
  return out.sort();
}

function extractBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    blocks.push({ file, line: start + 1, code: lines.slice(start, end).map((l) => l.slice(open[1].length)).join("\n") });
    i = end;
  }
  return blocks;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

describe("docs: the TypeScript code blocks and the example programs type-check", function () {
  this.timeout(120_000);
  const rel = (f: string) => path.relative(repoRoot, f);
  const blocks = markdownFiles().flatMap((f) => extractBlocks(f, fs.readFileSync(f, "utf8")));
  const checked = blocks.filter((b) => !FRAGMENT.test(b.code.split("\n")[0] ?? ""));
  const examples = fs.existsSync(path.join(repoRoot, "examples"))
    ? fs.readdirSync(path.join(repoRoot, "examples"), { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(repoRoot, "examples", e.name, "index.ts"))).map((e) => path.join(repoRoot, "examples", e.name, "index.ts"))
    : [];
  let tmp: string | undefined;
  const diagnostics = new Map<string, string[]>();
  const fileOf = new Map<Block, string>();

  before(() => {
    assert.ok(fs.existsSync(path.join(repoRoot, "dist", "sdk", "index.d.ts")), "dist/sdk/index.d.ts is missing: run `npx tsc -p tsconfig.build.json` (or bash scripts/setup) first");
    // Inside the repository, so module resolution walks up to its node_modules.
    tmp = fs.mkdtempSync(path.join(repoRoot, ".docs-code-"));
    checked.forEach((b, i) => {
      const f = path.join(tmp as string, `block${i}.ts`);
      // `export {}` makes each block a module of its own, so blocks never see each other's names.
      fs.writeFileSync(f, `${b.code}\nexport {};\n`);
      fileOf.set(b, f);
    });
    const roots = [...fileOf.values(), ...examples];
    const program = ts.createProgram(roots, COMPILER_OPTIONS);
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const f = d.file ? path.resolve(d.file.fileName) : "(global)";
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      const list = diagnostics.get(f) ?? [];
      list.push(`line ${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      diagnostics.set(f, list);
    }
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("finds the blocks (README.md and docs/**/*.md) and the examples", () => {
    assert.ok(checked.length >= 5, `only ${checked.length} blocks found`);
    assert.ok(examples.length >= 3, `only ${examples.length} examples found`);
    assert.deepEqual([...(diagnostics.get("(global)") ?? [])], []);
  });

  for (const b of checked) {
    const pending = PENDING.find((p) => rel(b.file) === p.file && b.code.includes(p.contains));
    it(`${rel(b.file)}:${b.line}${pending ? " (pending)" : ""}`, function () {
      const errors = diagnostics.get(path.resolve(fileOf.get(b) as string)) ?? [];
      const shifted = errors.map((e) => e.replace(/^line (\d+)/, (_m, n: string) => `${rel(b.file)}:${b.line + Number(n) - 1}`));
      if (pending) {
        assert.ok(errors.length > 0, `this block compiles now: remove its PENDING entry (${pending.reason})`);
        console.log(`      pending: ${pending.reason}\n        ${shifted.join("\n        ")}`);
        this.skip();
      }
      assert.deepEqual(shifted, [], `the block at ${rel(b.file)}:${b.line} does not type-check`);
    });
  }

  for (const f of examples) {
    it(`${rel(f)}`, () => {
      assert.deepEqual(diagnostics.get(path.resolve(f)) ?? [], []);
    });
  }
});
