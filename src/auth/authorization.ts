import { isHeaderName } from './canonical-headers.js';
import { parseBceTimestamp } from './timestamp.js';

/**
 * The parts of a bce-auth-v1 `Authorization` header.
 *
 * @example
 * ```ts
 * const auth: BceAuthorization | undefined = parseBceAuthorization(req.headers.authorization ?? '');
 * ```
 */
export interface BceAuthorization {
  readonly accessKeyId: string;
  readonly timestamp: string;
  /** `timestamp` as epoch milliseconds. */
  readonly signedAt: number;
  readonly expirationSeconds: number;
  /** Lowercase names; empty when the client sent `…/1800//…` (the default set applies). */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `bce-auth-v1/{ak}/{timestamp}/{expiration}`, the data the signing key is made from. */
  readonly authStringPrefix: string;
}

/** The longest header read. No SDK comes near it; a bigger one is not worth scanning. */
const maxLength = 8192;
// Visible ASCII: what goes to the credentials lookup (a database query, a log line) stays tame.
const accessKey = /^[\x21-\x2e\x30-\x7e]+$/;

/**
 * Whether a string can be the access key id of a bce-auth-v1 header: visible ASCII but `/`.
 *
 * @example
 * ```ts
 * isAccessKeyId('ALTAKxxxxxxxx'); // true
 * isAccessKeyId('a/b'); // false
 * ```
 */
export function isAccessKeyId(value: string): boolean {
  return accessKey.test(value);
}

// No leading zero, so the prefix the client hashed is exactly the one rebuilt from the parts.
const expiration = /^[1-9][0-9]*$/;
const signatureHex = /^[0-9a-f]{64}$/;

/**
 * Reads `bce-auth-v1/{ak}/{timestamp}/{expiration}/{signedHeaders}/{signature}`, or `undefined`
 * when it is not exactly that: six parts, an access key of visible ASCII, a real
 * `YYYY-MM-DDTHH:MM:SSZ` timestamp, a positive integer expiration, a `;`-separated list of
 * header names (or nothing), and 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * parseBceAuthorization('bce-auth-v1/ak/2024-01-01T00:00:00Z/1800/host/' + '0'.repeat(64));
 * ```
 */
export function parseBceAuthorization(value: string): BceAuthorization | undefined {
  if (value.length > maxLength) return undefined;
  const parts = value.split('/');
  if (parts.length !== 6) return undefined;
  const [version = '', accessKeyId = '', timestamp = '', expires = '', names = '', signature = ''] =
    parts;
  const signedAt = parseBceTimestamp(timestamp);
  const expirationSeconds = Number(expires);
  if (
    version !== 'bce-auth-v1' ||
    !isAccessKeyId(accessKeyId) ||
    signedAt === undefined ||
    !expiration.test(expires) ||
    !Number.isSafeInteger(expirationSeconds) ||
    (names !== '' && !names.split(';').every(isHeaderName)) ||
    !signatureHex.test(signature)
  ) {
    return undefined;
  }
  return {
    accessKeyId,
    timestamp,
    signedAt,
    expirationSeconds,
    signedHeaders: names === '' ? [] : names.toLowerCase().split(';'),
    signature,
    authStringPrefix: parts.slice(0, 4).join('/'),
  };
}
