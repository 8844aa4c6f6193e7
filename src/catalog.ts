/**
 * One entry of the BCE error catalog: the HTTP status the service answers with and the public
 * message, verbatim from the official error page. `{name}` marks a slot filled per error.
 *
 * @example
 * ```ts
 * const entry: CatalogEntry = catalog.InstanceNotFound; // { status: 404, message: '…' }
 * ```
 */
export interface CatalogEntry {
  readonly status: number;
  readonly message: string;
}

/**
 * Every BCE global and BLB service error code from the official BLB "Error code" page, plus
 * `NoSuchKey` from that page's example body. The single source of truth for codes, statuses and
 * messages: types, adapters, the README table and the tests all derive from it.
 *
 * @example
 * ```ts
 * import { catalog } from 'blb-errors';
 * catalog.InstanceNotFound.status; // 404
 * ```
 */
export const catalog = {
  // BCE global error codes
  AccessDenied: { status: 403, message: 'Access denied.' },
  InappropriateJSON: {
    status: 400,
    message:
      'The JSON you provided was well-formed and valid, but not appropriate for this operation.',
  },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  InvalidAccessKeyId: {
    status: 403,
    message: 'The Access Key ID you provided does not exist in our records.',
  },
  InvalidHTTPAuthHeader: {
    status: 400,
    message:
      'The HTTP authorization header is invalid. Consult the service documentation for details.',
  },
  InvalidHTTPRequest: {
    status: 400,
    message: 'There was an error in the body of your HTTP request.',
  },
  InvalidURI: { status: 400, message: 'Could not parse the specified URI.' },
  MalformedJSON: { status: 400, message: 'The JSON you provided was not well-formed.' },
  InvalidVersion: { status: 404, message: 'The API version specified was invalid.' },
  OptInRequired: { status: 403, message: 'A subscription for the service is required.' },
  PreconditionFailed: {
    status: 412,
    message: "The specified If-Match header doesn't match the ETag header.",
  },
  RequestExpired: { status: 400, message: 'Request has expired. Timestamp date is {timestamp}.' },
  IdempotentParameterMismatch: {
    status: 403,
    message: 'The request uses the same client token as a previous, but non-identical request.',
  },
  SignatureDoesNotMatch: {
    status: 400,
    message:
      'The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.',
  },
  // BLB service error codes
  InstanceNotFound: { status: 404, message: 'The specified BLB instance does not exist.' },
  ListenerNotFound: { status: 404, message: 'The specified listener does not exist.' },
  BackendServerNotFound: { status: 404, message: 'The specified backend server does not exist.' },
  ListenerAlreadyExist: { status: 400, message: 'Listener already exists.' },
  BackendServerAlreadyExist: { status: 400, message: 'Backend server already exists.' },
  LastOperationNotFinished: { status: 409, message: 'Last operation has not finished.' },
  RealNameAuthenticationRequired: {
    status: 403,
    message: 'You need to pass real-name authentication.',
  },
  QuotaExceeded: { status: 413, message: 'You have exceeded current quota.' },
  ServerRequired: {
    status: 404,
    message: 'You must have at least one bcc, dcc or bbc to create BLB.',
  },
  ListenerExceeded: {
    status: 413,
    message: 'You can create at most 20 listeners per BLB instance.',
  },
  ServiceBlocked: {
    status: 403,
    message: 'Your BLB service is blocked, please contact technical support for assistance.',
  },
  InstanceCreationFailed: { status: 400, message: 'Fail to create blb instance.' },
  MissingParameter: {
    status: 400,
    message: "A required parameter '{parameterName}' is not supplied.",
  },
  InvalidParameter: { status: 400, message: "The parameter '{parameterName}' is invalid." },
  EipUnbindFailed: { status: 400, message: 'Fail to unbind EIP' },
  RedirectPortNotFound: { status: 404, message: 'The specified redirect port does not exist.' },
  CertificateNotFound: { status: 404, message: 'The specified certificate does not exist.' },
  // From the error page's example response body
  NoSuchKey: { status: 404, message: 'The resource you requested does not exist' },
} as const satisfies Record<string, CatalogEntry>;

/**
 * A code of the catalog, e.g. `'InstanceNotFound'`.
 *
 * @example
 * ```ts
 * const code: BlbErrorCode = 'MissingParameter';
 * ```
 */
export type BlbErrorCode = keyof typeof catalog;

/**
 * The catalog's HTTP status for a code, as a literal type (`CatalogStatus<'InstanceNotFound'>` is `404`).
 *
 * @example
 * ```ts
 * const status: CatalogStatus<'LastOperationNotFinished'> = 409;
 * ```
 */
export type CatalogStatus<C extends BlbErrorCode> = (typeof catalog)[C]['status'];

type SlotsOf<Message extends string> = Message extends `${string}{${infer Slot}}${infer Rest}`
  ? Slot | SlotsOf<Rest>
  : never;

/**
 * The named slots of a code's message: `'parameterName'` for `MissingParameter`, `never` for
 * codes whose message has none.
 *
 * @example
 * ```ts
 * const slot: MessageSlot<'RequestExpired'> = 'timestamp';
 * ```
 */
export type MessageSlot<C extends BlbErrorCode> = SlotsOf<(typeof catalog)[C]['message']>;

/**
 * Whether a foreign string is a catalog code. Own keys only: `'constructor' in catalog` is true.
 *
 * @example
 * ```ts
 * if (isBlbErrorCode(err.code)) res.status(catalog[err.code].status);
 * ```
 */
export function isBlbErrorCode(value: unknown): value is BlbErrorCode {
  return typeof value === 'string' && Object.hasOwn(catalog, value);
}

const slotPattern = /\{(\w+)\}/g;

/**
 * Fills a message's `{slot}`s from `params`. A slot without a usable value gets the slot's own
 * name, which is how the error page prints it, so a raw `{slot}` never reaches the wire.
 *
 * @example
 * ```ts
 * fillMessage(catalog.InvalidParameter.message, { parameterName: 'vpcId' });
 * // "The parameter 'vpcId' is invalid."
 * ```
 */
export function fillMessage(template: string, params?: Readonly<Record<string, unknown>>): string {
  if (!template.includes('{')) return template;
  return template.replace(slotPattern, (_match, slot: string) => {
    const value = params !== undefined && Object.hasOwn(params, slot) ? params[slot] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : slot;
  });
}
