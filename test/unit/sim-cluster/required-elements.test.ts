// The lab's table of required elements (sim/cluster/required-elements.ts) against the nine real clp.conf files:
// no real file lacks a required element (the table never refuses a real file), the table is exactly what the
// derivation rule in its header gives (per type and OS seen in two real clusters: the paths every real instance
// has, less membership lists), and a push lacking an element the provider used to omit is refused naming the
// object and the missing path — a Windows md without its per-server volume GUIDs, a cluster without userw — as is
// a forbidden control character in a comment. The refused push changes nothing on the nodes.
import { strict as assert } from "node:assert";
import { objectPaths, readRealFiles } from "../../support/element-paths";
import { clpconfFixturesDir } from "../../support/paths";
import { readConf } from "../../../sim/cluster";
import { missingRequiredElements, REQUIRED_ELEMENTS } from "../../../sim/cluster/required-elements";
import { printportConf, printportLab, type Lab } from "./helpers";

/** The clpcfdiff pair is one cluster (before and after an edit). */
const clusterOf = (file: string): string => file.replace(/_0[12]_(previous|current)_clp\.conf$/, "");

/** Paths of a table entry as element paths below the object (per-server ones as `server[*]/…`, prefixes included). */
function entryPaths(paths: string[], perServer: string[] = []): Set<string> {
  const out = new Set<string>();
  for (const p of [...paths, ...perServer.map((x) => `server[*]/${x}`)]) {
    const segs = p.split("/");
    for (let i = 1; i <= segs.length; i++) out.add(segs.slice(0, i).join("/"));
  }
  return out;
}

function stagePush(lab: Lab, bytes: Buffer) {
  lab.s1.fs.writeFile("C:\\work\\conf\\clp.conf", bytes);
  return lab.run("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
}

describe("sim/cluster/required-elements: the lab's table of elements a clp.conf must have", () => {
  const real = clpconfFixturesDir ? readRealFiles(clpconfFixturesDir) : [];
  before(function () {
    if (real.length === 0) this.skip();
  });

  it("no real clp.conf lacks a required element (all nine)", () => {
    assert.equal(real.length, 9);
    for (const f of real) {
      const conf = readConf(f.bytes);
      assert.deepEqual(missingRequiredElements(conf.tree, conf.os, conf.servers.map((s) => s.name)), [], f.file);
    }
  });

  it("all nine real files have a userw monitor (so requiring one never refuses a real file)", () => {
    for (const f of real) assert.ok(objectPaths(f.bytes).objects.some((o) => o.kind === "monitor/userw"), f.file);
  });

  it("is exactly the derivation: per type and OS seen in two real clusters, every path all instances have", () => {
    // Real instances per kind and OS.
    const byKind = new Map<string, { clusters: Set<string>; common?: Set<string> }>();
    for (const f of real) {
      for (const o of objectPaths(f.bytes).objects) {
        const key = `${o.kind}|${f.os}`;
        const cur = byKind.get(key) ?? { clusters: new Set<string>() };
        cur.clusters.add(clusterOf(f.file));
        cur.common = cur.common ? new Set([...cur.common].filter((p) => o.paths.has(p))) : new Set(o.paths);
        byKind.set(key, cur);
      }
    }
    const kindOf = (r: (typeof REQUIRED_ELEMENTS)[number]) => (r.type ? `${r.section}/${r.type}` : r.section);
    const problems: string[] = [];
    for (const [key, v] of byKind) {
      const [kind, os] = key.split("|");
      const entries = REQUIRED_ELEMENTS.filter((r) => kindOf(r) === kind && (!r.os || r.os === os));
      const table = new Set<string>();
      for (const r of entries) for (const p of entryPaths(r.paths, r.perServer)) table.add(p);
      if (kind === "cluster") for (const p of ["monitor", "monitor/userw"]) table.delete(p); // checked above; objectPaths leaves the sections out of "cluster"
      const derived = v.clusters.size >= 2 ? new Set([...(v.common ?? [])].filter((p) => !/(^|\/)(depend|resource)$/.test(p))) : new Set<string>();
      const extra = [...table].filter((p) => !derived.has(p));
      const lacking = [...derived].filter((p) => !table.has(p));
      if (extra.length > 0) problems.push(`${kind} (${os}): table requires ${extra.join(", ")} that not every real instance has (or seen in < 2 clusters)`);
      if (lacking.length > 0) problems.push(`${kind} (${os}): every real instance has ${lacking.join(", ")} but the table does not require it`);
    }
    // A table entry for a type no real file of its OS has would also be invented.
    for (const r of REQUIRED_ELEMENTS) {
      for (const os of r.os ? [r.os] : ["windows", "linux"]) {
        if (!byKind.has(`${kindOf(r)}|${os}`)) problems.push(`${kindOf(r)} (${os}): in the table but in no real file`);
      }
    }
    assert.deepEqual(problems, []);
  });

  describe("the push gate refuses what the provider used to omit, naming the object and the path", () => {
    const refused = (lab: Lab, bytes: Buffer, pattern: RegExp) => {
      const before = lab.sim.conf("server01");
      const pushesBefore = lab.sim.stats.pushes;
      const r = stagePush(lab, bytes);
      assert.notEqual(r.exitCode, 0, "the push is refused");
      assert.match(r.stderr + r.stdout, pattern);
      assert.ok(lab.sim.conf("server01")!.equals(before!), "server01 keeps its configuration");
      assert.ok(lab.sim.conf("server02")!.equals(before!), "server02 keeps its configuration");
      assert.equal(lab.sim.stats.pushes, pushesBefore);
      assert.ok(lab.sim.lastRefusedPush?.bytes.equals(bytes), "the lab keeps the refused bytes for inspection");
    };
    const edit = (from: RegExp, to: string): Buffer => {
      const text = printportConf().toString("latin1");
      assert.match(text, from);
      return Buffer.from(text.replace(from, to), "latin1");
    };

    it("the fixture itself is accepted (it has every required element)", () => {
      const conf = readConf(printportConf());
      assert.deepEqual(missingRequiredElements(conf.tree, conf.os, conf.servers.map((s) => s.name)), []);
    });

    it("a Windows md without the per-server volume GUIDs", () => {
      const lab = printportLab();
      const bytes = edit(/\s*<server name="server0[12]">\s*<parameters>\s*<volumeguid>[^<]*<\/volumeguid>\s*<cpvolumeguid>[^<]*<\/cpvolumeguid>\s*<\/parameters>\s*<\/server>/g, "");
      refused(lab, bytes, /required elements are missing:[\s\S]*resource md "md" lacks server\[@name="server01"\]\/parameters\/volumeguid[\s\S]*resource md "md" lacks server\[@name="server02"\]\/parameters\/cpvolumeguid/);
    });

    it("a Windows md with the GUIDs of one server only", () => {
      const lab = printportLab();
      const bytes = edit(/\s*<server name="server02">\s*<parameters>\s*<volumeguid>[^<]*<\/volumeguid>\s*<cpvolumeguid>[^<]*<\/cpvolumeguid>\s*<\/parameters>\s*<\/server>/, "");
      refused(lab, bytes, /resource md "md" lacks server\[@name="server02"\]\/parameters\/volumeguid/);
    });

    it("a cluster without the userw monitor", () => {
      const lab = printportLab();
      const bytes = edit(/\s*<types name="userw"\/>\s*<userw name="userw">[\s\S]*?<\/userw>/, "");
      refused(lab, bytes, /the cluster lacks monitor\/userw \(all nine real files have the user-mode monitor userw/);
    });

    it("a NUL, and an ESC, in a comment", () => {
      const lab = printportLab();
      refused(lab, edit(/<comment>[^<]*<\/comment>/, "<comment>a\u0000b</comment>"), /not well-formed XML at line \d+, column \d+: control character U\+0000 is not allowed in XML 1\.0/);
      refused(lab, edit(/<comment>[^<]*<\/comment>/, "<comment>&#0;</comment>"), /character reference &#0; is to a character not allowed/);
      refused(lab, edit(/<comment>[^<]*<\/comment>/, "<comment>\u001b[0m</comment>"), /control character U\+001B is not allowed/);
    });
  });
});
