import { isBlbErrorCode } from '../catalog.js';
import { BCE_REQUEST_ID_HEADER } from '../request-id.js';

/**
 * A response as supertest/superagent or a plain object describes it. A fetch `Response` does not
 * fit (its `text` is a method): its body must be read asynchronously, by `parseBceErrorResponse`.
 *
 * @example
 * ```ts
 * const plain: ResponseLike = { status: 404, headers: { 'x-bce-request-id': 'r-1' }, body: {} };
 * ```
 */
export interface ResponseLike {
  readonly status: number;
  readonly headers: unknown;
  /** The parsed body (superagent), or the raw body as a string or Buffer. */
  readonly body?: unknown;
  /** The raw body text (superagent); read instead of `body` when present. */
  readonly text?: string;
}

/**
 * The BCE error a response carries, read the way the official SDKs read it.
 *
 * @example
 * ```ts
 * const result = parseBceError(res);
 * if (result.ok) console.log(result.error.code, result.error.requestId);
 * ```
 */
export interface ParsedBceError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
}

/**
 * The wire rule a response broke, for assertions that branch on it.
 *
 * @example
 * ```ts
 * const result = parseBceError(res);
 * if (!result.ok && result.rule === 'content-type') console.log(result.reason);
 * ```
 */
export type BceErrorRule =
  | 'status'
  | 'content-type'
  | 'json'
  | 'missing-key'
  | 'look-alike-key'
  | 'request-id-header'
  | 'unknown-code';

/**
 * The outcome of `parseBceError`: the error, or the first rule broken and why.
 *
 * @example
 * ```ts
 * const result = parseBceError(res);
 * if (!result.ok) throw new Error(`${result.rule}: ${result.reason}`);
 * ```
 */
export type BceErrorParseResult =
  | { readonly ok: true; readonly error: ParsedBceError }
  | { readonly ok: false; readonly rule: BceErrorRule; readonly reason: string };

/**
 * Options of `parseBceError`.
 *
 * @example
 * ```ts
 * parseBceError(res, { allowCustomCodes: true });
 * ```
 */
export interface ParseBceErrorOptions {
  /** Accept codes outside the catalog, for services with codes of their own. Default `false`. */
  readonly allowCustomCodes?: boolean;
  /** The header that must repeat the body's request id. Default `x-bce-request-id`. */
  readonly requestIdHeader?: string;
}

// The JS SDK parses a body only when its content type matches this (http_client.js).
const sdkJsonContentType = /(application|text)\/json/;
const requiredKeys = ['requestId', 'code', 'message'] as const;
// The Go SDK decodes keys case-insensitively into Code, Message, RequestId and StatusCode.
const goFields = new Set(['code', 'message', 'requestid', 'statuscode']);

/**
 * Reads a response the way the official BCE SDKs do and says whether it is a correct BCE error:
 * an error status, a JSON content type, a JSON object with non-empty `requestId`, `code` and
 * `message`, no look-alike keys, the same request id in the `x-bce-request-id` header, and a
 * catalog code. Give it a supertest/superagent response or a plain `{ status, headers, body }`.
 *
 * A fetch `Response` does not type-check here, and throws a `TypeError` if it gets in untyped:
 * its body can only be read asynchronously, so use `await parseBceErrorResponse(response)`. It
 * throws rather than returning `{ ok: false }` so that a negative assertion cannot pass for the
 * wrong reason.
 *
 * @example
 * ```ts
 * const result = parseBceError(await request(app).get('/v1/blb/lb-missing'));
 * if (result.ok) console.log(result.error.code); // 'InstanceNotFound'
 * ```
 */
export function parseBceError(
  response: ResponseLike,
  options: ParseBceErrorOptions = {},
): BceErrorParseResult {
  // Untyped callers can still hand over a fetch Response; its stream body would read as no body.
  if (typeof (response as { text?: unknown }).text === 'function') {
    throw new TypeError(
      'parseBceError got a fetch Response, whose body can only be read asynchronously: use `await parseBceErrorResponse(response)`',
    );
  }
  const { status } = response;
  if (!Number.isInteger(status) || status < 400) {
    return fail('status', `status ${String(status)} is not an error status (400 or above)`);
  }
  const contentType = headerOf(response.headers, 'content-type');
  if (contentType === undefined || !sdkJsonContentType.test(contentType)) {
    return fail(
      'content-type',
      `content-type ${contentType === undefined ? 'is missing' : `"${contentType}"`}: the JS SDK parses only (application|text)/json`,
    );
  }
  const body = jsonBodyOf(response);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('json', 'body is not a JSON object');
  }
  const record = body as Record<string, unknown>;
  for (const key of requiredKeys) {
    const value = record[key];
    if (typeof value !== 'string' || value === '') {
      return fail('missing-key', `body key "${key}" is missing, empty or not a string`);
    }
  }
  const lookAlike = Object.keys(record).find(
    (key) => !(requiredKeys as readonly string[]).includes(key) && goFields.has(key.toLowerCase()),
  );
  if (lookAlike !== undefined) {
    return fail('look-alike-key', `body key "${lookAlike}" would overwrite a field in the Go SDK`);
  }
  const error = record as unknown as ParsedBceError;
  const idHeader = options.requestIdHeader ?? BCE_REQUEST_ID_HEADER;
  const headerId = headerOf(response.headers, idHeader);
  if (headerId !== error.requestId) {
    return fail(
      'request-id-header',
      `header ${idHeader} ${headerId === undefined ? 'is missing' : `is "${headerId}"`}, body requestId is "${error.requestId}"`,
    );
  }
  if (options.allowCustomCodes !== true && !isBlbErrorCode(error.code)) {
    return fail('unknown-code', `code "${error.code}" is not in the BCE catalog`);
  }
  return {
    ok: true,
    error: { status, code: error.code, message: error.message, requestId: error.requestId },
  };
}

function fail(rule: BceErrorRule, reason: string): BceErrorParseResult {
  return { ok: false, rule, reason };
}

/** A header from a fetch `Headers`, a Node/superagent headers object (any case) or undefined. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const lower = name.toLowerCase();
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(lower) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower) continue;
    return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** The JSON body: parsed from the raw text when there is one, else the already-parsed body. */
function jsonBodyOf(response: ResponseLike): unknown {
  const raw =
    typeof response.text === 'string'
      ? response.text
      : typeof response.body === 'string'
        ? response.body
        : Buffer.isBuffer(response.body)
          ? response.body.toString('utf8')
          : undefined;
  if (raw === undefined) return response.body;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
