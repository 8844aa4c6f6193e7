import { blbMatchers, type BceErrorMatchers } from './matchers.js';

// Augments both the global `jest` namespace (@types/jest) and the `expect` package
// (@jest/globals), so `expect(res).toBeBceError(...)` type-checks either way.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- @types/jest's own shape
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged with jest's Matchers<R, T>
    interface Matchers<R, T = {}> extends BceErrorMatchers<R, T> {}
  }
}

interface ExpectWithExtend {
  extend(matchers: Record<string, unknown>): void;
}

// No import of jest: it stays an optional peer. The test runner provides `expect` globally.
const globalExpect = (globalThis as { expect?: ExpectWithExtend }).expect;
if (globalExpect === undefined) {
  throw new Error('blb-errors/testing/jest: no global expect; use expect.extend(blbMatchers)');
}
globalExpect.extend(blbMatchers);
