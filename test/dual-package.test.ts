import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Runs the built ESM and CJS copies side by side in one Node process, as a user who imports one
// and requires the other (or has two installs) would. `npm test` builds before jest runs.
const script = `
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const esm = await import(process.cwd() + '/dist/esm/src/index.js');
const cjs = require('./dist/cjs/src/index.js');
const fromCjs = new cjs.BlbError('InstanceNotFound');
const fromEsm = new esm.BlbError('ListenerNotFound');
console.log(JSON.stringify({
  distinctClasses: esm.BlbError !== cjs.BlbError,
  instanceofAcross: fromCjs instanceof esm.BlbError,
  esmSeesCjs: esm.isBlbError(fromCjs, 'InstanceNotFound'),
  cjsSeesEsm: cjs.isBlbError(fromEsm, 'ListenerNotFound'),
  esmAnswersCjs: esm.toBceResponse(fromCjs, 'r-1'),
  cjsAnswersEsm: cjs.toBceResponse(fromEsm, 'r-2').body.code,
}));
`;

describe('the ESM and CJS builds loaded together', () => {
  it('recognise each other’s BlbError through the Symbol.for brand', () => {
    expect(existsSync('dist/esm/src/index.js') && existsSync('dist/cjs/src/index.js')).toBe(true);
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const result = JSON.parse(output) as Record<string, unknown>;
    expect(result).toEqual({
      distinctClasses: true,
      instanceofAcross: false, // why the brand exists
      esmSeesCjs: true,
      cjsSeesEsm: true,
      esmAnswersCjs: {
        status: 404,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-bce-request-id': 'r-1' },
        body: {
          requestId: 'r-1',
          code: 'InstanceNotFound',
          message: 'The specified BLB instance does not exist.',
        },
      },
      cjsAnswersEsm: 'ListenerNotFound',
    });
  });
});
