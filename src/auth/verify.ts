import { timingSafeEqual } from 'node:crypto';
import { BlbError } from '../blb-error.js';
import { parseBceAuthorization } from './authorization.js';
import { headerValues } from './canonical-headers.js';
import { canonicalRequest, type BceAuthRequest } from './canonical-request.js';
import { bceSignature } from './signature.js';

/**
 * Options of `verifyBceAuth` and of the `bceAuth()` middleware of each adapter.
 *
 * @example
 * ```ts
 * const options: BceAuthOptions = { credentials: (ak) => secrets.get(ak) };
 * ```
 */
export interface BceAuthOptions {
  /**
   * The secret access key of an access key id, or `undefined` when the id is unknown (an empty
   * string counts as unknown). What it throws or rejects with is passed on unchanged.
   */
  readonly credentials: (accessKeyId: string) => string | undefined | Promise<string | undefined>;
  /** The current time in epoch milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /** How far in the future a signing timestamp may be, for clients whose clock is ahead. Default 300. */
  readonly allowedClockSkewSeconds?: number;
}

/**
 * Checks a request's bce-auth-v1 signature and resolves with the access key id that signed it.
 * Rejects with a `BlbError` only: `AccessDenied` (no `Authorization`), `InvalidHTTPAuthHeader`
 * (not a bce-auth-v1 header), `InvalidAccessKeyId`, `RequestExpired` (past
 * `timestamp + expiration`, or further ahead than the allowed skew), `InvalidURI` (a malformed
 * percent-encoding) or `SignatureDoesNotMatch`.
 *
 * @example
 * ```ts
 * const { accessKeyId } = await verifyBceAuth(
 *   { method: req.method, url: req.originalUrl, headers: req.headers },
 *   { credentials: (ak) => secrets.get(ak) },
 * );
 * ```
 */
export async function verifyBceAuth(
  request: BceAuthRequest,
  options: BceAuthOptions,
): Promise<{ accessKeyId: string }> {
  const values = headerValues(request.headers);
  const header = values.get('authorization');
  if (header === undefined) throw new BlbError('AccessDenied');
  const auth = parseBceAuthorization(header);
  if (auth === undefined) throw new BlbError('InvalidHTTPAuthHeader');

  const secret = await options.credentials(auth.accessKeyId);
  if (typeof secret !== 'string' || secret === '') throw new BlbError('InvalidAccessKeyId');

  const now = (options.now ?? Date.now)();
  const skewMs = (options.allowedClockSkewSeconds ?? 300) * 1000;
  if (now > auth.signedAt + auth.expirationSeconds * 1000 || auth.signedAt - now > skewMs) {
    throw new BlbError('RequestExpired', { params: { timestamp: auth.timestamp } });
  }

  const expected = bceSignature(
    auth.authStringPrefix,
    secret,
    canonicalRequest(request, auth.signedHeaders, values),
  );
  // Both are 64 ASCII hex digits (the parser checked the client's), so the lengths match.
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
    throw new BlbError('SignatureDoesNotMatch');
  }
  return { accessKeyId: auth.accessKeyId };
}
