import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  createIdempotencyGate,
  type ClientTokenOptions,
  type IdempotencyOutcome,
  type RecordedResponse,
} from '../../src/index.js';

export type { ClientTokenOptions } from '../../src/index.js';

type Settle = Extract<IdempotencyOutcome, { kind: 'run' }>['settle'];
type Write = (...args: unknown[]) => unknown;

/**
 * Makes requests with a `clientToken` query parameter idempotent, as BCE does, for Express 4
 * and 5. Mount it after `requestId()`, `bceAuth()` and the body parser, before the routes. A
 * retry with the same token and parameters gets the first 2xx response again without running
 * the route; a failed request frees its token for a retry.
 *
 * @example
 * ```ts
 * import { blbErrorHandler, clientToken, requestId } from 'blb-errors/express';
 * app.use(requestId(), express.json(), clientToken());
 * app.post('/v1/blb', createLoadBalancer);
 * app.use(blbErrorHandler());
 * ```
 */
export function clientToken(options: ClientTokenOptions = {}): RequestHandler {
  const gate = createIdempotencyGate(options);
  return function blbClientToken(req: Request, res: Response, next: NextFunction): void {
    const request = {
      method: req.method,
      url: req.originalUrl,
      // Kept by `express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } })`.
      rawBody: (req as { rawBody?: unknown }).rawBody,
      parsedBody: req.body as unknown,
      accessKeyId: res.locals.accessKeyId as unknown,
    };
    gate(request).then((outcome) => {
      if (outcome.kind === 'replay') {
        replay(res, outcome.response);
        return;
      }
      if (outcome.kind === 'run') captureResponse(res, outcome.settle);
      next();
    }, next);
  };
}

function replay(res: Response, response: RecordedResponse): void {
  res.statusCode = response.status;
  if (response.contentType === undefined) res.removeHeader('content-type');
  else res.setHeader('content-type', response.contentType);
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}

/**
 * Keeps what the route writes and settles at `res.end`, before the last bytes go out: a client
 * that sees the response and retries at once (on any replica) finds it recorded, not running.
 * A response cut before it ended keeps its claim until `claimTtlSeconds`: the route may still
 * be running, and a retry must not run it a second time.
 */
function captureResponse(res: Response, settle: Settle): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown): void => {
    if (typeof chunk === 'string') {
      const name = typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8';
      chunks.push(Buffer.from(chunk, name));
    } else if (chunk instanceof Uint8Array) {
      chunks.push(Buffer.from(chunk));
    }
  };
  const write = res.write.bind(res) as Write;
  const end = res.end.bind(res) as Write;

  res.write = function blbCaptureWrite(...args: unknown[]) {
    keep(args[0], args[1]);
    return write(...args);
  } as Response['write'];
  res.end = function blbCaptureEnd(...args: unknown[]) {
    keep(args[0], args[1]);
    res.write = write as Response['write'];
    res.end = end as Response['end'];
    const contentType = res.getHeader('content-type');
    const recorded: RecordedResponse = {
      status: res.statusCode,
      body: Buffer.concat(chunks),
      ...(typeof contentType === 'string' ? { contentType } : {}),
    };
    void settle(recorded).then(() => end(...args));
    return res;
  } as Response['end'];
}
