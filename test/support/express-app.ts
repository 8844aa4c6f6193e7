import type express from 'express';
import type { RequestListener } from 'node:http';
import { blbErrorHandler, requestId } from '../../adapters/express/index.js';
import { BlbError, type BlbErrorHandlerOptions } from '../../src/index.js';
import { staleBodyHeaderValues } from './bce-body.js';
import { casesByName, retryError, type ThrowableCase } from './throwables.js';

type Express = typeof express;

/** A real Express app (4 or 5) with the conformance routes and the package's middleware. */
export function createExpressApp(
  framework: Express,
  options?: BlbErrorHandlerOptions,
): express.Express {
  const app = framework();
  app.use(requestId(options));
  app.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/request-id', (_req, res) => {
    res.json({ requestId: res.locals.requestId as unknown });
  });
  const failing = (name: string): ThrowableCase => {
    const found = casesByName.get(name);
    if (found === undefined) throw new Error(`no conformance case ${name}`);
    return found;
  };
  // Registered only where it is used: Express 4 would leave the rejection unhandled.
  app.get('/throw/async/:name', async (req) => {
    await Promise.resolve();
    throw failing(req.params.name).make();
  });
  app.get('/throw/next/:name', (req, _res, next) => {
    next(failing(req.params.name).make());
  });
  app.get('/throw/sync/:name', (req) => {
    throw failing(req.params.name).make();
  });
  app.get('/retry', () => {
    throw retryError();
  });
  app.get('/cors', (_req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    throw new BlbError('AccessDenied');
  });
  app.get('/stale', (_req, res) => {
    for (const [name, value] of Object.entries(staleBodyHeaderValues)) res.setHeader(name, value);
    res.setHeader('access-control-allow-origin', '*');
    throw new BlbError('InstanceNotFound');
  });
  app.get('/headers-sent', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new Error('failed mid-stream');
  });
  app.post('/json', framework.json({ limit: '1kb' }), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(blbErrorHandler(options));
  return app;
}

export const asListener = (app: express.Express): RequestListener => app as RequestListener;
