import createError from 'http-errors';
import { runInNewContext } from 'node:vm';
import { BlbError, catalog, normalizeError, toBlbError, type BlbErrorCode } from '../src/index.js';

const rawBody = '{"secret":"hunter2",';

describe('toBlbError / normalizeError: catalog errors', () => {
  it('returns a BlbError itself, with its catalog status', () => {
    const error = new BlbError('ListenerNotFound');
    expect(normalizeError(error)).toEqual({ error, status: 404 });
    expect(toBlbError(error)).toBe(error);
  });

  it('gives a foreign error with a catalog code that code and the catalog status', () => {
    const thrown = createError(400, 'lb-1 is gone', { code: 'InstanceNotFound' });
    const { error, status } = normalizeError(thrown);
    expect(status).toBe(404);
    expect(error.code).toBe('InstanceNotFound');
    expect(error.message).toBe('lb-1 is gone');
    expect(error.cause).toBe(thrown);
  });

  it('masks the message of a foreign error whose catalog code is a 5xx', () => {
    const { error, status } = normalizeError({
      code: 'InternalError',
      message: 'pg: bad password',
    });
    expect(status).toBe(500);
    expect(error.message).toBe(catalog.InternalError.message);
  });

  it('masks the message of a foreign catalog-coded error with no 4xx status of its own', () => {
    const noStatus = Object.assign(new Error('pg 10.0.0.7: role app denied'), {
      code: 'AccessDenied',
    });
    expect(normalizeError(noStatus)).toMatchObject({ status: 403 });
    expect(toBlbError(noStatus).message).toBe(catalog.AccessDenied.message);
    const serverStatus = { code: 'NoSuchKey', statusCode: 500, message: 'bucket db-backups' };
    expect(normalizeError(serverStatus)).toMatchObject({ status: 404 });
    expect(toBlbError(serverStatus).message).toBe(catalog.NoSuchKey.message);
    const exposed = { code: 'AccessDenied', expose: true, message: 'Key ak-1 is disabled.' };
    expect(toBlbError(exposed).message).toBe('Key ak-1 is disabled.');
  });

  it('fills the slots of a foreign catalog code that brings no message', () => {
    expect(toBlbError({ code: 'MissingParameter', status: 400 }).message).toBe(
      "A required parameter 'parameterName' is not supplied.",
    );
  });

  it('ignores a code that is only an inherited key of the catalog', () => {
    expect(normalizeError(createError(409, 'x', { code: 'constructor' })).error.code).toBe(
      'InvalidHTTPRequest',
    );
  });
});

describe('foreign errors by status', () => {
  const byStatus: [number, BlbErrorCode][] = [
    [400, 'InvalidHTTPRequest'],
    [401, 'AccessDenied'],
    [403, 'AccessDenied'],
    [404, 'NoSuchKey'],
    [405, 'InvalidHTTPRequest'],
    [409, 'InvalidHTTPRequest'],
    [412, 'PreconditionFailed'],
    [413, 'InvalidHTTPRequest'],
    [415, 'InvalidHTTPRequest'],
    [429, 'InvalidHTTPRequest'],
    [500, 'InternalError'],
    [502, 'InternalError'],
    [503, 'InternalError'],
    [599, 'InternalError'],
  ];

  it.each(byStatus)('an http-errors %i answers %i with %s', (status, code) => {
    const { error, status: wire } = normalizeError(createError(status));
    expect(wire).toBe(status);
    expect(error.code).toBe(code);
  });

  // DESIGN §4, spelled out again: 401/403/404/412 by name, other 4xx and every 5xx by class.
  const named: Readonly<Record<number, BlbErrorCode>> = {
    401: 'AccessDenied',
    403: 'AccessDenied',
    404: 'NoSuchKey',
    412: 'PreconditionFailed',
  };
  const everyStatus = Array.from({ length: 200 }, (_, i) => 400 + i);
  it('answers http-errors of every status 400-599 with that status and its code', () => {
    for (const status of everyStatus) {
      const expected = named[status] ?? (status >= 500 ? 'InternalError' : 'InvalidHTTPRequest');
      const { error, status: wire } = normalizeError(createError(status));
      expect({ status, wire, code: error.code }).toEqual({ status, wire: status, code: expected });
    }
  });

  it('reads status, then statusCode, only as an integer in 400-599', () => {
    expect(normalizeError({ statusCode: 404 }).status).toBe(404);
    expect(normalizeError({ status: 302, statusCode: 409 }).status).toBe(409);
    for (const status of [302, 700, '404', 404.5, NaN, -1, null]) {
      expect(normalizeError({ status, message: 'nope' })).toMatchObject({ status: 500 });
    }
  });

  it('shows a 4xx message unless expose is false', () => {
    expect(toBlbError(createError(409, 'name taken')).message).toBe('name taken');
    expect(toBlbError({ status: 404, message: 'no lb-1' }).message).toBe('no lb-1');
    expect(toBlbError(createError(403, 'internal acl 7', { expose: false })).message).toBe(
      catalog.AccessDenied.message,
    );
  });

  it('masks a 5xx message unless expose is true', () => {
    expect(toBlbError(createError(503, 'redis at 10.0.0.7 refused')).message).toBe(
      catalog.InternalError.message,
    );
    expect(toBlbError(createError(503, 'Try later', { expose: true })).message).toBe('Try later');
  });

  it('uses the catalog message when the own message is empty or not a string', () => {
    expect(toBlbError(createError(404, '')).message).toBe(catalog.NoSuchKey.message);
    expect(toBlbError({ status: 400, message: 42 }).message).toBe(
      catalog.InvalidHTTPRequest.message,
    );
  });

  it('keeps string and number headers of an error with a status', () => {
    const error = toBlbError(createError(429, 'slow down', { headers: { 'Retry-After': 3 } }));
    expect(error.headers).toEqual({ 'Retry-After': '3' });
    expect(toBlbError({ headers: { 'Retry-After': '3' } }).headers).toBeUndefined();
  });
});

describe('parser errors', () => {
  const parserCases: [string, number, BlbErrorCode][] = [
    ['entity.parse.failed', 400, 'MalformedJSON'],
    ['entity.too.large', 413, 'InvalidHTTPRequest'],
    ['charset.unsupported', 415, 'InvalidHTTPRequest'],
    ['encoding.unsupported', 415, 'InvalidHTTPRequest'],
    ['request.aborted', 400, 'InvalidHTTPRequest'],
    ['request.size.invalid', 400, 'InvalidHTTPRequest'],
    ['parameters.too.many', 413, 'InvalidHTTPRequest'],
    ['entity.verify.failed', 403, 'InvalidHTTPRequest'],
  ];

  it.each(parserCases)(
    'body-parser %s (%i) answers %s with the catalog message',
    (type, status, code) => {
      const thrown = createError(status, `Unexpected token in ${rawBody}`, { type, body: rawBody });
      const { error, status: wire } = normalizeError(thrown);
      expect(wire).toBe(status);
      expect(error.code).toBe(code);
      expect(error.message).toBe(catalog[code].message);
    },
  );

  it('gives a parser type with a 5xx status (a server bug) InternalError', () => {
    const thrown = createError(500, 'stream is not readable', { type: 'stream.not.readable' });
    expect(normalizeError(thrown)).toMatchObject({ status: 500, error: { code: 'InternalError' } });
  });

  it("answers co-body's JSON failure (a SyntaxError with status 400) MalformedJSON", () => {
    let thrown: unknown;
    try {
      JSON.parse(rawBody);
    } catch (error) {
      thrown = Object.assign(error as Error, { status: 400, body: rawBody });
    }
    const { error, status } = normalizeError(thrown);
    expect(status).toBe(400);
    expect(error.code).toBe('MalformedJSON');
    expect(error.message).toBe(catalog.MalformedJSON.message);
  });

  it('answers a 4xx SyntaxError without a request body by its status, never with its message', () => {
    let thrown: unknown;
    try {
      JSON.parse('{"token": "secret-token-hunter2", oops');
    } catch (error) {
      // A route that parsed a header or a query value itself and flagged the failure as a 422.
      thrown = Object.assign(error as Error, { status: 422 });
    }
    const { error, status } = normalizeError(thrown);
    expect(status).toBe(422);
    expect(error.code).toBe('InvalidHTTPRequest');
    expect(error.message).toBe(catalog.InvalidHTTPRequest.message);
  });

  it('answers a SyntaxError without status (a bug in a handler) InternalError', () => {
    expect(normalizeError(new SyntaxError('Unexpected token'))).toMatchObject({
      status: 500,
      error: { code: 'InternalError', message: catalog.InternalError.message },
    });
  });
});

describe('values that are not http errors', () => {
  const internal = { status: 500, error: { code: 'InternalError' } };

  it.each([
    ['a plain Error', new Error('ENOENT /etc/app/secret.json')],
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 404],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
    ['a function', () => 1],
    ['an AggregateError', new AggregateError([createError(404)], 'many')],
    ['a cross-realm Error', runInNewContext('new Error("other realm")') as unknown],
  ])('answers %s with a masked 500', (_name, thrown) => {
    const result = normalizeError(thrown);
    expect(result).toMatchObject(internal);
    expect(result.error.message).toBe(catalog.InternalError.message);
  });

  it('reads a cross-realm http error like a local one', () => {
    const thrown = runInNewContext(
      'Object.assign(new Error("no such lb"), { status: 404, expose: true })',
    ) as unknown;
    expect(normalizeError(thrown)).toMatchObject({
      status: 404,
      error: { code: 'NoSuchKey', message: 'no such lb' },
    });
  });

  it('survives a Proxy that throws on every trap', () => {
    const thrower = (): never => {
      throw new Error('trap');
    };
    const hostile = new Proxy(
      {},
      { get: thrower, getPrototypeOf: thrower, ownKeys: thrower, has: thrower },
    );
    expect(normalizeError(hostile)).toMatchObject(internal);
  });

  it('uses what it can read when one getter throws', () => {
    const thrown = {
      status: 404,
      get message(): string {
        throw new Error('getter');
      },
    };
    expect(normalizeError(thrown)).toMatchObject({
      status: 404,
      error: { code: 'NoSuchKey', message: catalog.NoSuchKey.message },
    });
  });
});

describe('errors that carry the raw request body', () => {
  it('never show their message, whatever their type', () => {
    const thrown = createError(400, `Unexpected token in ${rawBody}`, {
      type: 'custom.parser',
      body: rawBody,
    });
    expect(toBlbError(thrown).message).toBe(catalog.InvalidHTTPRequest.message);
  });
});
