// Express 5: the route throws a BlbError and blbErrorHandler() answers it.
import express from 'express5';
import { core, expressAdapter } from './built-package.js';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const { BlbError } = core;
const { blbErrorHandler } = expressAdapter;
const app = express();
app.disable('x-powered-by');
app.get(E.path, () => {
  throw new BlbError('InstanceNotFound');
});
app.use(blbErrorHandler());
serve(app);
