import { expectTypeOf } from 'expect-type';
import { createClient, createCluster } from 'redis';
import { redisStore, type RedisStoreClient } from '../src/idempotency/index.js';

describe('redisStore types', () => {
  it('takes node-redis v5 clients of every flavour, and nothing that is not one', () => {
    expectTypeOf(createClient()).toExtend<RedisStoreClient>();
    expectTypeOf(createClient({ RESP: 3 })).toExtend<RedisStoreClient>();
    expectTypeOf(createCluster({ rootNodes: [] })).toExtend<RedisStoreClient>();
    expectTypeOf(createClient().createPool()).toExtend<RedisStoreClient>();
    // @ts-expect-error a Map is not a Redis client
    redisStore(new Map<string, string>());
  });
});
