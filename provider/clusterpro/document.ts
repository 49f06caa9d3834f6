// A clp.conf document: the original bytes, the decoded text, its token tree and its writing style.
// Documents are immutable; every edit returns a new document whose text differs from the old one
// only inside the spans the edit touched.
import { decodeDocument, detectEncoding, DocumentEncoding, encodeDocument, unencodableCharacters } from "./encoding";
import {
  applySplice, childElements, detectStyle, ElementSpec, findChild, keyAttributes, parsePath, parseXml, PathSegment, Splice, spliceInsertBefore,
  spliceInsertChild, spliceRemove, spliceSetText, textContent, XmlElement, XmlStyle, XmlTree,
} from "./xml-lossless";

export class ClpDocument {
  private constructor(
    /** The bytes this document was parsed from. */
    readonly original: Buffer,
    private readonly originalText: string,
    readonly text: string,
    readonly encoding: DocumentEncoding,
    readonly tree: XmlTree,
    readonly style: XmlStyle,
    /** encode(decode(original)) === original: edits can be written without disturbing other bytes. */
    readonly reencodable: boolean,
  ) {}

  static parse(bytes: Buffer): ClpDocument {
    const encoding = detectEncoding(bytes);
    const text = decodeDocument(bytes, encoding);
    const tree = parseXml(text);
    if (tree.root.name !== "root") throw new Error(`clp.conf: the root element is <${tree.root.name}>, expected <root>`);
    const reencodable = encodeDocument(text, encoding).equals(bytes);
    return new ClpDocument(bytes, text, text, encoding, tree, detectStyle(text, tree), reencodable);
  }

  get root(): XmlElement {
    return this.tree.root;
  }

  /** True when the text differs from what was parsed. */
  get changed(): boolean {
    return this.text !== this.originalText;
  }

  withText(text: string): ClpDocument {
    if (text === this.text) return this;
    return new ClpDocument(this.original, this.originalText, text, this.encoding, parseXml(text), this.style, this.reencodable);
  }

  splice(s: Splice): ClpDocument {
    if (s.start === s.end && s.text === "") return this;
    return this.withText(applySplice(this.text, s));
  }
}

export function parseClpConf(bytes: Buffer): ClpDocument {
  return ClpDocument.parse(bytes);
}

/** The document's bytes: exactly the original ones when nothing changed. */
export function serializeClpConf(doc: ClpDocument): Buffer {
  if (!doc.changed) return doc.original;
  if (!doc.reencodable) {
    throw new Error(`clp.conf: the original bytes do not survive ${doc.encoding.declared} decoding, so an edited copy cannot be written without altering other parts`);
  }
  return encodeDocument(doc.text, doc.encoding);
}

// ---------- path-addressed reads ----------

/** `/root/...` prefixes are optional: paths are relative to <root>. */
function segmentsOf(path: string): PathSegment[] {
  const segments = parsePath(path);
  return segments[0]?.name === "root" && segments[0].key === undefined ? segments.slice(1) : segments;
}

export function findElement(doc: ClpDocument, path: string): XmlElement | undefined {
  let cur: XmlElement | undefined = doc.root;
  for (const s of segmentsOf(path)) {
    cur = cur ? findChild(cur, s) : undefined;
  }
  return cur;
}

export function getValue(doc: ClpDocument, path: string): string | undefined {
  const el = findElement(doc, path);
  return el ? textContent(el) : undefined;
}

// ---------- path-addressed edits ----------

export function specForSegments(segments: PathSegment[], leaf: Omit<ElementSpec, "name" | "attributes">): ElementSpec {
  const [first, ...rest] = segments;
  if (rest.length === 0) return { name: first.name, attributes: keyAttributes(first.key), ...leaf };
  return { name: first.name, attributes: keyAttributes(first.key), children: [specForSegments(rest, leaf)] };
}

function assertEncodable(doc: ClpDocument, path: string, value: string): void {
  const bad = unencodableCharacters(value, doc.encoding);
  if (bad.length > 0) {
    throw new Error(`${path}: value contains ${bad.map((c) => JSON.stringify(c)).join(", ")}, which the file's declared encoding ${doc.encoding.declared} cannot carry`);
  }
}

/** Where a new child named `name` goes: after the last sibling of the same name, else last. */
function anchorFor(parent: XmlElement, name: string): XmlElement | undefined {
  const same = childElements(parent, name);
  return same[same.length - 1];
}

/** Insert `spec` under the element at `parentPath` (creating the parent chain if needed). */
export function insertElement(doc: ClpDocument, parentPath: string, spec: ElementSpec, options: { before?: XmlElement; after?: XmlElement } = {}): ClpDocument {
  const segments = segmentsOf(parentPath);
  let parent: XmlElement = doc.root;
  for (let i = 0; i < segments.length; i++) {
    const next = findChild(parent, segments[i]);
    if (!next) {
      const wrapped = specForSegments(segments.slice(i), {});
      // Build the missing chain and put spec at its bottom.
      let bottom = wrapped;
      while (bottom.children && bottom.children.length > 0) bottom = bottom.children[0];
      bottom.children = [spec];
      return doc.splice(spliceInsertChild(doc.text, parent, wrapped, doc.style, anchorFor(parent, wrapped.name)));
    }
    parent = next;
  }
  if (options.before) return doc.splice(spliceInsertBefore(doc.text, options.before, spec, doc.style));
  return doc.splice(spliceInsertChild(doc.text, parent, spec, doc.style, options.after ?? anchorFor(parent, spec.name)));
}

/** Set the text of the leaf at `path`, creating missing elements; a no-op when the value is already there. */
export function setValue(doc: ClpDocument, path: string, value: string, same: (a: string, b: string) => boolean = (a, b) => a === b): ClpDocument {
  const segments = segmentsOf(path);
  const existing = findElement(doc, path);
  if (existing) {
    if (childElements(existing).length === 0 && same(textContent(existing), value)) return doc;
    if (childElements(existing).length > 0) throw new Error(`${path}: has child elements, so it cannot be set to a text value`);
    assertEncodable(doc, path, value);
    return doc.splice(spliceSetText(doc.text, existing, value, doc.style));
  }
  assertEncodable(doc, path, value);
  let parent: XmlElement = doc.root;
  for (let i = 0; i < segments.length; i++) {
    const next = findChild(parent, segments[i]);
    if (!next) {
      const spec = specForSegments(segments.slice(i), { text: value });
      return doc.splice(spliceInsertChild(doc.text, parent, spec, doc.style, anchorFor(parent, spec.name)));
    }
    parent = next;
  }
  return doc;
}

export function removeElement(doc: ClpDocument, path: string): ClpDocument {
  const el = findElement(doc, path);
  return el ? doc.splice(spliceRemove(doc.text, el)) : doc;
}

/** Remove every direct child of `parentPath` matching the predicate. */
export function removeChildren(doc: ClpDocument, parentPath: string, match: (el: XmlElement) => boolean): ClpDocument {
  for (;;) {
    const parent = findElement(doc, parentPath);
    const victim = parent ? childElements(parent).find(match) : undefined;
    if (!victim) return doc;
    doc = doc.splice(spliceRemove(doc.text, victim));
  }
}
