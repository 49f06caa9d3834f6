// RC4 in pure TypeScript (OpenSSL 3 moved it to the legacy provider). NTLM session security keeps one
// long-lived keystream per direction, so this is a stateful cipher: every update() continues the stream.

export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0 || key.length > 256) throw new Error("RC4 key must be 1..256 bytes");
    const s = this.s;
    for (let k = 0; k < 256; k++) s[k] = k;
    let j = 0;
    for (let k = 0; k < 256; k++) {
      j = (j + s[k] + key[k % key.length]) & 0xff;
      const t = s[k]; s[k] = s[j]; s[j] = t;
    }
  }

  /** Encrypts or decrypts (the same operation) and advances the keystream. */
  update(data: Uint8Array): Buffer {
    const s = this.s;
    const out = Buffer.allocUnsafe(data.length);
    let i = this.i, j = this.j;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      const si = s[i];
      j = (j + si) & 0xff;
      const sj = s[j];
      s[i] = sj; s[j] = si;
      out[n] = data[n] ^ s[(si + sj) & 0xff];
    }
    this.i = i; this.j = j;
    return out;
  }
}

/** One-shot RC4 with a fresh key schedule (RC4K in [MS-NLMP]). */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  return new Rc4(key).update(data);
}
