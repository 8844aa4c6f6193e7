import createError from 'http-errors';
import { runInNewContext } from 'node:vm';
import { BlbError, catalog, type BlbErrorCode } from '../../src/index.js';

/** What a case must answer with: status and code, and the message when it is fixed. */
export interface Expected {
  readonly status: number;
  readonly code: BlbErrorCode;
  readonly message?: string;
}

export interface ThrowableCase {
  readonly name: string;
  readonly make: () => unknown;
  readonly expected: Expected;
  /** null and undefined: Express takes a synchronous `throw null` for `next()`. */
  readonly falsy?: boolean;
}

const codes = Object.keys(catalog) as BlbErrorCode[];
const anyCode = BlbError as unknown as new (code: BlbErrorCode) => BlbError;
const internal: Expected = {
  status: 500,
  code: 'InternalError',
  message: catalog.InternalError.message,
};
const thrower = (): never => {
  throw new Error('trap');
};

/** Every catalog code as a BlbError: the catalog status and the filled catalog message. */
export const catalogCases: ThrowableCase[] = codes.map((code) => ({
  name: `BlbError-${code}`,
  make: () => new anyCode(code),
  expected: { status: catalog[code].status, code, message: new anyCode(code).message },
}));

const httpErrorCodes: [number, BlbErrorCode][] = [
  [400, 'InvalidHTTPRequest'],
  [401, 'AccessDenied'],
  [403, 'AccessDenied'],
  [404, 'NoSuchKey'],
  [405, 'InvalidHTTPRequest'],
  [412, 'PreconditionFailed'],
  [413, 'InvalidHTTPRequest'],
  [415, 'InvalidHTTPRequest'],
  [429, 'InvalidHTTPRequest'],
  [500, 'InternalError'],
  [502, 'InternalError'],
  [503, 'InternalError'],
];

/** http-errors by status: 4xx keep their message, 5xx are masked. */
export const httpErrorCases: ThrowableCase[] = [
  ...httpErrorCodes.map(([status, code]) => ({
    name: `http-errors-${status}`,
    make: () => createError(status, `detail of ${status} at db-7`),
    expected: {
      status,
      code,
      message: status < 500 ? `detail of ${status} at db-7` : catalog.InternalError.message,
    },
  })),
  {
    name: 'http-errors-with-catalog-code',
    make: () => createError(400, 'lb-9 is gone', { code: 'InstanceNotFound' }),
    expected: { status: 404, code: 'InstanceNotFound', message: 'lb-9 is gone' },
  },
];

/** The hostile throwables of the core fuzz suite: each answers a masked 500. */
export const hostileCases: ThrowableCase[] = [
  { name: 'null', make: () => null, expected: internal, falsy: true },
  { name: 'undefined', make: () => undefined, expected: internal, falsy: true },
  { name: 'string', make: () => 'db password is hunter2', expected: internal },
  { name: 'number', make: () => 42, expected: internal },
  { name: 'plain-error', make: () => new Error('ECONNREFUSED 10.0.0.7:5432'), expected: internal },
  {
    name: 'proxy',
    make: () => new Proxy({}, { get: thrower, getPrototypeOf: thrower, ownKeys: thrower }),
    expected: internal,
  },
  {
    name: 'throwing-getters',
    make: () =>
      Object.defineProperties(new Error('x'), {
        status: { get: thrower },
        message: { get: thrower },
        headers: { get: thrower },
      }),
    expected: internal,
  },
  {
    name: 'cross-realm',
    make: () => runInNewContext('new TypeError("secret from another realm")') as unknown,
    expected: internal,
  },
  {
    name: 'status-302',
    make: () => Object.assign(new Error('x'), { status: 302 }),
    expected: internal,
  },
  {
    name: 'status-700',
    make: () => Object.assign(new Error('x'), { status: 700 }),
    expected: internal,
  },
  {
    name: 'status-string-404',
    make: () => Object.assign(new Error('x'), { status: '404' }),
    expected: internal,
  },
];

export const allCases: ThrowableCase[] = [...catalogCases, ...httpErrorCases, ...hostileCases];
export const casesByName = new Map(allCases.map((c) => [c.name, c]));

/** A BlbError that asks for extra headers, including ones it must not be able to set. */
export const retryError = (): BlbError =>
  new BlbError('LastOperationNotFinished', {
    headers: {
      'Retry-After': '7',
      'Content-Type': 'text/html',
      'X-BCE-Request-Id': 'forged-id',
    },
  });
