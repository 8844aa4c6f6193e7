import assert from 'node:assert/strict';
import { BlbError, catalog, isBlbError, toBceResponse } from 'blb-errors';

const response = toBceResponse(new BlbError('InstanceNotFound'), 'smoke-esm');
assert.equal(response.status, catalog.InstanceNotFound.status);
assert.equal(response.body.code, 'InstanceNotFound');
assert.ok(isBlbError(new BlbError('AccessDenied'), 'AccessDenied'));
console.log('esm ok');
