// One replica of a small Express BLB app on a shared Redis, run as its own process by
// test/redis-replicas.test.ts: `node --import tsx test/support/replica-app.ts`.
// Env: REDIS_URL, KEY_PREFIX, REPLICA_NAME. Prints `{"port":…}` once it listens.
import express from 'express5';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { clientToken } from '../../adapters/express/client-token.js';
import { blbErrorHandler, requestId } from '../../adapters/express/index.js';
import { redisStore } from '../../src/idempotency/index.js';

const prefix = process.env.KEY_PREFIX ?? 'replicas:';
const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
redis.on('error', (error: unknown) => {
  process.stderr.write(`redis: ${String(error)}\n`);
});
await redis.connect();

const app = express();
app.use(requestId(), express.json());
app.use(clientToken({ store: redisStore(redis, { keyPrefix: prefix }) }));
app.post('/v1/blb', async (req, res) => {
  // Runs are counted in Redis, so the test sees both processes' runs in one place.
  const token = typeof req.query.clientToken === 'string' ? req.query.clientToken : '';
  const run = await redis.incr(`${prefix}runs:${token}`);
  await sleep(Number(req.query.delayMs ?? 0));
  const { name } = req.body as { name?: unknown };
  res.status(201).json({ blbId: `lb-${run}`, name, replica: process.env.REPLICA_NAME });
});
app.use(blbErrorHandler());

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
// The test holds our stdin: when it ends (the test finished or died), so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
