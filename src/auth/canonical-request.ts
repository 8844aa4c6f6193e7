import {
  canonicalHeaders,
  defaultSignedHeaders,
  headerValues,
  type BceHeaders,
} from './canonical-headers.js';
import { canonicalUrl } from './canonical-url.js';

/**
 * A request as signing sees it: the method, the raw request target (path and query exactly as
 * sent, e.g. Express's `req.originalUrl`), and the headers.
 *
 * @example
 * ```ts
 * const request: BceAuthRequest = { method: 'GET', url: '/v1/blb?maxKeys=10', headers: req.headers };
 * ```
 */
export interface BceAuthRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: BceHeaders;
}

/**
 * The `canonicalRequest` string both signing and verifying hash:
 * `METHOD\nCanonicalURI\nCanonicalQueryString\nCanonicalHeaders`. An empty `signedHeaders`
 * list means the default set. `values` are the request's `headerValues`, when the caller has
 * them already. Throws `BlbError('InvalidURI')` for a malformed percent-encoding.
 *
 * @example
 * ```ts
 * canonicalRequest({ method: 'GET', url: '/v1/blb?b=2&a=1', headers: { host: 'a.com' } }, []);
 * // 'GET\n/v1/blb\na=1&b=2\nhost:a.com'
 * ```
 */
export function canonicalRequest(
  request: BceAuthRequest,
  signedHeaders: readonly string[],
  values: ReadonlyMap<string, string> = headerValues(request.headers),
): string {
  const { uri, query } = canonicalUrl(request.url);
  const names = signedHeaders.length === 0 ? defaultSignedHeaders(values) : signedHeaders;
  return `${request.method.toUpperCase()}\n${uri}\n${query}\n${canonicalHeaders(values, names)}`;
}
