import type { IdempotencyEntry } from './store.js';

/**
 * An entry as stored in Redis: JSON, the response body in base64.
 *
 * @example
 * ```ts
 * await client.set(key, encodeEntry(claim), { condition: 'NX', expiration: { type: 'PX', value: 60_000 } });
 * ```
 */
export function encodeEntry(entry: IdempotencyEntry): string {
  if (entry.state === 'running') return JSON.stringify(entry);
  const { status, contentType, body } = entry.response;
  const response = { status, contentType, body: body.toString('base64') };
  return JSON.stringify({ state: entry.state, fingerprint: entry.fingerprint, response });
}

/**
 * The entry behind a stored value (`GET`'s reply: a string, a Buffer under a type mapping, or
 * `null`). Throws on anything this package did not write: a foreign value under the prefix must
 * not be mistaken for a claim or replayed.
 *
 * @example
 * ```ts
 * const entry = decodeEntry(await client.get(key)); // IdempotencyEntry | undefined
 * ```
 */
export function decodeEntry(value: unknown): IdempotencyEntry | undefined {
  if (value === null || value === undefined) return undefined;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  const data: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
  const entry = isRecord(data) ? data : {};
  const { state, fingerprint, claimId, response } = entry;
  if (typeof fingerprint === 'string' && state === 'running' && typeof claimId === 'string') {
    return { state, claimId, fingerprint };
  }
  if (typeof fingerprint === 'string' && state === 'completed' && isRecord(response)) {
    const { status, contentType, body } = response;
    if (Number.isInteger(status) && typeof body === 'string') {
      const decoded = { status: status as number, body: Buffer.from(body, 'base64') };
      return {
        state,
        fingerprint,
        response: typeof contentType === 'string' ? { ...decoded, contentType } : decoded,
      };
    }
  }
  throw new TypeError('Not an idempotency entry written by blb-errors');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
