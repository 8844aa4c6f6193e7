import type Koa from 'koa';
import {
  createIdempotencyGate,
  type ClientTokenOptions,
  type RecordedResponse,
} from '../../src/index.js';

export type { ClientTokenOptions } from '../../src/index.js';

/**
 * Makes requests with a `clientToken` query parameter idempotent, as BCE does, for Koa 2 and 3.
 * Register it after `blbErrorHandler()` (which answers the errors it throws), `bceAuth()` and
 * the body parser. A retry with the same token and parameters gets the first 2xx response again
 * without running the handlers below; a failed request frees its token for a retry.
 *
 * @example
 * ```ts
 * import { blbErrorHandler, clientToken } from 'blb-errors/koa';
 * app.use(blbErrorHandler()).use(bodyParser()).use(clientToken()).use(router.routes());
 * ```
 */
export function clientToken(options: ClientTokenOptions = {}): Koa.Middleware {
  const gate = createIdempotencyGate(options);
  return async function blbClientToken(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    const request = ctx.request as { rawBody?: unknown; body?: unknown };
    const outcome = await gate({
      method: ctx.method,
      url: ctx.originalUrl,
      // @koa/bodyparser and koa-bodyparser keep the bytes they parsed here.
      rawBody: request.rawBody,
      parsedBody: request.body,
      accessKeyId: ctx.state.accessKeyId as unknown,
    });
    if (outcome.kind === 'pass') {
      await next();
    } else if (outcome.kind === 'replay') {
      replay(ctx, outcome.response);
    } else {
      try {
        await next();
      } catch (error) {
        await outcome.settle(undefined);
        throw error;
      }
      await outcome.settle(toRecordedResponse(ctx));
    }
  };
}

function replay(ctx: Koa.Context, response: RecordedResponse): void {
  ctx.status = response.status;
  ctx.body = response.body;
  // Set after the body: a Buffer body would otherwise default it to application/octet-stream.
  if (response.contentType === undefined) ctx.remove('content-type');
  else ctx.set('content-type', response.contentType);
}

/** The response Koa is about to send, or `undefined` when it cannot be replayed byte for byte. */
function toRecordedResponse(ctx: Koa.Context): RecordedResponse | undefined {
  if (ctx.respond === false || ctx.headerSent) return undefined;
  const body: unknown = ctx.body;
  let bytes: Buffer;
  if (body === null || body === undefined) bytes = Buffer.alloc(0);
  else if (typeof body === 'string') bytes = Buffer.from(body);
  else if (body instanceof Uint8Array) bytes = Buffer.from(body);
  else if (isStreamLike(body)) return undefined;
  else {
    try {
      bytes = Buffer.from(JSON.stringify(body));
    } catch {
      return undefined;
    }
  }
  const contentType = ctx.response.get('content-type');
  return { status: ctx.status, body: bytes, ...(contentType === '' ? {} : { contentType }) };
}

/** Node and web streams, Blobs and Responses (Koa 3 pipes them): read once, never recorded. */
function isStreamLike(body: object): boolean {
  const candidate = body as { pipe?: unknown; getReader?: unknown; arrayBuffer?: unknown };
  return (
    typeof candidate.pipe === 'function' ||
    typeof candidate.getReader === 'function' ||
    typeof candidate.arrayBuffer === 'function'
  );
}
