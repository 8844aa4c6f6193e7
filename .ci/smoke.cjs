const assert = require('node:assert/strict');
const express = require('express');
const Koa = require('koa');
const { BlbError, catalog, isBlbError, toBceResponse } = require('blb-errors');
const { blbErrorHandler, requestId } = require('blb-errors/express');
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
  console.log('cjs ok (core, express, koa, testing)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
