// Koa 3: the least a throw can cost: the route throws a ready-made object (no Error, no stack)
// and a minimal try/catch writes the hand-written body. Context for the Koa targets: what any
// throwing design pays over koa-hand before it formats anything.
import Koa from 'koa3';
import { randomUUID } from 'node:crypto';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const readyMade = { status: E.status };
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch {
    const requestId = randomUUID();
    ctx.status = E.status;
    ctx.set(E.requestIdHeader, requestId);
    ctx.body = { requestId, code: E.code, message: E.message };
  }
});
app.use((ctx) => {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- no Error: no stack, no cost
  if (ctx.path === E.path) throw readyMade;
  ctx.status = 400;
});
const handle = app.callback();
// Koa's callback settles its own promise (it answers errors itself): nothing to await here.
serve((req, res) => {
  void handle(req, res);
});
