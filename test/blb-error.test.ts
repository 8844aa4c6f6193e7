import createError from 'http-errors';
import { BlbError, catalog, isBlbError, type BlbErrorCode } from '../src/index.js';

const codes = Object.keys(catalog) as BlbErrorCode[];
const anyCode = BlbError as unknown as new (code: BlbErrorCode) => BlbError;

describe('BlbError', () => {
  it.each(codes)('%s carries its catalog status, code and filled message', (code) => {
    const error = new anyCode(code);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.status).toBe(catalog[code].status);
    expect(error.statusCode).toBe(catalog[code].status);
    expect(error.expose).toBe(true);
    expect(error.name).toBe('BlbError');
    expect(error.message).not.toMatch(/\{\w+\}/);
    expect(error.message).not.toBe('');
  });

  it.each(codes)('%s satisfies http-errors isHttpError', (code) => {
    expect(createError.isHttpError(new anyCode(code))).toBe(true);
  });

  it('fills message slots from params', () => {
    const error = new BlbError('MissingParameter', { params: { parameterName: 'vpcId' } });
    expect(error.message).toBe("A required parameter 'vpcId' is not supplied.");
    const expired = new BlbError('RequestExpired', {
      params: { timestamp: '2024-01-01T00:00:00Z' },
    });
    expect(expired.message).toBe('Request has expired. Timestamp date is 2024-01-01T00:00:00Z.');
  });

  it('takes a custom message, cause and headers', () => {
    const cause = new Error('db down');
    const error = new BlbError('LastOperationNotFinished', {
      message: 'Instance lb-1 is updating.',
      cause,
      headers: { 'Retry-After': '5' },
    });
    expect(error.message).toBe('Instance lb-1 is updating.');
    expect(error.cause).toBe(cause);
    expect(error.headers).toEqual({ 'Retry-After': '5' });
  });

  it('keeps the catalog message when the custom one is empty', () => {
    expect(new BlbError('InstanceNotFound', { message: '' }).message).toBe(
      catalog.InstanceNotFound.message,
    );
  });

  it('has no own cause or headers when none were given', () => {
    const error = new BlbError('InstanceNotFound');
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(Object.hasOwn(error, 'headers')).toBe(false);
  });
});

describe('BlbError stacks', () => {
  const clientCodes = codes.filter((code) => catalog[code].status < 500);
  const serverCodes = codes.filter((code) => catalog[code].status >= 500);
  const framesOf = (error: Error): string[] =>
    (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));

  it.each(clientCodes)('%s (4xx) captures no stack frames by default', (code) => {
    const error = new anyCode(code);
    expect(framesOf(error)).toEqual([]);
    expect(error.stack).toBe(`BlbError: ${error.message}`);
  });

  it.each(serverCodes)('%s (5xx) captures where it was made', (code) => {
    expect(framesOf(new anyCode(code)).join('\n')).toContain('blb-error.test.ts');
  });

  it('captures a 4xx stack when asked, and drops a 5xx one when asked', () => {
    const asked = new BlbError('InstanceNotFound', { captureStack: true });
    expect(framesOf(asked).join('\n')).toContain('blb-error.test.ts');
    expect(framesOf(new BlbError('InternalError', { captureStack: false }))).toEqual([]);
  });

  it("leaves V8's stack trace limit as it found it", () => {
    const before = Error.stackTraceLimit;
    new BlbError('AccessDenied');
    new BlbError('InternalError');
    expect(Error.stackTraceLimit).toBe(before);
    expect(framesOf(new Error('after')).length).toBeGreaterThan(0);
  });
});

describe('isBlbError', () => {
  it('recognises a BlbError and narrows by code', () => {
    const error: unknown = new BlbError('ListenerNotFound');
    expect(isBlbError(error)).toBe(true);
    expect(isBlbError(error, 'ListenerNotFound')).toBe(true);
    expect(isBlbError(error, 'InstanceNotFound')).toBe(false);
  });

  it('rejects look-alikes: http-errors, plain objects with a catalog code, primitives', () => {
    expect(isBlbError(createError(404, 'x', { code: 'InstanceNotFound' }))).toBe(false);
    expect(isBlbError({ code: 'InstanceNotFound', status: 404, expose: true })).toBe(false);
    expect(isBlbError(null)).toBe(false);
    expect(isBlbError('InstanceNotFound')).toBe(false);
  });

  it('recognises a copy from another module instance by its Symbol.for brand', () => {
    const brand = Symbol.for('blb-errors.BlbError');
    const clone: unknown = Object.assign(Object.create({ [brand]: true }) as object, {
      code: 'AccessDenied',
    });
    const brandedWithoutCode: unknown = Object.create({ [brand]: true });
    expect(isBlbError(clone, 'AccessDenied')).toBe(true);
    expect(isBlbError(brandedWithoutCode)).toBe(false);
  });

  it('never throws on a Proxy that throws on every trap', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(isBlbError(hostile)).toBe(false);
  });
});
