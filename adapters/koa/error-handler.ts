import type Koa from 'koa';
import {
  BCE_REQUEST_ID_HEADER,
  BlbError,
  isValidRequestId,
  resolveRequestId,
  type BlbErrorHandlerOptions,
} from '../../src/index.js';
import { answerError, isUnanswered, type ErrorPhase } from './answer.js';

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
    // Errors after the chain (a body stream failing while Koa pipes it) reach `ctx.onerror`, whose
    // default would wipe the headers, answer text/plain, or leave the socket hanging.
    // One answer per request: Koa 3 reports a failed stream both from its pipeline and from
    // on-finished, and a socket error after an answer is no second error response.
    let answered = false;
    const answer = (error: unknown, phase: ErrorPhase): void => {
      if (answered) return;
      answered = true;
      answerError(ctx, error, requestId, options, phase);
    };
    ctx.onerror = function blbRespondError(error: unknown): void {
      // Koa calls it with null when a response simply finished.
      if (error != null) answer(error, 'respond');
    };
    return next().then(
      () => {
        if (options.notFound !== false && isUnanswered(ctx)) {
          answer(new BlbError('InvalidURI'), 'middleware');
        }
      },
      // `throw null` lands here too: the rejection, not the value, says something failed.
      (error: unknown) => {
        answer(error, 'middleware');
      },
    );
  };
}
