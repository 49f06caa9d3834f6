// clp.conf elements the provider writes although no public source shows them (no real clp.conf, no NEC
// document or tool found that writes them). Preview names each one a plan writes, so a user knows to
// check it in the Cluster WebUI. docs/clusterpro-xml.md gives, per element, what was searched.
import { splitXPath, type Change } from "./diff";

export interface UnverifiedElement {
  /** NEC-style path below /root, `*` standing for any name or id: `resource/regsync@*\/parameters/key@*`. */
  path: string;
  /** The XML the provider writes there, for the preview note. */
  writtenAs: string;
  /** Why it is unverified (what was searched), for docs and tests. */
  why: string;
}

export const UNVERIFIED_ELEMENTS: readonly UnverifiedElement[] = [
  {
    path: "resource/regsync@*/parameters/key@*",
    writtenAs: `<parameters><key id="0">HKEY_LOCAL_MACHINE\\…</key>…</parameters>, one <key> per registry key, numbered from 0`,
    why: "no public clp.conf, NEC tool or document shows a regsync resource's key list; only the element names regsync/regsyncw are public (EXPRESSCLUSTER/Tools@35bca0d scripts/UM8700beforeUpdate.ps1)",
  },
  {
    path: "resource/script@*/act/timeout",
    writtenAs: "<act><timeout>N</timeout></act>, N = startTimeoutSeconds as given",
    why: "no public clp.conf has a Windows script resource body; act/timeout is public only on exec, service and md resources (EXPRESSCLUSTER/kubernetes sss4mariadb.conf, NeoFace-Watch clp.conf)",
  },
  {
    path: "networkpartition/pingnp@*/parameters/interval",
    writtenAs: "<parameters><interval>N</interval></parameters>, N = intervalSeconds as given",
    why: "no public clp.conf has a pingnp with its ping interval, time-out or retry count (BasicCluster, 502a973, b75aa54, clpcreate_v2 samples write only priority, device and grp/list/ip); clpcfset's `add np pingnp` takes no such values (CreateClusterOnLinux@1f25c7b doc/jp/CommandUsage_v2_Windows_jp.md)",
  },
  {
    path: "networkpartition/pingnp@*/parameters/timeout",
    writtenAs: "<parameters><timeout>N</timeout></parameters>, N = timeoutSeconds as given",
    why: "as networkpartition/pingnp@*/parameters/interval",
  },
  {
    path: "networkpartition/pingnp@*/parameters/retry",
    writtenAs: "<parameters><retry>N</retry></parameters>, N = retries as given",
    why: "as networkpartition/pingnp@*/parameters/interval",
  },
  {
    path: "resource/script@*/deact/timeout",
    writtenAs: "<deact><timeout>N</timeout></deact>, N = stopTimeoutSeconds as given",
    why: "as resource/script@*/act/timeout",
  },
  {
    path: "resource/vcom@*/parameters/name",
    writtenAs: "<parameters><name>VCOM01</name></parameters>, the virtual computer name as given",
    why: "no public clp.conf, NEC tool or document shows a vcom resource's body; only the type name vcom is public (reference: anchors-and-clusterpro-x.md, resource section)",
  },
  {
    path: "resource/vcom@*/parameters/fipname",
    writtenAs: "<parameters><fipname>fip1</fipname></parameters>, the floating IP resource the name is bound to",
    why: "as resource/vcom@*/parameters/name (the WebUI's \"target FIP resource\" setting; its element name is a guess)",
  },
  {
    path: "monitor/vcomw@*/parameters/object",
    writtenAs: "<parameters><object>vcom1</object></parameters>, the vcom resource it watches",
    why: "no public clp.conf shows a vcomw monitor; written like the sdw/mdw monitors, which name their resource in parameters/object",
  },
];

interface Seg {
  name: string;
  key?: string;
}

/** `/root/resource/regsync[@name='rs']/parameters/key[@id='0']` → segments below /root. */
function segments(xpath: string): Seg[] {
  return splitXPath(xpath)
    .filter((p) => p !== "" && p !== ".")
    .slice(1) // "root"
    .map((p) => {
      const m = /^([^[]+)(?:\[@(?:name|id)='(.*?)'\])?(?:\[\d+\])?$/.exec(p);
      return m ? (m[2] !== undefined ? { name: m[1], key: m[2] } : { name: m[1] }) : { name: p };
    });
}

function patternOf(path: string): Seg[] {
  return path.split("/").map((p) => {
    const at = p.indexOf("@");
    return at < 0 ? { name: p } : { name: p.slice(0, at), key: p.slice(at + 1) };
  });
}

function matches(pattern: Seg[], segs: Seg[]): boolean {
  return pattern.length === segs.length && pattern.every((p, i) => p.name === segs[i].name && (p.key === undefined ? segs[i].key === undefined : segs[i].key !== undefined && (p.key === "*" || p.key === segs[i].key)));
}

/** NEC-style text of segments: `resource/regsync@rs/parameters/key@0`. */
const text = (segs: Seg[]) => segs.map((s) => (s.key === undefined ? s.name : `${s.name}@${s.key}`)).join("/");

/**
 * The unverified elements a change set writes (adds or modifies), one per element and object: a regsync
 * resource with three keys gives one note, not three.
 */
export function unverifiedWrites(changes: readonly Pick<Change, "path" | "kind" | "new">[]): { element: UnverifiedElement; path: string }[] {
  const out = new Map<string, { element: UnverifiedElement; path: string }>();
  for (const c of changes) {
    if (c.kind === "remove") continue;
    const leaves = c.new !== undefined && typeof c.new === "object" ? Object.keys(c.new).map((rel) => (rel === "." ? c.path : `${c.path}/${rel}`)) : [c.path];
    for (const leaf of leaves) {
      const segs = segments(leaf);
      for (const element of UNVERIFIED_ELEMENTS) {
        const pattern = patternOf(element.path);
        if (!matches(pattern, segs)) continue;
        // One note per element and object: the path up to the last `*` of the pattern stays generic.
        const shown = text(segs.map((s, i) => (i === pattern.length - 1 && pattern[i].key === "*" ? { name: s.name, key: "*" } : s)));
        out.set(shown, { element, path: shown });
      }
    }
  }
  return [...out.values()];
}
