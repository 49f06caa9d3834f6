// [MS-WSMV] 2.2.9.1.1 message encryption framing for NTLM ("multipart/encrypted"), byte-exact as pywinrm
// and Windows produce it: tab-indented part headers, Length= last, closing boundary with CRLF.
import type { NtlmSession } from "./ntlm";

export const ENCRYPTED_PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
export const ENCRYPTED_CONTENT_TYPE = `multipart/encrypted;protocol="${ENCRYPTED_PROTOCOL}";boundary="Encrypted Boundary"`;
const BOUNDARY = "--Encrypted Boundary\r\n";
const TRAILER = "--Encrypted Boundary--\r\n";
const OCTET_HEADER = "\tContent-Type: application/octet-stream\r\n";

function head(length: number, charset: string): string {
  return (
    BOUNDARY +
    `\tContent-Type: ${ENCRYPTED_PROTOCOL}\r\n` +
    `\tOriginalContent: type=application/soap+xml;charset=${charset};Length=${length}\r\n` +
    BOUNDARY +
    OCTET_HEADER
  );
}

/** Body length of wrapEncrypted() for a plaintext of `n` bytes (known before sealing). */
export function encryptedBodyLength(n: number, charset = "UTF-8"): number {
  return Buffer.byteLength(head(n, charset)) + 4 + 16 + n + TRAILER.length;
}

export function isEncryptedContentType(contentType: string | undefined): boolean {
  return !!contentType && contentType.toLowerCase().includes(`protocol="${ENCRYPTED_PROTOCOL.toLowerCase()}"`);
}

/** Seals `plaintext` with the session (consumes one sequence number) and frames it. */
export function wrapEncrypted(session: NtlmSession, plaintext: Buffer, charset = "UTF-8"): Buffer {
  const { sealed, signature } = session.seal(plaintext);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(signature.length);
  return Buffer.concat([Buffer.from(head(plaintext.length, charset), "latin1"), len, signature, sealed, Buffer.from(TRAILER, "latin1")]);
}

export class EncryptionFramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionFramingError";
  }
}

/** Parses one or more (header, payload) part pairs, unseals each in order and concatenates the plaintexts. */
export function unwrapEncrypted(session: NtlmSession, body: Buffer): Buffer {
  const boundary = Buffer.from(BOUNDARY, "latin1");
  const pieces: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const at = body.indexOf(boundary, pos);
    const end = at < 0 ? body.length : at;
    if (end > pos) pieces.push(body.subarray(pos, end));
    if (at < 0) break;
    pos = at + boundary.length;
  }
  if (pieces.length === 0 || pieces.length % 2 !== 0) throw new EncryptionFramingError("malformed multipart/encrypted body");
  const out: Buffer[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const header = pieces[i].toString("latin1");
    const m = /Length=(\d+)\s*$/.exec(header.trim());
    if (!m) throw new EncryptionFramingError("multipart/encrypted part without Length=");
    const expected = Number(m[1]);
    let payload = pieces[i + 1];
    const trailer = Buffer.from(TRAILER, "latin1");
    if (payload.length >= trailer.length && payload.subarray(payload.length - trailer.length).equals(trailer)) {
      payload = payload.subarray(0, payload.length - trailer.length);
    }
    const octet = Buffer.from(OCTET_HEADER, "latin1");
    if (!payload.subarray(0, octet.length).equals(octet)) throw new EncryptionFramingError("multipart/encrypted part without octet-stream header");
    payload = payload.subarray(octet.length);
    if (payload.length < 4) throw new EncryptionFramingError("truncated encrypted part");
    const sigLen = payload.readUInt32LE(0);
    if (payload.length < 4 + sigLen) throw new EncryptionFramingError("truncated encrypted part");
    const signature = payload.subarray(4, 4 + sigLen);
    const sealed = payload.subarray(4 + sigLen);
    if (sealed.length !== expected) throw new EncryptionFramingError(`encrypted length ${sealed.length} does not match Length=${expected}`);
    out.push(session.unseal(sealed, signature));
  }
  return Buffer.concat(out);
}
