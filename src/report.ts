import { inspect } from 'node:util';
import type { BlbErrorContext, BlbErrorHandlerOptions } from './options.js';

/**
 * Tells the application about an error response: its `onError` hook when it has one, otherwise
 * stderr for 5xx (with the request id and stack) and nothing for 4xx. Never throws: a broken
 * logger must not cost the client its response or crash the server.
 *
 * @example
 * ```ts
 * reportError(err, { status: 500, code: 'InternalError', requestId, req }, options);
 * ```
 */
export function reportError(
  thrown: unknown,
  context: BlbErrorContext,
  options: Pick<BlbErrorHandlerOptions, 'onError'>,
): void {
  try {
    if (options.onError !== undefined) {
      options.onError(thrown, context);
    } else if (context.status >= 500) {
      const { status, code, requestId, req } = context;
      process.stderr.write(
        `[blb-errors] ${status} ${code} requestId=${requestId} ${req.method ?? ''} ${req.url ?? ''}\n${describe(thrown)}\n`,
      );
    }
  } catch {
    // Deliberately silent: there is nowhere left to report a failing reporter.
  }
}

function describe(thrown: unknown): string {
  try {
    const stack = (thrown as { stack?: unknown } | null)?.stack;
    return typeof stack === 'string' ? stack : inspect(thrown, { depth: 2 });
  } catch {
    return '(an error that could not be described)';
  }
}
