// A self-signed X.509 v3 certificate built in pure code (a minimal DER encoder + node:crypto ECDSA
// P-256 signing), so the lab needs neither openssl nor a native module. The certificate is its own CA
// (basicConstraints CA:TRUE) and names its hosts in subjectAltName, so a client can trust it with
// `ca: certPem` and full hostname verification.
import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const octet = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const bitString = (b: Buffer) => tlv(0x03, Buffer.from([0]), b);
const explicit = (n: number, c: Buffer) => tlv(0xa0 + n, c);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      stack.unshift(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, "0");
  const s = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return y < 2050 ? tlv(0x17, Buffer.from(`${p(y % 100)}${s}`)) : tlv(0x18, Buffer.from(`${y}${s}`));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split(".").map(Number));
  // IPv6: expand "::"
  const [head, tail] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail ? tail.split(":") : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16), i * 2));
  return b;
}

export interface SelfSignedCertificate {
  certPem: string;
  keyPem: string;
  /** "AB:CD:..." as Node's X509Certificate.fingerprint256 prints it. */
  fingerprint256: string;
  /** Hex SHA-256 of the DER certificate. */
  sha256Hex: string;
}

export function generateSelfSignedCertificate(opts: { commonName?: string; hosts?: string[]; days?: number } = {}): SelfSignedCertificate {
  const cn = opts.commonName ?? "clusterpro-lab";
  const hosts = opts.hosts ?? ["127.0.0.1", "localhost"];
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid("2.5.4.3"), utf8(cn))));
  const sigAlg = seq(oid("1.2.840.10045.4.3.2")); // ecdsa-with-SHA256
  const now = Date.now();
  const validity = seq(time(new Date(now - 60_000)), time(new Date(now + (opts.days ?? 30) * 86_400_000)));
  const altNames = seq(...hosts.map((h) => (isIP(h) ? tlv(0x87, ipBytes(h)) : tlv(0x82, Buffer.from(h, "ascii")))));
  const keyId = createHash("sha1").update(spki).digest();
  const extensions = explicit(
    3,
    seq(
      seq(oid("2.5.29.19"), bool(true), octet(seq(bool(true)))), // basicConstraints CA:TRUE
      seq(oid("2.5.29.15"), bool(true), octet(tlv(0x03, Buffer.from([0x02, 0x84])))), // keyUsage digitalSignature, keyCertSign
      seq(oid("2.5.29.37"), octet(seq(oid("1.3.6.1.5.5.7.3.1")))), // extKeyUsage serverAuth
      seq(oid("2.5.29.14"), octet(octet(keyId))), // subjectKeyIdentifier
      seq(oid("2.5.29.17"), octet(altNames)), // subjectAltName
    ),
  );
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = seq(explicit(0, integer(Buffer.from([2]))), integer(serial), sigAlg, name, validity, name, spki, extensions);
  const signature = sign("sha256", tbs, privateKey);
  const der = seq(tbs, sigAlg, bitString(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "")}\n-----END CERTIFICATE-----\n`;
  const x = new X509Certificate(certPem);
  return {
    certPem,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    fingerprint256: x.fingerprint256,
    sha256Hex: createHash("sha256").update(der).digest("hex"),
  };
}
