// Express 5: the route throws a BlbError and blbErrorHandler() answers it.
import express from 'express5';
import { blbErrorHandler } from '../../adapters/express/index.js';
import { BlbError } from '../../src/index.js';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const app = express();
app.disable('x-powered-by');
app.get(E.path, () => {
  throw new BlbError('InstanceNotFound');
});
app.use(blbErrorHandler());
serve(app);
