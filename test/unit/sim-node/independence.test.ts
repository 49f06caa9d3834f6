// The lab is an independent peer of the provider: it must refuse what a real CLUSTERPRO node would refuse, so it
// never takes the provider's knowledge (catalog, clp.conf model, engine) as its own. Every import from provider/ in
// sim/ is listed here: only the wire level of the remote protocol (bootstrap text, framing, NTLM/WinRM crypto —
// what a real Windows host implements too) is allowed, and each such import is named, so a new one fails.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "../../..");
const SIM = join(ROOT, "sim");

/** file (relative to sim/) → the provider modules it may import (relative to the repository). */
const WIRE_LEVEL: Record<string, string[]> = {
  "lab.ts": ["provider/remote/agent/invocation"],
  "agent/executor.ts": ["provider/remote/agent/protocol", "provider/remote/agent/wire"],
  "winrm/ntlm-acceptor.ts": ["provider/remote/crypto/rc4", "provider/remote/winrm/ntlm"],
  "winrm/server.ts": [
    "provider/remote/winrm/channel-binding",
    "provider/remote/winrm/encryption",
    "provider/remote/winrm/launcher",
    "provider/remote/winrm/ntlm",
    "provider/remote/winrm/soap",
  ],
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** Every module specifier a file imports or re-exports (static, dynamic and require), resolved against the file. */
function providerImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);
  return specs
    .filter((s) => s.startsWith("."))
    .map((s) => relative(ROOT, resolve(file, "..", s)).split("\\").join("/"))
    .filter((p) => p === "provider" || p.startsWith("provider/"));
}

describe("lab independence: sim/ does not import the provider", () => {
  const files = tsFiles(SIM);

  it("finds the lab's sources (the scan itself works)", () => {
    assert.ok(files.some((f) => f.endsWith(join("sim", "products.ts"))));
    assert.ok(files.length > 20);
  });

  it("no product, clp.conf, engine, resource or program knowledge: only the listed wire-level imports", () => {
    const found: Record<string, string[]> = {};
    for (const f of files) {
      const imports = [...new Set(providerImports(f))].sort();
      if (imports.length > 0) found[relative(SIM, f).split("\\").join("/")] = imports;
    }
    for (const [file, imports] of Object.entries(found)) {
      for (const i of imports) assert.ok(i.startsWith("provider/remote/"), `sim/${file} imports ${i}: the lab keeps its own knowledge`);
    }
    assert.deepEqual(found, WIRE_LEVEL, "a new import from provider/ in sim/ (or one that went away: update the list)");
  });

  it("the lab's products come from its own data (sim/product-images.ts), not the provider's catalog", () => {
    for (const f of ["products.ts", "product-images.ts"]) assert.deepEqual(providerImports(join(SIM, f)), [], f);
  });
});
