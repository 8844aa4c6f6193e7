import type { ServerResponse } from 'node:http';
import type { BceErrorResponse } from './response.js';

/**
 * Headers that describe a body the route meant to send (set before it failed, e.g. by a
 * compression middleware). Left on the error response they would corrupt it; CORS, caching and
 * the app's other headers stay.
 *
 * @example
 * ```ts
 * for (const name of STALE_BODY_HEADERS) ctx.remove(name);
 * ```
 */
export const STALE_BODY_HEADERS = [
  'content-encoding',
  'content-range',
  'content-disposition',
  'content-md5',
  'etag',
  'last-modified',
] as const;

/**
 * Writes a BCE error response onto a Node.js response whose headers are not sent yet. For HEAD,
 * Node itself drops the body and keeps the headers.
 *
 * @example
 * ```ts
 * writeBceResponse(res, toBceResponse(err, requestId));
 * ```
 */
export function writeBceResponse(res: ServerResponse, response: BceErrorResponse): void {
  const json = JSON.stringify(response.body);
  for (const name of STALE_BODY_HEADERS) res.removeHeader(name);
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}
