// The stress suite's server process: every target app on its own port of 127.0.0.1, with
// process-level failures counted instead of crashing, so the tests can ask what happened here.
// Run as `node --import tsx test/stress/support/stress-server.ts` with an IPC channel.
import express5 from 'express5';
import koa3 from 'koa3';
import http, { type RequestListener, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createEmulatorApp } from '../../../examples/emulator/app.js';
import { memoryStore, redisStore, type IdempotencyStore } from '../../../src/idempotency/index.js';
import { authTargets, demoAuthOptions } from '../../support/bce-auth-apps.js';
import {
  createExpressTokenApp,
  createKoaTokenApp,
  type TokenApp,
} from '../../support/client-token-apps.js';
import { adminToken, testAccounts } from '../../support/emulator-env.js';
import { connectRedis } from '../../support/redis-client.js';
import { frameworkNames, frameworkTargets } from './stress-apps.js';
import type { ServerReport, StressMessage } from './stress-protocol.js';

const failures = { uncaught: [] as string[], unhandled: [] as string[] };
process.on('uncaughtException', (error) => failures.uncaught.push(String(error)));
process.on('unhandledRejection', (reason) => failures.unhandled.push(String(reason)));

const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const baselineKeys = prototypeKeys();
let doubleWrites = 0;
let reports = 0;

// A second head or a second end on one response is a double write, whoever attempts it.
function guarded(listener: RequestListener): RequestListener {
  return (req, res) => {
    const writeHead = res.writeHead.bind(res);
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = (...args: unknown[]) => {
      if (res.headersSent) doubleWrites += 1;
      return writeHead(...(args as Parameters<ServerResponse['writeHead']>));
    };
    res.end = ((...args: unknown[]) => {
      if (res.writableEnded) doubleWrites += 1;
      return end(...args);
    }) as ServerResponse['end'];
    listener(req, res);
  };
}

const servers = new Map<string, Server>();
async function serve(name: string, listener: RequestListener): Promise<void> {
  // Short timeouts, so that the slow-body tests see the server give up within a few seconds (the
  // load test raises them: on a busy 2-core machine a request may wait longer than that).
  const timeout = Number(process.env.STRESS_REQUEST_TIMEOUT_MS ?? 2000);
  const server = http.createServer(
    { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: 100 },
    guarded(listener),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.set(name, server);
}

const counting = { onError: () => (reports += 1) };
const throwing = {
  onError: () => {
    throw new Error('logger down');
  },
};
for (const name of frameworkNames) {
  // Two targets count their reports, two have a hook that throws on every error.
  const options = name === 'express4' || name === 'koa2' ? counting : throwing;
  await serve(name, frameworkTargets[name](options));
}
for (const target of authTargets)
  await serve(`auth-${target.name}`, target.createApp(demoAuthOptions()));
await serve(
  'emulator',
  createEmulatorApp({
    accounts: testAccounts,
    provisioningDelayMs: 0,
    control: { enabled: true, adminToken },
  }),
);

const tokenApps = new Map<string, TokenApp>();
// A failed record after the route ran (Redis killed) is expected here: no stderr line for it.
const onStoreError = (): undefined => undefined;
async function serveTokenApps(prefix: string, store: () => IdempotencyStore): Promise<void> {
  for (const [name, app] of [
    [`${prefix}-express5`, createExpressTokenApp(express5, { store: store(), onStoreError })],
    [`${prefix}-koa3`, createKoaTokenApp(koa3, { store: store(), onStoreError })],
  ] as const) {
    tokenApps.set(name, app);
    await serve(name, app.listener);
  }
}
await serveTokenApps('token', () => memoryStore({ maxEntries: 1000 }));
const redisUrl = process.env.STRESS_REDIS_URL;
if (redisUrl !== undefined && redisUrl !== '') {
  const client = await connectRedis(redisUrl);
  let n = 0;
  await serveTokenApps('redis', () =>
    redisStore(client, { keyPrefix: `s${++n}:`, timeoutMs: 300 }),
  );
}

async function report(): Promise<ServerReport> {
  let connections = 0;
  for (const server of servers.values()) {
    connections += await new Promise<number>((resolve) => {
      server.getConnections((_error, count) => {
        resolve(count);
      });
    });
  }
  const runs = Object.fromEntries([...tokenApps].map(([name, app]) => [name, app.runs()]));
  const keys = prototypeKeys();
  return {
    ...failures,
    doubleWrites,
    reports,
    connections,
    runs,
    prototypeChanged: keys.join() !== baselineKeys.join(),
    plainObjectPolluted: 'polluted' in {} || 'polluted' in [],
  };
}

process.on('message', (_message: StressMessage) => {
  // 'report' is the only message.
  void report().then((body) => process.send?.({ type: 'report', body }));
});
const ports = Object.fromEntries(
  [...servers].map(([name, server]) => [name, (server.address() as AddressInfo).port]),
);
process.send?.({ type: 'ready', ports });
