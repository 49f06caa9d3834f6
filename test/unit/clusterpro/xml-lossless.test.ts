import { strict as assert } from "node:assert";
import {
  applySplice, childElements, detectStyle, findPath, parsePath, parseXml, spliceInsertChild, spliceRemove, spliceSetText, textContent,
  XmlSyntaxError,
} from "../../../provider/clusterpro/xml-lossless";

const style = (src: string) => detectStyle(src, parseXml(src));

describe("xml-lossless tokenizer", () => {
  it("records spans that cover the source exactly", () => {
    const src = `<?xml version="1.0"?>\n<root>\n  <a name="x">t&amp;u</a>\n  <b />\n  <!-- c -->\n</root>\n`;
    const tree = parseXml(src);
    const a = childElements(tree.root)[0];
    assert.equal(src.slice(a.start, a.end), `<a name="x">t&amp;u</a>`);
    assert.equal(textContent(a), "t&u");
    const b = childElements(tree.root)[1];
    assert.equal(b.selfClosing, true);
    assert.equal(src.slice(b.start, b.end), "<b />");
    assert.equal(tree.nodes.map((n) => src.slice(n.start, n.end)).join(""), src);
  });

  it("finds children by NEC addressing, with keys that contain @", () => {
    const tree = parseXml(`<root><group name="g"><resource name="fip@fip1"/></group><server name="s"><device id="400"><info>1</info></device></server></root>`);
    assert.ok(findPath(tree.root, "group@g/resource@fip@fip1"));
    assert.equal(textContent(findPath(tree.root, "server@s/device@400/info")!), "1");
    assert.deepEqual(parsePath("resource@fip@fip1"), [{ name: "resource", key: "fip@fip1" }]);
  });

  it("rejects malformed XML with a line number", () => {
    assert.throws(() => parseXml("<root>\n<a></b>\n</root>"), (e: unknown) => e instanceof XmlSyntaxError && /line 2/.test((e as Error).message));
    assert.throws(() => parseXml("<root><a></root>"), XmlSyntaxError);
    assert.throws(() => parseXml("text"), XmlSyntaxError);
  });
});

describe("xml-lossless edits", () => {
  it("sets text without touching the start tag and expands <x/> in place", () => {
    const src = `<root>\n  <c />\n  <d a='1'>old</d>\n</root>`;
    const tree = parseXml(src);
    const [c, d] = childElements(tree.root);
    let out = applySplice(src, spliceSetText(src, d, "new <&>", style(src)));
    assert.equal(out, `<root>\n  <c />\n  <d a='1'>new &lt;&amp;&gt;</d>\n</root>`);
    out = applySplice(src, spliceSetText(src, c, "x", style(src)));
    assert.equal(out, `<root>\n  <c>x</c>\n  <d a='1'>old</d>\n</root>`);
  });

  it("inserts a child in the file's indentation, line ends and empty-element form", () => {
    const src = "<root>\r\n\t<list>\r\n\t\t<item name=\"a\"/>\r\n\t</list>\r\n</root>";
    const tree = parseXml(src);
    const list = childElements(tree.root)[0];
    const out = applySplice(src, spliceInsertChild(src, list, { name: "item", attributes: { name: "b" }, children: [{ name: "v", text: "1" }, { name: "e" }] }, style(src)));
    assert.equal(out, "<root>\r\n\t<list>\r\n\t\t<item name=\"a\"/>\r\n\t\t<item name=\"b\">\r\n\t\t\t<v>1</v>\r\n\t\t\t<e/>\r\n\t\t</item>\r\n\t</list>\r\n</root>");
  });

  it("opens a self-closing parent to insert into it", () => {
    const src = "<root>\n  <networkpartition/>\n</root>";
    const np = childElements(parseXml(src).root)[0];
    const out = applySplice(src, spliceInsertChild(src, np, { name: "types", attributes: { name: "pingnp" } }, style(src)));
    assert.equal(out, "<root>\n  <networkpartition>\n    <types name=\"pingnp\"/>\n  </networkpartition>\n</root>");
  });

  it("removes an element with its own line, and only the element when it shares a line", () => {
    const src = "<root>\n  <a/>\n  <b/><c/>\n</root>";
    const [a, , c] = childElements(parseXml(src).root);
    assert.equal(applySplice(src, spliceRemove(src, a)), "<root>\n  <b/><c/>\n</root>");
    assert.equal(applySplice(src, spliceRemove(src, c)), "<root>\n  <a/>\n  <b/>\n</root>");
  });
});
