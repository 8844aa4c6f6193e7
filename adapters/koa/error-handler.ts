import type Koa from 'koa';
import {
  asError,
  BCE_REQUEST_ID_HEADER,
  BlbError,
  isValidRequestId,
  reportError,
  resolveRequestId,
  setBceHeaders,
  toBceResponse,
  type BlbErrorHandlerOptions,
} from '../../src/index.js';

export type { BlbErrorContext, BlbErrorHandlerOptions, RequestIdOptions } from '../../src/index.js';

/**
 * Answers every failure below it in the BCE error shape, for Koa 2 and 3. Register it first. It
 * assigns the request id before `next()` (`ctx.state.requestId`, and the response header of every
 * response), answers anything thrown or rejected (`null` included) with its catalog status and
 * `{ requestId, code, message }`, and answers requests nothing handled with `InvalidURI`.
 *
 * @example
 * ```ts
 * import { blbErrorHandler } from 'blb-errors/koa';
 * app.use(blbErrorHandler());
 * ```
 */
export function blbErrorHandler(options: BlbErrorHandlerOptions = {}): Koa.Middleware {
  const header = options.requestIdHeader ?? BCE_REQUEST_ID_HEADER;

  // `then`, not async/await: this wraps every request, and a success should cost one promise.
  return function blbErrorHandler(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    const assigned: unknown = ctx.state.requestId;
    const requestId = isValidRequestId(assigned) ? assigned : resolveRequestId(ctx.req, options);
    ctx.state.requestId = requestId;
    ctx.res.setHeader(header, requestId);
    return next().then(
      () => {
        if (options.notFound !== false && isUnanswered(ctx)) {
          answer(ctx, new BlbError('InvalidURI'), requestId, options);
        }
      },
      // `throw null` lands here too: the rejection, not the value, says something failed.
      (error: unknown) => {
        answer(ctx, error, requestId, options);
      },
    );
  };
}

function answer(
  ctx: Koa.Context,
  thrown: unknown,
  requestId: string,
  options: BlbErrorHandlerOptions,
): void {
  const response = toBceResponse(thrown, requestId, options);
  const { status, body } = response;
  if (ctx.headerSent || !ctx.writable) {
    // Koa's own handler would hang here; cutting the connection tells the client the truth.
    ctx.respond = false;
    ctx.req.socket.destroy();
  } else {
    setBceHeaders(ctx.res, response);
    ctx.status = status;
    ctx.body = JSON.stringify(body);
    // A route that took over the response (`ctx.respond = false`) and then failed wrote nothing:
    // Koa must send this answer, or the request hangs.
    ctx.respond = true;
  }
  emitToAppListeners(ctx, thrown);
  reportError(
    thrown,
    { status, code: body.code, requestId: body.requestId, req: ctx.req },
    options,
  );
}

/** Koa's bare 404: no middleware set a body or chose the status. */
function isUnanswered(ctx: Koa.Context): boolean {
  const explicitStatus = (ctx.response as { _explicitStatus?: boolean })._explicitStatus === true;
  return ctx.status === 404 && ctx.body == null && !explicitStatus;
}

/**
 * The app's own 'error' listeners still hear about errors. Koa's default listener alone is not
 * called: it would print the stack a second time (the report already did) and it throws on
 * non-Error values.
 */
function emitToAppListeners(ctx: Koa.Context, thrown: unknown): void {
  const app = ctx.app;
  if (!app.listeners('error').some((listener) => listener !== app.onerror)) return;
  try {
    app.emit('error', asError(thrown), ctx);
  } catch {
    // A throwing listener must not undo the response.
  }
}
