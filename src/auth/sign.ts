import { isAccessKeyId } from './authorization.js';
import { defaultSignedHeaders, headerValues, isHeaderName } from './canonical-headers.js';
import { canonicalRequest, type BceAuthRequest } from './canonical-request.js';
import { bceSignature } from './signature.js';
import { formatBceTimestamp } from './timestamp.js';

/**
 * Options of `signBceRequest`.
 *
 * @example
 * ```ts
 * const options: BceSignOptions = { accessKeyId: 'ak', secretAccessKey: 'sk', expirationSeconds: 300 };
 * ```
 */
export interface BceSignOptions {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When the request is signed. Default now. */
  readonly timestamp?: Date;
  /** How long the signature is valid. Default 1800, as in every SDK. */
  readonly expirationSeconds?: number;
  /**
   * Headers to sign. Default: `host`, `content-length`, `content-type`, `content-md5` and every
   * `x-bce-*` header present, listed explicitly (as Go does). `[]` sends an empty list, as Python
   * and Java do, which a verifier reads as that same default set.
   */
  readonly signedHeaders?: readonly string[];
}

/**
 * The bce-auth-v1 `Authorization` header value for a request, signed the way the official SDKs
 * sign (and `verifyBceAuth` checks). Throws a `TypeError`/`RangeError` for unusable options and
 * `BlbError('InvalidURI')` for a malformed percent-encoding in `url`.
 *
 * @example
 * ```ts
 * const headers = { host: 'blb.bj.baidubce.com', 'x-bce-date': formatBceTimestamp(new Date()) };
 * const authorization = signBceRequest(
 *   { method: 'GET', url: '/v1/blb?maxKeys=10', headers },
 *   { accessKeyId: 'ak', secretAccessKey: 'sk' },
 * );
 * ```
 */
export function signBceRequest(request: BceAuthRequest, options: BceSignOptions): string {
  const { accessKeyId, secretAccessKey, expirationSeconds = 1800 } = options;
  if (!isAccessKeyId(accessKeyId)) {
    throw new TypeError('accessKeyId must be visible ASCII without "/"');
  }
  if (!Number.isSafeInteger(expirationSeconds) || expirationSeconds <= 0) {
    throw new RangeError('expirationSeconds must be a positive integer');
  }
  const names = (options.signedHeaders ?? defaultSignedHeaders(headerValues(request.headers))).map(
    (name) => name.toLowerCase(),
  );
  if (!names.every(isHeaderName)) {
    throw new TypeError('signedHeaders must be HTTP header names');
  }
  const timestamp = formatBceTimestamp(options.timestamp ?? new Date());
  const prefix = `bce-auth-v1/${accessKeyId}/${timestamp}/${expirationSeconds}`;
  const signature = bceSignature(prefix, secretAccessKey, canonicalRequest(request, names));
  return `${prefix}/${names.join(';')}/${signature}`;
}
