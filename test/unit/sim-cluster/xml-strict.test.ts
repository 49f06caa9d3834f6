// The lab's strict XML reader (sim/cluster/xml-strict.ts) against an independent real parser: Python 3's expat.
// Every document of the corpus below and every real clp.conf must get the same verdict (accept/reject) from both.
// Multi-byte encodings (SJIS, EUC-JP) are decoded by Python's own codecs (cp932, euc_jp) and handed to expat as
// UTF-8, because pyexpat refuses multi-byte encodings itself; a decode error counts as expat's rejection.
// Also: a push of a malformed clp.conf is refused by clpcfctrl --push with line, column and reason, before anything
// changes on a node.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkWellFormed, XmlStrictError } from "../../../sim/cluster/xml-strict";
import { clpconfFixturesDir } from "../../support/paths";
import { printportLab, printportConf } from "./helpers";

const EXPAT = `
import sys, json, base64, re, xml.parsers.expat as E
CODECS = {"SJIS": "cp932", "SHIFT_JIS": "cp932", "SHIFT-JIS": "cp932", "CP932": "cp932", "WINDOWS-31J": "cp932", "EUC-JP": "euc_jp", "EUCJP": "euc_jp"}
out = []
for b64 in json.load(sys.stdin):
    data = base64.b64decode(b64)
    m = re.match(rb'^<\\?xml[^>]*?\\sencoding\\s*=\\s*["\\']([^"\\']*)["\\']', data)
    codec = CODECS.get(m.group(1).decode("latin1").upper()) if m else None
    try:
        if codec:
            data = data.decode(codec).encode("utf-8")
            p = E.ParserCreate("UTF-8")
        else:
            p = E.ParserCreate()
        p.Parse(data, True)
        out.append("accept")
    except Exception as e:
        out.append("reject: " + str(e))
print(json.dumps(out))
`;

function expatVerdicts(docs: Buffer[]): string[] {
  const r = spawnSync("python3", ["-c", EXPAT], { input: JSON.stringify(docs.map((d) => d.toString("base64"))), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 expat harness failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

function labVerdict(doc: Buffer): string {
  try {
    checkWellFormed(doc);
    return "accept";
  } catch (e) {
    if (e instanceof XmlStrictError) return `reject: ${e.message}`;
    throw e;
  }
}

const D = (s: string): Buffer => Buffer.from(s, "latin1");
const H = '<?xml version="1.0" encoding="ASCII"?>\n';
const HU = '<?xml version="1.0" encoding="UTF-8"?>\n';
const HS = '<?xml version="1.0" encoding="SJIS"?>\n';
const HE = '<?xml version="1.0" encoding="EUC-JP"?>\n';

/** [name, bytes, expected verdict]. The expectation is also asserted, so a case that both parsers get wrong fails too. */
const CORPUS: [string, Buffer, "accept" | "reject"][] = [
  // well-formed
  ["minimal", D("<root/>"), "accept"],
  ["declaration ASCII", D(`${H}<root><cluster><name>c</name></cluster></root>\n`), "accept"],
  ["declaration standalone", D('<?xml version="1.0" encoding="SJIS" standalone="no"?>\n<root/>'), "accept"],
  ["single quotes in declaration", D("<?xml version='1.0' encoding='UTF-8'?><root/>"), "accept"],
  ["space before ?>", D('<?xml version="1.0" ?><root/>'), "accept"],
  ["CRLF lines and tabs", D(`${H}<root>\r\n\t<a x="1"\ty='2'>t</a>\r\n</root>\r\n`), "accept"],
  ["predefined entities", D(`${H}<root a="&lt;&gt;&amp;&quot;&apos;">&lt;x&gt; &amp; "q" 'a'</root>`), "accept"],
  ["character references", D(`${H}<root>&#9;&#xA;&#13;&#x41;&#65;&#x3042;&#x10FFFF;</root>`), "accept"],
  ["character reference to < in attribute", D(`${H}<root a="&#60;"/>`), "accept"],
  ["comment and PI before and after root", D(`${H}<!-- c --><?pi x?>\n<root/>\n<!-- after --><?after?>\n`), "accept"],
  ["CDATA with markup inside", D(`${H}<root><![CDATA[<a> & ]] ]>]]></root>`), "accept"],
  ["> in text", D(`${H}<root>a > b</root>`), "accept"],
  ["empty comment", D(`${H}<root><!----></root>`), "accept"],
  ["names with - . _ : digits", D(`${H}<root><a-b.c_d:e1 f-g="1"/></root>`), "accept"],
  ["space in end tag", D(`${H}<root></root  >`), "accept"],
  ["UTF-8 Japanese", Buffer.from(`${HU}<root><comment>日本語のコメント</comment></root>`, "utf8"), "accept"],
  ["UTF-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HU}<root/>`)]), "accept"],
  ["SJIS Japanese", Buffer.concat([D(`${HS}<root><comment>`), Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), D("</comment></root>")]), "accept"],
  ["EUC-JP Japanese", Buffer.concat([D(`${HE}<root><comment>`), Buffer.from([0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec]), D("</comment></root>")]), "accept"],
  ["ISO-8859-1 high bytes", D('<?xml version="1.0" encoding="ISO-8859-1"?><root>caf\xe9</root>'), "accept"],
  ["xml-stylesheet PI", D(`${H}<?xml-stylesheet href="a"?><root/>`), "accept"],
  ["C1 controls and DEL (allowed in XML 1.0)", Buffer.from(`${HU}<root>\u0080\u0085\u009f\u007f</root>`, "utf8"), "accept"],
  ["Japanese element and attribute names", Buffer.from(`${HU}<root><設定 名前="値"/></root>`, "utf8"), "accept"],
  ["spaces around = and lone CR", D(`${H}<root a = "1"\r b\t=\t'2'>\r</root>`), "accept"],
  ["PI without data", D(`${H}<root><?pi?></root>`), "accept"],
  ["attribute with both quote kinds", D(`${H}<root a="it's" b='say "x"'/>`), "accept"],
  ["deep nesting", D(`${H}${"<a>".repeat(500)}${"</a>".repeat(500)}`), "accept"],
  // characters not allowed in XML 1.0
  ["NUL in text", D(`${H}<root><comment>a\x00b</comment></root>`), "reject"],
  ["NUL as &#0;", D(`${H}<root><comment>a&#0;b</comment></root>`), "reject"],
  ["NUL as &#x0;", D(`${H}<root><comment>&#x0;</comment></root>`), "reject"],
  ["U+0001 in text", D(`${H}<root>\x01</root>`), "reject"],
  ["U+001B (ESC) in comment", D(`${H}<root><!-- \x1b --></root>`), "reject"],
  ["U+0008 as &#8;", D(`${H}<root>&#8;</root>`), "reject"],
  ["U+000C form feed", D(`${H}<root>\x0c</root>`), "reject"],
  ["control in attribute", D(`${H}<root a="\x02"/>`), "reject"],
  ["&#0; in attribute", D(`${H}<root a="&#0;"/>`), "reject"],
  ["U+FFFE as reference", D(`${H}<root>&#xFFFE;</root>`), "reject"],
  ["U+FFFF in UTF-8", Buffer.from(`${HU}<root>\uffff</root>`, "utf8"), "reject"],
  ["surrogate reference", D(`${H}<root>&#xD800;</root>`), "reject"],
  ["reference above U+10FFFF", D(`${H}<root>&#x110000;</root>`), "reject"],
  ["control in CDATA", D(`${H}<root><![CDATA[\x07]]></root>`), "reject"],
  ["control in PI", D(`${H}<?pi \x03?><root/>`), "reject"],
  // references
  ["undefined entity", D(`${H}<root>&nbsp;</root>`), "reject"],
  ["undefined entity in attribute", D(`${H}<root a="&foo;"/>`), "reject"],
  ["bare &", D(`${H}<root>a & b</root>`), "reject"],
  ["bare & in attribute", D(`${H}<root a="a & b"/>`), "reject"],
  ["unterminated reference", D(`${H}<root>&amp</root>`), "reject"],
  ["empty char reference", D(`${H}<root>&#;</root>`), "reject"],
  ["hex reference without digits", D(`${H}<root>&#x;</root>`), "reject"],
  ["duplicate attribute, other quotes", D(`${H}<root a="1" a='1'/>`), "reject"],
  ["bad hex reference", D(`${H}<root>&#xG1;</root>`), "reject"],
  // attributes
  ["duplicate attribute", D(`${H}<root><server name="a" name="b"/></root>`), "reject"],
  ["< in attribute", D(`${H}<root a="x<y"/>`), "reject"],
  ["unquoted attribute", D(`${H}<root a=1/>`), "reject"],
  ["no space between attributes", D(`${H}<root a="1"b="2"/>`), "reject"],
  ["attribute without value", D(`${H}<root a/>`), "reject"],
  ["unterminated attribute value", D(`${H}<root a="1/>`), "reject"],
  // structure
  ["mismatched tags", D(`${H}<root><a></b></root>`), "reject"],
  ["unclosed tag", D(`${H}<root><a></root>`), "reject"],
  ["unclosed root", D(`${H}<root><a/>`), "reject"],
  ["stray end tag", D(`${H}<root/></root>`), "reject"],
  ["text after root", D(`${H}<root/>junk`), "reject"],
  ["second element after root", D(`${H}<root/><root/>`), "reject"],
  ["text before root", D(`${H}x<root/>`), "reject"],
  ["empty document", D(""), "reject"],
  ["only a declaration", D(H), "reject"],
  ["case mismatch", D(`${H}<root></Root>`), "reject"],
  ["]]> in text", D(`${H}<root>a]]>b</root>`), "reject"],
  ["unclosed CDATA", D(`${H}<root><![CDATA[x</root>`), "reject"],
  ["unclosed comment", D(`${H}<root><!-- x </root>`), "reject"],
  ["-- in comment", D(`${H}<root><!-- a -- b --></root>`), "reject"],
  ["comment ending --->", D(`${H}<root><!-- a ---></root>`), "reject"],
  ["<! junk", D(`${H}<root><!FOO></root>`), "reject"],
  // names
  ["name starting with a digit", D(`${H}<root><1a/></root>`), "reject"],
  ["name starting with -", D(`${H}<root><-a/></root>`), "reject"],
  ["attribute name starting with .", D(`${H}<root .a="1"/>`), "reject"],
  ["space after <", D(`${H}<root>< a/></root>`), "reject"],
  ["bad char in name", D(`${H}<root><a!b/></root>`), "reject"],
  // XML declaration
  ["declaration not at start", D(` ${H}<root/>`), "reject"],
  ["second XML declaration", D(`${H}${H}<root/>`), "reject"],
  ["XML declaration after root", D(`<root/><?xml version="1.0"?>`), "reject"],
  ["reserved PI target XmL", D(`<root/><?XmL x?>`), "reject"],
  ["declaration without version", D('<?xml encoding="UTF-8"?><root/>'), "reject"],
  ["standalone maybe", D('<?xml version="1.0" standalone="maybe"?><root/>'), "reject"],
  ["encoding before version", D('<?xml encoding="UTF-8" version="1.0"?><root/>'), "reject"],
  ["unclosed declaration", D('<?xml version="1.0"<root/>'), "reject"],
  // encodings
  ["byte above 0x7F in an ASCII document", D(`${H}<root>caf\xe9</root>`), "reject"],
  ["invalid UTF-8", Buffer.concat([D(`${HU}<root>`), Buffer.from([0xc3, 0x28]), D("</root>")]), "reject"],
  ["UTF-8 overlong", Buffer.concat([D(`${HU}<root>`), Buffer.from([0xc0, 0xaf]), D("</root>")]), "reject"],
  ["UTF-8 surrogate bytes", Buffer.concat([D(`${HU}<root>`), Buffer.from([0xed, 0xa0, 0x80]), D("</root>")]), "reject"],
  ["truncated SJIS", Buffer.concat([D(`${HS}<root>`), Buffer.from([0x93]), D("</root>")]), "reject"],
  ["invalid EUC-JP", Buffer.concat([D(`${HE}<root>`), Buffer.from([0xc6, 0x20]), D("</root>")]), "reject"],
  ["unknown encoding", D('<?xml version="1.0" encoding="bogus-enc"?><root/>'), "reject"],
];

describe("sim/cluster/xml-strict: the lab refuses what expat refuses", () => {
  const realFiles = clpconfFixturesDir ? fs.readdirSync(clpconfFixturesDir).filter((f) => f.endsWith(".conf")).sort() : [];

  it("agrees with Python's expat on every corpus document, and both give the expected verdict", function () {
    this.timeout(20000);
    const expat = expatVerdicts(CORPUS.map((c) => c[1]));
    const disagree: string[] = [];
    CORPUS.forEach(([name, doc, want], i) => {
      const lab = labVerdict(doc);
      const e = expat[i];
      if (lab.split(":")[0] !== e.split(":")[0] || lab.split(":")[0] !== want) disagree.push(`${name}: expected ${want}, lab ${lab}, expat ${e}`);
    });
    assert.deepEqual(disagree, []);
  });

  it("agrees with expat on the nine real clp.conf files (both accept them) and on each with a NUL put in", function () {
    if (realFiles.length === 0) this.skip();
    this.timeout(20000);
    assert.equal(realFiles.length, 9);
    const docs = realFiles.map((f) => fs.readFileSync(path.join(clpconfFixturesDir!, f)));
    // The same file with a NUL in its last element's text: both must refuse it.
    const broken = docs.map((d) => {
      const at = d.lastIndexOf("</");
      return Buffer.concat([d.subarray(0, at), Buffer.from([0]), d.subarray(at)]);
    });
    const expat = expatVerdicts([...docs, ...broken]);
    for (let i = 0; i < docs.length; i++) {
      assert.equal(labVerdict(docs[i]), "accept", realFiles[i]);
      assert.equal(expat[i], "accept", realFiles[i]);
      assert.match(labVerdict(broken[i]), /^reject: .*control character U\+0000/, realFiles[i]);
      assert.match(expat[docs.length + i], /^reject/, realFiles[i]);
    }
  });

  it("names line, column and reason", () => {
    const e = assert.throws(() => checkWellFormed(D(`${H}<root>\n  <a x="1" x="2"/>\n</root>`)), (err: unknown) => {
      assert.ok(err instanceof XmlStrictError);
      assert.equal(err.line, 3);
      assert.equal(err.column, 13);
      assert.match(err.message, /^line 3, column 13: attribute "x" appears twice in <a>$/);
      return true;
    });
    void e;
    assert.throws(() => checkWellFormed(D(`${H}<root>\n<c>a&#0;</c></root>`)), /line 3, column 5: character reference &#0; is to a character not allowed in XML 1\.0/);
  });

  it("refuses a DOCTYPE (clp.conf never has one; stricter than expat on purpose)", () => {
    assert.throws(() => checkWellFormed(D(`${H}<!DOCTYPE root [<!ENTITY x "y">]><root>&x;</root>`)), /DOCTYPE is not allowed/);
  });

  it("clpcfctrl --push refuses a malformed clp.conf naming line, column and reason, and nothing changes", () => {
    const lab = printportLab();
    const before = lab.sim.conf("server01");
    const good = printportConf();
    const at = good.indexOf("</comment>");
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from("\x01"), good.subarray(at)]);
    lab.s1.fs.writeFile("C:\\work\\conf\\clp.conf", bad);
    const r = lab.run("server01", "clpcfctrl", "--push", "-w", "-x", "C:\\work\\conf");
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr + r.stdout, /not well-formed XML at line \d+, column \d+: control character U\+0001 is not allowed in XML 1\.0/);
    assert.ok(lab.sim.conf("server01")!.equals(before!), "the node keeps its configuration");
  });
});
