import koa2 from 'koa2';
import koa3 from 'koa3';
import type { Server } from 'node:http';
import request from 'supertest';
import { blbErrorHandler } from '../adapters/koa/index.js';
import type { BlbErrorContext } from '../src/index.js';
import { close, getCut, listen } from './conformance.js';
import { expectBceBody } from './support/bce-body.js';
import { asListener } from './support/koa-app.js';
import { failingStream } from './support/failing-stream.js';

const INTERNAL = 'disk /srv/data gone INTERNAL';

describe.each([
  ['koa@2', koa2, 'answers'],
  ['koa@3', koa3, 'cuts'],
] as const)('%s: a body stream that fails after the middleware returned', (_name, Koa, early) => {
  let server: Server;
  const reports: BlbErrorContext[] = [];

  beforeAll(async () => {
    const app = new Koa();
    app.use(blbErrorHandler({ onError: (_err, context) => reports.push(context) }));
    app.use((ctx) => {
      if (ctx.path === '/ok') {
        ctx.body = { ok: true };
        return;
      }
      ctx.set('access-control-allow-origin', '*');
      ctx.body = failingStream(ctx.path === '/early', INTERNAL);
    });
    server = await listen(asListener(app));
  });
  afterAll(() => close(server));
  beforeEach(() => {
    reports.length = 0;
  });

  // Koa 2 pipes by hand and can still answer; Koa 3's pipeline destroys the response first.
  if (early === 'answers') {
    it('answers an early failure as a BCE InternalError, keeping the headers set before', async () => {
      const res = await request(server).get('/early').timeout(5000);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const body = expectBceBody(res.body);
      expect(body.code).toBe('InternalError');
      expect(res.headers['x-bce-request-id']).toBe(body.requestId);
      expect(res.text).not.toContain('INTERNAL');
    });
  } else {
    it('cuts the connection on an early failure, never hangs', async () => {
      expect(await getCut(server, '/early')).not.toBe('complete');
    });
  }

  it('cuts the connection when the stream fails after the headers went out', async () => {
    expect(await getCut(server, '/late')).not.toBe('complete');
  });

  it('reports each failure once, then serves the next request', async () => {
    await getCut(server, '/late');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 500, code: 'InternalError' });
    const res = await request(server).get('/ok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});
