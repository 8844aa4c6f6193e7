export {
  blbErrorHandler,
  requestId,
  type BlbErrorContext,
  type BlbErrorHandlerOptions,
  type BlbExpressHandlers,
  type RequestIdOptions,
} from './error-handler.js';
export { bceAuth, type BceAuthOptions } from './auth.js';
export { clientToken, type ClientTokenOptions } from './client-token.js';
