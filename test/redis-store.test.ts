import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdempotencyStoreError,
  redisStore,
  type IdempotencyClaim,
  type IdempotencyRecord,
} from '../src/idempotency/index.js';
import { createIdempotencyGate } from '../src/idempotency/index.js';
import { connectRedis, type TestRedisClient } from './support/redis-client.js';
import { describeWithRedis } from './support/redis-server.js';

const claim = (claimId: string): IdempotencyClaim => ({
  state: 'running',
  claimId,
  fingerprint: 'fp',
});
const record: IdempotencyRecord = {
  state: 'completed',
  fingerprint: 'fp',
  response: { status: 201, contentType: 'application/json', body: Buffer.from('{"ok":true}') },
};

describeWithRedis('redisStore', (server) => {
  // Two connections stand for two replicas.
  let replicaA: TestRedisClient;
  let replicaB: TestRedisClient;
  beforeAll(async () => {
    replicaA = await connectRedis(server().url);
    replicaB = await connectRedis(server().url);
  });
  afterAll(async () => {
    await Promise.all([replicaA.close(), replicaB.close()]);
  });
  const prefix = () => `test:${randomUUID()}:`;

  it('lets exactly one of many concurrent claims on two connections win', async () => {
    const keyPrefix = prefix();
    const a = redisStore(replicaA, { keyPrefix });
    const b = redisStore(replicaB, { keyPrefix });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).claim('t', claim(`c-${i}`), 60_000),
      ),
    );
    expect(results.filter((won) => won)).toHaveLength(1);
  });

  it("never deletes another replica's claim on release", async () => {
    const keyPrefix = prefix();
    const a = redisStore(replicaA, { keyPrefix });
    const b = redisStore(replicaB, { keyPrefix });
    expect(await a.claim('t', claim('claim-a'), 60_000)).toBe(true);
    await b.release('t', 'claim-b');
    expect(await b.get('t')).toEqual(claim('claim-a'));
    await a.release('t', 'claim-a');
    expect(await b.get('t')).toBeUndefined();
  });

  it("records a response only over its own claim, never over another replica's", async () => {
    const keyPrefix = prefix();
    const a = redisStore(replicaA, { keyPrefix });
    const b = redisStore(replicaB, { keyPrefix });
    expect(await a.claim('t', claim('claim-a'), 100)).toBe(true);
    await sleep(150);
    // A outlived its claim, and B claimed the token.
    expect(await b.claim('t', claim('claim-b'), 60_000)).toBe(true);
    expect(await a.record('t', 'claim-a', record, 60_000)).toBe(false);
    expect(await a.get('t')).toEqual(claim('claim-b'));
    expect(await replicaA.pTTL(`${keyPrefix}t`)).toBeGreaterThan(1000);
    expect(await b.record('t', 'claim-b', record, 60_000)).toBe(true);
    expect(await a.get('t')).toEqual(record);
    expect(await b.record('t', 'claim-b', record, 60_000)).toBe(false);
    expect(await a.record('absent', 'claim-a', record, 60_000)).toBe(false);
    expect(await replicaA.exists(`${keyPrefix}absent`)).toBe(0);
  });

  it('answers a retry LastOperationNotFinished while the replica that re-claimed runs', async () => {
    const keyPrefix = prefix();
    const errors: unknown[] = [];
    const options = { claimTtlSeconds: 0.1, onStoreError: (error: unknown) => errors.push(error) };
    const gateA = createIdempotencyGate({ store: redisStore(replicaA, { keyPrefix }), ...options });
    const gateB = createIdempotencyGate({ store: redisStore(replicaB, { keyPrefix }), ...options });
    const request = { method: 'POST', url: '/v1/blb?clientToken=t' };
    const first = await gateA(request);
    await sleep(150);
    const second = await gateB(request);
    if (first.kind !== 'run' || second.kind !== 'run') throw new Error('expected two runs');
    await first.settle(record.response);
    expect(errors).toEqual([expect.any(IdempotencyStoreError)]);
    await expect(gateA(request)).rejects.toMatchObject({ code: 'LastOperationNotFinished' });
    const response = { ...record.response, body: Buffer.from('{"run":2}') };
    await second.settle(response);
    expect(await gateA(request)).toEqual({ kind: 'replay', response });
    expect(errors).toHaveLength(1);
  });

  it('keeps a recorded response (bytes included) under the key prefix until its TTL passes', async () => {
    const keyPrefix = prefix();
    const store = redisStore(replicaA, { keyPrefix });
    await store.claim('t', claim('c'), 60_000);
    expect(await store.record('t', 'c', record, 200)).toBe(true);
    await store.release('t', 'c');
    const stored = await store.get('t');
    expect(stored).toEqual(record);
    expect(await replicaA.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}t`]);
    const ttl = await replicaA.pTTL(`${keyPrefix}t`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await store.get('t')).toBeUndefined();
  });

  it('fails a call after timeoutMs when Redis does not answer, and works again after', async () => {
    const keyPrefix = prefix();
    const store = redisStore(replicaA, { keyPrefix, timeoutMs: 200 });
    await replicaB.sendCommand(['CLIENT', 'PAUSE', '500', 'ALL']);
    // Redis is paused for 500 ms: without the timeout the call would succeed after the pause.
    await expect(store.get('t')).rejects.toThrow('Redis did not answer within 200 ms');
    await replicaB.sendCommand(['CLIENT', 'UNPAUSE']);
    expect(await store.claim('t', claim('c'), 60_000)).toBe(true);
  });

  it('frees a claim that timed out but reached Redis, once Redis answers again', async () => {
    const keyPrefix = prefix();
    const store = redisStore(replicaA, { keyPrefix, timeoutMs: 200 });
    await replicaB.sendCommand(['CLIENT', 'PAUSE', '2000', 'ALL']);
    try {
      await expect(store.claim('t', claim('c'), 60_000)).rejects.toThrow(
        'Redis did not answer within 200 ms',
      );
    } finally {
      await replicaB.sendCommand(['CLIENT', 'UNPAUSE']);
    }
    // Same connection: Redis runs the paused SET, then the release queued behind it, then this.
    expect(await store.claim('t', claim('retry'), 60_000)).toBe(true);
    expect(await store.get('t')).toEqual(claim('retry'));
  });

  it('rejects a value under the prefix that it did not write, as a store error', async () => {
    const keyPrefix = prefix();
    await replicaA.set(`${keyPrefix}:t`, 'not json');
    const gate = createIdempotencyGate({ store: redisStore(replicaA, { keyPrefix }) });
    await expect(gate({ method: 'POST', url: '/v1/blb?clientToken=t' })).rejects.toBeInstanceOf(
      IdempotencyStoreError,
    );
  });
});
