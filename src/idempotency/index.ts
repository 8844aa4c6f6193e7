export { CLIENT_TOKEN_MAX_LENGTH, readClientToken } from './client-token.js';
export { canonicalJson } from './canonical-json.js';
export { canonicalQuery, toFingerprint, type IdempotentRequest } from './fingerprint.js';
export { createIdempotencyGate, type IdempotencyGate, type IdempotencyOutcome } from './gate.js';
export {
  memoryStore,
  type MemoryIdempotencyStore,
  type MemoryStoreOptions,
} from './memory-store.js';
export type { ClientTokenOptions } from './options.js';
export { redisStore, type RedisStoreClient, type RedisStoreOptions } from './redis-store.js';
export { IdempotencyStoreError } from './store-error.js';
export type {
  IdempotencyClaim,
  IdempotencyEntry,
  IdempotencyRecord,
  IdempotencyStore,
  RecordedResponse,
} from './store.js';
