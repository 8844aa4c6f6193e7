import type Koa from 'koa';
import { verifyBceAuth, type BceAuthOptions } from '../../src/index.js';

export type { BceAuthOptions } from '../../src/index.js';

/**
 * Checks each request's bce-auth-v1 signature, for Koa 2 and 3. A signed request goes on with
 * `ctx.state.accessKeyId` set; any other throws `AccessDenied`, `InvalidHTTPAuthHeader`,
 * `InvalidAccessKeyId`, `RequestExpired`, `InvalidURI` or `SignatureDoesNotMatch` for
 * `blbErrorHandler()`, which must be registered before it.
 *
 * @example
 * ```ts
 * import { bceAuth, blbErrorHandler } from 'blb-errors/koa';
 * app.use(blbErrorHandler());
 * app.use(bceAuth({ credentials: (ak) => secrets.get(ak) }));
 * ```
 */
export function bceAuth(options: BceAuthOptions): Koa.Middleware {
  return async function bceAuth(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    // `originalUrl`: the target as the client signed it, before any router strips a mount path.
    const request = { method: ctx.method, url: ctx.originalUrl, headers: ctx.headers };
    const { accessKeyId } = await verifyBceAuth(request, options);
    ctx.state.accessKeyId = accessKeyId;
    await next();
  };
}
