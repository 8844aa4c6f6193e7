// Koa 3: the route throws a BlbError and blbErrorHandler() answers it.
import Koa from 'koa3';
import { core, koaAdapter } from './built-package.js';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const { BlbError } = core;
const { blbErrorHandler } = koaAdapter;
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
