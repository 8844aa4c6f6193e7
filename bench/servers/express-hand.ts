// Express 5: a hand-written route answering the same JSON without throwing (Express defaults,
// so res.json also computes an ETag, as it would in an app).
import express from 'express5';
import { randomUUID } from 'node:crypto';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

const app = express();
app.disable('x-powered-by');
app.get(E.path, (_req, res) => {
  const requestId = randomUUID();
  res
    .status(E.status)
    .set(E.requestIdHeader, requestId)
    .json({ requestId, code: E.code, message: E.message });
});
serve(app);
