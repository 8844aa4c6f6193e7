import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import {
  abandonResponse,
  BCE_REQUEST_ID_HEADER,
  BlbError,
  isValidRequestId,
  reportError,
  resolveRequestId,
  toBceResponse,
  writeBceResponse,
  type BlbErrorHandlerOptions,
  type RequestIdOptions,
} from '../../src/index.js';

export type { BlbErrorContext, BlbErrorHandlerOptions, RequestIdOptions } from '../../src/index.js';

/**
 * What `blbErrorHandler()` returns: the unmatched-route handler (unless `notFound: false`) and
 * the error handler. `app.use()` flattens the array, so one line mounts both.
 *
 * @example
 * ```ts
 * const handlers: BlbExpressHandlers = blbErrorHandler();
 * ```
 */
export type BlbExpressHandlers = (RequestHandler | ErrorRequestHandler)[];

/**
 * Assigns the request id before the routes run: a valid incoming `x-bce-request-id` or a new
 * UUID v4. It is `res.locals.requestId` for the routes, goes out in the response header of every
 * response, and `blbErrorHandler()` answers errors with the same id.
 *
 * @example
 * ```ts
 * app.use(requestId());
 * app.get('/v1/blb', (req, res) => res.json({ requestId: res.locals.requestId }));
 * ```
 */
export function requestId(options: RequestIdOptions = {}): RequestHandler {
  const header = options.requestIdHeader ?? BCE_REQUEST_ID_HEADER;
  return function blbRequestId(req: Request, res: Response, next: NextFunction): void {
    const id = resolveRequestId(req, options);
    res.locals.requestId = id;
    res.setHeader(header, id);
    next();
  };
}

/**
 * Answers every failure of an Express 4 or 5 app in the BCE error shape. Mount it once, after
 * the routes: requests no route answered get `InvalidURI`, and anything thrown, rejected or
 * passed to `next(err)` gets its catalog status and `{ requestId, code, message }`.
 *
 * @example
 * ```ts
 * import { blbErrorHandler } from 'blb-errors/express';
 * app.use(blbErrorHandler());
 * ```
 */
export function blbErrorHandler(options: BlbErrorHandlerOptions = {}): BlbExpressHandlers {
  function blbNotFound(_req: Request, _res: Response, next: NextFunction): void {
    next(new BlbError('InvalidURI'));
  }
  // Four declared parameters: Express recognises error handlers by their arity.
  function blbErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
    const assigned: unknown = res.locals.requestId;
    const id = isValidRequestId(assigned) ? assigned : resolveRequestId(req, options);
    const response = toBceResponse(err, id, options);
    if (res.headersSent) {
      // Instead of Express's final handler, which would report the same error a second time.
      abandonResponse(res);
    } else {
      writeBceResponse(res, response);
    }
    const { status, body } = response;
    reportError(err, { status, code: body.code, requestId: body.requestId, req }, options);
  }
  return options.notFound === false ? [blbErrorHandler] : [blbNotFound, blbErrorHandler];
}
