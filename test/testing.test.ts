import '../src/testing/jest.js';
import express5 from 'express5';
import koa3 from 'koa3';
import type { Server } from 'node:http';
import request from 'supertest';
import { blbErrorHandler } from '../adapters/express/index.js';
import { BlbError } from '../src/index.js';
import {
  blbMatchers,
  parseBceError,
  parseBceErrorResponse,
  type BceErrorRule,
  type ResponseLike,
} from '../src/testing/index.js';
import { close, listen } from './conformance.js';
import { asListener as expressListener, createExpressApp } from './support/express-app.js';
import { asListener as koaListener, createKoaApp } from './support/koa-app.js';

const quiet = { onError: () => undefined };
const json = 'application/json; charset=utf-8';
const good = {
  status: 404,
  headers: { 'content-type': json, 'x-bce-request-id': 'r-1' },
  body: {
    requestId: 'r-1',
    code: 'InstanceNotFound',
    message: 'The specified BLB instance does not exist.',
  },
};

describe.each([
  ['express@5', () => expressListener(createExpressApp(express5, quiet))],
  ['koa@3', () => koaListener(createKoaApp(koa3, quiet))],
])('toBeBceError against a real %s app', (_name, createListener) => {
  let server: Server;
  beforeAll(async () => {
    server = await listen(createListener());
  });
  afterAll(async () => {
    await close(server);
  });

  it('accepts a catalog error with its code, status, message and request id', async () => {
    const res = await request(server)
      .get('/throw/sync/BlbError-InstanceNotFound')
      .set('x-bce-request-id', 'mine-1');
    expect(res).toBeBceError('InstanceNotFound');
    expect(res).toBeBceError('InstanceNotFound', {
      status: 404,
      message: /BLB instance/,
      requestId: 'mine-1',
    });
    expect(res).toBeBceError();
    expect(res).not.toBeBceError('ListenerNotFound');
  });

  it('accepts MissingParameter naming the parameter', async () => {
    const res = await request(server).get('/throw/sync/BlbError-MissingParameter');
    expect(res).toBeBceError('MissingParameter', { status: 400, message: /parameterName/ });
  });

  it('rejects a success of the same app', async () => {
    expect(await request(server).get('/ok')).not.toBeBceError();
  });

  it('reads a fetch Response asynchronously', async () => {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/throw/sync/BlbError-QuotaExceeded`);
    const result = await parseBceErrorResponse(res);
    expect(result).toMatchObject({ ok: true, error: { status: 413, code: 'QuotaExceeded' } });
    const again = await fetch(`http://127.0.0.1:${port}/throw/sync/BlbError-QuotaExceeded`);
    await expect(again).toBeBceError('QuotaExceeded');
    const success = await fetch(`http://127.0.0.1:${port}/ok`);
    await expect(expect(success).toBeBceError()).rejects.toThrow(
      /rule failed: status:[^]*\n {2}body: \{"ok":true\}$/,
    );
  });

  it('refuses a fetch Response in the synchronous parseBceError, naming the async one', async () => {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/throw/sync/BlbError-QuotaExceeded`);
    // @ts-expect-error a fetch Response's body is read asynchronously: use parseBceErrorResponse
    expect(() => parseBceError(res)).toThrow(
      /fetch Response.*await parseBceErrorResponse\(response\)/,
    );
    // The body was left unread, so the async variant still gets it.
    expect(await parseBceErrorResponse(res)).toMatchObject({ ok: true });
  });
});

/** The body text a case puts on the wire. */
function bodyText(response: ResponseLike): string {
  return typeof response.text === 'string' ? response.text : JSON.stringify(response.body);
}

/** Runs the matcher directly and returns its verdict and failure message. */
function verdict(
  received: unknown,
  code?: string,
  expected: Parameters<typeof blbMatchers.toBeBceError>[2] = {},
): { pass: boolean; message: string } {
  const result = blbMatchers.toBeBceError.call({}, received, code, expected);
  if (result instanceof Promise) throw new Error('unexpected async verdict');
  return { pass: result.pass, message: result.message() };
}

describe('toBeBceError failures say which rule failed and show what was received', () => {
  const cases: [string, ResponseLike, BceErrorRule, RegExp][] = [
    ['a 200', { ...good, status: 200 }, 'status', /status 200 is not an error status/],
    [
      'a 404 HTML page',
      { status: 404, headers: { 'content-type': 'text/html' }, text: '<h1>Not Found</h1>' },
      'content-type',
      /"text\/html"/,
    ],
    [
      'application/problem+json',
      { ...good, headers: { ...good.headers, 'content-type': 'application/problem+json' } },
      'content-type',
      /problem\+json/,
    ],
    [
      'a body that is not JSON',
      { status: 500, headers: { 'content-type': json }, text: 'oops' },
      'json',
      /not a JSON object/,
    ],
    [
      'a missing requestId',
      { ...good, body: { code: 'InstanceNotFound', message: 'x' } },
      'missing-key',
      /"requestId" is missing/,
    ],
    [
      'an empty message',
      { ...good, body: { ...good.body, message: '' } },
      'missing-key',
      /"message"/,
    ],
    [
      'statusCode in the body',
      { ...good, body: { ...good.body, statusCode: 200 } },
      'look-alike-key',
      /"statusCode"/,
    ],
    [
      'a header/body request id mismatch',
      { ...good, headers: { ...good.headers, 'x-bce-request-id': 'other' } },
      'request-id-header',
      /is "other", body requestId is "r-1"/,
    ],
    [
      'a missing request id header',
      { ...good, headers: { 'content-type': json } },
      'request-id-header',
      /is missing/,
    ],
    [
      'a code outside the catalog',
      { ...good, body: { ...good.body, code: 'NotFound' } },
      'unknown-code',
      /"NotFound" is not in the BCE catalog/,
    ],
  ];

  it.each(cases)('rejects %s', (_name, response, rule, reason) => {
    const parsed = parseBceError(response);
    expect(parsed).toMatchObject({ ok: false, rule });
    const { pass, message } = verdict(response, 'InstanceNotFound');
    expect(pass).toBe(false);
    expect(message).toContain(`rule failed: ${rule}`);
    expect(message).toMatch(reason);
    expect(message).toContain(`received status ${String(response.status)}`);
    expect(message).toContain('content-type:');
    expect(message).toContain(`body: ${bodyText(response)}`);
  });

  it.each(cases)(
    'rejects %s read from a fetch Response, showing its body',
    async (_name, response, rule, reason) => {
      const text = bodyText(response);
      const fetched = new Response(text, {
        status: response.status,
        headers: response.headers as Record<string, string>,
      });
      const result = await blbMatchers.toBeBceError.call({}, fetched, 'InstanceNotFound');
      const message = result.message();
      expect(result.pass).toBe(false);
      expect(message).toContain(`rule failed: ${rule}`);
      expect(message).toMatch(reason);
      expect(message).toContain(`received status ${String(response.status)}`);
      expect(message).toContain(`body: ${text}`);
    },
  );

  it('rejects a wrong code', () => {
    const { pass, message } = verdict(good, 'ListenerNotFound');
    expect(pass).toBe(false);
    expect(message).toContain('code is "InstanceNotFound", expected "ListenerNotFound"');
  });

  it('rejects a wrong status', () => {
    const { pass, message } = verdict(good, 'InstanceNotFound', { status: 400 });
    expect(pass).toBe(false);
    expect(message).toContain('status is 404, expected 400');
  });

  it('rejects a wrong message and a wrong request id', () => {
    expect(verdict(good, 'InstanceNotFound', { message: /listener/ }).message).toContain(
      'message is "The specified BLB instance does not exist.", expected /listener/',
    );
    expect(verdict(good, 'InstanceNotFound', { requestId: 'r-2' }).message).toContain(
      'requestId is "r-1", expected "r-2"',
    );
  });

  it('accepts custom codes only when asked to', () => {
    const custom = { ...good, body: { ...good.body, code: 'GatewayTimeoutX' } };
    expect(verdict(custom, 'GatewayTimeoutX').pass).toBe(false);
    expect(verdict(custom, 'GatewayTimeoutX', { allowCustomCodes: true }).pass).toBe(true);
    expect(custom).toBeBceError('GatewayTimeoutX', { allowCustomCodes: true });
  });

  it('explains a passing response under .not', () => {
    const result = blbMatchers.toBeBceError.call({ isNot: true }, good, 'InstanceNotFound');
    expect(result).toMatchObject({ pass: true });
    expect((result as { message: () => string }).message()).toContain(
      'expected the response not to be a BCE error InstanceNotFound',
    );
    expect(() => {
      expect(good).not.toBeBceError('InstanceNotFound');
    }).toThrow(/not to be a BCE error InstanceNotFound/);
  });

  it('reads a plain { status, headers, body } with a string or Buffer body and any header case', () => {
    const headers = { 'Content-Type': json, 'X-Bce-Request-Id': 'r-1' };
    expect(parseBceError({ status: 404, headers, body: JSON.stringify(good.body) }).ok).toBe(true);
    expect(
      parseBceError({ status: 404, headers, body: Buffer.from(JSON.stringify(good.body)) }).ok,
    ).toBe(true);
    expect(parseBceError(good)).toEqual({
      ok: true,
      error: {
        status: 404,
        code: 'InstanceNotFound',
        message: good.body.message,
        requestId: 'r-1',
      },
    });
  });

  it('type-checks the code argument against the catalog', () => {
    expect(() => {
      // @ts-expect-error a typo of a catalog code does not compile
      expect(good).toBeBceError('InstanceNotFund');
    }).toThrow();
  });
});

describe('a BlbError answered by blbErrorHandler', () => {
  it('passes parseBceError', async () => {
    const app = express5();
    app.get('/x', () => {
      throw new BlbError('InvalidParameter', { params: { parameterName: 'maxKeys' } });
    });
    app.use(blbErrorHandler());
    const result = parseBceError(await request(app).get('/x'));
    expect(result).toMatchObject({
      ok: true,
      error: {
        status: 400,
        code: 'InvalidParameter',
        message: "The parameter 'maxKeys' is invalid.",
      },
    });
  });
});
