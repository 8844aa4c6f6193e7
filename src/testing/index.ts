export {
  parseBceError,
  type BceErrorParseResult,
  type BceErrorRule,
  type ParseBceErrorOptions,
  type ParsedBceError,
  type ResponseLike,
} from './parse.js';
export { isFetchResponse, parseBceErrorResponse, type FetchResponseLike } from './fetch.js';
export {
  blbMatchers,
  type BceErrorExpectation,
  type BceErrorMatchers,
  type CustomCodeExpectation,
  type MatcherResult,
} from './matchers.js';
