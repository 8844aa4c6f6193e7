import { once } from 'node:events';
import http, { type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  BCE_ERROR_CONTENT_TYPE,
  catalog,
  STALE_BODY_HEADERS,
  type BlbErrorHandlerOptions,
} from '../src/index.js';
import { expectBceBody } from './support/bce-body.js';
import { allCases, type ThrowableCase } from './support/throwables.js';

/** How a route fails: a synchronous throw, `next(err)`, or a rejected promise. */
export type ThrowStyle = 'sync' | 'next' | 'async';

/**
 * One framework under test. Its `createApp` must build a real app with the package's middleware
 * and these routes:
 * - `GET|HEAD /throw/:style/:name`: fails with `casesByName.get(name).make()` in that style;
 * - `GET /retry`: throws `retryError()`;
 * - `GET /cors`: sets `access-control-allow-origin: *`, then throws `BlbError('AccessDenied')`;
 * - `GET /headers-sent`: writes a 200 head and part of a body, then fails;
 * - `POST /json`: a JSON body parser with a 1 kb limit, then `{ ok: true }`;
 * - `GET /ok`: `{ ok: true }`; `GET /request-id`: `{ requestId }` as the framework exposes it.
 */
export interface ConformanceTarget {
  readonly name: string;
  readonly throwStyles: readonly ThrowStyle[];
  /** Express answers a synchronous `throw null` as if the route called `next()`. */
  readonly falsyThrowIsNoError: (style: ThrowStyle) => boolean;
  readonly createApp: (options?: BlbErrorHandlerOptions) => RequestListener;
}

export async function listen(listener: RequestListener): Promise<Server> {
  const server = http.createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** A GET whose socket is cut mid-response: resolves with how it ended, never hangs. */
export function getCut(server: Server, path: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('aborted', () => {
        resolve('aborted');
      });
      res.on('error', () => {
        resolve('error');
      });
      res.on('end', () => {
        resolve(res.complete ? 'complete' : 'incomplete');
      });
    });
    req.on('error', () => {
      resolve('error');
    });
  });
}

function expectAnswer(res: request.Response, expected: ThrowableCase['expected']): void {
  expect(res.status).toBe(expected.status);
  expect(res.headers['content-type']).toBe(BCE_ERROR_CONTENT_TYPE);
  const body = expectBceBody(res.body);
  expect(body.code).toBe(expected.code);
  if (expected.message !== undefined) expect(body.message).toBe(expected.message);
  expect(res.headers['x-bce-request-id']).toBe(body.requestId);
}

export function runConformanceSuite(target: ConformanceTarget): void {
  describe(`${target.name}: conformance`, () => {
    let server: Server;
    beforeAll(async () => {
      // Quiet: the default stderr report has a test of its own below.
      server = await listen(target.createApp({ onError: () => undefined }));
    });
    afterAll(async () => {
      await close(server);
    });

    for (const style of target.throwStyles) {
      const cases = allCases.map((c) => ({ ...c, title: `${c.name} (${style})` }));
      it.each(cases)('answers $title in the BCE shape', async (c) => {
        const res = await request(server).get(`/throw/${style}/${c.name}`);
        if (c.falsy === true && target.falsyThrowIsNoError(style)) {
          expectAnswer(res, { status: 400, code: 'InvalidURI' });
        } else {
          expectAnswer(res, c.expected);
        }
      });
    }

    it('answers a request no route matched with InvalidURI', async () => {
      const res = await request(server).get('/v1/nowhere');
      expectAnswer(res, { status: 400, code: 'InvalidURI', message: catalog.InvalidURI.message });
    });

    it('leaves unmatched requests to the framework when notFound is false', async () => {
      const plain = await listen(target.createApp({ notFound: false }));
      try {
        const res = await request(plain).get('/v1/nowhere');
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).not.toBe(BCE_ERROR_CONTENT_TYPE);
        const thrown = await request(plain).get('/throw/sync/BlbError-ListenerNotFound');
        expect(thrown.status).toBe(404);
        expect(expectBceBody(thrown.body).code).toBe('ListenerNotFound');
      } finally {
        await close(plain);
      }
    });

    it('answers malformed JSON with MalformedJSON and never echoes the body', async () => {
      const raw = '{"name": "lb-secret-body", oops';
      const res = await request(server).post('/json').type('application/json').send(raw);
      expectAnswer(res, {
        status: 400,
        code: 'MalformedJSON',
        message: catalog.MalformedJSON.message,
      });
      expect(res.text).not.toContain('lb-secret-body');
      expect(res.text).not.toContain('oops');
    });

    it('answers an oversized body with 413 InvalidHTTPRequest', async () => {
      const raw = JSON.stringify({ blob: 'x'.repeat(4096) });
      const res = await request(server).post('/json').type('application/json').send(raw);
      expectAnswer(res, { status: 413, code: 'InvalidHTTPRequest' });
      expect(res.text).not.toContain('xxxx');
    });

    it('answers an unsupported content-encoding with 415 InvalidHTTPRequest', async () => {
      const res = await request(server)
        .post('/json')
        .set('content-type', 'application/json')
        .set('content-encoding', 'compress-x')
        .send('{"a":1}');
      expectAnswer(res, { status: 415, code: 'InvalidHTTPRequest' });
    });

    it('parses a good JSON body and answers the route', async () => {
      const res = await request(server).post('/json').send({ a: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
    });

    it('answers HEAD with the status and headers and no body', async () => {
      const res = await request(server).head('/throw/sync/BlbError-InstanceNotFound');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe(BCE_ERROR_CONTENT_TYPE);
      expect(res.headers['x-bce-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.text).toBeFalsy();
    });

    it('keeps headers the app set before the failure', async () => {
      const res = await request(server).get('/cors');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expectAnswer(res, { status: 403, code: 'AccessDenied' });
    });

    it('drops the headers of the body a route meant to send and keeps the others', async () => {
      const res = await request(server).get('/stale');
      for (const name of STALE_BODY_HEADERS) expect(res.headers[name]).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expectAnswer(res, { status: 404, code: 'InstanceNotFound' });
    });

    it('lets err.headers add headers but not replace content-type or the request id', async () => {
      const res = await request(server).get('/retry').set('x-bce-request-id', 'client-id-1');
      expect(res.headers['retry-after']).toBe('7');
      expect(res.headers['x-bce-request-id']).toBe('client-id-1');
      expectAnswer(res, { status: 409, code: 'LastOperationNotFinished' });
      expect(res.body).toMatchObject({ requestId: 'client-id-1' });
    });

    it('cuts the connection when headers were already sent, reports once, and serves the next request', async () => {
      const reported: { error: unknown; status: number }[] = [];
      const app = await listen(
        target.createApp({ onError: (error, { status }) => reported.push({ error, status }) }),
      );
      try {
        const outcome = await getCut(app, '/headers-sent');
        expect(outcome).not.toBe('complete');
        // A second report would come late (a framework's deferred handler, a finish listener).
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(reported).toHaveLength(1);
        expect(reported[0]?.status).toBe(500);
        expect((reported[0]?.error as Error).message).toBe('failed mid-stream');
        const next = await request(app).get('/ok');
        expect(next.status).toBe(200);
        expect(next.body).toEqual({ ok: true });
      } finally {
        await close(app);
      }
    });

    it('reuses a valid incoming request id', async () => {
      const res = await request(server)
        .get('/throw/sync/BlbError-AccessDenied')
        .set('x-bce-request-id', 'ae2225f7-1c2e-427a-a1ad-5413b762957d');
      expect(res.body).toMatchObject({ requestId: 'ae2225f7-1c2e-427a-a1ad-5413b762957d' });
      expect(res.headers['x-bce-request-id']).toBe('ae2225f7-1c2e-427a-a1ad-5413b762957d');
    });

    it.each([
      ['too long', 'x'.repeat(200)],
      ['with a space', 'a b'],
      ['non-ASCII', 'réq-1'],
      ['with a slash', '../etc'],
    ])('replaces an incoming request id %s', async (_name, id) => {
      const res = await request(server)
        .get('/throw/sync/BlbError-AccessDenied')
        .set('x-bce-request-id', id);
      const body = expectBceBody(res.body);
      expect(body.requestId).not.toBe(id);
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-bce-request-id']).toBe(body.requestId);
    });

    it('gives 200 concurrent errors 200 distinct request ids', async () => {
      const responses = await Promise.all(
        Array.from({ length: 200 }, () =>
          request(server).get('/throw/sync/BlbError-InstanceNotFound'),
        ),
      );
      const ids = responses.map((res) => {
        expect(res.status).toBe(404);
        return expectBceBody(res.body).requestId;
      });
      expect(new Set(ids).size).toBe(200);
    });

    it('calls onError once per error response with status, code and request id', async () => {
      const seen: {
        error: unknown;
        status: number;
        code: string;
        requestId: string;
        url: string | undefined;
      }[] = [];
      const app = await listen(
        target.createApp({
          onError: (error, { status, code, requestId, req }) => {
            seen.push({ error, status, code, requestId, url: req.url });
          },
        }),
      );
      try {
        const res = await request(app).get('/throw/sync/http-errors-503');
        expect(seen).toHaveLength(1);
        expect(seen[0]).toMatchObject({
          status: 503,
          code: 'InternalError',
          requestId: expectBceBody(res.body).requestId,
          url: '/throw/sync/http-errors-503',
        });
        expect((seen[0]?.error as Error).message).toBe('detail of 503 at db-7');
      } finally {
        await close(app);
      }
    });

    it('still answers when onError throws', async () => {
      const app = await listen(
        target.createApp({
          onError: () => {
            throw new Error('logger down');
          },
        }),
      );
      try {
        const res = await request(app).get('/throw/sync/BlbError-ServiceBlocked');
        expectAnswer(res, { status: 403, code: 'ServiceBlocked' });
        expect((await request(app).get('/ok')).status).toBe(200);
      } finally {
        await close(app);
      }
    });

    it('writes 5xx to stderr once with the request id and stack, and 4xx not at all', async () => {
      const writes: string[] = [];
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        writes.push(String(chunk));
        return true;
      });
      const loud = await listen(target.createApp());
      try {
        const res = await request(loud).get('/throw/sync/plain-error');
        const id = expectBceBody(res.body).requestId;
        const mine = writes.filter((w) => w.includes('[blb-errors]'));
        expect(mine).toHaveLength(1);
        expect(mine[0]).toContain(id);
        expect(mine[0]).toContain('ECONNREFUSED 10.0.0.7:5432');
        expect(mine[0]).toMatch(/\n\s+at /);
        writes.length = 0;
        await request(loud).get('/throw/sync/BlbError-InstanceNotFound');
        expect(writes.filter((w) => w.includes('[blb-errors]'))).toHaveLength(0);
      } finally {
        spy.mockRestore();
        await close(loud);
      }
    });

    it('never puts a stack or a foreign 5xx message in a body', async () => {
      const res = await request(server).get('/throw/sync/plain-error');
      expect(res.text).not.toContain('ECONNREFUSED');
      expect(res.text).not.toMatch(/\bat .+:\d+:\d+/);
    });
  });
}
