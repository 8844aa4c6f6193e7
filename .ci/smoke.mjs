import assert from 'node:assert/strict';
import express from 'express';
import Koa from 'koa';
import { BlbError, catalog, isBlbError, redisStore, toBceResponse } from 'blb-errors';
import { blbErrorHandler, requestId } from 'blb-errors/express';
import {
  bceAuth as koaBceAuth,
  blbErrorHandler as koaErrorHandler,
  clientToken as koaClientToken,
} from 'blb-errors/koa';
import { parseBceError } from 'blb-errors/testing';

const response = toBceResponse(new BlbError('InstanceNotFound'), 'smoke-esm');
assert.equal(response.status, catalog.InstanceNotFound.status);
assert.equal(response.body.code, 'InstanceNotFound');
assert.ok(isBlbError(new BlbError('AccessDenied'), 'AccessDenied'));

const app = express();
app.use(requestId());
app.get('/v1/blb/:id', () => {
  throw new BlbError('InstanceNotFound');
});
app.use(blbErrorHandler());
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const res = await fetch(`http://127.0.0.1:${server.address().port}/v1/blb/lb-1`);
const body = await res.json();
server.close();
assert.equal(res.status, 404);
assert.equal(body.code, 'InstanceNotFound');
assert.equal(res.headers.get('x-bce-request-id'), body.requestId);

const koa = new Koa();
koa.use(koaErrorHandler());
koa.use(() => {
  throw new BlbError('ListenerNotFound');
});
const koaServer = koa.listen(0, '127.0.0.1');
await new Promise((resolve) => koaServer.once('listening', resolve));
const koaRes = await fetch(`http://127.0.0.1:${koaServer.address().port}/v1/blb/lb-1/listener`);
const koaBody = await koaRes.json();
koaServer.close();
assert.equal(koaRes.status, 404);
assert.equal(koaBody.code, 'ListenerNotFound');
assert.equal(koaRes.headers.get('x-bce-request-id'), koaBody.requestId);
assert.deepEqual(parseBceError({ status: koaRes.status, headers: koaRes.headers, body: koaBody }), {
  ok: true,
  error: {
    status: 404,
    code: 'ListenerNotFound',
    message: koaBody.message,
    requestId: koaBody.requestId,
  },
});
assert.equal(typeof redisStore, 'function');
const guarded = new Koa();
guarded.use(koaErrorHandler());
guarded.use(koaBceAuth({ credentials: () => undefined }));
guarded.use(koaClientToken());
const guardedServer = guarded.listen(0, '127.0.0.1');
await new Promise((resolve) => guardedServer.once('listening', resolve));
const guardedRes = await fetch(`http://127.0.0.1:${guardedServer.address().port}/v1/blb`);
guardedServer.close();
assert.equal((await guardedRes.json()).code, 'AccessDenied');
console.log('esm ok (core, express, koa, testing, bceAuth, clientToken)');
