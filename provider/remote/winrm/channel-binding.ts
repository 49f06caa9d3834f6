// TLS channel binding ("tls-server-end-point", RFC 5929) for NTLM over HTTPS: the MD5 of a
// gss_channel_bindings_struct whose application data is "tls-server-end-point:" + H(server cert DER).
// H is the certificate's signature hash, or SHA-256 when that is MD5 or SHA-1. Windows checks it when
// the listener's CbtHardeningLevel is Strict (Relaxed by default).
import { createHash } from "node:crypto";

const HASH_BY_OID: Record<string, string> = {
  "1.2.840.113549.1.1.4": "sha256", // md5WithRSA → sha256
  "1.2.840.113549.1.1.5": "sha256", // sha1WithRSA → sha256
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.1": "sha256", // ecdsa-with-SHA1 → sha256
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
};

function readTlv(der: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = der[at];
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[at + 2 + i];
    start += n;
  }
  if (start + len > der.length) throw new Error("truncated DER");
  return { tag, start, end: start + len };
}

function decodeOid(b: Buffer): string {
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (const byte of b.subarray(1)) {
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

/** The OID of the certificate's signatureAlgorithm (outer Certificate sequence). */
export function certificateSignatureOid(der: Buffer): string {
  const cert = readTlv(der, 0);
  const tbs = readTlv(der, cert.start);
  const alg = readTlv(der, tbs.end);
  const oid = readTlv(der, alg.start);
  if (oid.tag !== 0x06) throw new Error("certificate signatureAlgorithm has no OID");
  return decodeOid(der.subarray(oid.start, oid.end));
}

/** The 16-byte MsvAvChannelBindings value for a TLS server certificate (DER). */
export function tlsServerEndPointBindingHash(certDer: Buffer): Buffer {
  let alg: string;
  try {
    alg = HASH_BY_OID[certificateSignatureOid(certDer)] ?? "sha256";
  } catch {
    alg = "sha256";
  }
  const appData = Buffer.concat([Buffer.from("tls-server-end-point:", "ascii"), createHash(alg).update(certDer).digest()]);
  const header = Buffer.alloc(20);
  header.writeUInt32LE(appData.length, 16);
  return createHash("md5").update(header).update(appData).digest();
}
