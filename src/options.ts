import type { IncomingMessage } from 'node:http';
import type { BlbErrorCode } from './catalog.js';
import type { RequestIdOptions } from './request-id.js';

/**
 * What `onError` learns about an error response, besides the thrown value.
 *
 * @example
 * ```ts
 * const log = (err: unknown, { status, code, requestId }: BlbErrorContext) => console.log(status, code, requestId);
 * ```
 */
export interface BlbErrorContext {
  /**
   * The status of the error response. When the headers had already gone out (the connection is
   * cut instead), the status the error would have been answered with.
   */
  readonly status: number;
  readonly code: BlbErrorCode;
  readonly requestId: string;
  readonly req: IncomingMessage;
}

/**
 * Options of `blbErrorHandler()`, the same for the Express and the Koa adapter.
 *
 * @example
 * ```ts
 * app.use(blbErrorHandler({ notFound: false, onError: (err, ctx) => logger.error({ err, ...ctx }) }));
 * ```
 */
export interface BlbErrorHandlerOptions extends RequestIdOptions {
  /** Answer requests that nothing handled with `InvalidURI` (400). Default `true`. */
  readonly notFound?: boolean;
  /**
   * Called once per error response. Without it, 5xx errors are written to stderr with the
   * request id and stack, and 4xx are silent. Whatever it throws is ignored.
   */
  readonly onError?: (error: unknown, context: BlbErrorContext) => void;
}
