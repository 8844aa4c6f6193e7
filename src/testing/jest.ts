// Type-only, erased: it puts `expect` in the program so the augmentation below has a target even
// where @types/jest is not loaded (the build's `types` is only `node`).
import type {} from 'expect';
import { blbMatchers, type BceErrorMatchers } from './matchers.js';

// The global `expect` is typed by @types/jest's `jest` namespace.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- @types/jest's own shape
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged with jest's Matchers<R, T>
    interface Matchers<R, T = {}> extends BceErrorMatchers<R, T> {}
  }
}

// `import { expect } from '@jest/globals'` is typed by the `expect` package, which never reads
// the global namespace above. The type parameters must repeat the package's own declaration.
declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged with expect's Matchers<R, T>
  interface Matchers<R extends void | Promise<void>, T = unknown> extends BceErrorMatchers<R, T> {}
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
