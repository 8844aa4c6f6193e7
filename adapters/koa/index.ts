export {
  blbErrorHandler,
  type BlbErrorContext,
  type BlbErrorHandlerOptions,
  type RequestIdOptions,
} from './error-handler.js';
export { bceAuth, type BceAuthOptions } from './auth.js';
export { clientToken, type ClientTokenOptions } from './client-token.js';
