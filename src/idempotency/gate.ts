import { randomUUID } from 'node:crypto';
import { BlbError } from '../blb-error.js';
import { readClientToken } from './client-token.js';
import { toFingerprint, type IdempotentRequest } from './fingerprint.js';
import { memoryStore } from './memory-store.js';
import type { ClientTokenOptions } from './options.js';
import { guardStore, IdempotencyStoreError, reportStoreError } from './store-error.js';
import type { IdempotencyClaim, IdempotencyStore, RecordedResponse } from './store.js';

/**
 * What an adapter does with a request: pass it on untouched (no token), replay a recorded
 * response without running the handler, or run the handler and then `settle` with its response
 * (`undefined` when it threw or its body cannot be recorded). `settle` never rejects.
 *
 * @example
 * ```ts
 * const outcome = await gate(request);
 * if (outcome.kind === 'run') await outcome.settle({ status: 201, body: Buffer.from('{}') });
 * ```
 */
export type IdempotencyOutcome =
  | { readonly kind: 'pass' }
  | { readonly kind: 'replay'; readonly response: RecordedResponse }
  | {
      readonly kind: 'run';
      readonly settle: (response: RecordedResponse | undefined) => Promise<void>;
    };

/**
 * Decides a request's fate under the clientToken rules. Rejects with a `BlbError`
 * (`InvalidParameter`, `IdempotentParameterMismatch`, `LastOperationNotFinished`) or an
 * `IdempotencyStoreError`; the error handler answers either.
 *
 * @example
 * ```ts
 * const gate: IdempotencyGate = createIdempotencyGate({ ttlSeconds: 3600 });
 * ```
 */
export type IdempotencyGate = (request: IdempotentRequest) => Promise<IdempotencyOutcome>;

// A claim that vanishes between a failed claim and the read (released or expired) is claimed
// again; past a few rounds the token is too contended to decide, which is what 409 says.
const claimAttempts = 3;

const lostClaim = 'its claim had expired: the handler outlived claimTtlSeconds';

/**
 * The clientToken rules, shared by the Express and the Koa middleware. One gate per middleware:
 * without a `store` option it owns a fresh `memoryStore()`.
 *
 * @example
 * ```ts
 * const gate = createIdempotencyGate({ store: redisStore(redis) });
 * ```
 */
export function createIdempotencyGate(options: ClientTokenOptions = {}): IdempotencyGate {
  const store = options.store ?? memoryStore();
  const ttlMs = toMilliseconds(options.ttlSeconds, 86_400);
  const claimTtlMs = toMilliseconds(options.claimTtlSeconds, 60);

  return async function idempotencyGate(request) {
    const token = readClientToken(request.url);
    if (token === undefined) return { kind: 'pass' };
    const accessKeyId = typeof request.accessKeyId === 'string' ? request.accessKeyId : '';
    // Tokens are per caller; `:` cannot occur in the encoded id, so keys never collide.
    const key = `${encodeURIComponent(accessKeyId)}:${token}`;
    const fingerprint = toFingerprint(request);
    const claim = { state: 'running', claimId: randomUUID(), fingerprint } as const;

    for (let attempt = 0; attempt < claimAttempts; attempt += 1) {
      if (await guardStore('claim a token', () => store.claim(key, claim, claimTtlMs))) {
        return { kind: 'run', settle: settler(store, key, claim, ttlMs, options.onStoreError) };
      }
      const entry = await guardStore('read a token', () => store.get(key));
      if (entry === undefined) continue;
      if (entry.fingerprint !== fingerprint) throw new BlbError('IdempotentParameterMismatch');
      if (entry.state === 'running') break;
      return { kind: 'replay', response: entry.response };
    }
    throw new BlbError('LastOperationNotFinished');
  };
}

/** A 2xx response is recorded; anything else frees the token so the client may retry. */
function settler(
  store: IdempotencyStore,
  key: string,
  claim: IdempotencyClaim,
  ttlMs: number,
  onStoreError: ClientTokenOptions['onStoreError'],
): (response: RecordedResponse | undefined) => Promise<void> {
  const { claimId, fingerprint } = claim;
  return async function settle(response) {
    try {
      if (response !== undefined && response.status >= 200 && response.status < 300) {
        const record = { state: 'completed', fingerprint, response } as const;
        const stored = await guardStore('record a response', () =>
          store.record(key, claimId, record, ttlMs),
        );
        // The handler outlived its claim, and the token may be another request's now: recording
        // over it would replay this response while that one runs. This response is real (its
        // side effects happened), so it still goes out; the operator learns that claimTtlSeconds
        // is below this handler's duration, and that a retry may have run it again.
        if (!stored) throw new IdempotencyStoreError('record a response', new Error(lostClaim));
      } else {
        await guardStore('release a token', () => store.release(key, claimId));
      }
    } catch (error) {
      // The handler's response still goes out; a claim left behind expires with its TTL.
      reportStoreError(error, onStoreError);
    }
  };
}

function toMilliseconds(seconds: number | undefined, fallback: number): number {
  const value =
    seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : fallback;
  return Math.ceil(value * 1000);
}
