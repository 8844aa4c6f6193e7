export {
  catalog,
  fillMessage,
  isBlbErrorCode,
  type BlbErrorCode,
  type CatalogEntry,
  type CatalogStatus,
  type MessageSlot,
} from './catalog.js';
export { BlbError, isBlbError, type BlbErrorOptions } from './blb-error.js';
export { asError, normalizeError, toBlbError, type NormalizedError } from './normalize.js';
export {
  BCE_ERROR_CONTENT_TYPE,
  toBceResponse,
  type BceErrorBody,
  type BceErrorResponse,
  type BceResponseOptions,
} from './response.js';
export {
  BCE_REQUEST_ID_HEADER,
  generateRequestId,
  isValidRequestId,
  resolveRequestId,
  type RequestIdOptions,
} from './request-id.js';
export type { BlbErrorHandlerOptions, BlbErrorContext } from './options.js';
export { reportError } from './report.js';
export { abandonResponse, setBceHeaders, STALE_BODY_HEADERS, writeBceResponse } from './write.js';
export {
  formatBceTimestamp,
  signBceRequest,
  verifyBceAuth,
  type BceAuthOptions,
  type BceAuthRequest,
  type BceHeaders,
  type BceSignOptions,
} from './auth/index.js';
export {
  CLIENT_TOKEN_MAX_LENGTH,
  createIdempotencyGate,
  IdempotencyStoreError,
  memoryStore,
  redisStore,
  type ClientTokenOptions,
  type IdempotencyClaim,
  type IdempotencyEntry,
  type IdempotencyGate,
  type IdempotencyOutcome,
  type IdempotentRequest,
  type IdempotencyRecord,
  type IdempotencyStore,
  type MemoryIdempotencyStore,
  type MemoryStoreOptions,
  type RecordedResponse,
  type RedisStoreClient,
  type RedisStoreOptions,
} from './idempotency/index.js';
