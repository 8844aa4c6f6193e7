// The ceiling: plain node:http writing the InstanceNotFound bytes, no framework.
import { randomUUID } from 'node:crypto';
import { INSTANCE_NOT_FOUND as E } from './instance-not-found.js';
import { serve } from './serve.js';

serve((req, res) => {
  if (req.url !== E.path) {
    res.writeHead(400).end();
    return;
  }
  const requestId = randomUUID();
  const json = JSON.stringify({ requestId, code: E.code, message: E.message });
  res.writeHead(E.status, {
    'content-type': E.contentType,
    [E.requestIdHeader]: requestId,
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
});
