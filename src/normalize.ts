import { BlbError, isBlbError } from './blb-error.js';
import { catalog, isBlbErrorCode, type BlbErrorCode } from './catalog.js';

/**
 * What a thrown value means on the wire: the catalog error it is, and the status to answer with.
 * For a foreign error the status is its own (an http-errors 401 answers 401 `AccessDenied`), so
 * it is not always `error.status`.
 *
 * @example
 * ```ts
 * const { error, status }: NormalizedError = normalizeError(createError(401)); // AccessDenied, 401
 * ```
 */
export interface NormalizedError {
  readonly error: BlbError;
  readonly status: number;
}

// Typed constructors demand `params` for slot codes; a code known only at run time cannot prove
// that, and a missing slot is filled with its name anyway.
const createBlbError = BlbError as unknown as new (
  code: BlbErrorCode,
  options: ForeignOptions,
) => BlbError;

// The stack that matters is the thrown value's own, kept as `cause`; one of this file's is noise.
interface ForeignOptions {
  message?: string;
  cause: unknown;
  headers?: Readonly<Record<string, string>>;
  captureStack: false;
}

// body-parser's and raw-body's `type` values (co-body and raw-body share them).
const parserErrorCodes: Readonly<Record<string, BlbErrorCode>> = {
  'entity.parse.failed': 'MalformedJSON',
  'entity.too.large': 'InvalidHTTPRequest',
  'entity.verify.failed': 'InvalidHTTPRequest',
  'charset.unsupported': 'InvalidHTTPRequest',
  'encoding.unsupported': 'InvalidHTTPRequest',
  'request.aborted': 'InvalidHTTPRequest',
  'request.size.invalid': 'InvalidHTTPRequest',
  'parameters.too.many': 'InvalidHTTPRequest',
};

/**
 * The catalog error for anything thrown. Total: never throws, whatever it is given. A foreign
 * error becomes a new `BlbError` with the original as its `cause`.
 *
 * @example
 * ```ts
 * toBlbError(createError(404, 'gone', { code: 'InstanceNotFound' })).code; // 'InstanceNotFound'
 * toBlbError(null).code; // 'InternalError'
 * ```
 */
export function toBlbError(thrown: unknown): BlbError {
  return normalizeError(thrown).error;
}

/**
 * The catalog error for anything thrown together with its wire status. Total.
 *
 * @example
 * ```ts
 * normalizeError(createError(401)); // { error: BlbError<'AccessDenied'>, status: 401 }
 * ```
 */
export function normalizeError(thrown: unknown): NormalizedError {
  try {
    if (isBlbError(thrown)) return { error: thrown, status: catalog[thrown.code].status };
    return normalizeForeign(thrown);
  } catch {
    // Proxies and hostile getters can throw anywhere; the answer is still a clean 500.
    return {
      error: new createBlbError('InternalError', { cause: thrown, captureStack: false }),
      status: 500,
    };
  }
}

function normalizeForeign(thrown: unknown): NormalizedError {
  if (typeof thrown !== 'object' || thrown === null) {
    return {
      error: new createBlbError('InternalError', { cause: thrown, captureStack: false }),
      status: 500,
    };
  }
  const status = httpStatusOf(thrown);
  const ownCode = read(thrown, 'code');
  const parserCode = status !== undefined && status < 500 ? parserCodeOf(thrown) : undefined;

  let code: BlbErrorCode;
  let wireStatus: number;
  if (isBlbErrorCode(ownCode)) {
    code = ownCode;
    wireStatus = catalog[ownCode].status;
  } else if (status === undefined) {
    code = 'InternalError';
    wireStatus = 500;
  } else {
    code = parserCode ?? codeForStatus(status);
    wireStatus = status;
  }

  const options: ForeignOptions = { cause: thrown, captureStack: false };
  const message = parserCode === undefined ? publicMessageOf(thrown, status) : undefined;
  if (message !== undefined) options.message = message;
  const headers = status === undefined ? undefined : headersOf(thrown);
  if (headers !== undefined) options.headers = headers;
  return { error: new createBlbError(code, options), status: wireStatus };
}

/** finalhandler's rule: `status`, then `statusCode`, when an integer in 400–599. */
function httpStatusOf(thrown: object): number | undefined {
  for (const key of ['status', 'statusCode']) {
    const value = read(thrown, key);
    if (Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599) {
      return value as number;
    }
  }
  return undefined;
}

function parserCodeOf(thrown: object): BlbErrorCode | undefined {
  const type = read(thrown, 'type');
  if (typeof type === 'string' && Object.hasOwn(parserErrorCodes, type)) {
    return parserErrorCodes[type];
  }
  // co-body's JSON failure carries no `type`: a SyntaxError with a 4xx status and the raw text.
  return read(thrown, 'name') === 'SyntaxError' && read(thrown, 'body') !== undefined
    ? 'MalformedJSON'
    : undefined;
}

function codeForStatus(status: number): BlbErrorCode {
  if (status >= 500) return 'InternalError';
  if (status === 401 || status === 403) return 'AccessDenied';
  if (status === 404) return 'NoSuchKey';
  if (status === 412) return 'PreconditionFailed';
  return 'InvalidHTTPRequest';
}

/**
 * http-errors' `expose` is the whole policy: 4xx show unless hidden, 5xx hide unless shown. The
 * error's own status decides, not the wire's: `Object.assign(new Error('pg 10.0.0.7 refused'),
 * { code: 'AccessDenied' })` answers 403, but nothing about it says its message is public.
 */
function publicMessageOf(thrown: object, ownStatus: number | undefined): string | undefined {
  // Parsers attach the raw request body as `body`, and their messages quote it; so do the
  // messages of JSON.parse's SyntaxError, body or not.
  if (read(thrown, 'body') !== undefined || read(thrown, 'name') === 'SyntaxError')
    return undefined;
  const expose = read(thrown, 'expose');
  const clientError = ownStatus !== undefined && ownStatus < 500;
  if (clientError ? expose === false : expose !== true) return undefined;
  const message = read(thrown, 'message');
  return typeof message === 'string' && message !== '' ? message : undefined;
}

function headersOf(thrown: object): Readonly<Record<string, string>> | undefined {
  const headers = read(thrown, 'headers');
  if (typeof headers !== 'object' || headers === null) return undefined;
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' || typeof value === 'number') copy[name] = String(value);
  }
  return copy;
}

function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    // A throwing getter hides one property; the rest of the error still counts.
    return undefined;
  }
}

/**
 * The thrown value itself when it is an Error (from any realm), otherwise its `BlbError` (with the
 * value as `cause`). For event emitters and loggers that need an Error: Koa's default error
 * listener throws on anything else.
 *
 * @example
 * ```ts
 * app.emit('error', asError(thrown), ctx);
 * ```
 */
export function asError(thrown: unknown): Error {
  try {
    // instanceof fails across realms (vm, jest); the tag does not.
    if (thrown instanceof Error || Object.prototype.toString.call(thrown) === '[object Error]') {
      return thrown as Error;
    }
  } catch {
    // A Proxy's traps may throw here: it is no Error we can hand on.
  }
  return toBlbError(thrown);
}
