import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * What the middleware knows about a request, framework-free. The adapters fill it in.
 *
 * @example
 * ```ts
 * const request: IdempotentRequest = { method: 'POST', url: '/v1/blb?clientToken=t-1', parsedBody: { name: 'lb' } };
 * ```
 */
export interface IdempotentRequest {
  readonly method: string;
  /** Path and query as received (`req.originalUrl`, `ctx.originalUrl`). */
  readonly url: string;
  /** The body's bytes, when a parser kept them (`ctx.request.rawBody`, `req.rawBody`). */
  readonly rawBody?: unknown;
  /** The parsed body (`req.body`, `ctx.request.body`), hashed when no raw body is available. */
  readonly parsedBody?: unknown;
  /** Set by `bceAuth()`: tokens are scoped per caller. */
  readonly accessKeyId?: unknown;
}

/**
 * The query of a URL, split off its path, with `clientToken` removed and the rest sorted: the
 * same parameters in another order are the same request.
 *
 * @example
 * ```ts
 * canonicalQuery('/v1/blb?b=2&clientToken=t&a=1'); // 'a=1&b=2'
 * ```
 */
export function canonicalQuery(url: string): string {
  const start = url.indexOf('?');
  const params = new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
  params.delete('clientToken');
  params.sort();
  return params.toString();
}

/**
 * The request's fingerprint: method, path, canonical query, a SHA-256 of the body (raw bytes when
 * available, otherwise the canonical JSON of the parsed body) and the caller's access key id. A
 * retry must match it exactly to be answered from the recorded response.
 *
 * @example
 * ```ts
 * toFingerprint({ method: 'POST', url: '/v1/blb?clientToken=t', parsedBody: { name: 'lb' } });
 * ```
 */
export function toFingerprint(request: IdempotentRequest): string {
  const start = request.url.indexOf('?');
  const path = start === -1 ? request.url : request.url.slice(0, start);
  const parts = [
    request.method.toUpperCase(),
    path,
    canonicalQuery(request.url),
    bodyDigest(request),
    typeof request.accessKeyId === 'string' ? request.accessKeyId : '',
  ];
  return sha256(JSON.stringify(parts));
}

function bodyDigest({ rawBody, parsedBody }: IdempotentRequest): string {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return `raw:${sha256(rawBody)}`;
  if (typeof parsedBody === 'string' || parsedBody instanceof Uint8Array) {
    return `raw:${sha256(parsedBody)}`;
  }
  return `json:${sha256(canonicalJson(parsedBody))}`;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
