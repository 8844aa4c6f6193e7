import type { BlbErrorCode } from '../catalog.js';
import { BCE_REQUEST_ID_HEADER } from '../request-id.js';
import { isFetchResponse, type FetchResponseLike } from './fetch.js';
import { headerOf, parseBceError, type BceErrorParseResult, type ResponseLike } from './parse.js';

/**
 * What `toBeBceError` may check besides the code. `message` matches exactly or by RegExp.
 *
 * @example
 * ```ts
 * expect(res).toBeBceError('MissingParameter', { status: 400, message: /vpcId/ });
 * ```
 */
export interface BceErrorExpectation {
  readonly status?: number;
  readonly message?: string | RegExp;
  readonly requestId?: string;
  readonly requestIdHeader?: string;
}

/**
 * With `allowCustomCodes: true` the code may be any string (services with codes of their own).
 *
 * @example
 * ```ts
 * expect(res).toBeBceError('MyServiceQuotaFull', { allowCustomCodes: true, status: 429 });
 * ```
 */
export interface CustomCodeExpectation extends BceErrorExpectation {
  readonly allowCustomCodes: true;
}

/**
 * The result jest expects from a matcher.
 *
 * @example
 * ```ts
 * const result: MatcherResult = { pass: true, message: () => 'expected no BCE error' };
 * ```
 */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

interface MatcherState {
  readonly isNot?: boolean;
}

/**
 * The Jest matchers of `blb-errors/testing`. Register them with `expect.extend(blbMatchers)`, or
 * import `blb-errors/testing/jest` once.
 *
 * @example
 * ```ts
 * expect.extend(blbMatchers);
 * expect(res).toBeBceError('InstanceNotFound');
 * ```
 */
export const blbMatchers = {
  toBeBceError(
    this: MatcherState,
    received: unknown,
    code?: string,
    expected: BceErrorExpectation & { readonly allowCustomCodes?: boolean } = {},
  ): MatcherResult | Promise<MatcherResult> {
    const options = {
      allowCustomCodes: expected.allowCustomCodes === true,
      requestIdHeader: expected.requestIdHeader ?? BCE_REQUEST_ID_HEADER,
    };
    if (isFetchResponse(received)) {
      // The body of a fetch Response can be read only once: the failure message shows that text.
      return received.text().then((text) => {
        const read = { status: received.status, headers: received.headers, text };
        return judge(this, parseBceError(read, options), read, code, expected);
      });
    }
    if (!isResponseLike(received)) {
      return { pass: false, message: () => 'expected a response ({ status, headers, body })' };
    }
    return judge(this, parseBceError(received, options), received, code, expected);
  },
};

function judge(
  state: MatcherState,
  result: BceErrorParseResult,
  received: ResponseLike,
  code: string | undefined,
  expected: BceErrorExpectation,
): MatcherResult {
  const wanted = `a BCE error${code === undefined ? '' : ` ${code}`}`;
  const failure = result.ok
    ? mismatch(result.error, code, expected)
    : `${result.rule}: ${result.reason}`;
  const shown = (): string => describeReceived(received);
  if (failure === undefined) {
    return {
      pass: true,
      message: () => `expected the response not to be ${wanted}, but it is\n${shown()}`,
    };
  }
  const not = state.isNot === true ? 'not ' : '';
  return {
    pass: false,
    message: () =>
      `expected the response ${not}to be ${wanted}\nrule failed: ${failure}\n${shown()}`,
  };
}

function mismatch(
  error: { status: number; code: string; message: string; requestId: string },
  code: string | undefined,
  expected: BceErrorExpectation,
): string | undefined {
  if (code !== undefined && error.code !== code)
    return `code is "${error.code}", expected "${code}"`;
  if (expected.status !== undefined && error.status !== expected.status) {
    return `status is ${error.status}, expected ${expected.status}`;
  }
  const { message } = expected;
  if (
    message !== undefined &&
    !(typeof message === 'string' ? error.message === message : message.test(error.message))
  ) {
    return `message is "${error.message}", expected ${String(message)}`;
  }
  if (expected.requestId !== undefined && error.requestId !== expected.requestId) {
    return `requestId is "${error.requestId}", expected "${expected.requestId}"`;
  }
  return undefined;
}

function describeReceived(received: ResponseLike): string {
  const headers = ['content-type', BCE_REQUEST_ID_HEADER]
    .map((name) => `  ${name}: ${headerOf(received.headers, name) ?? '(none)'}`)
    .join('\n');
  const raw = typeof received.text === 'string' ? received.text : safeJson(received.body);
  const body = raw.length > 500 ? `${raw.slice(0, 500)}…` : raw;
  return `received status ${String(received.status)}\n${headers}\n  body: ${body}`;
}

function safeJson(value: unknown): string {
  try {
    // undefined and functions stringify to undefined, whatever the declared type says.
    const json: unknown = JSON.stringify(value);
    return typeof json === 'string' ? json : String(value);
  } catch {
    return String(value);
  }
}

function isResponseLike(value: unknown): value is ResponseLike {
  return typeof value === 'object' && value !== null && 'status' in value && 'headers' in value;
}

/**
 * The matcher's signature, for the `expect` type augmentations. `T` is the received value's type:
 * for a fetch `Response` the matcher is asynchronous and must be awaited.
 *
 * @example
 * ```ts
 * declare module 'expect' { interface Matchers<R, T> extends BceErrorMatchers<R, T> {} }
 * ```
 */
export interface BceErrorMatchers<R, T = unknown> {
  /** The response is a correct BCE error (of this catalog code, when given). */
  toBeBceError(
    code?: BlbErrorCode,
    expected?: BceErrorExpectation,
  ): T extends FetchResponseLike ? Promise<R> : R;
  /** The response is a correct BCE error with a code outside the catalog. */
  toBeBceError(
    code: string,
    expected: CustomCodeExpectation,
  ): T extends FetchResponseLike ? Promise<R> : R;
}
