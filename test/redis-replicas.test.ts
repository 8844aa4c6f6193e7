import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectBceError, expectSameResponse } from './support/client-token-suite.js';
import { connectRedis, type TestRedisClient } from './support/redis-client.js';
import { describeWithRedis } from './support/redis-server.js';
import { startReplica, type Replica } from './support/replicas.js';

describeWithRedis('clientToken across two app processes sharing one Redis', (server) => {
  const keyPrefix = `replicas:${randomUUID()}:`;
  let redis: TestRedisClient;
  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    redis = await connectRedis(server().url);
    const env = { REDIS_URL: server().url, KEY_PREFIX: keyPrefix };
    [a, b] = await Promise.all([startReplica('A', env), startReplica('B', env)]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await redis.close();
  });
  const post = (replica: Replica, path: string, name = 'lb-a') =>
    request(replica.url).post(path).send({ name });
  const runs = async (token: string) => Number(await redis.get(`${keyPrefix}runs:${token}`));

  it('replays on B the response A recorded, without running the handler on B', async () => {
    const original = await post(a, '/v1/blb?clientToken=shared-1');
    expect(original.status).toBe(201);
    expect(original.body).toEqual({ blbId: 'lb-1', name: 'lb-a', replica: 'A' });
    const replay = await post(b, '/v1/blb?clientToken=shared-1');
    expectSameResponse(replay, original);
    expect(replay.headers['x-bce-request-id']).not.toBe(original.headers['x-bce-request-id']);
    expect(await runs('shared-1')).toBe(1);
  });

  it('answers IdempotentParameterMismatch on B to a token A ran with other parameters', async () => {
    await post(a, '/v1/blb?clientToken=shared-2', 'lb-a');
    expectBceError(
      await post(b, '/v1/blb?clientToken=shared-2', 'lb-b'),
      403,
      'IdempotentParameterMismatch',
    );
    expect(await runs('shared-2')).toBe(1);
  });

  it('runs the handler once when one token reaches A and B at the same time', async () => {
    const tokens = ['race-1', 'race-2', 'race-3', 'race-4', 'race-5'];
    await Promise.all(
      tokens.map(async (token) => {
        const path = `/v1/blb?clientToken=${token}&delayMs=500`;
        const answers = await Promise.all([post(a, path), post(b, path)]);
        const winner = answers.find((res) => res.status === 201);
        if (winner === undefined) throw new Error(`no replica ran ${token}`);
        const other = (winner.body as { replica: string }).replica === 'A' ? b : a;
        const loser = answers.find((res) => res !== winner);
        if (loser?.status === 409) {
          // The usual case: both ran at once, and one replica's claim stopped the other.
          expectBceError(loser, 409, 'LastOperationNotFinished');
        } else if (loser !== undefined) {
          // A loaded machine may deliver the second request only after the first finished: it
          // is then a replay of the winner's response, never a second run.
          expectSameResponse(loser, winner);
        }
        // A retry on the other replica, once the winner finished, gets the winner's response.
        expectSameResponse(await post(other, path), winner);
        expect(await runs(token)).toBe(1);
      }),
    );
  });
});
