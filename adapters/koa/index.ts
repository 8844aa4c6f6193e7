export {
  blbErrorHandler,
  type BlbErrorContext,
  type BlbErrorHandlerOptions,
  type RequestIdOptions,
} from './error-handler.js';
