import express5 from 'express5';
import request from 'supertest';
import { memoryStore, type IdempotencyClaim } from '../src/idempotency/index.js';
import { close, listen } from './conformance.js';
import { createExpressTokenApp } from './support/client-token-apps.js';

const claim = (claimId: string): IdempotencyClaim => ({
  state: 'running',
  claimId,
  fingerprint: 'fp',
});
const completed = {
  state: 'completed',
  fingerprint: 'fp',
  response: { status: 201, contentType: 'application/json', body: Buffer.from('{}') },
} as const;

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

describe('memoryStore', () => {
  it('stays within maxEntries under many distinct tokens', async () => {
    const store = memoryStore({ maxEntries: 100 });
    let largest = 0;
    for (let i = 0; i < 10_000; i += 1) {
      await store.claim(`token-${i}`, claim(`c-${i}`), 60_000);
      if (i % 2 === 0) await store.record(`token-${i}`, completed, 60_000);
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(100);
    expect(store.size).toBe(100);
    expect(await store.get('token-9999')).toEqual(claim('c-9999'));
    expect(await store.get('token-0')).toBeUndefined();
  });

  it('forgets the least recently used token first', async () => {
    const store = memoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await store.claim(key, claim(key), 60_000);
    await store.get('a');
    await store.claim('d', claim('d'), 60_000);
    expect(await store.get('b')).toBeUndefined();
    for (const key of ['a', 'c', 'd']) expect(await store.get(key)).toEqual(claim(key));
  });

  it('expires an entry once its TTL has passed on the injected clock', async () => {
    const clock = manualClock();
    const store = memoryStore({ now: clock.now });
    expect(await store.claim('t', claim('first'), 1000)).toBe(true);
    clock.advance(999);
    expect(await store.claim('t', claim('second'), 1000)).toBe(false);
    await store.record('t', completed, 5000);
    clock.advance(4999);
    expect(await store.get('t')).toEqual(completed);
    clock.advance(1);
    expect(await store.get('t')).toBeUndefined();
    expect(await store.claim('t', claim('third'), 1000)).toBe(true);
  });

  it('releases only its own claim, never a newer claim or a recorded response', async () => {
    const store = memoryStore();
    await store.claim('t', claim('mine'), 60_000);
    await store.release('t', 'someone-else');
    expect(await store.get('t')).toEqual(claim('mine'));
    await store.record('t', completed, 60_000);
    await store.release('t', 'mine');
    expect(await store.get('t')).toEqual(completed);
    await store.claim('u', claim('mine'), 60_000);
    await store.release('u', 'mine');
    expect(await store.get('u')).toBeUndefined();
  });

  it('keeps no entry for requests without a clientToken, and one per token with one', async () => {
    const store = memoryStore({ maxEntries: 5 });
    const app = createExpressTokenApp(express5, { store });
    const server = await listen(app.listener);
    try {
      await request(server).post('/v1/blb').send({ name: 'lb-a' });
      expect(store.size).toBe(0);
      for (let i = 0; i < 20; i += 1) {
        await request(server).post(`/v1/blb?clientToken=t-${i}`).send({ name: 'lb-a' });
        expect(store.size).toBeLessThanOrEqual(5);
      }
      expect(store.size).toBe(5);
    } finally {
      await close(server);
    }
  });

  it('replays until ttlSeconds have passed on the injected clock, then runs the token again', async () => {
    const clock = manualClock();
    const app = createExpressTokenApp(express5, {
      store: memoryStore({ now: clock.now }),
      ttlSeconds: 3600,
    });
    const server = await listen(app.listener);
    const post = () => request(server).post('/v1/blb?clientToken=t-1').send({ name: 'lb-a' });
    try {
      await post();
      clock.advance(3_599_999);
      expect((await post()).body).toEqual({ blbId: 'lb-1', name: 'lb-a' });
      clock.advance(1);
      expect((await post()).body).toEqual({ blbId: 'lb-2', name: 'lb-a' });
    } finally {
      await close(server);
    }
  });
});
