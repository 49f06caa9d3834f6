// clp.conf files declare EUC-JP, SJIS/Shift_JIS, ASCII or UTF-8. Decode by the declared name and
// encode back the same way, so an edited file keeps the encoding the product expects.
import * as iconv from "iconv-lite";

export interface DocumentEncoding {
  /** The name exactly as declared (`SJIS`, `EUC-JP`, `ASCII`, …); "UTF-8" when undeclared. */
  declared: string;
  /** The iconv-lite codec used for it. */
  codec: string;
  /** The file started with a UTF-8 byte-order mark. */
  bom: boolean;
}

// Windows CLUSTERPRO writes Windows-31J when it says SJIS; cp932 is a superset of plain Shift_JIS.
// ASCII is decoded as latin1 so that any stray high byte still round-trips unchanged.
const CODECS: Record<string, string> = {
  "sjis": "cp932",
  "shift_jis": "cp932",
  "shift-jis": "cp932",
  "windows-31j": "cp932",
  "cp932": "cp932",
  "ms932": "cp932",
  "euc-jp": "eucjp",
  "eucjp": "eucjp",
  "ascii": "latin1",
  "us-ascii": "latin1",
  "utf-8": "utf8",
  "utf8": "utf8",
};

export function detectEncoding(bytes: Buffer): DocumentEncoding {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const head = bytes.subarray(bom ? 3 : 0, Math.min(bytes.length, 512)).toString("latin1");
  const declaration = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head);
  const declared = declaration ? declaration[1] : "UTF-8";
  const codec = CODECS[declared.toLowerCase()] ?? (iconv.encodingExists(declared) ? declared : undefined);
  if (!codec) throw new Error(`clp.conf declares encoding "${declared}", which this tool cannot decode`);
  return { declared, codec, bom };
}

export function decodeDocument(bytes: Buffer, encoding: DocumentEncoding): string {
  return iconv.decode(encoding.bom ? bytes.subarray(3) : bytes, encoding.codec, { stripBOM: false });
}

export function encodeDocument(text: string, encoding: DocumentEncoding): Buffer {
  const body = iconv.encode(text, encoding.codec, { addBOM: false });
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Characters of `value` the document's declared encoding cannot carry (empty when all fit). */
export function unencodableCharacters(value: string, encoding: DocumentEncoding): string[] {
  const bad = new Set<string>();
  const asciiOnly = encoding.declared.toLowerCase().includes("ascii");
  for (const ch of value) {
    if (asciiOnly) {
      if (ch.codePointAt(0)! > 0x7e && ch !== "\u007f") bad.add(ch);
      continue;
    }
    if (ch.codePointAt(0)! < 0x80) continue;
    if (iconv.decode(iconv.encode(ch, encoding.codec), encoding.codec) !== ch) bad.add(ch);
  }
  return [...bad];
}
