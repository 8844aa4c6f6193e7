import fc from 'fast-check';
import createError from 'http-errors';
import { runInNewContext } from 'node:vm';
import { BlbError, catalog, isBlbErrorCode, toBceResponse, toBlbError } from '../src/index.js';

// Markers that must never reach a response body: a stack frame, a raw request body, the message
// of a foreign 5xx that did not say expose: true.
const STACK = 'Error: boom\n    at secretFrame (/srv/app/secret-file.js:13:37)';
const RAW_BODY = 'RAWBODY{"password":"hunter2"';
const INTERNAL = 'INTERNAL-DETAIL';

/**
 * Whether a thrown value may show its own message: it says `expose: true`, or it has a 4xx
 * status of its own (finalhandler's rule: `status`, then `statusCode`) and does not say
 * `expose: false`. A catalog `code` alone proves nothing about the message.
 */
function mayShowOwnMessage(thrown: unknown): boolean {
  try {
    const { expose, status, statusCode } = thrown as Record<string, unknown>;
    if (expose === true) return true;
    const own = [status, statusCode].find(
      (value) => Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599,
    ) as number | undefined;
    return own !== undefined && own < 500 && expose !== false;
  } catch {
    return false;
  }
}

const throwing = (): never => {
  throw new Error(INTERNAL);
};
const withStack = <T extends object>(value: T): T => {
  try {
    Object.defineProperty(value, 'stack', { value: STACK, configurable: true });
  } catch {
    // frozen or exotic: nothing to add
  }
  return value;
};

// No braces: a raw `{slot}` in the output can then only come from the catalog.
const text = fc
  .string({ maxLength: 40 })
  .filter((s) => !s.includes('RAWBODY') && !s.includes('/srv/') && !s.includes('{'));
const status = fc.oneof(
  fc.integer({ min: 400, max: 599 }),
  fc.constantFrom(0, 200, 302, 399, 600, 700, -1, 404.5, NaN, Infinity),
  fc.constantFrom('404', '500', null, undefined, true, {}),
);
const code = fc.oneof(
  fc.constantFrom(...Object.keys(catalog)),
  fc.constantFrom('constructor', '__proto__', 'toString', 'ENOENT', '', 'instancenotfound'),
  fc.anything(),
);
const expose = fc.constantFrom(undefined, true, false, 'true', 1);
const parserType = fc.constantFrom(
  'entity.parse.failed',
  'entity.too.large',
  'charset.unsupported',
  'encoding.unsupported',
  'request.aborted',
  'stream.not.readable',
  'parameters.too.many',
  'something.else',
);

const foreignError = fc
  .record(
    { status, statusCode: status, code, expose, message: text, headers: fc.anything() },
    { requiredKeys: [] },
  )
  .map(({ message, ...props }): unknown =>
    withStack(Object.assign(new Error(`${message ?? ''} ${INTERNAL}`), props)),
  );

const plainObject = fc
  .record({ status, code, expose, message: text }, { requiredKeys: [] })
  .map(({ message, ...props }): unknown => ({
    ...props,
    message: `${message ?? ''} ${INTERNAL}`,
    stack: STACK,
  }));

const httpError = fc
  .tuple(fc.integer({ min: 400, max: 599 }), text, fc.option(code, { nil: undefined }), expose)
  .map(([s, message, c, e]): unknown => {
    const props: Record<string, unknown> = { code: c };
    if (e !== undefined) props.expose = e;
    return withStack(createError(s, `${message} ${INTERNAL}`, props));
  });

const parserError = fc
  .tuple(fc.constantFrom(400, 403, 413, 415, 500), parserType)
  .map(([s, type]): unknown =>
    withStack(createError(s, `Unexpected token in JSON: ${RAW_BODY}`, { type, body: RAW_BODY })),
  );

const coBodyError = fc.constant(null).map((): unknown => {
  try {
    JSON.parse(RAW_BODY);
  } catch (error) {
    return withStack(Object.assign(error as Error, { status: 400, body: RAW_BODY }));
  }
  throw new Error('unreachable');
});

const hostile = fc.constantFrom<() => unknown>(
  () =>
    new Proxy(
      {},
      {
        get: throwing,
        getPrototypeOf: throwing,
        ownKeys: throwing,
        has: throwing,
        getOwnPropertyDescriptor: throwing,
      },
    ),
  () =>
    Object.defineProperties(
      {},
      {
        status: { get: throwing },
        message: { get: throwing },
        code: { get: throwing },
        headers: { get: throwing },
        toString: { get: throwing },
      },
    ),
  () => Object.defineProperty(createError(404, 'gone'), 'headers', { get: throwing }),
  () => {
    const circular: Record<string, unknown> = { status: 500, message: INTERNAL };
    circular.self = circular;
    circular.cause = circular;
    return circular;
  },
  () => Object.freeze(withStack(createError(503, INTERNAL))),
  () => Object.assign(Object.create(null) as object, { status: 404, message: 'x' }),
  () => new AggregateError([new Error(INTERNAL)], INTERNAL),
  () => runInNewContext(`Object.assign(new Error("${INTERNAL}"), { status: 502 })`) as unknown,
  () =>
    runInNewContext(
      `Object.assign(new Error("x"), { status: 404, code: "InstanceNotFound" })`,
    ) as unknown,
  () => Symbol(INTERNAL),
  () => new BlbError('ListenerNotFound'),
  () => new BlbError('InvalidParameter', { params: { parameterName: 'port' } }),
);

const anything = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
  fc.bigInt(),
  fc.anything().map((value) => Object.freeze(value)),
);

// Boxed: fast-check inspects the values it makes, and the hostile ones throw when inspected.
const throwable = fc
  .oneof(
    foreignError.map((thrown) => () => thrown),
    plainObject.map((thrown) => () => thrown),
    httpError.map((thrown) => () => thrown),
    parserError.map((thrown) => () => thrown),
    coBodyError.map((thrown) => () => thrown),
    hostile,
    anything.map((thrown) => () => thrown),
  )
  .map((make) => ({ thrown: make() }));

/** The first wire rule a response breaks, or undefined. Plain checks: this runs 10,000 times. */
function brokenRule(thrown: unknown): string | undefined {
  toBlbError(thrown);
  const { status, headers, body } = toBceResponse(thrown, 'fuzz-1');
  const json = JSON.stringify(body);
  const keys = Object.keys(body).sort().join(',');
  if (!Number.isInteger(status) || status < 400 || status > 599) return `status ${status}`;
  if (keys !== 'code,message,requestId') return `keys ${keys}`;
  if (body.requestId !== 'fuzz-1' || headers['x-bce-request-id'] !== 'fuzz-1') return 'request id';
  if (!isBlbErrorCode(body.code)) return `code ${String(body.code)}`;
  if (typeof body.message !== 'string' || body.message === '') return 'empty message';
  if (/\{\w+\}/.test(body.message)) return `raw slot in ${body.message}`;
  if (json.includes('secretFrame') || json.includes('/srv/app')) return `stack in ${json}`;
  if (json.includes('RAWBODY')) return `raw body in ${json}`;
  if (json.includes(INTERNAL) && !mayShowOwnMessage(thrown)) return `internal message in ${json}`;
  return undefined;
}

describe('toBceResponse and toBlbError on arbitrary thrown values', () => {
  it('are total and keep every wire rule (10,000 generated throwables)', () => {
    let checked = 0;
    fc.assert(
      fc.property(throwable, ({ thrown }) => {
        checked += 1;
        expect(brokenRule(thrown)).toBeUndefined();
      }),
      { numRuns: 10_000 },
    );
    expect(checked).toBeGreaterThanOrEqual(10_000);
  });
});
