const assert = require('node:assert/strict');
const { BlbError, catalog, isBlbError, toBceResponse } = require('blb-errors');

const response = toBceResponse(new BlbError('InstanceNotFound'), 'smoke-cjs');
assert.equal(response.status, catalog.InstanceNotFound.status);
assert.equal(response.body.code, 'InstanceNotFound');
assert.ok(isBlbError(new BlbError('AccessDenied'), 'AccessDenied'));
console.log('cjs ok');
