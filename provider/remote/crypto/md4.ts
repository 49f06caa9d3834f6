// MD4 (RFC 1320) in pure TypeScript. Node 20 / OpenSSL 3 has no MD4 without the legacy provider,
// and NTLM needs it exactly once per authentication (NTOWFv1 = MD4(UTF-16LE(password))).

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** Returns the 16-byte MD4 digest of `data`. */
export function md4(data: Uint8Array): Buffer {
  const len = data.length;
  const padLen = ((len + 8) >>> 6) * 64 + 64; // room for 0x80, zeros and the 64-bit length
  const buf = new Uint8Array(padLen);
  buf.set(data);
  buf[len] = 0x80;
  const bitLenLo = (len * 8) >>> 0;
  const bitLenHi = Math.floor(len / 0x20000000) >>> 0;
  const dv = new DataView(buf.buffer);
  dv.setUint32(padLen - 8, bitLenLo, true);
  dv.setUint32(padLen - 4, bitLenHi, true);

  let a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
  const x = new Uint32Array(16);
  const F = (p: number, q: number, r: number) => (p & q) | (~p & r);
  const G = (p: number, q: number, r: number) => (p & q) | (p & r) | (q & r);
  const H = (p: number, q: number, r: number) => p ^ q ^ r;
  for (let off = 0; off < padLen; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = dv.getUint32(off + i * 4, true);
    const aa = a, bb = b, cc = c, dd = d;
    // Round 1
    for (let i = 0; i < 16; i += 4) {
      a = rotl((a + F(b, c, d) + x[i]) >>> 0, 3);
      d = rotl((d + F(a, b, c) + x[i + 1]) >>> 0, 7);
      c = rotl((c + F(d, a, b) + x[i + 2]) >>> 0, 11);
      b = rotl((b + F(c, d, a) + x[i + 3]) >>> 0, 19);
    }
    // Round 2
    for (let i = 0; i < 4; i++) {
      a = rotl((a + G(b, c, d) + x[i] + 0x5a827999) >>> 0, 3);
      d = rotl((d + G(a, b, c) + x[i + 4] + 0x5a827999) >>> 0, 5);
      c = rotl((c + G(d, a, b) + x[i + 8] + 0x5a827999) >>> 0, 9);
      b = rotl((b + G(c, d, a) + x[i + 12] + 0x5a827999) >>> 0, 13);
    }
    // Round 3
    for (const i of [0, 2, 1, 3]) {
      a = rotl((a + H(b, c, d) + x[i] + 0x6ed9eba1) >>> 0, 3);
      d = rotl((d + H(a, b, c) + x[i + 8] + 0x6ed9eba1) >>> 0, 9);
      c = rotl((c + H(d, a, b) + x[i + 4] + 0x6ed9eba1) >>> 0, 11);
      b = rotl((b + H(c, d, a) + x[i + 12] + 0x6ed9eba1) >>> 0, 15);
    }
    a = (a + aa) >>> 0; b = (b + bb) >>> 0; c = (c + cc) >>> 0; d = (d + dd) >>> 0;
  }
  const out = Buffer.alloc(16);
  out.writeUInt32LE(a, 0); out.writeUInt32LE(b, 4); out.writeUInt32LE(c, 8); out.writeUInt32LE(d, 12);
  return out;
}
