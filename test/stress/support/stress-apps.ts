import express4 from 'express4';
import express5 from 'express5';
import createError from 'http-errors';
import type Koa from 'koa';
import koa2 from 'koa2';
import koa3 from 'koa3';
import type { RequestListener } from 'node:http';
import { blbErrorHandler } from '../../../adapters/express/index.js';
import type { BlbErrorHandlerOptions } from '../../../src/index.js';
import { createExpressApp } from '../../support/express-app.js';
import { asListener, createKoaApp } from '../../support/koa-app.js';
import { failingStream } from '../../support/failing-stream.js';

/** A foreign 5xx message: it must never reach a body. */
export const FOREIGN_5XX = 'upstream db-7.internal:5432 refused';

/**
 * Express 4 or 5: the conformance app (`test/support/express-app.ts`) mounted behind a few
 * routes of the stress suite:
 * - `GET /slow-fail`: fails with a foreign 503 after 100 ms (the client may be gone by then);
 * - `GET /stream/early|late`: a body stream that fails before or after its first chunk;
 * - `POST /throw-body`: throws the parsed JSON body itself (a hostile "error").
 */
export function stressExpressApp(
  framework: typeof express4,
  options: BlbErrorHandlerOptions,
): RequestListener {
  const app = framework();
  app.get('/slow-fail', (_req, _res, next) => {
    setTimeout(() => {
      next(createError(503, FOREIGN_5XX));
    }, 100);
  });
  app.get('/stream/:when', (req, res, next) => {
    const stream = failingStream(req.params.when === 'early', FOREIGN_5XX);
    res.type('text/plain');
    // `pipe`, not `pipeline`: an early failure must leave the response open for the answer.
    stream.on('error', next);
    stream.pipe(res);
  });
  app.post('/throw-body', framework.json(), (req) => {
    throw req.body;
  });
  app.use(createExpressApp(framework, options));
  app.use(blbErrorHandler({ ...options, notFound: false }));
  return app as RequestListener;
}

/** Koa 2 or 3: the conformance app (`test/support/koa-app.ts`) and the stress routes above. */
export function stressKoaApp(Framework: typeof Koa, options: BlbErrorHandlerOptions): Koa {
  const app = createKoaApp(Framework, options);
  // Reached for every path the conformance routes pass on with `next()`.
  app.use(async (ctx, next) => {
    if (ctx.path === '/slow-fail') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw createError(503, FOREIGN_5XX);
    }
    if (ctx.path === '/throw-body') throw ctx.request.body;
    await next();
  });
  return app;
}

/** What each framework target of the stress server is built with. */
export const frameworkTargets = {
  express4: (options: BlbErrorHandlerOptions) => stressExpressApp(express4, options),
  express5: (options: BlbErrorHandlerOptions) => stressExpressApp(express5, options),
  koa2: (options: BlbErrorHandlerOptions) => asListener(stressKoaApp(koa2, options)),
  koa3: (options: BlbErrorHandlerOptions) => asListener(stressKoaApp(koa3, options)),
} as const;

export type FrameworkName = keyof typeof frameworkTargets;
export const frameworkNames = Object.keys(frameworkTargets) as FrameworkName[];
