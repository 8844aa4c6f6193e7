import { randomUUID } from 'node:crypto';
import { redisStore } from '../src/idempotency/index.js';
import { runClientTokenSuite } from './support/client-token-suite.js';
import { tokenTargets } from './support/client-token-targets.js';
import { connectRedis, type TestRedisClient } from './support/redis-client.js';
import { describeWithRedis } from './support/redis-server.js';

describeWithRedis('clientToken on redisStore', (server) => {
  let client: TestRedisClient | undefined;
  beforeAll(async () => {
    client = await connectRedis(server().url);
  });
  afterAll(async () => {
    await client?.close();
  });
  const create = () => {
    if (client === undefined) throw new Error('the Redis client has not connected');
    // A prefix per app: the apps share one server and reuse token names.
    return redisStore(client, { keyPrefix: `test:${randomUUID()}:` });
  };
  for (const target of tokenTargets) runClientTokenSuite(target, { name: 'redisStore', create });
});
