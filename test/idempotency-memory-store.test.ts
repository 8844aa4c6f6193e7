import express5 from 'express5';
import koa3 from 'koa3';
import request from 'supertest';
import {
  memoryStore,
  type ClientTokenOptions,
  type IdempotencyClaim,
} from '../src/idempotency/index.js';
import { close, listen } from './conformance.js';
import { createExpressTokenApp, createKoaTokenApp } from './support/client-token-apps.js';
import { expectBceError } from './support/client-token-suite.js';

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
      expect(await store.claim(`token-${i}`, claim(`c-${i}`), 60_000)).toBe(true);
      // The last few requests are still running; the others finished.
      if (i < 9_995) await store.record(`token-${i}`, `c-${i}`, completed, 60_000);
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(100);
    expect(store.size).toBe(100);
    expect(await store.get('token-9999')).toEqual(claim('c-9999'));
    expect(await store.get('token-9994')).toEqual(completed);
    expect(await store.get('token-0')).toBeUndefined();
  });

  it('forgets the least recently used finished token first', async () => {
    const store = memoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) {
      await store.claim(key, claim(key), 60_000);
      await store.record(key, key, completed, 60_000);
    }
    await store.get('a');
    await store.claim('d', claim('d'), 60_000);
    expect(await store.get('b')).toBeUndefined();
    for (const key of ['a', 'c']) expect(await store.get(key)).toEqual(completed);
    expect(await store.get('d')).toEqual(claim('d'));
  });

  it('never forgets a running claim to make room: the least recent finished entry goes', async () => {
    const store = memoryStore({ maxEntries: 3 });
    await store.claim('running', claim('running'), 60_000);
    for (const key of ['b', 'c']) {
      await store.claim(key, claim(key), 60_000);
      await store.record(key, key, completed, 60_000);
    }
    expect(await store.claim('d', claim('d'), 60_000)).toBe(true);
    expect(store.size).toBe(3);
    expect(await store.get('running')).toEqual(claim('running'));
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toEqual(completed);
  });

  it('refuses a new token while every entry is a live running claim, until one expires', async () => {
    const clock = manualClock();
    const store = memoryStore({ maxEntries: 2, now: clock.now });
    await store.claim('a', claim('a'), 1000);
    await store.claim('b', claim('b'), 5000);
    await expect(store.claim('c', claim('c'), 1000)).rejects.toThrow(
      'memoryStore is full: all 2 entries are requests still running',
    );
    expect(store.size).toBe(2);
    expect(await store.get('a')).toEqual(claim('a'));
    expect(await store.get('b')).toEqual(claim('b'));
    clock.advance(1000);
    // 'a' was touched last, but it expired: it goes, not the live claim 'b'.
    expect(await store.claim('c', claim('c'), 1000)).toBe(true);
    expect(store.size).toBe(2);
    expect(await store.get('b')).toEqual(claim('b'));
    expect(await store.get('c')).toEqual(claim('c'));
  });

  it('records a response only over its own running claim', async () => {
    const clock = manualClock();
    const store = memoryStore({ now: clock.now });
    await store.claim('t', claim('first'), 1000);
    clock.advance(1000);
    // The first request outlived its claim, and a retry claimed the token.
    await store.claim('t', claim('second'), 1000);
    expect(await store.record('t', 'first', completed, 60_000)).toBe(false);
    expect(await store.get('t')).toEqual(claim('second'));
    expect(await store.record('t', 'second', completed, 60_000)).toBe(true);
    expect(await store.get('t')).toEqual(completed);
    expect(await store.record('t', 'second', completed, 60_000)).toBe(false);
    expect(await store.record('absent', 'first', completed, 60_000)).toBe(false);
    expect(await store.get('absent')).toBeUndefined();
  });

  it('expires an entry once its TTL has passed on the injected clock', async () => {
    const clock = manualClock();
    const store = memoryStore({ now: clock.now });
    expect(await store.claim('t', claim('first'), 1000)).toBe(true);
    clock.advance(999);
    expect(await store.claim('t', claim('second'), 1000)).toBe(false);
    await store.record('t', 'first', completed, 5000);
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
    await store.record('t', 'mine', completed, 60_000);
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

  it.each([
    ['express@5', (options: ClientTokenOptions) => createExpressTokenApp(express5, options)],
    ['koa@3', (options: ClientTokenOptions) => createKoaTokenApp(koa3, options)],
  ])(
    'on %s, answers InternalError to a new token rather than forget a request still running',
    async (_name, createApp) => {
      const app = createApp({ store: memoryStore({ maxEntries: 1 }) });
      const server = await listen(app.listener);
      const post = (path: string) => request(server).post(path).send({ name: 'lb-a' });
      try {
        const slow = post('/v1/slow?clientToken=slow-1').then((res) => res);
        await app.slowStarted;
        expectBceError(await post('/v1/blb?clientToken=new-1'), 500, 'InternalError');
        expectBceError(await post('/v1/slow?clientToken=slow-1'), 409, 'LastOperationNotFinished');
        expect(app.runs()).toBe(1);
        app.finishSlow();
        expect((await slow).status).toBe(201);
        // Finished, the slow request's entry may go to make room.
        expect((await post('/v1/blb?clientToken=new-1')).status).toBe(201);
        expect(app.runs()).toBe(2);
      } finally {
        await close(server);
      }
    },
  );

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
