// SSH host key fingerprints in OpenSSH's format: `SHA256:<base64 of sha256(key blob), no padding>`,
// exactly what `ssh-keygen -lf <key.pub>` and `ssh-keyscan <host> | ssh-keygen -lf -` print.
import * as crypto from "node:crypto";

export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** The fingerprint of a raw SSH public key blob (the bytes ssh2's hostVerifier receives). */
export function sshFingerprint(keyBlob: Buffer): string {
  const digest = crypto.createHash("sha256").update(keyBlob).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

/**
 * Normalises a user-supplied fingerprint (tolerates surrounding spaces and base64 `=` padding), or
 * returns undefined when it is not a SHA-256 fingerprint in OpenSSH format.
 */
export function normaliseFingerprint(input: string): string | undefined {
  const s = input.trim().replace(/=+$/, "");
  return FINGERPRINT_PATTERN.test(s) ? s : undefined;
}
