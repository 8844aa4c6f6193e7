/**
 * `npm run test:stress`: hostile traffic, faults and load (test/stress/*.stress.ts). Kept out of
 * `npm test`'s run (its testMatch is *.test.ts); the same transform and module mapping.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/stress'],
  testMatch: ['**/*.stress.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.cjs.json', diagnostics: false }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // The load and memory runs take tens of seconds each; every request has its own 10 s bound.
  testTimeout: 60_000,
};
