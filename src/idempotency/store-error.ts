import { inspect } from 'node:util';

/**
 * A failure of the idempotency store (Redis down, a timeout, a corrupt entry, a full
 * `memoryStore`, a claim that expired before its response was recorded). It has no HTTP
 * status on purpose: the error handler answers it as `InternalError` (500), whatever the store
 * threw, while the log keeps the cause.
 *
 * @example
 * ```ts
 * onError: (err) => { if (err instanceof IdempotencyStoreError) metrics.increment('redis.failures'); }
 * ```
 */
export class IdempotencyStoreError extends Error {
  override readonly name = 'IdempotencyStoreError';

  constructor(operation: string, cause: unknown) {
    super(`The clientToken store failed to ${operation}: ${describe(cause)}`, { cause });
  }
}

/**
 * Runs one store operation, turning whatever it throws into an `IdempotencyStoreError`.
 *
 * @example
 * ```ts
 * const claimed = await guardStore('claim a token', () => store.claim(key, claim, ttlMs));
 * ```
 */
export async function guardStore<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof IdempotencyStoreError
      ? error
      : new IdempotencyStoreError(operation, error);
  }
}

/**
 * Tells the application that recording or releasing failed after the handler ran: its
 * `onStoreError` hook, or a line on stderr. Never throws.
 *
 * @example
 * ```ts
 * reportStoreError(error, options.onStoreError);
 * ```
 */
export function reportStoreError(error: unknown, onStoreError?: (error: unknown) => void): void {
  try {
    if (onStoreError === undefined) {
      process.stderr.write(`[blb-errors] clientToken: ${describe(error)}\n`);
    } else {
      onStoreError(error);
    }
  } catch {
    // A broken hook must not cost the client the handler's response.
  }
}

function describe(cause: unknown): string {
  try {
    return cause instanceof Error ? cause.message || cause.name : inspect(cause, { depth: 1 });
  } catch {
    return '(an error that could not be described)';
  }
}
