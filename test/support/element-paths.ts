// Element paths of a clp.conf per object, for comparing the shape of a configuration with the real files
// (shared/fixtures/clpconf-real). Read with the lab's own reader (sim/cluster/conf.ts), not the provider's.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseConfTree, type ConfElement } from "../../sim/cluster/conf";

/** One object of a clp.conf: its kind ("cluster", "server", "group", "resource/md", "monitor/userw", …), name and paths. */
export interface ObjectPaths {
  kind: string;
  name: string;
  /** Slash paths of every element below the object; a `<server>` child is written `server[*]`. */
  paths: Set<string>;
}

const SECTIONS = ["resource", "monitor", "heartbeat", "networkpartition"];

function below(el: ConfElement, prefix: string, out: Set<string>, skip?: (c: ConfElement) => boolean): Set<string> {
  for (const c of el.children) {
    if (skip?.(c)) continue;
    const p = `${prefix}${c.tag === "server" ? "server[*]" : c.tag}`;
    out.add(p);
    below(c, `${p}/`, out);
  }
  return out;
}

export function serverOs(tree: ConfElement): "windows" | "linux" {
  const os = tree.children.find((c) => c.tag === "all")?.children.find((c) => c.tag === "serveros")?.text ?? "";
  return os.toLowerCase() === "linux" ? "linux" : "windows";
}

export function objectPaths(bytes: Buffer): { os: "windows" | "linux"; objects: ObjectPaths[] } {
  const tree = parseConfTree(bytes);
  const objects: ObjectPaths[] = [];
  const skipCluster = (c: ConfElement) => c.tag === "server" || c.tag === "group" || SECTIONS.includes(c.tag);
  objects.push({ kind: "cluster", name: "", paths: below(tree, "", new Set(), skipCluster) });
  for (const c of tree.children) {
    if (c.tag === "server" || c.tag === "group") objects.push({ kind: c.tag, name: c.attrs.name ?? "", paths: below(c, "", new Set()) });
    if (!SECTIONS.includes(c.tag)) continue;
    for (const o of c.children) {
      if (o.tag === "types") continue;
      objects.push({ kind: `${c.tag}/${o.tag}`, name: o.attrs.name ?? "", paths: below(o, "", new Set()) });
    }
  }
  return { os: serverOs(tree), objects };
}

/** Per kind, the paths that every instance of that kind has; `sources` counts the files the instances come from. */
export function commonPaths(files: { file: string; bytes: Buffer }[]): Map<string, { paths: string[]; instances: number; sources: Set<string> }> {
  const out = new Map<string, { paths: string[]; instances: number; sources: Set<string> }>();
  for (const { file, bytes } of files) {
    for (const o of objectPaths(bytes).objects) {
      const cur = out.get(o.kind);
      if (!cur) out.set(o.kind, { paths: [...o.paths].sort(), instances: 1, sources: new Set([file]) });
      else {
        cur.paths = cur.paths.filter((p) => o.paths.has(p));
        cur.instances++;
        cur.sources.add(file);
      }
    }
  }
  return out;
}

export function readRealFiles(dir: string): { file: string; bytes: Buffer; os: "windows" | "linux" }[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".conf")).sort().map((file) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    return { file, bytes, os: serverOs(parseConfTree(bytes)) };
  });
}
