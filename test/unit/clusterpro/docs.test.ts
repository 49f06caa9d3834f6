import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { APPLY_RULES } from "../../../provider/clusterpro/apply-method";
import { repoRoot } from "../../support/paths";

describe("docs/apply-methods.md", () => {
  it("lists every apply-method rule with the method the code uses", () => {
    const doc = fs.readFileSync(path.join(repoRoot, "docs", "apply-methods.md"), "utf8");
    for (const rule of APPLY_RULES) {
      const row = doc.split("\n").find((l) => l.includes(`| \`${rule.id}\` |`));
      assert.ok(row, `rule ${rule.id} is missing from the docs table`);
      assert.ok(row.includes(`**${rule.method}**`), `rule ${rule.id}: docs and code disagree on the method`);
    }
  });
});
