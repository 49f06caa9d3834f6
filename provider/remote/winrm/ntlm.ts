// NTLMv2 with extended session security ([MS-NLMP]): message encoding, key derivation, MIC, and the
// sign+seal session used by WinRM message encryption. Shared by our client and the lab's acceptor.
// Nothing here logs; callers must never print keys, hashes or passwords.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { md4 } from "../crypto/md4";
import { Rc4, rc4 } from "../crypto/rc4";

export const NTLM_SIGNATURE = Buffer.from("NTLMSSP\0", "latin1");

export const NtlmFlags = {
  NEGOTIATE_56: 0x80000000,
  KEY_EXCH: 0x40000000,
  NEGOTIATE_128: 0x20000000,
  VERSION: 0x02000000,
  TARGET_INFO: 0x00800000,
  IDENTITY: 0x00100000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_TYPE_SERVER: 0x00020000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  ALWAYS_SIGN: 0x00008000,
  OEM_WORKSTATION_SUPPLIED: 0x00002000,
  OEM_DOMAIN_SUPPLIED: 0x00001000,
  NTLM: 0x00000200,
  LM_KEY: 0x00000080,
  SEAL: 0x00000020,
  SIGN: 0x00000010,
  REQUEST_TARGET: 0x00000004,
  OEM: 0x00000002,
  UNICODE: 0x00000001,
} as const;

/** What our client asks for: 56|KEY_EXCH|128|VERSION|ESS|ALWAYS_SIGN|NTLM|SEAL|SIGN|REQUEST_TARGET|OEM|UNICODE. */
export const CLIENT_NEGOTIATE_FLAGS = 0xe2088237;

export const AvId = {
  EOL: 0,
  NbComputerName: 1,
  NbDomainName: 2,
  DnsComputerName: 3,
  DnsDomainName: 4,
  DnsTreeName: 5,
  Flags: 6,
  Timestamp: 7,
  SingleHost: 8,
  TargetName: 9,
  ChannelBindings: 10,
} as const;

export interface AvPair { id: number; value: Buffer }

export class NtlmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NtlmError";
  }
}

export const utf16 = (s: string): Buffer => Buffer.from(s, "utf16le");

function hmacMd5(key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const h = createHmac("md5", key);
  for (const p of parts) h.update(p);
  return h.digest();
}

function md5(...parts: Uint8Array[]): Buffer {
  const h = createHash("md5");
  for (const p of parts) h.update(p);
  return h.digest();
}

// ---------------------------------------------------------------------------------------------
// Hashes and responses ([MS-NLMP] 3.3.2)

export function ntowfv1(password: string): Buffer {
  return md4(utf16(password));
}

/** NTOWFv2 = HMAC_MD5(MD4(UTF16(password)), UTF16(UPPER(user) + domain)). The domain is NOT upper-cased. */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return ntowfv2FromHash(ntowfv1(password), user, domain);
}

export function ntowfv2FromHash(ntHash: Buffer, user: string, domain: string): Buffer {
  return hmacMd5(ntHash, utf16(user.toUpperCase() + domain));
}

/** The NTLMv2 "temp" blob: 0101 0000 00000000 | timestamp | clientChallenge | 00000000 | avPairs | 00000000. */
export function ntlmv2Temp(timestamp: Buffer, clientChallenge: Buffer, avPairsBytes: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]),
    timestamp,
    clientChallenge,
    Buffer.alloc(4),
    avPairsBytes,
    Buffer.alloc(4),
  ]);
}

export interface Ntlmv2Response {
  ntProofStr: Buffer;
  ntChallengeResponse: Buffer;
  lmChallengeResponse: Buffer;
  sessionBaseKey: Buffer;
}

export function computeNtlmv2Response(
  responseKeyNT: Buffer,
  serverChallenge: Buffer,
  clientChallenge: Buffer,
  temp: Buffer,
): Ntlmv2Response {
  const ntProofStr = hmacMd5(responseKeyNT, serverChallenge, temp);
  return {
    ntProofStr,
    ntChallengeResponse: Buffer.concat([ntProofStr, temp]),
    lmChallengeResponse: Buffer.concat([hmacMd5(responseKeyNT, serverChallenge, clientChallenge), clientChallenge]),
    sessionBaseKey: hmacMd5(responseKeyNT, ntProofStr),
  };
}

export function computeMic(exportedSessionKey: Buffer, negotiate: Buffer, challenge: Buffer, authenticateMicZeroed: Buffer): Buffer {
  return hmacMd5(exportedSessionKey, negotiate, challenge, authenticateMicZeroed);
}

/** FILETIME (100 ns since 1601-01-01 UTC), little-endian. */
export function fileTime(unixMs: number = Date.now()): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE((BigInt(Math.floor(unixMs)) + 11644473600000n) * 10000n);
  return b;
}

// ---------------------------------------------------------------------------------------------
// AV pairs

export function parseAvPairs(buf: Buffer): AvPair[] {
  const out: AvPair[] = [];
  let off = 0;
  while (off + 4 <= buf.length) {
    const id = buf.readUInt16LE(off);
    const len = buf.readUInt16LE(off + 2);
    if (id === AvId.EOL) return out;
    if (off + 4 + len > buf.length) throw new NtlmError("truncated AV pair list");
    out.push({ id, value: buf.subarray(off + 4, off + 4 + len) });
    off += 4 + len;
  }
  throw new NtlmError("AV pair list without MsvAvEOL");
}

export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of pairs) {
    const h = Buffer.alloc(4);
    h.writeUInt16LE(p.id, 0);
    h.writeUInt16LE(p.value.length, 2);
    parts.push(h, p.value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------
// Messages

function readField(msg: Buffer, off: number): Buffer {
  if (off + 8 > msg.length) throw new NtlmError("truncated NTLM message");
  const len = msg.readUInt16LE(off);
  const at = msg.readUInt32LE(off + 4);
  if (len === 0) return Buffer.alloc(0);
  if (at + len > msg.length) throw new NtlmError("NTLM field points outside the message");
  return msg.subarray(at, at + len);
}

function checkHeader(msg: Buffer, type: number): void {
  if (msg.length < 12 || !msg.subarray(0, 8).equals(NTLM_SIGNATURE) || msg.readUInt32LE(8) !== type) {
    throw new NtlmError(`not an NTLM type ${type} message`);
  }
}

/** Lays out a message: fixed header of `headerLen` bytes, then the payloads; fills the fields' offsets. */
function layout(headerLen: number, fields: Array<{ at: number; data: Buffer }>, write: (h: Buffer) => void): Buffer {
  const header = Buffer.alloc(headerLen);
  let off = headerLen;
  for (const f of fields) {
    header.writeUInt16LE(f.data.length, f.at);
    header.writeUInt16LE(f.data.length, f.at + 2);
    header.writeUInt32LE(off, f.at + 4);
    off += f.data.length;
  }
  write(header);
  return Buffer.concat([header, ...fields.map((f) => f.data)]);
}

export const DEFAULT_VERSION = Buffer.from("0a00614a0000000f", "hex"); // 10.0.19041, NTLM revision 15

export function buildNegotiateMessage(flags: number = CLIENT_NEGOTIATE_FLAGS, version: Buffer = DEFAULT_VERSION): Buffer {
  return layout(40, [{ at: 16, data: Buffer.alloc(0) }, { at: 24, data: Buffer.alloc(0) }], (h) => {
    NTLM_SIGNATURE.copy(h, 0);
    h.writeUInt32LE(1, 8);
    h.writeUInt32LE(flags >>> 0, 12);
    version.copy(h, 32);
  });
}

export interface NegotiateMessage { flags: number }

export function parseNegotiateMessage(msg: Buffer): NegotiateMessage {
  checkHeader(msg, 1);
  if (msg.length < 16) throw new NtlmError("truncated NEGOTIATE message");
  return { flags: msg.readUInt32LE(12) };
}

export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetName: Buffer;
  targetInfo: Buffer;
  avPairs: AvPair[];
}

export function buildChallengeMessage(opts: {
  flags: number;
  serverChallenge: Buffer;
  targetName: string;
  avPairs: readonly AvPair[];
  version?: Buffer;
}): Buffer {
  const targetName = opts.flags & NtlmFlags.UNICODE ? utf16(opts.targetName) : Buffer.from(opts.targetName, "latin1");
  return layout(56, [{ at: 12, data: targetName }, { at: 40, data: encodeAvPairs(opts.avPairs) }], (h) => {
    NTLM_SIGNATURE.copy(h, 0);
    h.writeUInt32LE(2, 8);
    h.writeUInt32LE(opts.flags >>> 0, 20);
    opts.serverChallenge.copy(h, 24);
    (opts.version ?? DEFAULT_VERSION).copy(h, 48);
  });
}

export function parseChallengeMessage(msg: Buffer): ChallengeMessage {
  checkHeader(msg, 2);
  if (msg.length < 48) throw new NtlmError("truncated CHALLENGE message");
  const flags = msg.readUInt32LE(20);
  const targetInfo = flags & NtlmFlags.TARGET_INFO ? readField(msg, 40) : Buffer.alloc(0);
  return {
    flags,
    serverChallenge: Buffer.from(msg.subarray(24, 32)),
    targetName: readField(msg, 12),
    targetInfo,
    avPairs: targetInfo.length ? parseAvPairs(targetInfo) : [],
  };
}

export interface AuthenticateFields {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  version?: Buffer;
  /** Reserve 16 zero bytes for a MIC at offset 72 (the caller fills it in). */
  withMic: boolean;
}

export function buildAuthenticateMessage(f: AuthenticateFields): Buffer {
  const enc = (s: string) => (f.flags & NtlmFlags.UNICODE ? utf16(s) : Buffer.from(s, "latin1"));
  return layout(
    f.withMic ? 88 : 72,
    [
      { at: 28, data: enc(f.domain) },
      { at: 36, data: enc(f.user) },
      { at: 44, data: enc(f.workstation) },
      { at: 12, data: f.lmChallengeResponse },
      { at: 20, data: f.ntChallengeResponse },
      { at: 52, data: f.encryptedRandomSessionKey },
    ],
    (h) => {
      NTLM_SIGNATURE.copy(h, 0);
      h.writeUInt32LE(3, 8);
      h.writeUInt32LE(f.flags >>> 0, 60);
      (f.version ?? DEFAULT_VERSION).copy(h, 64);
    },
  );
}

export interface AuthenticateMessage {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  /** Offset of the 16-byte MIC field, or -1 when the message has none. */
  micOffset: number;
}

export function parseAuthenticateMessage(msg: Buffer): AuthenticateMessage {
  checkHeader(msg, 3);
  if (msg.length < 64) throw new NtlmError("truncated AUTHENTICATE message");
  const flags = msg.readUInt32LE(60);
  const dec = (b: Buffer) => (flags & NtlmFlags.UNICODE ? b.toString("utf16le") : b.toString("latin1"));
  let minOffset = msg.length;
  for (const at of [12, 20, 28, 36, 44, 52]) {
    if (msg.readUInt16LE(at) > 0) minOffset = Math.min(minOffset, msg.readUInt32LE(at + 4));
  }
  const micOffset = minOffset >= 88 ? 72 : minOffset >= 80 ? 64 : -1;
  return {
    flags,
    lmChallengeResponse: readField(msg, 12),
    ntChallengeResponse: readField(msg, 20),
    domain: dec(readField(msg, 28)),
    user: dec(readField(msg, 36)),
    workstation: dec(readField(msg, 44)),
    encryptedRandomSessionKey: readField(msg, 52),
    micOffset,
  };
}

// ---------------------------------------------------------------------------------------------
// Session security ([MS-NLMP] 3.4)

const MAGIC = {
  clientSign: Buffer.from("session key to client-to-server signing key magic constant\0", "latin1"),
  serverSign: Buffer.from("session key to server-to-client signing key magic constant\0", "latin1"),
  clientSeal: Buffer.from("session key to client-to-server sealing key magic constant\0", "latin1"),
  serverSeal: Buffer.from("session key to server-to-client sealing key magic constant\0", "latin1"),
};

export function signKey(exportedSessionKey: Buffer, direction: "client" | "server"): Buffer {
  return md5(exportedSessionKey, direction === "client" ? MAGIC.clientSign : MAGIC.serverSign);
}

export function sealKey(exportedSessionKey: Buffer, flags: number, direction: "client" | "server"): Buffer {
  let k = exportedSessionKey;
  if (!(flags & NtlmFlags.NEGOTIATE_128)) k = k.subarray(0, flags & NtlmFlags.NEGOTIATE_56 ? 7 : 5);
  return md5(k, direction === "client" ? MAGIC.clientSeal : MAGIC.serverSeal);
}

/** One authenticated NTLM context: two RC4 keystreams and two sequence numbers, one per direction. */
export class NtlmSession {
  private readonly outSign: Buffer;
  private readonly inSign: Buffer;
  private readonly outSeal: Rc4;
  private readonly inSeal: Rc4;
  private outSeq = 0;
  private inSeq = 0;
  readonly keyExch: boolean;

  constructor(exportedSessionKey: Buffer, readonly flags: number, role: "client" | "server") {
    if (!(flags & NtlmFlags.EXTENDED_SESSIONSECURITY)) {
      throw new NtlmError("NTLM session security without extended session security is not supported");
    }
    const out = role === "client" ? "client" : "server";
    const inn = role === "client" ? "server" : "client";
    this.outSign = signKey(exportedSessionKey, out);
    this.inSign = signKey(exportedSessionKey, inn);
    this.outSeal = new Rc4(sealKey(exportedSessionKey, flags, out));
    this.inSeal = new Rc4(sealKey(exportedSessionKey, flags, inn));
    this.keyExch = (flags & NtlmFlags.KEY_EXCH) !== 0;
  }

  /** Encrypts `plaintext` and returns the sealed bytes plus the 16-byte NTLMSSP_MESSAGE_SIGNATURE. */
  seal(plaintext: Buffer): { sealed: Buffer; signature: Buffer } {
    const sealed = this.outSeal.update(plaintext);
    const signature = this.sign(plaintext, this.outSeq, this.outSign, this.outSeal);
    this.outSeq = (this.outSeq + 1) >>> 0;
    return { sealed, signature };
  }

  /** Decrypts and verifies; throws NtlmError when the signature or the sequence number is wrong. */
  unseal(sealed: Buffer, signature: Buffer): Buffer {
    const plaintext = this.inSeal.update(sealed);
    const expected = this.sign(plaintext, this.inSeq, this.inSign, this.inSeal);
    if (signature.length !== 16 || !expected.equals(signature)) {
      throw new NtlmError("NTLM message signature or sequence number mismatch");
    }
    this.inSeq = (this.inSeq + 1) >>> 0;
    return plaintext;
  }

  private sign(plaintext: Buffer, seq: number, key: Buffer, handle: Rc4): Buffer {
    const seqBuf = Buffer.alloc(4);
    seqBuf.writeUInt32LE(seq);
    let checksum = hmacMd5(key, seqBuf, plaintext).subarray(0, 8);
    if (this.keyExch) checksum = handle.update(checksum);
    return Buffer.concat([Buffer.from([1, 0, 0, 0]), checksum, seqBuf]);
  }
}

// ---------------------------------------------------------------------------------------------
// Client context

export interface NtlmCredentials {
  user: string;
  domain: string;
  password: string;
  workstation?: string;
}

/** Splits "DOMAIN\\user" into domain and user; "user" and "user@realm" keep an empty domain. */
export function splitUsername(username: string, domain?: string): { user: string; domain: string } {
  if (domain !== undefined) return { user: username, domain };
  const i = username.indexOf("\\");
  if (i >= 0) return { domain: username.slice(0, i), user: username.slice(i + 1) };
  return { user: username, domain: "" };
}

export interface ClientAuthResult {
  authenticate: Buffer;
  session: NtlmSession;
  flags: number;
}

/** Test hooks: fixed randomness and time so the spec vectors can be reproduced. */
export interface NtlmClientDeterminism {
  clientChallenge?: Buffer;
  exportedSessionKey?: Buffer;
  timestamp?: Buffer;
}

export class NtlmClientContext {
  readonly negotiate: Buffer;

  constructor(
    private readonly creds: NtlmCredentials,
    private readonly opts: { requireSeal: boolean; determinism?: NtlmClientDeterminism } = { requireSeal: true },
  ) {
    this.negotiate = buildNegotiateMessage(CLIENT_NEGOTIATE_FLAGS);
  }

  /** `channelBindings`: the 16-byte MsvAvChannelBindings value (HTTPS only; see channel-binding.ts). */
  authenticate(challengeBytes: Buffer, channelBindings?: Buffer): ClientAuthResult {
    const ch = parseChallengeMessage(challengeBytes);
    const flags = (ch.flags & CLIENT_NEGOTIATE_FLAGS) >>> 0;
    const need = NtlmFlags.EXTENDED_SESSIONSECURITY | (this.opts.requireSeal ? NtlmFlags.SIGN | NtlmFlags.SEAL | NtlmFlags.NEGOTIATE_128 : 0);
    if ((flags & need) !== need) throw new NtlmError("the server does not offer the NTLM session security we require (ESS, SIGN, SEAL, 128)");
    if (!(ch.flags & NtlmFlags.TARGET_INFO) || ch.avPairs.length === 0) throw new NtlmError("the server's CHALLENGE has no target info (NTLMv2 needs it)");

    const det = this.opts.determinism ?? {};
    const clientChallenge = det.clientChallenge ?? randomBytes(8);
    const serverTs = ch.avPairs.find((p) => p.id === AvId.Timestamp);
    const timestamp = serverTs?.value ?? det.timestamp ?? fileTime();
    const withMic = serverTs !== undefined;

    const pairs: AvPair[] = ch.avPairs.filter((p) => p.id !== AvId.Flags && p.id !== AvId.ChannelBindings);
    if (withMic) {
      const prev = ch.avPairs.find((p) => p.id === AvId.Flags);
      const v = Buffer.alloc(4);
      v.writeUInt32LE(((prev ? prev.value.readUInt32LE(0) : 0) | 0x2) >>> 0);
      pairs.push({ id: AvId.Flags, value: v });
    }
    if (channelBindings) pairs.push({ id: AvId.ChannelBindings, value: channelBindings });
    const responseKeyNT = ntowfv2(this.creds.password, this.creds.user, this.creds.domain);
    const temp = ntlmv2Temp(timestamp, clientChallenge, encodeAvPairs(pairs));
    const r = computeNtlmv2Response(responseKeyNT, ch.serverChallenge, clientChallenge, temp);
    let exportedSessionKey = r.sessionBaseKey;
    let encryptedRandomSessionKey: Buffer = Buffer.alloc(0);
    if (flags & NtlmFlags.KEY_EXCH && flags & (NtlmFlags.SIGN | NtlmFlags.SEAL)) {
      exportedSessionKey = det.exportedSessionKey ?? randomBytes(16);
      encryptedRandomSessionKey = rc4(r.sessionBaseKey, exportedSessionKey);
    }
    const authenticate = buildAuthenticateMessage({
      flags,
      lmChallengeResponse: withMic ? Buffer.alloc(24) : r.lmChallengeResponse,
      ntChallengeResponse: r.ntChallengeResponse,
      domain: this.creds.domain,
      user: this.creds.user,
      workstation: this.creds.workstation ?? "",
      encryptedRandomSessionKey,
      withMic,
    });
    if (withMic) computeMic(exportedSessionKey, this.negotiate, challengeBytes, authenticate).copy(authenticate, 72);
    return { authenticate, session: new NtlmSession(exportedSessionKey, flags, "client"), flags };
  }
}
