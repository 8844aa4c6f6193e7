import { bodyParser } from '@koa/bodyparser';
import type express from 'express';
import type Koa from 'koa';
import type { RequestListener } from 'node:http';
import { Readable } from 'node:stream';
import { clientToken } from '../../adapters/express/client-token.js';
import { blbErrorHandler, requestId } from '../../adapters/express/index.js';
import { clientToken as koaClientToken } from '../../adapters/koa/client-token.js';
import { blbErrorHandler as koaErrorHandler } from '../../adapters/koa/index.js';
import type { ClientTokenOptions } from '../../src/idempotency/index.js';
import { BlbError } from '../../src/index.js';

/**
 * A real app with `clientToken()` between a stand-in for bceAuth (the `x-test-access-key`
 * header becomes the access key id) and these routes, each counting its runs:
 * - `POST /v1/blb`: 201 `{ blbId: 'lb-<run>', name }` (JSON);
 * - `POST /v1/text`: 200 `created <run>` (text/plain);
 * - `POST /v1/flaky?mode=throw|status`: the first run fails (throws `InstanceCreationFailed`, or
 *   answers 503 itself), later runs answer 200 `{ attempt }`;
 * - `POST /v1/slow`: starts, then answers 201 only once the test calls `finishSlow()`;
 * - `POST /v1/stream`: 200 with a streamed text body.
 */
export interface TokenApp {
  readonly listener: RequestListener;
  /** How many times a route ran, all routes together. */
  runs(): number;
  /** Resolves once `/v1/slow` is running. */
  readonly slowStarted: Promise<void>;
  finishSlow(): void;
}

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

// Promise.withResolvers is Node 22+; the package supports Node 20.
function deferred(): Deferred {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

interface AppState {
  runs: number;
  readonly started: Deferred;
  readonly gate: Deferred;
}

function newState(): AppState {
  return { runs: 0, started: deferred(), gate: deferred() };
}

function toTokenApp(listener: RequestListener, state: AppState): TokenApp {
  return {
    listener,
    runs: () => state.runs,
    slowStarted: state.started.promise,
    finishSlow: () => {
      state.gate.resolve();
    },
  };
}

const nameOf = (body: unknown): unknown => (body as { name?: unknown } | undefined)?.name ?? null;

/** Express 4 or 5, mounted as the README says: requestId, auth, body parser, clientToken. */
export function createExpressTokenApp(
  framework: typeof express,
  options?: ClientTokenOptions,
): TokenApp {
  const state = newState();
  const app = framework();
  app.use(requestId());
  app.use((req, res, next) => {
    const accessKeyId = req.get('x-test-access-key');
    if (accessKeyId !== undefined) res.locals.accessKeyId = accessKeyId;
    next();
  });
  app.use(framework.json());
  app.use(clientToken(options));
  app.post('/v1/blb', (req, res) => {
    state.runs += 1;
    res.status(201).json({ blbId: `lb-${state.runs}`, name: nameOf(req.body) });
  });
  app.post('/v1/text', (_req, res) => {
    state.runs += 1;
    res.type('text/plain').send(`created ${state.runs}`);
  });
  app.post('/v1/flaky', (req, res) => {
    state.runs += 1;
    if (state.runs === 1 && req.query.mode === 'throw')
      throw new BlbError('InstanceCreationFailed');
    if (state.runs === 1) res.status(503).json({ failed: true });
    else res.json({ attempt: state.runs });
  });
  // Express 4 ignores returned promises: the route never rejects, it answers when released.
  app.post('/v1/slow', (_req, res) => {
    state.runs += 1;
    const run = state.runs;
    state.started.resolve();
    void state.gate.promise.then(() => res.status(201).json({ blbId: `lb-${run}` }));
  });
  app.post('/v1/stream', (_req, res) => {
    state.runs += 1;
    res.type('text/plain');
    Readable.from(['streamed ', `run ${state.runs}`]).pipe(res);
  });
  app.use(blbErrorHandler({ onError: () => undefined }));
  return toTokenApp(app as RequestListener, state);
}

/** Koa 2 or 3: blbErrorHandler first, then auth, @koa/bodyparser (keeps the raw body), clientToken. */
export function createKoaTokenApp(Framework: typeof Koa, options?: ClientTokenOptions): TokenApp {
  const state = newState();
  const app = new Framework();
  app.use(koaErrorHandler({ onError: () => undefined }));
  app.use(async (ctx, next) => {
    const accessKeyId = ctx.get('x-test-access-key');
    if (accessKeyId !== '') ctx.state.accessKeyId = accessKeyId;
    await next();
  });
  app.use(bodyParser());
  app.use(koaClientToken(options));
  app.use(async (ctx, next) => {
    if (ctx.method !== 'POST') {
      await next();
      return;
    }
    state.runs += 1;
    const run = state.runs;
    switch (ctx.path) {
      case '/v1/blb':
        ctx.status = 201;
        ctx.body = { blbId: `lb-${run}`, name: nameOf(ctx.request.body) };
        return;
      case '/v1/text':
        ctx.type = 'text/plain';
        ctx.body = `created ${run}`;
        return;
      case '/v1/flaky':
        if (run === 1 && ctx.query.mode === 'throw') throw new BlbError('InstanceCreationFailed');
        ctx.status = run === 1 ? 503 : 200;
        ctx.body = run === 1 ? { failed: true } : { attempt: run };
        return;
      case '/v1/slow':
        state.started.resolve();
        await state.gate.promise;
        ctx.status = 201;
        ctx.body = { blbId: `lb-${run}` };
        return;
      case '/v1/stream':
        ctx.type = 'text/plain';
        ctx.body = Readable.from(['streamed ', `run ${run}`]);
        return;
      default:
        state.runs -= 1;
        await next();
    }
  });
  const handle = app.callback();
  return toTokenApp((req, res) => void handle(req, res), state);
}
