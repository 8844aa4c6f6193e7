// Express 5 with no error handler of ours: the route throws an http-errors 404 and Express's
// default handler (finalhandler) answers with an HTML page. Express also logs every error it
// handles (console.error) unless its env is 'test'; that is part of the default's cost, unless
// BENCH_QUIET=1 silences it to measure the handler alone.
import express from 'express5';
import createError from 'http-errors';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

if (process.env.BENCH_QUIET === '1') {
  console.error = (): void => undefined;
}
const app = express();
app.disable('x-powered-by');
app.get(E.path, () => {
  throw createError(E.status, E.message);
});
serve(app);
