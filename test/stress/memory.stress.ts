import { once } from 'node:events';
import type { MemoryResult } from './support/memory-child.js';
import { nextMessage, spawnScript } from './support/stress-child.js';

describe('100,000 error responses in a process started with --expose-gc', () => {
  let result: MemoryResult;
  beforeAll(async () => {
    const child = spawnScript('test/stress/support/memory-child.ts', ['--expose-gc']);
    const exited = once(child, 'exit');
    try {
      result = await nextMessage<MemoryResult>(child, 'memory');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }, 90_000);

  it('answers every one with a valid BCE error and every new token with 201', () => {
    expect(result.wrong).toEqual([]);
    expect(result.errorResponses).toBe(100_000);
  });

  it('grows the heap after gc() by less than 5 MB between the 10,000th and the 100,000th', () => {
    expect(result.heapAt10k).toBeGreaterThan(0);
    expect(result.heapAt100k - result.heapAt10k).toBeLessThan(5 * 1024 * 1024);
  });

  it('keeps the idempotency memoryStore within maxEntries under 102,000 distinct tokens', () => {
    expect(result.tokens).toBeGreaterThanOrEqual(100_000);
    // Full, and never over: each new token pushed out the least recently used finished one.
    expect(result.largestSize).toBe(result.maxEntries);
    expect(result.finalSize).toBe(result.maxEntries);
  });
});
