// Proves the pure-TS MD4 (RFC 1320 A.5) and RC4 against the published vectors.
import { strict as assert } from "node:assert";
import { md4 } from "../../../provider/remote/crypto/md4";
import { Rc4, rc4 } from "../../../provider/remote/crypto/rc4";

describe("winrm crypto: MD4", () => {
  const vectors: Array<[string, string]> = [
    ["", "31d6cfe0d16ae931b73c59d7e0c089c0"],
    ["a", "bde52cb31de33e46245e05fbdbd6fb24"],
    ["abc", "a448017aaf21d8525fc10ae87aa6729d"],
    ["message digest", "d9130a8164549fe818874806e1c7014b"],
    ["abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4"],
    ["1234567890".repeat(8), "e33b4ddc9c38f2199c3e7b164fcc0536"],
  ];
  for (const [input, hex] of vectors) {
    it(`MD4(${JSON.stringify(input.slice(0, 20))}) matches RFC 1320`, () => {
      assert.equal(md4(Buffer.from(input, "latin1")).toString("hex"), hex);
    });
  }
  it("handles inputs around the 55/56/64-byte padding boundaries without throwing", () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 1000]) assert.equal(md4(Buffer.alloc(n, 0x61)).length, 16);
  });
});

describe("winrm crypto: RC4", () => {
  it("key 0102030405 over 32 zero bytes", () => {
    const out = rc4(Buffer.from("0102030405", "hex"), Buffer.alloc(32));
    assert.equal(out.toString("hex"), "b2396305f03dc027ccc3524a0a1118a8" + "6982944f18fc82d589c403a47a0d0919");
  });
  it('key "Key" over "Plaintext"', () => {
    assert.equal(rc4(Buffer.from("Key"), Buffer.from("Plaintext")).toString("hex"), "bbf316e8d940af0ad3");
  });
  it("keeps its keystream across update() calls", () => {
    const c = new Rc4(Buffer.from("0102030405", "hex"));
    const a = c.update(Buffer.alloc(10));
    const b = c.update(Buffer.alloc(22));
    assert.equal(Buffer.concat([a, b]).toString("hex"), "b2396305f03dc027ccc3524a0a1118a8" + "6982944f18fc82d589c403a47a0d0919");
  });
});
