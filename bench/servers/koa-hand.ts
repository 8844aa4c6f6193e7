// Koa 3: a hand-written route that sets the status and body, no throw.
import Koa from 'koa3';
import { randomUUID } from 'node:crypto';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const app = new Koa();
app.use((ctx) => {
  if (ctx.path !== E.path) {
    ctx.status = 400;
    return;
  }
  const requestId = randomUUID();
  ctx.status = E.status;
  ctx.set(E.requestIdHeader, requestId);
  ctx.body = { requestId, code: E.code, message: E.message };
});
const handle = app.callback();
// Koa's callback settles its own promise (it answers errors itself): nothing to await here.
serve((req, res) => {
  void handle(req, res);
});
