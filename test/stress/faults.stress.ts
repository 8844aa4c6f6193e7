import { demo } from '../support/emulator-env.js';
import { FOREIGN_5XX, frameworkNames } from './support/stress-apps.js';
import { startStressServer, type StressServer } from './support/stress-child.js';
import {
  bceBody,
  finalResponses,
  hasFinalResponse,
  leakIn,
  rawExchange,
  rawHead,
  send,
  signedHeaders,
  type WireResponse,
} from './support/wire.js';

// The framework targets, the clientToken apps and the emulator (signed, as an SDK would).
const jsonTargets = [
  ...frameworkNames.map((name) => ({ name, path: '/json' })),
  { name: 'token-express5', path: '/v1/blb?clientToken=fault-1' },
  { name: 'token-koa3', path: '/v1/blb?clientToken=fault-1' },
  { name: 'emulator', path: '/v1/blb' },
];

let server: StressServer;
beforeAll(async () => {
  server = await startStressServer();
});
afterAll(() => server.stop());

function headersFor(name: string, method: string, path: string): Record<string, string> {
  const port = server.port(name);
  return name === 'emulator'
    ? signedHeaders(demo, port, method, path)
    : { host: `127.0.0.1:${String(port)}`, 'content-type': 'application/json' };
}

/** A request that must succeed on the target: proof that it serves normally after a fault. */
async function expectServesNormally(name: string): Promise<void> {
  const port = server.port(name);
  if (name.startsWith('token-')) {
    const res = await send({
      port,
      method: 'POST',
      path: '/v1/blb',
      headers: headersFor(name, 'POST', '/v1/blb'),
      body: '{"name":"after"}',
    });
    expect(res.status).toBe(201);
  } else if (name === 'emulator') {
    const res = await send({ port, path: '/v1/blb', headers: headersFor(name, 'GET', '/v1/blb') });
    expect(res.status).toBe(200);
  } else {
    const res = await send({ port, path: '/ok' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true });
  }
}

/** The server process is alive and saw no crash, no unhandled rejection and no double write. */
async function expectServerUnharmed(): Promise<void> {
  expect(server.alive()).toBe(true);
  expect(await server.report()).toMatchObject({ uncaught: [], unhandled: [], doubleWrites: 0 });
}

const statusLines = (received: string): number => received.split('HTTP/1.1 ').length - 1;

describe('clients that misbehave', () => {
  it.each(jsonTargets)('$name: a client that aborts mid-body', async ({ name, path }) => {
    const head = rawHead('POST', path, {
      ...headersFor(name, 'POST', path),
      'content-length': 500,
    });
    const outcome = await rawExchange(server.port(name), [head, '{"name":"half'], {
      closeAfterWrite: true,
    });
    expect(outcome.received).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expectServerUnharmed();
    await expectServesNormally(name);
  });

  it('a body slower than the request timeout: every target closes the socket, once', async () => {
    // All targets at once. A byte every 250 ms for up to 7.5 s; the requestTimeout is 2 s.
    const drip = Array.from({ length: 30 }, () => ' ');
    const outcomes = await Promise.all(
      jsonTargets.map(async ({ name, path }) => {
        const head = rawHead('POST', path, {
          ...headersFor(name, 'POST', path),
          'content-length': 100,
        });
        const outcome = await rawExchange(server.port(name), [head, '{', ...drip], {
          delayMs: 250,
          timeoutMs: 9000,
        });
        return {
          name,
          ended: outcome.ended,
          answers: statusLines(outcome.received),
          received: outcome.received,
        };
      }),
    );
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ended: 'closed' });
      // Node's own 408, or nothing: never a success, never two answers.
      expect(outcome.answers).toBeLessThanOrEqual(1);
      if (outcome.received !== '') expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
    }
    await expectServerUnharmed();
    for (const { name } of jsonTargets) await expectServesNormally(name);
  });

  it.each(frameworkNames)('%s: a client that closes before a slow error response', async (name) => {
    const head = rawHead('GET', '/slow-fail', { host: '127.0.0.1' });
    const outcome = await rawExchange(server.port(name), [head], { closeAfterWrite: true });
    expect(outcome.received).toBe('');
    // The route fails 100 ms later, onto a socket that is gone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectServerUnharmed();
    await expectServesNormally(name);
  });

  /** Head with `Expect: 100-continue`, then (100 ms later) the body; the final answer. */
  async function afterContinue(name: string, path: string, body: string) {
    const head = rawHead('POST', path, {
      ...headersFor(name, 'POST', path),
      'content-length': body.length,
      expect: '100-continue',
    });
    const outcome = await rawExchange(server.port(name), [head, body], {
      delayMs: 100,
      until: hasFinalResponse,
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    const answers = finalResponses(outcome.received);
    expect(answers).toHaveLength(1);
    return answers[0] as WireResponse;
  }

  it.each(jsonTargets)(
    '$name: Expect: 100-continue, then a malformed body, answers MalformedJSON',
    async ({ name, path }) => {
      const res = await afterContinue(name, path, '{"vpcId": RAWBODY');
      expect(res.status).toBe(400);
      expect(bceBody(res).code).toBe('MalformedJSON');
      expect(leakIn(res.text)).toBeUndefined();
      await expectServesNormally(name);
    },
  );

  it.each(jsonTargets)(
    '$name: Expect: 100-continue with a 10 MB body answers 413',
    async ({ name, path }) => {
      const res = await afterContinue(name, path, `{"blob":"${'x'.repeat(10 * 1024 * 1024)}"}`);
      expect(res.status).toBe(413);
      expect(bceBody(res).code).toBe('InvalidHTTPRequest');
      expect(res.text).not.toContain('xxxx');
      await expectServerUnharmed();
      await expectServesNormally(name);
    },
  );
});

describe('errors after the headers went out, and from streams', () => {
  it.each(frameworkNames)(
    '%s: a route failing after writing its head: the connection is cut, never written twice',
    async (name) => {
      const head = rawHead('GET', '/headers-sent', { host: '127.0.0.1' });
      const outcome = await rawExchange(server.port(name), [head]);
      expect(outcome.ended).toBe('closed');
      // Express destroys the socket in the tick it wrote the head: it may never reach the wire.
      expect(statusLines(outcome.received)).toBeLessThanOrEqual(1);
      if (outcome.received !== '') expect(outcome.received).toMatch(/^HTTP\/1\.1 200 /);
      expect(outcome.received).not.toContain('requestId');
      expect(leakIn(outcome.received)).toBeUndefined();
      await expectServerUnharmed();
      await expectServesNormally(name);
    },
  );

  // Koa's failing body streams: test/koa-streams.test.ts.
  it.each(['express4', 'express5'])(
    '%s: a body stream failing before its first byte answers a masked InternalError',
    async (name) => {
      const res = await send({ port: server.port(name), path: '/stream/early' });
      expect(res.status).toBe(500);
      expect(bceBody(res).code).toBe('InternalError');
      expect(res.text).not.toContain(FOREIGN_5XX);
      await expectServerUnharmed();
    },
  );

  it.each(['express4', 'express5'])(
    '%s: a body stream failing after its first chunk cuts the connection',
    async (name) => {
      const head = rawHead('GET', '/stream/late', { host: '127.0.0.1' });
      const outcome = await rawExchange(server.port(name), [head]);
      expect(outcome.ended).toBe('closed');
      expect(statusLines(outcome.received)).toBe(1);
      expect(outcome.received).toContain('partial');
      // Chunked, and cut before the terminating chunk: the client can tell it is incomplete.
      expect(outcome.received.endsWith('0\r\n\r\n')).toBe(false);
      expect(outcome.received).not.toContain(FOREIGN_5XX);
      await expectServerUnharmed();
      await expectServesNormally(name);
    },
  );
});

it('holds no connection open once every client is done', async () => {
  let connections = -1;
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    connections = (await server.report()).connections;
    if (connections === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(connections).toBe(0);
  await expectServerUnharmed();
});
