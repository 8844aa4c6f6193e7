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
  /**
   * The most tokens kept. To make room, the least recently used completed (or expired) entry is
   * forgotten; a running claim never is, so when all are running a new token is refused (the
   * middleware answers `InternalError`). Default 10 000.
   */
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
 * `maxEntries` the least recently used finished token is forgotten, and a new token is refused
 * while every entry is a request still running. Entries expire lazily when touched, so no timer
 * keeps the process alive.
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
  // Frees one slot for a new token. A live claim is never the one: its request still runs, and
  // forgetting it would let a retry run the handler a second time.
  const makeRoom = (): boolean => {
    const time = now();
    for (const [key, slot] of slots) {
      if (slot.expiresAt <= time || slot.entry.state === 'completed') {
        slots.delete(key);
        return true;
      }
    }
    return false;
  };
  const isOwnClaim = (key: string, claimId: string): boolean => {
    const entry = live(key)?.entry;
    return entry?.state === 'running' && entry.claimId === claimId;
  };

  // Every method is synchronous inside: the claim's check and set cannot interleave.
  return {
    get size() {
      return slots.size;
    },
    claim(key: string, claim: IdempotencyClaim, ttlMs: number) {
      if (live(key) !== undefined) return Promise.resolve(false);
      // Rejected, not `false` (taken): the gate would answer 409 for a token nobody runs. A
      // rejection is InternalError, and the request does not run without its claim.
      if (slots.size >= maxEntries && !makeRoom()) {
        const message = `memoryStore is full: all ${maxEntries} entries are requests still running`;
        return Promise.reject(new Error(message));
      }
      slots.set(key, { entry: claim, expiresAt: now() + ttlMs });
      return Promise.resolve(true);
    },
    get(key) {
      return Promise.resolve(live(key)?.entry);
    },
    record(key, claimId, record, ttlMs) {
      if (!isOwnClaim(key, claimId)) return Promise.resolve(false);
      slots.set(key, { entry: record, expiresAt: now() + ttlMs });
      return Promise.resolve(true);
    },
    release(key, claimId) {
      if (isOwnClaim(key, claimId)) slots.delete(key);
      return Promise.resolve();
    },
  };
}
