import { describeWithRedis } from '../support/redis-server.js';
import { startStressServer, type StressServer } from './support/stress-child.js';
import { bceBody, leakIn, send, type WireResponse } from './support/wire.js';

// test/redis-outage.test.ts proves the sequence one request at a time; this keeps 20 clients
// writing with tokens while Redis is killed and restarted under them.
describeWithRedis('clientToken on Redis, killed and restarted under load', (redis) => {
  let server: StressServer;
  beforeAll(async () => {
    server = await startStressServer({ STRESS_REDIS_URL: redis().url });
  });
  afterAll(() => server.stop());

  it.each(['redis-express5', 'redis-koa3'])(
    '%s: every request gets 201 or a BCE InternalError, never a hang, and it recovers',
    async (name) => {
      const port = server.port(name);
      const post = (token: string): Promise<WireResponse> =>
        send({
          port,
          method: 'POST',
          path: `/v1/blb?clientToken=${token}`,
          headers: { 'content-type': 'application/json' },
          body: '{"name":"lb"}',
          timeoutMs: 5000,
        });
      const wrong: string[] = [];
      const seen = { created: 0, failed: 0 };
      let phase: 'up' | 'down' | 'back' = 'up';
      let running = true;
      let n = 0;
      const client = async (): Promise<void> => {
        while (running) {
          const res = await post(`${name}-${phase}-${String((n += 1))}`);
          if (res.status === 201) seen.created += 1;
          else if (res.status === 500 && bceBody(res).code === 'InternalError') seen.failed += 1;
          else wrong.push(`${String(res.status)} ${res.text}`);
          if (leakIn(res.text) !== undefined) wrong.push(`leak: ${res.text}`);
        }
      };
      const clients = Array.from({ length: 20 }, client);
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      try {
        await pause(300);
        await redis().stop();
        phase = 'down';
        await pause(800);
        const failedWhileDown = seen.failed;
        await redis().restart();
        phase = 'back';
        await pause(1000);
        expect(failedWhileDown).toBeGreaterThan(0);
      } finally {
        running = false;
        await Promise.all(clients);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(seen.created).toBeGreaterThan(0);

      // Normal service: a new token runs once, and its retry is replayed.
      const runsBefore = (await server.report()).runs[name] ?? 0;
      const first = await post(`${name}-after`);
      expect(first.status).toBe(201);
      const retry = await post(`${name}-after`);
      expect(retry.status).toBe(201);
      expect(retry.text).toBe(first.text);
      const report = await server.report();
      expect(report.runs[name]).toBe(runsBefore + 1);
      expect(report).toMatchObject({ uncaught: [], unhandled: [], doubleWrites: 0 });
    },
    30_000,
  );
});
