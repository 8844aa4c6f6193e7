import type Koa from 'koa';
import {
  abandonResponse,
  asError,
  reportError,
  setBceHeaders,
  toBceResponse,
  writeBceResponse,
  type BlbErrorHandlerOptions,
} from '../../src/index.js';

/**
 * Where an error surfaced: in the middleware chain, where the answer goes through `ctx` so that
 * Koa (and any middleware above) still sends it; or after it, when Koa was already responding
 * (a body stream failed) and only the raw response is left to write to.
 */
export type ErrorPhase = 'middleware' | 'respond';

/** Answers one error: the BCE response, or a cut connection once headers are out; then reports. */
export function answerError(
  ctx: Koa.Context,
  thrown: unknown,
  requestId: string,
  options: BlbErrorHandlerOptions,
  phase: ErrorPhase,
): void {
  const response = toBceResponse(thrown, requestId, options);
  const { status, body } = response;
  if (ctx.headerSent || !ctx.writable) {
    // Koa's own handler would hang here.
    ctx.respond = false;
    abandonResponse(ctx.res);
  } else if (phase === 'respond') {
    writeBceResponse(ctx.res, response);
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
export function isUnanswered(ctx: Koa.Context): boolean {
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
