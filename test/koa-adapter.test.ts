import bodyParserLegacy from 'koa-bodyparser';
import koa2 from 'koa2';
import koa3 from 'koa3';
import request from 'supertest';
import { blbErrorHandler } from '../adapters/koa/index.js';
import { BlbError, catalog } from '../src/index.js';
import { close, getCut, listen } from './conformance.js';
import { expectBceBody } from './support/bce-body.js';
import { describeReadBySdk } from './support/bce-sdk.js';
import { asListener, createKoaApp } from './support/koa-app.js';

describe.each([
  ['koa@2', koa2],
  ['koa@3', koa3],
])('%s adapter', (_name, Koa) => {
  const appWith = (
    route: (ctx: import('koa').Context) => unknown,
    options?: Parameters<typeof blbErrorHandler>[0],
  ) => {
    const app = new Koa();
    app.use(blbErrorHandler(options));
    app.use(async (ctx) => {
      await route(ctx);
    });
    return app;
  };

  it('answers a thrown null with InternalError instead of hanging', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    const res = await request(asListener(appWith(() => Promise.reject(null)))).get('/');
    expect(res.status).toBe(500);
    expect(expectBceBody(res.body)).toMatchObject({
      code: 'InternalError',
      message: catalog.InternalError.message,
    });
  });

  it('answers a route that set ctx.respond = false and then threw, instead of hanging', async () => {
    const app = appWith((ctx) => {
      ctx.respond = false;
      throw new BlbError('InstanceNotFound');
    });
    const res = await request(asListener(app)).get('/').timeout(5000);
    expect(res.status).toBe(404);
    expect(expectBceBody(res.body).code).toBe('InstanceNotFound');
  });

  it('lets a catalog code in ctx.throw win', async () => {
    const app = appWith((ctx) => ctx.throw(400, 'No instance lb-3.', { code: 'InstanceNotFound' }));
    const res = await request(asListener(app)).get('/');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'InstanceNotFound', message: 'No instance lb-3.' });
  });

  it('maps a plain ctx.throw(401) to AccessDenied with status 401', async () => {
    const res = await request(asListener(appWith((ctx) => ctx.throw(401)))).get('/');
    expect(res.status).toBe(401);
    expect(expectBceBody(res.body).code).toBe('AccessDenied');
  });

  it('exposes ctx.state.requestId to later middleware and sends it on a success', async () => {
    const res = await request(asListener(createKoaApp(Koa))).get('/request-id');
    expect(res.status).toBe(200);
    const { requestId } = res.body as { requestId: string };
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-bce-request-id']).toBe(requestId);
  });

  it('answers an error with the id later middleware saw', async () => {
    let seen: unknown;
    const app = appWith((ctx) => {
      seen = ctx.state.requestId;
      throw new BlbError('BackendServerNotFound');
    });
    const res = await request(asListener(app)).get('/').set('x-bce-request-id', 'koa-id-9');
    expect(seen).toBe('koa-id-9');
    expect(res.body).toMatchObject({ requestId: 'koa-id-9', code: 'BackendServerNotFound' });
  });

  it('never touches a route that set its own body, even a 404', async () => {
    const app = appWith((ctx) => {
      ctx.status = 404;
      ctx.body = { custom: true };
    });
    const res = await request(asListener(app)).get('/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ custom: true });
  });

  it('keeps a 404 the route chose explicitly without a body', async () => {
    const app = appWith((ctx) => {
      ctx.status = 404;
    });
    const res = await request(asListener(app)).get('/');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toBe('application/json; charset=utf-8');
  });

  it("fires app.on('error') with the thrown error and the context", async () => {
    const heard: { error: unknown; requestId: unknown }[] = [];
    const thrown = new Error('disk full');
    const app = appWith(() => {
      throw thrown;
    });
    app.on('error', (error: unknown, ctx: import('koa').Context) => {
      heard.push({ error, requestId: ctx.state.requestId });
    });
    const res = await request(asListener(app)).get('/');
    expect(res.status).toBe(500);
    expect(heard).toEqual([{ error: thrown, requestId: expectBceBody(res.body).requestId }]);
  });

  it("hands app.on('error') an Error even when a non-Error was thrown", async () => {
    const heard: unknown[] = [];
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    const app = appWith(() => Promise.reject('a string'));
    app.on('error', (error: unknown) => heard.push(error));
    await request(asListener(app)).get('/');
    expect(heard).toHaveLength(1);
    expect(heard[0]).toBeInstanceOf(BlbError);
    expect((heard[0] as BlbError).cause).toBe('a string');
  });

  it("does not let Koa's default listener print a second report", async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const writes = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const app = appWith(() => {
        throw new Error('db down');
      });
      const res = await request(asListener(app)).get('/');
      expect(res.status).toBe(500);
      expect(spy).not.toHaveBeenCalled();
      expect(writes.mock.calls.filter(([chunk]) => String(chunk).includes('db down'))).toHaveLength(
        1,
      );
    } finally {
      spy.mockRestore();
      writes.mockRestore();
    }
  });

  it('cuts the connection when the response is no longer writable, and serves on', async () => {
    const server = await listen(asListener(createKoaApp(Koa, { onError: () => undefined })));
    try {
      expect(await getCut(server, '/headers-sent')).not.toBe('complete');
      expect((await request(server).get('/ok')).status).toBe(200);
    } finally {
      await close(server);
    }
  });

  it('answers koa-bodyparser failures like @koa/bodyparser ones', async () => {
    const app = createKoaApp(
      Koa,
      { onError: () => undefined },
      bodyParserLegacy({ jsonLimit: '1kb' }),
    );
    const malformed = await request(asListener(app))
      .post('/json')
      .type('application/json')
      .send('{"secret": 1,');
    expect(malformed.status).toBe(400);
    expect(expectBceBody(malformed.body)).toMatchObject({
      code: 'MalformedJSON',
      message: catalog.MalformedJSON.message,
    });
    expect(malformed.text).not.toContain('secret');
    const large = await request(asListener(app))
      .post('/json')
      .type('application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(4096) }));
    expect(large.status).toBe(413);
    expect(expectBceBody(large.body).code).toBe('InvalidHTTPRequest');
  });

  it('answers a koa-bodyparser unsupported content-encoding with 415 InvalidHTTPRequest', async () => {
    const app = createKoaApp(Koa, { onError: () => undefined }, bodyParserLegacy());
    const res = await request(asListener(app))
      .post('/json')
      .set('content-type', 'application/json')
      .set('content-encoding', 'compress-x')
      .send('{"a":1}');
    expect(res.status).toBe(415);
    expect(expectBceBody(res.body).code).toBe('InvalidHTTPRequest');
  });

  describeReadBySdk(
    'koa',
    () => asListener(createKoaApp(Koa, { onError: () => undefined })),
    'async',
    ['InstanceNotFound', 'InvalidParameter', 'LastOperationNotFinished', 'ServiceBlocked'],
  );
});
