import { createHmac } from 'node:crypto';

/**
 * The signature of a canonical request: `signingKey = hex(HMAC-SHA256(sk, authStringPrefix))`,
 * then `hex(HMAC-SHA256(signingKey, canonicalRequest))`. The second key is the hex *string*,
 * as in every SDK.
 *
 * @example
 * ```ts
 * bceSignature('bce-auth-v1/ak/2024-01-01T00:00:00Z/1800', 'sk', canonical); // 64 hex digits
 * ```
 */
export function bceSignature(
  authStringPrefix: string,
  secretAccessKey: string,
  canonical: string,
): string {
  return createHmac('sha256', signingKey(authStringPrefix, secretAccessKey))
    .update(canonical)
    .digest('hex');
}

// The prefix holds a timestamp of whole seconds, so a client's requests within one second share
// their signing key: the AWS SDKs keep theirs for the same reason. A verifier under load skips
// one HMAC of two. Bounded; the oldest goes first, and a miss only costs the HMAC.
const signingKeys = new Map<string, string>();
const maxSigningKeys = 1024;

function signingKey(authStringPrefix: string, secretAccessKey: string): string {
  // The secret is part of the key: a rotated secret never meets a key derived from the old one.
  const id = `${authStringPrefix}\n${secretAccessKey}`;
  let key = signingKeys.get(id);
  if (key === undefined) {
    key = createHmac('sha256', secretAccessKey).update(authStringPrefix).digest('hex');
    if (signingKeys.size >= maxSigningKeys) {
      const oldest = signingKeys.keys().next();
      if (oldest.done !== true) signingKeys.delete(oldest.value);
    }
    signingKeys.set(id, key);
  }
  return key;
}
