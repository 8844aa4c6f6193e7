import { bodyParser } from '@koa/bodyparser';
import express4 from 'express4';
import express5 from 'express5';
import koa2 from 'koa2';
import koa3 from 'koa3';
import type { RequestListener } from 'node:http';
import { bceAuth as expressBceAuth } from '../../adapters/express/auth.js';
import { blbErrorHandler as expressErrorHandler } from '../../adapters/express/index.js';
import { bceAuth as koaBceAuth } from '../../adapters/koa/auth.js';
import { blbErrorHandler as koaErrorHandler } from '../../adapters/koa/index.js';
import type { BceAuthOptions } from '../../src/auth/index.js';
import { asListener } from './koa-app.js';

/** The one key pair the apps know. */
export const DEMO_CREDENTIALS = { ak: 'demo-ak', sk: 'demo-sk' } as const;

/** Options knowing only `DEMO_CREDENTIALS`, asynchronously, as a database lookup would be. */
export function demoAuthOptions(overrides: Partial<BceAuthOptions> = {}): BceAuthOptions {
  return {
    credentials: (ak) =>
      Promise.resolve(ak === DEMO_CREDENTIALS.ak ? DEMO_CREDENTIALS.sk : undefined),
    ...overrides,
  };
}

/** What every app answers to a request that passed `bceAuth()`. */
export interface AuthEcho {
  readonly accessKeyId: unknown;
  readonly method: string;
  readonly url: string;
  readonly query: unknown;
  readonly body: unknown;
}

export interface AuthTarget {
  readonly name: string;
  /** A real app: `bceAuth(options)`, a JSON body parser, an echo of any request, the BCE errors. */
  readonly createApp: (options: BceAuthOptions) => RequestListener;
}

const quiet = { onError: () => undefined };

function expressApp(framework: typeof express4, options: BceAuthOptions): RequestListener {
  const app = framework();
  app.use(expressBceAuth(options));
  app.use(framework.json());
  // Synchronous on purpose: Express 4 would not see a rejected promise.
  app.use((req, res) => {
    const echo: AuthEcho = {
      accessKeyId: res.locals.accessKeyId,
      method: req.method,
      url: req.originalUrl,
      query: req.query,
      body: req.body as unknown,
    };
    res.json(echo);
  });
  app.use(expressErrorHandler(quiet));
  return app as RequestListener;
}

function koaApp(Framework: typeof koa2, options: BceAuthOptions): RequestListener {
  const app = new Framework();
  app.use(koaErrorHandler(quiet));
  app.use(koaBceAuth(options));
  app.use(bodyParser());
  app.use((ctx) => {
    const echo: AuthEcho = {
      accessKeyId: ctx.state.accessKeyId as unknown,
      method: ctx.method,
      url: ctx.originalUrl,
      query: ctx.query,
      body: ctx.request.body,
    };
    ctx.body = echo;
  });
  return asListener(app);
}

/** The four frameworks under test, each with `bceAuth()` and `blbErrorHandler()` mounted. */
export const authTargets: readonly AuthTarget[] = [
  { name: 'express@4', createApp: (options) => expressApp(express4, options) },
  { name: 'express@5', createApp: (options) => expressApp(express5, options) },
  { name: 'koa@2', createApp: (options) => koaApp(koa2, options) },
  { name: 'koa@3', createApp: (options) => koaApp(koa3, options) },
];
