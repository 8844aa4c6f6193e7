import { randomUUID } from 'node:crypto';
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

  it('keeps a recorded response (bytes included) under the key prefix until its TTL passes', async () => {
    const keyPrefix = prefix();
    const store = redisStore(replicaA, { keyPrefix });
    await store.claim('t', claim('c'), 60_000);
    await store.record('t', record, 200);
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
    const started = Date.now();
    await expect(store.get('t')).rejects.toThrow('Redis did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(900);
    await replicaB.sendCommand(['CLIENT', 'UNPAUSE']);
    expect(await store.claim('t', claim('c'), 60_000)).toBe(true);
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
