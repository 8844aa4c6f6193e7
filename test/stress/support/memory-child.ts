// Run with `node --expose-gc --import tsx`: 100,000 error responses over loopback HTTP from an
// Express 5 and a Koa 3 app in this process, then 102,000 distinct clientTokens through one
// bounded memoryStore. Sends one `MemoryResult` over IPC and exits.
import express5 from 'express5';
import koa3 from 'koa3';
import http, { type RequestListener, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createIdempotencyGate, memoryStore } from '../../../src/idempotency/index.js';
import { createExpressTokenApp } from '../../support/client-token-apps.js';
import { createExpressApp } from '../../support/express-app.js';
import { asListener, createKoaApp } from '../../support/koa-app.js';
import { bceViolation, send } from './wire.js';

export interface MemoryResult {
  readonly type: 'memory';
  /** Heap used after gc(), in bytes, after the 10,000th and the 100,000th error response. */
  readonly heapAt10k: number;
  readonly heapAt100k: number;
  readonly errorResponses: number;
  /** The first responses that were not the expected BCE error or 201. */
  readonly wrong: readonly string[];
  readonly maxEntries: number;
  readonly tokens: number;
  /** The store's `size`, largest seen (checked after every response) and at the end. */
  readonly largestSize: number;
  readonly finalSize: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('start this script with --expose-gc');
const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

async function listen(listener: RequestListener): Promise<Server> {
  const server = http.createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}
const portOf = (server: Server): number => (server.address() as AddressInfo).port;

const quiet = { onError: () => undefined };
const ports = [
  portOf(await listen(createExpressApp(express5, quiet) as RequestListener)),
  portOf(await listen(asListener(createKoaApp(koa3, quiet)))),
];
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const wrong: string[] = [];

/** `total` requests over 32 connections; `check` says what is wrong with a response. */
async function drive(
  total: number,
  request: (i: number) => Parameters<typeof send>[0],
  check: (res: Awaited<ReturnType<typeof send>>) => string | undefined,
  at: (done: number) => void = () => undefined,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) {
      const problem = check(await send(request(i)));
      if (problem !== undefined && wrong.length < 10) wrong.push(problem);
      done += 1;
      at(done);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

const paths = ['/throw/sync/BlbError-InstanceNotFound', '/throw/async/plain-error', '/v1/nowhere'];
await drive(
  10_000,
  (i) => ({ port: ports[i % 2] ?? 0, path: paths[i % 3] ?? '/', agent }),
  (res) => bceViolation(res),
);
const heapAt10k = heapAfterGc();
await drive(
  90_000,
  (i) => ({ port: ports[i % 2] ?? 0, path: paths[i % 3] ?? '/', agent }),
  (res) => bceViolation(res),
);
const heapAt100k = heapAfterGc();

// 100,000 distinct tokens through the gate clientToken() runs for every request (claim, then
// record the 201), then 2,000 more through the middleware over HTTP, on one bounded store.
const maxEntries = 1000;
const store = memoryStore({ maxEntries });
let largestSize = 0;
const gate = createIdempotencyGate({ store });
const tokens = 100_000;
for (let i = 0; i < tokens; i += 1) {
  const outcome = await gate({
    method: 'POST',
    url: `/v1/blb?clientToken=gate-${String(i)}`,
    rawBody: Buffer.from('{"name":"lb"}'),
    accessKeyId: 'ak-memory',
  });
  if (outcome.kind !== 'run') wrong.push(`gate: ${outcome.kind} for a new token`);
  else
    await outcome.settle({ status: 201, body: Buffer.from('{}'), contentType: 'application/json' });
  largestSize = Math.max(largestSize, store.size);
}
const tokenApp = createExpressTokenApp(express5, { store });
const tokenPort = portOf(await listen(tokenApp.listener));
const httpTokens = 2000;
await drive(
  httpTokens,
  (i) => ({
    port: tokenPort,
    method: 'POST',
    path: `/v1/blb?clientToken=http-${String(i)}`,
    headers: { 'content-type': 'application/json' },
    body: '{"name":"lb"}',
    agent,
  }),
  (res) => (res.status === 201 ? undefined : `token: ${String(res.status)} ${res.text}`),
  () => (largestSize = Math.max(largestSize, store.size)),
);

const result: MemoryResult = {
  type: 'memory',
  heapAt10k,
  heapAt100k,
  errorResponses: 100_000,
  wrong,
  maxEntries,
  tokens: tokens + httpTokens,
  largestSize,
  finalSize: store.size,
};
process.send?.(result, () => process.exit(0));
