// The lab's own XML 1.0 well-formedness check for pushed clp.conf bytes.
//
// CLUSTERPRO's tools read clp.conf with an expat/libxml-class parser, which refuses documents that the lenient
// @xmldom/xmldom DOM (used afterwards by conf.ts to build the element tree) accepts: a NUL or other C0 control
// character (also written as `&#0;`), an undefined entity, a duplicate attribute, text after the root element, bytes
// that are not valid in the declared encoding, and so on. This module refuses them first, naming line, column and the
// reason, so a push the real product would refuse is refused by the lab too. test/unit/sim-cluster/xml-strict.test.ts
// cross-checks accept/reject against Python's expat on a corpus and on the nine real clp.conf files.
//
// What it checks (XML 1.0, Fifth Edition; entity and character rules as expat applies them):
//   - encoding: the declared encoding (UTF-8 when none) must be one the lab reads, and every byte sequence must be
//     valid in it (ASCII: bytes < 0x80; UTF-8, Shift_JIS/CP932, EUC-JP: a fatal WHATWG decoder; ISO-8859-1);
//   - XML declaration only at the very start, `version` first, then optional `encoding`, then `standalone` yes|no;
//   - characters: only #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF], literal or as `&#…;`;
//   - references: only the five predefined entities and character references (no DOCTYPE, so nothing else is
//     declared); a DOCTYPE itself is refused (clp.conf never has one; it is also the door to entity expansion);
//   - names: XML name start and name characters; tags nest and end tags match; one root element; only comments,
//     processing instructions and white space before and after it;
//   - attributes: white space between them, quoted values without `<` or a bare `&`, no name twice;
//   - comments without `--` inside, processing instructions not named `xml` (any case) after the start, CDATA
//     sections closed, no `]]>` in character data.

export class XmlStrictError extends Error {
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "XmlStrictError";
  }
}

/** Encodings the lab reads, by upper-case declared name → WHATWG decoder label ("ascii" = bytes below 0x80). */
const ENCODINGS: Record<string, string> = {
  "UTF-8": "utf-8", "UTF8": "utf-8",
  "ASCII": "ascii", "US-ASCII": "ascii",
  "ISO-8859-1": "iso-8859-1", "LATIN1": "iso-8859-1",
  "SJIS": "shift_jis", "SHIFT_JIS": "shift_jis", "SHIFT-JIS": "shift_jis", "CP932": "shift_jis", "WINDOWS-31J": "shift_jis",
  "EUC-JP": "euc-jp", "EUCJP": "euc-jp",
};

/** Line and column (1-based, in characters) of byte offset `end` of an ASCII-compatible byte prefix. */
function bytePosition(bytes: Buffer, end: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      column = 1;
    } else if (b !== 0x0d && (b < 0x80 || b >= 0xc0)) column++;
  }
  return { line, column };
}

/** Decodes by the declared encoding, refusing bytes that are not valid in it. */
function decodeStrict(bytes: Buffer): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlStrictError(1, 1, "UTF-16 clp.conf is not supported (the product writes an ASCII-compatible encoding)");
  }
  const head = bytes.subarray(start, start + 200).toString("latin1");
  const m = /^<\?xml[^>]*?\sencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  const declared = m ? m[2] : "UTF-8";
  if (start === 3 && m && ENCODINGS[declared.toUpperCase()] !== "utf-8") {
    throw new XmlStrictError(1, 1, `a UTF-8 byte order mark but the declaration says encoding "${declared}"`);
  }
  const label = ENCODINGS[declared.toUpperCase()];
  if (!label) throw new XmlStrictError(1, 1, `encoding "${declared}" is not one the cluster reads (UTF-8, ASCII, ISO-8859-1, SJIS, EUC-JP)`);
  const body = bytes.subarray(start);
  if (label === "ascii") {
    const bad = body.findIndex((b) => b >= 0x80);
    if (bad >= 0) {
      const p = bytePosition(body, bad);
      throw new XmlStrictError(p.line, p.column, `byte 0x${body[bad].toString(16)} is not valid in the declared encoding "${declared}"`);
    }
    return body.toString("latin1");
  }
  if (label === "iso-8859-1") return body.toString("latin1"); // every byte is a character (the WHATWG label means windows-1252)
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Find the first invalid sequence: the longest prefix that decodes (bisection on byte offsets).
    let lo = 0;
    let hi = body.length;
    const ok = (n: number): boolean => {
      try {
        new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body.subarray(0, n));
        return true;
      } catch {
        return false;
      }
    };
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (ok(mid)) lo = mid;
      else hi = mid - 1;
    }
    // lo bytes decode; a trailing partial character may still be valid: back up to a line start for the position.
    const p = bytePosition(body, lo);
    throw new XmlStrictError(p.line, p.column, `bytes not valid in the declared encoding "${declared}"`);
  }
}

function isChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a ||
    (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) || (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39) || c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x9 || c === 0xa || c === 0xd;

const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);

function describe(c: number): string {
  if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
  return `"${String.fromCodePoint(c)}" (U+${c.toString(16).toUpperCase().padStart(4, "0")})`;
}

class Reader {
  private i = 0;
  private line = 1;
  private col = 1;

  constructor(private readonly s: string) {}

  fail(reason: string, at?: { line: number; col: number }): never {
    throw new XmlStrictError(at?.line ?? this.line, at?.col ?? this.col, reason);
  }

  get eof(): boolean {
    return this.i >= this.s.length;
  }

  peek(): number {
    return this.eof ? -1 : (this.s.codePointAt(this.i) as number);
  }

  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i);
  }

  /** Consumes one character, refusing characters XML 1.0 does not allow. */
  next(): number {
    const c = this.peek();
    if (c < 0) this.fail("unexpected end of document");
    if (!isChar(c)) this.fail(`${describe(c)} is not allowed in XML 1.0`);
    this.i += c > 0xffff ? 2 : 1;
    if (c === 0xa || (c === 0xd && this.s.charCodeAt(this.i) !== 0xa)) {
      this.line++;
      this.col = 1;
    } else if (c !== 0xd) this.col++;
    return c;
  }

  expect(t: string, what: string): void {
    if (!this.startsWith(t)) this.fail(`expected ${what}`);
    for (let k = 0; k < t.length; k++) this.next();
  }

  skipSpace(): boolean {
    let any = false;
    while (isSpace(this.peek())) {
      this.next();
      any = true;
    }
    return any;
  }

  name(what: string): string {
    const c = this.peek();
    if (c < 0 || !isNameStart(c)) this.fail(c < 0 ? `unexpected end of document (expected ${what})` : `${describe(c)} cannot start ${what}`);
    const from = this.i;
    this.next();
    while (this.peek() >= 0 && isNameChar(this.peek())) this.next();
    return this.s.slice(from, this.i);
  }

  /** `&…;` after the `&`: a predefined entity or a character reference to an allowed character. */
  reference(): void {
    const at = { line: this.line, col: this.col - 1 }; // the "&" just read
    if (this.peek() === 0x23) {
      this.next();
      const hex = this.peek() === 0x78;
      if (hex) this.next();
      const from = this.i;
      while (hex ? /[0-9a-fA-F]/.test(this.s[this.i] ?? "") : /[0-9]/.test(this.s[this.i] ?? "")) this.next();
      const digits = this.s.slice(from, this.i);
      if (digits === "" || this.peek() !== 0x3b) this.fail("malformed character reference");
      const code = parseInt(digits, hex ? 16 : 10);
      if (!isChar(code) || digits.length > 8) this.fail(`character reference &#${hex ? "x" : ""}${digits}; is to a character not allowed in XML 1.0`, at);
      this.next();
      return;
    }
    const n = this.name("an entity name");
    if (this.peek() !== 0x3b) this.fail(`entity reference &${n} is not closed by ";"`);
    if (!PREDEFINED.has(n)) this.fail(`undefined entity &${n};`, at);
    this.next();
  }

  comment(): void {
    this.expect("<!--", "<!--");
    for (;;) {
      if (this.startsWith("--")) {
        if (this.startsWith("-->")) {
          this.expect("-->", "-->");
          return;
        }
        this.fail('"--" inside a comment');
      }
      this.next();
    }
  }

  pi(): void {
    this.expect("<?", "<?");
    const target = this.name("a processing instruction target");
    if (target.toLowerCase() === "xml") this.fail("an XML declaration is allowed only at the very start of the document");
    if (!this.startsWith("?>")) {
      if (!this.skipSpace()) this.fail("expected white space after the processing instruction target");
      while (!this.startsWith("?>")) this.next();
    }
    this.expect("?>", "?>");
  }

  /** Comments, PIs and white space outside the root element. */
  misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith("<!--")) this.comment();
      else if (this.startsWith("<?")) this.pi();
      else return;
    }
  }

  xmlDecl(): void {
    if (!this.startsWith("<?xml") || !isSpace(this.s.codePointAt(this.i + 5) ?? -1)) return;
    this.expect("<?xml", "<?xml");
    const pseudo = (name: string, required: boolean, check: (v: string) => boolean): boolean => {
      const save = { i: this.i, line: this.line, col: this.col };
      const hadSpace = this.skipSpace();
      if (!this.startsWith(name)) {
        Object.assign(this, save);
        if (required) this.fail(`the XML declaration must start with ${name}`);
        return false;
      }
      if (!hadSpace) this.fail(`expected white space before ${name} in the XML declaration`);
      this.expect(name, name);
      this.skipSpace();
      this.expect("=", `"=" after ${name}`);
      this.skipSpace();
      const q = this.peek();
      if (q !== 0x22 && q !== 0x27) this.fail(`the value of ${name} must be quoted`);
      this.next();
      const from = this.i;
      while (this.peek() !== q) {
        if (this.eof) this.fail("unexpected end of document in the XML declaration");
        this.next();
      }
      const v = this.s.slice(from, this.i);
      if (!check(v)) this.fail(`bad ${name} "${v}" in the XML declaration`);
      this.next();
      return true;
    };
    pseudo("version", true, (v) => /^[A-Za-z0-9_.:-]+$/.test(v));
    pseudo("encoding", false, (v) => /^[A-Za-z][A-Za-z0-9._-]*$/.test(v));
    pseudo("standalone", false, (v) => v === "yes" || v === "no");
    this.skipSpace();
    this.expect("?>", '"?>" closing the XML declaration');
  }

  attributeValue(): void {
    const q = this.peek();
    if (q !== 0x22 && q !== 0x27) this.fail("an attribute value must be quoted");
    this.next();
    for (;;) {
      const c = this.peek();
      if (c < 0) this.fail("unexpected end of document in an attribute value");
      if (c === q) break;
      if (c === 0x3c) this.fail('"<" is not allowed in an attribute value');
      this.next();
      if (c === 0x26) this.reference();
    }
    this.next();
  }

  /** An element from its `<`; returns after its end tag (or `/>`). Iterative, so depth cannot overflow the stack. */
  element(): void {
    const open: string[] = [];
    for (;;) {
      // Start tag
      this.expect("<", "<");
      const tag = this.name("an element name");
      const seen = new Set<string>();
      let empty = false;
      for (;;) {
        const sp = this.skipSpace();
        if (this.startsWith("/>")) {
          this.expect("/>", "/>");
          empty = true;
          break;
        }
        if (this.peek() === 0x3e) {
          this.next();
          break;
        }
        if (this.eof) this.fail(`unexpected end of document in the start tag of <${tag}>`);
        if (!sp) this.fail(`expected white space, ">" or "/>" in the start tag of <${tag}>`);
        const an = this.name("an attribute name");
        if (seen.has(an)) this.fail(`attribute "${an}" appears twice in <${tag}>`);
        seen.add(an);
        this.skipSpace();
        this.expect("=", `"=" after attribute "${an}"`);
        this.skipSpace();
        this.attributeValue();
      }
      if (!empty) open.push(tag);
      // Content until the next start tag, or end tags until the root is closed
      for (;;) {
        if (open.length === 0) return;
        if (this.eof) this.fail(`unexpected end of document: <${open[open.length - 1]}> is not closed`);
        if (this.startsWith("</")) {
          this.expect("</", "</");
          const end = this.name("an element name");
          const want = open.pop() as string;
          if (end !== want) this.fail(`end tag </${end}> does not match <${want}>`);
          this.skipSpace();
          this.expect(">", `">" closing </${end}>`);
        } else if (this.startsWith("<!--")) this.comment();
        else if (this.startsWith("<![CDATA[")) {
          this.expect("<![CDATA[", "<![CDATA[");
          while (!this.startsWith("]]>")) this.next();
          this.expect("]]>", "]]>");
        } else if (this.startsWith("<?")) this.pi();
        else if (this.startsWith("<!")) this.fail('"<!" that is not a comment or a CDATA section');
        else if (this.peek() === 0x3c) break;
        else if (this.startsWith("]]>")) this.fail('"]]>" is not allowed in character data');
        else {
          const c = this.next();
          if (c === 0x26) this.reference();
        }
      }
    }
  }

  document(): void {
    this.xmlDecl();
    this.misc();
    if (this.startsWith("<!DOCTYPE")) this.fail("a DOCTYPE is not allowed in clp.conf");
    if (this.eof) this.fail("no root element");
    if (this.peek() !== 0x3c) this.fail(`text before the root element (${describe(this.peek())})`);
    this.element();
    this.misc();
    if (!this.eof) this.fail(this.peek() === 0x3c ? "a second element or markup after the root element" : `text after the root element (${describe(this.peek())})`);
  }
}

/**
 * Checks that clp.conf bytes are a well-formed XML 1.0 document in an encoding the cluster reads and returns the
 * decoded text (without a byte order mark). Throws XmlStrictError (line, column, reason) otherwise.
 */
export function checkWellFormed(bytes: Buffer): string {
  const text = decodeStrict(bytes);
  new Reader(text).document();
  return text;
}
