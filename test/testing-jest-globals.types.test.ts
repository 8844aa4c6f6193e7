import { expect } from '@jest/globals';
import { expectTypeOf } from 'expect-type';
import '../src/testing/jest.js';

const good = {
  status: 404,
  headers: { 'content-type': 'application/json; charset=utf-8', 'x-bce-request-id': 'r-1' },
  body: {
    requestId: 'r-1',
    code: 'InstanceNotFound',
    message: 'The specified BLB instance does not exist.',
  },
};

// Checked by `tsc` (npm run typecheck): `@jest/globals`' expect is typed by the `expect` package,
// not by @types/jest's global namespace, so it needs its own augmentation.
describe("toBeBceError on @jest/globals' expect", () => {
  it('type-checks and runs like the global expect', () => {
    expect(good).toBeBceError('InstanceNotFound', { status: 404, requestId: 'r-1' });
    expect(good).not.toBeBceError('ListenerNotFound');
    expect({ ...good, body: { ...good.body, code: 'MyCode' } }).toBeBceError('MyCode', {
      allowCustomCodes: true,
    });
  });

  it('types the code argument against the catalog', () => {
    expect(() => {
      // @ts-expect-error a typo of a catalog code does not compile
      expect(good).toBeBceError('InstanceNotFund');
    }).toThrow();
  });

  it('types the matcher on a fetch Response as a promise to await', async () => {
    const response = new Response(JSON.stringify(good.body), {
      status: 404,
      headers: good.headers,
    });
    const pending = expect(response).toBeBceError('InstanceNotFound');
    expectTypeOf(pending).toEqualTypeOf<Promise<void>>();
    await pending;
  });
});
