// Server side of NTLMv2 for the lab's WinRM endpoint: builds the CHALLENGE, verifies the client's
// NTLMv2 response against the configured accounts, checks the MIC over the exact received bytes,
// and derives the session keys. Never logs or returns secrets in error messages.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { rc4 } from "../../provider/remote/crypto/rc4";
import {
  AvId,
  AvPair,
  NtlmFlags,
  NtlmSession,
  buildChallengeMessage,
  computeMic,
  computeNtlmv2Response,
  fileTime,
  ntowfv2,
  parseAuthenticateMessage,
  parseAvPairs,
  parseNegotiateMessage,
  utf16,
} from "../../provider/remote/winrm/ntlm";

export interface NtlmAccount {
  username: string;
  password: string;
}

export interface NtlmServerIdentity {
  /** NetBIOS computer name, e.g. "NODE1". */
  computerName: string;
  /** NetBIOS domain name, e.g. "LAB". */
  domainName: string;
}

/** Flags copied from the client's NEGOTIATE into our CHALLENGE. */
const COPIED =
  NtlmFlags.NEGOTIATE_56 | NtlmFlags.KEY_EXCH | NtlmFlags.NEGOTIATE_128 | NtlmFlags.VERSION |
  NtlmFlags.EXTENDED_SESSIONSECURITY | NtlmFlags.ALWAYS_SIGN | NtlmFlags.SIGN | NtlmFlags.SEAL;
const ALWAYS =
  NtlmFlags.UNICODE | NtlmFlags.OEM | NtlmFlags.REQUEST_TARGET | NtlmFlags.NTLM | NtlmFlags.TARGET_TYPE_SERVER | NtlmFlags.TARGET_INFO;

export function challengeFlagsFor(negotiateFlags: number): number {
  return ((negotiateFlags & COPIED) | ALWAYS) >>> 0;
}

export interface PendingChallenge {
  negotiate: Buffer;
  challenge: Buffer;
  serverChallenge: Buffer;
}

export function createChallenge(negotiate: Buffer, id: NtlmServerIdentity, determinism?: { serverChallenge?: Buffer; timestamp?: Buffer }): PendingChallenge {
  const neg = parseNegotiateMessage(negotiate);
  const serverChallenge = determinism?.serverChallenge ?? randomBytes(8);
  const avPairs: AvPair[] = [
    { id: AvId.NbDomainName, value: utf16(id.domainName) },
    { id: AvId.NbComputerName, value: utf16(id.computerName) },
    { id: AvId.DnsDomainName, value: utf16(id.domainName.toLowerCase()) },
    { id: AvId.DnsComputerName, value: utf16(id.computerName.toLowerCase()) },
    { id: AvId.Timestamp, value: determinism?.timestamp ?? fileTime() },
  ];
  const challenge = buildChallengeMessage({
    flags: challengeFlagsFor(neg.flags),
    serverChallenge,
    targetName: id.domainName,
    avPairs,
  });
  return { negotiate, challenge, serverChallenge };
}

export interface AcceptResult {
  ok: true;
  user: string;
  domain: string;
  session: NtlmSession;
  exportedSessionKey: Buffer;
}
export interface RejectResult {
  ok: false;
  reason: string;
}

/**
 * Verifies an AUTHENTICATE message. `accounts` are matched by user name (case-insensitive, with or
 * without the domain). The NTLMv2 proof is checked with the domain as sent, then with an empty domain.
 */
export function acceptAuthenticate(
  pending: PendingChallenge,
  authenticate: Buffer,
  accounts: readonly NtlmAccount[],
  channelBinding?: { expected: Buffer; required: boolean },
): AcceptResult | RejectResult {
  let msg;
  try {
    msg = parseAuthenticateMessage(authenticate);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const nt = msg.ntChallengeResponse;
  if (nt.length <= 24) return { ok: false, reason: "NTLMv1 responses are refused" };
  if (!(msg.flags & NtlmFlags.EXTENDED_SESSIONSECURITY)) return { ok: false, reason: "extended session security is required" };
  const account = accounts.find((a) => {
    const name = a.username.includes("\\") ? a.username.slice(a.username.indexOf("\\") + 1) : a.username;
    return name.toLowerCase() === msg.user.toLowerCase();
  });
  if (!account) return { ok: false, reason: "unknown user" };
  const temp = nt.subarray(16);
  const proof = nt.subarray(0, 16);
  let sessionBaseKey: Buffer | undefined;
  for (const domain of msg.domain === "" ? [""] : [msg.domain, ""]) {
    const key = ntowfv2(account.password, msg.user, domain);
    const r = computeNtlmv2Response(key, pending.serverChallenge, Buffer.alloc(8), temp);
    if (timingSafeEqual(r.ntProofStr, proof)) {
      sessionBaseKey = r.sessionBaseKey;
      break;
    }
  }
  if (!sessionBaseKey) return { ok: false, reason: "wrong password" };

  let exportedSessionKey = sessionBaseKey;
  if (msg.flags & NtlmFlags.KEY_EXCH && msg.flags & (NtlmFlags.SIGN | NtlmFlags.SEAL)) {
    if (msg.encryptedRandomSessionKey.length !== 16) return { ok: false, reason: "missing encrypted random session key" };
    exportedSessionKey = rc4(sessionBaseKey, msg.encryptedRandomSessionKey);
  }

  // MIC: required when the client says so in the MsvAvFlags it echoed inside the NTLMv2 blob.
  let clientPairs: AvPair[];
  try {
    clientPairs = parseAvPairs(temp.subarray(28));
  } catch {
    return { ok: false, reason: "malformed NTLMv2 blob" };
  }
  if (channelBinding) {
    // Windows' CbtHardeningLevel: Relaxed checks a binding when one is sent; Strict also requires one.
    const cb = clientPairs.find((p) => p.id === AvId.ChannelBindings);
    const sent = cb !== undefined && cb.value.length === 16 && !cb.value.equals(Buffer.alloc(16));
    if (sent && !timingSafeEqual(cb.value, channelBinding.expected)) return { ok: false, reason: "channel binding mismatch" };
    if (!sent && channelBinding.required) return { ok: false, reason: "channel binding required" };
  }
  const flagsPair = clientPairs.find((p) => p.id === AvId.Flags);
  const micPresent = flagsPair !== undefined && flagsPair.value.length >= 4 && (flagsPair.value.readUInt32LE(0) & 0x2) !== 0;
  if (micPresent) {
    if (msg.micOffset < 0) return { ok: false, reason: "MIC announced but absent" };
    const copy = Buffer.from(authenticate);
    const mic = Buffer.from(copy.subarray(msg.micOffset, msg.micOffset + 16));
    copy.fill(0, msg.micOffset, msg.micOffset + 16);
    const expected = computeMic(exportedSessionKey, pending.negotiate, pending.challenge, copy);
    if (!timingSafeEqual(expected, mic)) return { ok: false, reason: "MIC mismatch" };
  }
  return { ok: true, user: msg.user, domain: msg.domain, session: new NtlmSession(exportedSessionKey, msg.flags, "server"), exportedSessionKey };
}
