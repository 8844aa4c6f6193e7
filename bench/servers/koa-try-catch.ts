// Koa 3: the route calls ctx.throw(404, …) and a hand-written try/catch middleware writes the body.
import Koa from 'koa3';
import { isHttpError } from 'http-errors';
import { randomUUID } from 'node:crypto';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const requestId = randomUUID();
    ctx.set(E.requestIdHeader, requestId);
    if (isHttpError(error) && error.status === E.status) {
      ctx.status = E.status;
      ctx.body = { requestId, code: E.code, message: E.message };
    } else {
      ctx.status = 500;
      ctx.body = { requestId, code: 'InternalError', message: 'We encountered an internal error.' };
    }
  }
});
app.use((ctx) => {
  if (ctx.path === E.path) ctx.throw(404, E.message);
  ctx.status = 400;
});
const handle = app.callback();
// Koa's callback settles its own promise (it answers errors itself): nothing to await here.
serve((req, res) => {
  void handle(req, res);
});
