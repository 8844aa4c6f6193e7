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
  // Each request pays both HMACs. Keeping signing keys between requests would save one, but the
  // cache would hold secrets (and keys that forge requests) in memory past their rotation.
  const signingKey = createHmac('sha256', secretAccessKey).update(authStringPrefix).digest('hex');
  return createHmac('sha256', signingKey).update(canonical).digest('hex');
}
