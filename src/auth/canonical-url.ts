import { BlbError } from '../blb-error.js';
import { percentDecode, uriEncode } from './percent-encoding.js';

/**
 * The URL half of a canonical request: `CanonicalURI` and `CanonicalQueryString`.
 *
 * @example
 * ```ts
 * const parts: CanonicalUrl = { uri: '/v1/blb', query: 'maxKeys=10' };
 * ```
 */
export interface CanonicalUrl {
  readonly uri: string;
  readonly query: string;
}

// A proxy-style request target (`http://host/path`) is signed on its path alone.
const absoluteForm = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

function decoded(raw: string): Buffer {
  const bytes = percentDecode(raw);
  if (bytes === undefined) throw new BlbError('InvalidURI');
  return bytes;
}

/**
 * The canonical path and query of a raw request target (path and query, as received). Both are
 * decoded from the wire and encoded again, so the form a client chose on the wire does not
 * matter: the JS SDK sends `%2d` for `-`, Go sends a flag as `?batchdelete` (signed as
 * `batchdelete=`). `+` stays a plus (RFC 3986), and `authorization` (any case) is left out.
 * Throws `BlbError('InvalidURI')` when a `%` is not followed by two hex digits.
 *
 * @example
 * ```ts
 * canonicalUrl('/v1/blb/lb-1/listener?batchdelete&clientToken=tok%2d1');
 * // { uri: '/v1/blb/lb-1/listener', query: 'batchdelete=&clientToken=tok-1' }
 * ```
 */
export function canonicalUrl(url: string): CanonicalUrl {
  const target = url.replace(absoluteForm, '');
  const mark = target.indexOf('?');
  const path = mark === -1 ? target : target.slice(0, mark);
  const search = mark === -1 ? '' : target.slice(mark + 1);
  const uri = uriEncode(decoded(path), true);

  const pairs: string[] = [];
  for (const piece of search.split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const key = uriEncode(decoded(equals === -1 ? piece : piece.slice(0, equals)));
    // `authorization` has no byte that UriEncode changes, so comparing encoded keys is exact.
    if (key.toLowerCase() === 'authorization') continue;
    pairs.push(`${key}=${equals === -1 ? '' : uriEncode(decoded(piece.slice(equals + 1)))}`);
  }
  // Encoded pairs are ASCII, so the default (UTF-16) sort is the byte order the SDKs use.
  pairs.sort();
  return { uri: uri === '' ? '/' : uri, query: pairs.join('&') };
}
