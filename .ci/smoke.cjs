const assert = require('node:assert/strict');
const express = require('express');
const Koa = require('koa');
const {
  BlbError,
  catalog,
  isBlbError,
  memoryStore,
  signBceRequest,
  toBceResponse,
} = require('blb-errors');
const { bceAuth, blbErrorHandler, clientToken, requestId } = require('blb-errors/express');
const { blbErrorHandler: koaErrorHandler } = require('blb-errors/koa');
const { parseBceError } = require('blb-errors/testing');

async function main() {
  const response = toBceResponse(new BlbError('InstanceNotFound'), 'smoke-cjs');
  assert.equal(response.status, catalog.InstanceNotFound.status);
  assert.equal(response.body.code, 'InstanceNotFound');
  assert.ok(isBlbError(new BlbError('AccessDenied'), 'AccessDenied'));

  const app = express();
  app.use(requestId());
  app.use(blbErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const res = await fetch(`http://127.0.0.1:${server.address().port}/nowhere`);
  const body = await res.json();
  server.close();
  assert.equal(res.status, 400);
  assert.equal(body.code, 'InvalidURI');

  const koa = new Koa();
  koa.use(koaErrorHandler());
  const koaServer = koa.listen(0, '127.0.0.1');
  await new Promise((resolve) => koaServer.once('listening', resolve));
  const koaRes = await fetch(`http://127.0.0.1:${koaServer.address().port}/nowhere`);
  const koaBody = await koaRes.json();
  koaServer.close();
  assert.equal(koaRes.status, 400);
  assert.equal(koaBody.code, 'InvalidURI');
  const parsed = parseBceError({ status: koaRes.status, headers: koaRes.headers, body: koaBody });
  assert.equal(parsed.ok, true);

  // bceAuth and clientToken: a signed create, retried with its token, runs once.
  const keys = { accessKeyId: 'ak', secretAccessKey: 'sk' };
  let runs = 0;
  const gateway = express();
  gateway.use(bceAuth({ credentials: (ak) => (ak === 'ak' ? 'sk' : undefined) }));
  gateway.use(express.json());
  gateway.use(clientToken({ store: memoryStore() }));
  gateway.post('/v1/blb', (_req, res) => res.json({ blbId: `lb-${++runs}` }));
  gateway.use(blbErrorHandler());
  const gatewayServer = gateway.listen(0, '127.0.0.1');
  await new Promise((resolve) => gatewayServer.once('listening', resolve));
  const host = `127.0.0.1:${gatewayServer.address().port}`;
  const create = () => {
    const url = '/v1/blb?clientToken=smoke-1';
    const headers = { host, 'content-type': 'application/json' };
    const authorization = signBceRequest({ method: 'POST', url, headers }, keys);
    return fetch(`http://${host}${url}`, {
      method: 'POST',
      headers: { ...headers, authorization },
      body: '{"name":"lb"}',
    });
  };
  const first = await (await create()).json();
  const second = await (await create()).json();
  const unsigned = await fetch(`http://${host}/v1/blb`, { method: 'POST' });
  gatewayServer.close();
  assert.deepEqual([first, second, runs], [{ blbId: 'lb-1' }, { blbId: 'lb-1' }, 1]);
  assert.equal((await unsigned.json()).code, 'AccessDenied');
  console.log('cjs ok (core, express, koa, testing, bceAuth, clientToken)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
