import express5 from 'express5';
import koa3 from 'koa3';
import type { Server } from 'node:http';
import request from 'supertest';
import { redisStore } from '../src/idempotency/index.js';
import { close, listen } from './conformance.js';
import {
  createExpressTokenApp,
  createKoaTokenApp,
  type TokenApp,
} from './support/client-token-apps.js';
import { expectBceError } from './support/client-token-suite.js';
import { connectRedis, type TestRedisClient } from './support/redis-client.js';
import { describeWithRedis } from './support/redis-server.js';

describeWithRedis('clientToken while Redis goes away and comes back', (server) => {
  let client: TestRedisClient;
  const apps: { app: TokenApp; server: Server }[] = [];
  beforeAll(async () => {
    client = await connectRedis(server().url);
    // Separate prefixes: the two apps reuse token names but fingerprint bodies differently.
    const options = (keyPrefix: string) => ({
      store: redisStore(client, { keyPrefix, timeoutMs: 300 }),
    });
    for (const app of [
      createExpressTokenApp(express5, options('express:')),
      createKoaTokenApp(koa3, options('koa:')),
    ]) {
      apps.push({ app, server: await listen(app.listener) });
    }
  });
  afterAll(async () => {
    client.destroy();
    await Promise.all(apps.map((entry) => close(entry.server)));
  });
  const post = (listening: Server, path: string) =>
    request(listening).post(path).send({ name: 'lb-a' });

  it('answers InternalError while Redis is down instead of waiting for it, and recovers once it is back', async () => {
    for (const { server: listening } of apps) {
      expect((await post(listening, '/v1/blb?clientToken=before')).status).toBe(201);
    }

    await server().stop();
    for (const { server: listening } of apps) {
      // node-redis queues commands while it reconnects: without the store's timeout this request
      // would wait for Redis, and the test would run into jest's timeout.
      expectBceError(await post(listening, '/v1/blb?clientToken=during'), 500, 'InternalError');
      // Without a token the store is never asked: the route still answers.
      expect((await post(listening, '/v1/blb')).status).toBe(201);
    }

    await server().restart();
    for (const { app, server: listening } of apps) {
      const runsBefore = app.runs();
      let res = await post(listening, '/v1/blb?clientToken=after');
      for (const deadline = Date.now() + 5000; res.status !== 201 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        res = await post(listening, '/v1/blb?clientToken=after');
      }
      expect(res.status).toBe(201);
      expect((await post(listening, '/v1/blb?clientToken=after')).text).toBe(res.text);
      expect(app.runs()).toBe(runsBefore + 1);
    }
  }, 20_000);
});
