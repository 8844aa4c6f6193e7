import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';
import type { RequestListener } from 'node:http';
import { blbErrorHandler } from '../../adapters/koa/index.js';
import { BlbError, type BlbErrorHandlerOptions } from '../../src/index.js';
import { staleBodyHeaderValues } from './bce-body.js';
import { casesByName, retryError } from './throwables.js';

type KoaClass = typeof Koa;

const failing = (name: string): unknown => {
  const found = casesByName.get(name);
  if (found === undefined) throw new Error(`no conformance case ${name}`);
  return found.make();
};

/** A real Koa app (2 or 3) with the conformance routes and the package's middleware. */
export function createKoaApp(
  Framework: KoaClass,
  options?: BlbErrorHandlerOptions,
  parser: Koa.Middleware = bodyParser({ jsonLimit: '1kb' }),
): Koa {
  const app = new Framework();
  app.use(blbErrorHandler(options));
  app.use(parser);
  app.use(async (ctx, next) => {
    const [, first, style, name = ''] = ctx.path.split('/');
    if (first === 'throw' && style === 'sync') {
      // A plain (non-async) middleware throwing synchronously.
      return ((): Promise<void> => {
        throw failing(name);
      })();
    }
    if (first === 'throw' && style === 'async') {
      await Promise.resolve();
      throw failing(name);
    }
    switch (ctx.path) {
      case '/ok':
        ctx.body = { ok: true };
        return;
      case '/request-id':
        ctx.body = { requestId: ctx.state.requestId as unknown };
        return;
      case '/retry':
        throw retryError();
      case '/cors':
        ctx.set('access-control-allow-origin', '*');
        throw new BlbError('AccessDenied');
      case '/stale':
        for (const [name, value] of Object.entries(staleBodyHeaderValues)) ctx.set(name, value);
        ctx.set('access-control-allow-origin', '*');
        throw new BlbError('InstanceNotFound');
      case '/headers-sent':
        ctx.res.writeHead(200, { 'content-type': 'text/plain' });
        ctx.res.write('partial');
        throw new Error('failed mid-stream');
      case '/json':
        ctx.body = { ok: true };
        return;
      default:
        await next();
    }
  });
  return app;
}

export const asListener = (app: Koa): RequestListener => app.callback();
