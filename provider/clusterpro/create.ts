// A new, empty clp.conf in the shape NEC's builders start from (clpcfset `create <cluster> <encode>`
// writes all/charset, all/serveros, all/encode and cluster/name; CreateCluster and CreateClusterOnLinux samples).
import { ClpDocument, parseClpConf, setValue } from "./document";
import { encodeDocument, detectEncoding } from "./encoding";

export interface NewClusterOptions {
  name: string;
  serverOs: "windows" | "linux";
  /** Declared file encoding; default SJIS on Windows, EUC-JP on Linux (as the generator samples). */
  encoding?: "SJIS" | "EUC-JP" | "ASCII" | "UTF-8" | "GB2312";
  /** Line ends; default LF. */
  newline?: "\n" | "\r\n";
}

export function createClpConf(o: NewClusterOptions): ClpDocument {
  const encoding = o.encoding ?? (o.serverOs === "windows" ? "SJIS" : "EUC-JP");
  const nl = o.newline ?? "\n";
  const text = [
    `<?xml version="1.0" encoding="${encoding}"?>`,
    "<root>",
    "  <all>",
    `    <charset>${encoding}</charset>`,
    `    <serveros>${o.serverOs}</serveros>`,
    `    <encode>${encoding === "UTF-8" ? "SJIS" : encoding}</encode>`,
    "  </all>",
    "  <cluster>",
    "    <name>cluster</name>",
    "    <comment/>",
    "  </cluster>",
    "  <webmgr>",
    "    <client>",
    "      <objectnumber>4</objectnumber>",
    "    </client>",
    "  </webmgr>",
    "</root>",
    "",
  ].join(nl);
  const bytes = encodeDocument(text, detectEncoding(Buffer.from(text.slice(0, 60), "latin1")));
  // The name goes through the normal edit path so it is escaped and checked against the encoding.
  return setValue(parseClpConf(bytes), "cluster/name", o.name);
}
