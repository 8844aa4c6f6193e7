import { signBceRequest } from '../../src/auth/index.js';
import { demo } from '../support/emulator-env.js';
import { frameworkNames } from './support/stress-apps.js';
import { startStressServer, type StressServer } from './support/stress-child.js';
import {
  bceBody,
  finalResponses,
  hasFinalResponse,
  leakIn,
  rawExchange,
  rawHead,
  send,
  signedHeaders,
  type WireResponse,
} from './support/wire.js';

let server: StressServer;
beforeAll(async () => {
  server = await startStressServer();
});
afterAll(() => server.stop());
afterEach(async () => {
  expect(server.alive()).toBe(true);
  expect(await server.report()).toMatchObject({ uncaught: [], unhandled: [], doubleWrites: 0 });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const authTargets = ['auth-express@4', 'auth-express@5', 'auth-koa@2', 'auth-koa@3', 'emulator'];

/** A BCE error of this status and code that leaks nothing. */
function expectBceError(res: WireResponse, status: number, code: string): void {
  expect({ status: res.status, code: bceBody(res).code }).toEqual({ status, code });
  expect(leakIn(`${JSON.stringify(res.headers)}${res.text}`)).toBeUndefined();
}

/** A signed call to the emulator, as an SDK sends it. */
const emulatorCall = (
  method: string,
  path: string,
  body?: string | Buffer,
): Promise<WireResponse> =>
  send({
    port: server.port('emulator'),
    method,
    path,
    headers: signedHeaders(demo, server.port('emulator'), method, path),
    ...(body === undefined ? {} : { body }),
  });

describe('hostile request ids are replaced, never echoed', () => {
  const ids: [string, string | Buffer][] = [
    ['10,000 characters', 'r'.repeat(10_000)],
    ['a control character', 'id\u0001x'],
    ['DEL', 'id\u007fx'],
    ['a tab', 'id\tx'],
    ['raw non-ASCII bytes', Buffer.from('réq-日本-1')],
    ['invalid UTF-8', Buffer.from([0x69, 0x64, 0xff, 0xfe, 0xc3, 0x28])],
    ['an encoded CRLF and a header', 'id%0d%0aSet-Cookie:%20pwned=1'],
    ['a JSON breakout', 'id","code":"pwned'],
  ];
  const targets = [
    ...frameworkNames.map((name) => ({ name, path: '/throw/sync/BlbError-AccessDenied' })),
    { name: 'emulator', path: '/v1/blb' },
  ];

  it.each(targets)('$name', async ({ name, path }) => {
    for (const [, id] of ids) {
      const head = Buffer.concat([
        Buffer.from(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n`),
        Buffer.from('x-bce-request-id: '),
        Buffer.isBuffer(id) ? id : Buffer.from(id, 'latin1'),
        Buffer.from('\r\n\r\n'),
      ]);
      const outcome = await rawExchange(server.port(name), [head], { until: hasFinalResponse });
      const [res, ...more] = finalResponses(outcome.received);
      expect(more).toEqual([]);
      if (res === undefined) throw new Error(`no answer to id ${String(id)}`);
      expect(outcome.received).not.toMatch(/pwned|set-cookie/i);
      if (res.status === 400 && res.headers['content-type'] === undefined) {
        // Node's parser refused the header itself: the app never saw it.
        expect(res.text).toBe('');
        continue;
      }
      const body = bceBody(res);
      expect(body.code).toBe('AccessDenied');
      expect(body.requestId).toMatch(UUID);
    }
    // Two ids, or an id split by a CRLF into a header of its own: still one safe answer.
    const twice = rawHead('GET', path, {
      host: '127.0.0.1',
      connection: 'close',
      'x-bce-request-id': 'first-1\r\nx-bce-request-id: second-2\r\nset-cookie: pwned=1',
    });
    const [res] = finalResponses((await rawExchange(server.port(name), [twice])).received);
    if (res === undefined) throw new Error('no answer to two ids');
    expect(bceBody(res).requestId).toMatch(UUID);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('hostile Authorization headers get clear auth errors', () => {
  const host = (name: string) => `127.0.0.1:${String(server.port(name))}`;
  const hex = 'a'.repeat(64);
  const ts = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const call = (name: string, authorization: string) =>
    send({
      port: server.port(name),
      path: '/v1/blb',
      headers: { host: host(name), 'x-bce-date': ts, authorization },
    });
  const credentialsOf = (name: string) =>
    name === 'emulator' ? demo : { accessKeyId: 'demo-ak', secretAccessKey: 'demo-sk' };

  it.each(authTargets)('%s', async (name) => {
    const { accessKeyId } = credentialsOf(name);
    const valid = signBceRequest(
      { method: 'GET', url: '/v1/blb', headers: { host: host(name), 'x-bce-date': ts } },
      credentialsOf(name),
    );
    expect((await call(name, valid)).status).toBe(200);
    const cases: [string, number, string][] = [
      [`bce-auth-v1/${'k'.repeat(12_000)}/${ts}/1800/host/${hex}`, 400, 'InvalidHTTPAuthHeader'],
      ['x'.repeat(15_000), 400, 'InvalidHTTPAuthHeader'],
      [`bce-auth-v1/${accessKeyId}/${ts}/1800/host/${hex}\u00e9`, 400, 'InvalidHTTPAuthHeader'],
      [`bce-auth-v1/ak-nobody/${ts}/1800/host/${hex}`, 403, 'InvalidAccessKeyId'],
      [`bce-auth-v1/${accessKeyId}/${ts}/1800/host/${hex}`, 400, 'SignatureDoesNotMatch'],
      [`bce-auth-v1/${accessKeyId}/${ts}/1800/x-not-sent/${hex}`, 400, 'SignatureDoesNotMatch'],
      [`bce-auth-v1/${accessKeyId}/2001-01-01T00:00:00Z/1800/host/${hex}`, 400, 'RequestExpired'],
      [`bce-auth-v1/${accessKeyId}/2999-01-01T00:00:00Z/1800/host/${hex}`, 400, 'RequestExpired'],
      [valid.replace(/.$/, (c) => (c === '0' ? '1' : '0')), 400, 'SignatureDoesNotMatch'],
      // Every 9th proper prefix of the valid header: truncated.
      ...Array.from({ length: Math.ceil(valid.length / 9) }, (_, i): [string, number, string] => [
        valid.slice(0, i * 9 + 1),
        400,
        'InvalidHTTPAuthHeader',
      ]).filter(([value]) => value !== valid),
    ];
    for (const [authorization, status, code] of cases) {
      const res = await call(name, authorization);
      expect({ authorization: authorization.slice(0, 60), status: res.status }).toEqual({
        authorization: authorization.slice(0, 60),
        status,
      });
      expectBceError(res, status, code);
    }
    // Past Node's 16 KiB header limit Node answers 431 itself; the server goes on.
    expect((await call(name, 'x'.repeat(20_000)).catch(() => undefined))?.status ?? 431).toBe(431);
    expect((await call(name, valid)).status).toBe(200);
  });
});

describe('hostile bodies', () => {
  const proto =
    '{"__proto__":{"polluted":"yes","status":404},"constructor":{"prototype":{"polluted":"yes"}},' +
    '"status":503,"message":"db-7.internal down","vpcId":"vpc-1","subnetId":"sbn-1","name":"p"}';

  it('never pollutes Object.prototype with __proto__ or constructor keys, anywhere', async () => {
    for (const name of frameworkNames) {
      // Express: the route throws the parsed body, a foreign 503 whose message must stay masked.
      // Koa: @koa/bodyparser refuses a __proto__ key outright (a 400 SyntaxError).
      const res = await send({
        port: server.port(name),
        method: 'POST',
        path: '/throw-body',
        headers: { 'content-type': 'application/json' },
        body: proto,
      });
      if (name.startsWith('koa')) expectBceError(res, 400, 'MalformedJSON');
      else expectBceError(res, 503, 'InternalError');
    }
    for (const name of ['token-express5']) {
      const post = () =>
        send({
          port: server.port(name),
          method: 'POST',
          path: '/v1/blb?clientToken=proto-1',
          headers: { 'content-type': 'application/json' },
          body: proto,
        });
      const first = await post();
      expect(first.status).toBe(201);
      expect((await post()).text).toBe(first.text);
    }
    const created = await emulatorCall('POST', '/v1/blb?clientToken=proto-e', proto);
    expect(created.status).toBe(200);
    const report = await server.report();
    expect(report).toMatchObject({ prototypeChanged: false, plainObjectPolluted: false });
    expect('polluted' in {}).toBe(false);
  });

  const nested: [string, string][] = [
    ['arrays', `${'['.repeat(15_000)}${']'.repeat(15_000)}`],
    ['objects', `${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}`],
  ];
  const postDeep = (name: string, body: string) =>
    send({
      port: server.port(name),
      method: 'POST',
      path: `/v1/blb?clientToken=deep-${String(body.length)}`,
      headers: { 'content-type': 'application/json' },
      body,
    });

  it.each(nested)('answers deeply nested JSON (%s) without a 5xx', async (_kind, body) => {
    // Koa's parsers keep the raw body: the fingerprint hashes its bytes.
    const koa = await postDeep('token-koa3', body);
    expect(koa.status).toBe(201);
    // express.json() keeps none: the fingerprint serialises the parsed body, without recursion.
    const express = await postDeep('token-express5', body);
    expect(express.status).toBe(201);
    const res = await emulatorCall('POST', `/v1/blb?clientToken=deep-${String(body.length)}`, body);
    expect(res.status).toBe(400);
    expect(['InappropriateJSON', 'MissingParameter']).toContain(bceBody(res).code);
  });

  it('answers a chunked 10 MB body with 413 on every target', async () => {
    const targets = [
      ...frameworkNames.map((name) => ({ name, path: '/json' })),
      { name: 'token-express5', path: '/v1/blb?clientToken=big-1' },
      { name: 'token-koa3', path: '/v1/blb?clientToken=big-1' },
      { name: 'emulator', path: '/v1/blb' },
    ];
    const mb = Buffer.alloc(1024 * 1024, 'x');
    for (const { name, path } of targets) {
      const port = server.port(name);
      const headers =
        name === 'emulator'
          ? signedHeaders(demo, port, 'POST', path)
          : { host: '127.0.0.1', 'content-type': 'application/json' };
      const head = rawHead('POST', path, { ...headers, 'transfer-encoding': 'chunked' });
      const chunk = Buffer.concat([
        Buffer.from(`${mb.length.toString(16)}\r\n`),
        mb,
        Buffer.from('\r\n'),
      ]);
      const chunks = [head, '1\r\n"\r\n', ...Array.from({ length: 10 }, () => chunk), '0\r\n\r\n'];
      const outcome = await rawExchange(port, chunks, { until: hasFinalResponse });
      const answers = finalResponses(outcome.received);
      expect(answers).toHaveLength(1);
      expectBceError(answers[0] as WireResponse, 413, 'InvalidHTTPRequest');
      expect(outcome.received).not.toContain('xxxx');
    }
  });

  it('answers invalid UTF-8 in a body or a query without a 5xx', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"vpcId":"vpc-1","subnetId":"sbn-1","name":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    for (const name of [...frameworkNames, 'token-express5', 'token-koa3']) {
      const res = await send({
        port: server.port(name),
        method: 'POST',
        path: name.startsWith('token') ? '/v1/blb?clientToken=utf-1' : '/json',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: bad,
      });
      expect({ name, status: res.status }).toEqual({
        name,
        status: res.status < 300 ? res.status : -1,
      });
    }
    const created = await emulatorCall('POST', '/v1/blb', bad);
    expect(created.status < 500).toBe(true);
    if (created.status >= 400) expectBceError(created, created.status, bceBody(created).code);
    for (const path of ['/v1/blb?name=%FF%FE', '/v1/blb/%FF%FE', '/v1/blb?name=%C3%28']) {
      const res = await emulatorCall('GET', path);
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
      if (res.status >= 400) expectBceError(res, res.status, bceBody(res).code);
    }
  });

  it('answers duplicate query parameters without a 5xx', async () => {
    const { blbId } = JSON.parse(
      (await emulatorCall('POST', '/v1/blb', '{"vpcId":"vpc-1","subnetId":"sbn-1"}')).text,
    ) as { blbId: string };
    const paths: [string, string][] = [
      ['GET', '/v1/blb?maxKeys=1&maxKeys=2'],
      ['GET', '/v1/blb?marker=a&marker=b'],
      ['GET', '/v1/blb?name=a&name=b&exactlyMatch=true&exactlyMatch=false'],
      ['GET', `/v1/blb/${blbId}/backendserver?listenerPort=80&listenerPort=81`],
      ['PUT', `/v1/blb/${blbId}/TCPlistener?listenerPort=80&listenerPort=81`],
      ['PUT', `/v1/blb/${blbId}/securitygroup?bind&bind`],
    ];
    for (const [method, path] of paths) {
      const res = await emulatorCall(method, path, method === 'PUT' ? '{}' : undefined);
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
      if (res.status >= 400) expectBceError(res, res.status, bceBody(res).code);
    }
  });

  it.each([
    ['65 characters', 'x'.repeat(65)],
    ['10,000 characters', 't'.repeat(10_000)],
    ['65 encoded non-ASCII characters', '%C3%A9'.repeat(65)],
  ])('answers a clientToken of %s with InvalidParameter naming it', async (_label, token) => {
    const check = (res: WireResponse): void => {
      expectBceError(res, 400, 'InvalidParameter');
      expect(bceBody(res).message).toBe("The parameter 'clientToken' is invalid.");
    };
    check(await emulatorCall('POST', `/v1/blb?clientToken=${token}`, '{"vpcId":"vpc-1"}'));
    for (const name of ['token-express5', 'token-koa3']) {
      const res = await send({
        port: server.port(name),
        method: 'POST',
        path: `/v1/blb?clientToken=${token}`,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      check(res);
    }
  });
});
