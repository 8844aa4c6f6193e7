import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { ClientTokenOptions, IdempotencyStore } from '../../src/idempotency/index.js';
import { BCE_ERROR_CONTENT_TYPE, type BlbErrorCode } from '../../src/index.js';
import { close, listen } from '../conformance.js';
import { expectBceBody } from './bce-body.js';
import type { TokenApp } from './client-token-apps.js';

/** One framework under test, building the app of `client-token-apps.ts`. */
export interface TokenTarget {
  readonly name: string;
  readonly createApp: (options: ClientTokenOptions) => TokenApp;
  /** @koa/bodyparser keeps the raw bytes; express.json() keeps only the parsed body. */
  readonly hashesRawBody: boolean;
  /** Express records what a piped stream writes; Koa never records a stream body. */
  readonly recordsStreams: boolean;
}

/** A store kind; `create` gives each app a store of its own (a fresh Redis key prefix). */
export interface StoreKind {
  readonly name: string;
  readonly create: () => IdempotencyStore;
}

export function expectBceError(res: request.Response, status: number, code: BlbErrorCode): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe(BCE_ERROR_CONTENT_TYPE);
  const body = expectBceBody(res.body);
  expect(body.code).toBe(code);
  expect(res.headers['x-bce-request-id']).toBe(body.requestId);
}

/** The same status, content type and bytes. */
export function expectSameResponse(replay: request.Response, original: request.Response): void {
  expect(replay.status).toBe(original.status);
  expect(replay.headers['content-type']).toBe(original.headers['content-type']);
  expect(replay.text).toBe(original.text);
}

export function runClientTokenSuite(target: TokenTarget, kind: StoreKind): void {
  describe(`${target.name} with ${kind.name}: clientToken`, () => {
    const servers: Server[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map(close));
    });
    const start = async (options: ClientTokenOptions = {}) => {
      const app = target.createApp({ store: kind.create(), ...options });
      const server = await listen(app.listener);
      servers.push(server);
      const post = (path: string, body: object = { name: 'lb-a' }) =>
        request(server).post(path).send(body);
      return { app, server, post };
    };

    it('passes a request without a clientToken through untouched, every time', async () => {
      const { app, post } = await start();
      const first = await post('/v1/blb');
      const second = await post('/v1/blb');
      expect([first.status, second.status]).toEqual([201, 201]);
      expect([first.body, second.body]).toEqual([
        { blbId: 'lb-1', name: 'lb-a' },
        { blbId: 'lb-2', name: 'lb-a' },
      ]);
      expect(app.runs()).toBe(2);
    });

    it('replays the first response to a retry with the same token, without running the handler again', async () => {
      const { app, post } = await start();
      const original = await post('/v1/blb?clientToken=token-1');
      const replay = await post('/v1/blb?clientToken=token-1');
      expect(original.status).toBe(201);
      expect(original.body).toEqual({ blbId: 'lb-1', name: 'lb-a' });
      expectSameResponse(replay, original);
      expect(app.runs()).toBe(1);
      const originalId = original.headers['x-bce-request-id'];
      expect(typeof originalId).toBe('string');
      expect(replay.headers['x-bce-request-id']).not.toBe(originalId);
    });

    it("answers a replay with the retry's own request id", async () => {
      const { server, post } = await start();
      await post('/v1/blb?clientToken=token-1');
      const replay = await request(server)
        .post('/v1/blb?clientToken=token-1')
        .set('x-bce-request-id', 'retry-request-1')
        .send({ name: 'lb-a' });
      expect(replay.status).toBe(201);
      expect(replay.headers['x-bce-request-id']).toBe('retry-request-1');
    });

    it('replays a text response with its bytes and content type', async () => {
      const { app, post } = await start();
      const original = await post('/v1/text?clientToken=text-1');
      const replay = await post('/v1/text?clientToken=text-1');
      expect(original.text).toBe('created 1');
      expect(original.headers['content-type']).toMatch(/^text\/plain/);
      expectSameResponse(replay, original);
      expect(app.runs()).toBe(1);
    });

    it(
      target.recordsStreams
        ? 'records and replays what a piped stream wrote'
        : 'does not record a stream body: a retry runs the handler again',
      async () => {
        const { app, post } = await start();
        const original = await post('/v1/stream?clientToken=stream-1');
        const retry = await post('/v1/stream?clientToken=stream-1');
        expect(original.text).toBe('streamed run 1');
        if (target.recordsStreams) expectSameResponse(retry, original);
        else expect(retry.text).toBe('streamed run 2');
        expect(app.runs()).toBe(target.recordsStreams ? 1 : 2);
      },
    );

    it('answers IdempotentParameterMismatch (403) to the same token with another body', async () => {
      const { app, post } = await start();
      await post('/v1/blb?clientToken=token-1', { name: 'lb-a' });
      expectBceError(
        await post('/v1/blb?clientToken=token-1', { name: 'lb-b' }),
        403,
        'IdempotentParameterMismatch',
      );
      expect(app.runs()).toBe(1);
    });

    it.each([
      ['another query parameter', 'post', '/v1/blb?clientToken=token-1&force=true'],
      ['another path', 'post', '/v1/text?clientToken=token-1'],
      ['another method', 'put', '/v1/blb?clientToken=token-1'],
    ] as const)(
      'answers IdempotentParameterMismatch (403) to the same token with %s',
      async (_label, method, path) => {
        const { app, server, post } = await start();
        await post('/v1/blb?clientToken=token-1');
        const res = await request(server)[method](path).send({ name: 'lb-a' });
        expectBceError(res, 403, 'IdempotentParameterMismatch');
        expect(app.runs()).toBe(1);
      },
    );

    it('treats the query in another order, clientToken anywhere, as the same request', async () => {
      const { app, post } = await start();
      const original = await post('/v1/blb?b=2&a=1&clientToken=token-1');
      const replay = await post('/v1/blb?clientToken=token-1&a=1&b=2');
      expectSameResponse(replay, original);
      expect(app.runs()).toBe(1);
    });

    it(
      target.hashesRawBody
        ? 'hashes the raw body: the same fields in another order are another request'
        : 'hashes the parsed body as canonical JSON: the same fields in another order replay',
      async () => {
        const { app, post } = await start();
        const original = await post('/v1/blb?clientToken=token-1', { name: 'lb-a', desc: 'd' });
        const retry = await post('/v1/blb?clientToken=token-1', { desc: 'd', name: 'lb-a' });
        if (target.hashesRawBody) expectBceError(retry, 403, 'IdempotentParameterMismatch');
        else expectSameResponse(retry, original);
        expect(app.runs()).toBe(1);
      },
    );

    it.each([
      ['an empty clientToken', 'clientToken='],
      ['a clientToken of 65 characters', `clientToken=${'x'.repeat(65)}`],
      ['two clientTokens', 'clientToken=token-1&clientToken=token-2'],
    ])('answers InvalidParameter naming clientToken to %s', async (_label, query) => {
      const { app, post } = await start();
      const res = await post(`/v1/blb?${query}`);
      expectBceError(res, 400, 'InvalidParameter');
      expect((res.body as { message: string }).message).toBe(
        "The parameter 'clientToken' is invalid.",
      );
      expect(app.runs()).toBe(0);
    });

    it('accepts a clientToken of 64 characters', async () => {
      const { app, post } = await start();
      const token = 'x'.repeat(64);
      const original = await post(`/v1/blb?clientToken=${token}`);
      expectSameResponse(await post(`/v1/blb?clientToken=${token}`), original);
      expect(original.status).toBe(201);
      expect(app.runs()).toBe(1);
    });

    it.each([
      ['throws', 'throw', 400],
      ['answers with a non-2xx status', 'status', 503],
    ] as const)(
      'frees the token when the handler %s, so a retry runs it again',
      async (_label, mode, failedStatus) => {
        const { app, post } = await start();
        const path = `/v1/flaky?mode=${mode}&clientToken=flaky-1`;
        const failed = await post(path);
        expect(failed.status).toBe(failedStatus);
        const retried = await post(path);
        expect(retried.status).toBe(200);
        expect(retried.body).toEqual({ attempt: 2 });
        expectSameResponse(await post(path), retried);
        expect(app.runs()).toBe(2);
      },
    );

    it('answers LastOperationNotFinished (409) while the first request runs, then replays it', async () => {
      const { app, post } = await start();
      const first = post('/v1/slow?clientToken=slow-1').then((res) => res);
      await app.slowStarted;
      expectBceError(await post('/v1/slow?clientToken=slow-1'), 409, 'LastOperationNotFinished');
      expectBceError(
        await post('/v1/slow?clientToken=slow-1', { name: 'lb-b' }),
        403,
        'IdempotentParameterMismatch',
      );
      app.finishSlow();
      const original = await first;
      expect(original.status).toBe(201);
      expectSameResponse(await post('/v1/slow?clientToken=slow-1'), original);
      expect(app.runs()).toBe(1);
    });

    it('runs the handler once for many concurrent requests with one token', async () => {
      const { app, post } = await start();
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => post('/v1/blb?clientToken=burst-1').then((res) => res)),
      );
      expect(app.runs()).toBe(1);
      const created = responses.filter((res) => res.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const res of created) expect(res.body).toEqual({ blbId: 'lb-1', name: 'lb-a' });
      for (const res of responses.filter((other) => other.status !== 201)) {
        expectBceError(res, 409, 'LastOperationNotFinished');
      }
    });

    it("scopes a token to the caller's access key id", async () => {
      const { app, server } = await start();
      const as = (accessKeyId: string) =>
        request(server)
          .post('/v1/blb?clientToken=token-1')
          .set('x-test-access-key', accessKeyId)
          .send({ name: 'lb-a' });
      const alice = await as('ak-alice');
      const bob = await as('ak-bob');
      expect([alice.body, bob.body]).toEqual([
        { blbId: 'lb-1', name: 'lb-a' },
        { blbId: 'lb-2', name: 'lb-a' },
      ]);
      expectSameResponse(await as('ak-alice'), alice);
      expect(app.runs()).toBe(2);
    });

    it('forgets a response after ttlSeconds: the token then runs again', async () => {
      const { post } = await start({ ttlSeconds: 0.2 });
      await post('/v1/blb?clientToken=token-1');
      await sleep(300);
      expect((await post('/v1/blb?clientToken=token-1')).body).toEqual({
        blbId: 'lb-2',
        name: 'lb-a',
      });
    });

    it('lets a claim whose request never finished expire after claimTtlSeconds', async () => {
      const { app, post } = await start({ claimTtlSeconds: 0.2 });
      const first = post('/v1/slow?clientToken=stuck-1').then((res) => res);
      await app.slowStarted;
      await sleep(300);
      const second = post('/v1/slow?clientToken=stuck-1').then((res) => res);
      for (let waited = 0; app.runs() < 2 && waited < 2000; waited += 10) await sleep(10);
      expect(app.runs()).toBe(2);
      app.finishSlow();
      const answers = await Promise.all([first, second]);
      expect(answers.map((res) => res.status)).toEqual([201, 201]);
    });
  });
}
