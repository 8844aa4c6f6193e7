import express4 from 'express4';
import express5 from 'express5';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { blbErrorHandler, requestId } from '../adapters/express/index.js';
import { BlbError, catalog } from '../src/index.js';
import { close, listen } from './conformance.js';
import { expectBceBody } from './support/bce-body.js';
import { describeReadBySdk } from './support/bce-sdk.js';
import { asListener, createExpressApp } from './support/express-app.js';

/** A GET over `agent`: its status, parsed body, and whether it reused a kept-alive socket. */
function getOver(
  agent: http.Agent,
  server: Server,
  path: string,
): Promise<{ status: number | undefined; body: unknown; reusedSocket: boolean }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode, body: JSON.parse(text), reusedSocket: req.reusedSocket });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe.each([
  ['express@4', express4],
  ['express@5', express5],
])('%s adapter', (_name, framework) => {
  describe('requestId()', () => {
    it('exposes the id as res.locals.requestId and sends it on a success', async () => {
      const res = await request(createExpressApp(framework)).get('/request-id');
      expect(res.status).toBe(200);
      const { requestId: seen } = res.body as { requestId: string };
      expect(seen).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-bce-request-id']).toBe(seen);
    });

    it('reuses a valid incoming id on success and error alike', async () => {
      const app = createExpressApp(framework);
      const ok = await request(app).get('/request-id').set('x-bce-request-id', 'gw-42');
      expect(ok.body).toEqual({ requestId: 'gw-42' });
      const failed = await request(app)
        .get('/throw/sync/BlbError-InstanceNotFound')
        .set('x-bce-request-id', 'gw-43');
      expect(failed.body).toMatchObject({ requestId: 'gw-43' });
    });

    it('answers an error with the id the routes saw', async () => {
      const app = framework();
      let seen: unknown;
      app.use(requestId());
      app.get('/fail', (_req, res) => {
        seen = res.locals.requestId;
        throw new BlbError('ListenerNotFound');
      });
      app.use(blbErrorHandler());
      const res = await request(app).get('/fail');
      expect(expectBceBody(res.body).requestId).toBe(seen);
    });

    it('uses a configured header name for both request and response', async () => {
      const options = { requestIdHeader: 'x-request-id' };
      const app = createExpressApp(framework, options);
      const res = await request(app)
        .get('/throw/sync/BlbError-AccessDenied')
        .set('x-request-id', 'edge-1');
      expect(res.headers['x-request-id']).toBe('edge-1');
      expect(res.headers['x-bce-request-id']).toBeUndefined();
      expect(res.body).toMatchObject({ requestId: 'edge-1' });
    });
  });

  it('works without requestId(): the handler makes the id itself', async () => {
    const app = framework();
    app.get('/fail', () => {
      throw new BlbError('CertificateNotFound');
    });
    app.use(blbErrorHandler());
    const res = await request(app).get('/fail');
    const body = expectBceBody(res.body);
    expect(res.status).toBe(404);
    expect(res.headers['x-bce-request-id']).toBe(body.requestId);
  });

  it('answers errors from an express.Router() and from a mounted sub-app', async () => {
    const router = framework.Router();
    router.get('/blb/:id', (req) => {
      throw new BlbError('InstanceNotFound', { message: `No instance ${req.params.id}.` });
    });
    const sub = framework();
    sub.get('/listener', () => {
      throw new BlbError('ListenerNotFound');
    });
    const app = framework();
    app.use('/v1', router);
    app.use('/v2', sub);
    app.use(blbErrorHandler());

    const fromRouter = await request(app).get('/v1/blb/lb-7');
    expect(fromRouter.status).toBe(404);
    expect(fromRouter.body).toMatchObject({
      code: 'InstanceNotFound',
      message: 'No instance lb-7.',
    });
    const fromSub = await request(app).get('/v2/listener');
    expect(fromSub.status).toBe(404);
    expect(fromSub.body).toMatchObject({ code: 'ListenerNotFound' });
    const unmatched = await request(app).get('/v2/nothing');
    expect(unmatched.body).toMatchObject({ code: 'InvalidURI' });
  });

  it('answers express.json() charset failures with 415 InvalidHTTPRequest', async () => {
    const res = await request(createExpressApp(framework))
      .post('/json')
      .set('content-type', 'application/json; charset=klingon')
      .send('{"a":1}');
    expect(res.status).toBe(415);
    expect(expectBceBody(res.body).code).toBe('InvalidHTTPRequest');
  });

  it('answers express.urlencoded() failures in the BCE shape', async () => {
    const app = framework();
    app.post('/form', framework.urlencoded({ extended: false, parameterLimit: 2 }), (_req, res) => {
      res.json({ ok: true });
    });
    app.use(blbErrorHandler());
    const res = await request(app).post('/form').type('form').send('a=1&b=2&c=3');
    expect(res.status).toBe(413);
    expect(expectBceBody(res.body)).toMatchObject({
      code: 'InvalidHTTPRequest',
      message: catalog.InvalidHTTPRequest.message,
    });
  });

  it('leaves a finished keep-alive connection to its next request when an error comes late', async () => {
    const app = framework();
    app.get('/done-then-fail', (_req, res, next) => {
      res.json({ done: true });
      setTimeout(() => {
        next(new Error('failed after the response'));
      }, 30);
    });
    app.get('/slow', (_req, res) => {
      setTimeout(() => res.json({ slow: true }), 120);
    });
    const reported: unknown[] = [];
    app.use(blbErrorHandler({ onError: (error) => reported.push(error) }));
    const server = await listen(asListener(app));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await getOver(agent, server, '/done-then-fail')).toMatchObject({ status: 200 });
      // The late error arrives while this request runs on the same socket.
      expect(await getOver(agent, server, '/slow')).toEqual({
        status: 200,
        body: { slow: true },
        reusedSocket: true,
      });
      expect(reported).toEqual([new Error('failed after the response')]);
    } finally {
      agent.destroy();
      await close(server);
    }
  });

  describeReadBySdk('express', () => asListener(createExpressApp(framework)), 'sync', [
    'InstanceNotFound',
    'MissingParameter',
    'LastOperationNotFinished',
    'QuotaExceeded',
  ]);
});

describe('the handlers blbErrorHandler() returns', () => {
  it('are an unmatched-route handler and a four-parameter error handler', () => {
    const [notFound, errorHandler] = blbErrorHandler();
    expect(notFound?.length).toBe(3);
    expect(errorHandler?.length).toBe(4);
    expect(blbErrorHandler({ notFound: false }).map((handler) => handler.length)).toEqual([4]);
  });
});
