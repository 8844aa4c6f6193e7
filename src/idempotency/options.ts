import type { IdempotencyStore } from './store.js';

/**
 * Options of `clientToken()`, the same for the Express and the Koa adapter.
 *
 * @example
 * ```ts
 * app.use(clientToken({ store: redisStore(redis), ttlSeconds: 3600 }));
 * ```
 */
export interface ClientTokenOptions {
  /** Where claims and responses live. Default: a `memoryStore()` of this middleware's own. */
  readonly store?: IdempotencyStore;
  /** How long a successful response is replayed. Default 86 400 (24 hours). */
  readonly ttlSeconds?: number;
  /**
   * How long a claim outlives a request that never finishes (a crashed replica). Keep it above
   * the slowest handler: after it, a retry runs again. Default 60.
   */
  readonly claimTtlSeconds?: number;
  /**
   * Called when recording or releasing fails after the handler ran, or when the handler outlived
   * `claimTtlSeconds` so its response was not recorded (the client still gets the handler's
   * response). Default: a line on stderr. Whatever it throws is ignored.
   */
  readonly onStoreError?: (error: unknown) => void;
}
