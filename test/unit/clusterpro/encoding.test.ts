import { strict as assert } from "node:assert";
import * as iconv from "iconv-lite";
import { getValue, parseClpConf, serializeClpConf, setValue } from "../../../provider/clusterpro/document";
import { detectEncoding } from "../../../provider/clusterpro/encoding";

const doc = (encoding: string, comment: string) =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<root>\n  <cluster>\n    <name>c</name>\n    <comment>${comment}</comment>\n  </cluster>\n</root>\n`;

describe("clp.conf encodings", () => {
  for (const [declared, codec] of [["EUC-JP", "eucjp"], ["SJIS", "cp932"], ["Shift_JIS", "cp932"], ["UTF-8", "utf8"]] as const) {
    it(`${declared}: decodes Japanese text by the declaration and writes edits back in it`, () => {
      const bytes = iconv.encode(doc(declared, "本番クラスタ①"), codec);
      const parsed = parseClpConf(bytes);
      assert.equal(getValue(parsed, "cluster/comment"), "本番クラスタ①");
      assert.ok(serializeClpConf(parsed).equals(bytes));
      const edited = serializeClpConf(setValue(parsed, "cluster/comment", "待機系サーバ"));
      assert.ok(edited.equals(iconv.encode(doc(declared, "待機系サーバ"), codec)));
    });
  }

  it("ASCII: keeps stray high bytes on round trip and refuses to write characters ASCII cannot carry", () => {
    const bytes = Buffer.from(doc("ASCII", ""), "latin1");
    const withHigh = Buffer.from(doc("ASCII", "\u00e9"), "latin1");
    assert.ok(serializeClpConf(parseClpConf(withHigh)).equals(withHigh));
    assert.throws(() => setValue(parseClpConf(bytes), "cluster/comment", "日本語"), /cluster\/comment: .*ASCII cannot carry/);
  });

  it("EUC-JP: refuses a character outside JIS X 0208/0212, naming the path", () => {
    const parsed = parseClpConf(iconv.encode(doc("EUC-JP", ""), "eucjp"));
    assert.throws(() => setValue(parsed, "cluster/comment", "😀"), /cluster\/comment.*EUC-JP/);
  });

  it("keeps a UTF-8 byte-order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc("UTF-8", "é"), "utf8")]);
    const parsed = parseClpConf(bytes);
    assert.equal(parsed.encoding.bom, true);
    const out = serializeClpConf(setValue(parsed, "cluster/name", "d"));
    assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  });

  it("rejects an encoding it cannot decode", () => {
    assert.throws(() => detectEncoding(Buffer.from(`<?xml version="1.0" encoding="X-NOPE"?><root/>`)), /X-NOPE/);
  });
});
