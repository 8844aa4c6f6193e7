export type { BceHeaders } from './canonical-headers.js';
export type { BceAuthRequest } from './canonical-request.js';
export { signBceRequest, type BceSignOptions } from './sign.js';
export { formatBceTimestamp } from './timestamp.js';
export { verifyBceAuth, type BceAuthOptions } from './verify.js';
