import type { ServerResponse } from 'node:http';
import type { BceErrorResponse } from './response.js';

/**
 * Headers that describe a body the route meant to send (set before it failed, e.g. by a
 * compression middleware). Left on the error response they would corrupt it; CORS, caching and
 * the app's other headers stay.
 *
 * @example
 * ```ts
 * STALE_BODY_HEADERS.includes('content-encoding'); // true
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
 * Puts a BCE error response's headers on a Node.js response whose headers are not sent yet:
 * drops the stale body headers, then sets the error's own. Status and body are the caller's
 * (Koa sets them through `ctx`, so that its own response logic stays in charge).
 *
 * @example
 * ```ts
 * setBceHeaders(ctx.res, response);
 * ctx.status = response.status;
 * ```
 */
export function setBceHeaders(res: ServerResponse, response: BceErrorResponse): void {
  for (const name of STALE_BODY_HEADERS) res.removeHeader(name);
  for (const name in response.headers) res.setHeader(name, response.headers[name] as string);
}

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
  setBceHeaders(res, response);
  res.statusCode = response.status;
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}

/**
 * Deals with a response that failed after its headers went out: nothing more can be written, so
 * the connection is cut and the client sees an incomplete response instead of a hang. A response
 * that already finished is left alone: its keep-alive connection may carry the next request.
 *
 * @example
 * ```ts
 * if (res.headersSent) abandonResponse(res);
 * ```
 */
export function abandonResponse(res: ServerResponse): void {
  if (!res.writableEnded) res.socket?.destroy();
}
