import { decodeEntry, encodeEntry } from './redis-codec.js';
import type { IdempotencyStore } from './store.js';

/**
 * The part of a node-redis v5 client the store uses. A `createClient()` client (RESP2 or 3, any
 * modules) fits, and so does a cluster. Declared here rather than imported so that `redis` stays
 * an optional peer: apps without it type-check too.
 *
 * @example
 * ```ts
 * const client: RedisStoreClient = await createClient({ url }).connect();
 * ```
 */
export interface RedisStoreClient {
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' },
  ): Promise<unknown>;
  get(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** Lets a timed-out command leave node-redis's offline queue instead of running later. */
  withAbortSignal?(signal: AbortSignal): RedisStoreClient;
}

/**
 * Options of `redisStore()`.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { keyPrefix: 'blb:idem:', timeoutMs: 500 };
 * ```
 */
export interface RedisStoreOptions {
  /** Prepended to every key. Default `blb-errors:client-token:`. */
  readonly keyPrefix?: string;
  /** The longest any store call waits for Redis before it fails. Default 1000. */
  readonly timeoutMs?: number;
}

// Record and release act only while the key holds the running claim ARGV[1], checked and
// changed in one step: a replica whose claim expired must neither overwrite nor delete the claim
// that another replica took since.
const ifOwnClaim = `
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local ok, entry = pcall(cjson.decode, value)
if not (ok and type(entry) == 'table' and entry.state == 'running' and entry.claimId == ARGV[1]) then
  return 0
end`;
const recordScript = `${ifOwnClaim}
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;
const releaseScript = `${ifOwnClaim}
return redis.call('DEL', KEYS[1])`;

/**
 * An idempotency store on Redis, shared by every replica of the app: a claim is
 * `SET key value NX PX ttl`, so two replicas never both run one token, and a record or a release
 * is a script that changes the key only while it still holds that claim. Give it a connected
 * node-redis v5 client (and an `error` listener on it). Every call fails after `timeoutMs`:
 * node-redis queues commands while it reconnects, and a request must not hang on that.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const redis = await createClient({ url: process.env.REDIS_URL }).on('error', log).connect();
 * app.use(clientToken({ store: redisStore(redis) }));
 * ```
 */
export function redisStore(
  client: RedisStoreClient,
  options: RedisStoreOptions = {},
): IdempotencyStore {
  const prefix = options.keyPrefix ?? 'blb-errors:client-token:';
  const timeoutMs = options.timeoutMs ?? 1000;
  const call = <T>(run: (redis: RedisStoreClient) => Promise<T>): Promise<T> =>
    withTimeout(timeoutMs, (signal) => run(client.withAbortSignal?.(signal) ?? client));

  const release = async (key: string, claimId: string): Promise<void> => {
    const options = { keys: [prefix + key], arguments: [claimId] };
    await call((redis) => redis.eval(releaseScript, options));
  };

  return {
    async claim(key, claim, ttlMs) {
      const value = encodeEntry(claim);
      const expiration = { type: 'PX', value: ttlMs } as const;
      let reply: unknown;
      try {
        reply = await call((redis) =>
          redis.set(prefix + key, value, { expiration, condition: 'NX' }),
        );
      } catch (error) {
        // A failed claim may have been applied all the same: sent before the timeout (Redis was
        // slow) or before the connection dropped. Left there, it would answer 409 for its whole
        // TTL though nothing runs. Deleting it by claimId cannot touch another request's claim,
        // and `call` bounds it; queued behind the SET, it runs after it. Best effort: unawaited.
        void release(key, claim.claimId).catch(() => undefined);
        throw error;
      }
      // `null` when the key was taken; 'OK' (a string, or a Buffer under a type mapping) if not.
      return reply !== null && reply !== undefined;
    },
    async get(key) {
      return decodeEntry(await call((redis) => redis.get(prefix + key)));
    },
    async record(key, claimId, record, ttlMs) {
      const options = {
        keys: [prefix + key],
        arguments: [claimId, encodeEntry(record), String(ttlMs)],
      };
      const reply = await call((redis) => redis.eval(recordScript, options));
      // 1, or '1' under a type mapping.
      return String(reply) === '1';
    },
    release,
  };
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`Redis did not answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
