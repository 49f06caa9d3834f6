// A lossless XML layer: a tokenizer that records the source span of every node, and span edits
// that rewrite only the characters they change. Untouched text is re-emitted verbatim, which is
// how clp.conf files written by the WebUI, NEC's generators and hand edits survive a round trip
// byte for byte (a DOM serializer only manages 2 of the 9 real samples).

export interface XmlAttribute {
  name: string;
  value: string;
}

export interface XmlElement {
  kind: "element";
  name: string;
  attributes: XmlAttribute[];
  /** Index of `<`. */
  start: number;
  /** Index just after the closing `>` of the whole element. */
  end: number;
  /** Index just after the `>` of the start tag (equals `end` for `<x/>`). */
  openEnd: number;
  /** Index of `</` (equals `end` for `<x/>`). */
  closeStart: number;
  selfClosing: boolean;
  children: XmlNode[];
}

export interface XmlText {
  kind: "text";
  start: number;
  end: number;
  /** Decoded text (entities resolved). */
  value: string;
}

export interface XmlMarkup {
  kind: "comment" | "cdata" | "pi" | "doctype";
  start: number;
  end: number;
  value: string;
}

export type XmlNode = XmlElement | XmlText | XmlMarkup;

export interface XmlTree {
  /** Nodes before, around and after the root element (declaration, comments, whitespace). */
  nodes: XmlNode[];
  root: XmlElement;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number, source: string) {
    super(`XML syntax error at line ${lineOf(source, offset)}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, ent: string) => {
    switch (ent) {
      case "lt": return "<";
      case "gt": return ">";
      case "amp": return "&";
      case "quot": return "\"";
      case "apos": return "'";
      default:
        return String.fromCodePoint(ent[1] === "x" ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10));
    }
  });
}

export function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

/** Tokenizes a whole document. Throws XmlSyntaxError on malformed input. */
export function parseXml(source: string): XmlTree {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    throw new XmlSyntaxError(message, at, source);
  };

  const readMarkup = (): XmlMarkup | undefined => {
    const rest = (s: string) => source.startsWith(s, pos);
    const until = (kind: XmlMarkup["kind"], open: string, close: string): XmlMarkup => {
      const start = pos;
      const stop = source.indexOf(close, pos + open.length);
      if (stop < 0) fail(`unterminated ${kind}`, start);
      pos = stop + close.length;
      return { kind, start, end: pos, value: source.slice(start + open.length, stop) };
    };
    if (rest("<!--")) return until("comment", "<!--", "-->");
    if (rest("<![CDATA[")) return until("cdata", "<![CDATA[", "]]>");
    if (rest("<?")) return until("pi", "<?", "?>");
    if (rest("<!DOCTYPE") || rest("<!doctype")) return until("doctype", "<!", ">");
    return undefined;
  };

  const readName = (): string => {
    const start = pos;
    if (!NAME_START.test(source[pos] ?? "")) fail("expected a name");
    pos++;
    while (pos < source.length && NAME_CHAR.test(source[pos])) pos++;
    return source.slice(start, pos);
  };

  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos])) pos++;
  };

  const readText = (): XmlText => {
    const start = pos;
    const stop = source.indexOf("<", pos);
    pos = stop < 0 ? source.length : stop;
    return { kind: "text", start, end: pos, value: decodeEntities(source.slice(start, pos)) };
  };

  const readElement = (): XmlElement => {
    const start = pos;
    pos++; // <
    const name = readName();
    const attributes: XmlAttribute[] = [];
    for (;;) {
      skipSpace();
      if (source.startsWith("/>", pos)) {
        pos += 2;
        return { kind: "element", name, attributes, start, end: pos, openEnd: pos, closeStart: pos, selfClosing: true, children: [] };
      }
      if (source[pos] === ">") {
        pos++;
        break;
      }
      if (pos >= source.length) fail(`unterminated start tag <${name}>`, start);
      const attrName = readName();
      skipSpace();
      if (source[pos] !== "=") fail(`attribute ${attrName} of <${name}> has no value`);
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== "\"" && quote !== "'") fail(`attribute ${attrName} of <${name}> is not quoted`);
      const stop = source.indexOf(quote, pos + 1);
      if (stop < 0) fail(`unterminated attribute ${attrName} of <${name}>`);
      attributes.push({ name: attrName, value: decodeEntities(source.slice(pos + 1, stop)) });
      pos = stop + 1;
    }
    const openEnd = pos;
    const children: XmlNode[] = [];
    for (;;) {
      if (pos >= source.length) fail(`element <${name}> is not closed`, start);
      if (source.startsWith("</", pos)) {
        const closeStart = pos;
        pos += 2;
        const closeName = readName();
        if (closeName !== name) fail(`</${closeName}> closes <${name}>`, closeStart);
        skipSpace();
        if (source[pos] !== ">") fail(`malformed end tag </${name}>`);
        pos++;
        return { kind: "element", name, attributes, start, end: pos, openEnd, closeStart, selfClosing: false, children };
      }
      children.push(readNode());
    }
  };

  const readNode = (): XmlNode => {
    if (source[pos] !== "<") return readText();
    return readMarkup() ?? readElement();
  };

  const nodes: XmlNode[] = [];
  let root: XmlElement | undefined;
  while (pos < source.length) {
    const node = readNode();
    if (node.kind === "element") {
      if (root) fail("more than one root element", node.start);
      root = node;
    } else if (node.kind === "text" && node.value.trim() !== "") {
      fail("text outside the root element", node.start);
    }
    nodes.push(node);
  }
  if (!root) return fail("no root element", 0);
  return { nodes, root };
}

// ---------- navigation ----------

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of element.children) if (c.kind === "element" && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.find((a) => a.name === name)?.value;
}

/** The key NEC's `elem@key` addressing uses: the `name` attribute, else `id`. */
export function elementKey(element: XmlElement): string | undefined {
  return attribute(element, "name") ?? attribute(element, "id");
}

/** Concatenated text/CDATA content (decoded); "" for empty elements. */
export function textContent(element: XmlElement): string {
  let s = "";
  for (const c of element.children) {
    if (c.kind === "text" || c.kind === "cdata") s += c.value;
    else if (c.kind === "element") s += textContent(c);
  }
  return s;
}

export interface PathSegment {
  name: string;
  key?: string;
}

/** Parses `group@failover/policy@srv1/order` (a key may itself contain `@`: `resource@fip@fip1`). */
export function parsePath(path: string): PathSegment[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      const at = s.indexOf("@");
      return at < 0 ? { name: s } : { name: s.slice(0, at), key: s.slice(at + 1) };
    });
}

/** The attribute a new element's key goes into: device/netdev/grp/list ids are numeric, everything else is a name. */
export function keyAttributeName(key: string): "id" | "name" {
  return /^\d+$/.test(key) ? "id" : "name";
}

export function keyAttributes(key: string | undefined): Record<string, string> | undefined {
  return key === undefined ? undefined : { [keyAttributeName(key)]: key };
}

export function findChild(parent: XmlElement, segment: PathSegment): XmlElement | undefined {
  for (const c of parent.children) {
    if (c.kind !== "element" || c.name !== segment.name) continue;
    if (segment.key === undefined || elementKey(c) === segment.key) return c;
  }
  return undefined;
}

export function findPath(from: XmlElement, path: string | PathSegment[]): XmlElement | undefined {
  const segments = typeof path === "string" ? parsePath(path) : path;
  let cur: XmlElement | undefined = from;
  for (const s of segments) {
    if (!cur) return undefined;
    cur = findChild(cur, s);
  }
  return cur;
}

// ---------- style ----------

export interface XmlStyle {
  newline: "\n" | "\r\n";
  /** One indentation step ("  ", "\t", 8 spaces …). */
  indentUnit: string;
  /** How the file writes empty elements: `<x/>` or `<x />`. */
  emptyTagClose: "/>" | " />";
}

export function detectStyle(source: string, tree: XmlTree): XmlStyle {
  const newline = source.includes("\r\n") ? "\r\n" : "\n";
  const spaced = (source.match(/\s\/>/g) ?? []).length;
  const tight = (source.match(/[^\s]\/>/g) ?? []).length;
  const first = childElements(tree.root)[0];
  let indentUnit = first ? lineIndent(source, first) ?? "" : "";
  if (indentUnit === "") indentUnit = "  ";
  return { newline, indentUnit, emptyTagClose: spaced > tight ? " />" : "/>" };
}

/** The whitespace between the start of an element's line and the element, or undefined if other text precedes it. */
export function lineIndent(source: string, node: { start: number }): string | undefined {
  let i = node.start;
  while (i > 0 && (source[i - 1] === " " || source[i - 1] === "\t")) i--;
  if (i > 0 && source[i - 1] !== "\n") return undefined;
  return source.slice(i, node.start);
}

// ---------- building new elements ----------

/** A new element to write, in the file's own style. */
export interface ElementSpec {
  name: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: ElementSpec[];
}

export function renderElement(spec: ElementSpec, indent: string, style: XmlStyle): string {
  const attrs = Object.entries(spec.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join("");
  const children = spec.children ?? [];
  if (children.length === 0) {
    if (spec.text === undefined || spec.text === "") return `<${spec.name}${attrs}${style.emptyTagClose}`;
    return `<${spec.name}${attrs}>${escapeText(spec.text)}</${spec.name}>`;
  }
  const inner = indent + style.indentUnit;
  const body = children.map((c) => style.newline + inner + renderElement(c, inner, style)).join("");
  return `<${spec.name}${attrs}>${body}${style.newline}${indent}</${spec.name}>`;
}

// ---------- span edits (each returns the new source text) ----------

export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function applySplice(source: string, splice: Splice): string {
  return source.slice(0, splice.start) + splice.text + source.slice(splice.end);
}

/** Indentation a child of `parent` should get. */
export function childIndent(source: string, parent: XmlElement, style: XmlStyle): string {
  const siblings = childElements(parent);
  for (let i = siblings.length - 1; i >= 0; i--) {
    const ind = lineIndent(source, siblings[i]);
    if (ind !== undefined) return ind;
  }
  return elementIndent(source, parent, style) + style.indentUnit;
}

/** Indentation of an element itself (falls back to a computed depth if it shares a line). */
export function elementIndent(source: string, element: XmlElement, style: XmlStyle): string {
  return lineIndent(source, element) ?? style.indentUnit;
}

/** Replace the text content of a leaf element, keeping its start tag exactly. */
export function spliceSetText(source: string, element: XmlElement, value: string, style: XmlStyle): Splice {
  if (childElements(element).length > 0) throw new Error(`<${element.name}> has child elements; cannot set its text`);
  if (element.selfClosing) {
    if (value === "") return { start: element.start, end: element.start, text: "" };
    const open = source.slice(element.start, element.end).replace(/\s*\/>$/, ">");
    return { start: element.start, end: element.end, text: `${open}${escapeText(value)}</${element.name}>` };
  }
  if (value === "") {
    const open = source.slice(element.start, element.openEnd).replace(/\s*>$/, "");
    return { start: element.start, end: element.end, text: `${open}${style.emptyTagClose}` };
  }
  return { start: element.openEnd, end: element.closeStart, text: escapeText(value) };
}

/** Insert a new child element; `after` (a child of parent) places it right after that sibling, else it goes last. */
export function spliceInsertChild(source: string, parent: XmlElement, spec: ElementSpec, style: XmlStyle, after?: XmlElement): Splice {
  const parentIndent = elementIndent(source, parent, style);
  const indent = childIndent(source, parent, style);
  const xml = renderElement(spec, indent, style);
  if (parent.selfClosing) {
    const open = source.slice(parent.start, parent.end).replace(/\s*\/>$/, ">");
    return { start: parent.start, end: parent.end, text: `${open}${style.newline}${indent}${xml}${style.newline}${parentIndent}</${parent.name}>` };
  }
  const elements = childElements(parent);
  const anchor = after ?? elements[elements.length - 1];
  if (!anchor) {
    // Only whitespace (or nothing) inside: lay the content out afresh.
    const onlySpace = parent.children.every((c) => c.kind === "text" && c.value.trim() === "");
    if (onlySpace) {
      return { start: parent.openEnd, end: parent.closeStart, text: `${style.newline}${indent}${xml}${style.newline}${parentIndent}` };
    }
    return { start: parent.closeStart, end: parent.closeStart, text: `${style.newline}${indent}${xml}${style.newline}${parentIndent}` };
  }
  if (lineIndent(source, anchor) === undefined) {
    // The anchor shares its line with other markup (generator output): stay on that line.
    return { start: anchor.end, end: anchor.end, text: xml };
  }
  return { start: anchor.end, end: anchor.end, text: `${style.newline}${indent}${xml}` };
}

/** Insert a new element right before `before` (used to keep `<types>` ahead of its objects). */
export function spliceInsertBefore(source: string, before: XmlElement, spec: ElementSpec, style: XmlStyle): Splice {
  const indent = lineIndent(source, before);
  if (indent === undefined) return { start: before.start, end: before.start, text: renderElement(spec, style.indentUnit, style) };
  return { start: before.start, end: before.start, text: `${renderElement(spec, indent, style)}${style.newline}${indent}` };
}

/** Remove an element together with the line it sat on, if it had a line of its own. */
export function spliceRemove(source: string, element: XmlElement): Splice {
  const indent = lineIndent(source, element);
  if (indent === undefined) return { start: element.start, end: element.end, text: "" };
  let start = element.start - indent.length;
  if (start > 0 && source[start - 1] === "\n") start--;
  if (start > 0 && source[start - 1] === "\r" && source[start] === "\n") start--;
  return { start, end: element.end, text: "" };
}

/** Replace a whole element with freshly rendered content at the same indentation. */
export function spliceReplace(source: string, element: XmlElement, spec: ElementSpec, style: XmlStyle): Splice {
  const indent = lineIndent(source, element) ?? style.indentUnit;
  return { start: element.start, end: element.end, text: renderElement(spec, indent, style) };
}
