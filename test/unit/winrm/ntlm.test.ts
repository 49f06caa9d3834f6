// Proves NTLMv2 byte for byte against [MS-NLMP] 4.2.4 (and the derived MIC vector of the reference),
// on both sides: our client context and the lab's acceptor.
import { strict as assert } from "node:assert";
import {
  NtlmClientContext,
  NtlmSession,
  buildAuthenticateMessage,
  computeMic,
  computeNtlmv2Response,
  ntlmv2Temp,
  ntowfv1,
  ntowfv2,
  parseAuthenticateMessage,
  parseChallengeMessage,
  sealKey,
  signKey,
} from "../../../provider/remote/winrm/ntlm";
import { rc4 } from "../../../provider/remote/crypto/rc4";
import { encryptedBodyLength, unwrapEncrypted, wrapEncrypted } from "../../../provider/remote/winrm/encryption";
import { acceptAuthenticate, challengeFlagsFor, createChallenge } from "../../../sim/winrm/ntlm-acceptor";
import { certificateSignatureOid, tlsServerEndPointBindingHash } from "../../../provider/remote/winrm/channel-binding";
import { generateSelfSignedCertificate } from "../../../sim/winrm/cert";
import { X509Certificate, createHash } from "node:crypto";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

const serverChallenge = hex("0123456789abcdef");
const clientChallenge = hex("aaaaaaaaaaaaaaaa");
const randomSessionKey = Buffer.alloc(16, 0x55);
const timestamp = Buffer.alloc(8);
const avPairs = hex("02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000");

const CHALLENGE_4243 = hex(`4e544c4d53535000 02000000 0c00 0c00 38000000 33828ae2 0123456789abcdef 0000000000000000
2400 2400 44000000 060070170000000f 530065007200760065007200
02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000`);

const AUTHENTICATE_4243 = hex(`4e544c4d53535000 03000000 1800 1800 6c000000 5400 5400 84000000 0c00 0c00 48000000
0800 0800 54000000 1000 1000 5c000000 1000 1000 d8000000 358288e2 0501280a0000000f
44006f006d00610069006e00 5500730065007200 43004f004d0050005500540045005200
86c35097ac9cec102554764a57cccc19 aaaaaaaaaaaaaaaa
68cd0ab851e51c96aabc927bebef6a1c 0101 0000 00000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000
c5dad2544fc9799094ce1ce90bc9d03e`);

const NEG_42 = hex("4e544c4d535350000100000032b088e20600060028000000080008002e0000000601b11d0000000f446f6d61696e434f4d5055544552");
const CHAL_42 = hex(`4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef00000000000000003000300044000000
060070170000000f530065007200760065007200
02000c0044006f006d00610069006e0001000c00530065007200760065007200070008000000000000000000 00000000`);
const AUTH_42 = hex(`4e544c4d5353500003000000180018007c00000068006800940000000c000c00580000000800080064000000
100010006c00000010001000fc00000031828ae20601b11d0000000f
7b589c7def2bcb148dac673e8237c743
44006f006d00610069006e00550073006500720043004f004d0050005500540045005200
000000000000000000000000000000000000000000000000
5debf3871c2894b81f164281edbf0bff
01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000
02000c0044006f006d00610069006e0001000c00530065007200760065007200
0700080000000000000000000600040002000000 00000000 00000000
ebb24f48a9c2268e60b7dcb2bbb3aab5`);

describe("winrm NTLMv2: [MS-NLMP] 4.2.4 vectors", () => {
  it("NTOWFv1 and NTOWFv2", () => {
    assert.equal(ntowfv1("Password").toString("hex"), "a4f49c406510bdcab6824ee7c30fd852");
    assert.equal(ntowfv2("Password", "User", "Domain").toString("hex"), "0c868a403bfd7a93a3001ef22ef02e3f");
  });

  it("NTLMv2 response, LMv2 response and session base key", () => {
    const temp = ntlmv2Temp(timestamp, clientChallenge, avPairs);
    const r = computeNtlmv2Response(ntowfv2("Password", "User", "Domain"), serverChallenge, clientChallenge, temp);
    assert.equal(r.ntProofStr.toString("hex"), "68cd0ab851e51c96aabc927bebef6a1c");
    assert.equal(r.lmChallengeResponse.toString("hex"), "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
    assert.equal(r.sessionBaseKey.toString("hex"), "8de40ccadbc14a82f15cb0ad0de95ca3");
    assert.equal(rc4(r.sessionBaseKey, randomSessionKey).toString("hex"), "c5dad2544fc9799094ce1ce90bc9d03e");
  });

  it("sealing and signing keys (128, 56 and 40 bit)", () => {
    const f128 = 0xe28a8233;
    assert.equal(sealKey(randomSessionKey, f128, "client").toString("hex"), "59f600973cc4960a25480a7c196e4c58");
    assert.equal(sealKey(randomSessionKey, f128, "server").toString("hex"), "9355f3a957c1583d25c4c2f11e40390e");
    assert.equal(signKey(randomSessionKey, "client").toString("hex"), "4788dc861b4782f35d43fd98fe1a2d39");
    assert.equal(signKey(randomSessionKey, "server").toString("hex"), "d04d6f10741041d1d246d64188d7a8ad");
    const f56 = (f128 & ~0x20000000) >>> 0;
    assert.equal(sealKey(randomSessionKey, f56, "client").toString("hex"), "a5f7253c1065e8d3d68642040e71cfe0");
    assert.equal(sealKey(randomSessionKey, f56, "server").toString("hex"), "583e2f98959b385cd158f3734b5f5d3f");
    const f40 = (f56 & ~0x80000000) >>> 0;
    assert.equal(sealKey(randomSessionKey, f40, "client").toString("hex"), "42f964a471091a02ff4a77455366e4e5");
    assert.equal(sealKey(randomSessionKey, f40, "server").toString("hex"), "c5d3853b406b7c1241c595f0ce0750e2");
  });

  it("RC4 seal and MAC of \"Plaintext\" (with and without KEY_EXCH)", () => {
    const s = new NtlmSession(randomSessionKey, 0xe28a8233, "client");
    const { sealed, signature } = s.seal(Buffer.from("Plaintext", "utf16le"));
    assert.equal(sealed.toString("hex"), "54e50165bf1936dc996020c1811b0f06fb5f");
    assert.equal(signature.toString("hex"), "010000007fb38ec5c55d497600000000");
    const noKx = new NtlmSession(randomSessionKey, (0xe28a8233 & ~0x40000000) >>> 0, "client");
    const r2 = noKx.seal(Buffer.from("Plaintext", "utf16le"));
    assert.equal(r2.sealed.toString("hex"), "54e50165bf1936dc996020c1811b0f06fb5f");
    assert.equal(r2.signature.toString("hex"), "0100000070352851f256430900000000");
  });

  it("parses the 4.2.4.3 CHALLENGE and rebuilds the 232-byte AUTHENTICATE byte for byte", () => {
    const ch = parseChallengeMessage(CHALLENGE_4243);
    assert.equal(ch.flags, 0xe28a8233);
    assert.deepEqual(ch.serverChallenge, serverChallenge);
    assert.equal(ch.targetName.toString("utf16le"), "Server");
    assert.equal(ch.avPairs.length, 2);
    const temp = ntlmv2Temp(timestamp, clientChallenge, avPairs);
    const r = computeNtlmv2Response(ntowfv2("Password", "User", "Domain"), serverChallenge, clientChallenge, temp);
    const msg = buildAuthenticateMessage({
      flags: 0xe2888235,
      lmChallengeResponse: r.lmChallengeResponse,
      ntChallengeResponse: r.ntChallengeResponse,
      domain: "Domain",
      user: "User",
      workstation: "COMPUTER",
      encryptedRandomSessionKey: rc4(r.sessionBaseKey, randomSessionKey),
      version: hex("0501280a0000000f"),
      withMic: false,
    });
    assert.equal(msg.toString("hex"), AUTHENTICATE_4243.toString("hex"));
    const parsed = parseAuthenticateMessage(msg);
    assert.equal(parsed.user, "User");
    assert.equal(parsed.domain, "Domain");
    assert.equal(parsed.workstation, "COMPUTER");
    assert.equal(parsed.micOffset, -1);
  });
});

describe("winrm NTLMv2: derived MIC vector (what pywinrm/ntlm-auth sends)", () => {
  it("computes the MIC over the exact bytes", () => {
    const zeroed = Buffer.from(AUTH_42);
    zeroed.fill(0, 72, 88);
    assert.equal(computeMic(randomSessionKey, NEG_42, CHAL_42, zeroed).toString("hex"), "7b589c7def2bcb148dac673e8237c743");
  });

  it("the lab acceptor accepts it, checks the MIC and derives the spec keys", () => {
    const pending = { negotiate: NEG_42, challenge: CHAL_42, serverChallenge };
    const r = acceptAuthenticate(pending, AUTH_42, [{ username: "User", password: "Password" }]);
    assert.ok(r.ok, !r.ok ? r.reason : "");
    if (!r.ok) return;
    assert.equal(r.exportedSessionKey.toString("hex"), "55".repeat(16));
    // The client sealed "Plaintext" with these keys: the acceptor's session must unseal it.
    const client = new NtlmSession(randomSessionKey, 0xe28a8231, "client");
    const { sealed, signature } = client.seal(Buffer.from("Plaintext", "utf16le"));
    assert.equal(sealed.toString("hex"), "54e50165bf1936dc996020c1811b0f06fb5f");
    assert.equal(r.session.unseal(sealed, signature).toString("utf16le"), "Plaintext");
  });

  it("the acceptor refuses a wrong password, a tampered MIC and an unknown user", () => {
    const pending = { negotiate: NEG_42, challenge: CHAL_42, serverChallenge };
    assert.equal(acceptAuthenticate(pending, AUTH_42, [{ username: "User", password: "wrong" }]).ok, false);
    assert.equal(acceptAuthenticate(pending, AUTH_42, [{ username: "Other", password: "Password" }]).ok, false);
    const tampered = Buffer.from(AUTH_42);
    tampered[72] ^= 1;
    const r = acceptAuthenticate(pending, tampered, [{ username: "User", password: "Password" }]);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, "MIC mismatch");
  });
});

describe("winrm NTLMv2: our client against our acceptor", () => {
  it("negotiates, authenticates with a MIC, and seals both ways through the MIME framing", () => {
    const client = new NtlmClientContext({ user: "alice", domain: "LAB", password: "S3cret!pw" }, { requireSeal: true });
    const pending = createChallenge(client.negotiate, { computerName: "NODE1", domainName: "LAB" });
    assert.equal(parseChallengeMessage(pending.challenge).flags, challengeFlagsFor(0xe2088237));
    const { authenticate, session } = client.authenticate(pending.challenge);
    assert.equal(parseAuthenticateMessage(authenticate).micOffset, 72);
    const r = acceptAuthenticate(pending, authenticate, [{ username: "LAB\\alice", password: "S3cret!pw" }]);
    assert.ok(r.ok);
    if (!r.ok) return;
    for (let i = 0; i < 3; i++) {
      const body = Buffer.from(`<s:Envelope>${"x".repeat(i * 1000)}ローカル</s:Envelope>`);
      const wire = wrapEncrypted(session, body);
      assert.equal(wire.length, encryptedBodyLength(body.length));
      assert.deepEqual(unwrapEncrypted(r.session, wire), body);
      const reply = Buffer.from(`reply ${i}`);
      assert.deepEqual(unwrapEncrypted(session, wrapEncrypted(r.session, reply)), reply);
    }
    // A replayed message fails the sequence/signature check.
    const wire = wrapEncrypted(session, Buffer.from("once"));
    unwrapEncrypted(r.session, wire);
    assert.throws(() => unwrapEncrypted(r.session, wire), /signature|mismatch/);
  });

  it("a wrong password is refused by the acceptor", () => {
    const client = new NtlmClientContext({ user: "alice", domain: "", password: "bad" });
    const pending = createChallenge(client.negotiate, { computerName: "NODE1", domainName: "LAB" });
    const { authenticate } = client.authenticate(pending.challenge);
    const r = acceptAuthenticate(pending, authenticate, [{ username: "alice", password: "good" }]);
    assert.equal(r.ok, false);
  });
});

describe("winrm NTLMv2: TLS channel binding (tls-server-end-point)", () => {
  const der = new X509Certificate(generateSelfSignedCertificate().certPem).raw;
  const expected = tlsServerEndPointBindingHash(der);

  it("hashes the gss_channel_bindings_struct over SHA-256 of an ECDSA-SHA256 certificate", () => {
    assert.equal(certificateSignatureOid(der), "1.2.840.10045.4.3.2");
    const app = Buffer.concat([Buffer.from("tls-server-end-point:"), createHash("sha256").update(der).digest()]);
    const header = Buffer.alloc(20);
    header.writeUInt32LE(app.length, 16);
    assert.deepEqual(expected, createHash("md5").update(Buffer.concat([header, app])).digest());
  });

  it("the acceptor checks it (strict requires it, relaxed accepts its absence)", () => {
    const run = (cbt: Buffer | undefined, required: boolean) => {
      const client = new NtlmClientContext({ user: "u", domain: "", password: "pw" });
      const pending = createChallenge(client.negotiate, { computerName: "N", domainName: "D" });
      const { authenticate } = client.authenticate(pending.challenge, cbt);
      return acceptAuthenticate(pending, authenticate, [{ username: "u", password: "pw" }], { expected, required });
    };
    assert.equal(run(expected, true).ok, true);
    assert.equal(run(undefined, false).ok, true);
    const missing = run(undefined, true);
    assert.equal(!missing.ok && missing.reason, "channel binding required");
    const wrong = run(Buffer.alloc(16, 1), false);
    assert.equal(!wrong.ok && wrong.reason, "channel binding mismatch");
  });
});
