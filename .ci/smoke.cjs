const assert = require('node:assert/strict');
const express = require('express');
const { BlbError, catalog, isBlbError, toBceResponse } = require('blb-errors');
const { blbErrorHandler, requestId } = require('blb-errors/express');

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
  console.log('cjs ok (core, express)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
