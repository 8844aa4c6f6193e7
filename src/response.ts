import { isBlbError } from './blb-error.js';
import { catalog, fillMessage, type BlbErrorCode } from './catalog.js';
import { normalizeError } from './normalize.js';
import { BCE_REQUEST_ID_HEADER, generateRequestId, isValidRequestId } from './request-id.js';

/**
 * The JSON body of a BCE error response: exactly these three keys, all non-empty strings. The Go
 * SDK decodes keys case-insensitively, so no look-alike key (`statusCode`, `Code`) may join them.
 *
 * @example
 * ```ts
 * const body: BceErrorBody = { requestId: 'r-1', code: 'NoSuchKey', message: 'The resource you requested does not exist' };
 * ```
 */
export interface BceErrorBody {
  readonly requestId: string;
  readonly code: BlbErrorCode;
  readonly message: string;
}

/**
 * Everything an adapter writes for an error: plain data, no framework types.
 *
 * @example
 * ```ts
 * const { status, headers, body } = toBceResponse(err, requestId);
 * res.writeHead(status, headers).end(JSON.stringify(body));
 * ```
 */
export interface BceErrorResponse {
  /** The wire status: a catalog error's own, or a foreign error's 4xx/5xx (see the README). */
  readonly status: number;
  /** `content-type`, the request id header, then whatever the error may add. Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: BceErrorBody;
}

/**
 * Options of `toBceResponse`.
 *
 * @example
 * ```ts
 * toBceResponse(err, id, { requestIdHeader: 'x-request-id' });
 * ```
 */
export interface BceResponseOptions {
  /** The header that carries the request id. Default `x-bce-request-id`. */
  readonly requestIdHeader?: string;
}

/**
 * The content type of every BCE error body. The JS SDK parses only `(application|text)/json`.
 *
 * @example
 * ```ts
 * res.setHeader('content-type', BCE_ERROR_CONTENT_TYPE);
 * ```
 */
export const BCE_ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';

// Headers an error must not set: they belong to the body we write or to the connection.
const reservedHeaders = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'trailer',
  BCE_REQUEST_ID_HEADER,
]);
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const unsafeHeaderValue = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * The BCE error response for anything thrown: status, headers and body. Total: never throws.
 * Foreign 5xx messages, stacks and request bodies never reach the body.
 *
 * @example
 * ```ts
 * toBceResponse(new BlbError('InstanceNotFound'), 'r-1');
 * // { status: 404, headers: { 'content-type': …, 'x-bce-request-id': 'r-1' },
 * //   body: { requestId: 'r-1', code: 'InstanceNotFound', message: 'The specified BLB instance does not exist.' } }
 * ```
 */
export function toBceResponse(
  thrown: unknown,
  requestId: string,
  options: BceResponseOptions = {},
): BceErrorResponse {
  const { error, status } = normalizeError(thrown);
  const id = isValidRequestId(requestId) ? requestId : generateRequestId();
  const idHeader = options.requestIdHeader?.toLowerCase() ?? BCE_REQUEST_ID_HEADER;
  // No prototype: an error's header named `__proto__` must stay a plain key.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  if (error.headers !== undefined) {
    for (const [name, value] of Object.entries(error.headers)) {
      const lower = name.toLowerCase();
      if (
        lower !== idHeader &&
        !reservedHeaders.has(lower) &&
        headerName.test(name) &&
        typeof value === 'string' &&
        !unsafeHeaderValue.test(value)
      ) {
        headers[lower] = value;
      }
    }
  }
  headers['content-type'] = BCE_ERROR_CONTENT_TYPE;
  headers[idHeader] = id;
  tagRequestId(thrown, id);
  // A message reassigned after construction (or from an older copy) may be empty or not a string.
  const message =
    typeof error.message === 'string' && error.message !== ''
      ? error.message
      : fillMessage(catalog[error.code].message);
  return { status, headers, body: { requestId: id, code: error.code, message } };
}

function tagRequestId(thrown: unknown, requestId: string): void {
  if (!isBlbError(thrown)) return;
  try {
    thrown.requestId = requestId;
  } catch {
    // A frozen error keeps its fields; the response does not depend on it.
  }
}
