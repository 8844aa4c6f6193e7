import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { verifyBceAuth, type BceAuthOptions } from '../../src/index.js';

export type { BceAuthOptions } from '../../src/index.js';

/**
 * Checks each request's bce-auth-v1 signature, for Express 4 and 5. A signed request goes on
 * with `res.locals.accessKeyId` set; any other reaches `blbErrorHandler()` through `next(err)`
 * as `AccessDenied`, `InvalidHTTPAuthHeader`, `InvalidAccessKeyId`, `RequestExpired`,
 * `InvalidURI` or `SignatureDoesNotMatch`. Mount it before the routes and any body parser.
 *
 * @example
 * ```ts
 * import { bceAuth, blbErrorHandler } from 'blb-errors/express';
 * app.use(bceAuth({ credentials: (ak) => secrets.get(ak) }));
 * app.get('/v1/blb', (req, res) => res.json({ owner: res.locals.accessKeyId }));
 * app.use(blbErrorHandler());
 * ```
 */
export function bceAuth(options: BceAuthOptions): RequestHandler {
  return function bceAuth(req: Request, res: Response, next: NextFunction): void {
    // `originalUrl`: the target as the client signed it, before any router strips a mount path.
    // Callbacks, not `await`: Express 4 ignores the promise a middleware returns.
    void verifyBceAuth(
      { method: req.method, url: req.originalUrl, headers: req.headers },
      options,
    ).then(({ accessKeyId }) => {
      res.locals.accessKeyId = accessKeyId;
      next();
    }, next);
  };
}
