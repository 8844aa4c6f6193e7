/**
 * A successful response as it was sent, kept to be replayed for a retry with the same token.
 *
 * @example
 * ```ts
 * const response: RecordedResponse = { status: 201, contentType: 'application/json', body: Buffer.from('{}') };
 * ```
 */
export interface RecordedResponse {
  readonly status: number;
  /** The `content-type` header as sent; absent when the response had none. */
  readonly contentType?: string;
  readonly body: Buffer;
}

/**
 * A token's entry while its first request runs.
 *
 * @example
 * ```ts
 * const claim: IdempotencyClaim = { state: 'running', claimId: randomUUID(), fingerprint };
 * ```
 */
export interface IdempotencyClaim {
  readonly state: 'running';
  /** Unique per claim: a record or release replaces only its own claim, never another replica's. */
  readonly claimId: string;
  readonly fingerprint: string;
}

/**
 * A token's entry once its request succeeded: the response to replay.
 *
 * @example
 * ```ts
 * const record: IdempotencyRecord = { state: 'completed', fingerprint, response };
 * ```
 */
export interface IdempotencyRecord {
  readonly state: 'completed';
  readonly fingerprint: string;
  readonly response: RecordedResponse;
}

/**
 * What a store holds for one token.
 *
 * @example
 * ```ts
 * const entry: IdempotencyEntry | undefined = await store.get(key);
 * if (entry?.state === 'completed') replay(entry.response);
 * ```
 */
export type IdempotencyEntry = IdempotencyClaim | IdempotencyRecord;

/**
 * Where clientToken claims and recorded responses live: `memoryStore()` for one process,
 * `redisStore(client)` for replicas sharing a Redis. Every method may reject; the middleware then
 * answers `InternalError` rather than run a request it cannot guard.
 *
 * @example
 * ```ts
 * const store: IdempotencyStore = memoryStore({ maxEntries: 1000 });
 * if (await store.claim(key, claim, 60_000)) runHandler();
 * ```
 */
export interface IdempotencyStore {
  /**
   * Stores `claim` under `key` for `ttlMs` unless the key holds a live entry, as one atomic step.
   * Resolves `true` when this call stored it.
   */
  claim(key: string, claim: IdempotencyClaim, ttlMs: number): Promise<boolean>;
  /** The live entry under `key`, if any. */
  get(key: string): Promise<IdempotencyEntry | undefined>;
  /**
   * Replaces the claim `claimId` under `key` with a completed response kept for `ttlMs`, as one
   * atomic step. Resolves `false`, storing nothing, when the key no longer holds that claim: it
   * expired, and another request may have claimed the token since.
   */
  record(key: string, claimId: string, record: IdempotencyRecord, ttlMs: number): Promise<boolean>;
  /** Deletes the entry under `key` only while it is still the claim `claimId`. */
  release(key: string, claimId: string): Promise<void>;
}
