import type { IdempotencyClaim, IdempotencyEntry, IdempotencyStore } from './store.js';

/**
 * Options of `memoryStore()`.
 *
 * @example
 * ```ts
 * const options: MemoryStoreOptions = { maxEntries: 50_000 };
 * ```
 */
export interface MemoryStoreOptions {
  /** The most tokens kept; the least recently used go first. Default 10 000. */
  readonly maxEntries?: number;
  /** The clock, in milliseconds. Default `Date.now`; tests inject their own. */
  readonly now?: () => number;
}

/**
 * The in-process store: what `clientToken()` uses without a `store` option.
 *
 * @example
 * ```ts
 * const store: MemoryIdempotencyStore = memoryStore();
 * store.size; // 0
 * ```
 */
export interface MemoryIdempotencyStore extends IdempotencyStore {
  /** Entries held, expired ones not yet noticed included. */
  readonly size: number;
}

interface Slot {
  readonly entry: IdempotencyEntry;
  readonly expiresAt: number;
}

/**
 * An idempotency store in this process's memory, for a single instance. Bounded: past
 * `maxEntries` the least recently used token is forgotten. Entries expire lazily when touched,
 * so no timer keeps the process alive.
 *
 * @example
 * ```ts
 * app.use(clientToken({ store: memoryStore({ maxEntries: 50_000 }) }));
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryIdempotencyStore {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const slots = new Map<string, Slot>();

  const live = (key: string): Slot | undefined => {
    const slot = slots.get(key);
    if (slot === undefined) return undefined;
    slots.delete(key);
    if (slot.expiresAt <= now()) return undefined;
    slots.set(key, slot);
    return slot;
  };
  const put = (key: string, entry: IdempotencyEntry, ttlMs: number): void => {
    slots.delete(key);
    slots.set(key, { entry, expiresAt: now() + ttlMs });
    for (const oldest of slots.keys()) {
      if (slots.size <= maxEntries) break;
      slots.delete(oldest);
    }
  };

  // Every method is synchronous inside: the claim's check and set cannot interleave.
  return {
    get size() {
      return slots.size;
    },
    claim(key: string, claim: IdempotencyClaim, ttlMs: number) {
      if (live(key) !== undefined) return Promise.resolve(false);
      put(key, claim, ttlMs);
      return Promise.resolve(true);
    },
    get(key) {
      return Promise.resolve(live(key)?.entry);
    },
    record(key, record, ttlMs) {
      put(key, record, ttlMs);
      return Promise.resolve();
    },
    release(key, claimId) {
      const entry = live(key)?.entry;
      if (entry?.state === 'running' && entry.claimId === claimId) slots.delete(key);
      return Promise.resolve();
    },
  };
}
