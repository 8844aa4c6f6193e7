import {
  catalog,
  fillMessage,
  isBlbErrorCode,
  type BlbErrorCode,
  type CatalogStatus,
  type MessageSlot,
} from './catalog.js';

// Symbol.for, not a module-local Symbol or instanceof: a CJS and an ESM copy of this package (or
// two installs of it) must still recognise each other's errors.
const brand = Symbol.for('blb-errors.BlbError');

/**
 * Options of `new BlbError(code, options)`. `params` fills the message's slots and is required
 * exactly for the codes whose message has some (`MissingParameter`, `InvalidParameter`,
 * `RequestExpired`).
 *
 * @example
 * ```ts
 * const options: BlbErrorOptions<'MissingParameter'> = { params: { parameterName: 'vpcId' } };
 * ```
 */
export type BlbErrorOptions<C extends BlbErrorCode> = {
  /** Replaces the catalog message. It is public: it goes out as the response's `message`. */
  readonly message?: string;
  readonly cause?: unknown;
  /** Extra response headers, e.g. `Retry-After`. They never replace `content-type` or the id. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Record where the error was made in `stack`. Default: for 5xx codes only. A 4xx is an answer
   * to the client, not a fault to debug, and capturing a stack costs more than the rest of its
   * response (bench/RESULTS.md); its `stack` is then just the name and message.
   */
  readonly captureStack?: boolean;
} & ([MessageSlot<C>] extends [never]
  ? { readonly params?: never }
  : { readonly params: Readonly<Record<MessageSlot<C>, string | number>> });

type BlbErrorArguments<C extends BlbErrorCode> = [MessageSlot<C>] extends [never]
  ? [options?: BlbErrorOptions<C>]
  : [options: BlbErrorOptions<C>];

/**
 * An error of the BCE catalog. Throw it from a route and the adapters answer with its status and
 * `{ requestId, code, message }`. It satisfies http-errors' duck type (`status`, `statusCode`,
 * `expose`), so Express's and Koa's own handlers treat it right even without this package's.
 *
 * @example
 * ```ts
 * throw new BlbError('InstanceNotFound');
 * throw new BlbError('MissingParameter', { params: { parameterName: 'vpcId' } });
 * ```
 */
export class BlbError<C extends BlbErrorCode = BlbErrorCode> extends Error {
  override readonly name = 'BlbError';
  readonly code: C;
  readonly status: CatalogStatus<C>;
  readonly statusCode: CatalogStatus<C>;
  /** Catalog messages are public by construction. */
  readonly expose = true;
  declare readonly headers?: Readonly<Record<string, string>>;
  /** The id of the response this error was sent in, once a handler has answered with it. */
  declare requestId?: string;

  constructor(code: C, ...[options]: BlbErrorArguments<C>) {
    // JavaScript callers get no compile-time check; a typo must not become a vague TypeError.
    if (!isBlbErrorCode(code)) throw new TypeError(`Not a BCE error code: ${String(code)}`);
    const entry = catalog[code];
    const custom = options?.message;
    const savedLimit = pauseStackCapture(options?.captureStack ?? entry.status >= 500);
    super(
      custom !== undefined && custom !== '' ? custom : fillMessage(entry.message, options?.params),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    resumeStackCapture(savedLimit);
    this.code = code;
    this.status = entry.status;
    this.statusCode = this.status;
    if (options?.headers !== undefined) this.headers = options.headers;
  }
}

Object.defineProperty(BlbError.prototype, brand, { value: true });

/** Turns V8's stack capture off for the next `Error` unless `capture`; returns what to restore. */
function pauseStackCapture(capture: boolean): number | undefined {
  if (capture) return undefined;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
  } catch {
    // Frozen intrinsics (SES lockdown): the stack is captured as usual.
    return undefined;
  }
  return limit;
}

function resumeStackCapture(limit: number | undefined): void {
  if (limit !== undefined) Error.stackTraceLimit = limit;
}

/**
 * Whether a value is a `BlbError` (of `code`, when given), from this copy of the package or any
 * other. Never throws, whatever it is given.
 *
 * @example
 * ```ts
 * if (isBlbError(err, 'InstanceNotFound')) return createInstance();
 * ```
 */
export function isBlbError<C extends BlbErrorCode = BlbErrorCode>(
  value: unknown,
  code?: C,
): value is BlbError<C> {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const own = (value as { code?: unknown }).code;
    return (
      (value as { [brand]?: unknown })[brand] === true &&
      isBlbErrorCode(own) &&
      (code === undefined || own === code)
    );
  } catch {
    // A Proxy or a throwing getter is not one of ours.
    return false;
  }
}
