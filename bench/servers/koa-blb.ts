// Koa 3: the route throws a BlbError and blbErrorHandler() answers it.
import Koa from 'koa3';
import { blbErrorHandler } from '../../adapters/koa/index.js';
import { BlbError } from '../../src/index.js';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const app = new Koa();
app.use(blbErrorHandler());
app.use((ctx) => {
  if (ctx.path === E.path) throw new BlbError('InstanceNotFound');
  ctx.status = 400;
});
const handle = app.callback();
// Koa's callback settles its own promise (it answers errors itself): nothing to await here.
serve((req, res) => {
  void handle(req, res);
});
