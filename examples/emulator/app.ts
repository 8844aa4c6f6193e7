import express, { type Express, type RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { bceAuth, blbErrorHandler, clientToken, requestId } from '../../adapters/express/index.js';
import { BlbError, memoryStore } from '../../src/index.js';
import {
  controlProblem,
  defaultConfig,
  EmulatorConfigError,
  type EmulatorAccount,
  type EmulatorConfig,
} from './config.js';
import type { Caller } from './context.js';
import { controlRoutes, FaultRegistry } from './faults.js';
import { backendServerRoutes } from './routes/backend-servers.js';
import { instanceRoutes } from './routes/instances.js';
import { listenerRoutes } from './routes/listeners.js';
import { securityGroupRoutes } from './routes/security-groups.js';
import { AccountStore } from './store.js';

/** The account's standing: blocked, unsubscribed or unverified accounts can do nothing. */
function standingOf(account: EmulatorAccount): BlbError | undefined {
  const flags = account.flags ?? {};
  if (flags.serviceBlocked === true) return new BlbError('ServiceBlocked');
  if (flags.optInRequired === true) return new BlbError('OptInRequired');
  if (flags.realNameAuthenticationRequired === true)
    return new BlbError('RealNameAuthenticationRequired');
  return undefined;
}

// Any API version but v1 is one this service does not have.
const versionCheck: RequestHandler = (req, _res, next) => {
  const version = /^\/(v\d+)(\/|$)/.exec(req.path)?.[1];
  next(version !== undefined && version !== 'v1' ? new BlbError('InvalidVersion') : undefined);
};

// A write whose body is not JSON cannot be read as a BLB request.
const jsonBodyCheck: RequestHandler = (req, _res, next) => {
  const hasBody =
    Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  next(
    hasBody && req.is(['application/json', 'text/json']) === false
      ? new BlbError('InvalidHTTPRequest')
      : undefined,
  );
};

// The body's bytes, for clientToken's fingerprint: a retry must resend the same bytes, and two
// bodies that parse alike (a repeated key, 1e400) are still different requests.
const keepRawBody = (req: IncomingMessage, _res: unknown, buf: Buffer): void => {
  Object.assign(req, { rawBody: buf });
};

/**
 * Who signed the request, or with verification off the first account for every request (the
 * bench measures verification against this; curl needs no signature).
 */
function authentication(
  config: EmulatorConfig,
  accounts: ReadonlyMap<string, EmulatorAccount>,
): RequestHandler {
  if (config.verifySignatures) {
    return bceAuth({
      credentials: (accessKeyId) => accounts.get(accessKeyId)?.secretAccessKey,
      now: config.now,
    });
  }
  const first = config.accounts[0];
  if (first === undefined) {
    throw new EmulatorConfigError('verifySignatures: false needs an account to act as');
  }
  const unverified: RequestHandler = (_req, res, next) => {
    res.locals.accessKeyId = first.accessKeyId;
    next();
  };
  return unverified;
}

/**
 * The BLB API emulator: the standard BLB API over an in-memory store, verified with bceAuth,
 * idempotent with clientToken, and answering every failure through blbErrorHandler(). Throws an
 * `EmulatorConfigError` for a control API enabled without a long enough admin token.
 *
 * @example
 * ```ts
 * createEmulatorApp({ provisioningDelayMs: 0 }).listen(8080, '127.0.0.1');
 * ```
 */
export function createEmulatorApp(overrides: Partial<EmulatorConfig> = {}): Express {
  const config: EmulatorConfig = { ...defaultConfig, ...overrides };
  const problem = controlProblem(config.control);
  if (problem !== undefined) throw new EmulatorConfigError(problem);
  const accounts = new Map(config.accounts.map((account) => [account.accessKeyId, account]));
  const stores = new Map<string, AccountStore>();
  const faults = new FaultRegistry();

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(requestId());
  if (config.control.enabled && config.control.adminToken !== undefined) {
    app.use('/_emulator', controlRoutes(config.control.adminToken, faults));
  }
  app.use(authentication(config, accounts));
  app.use((_req, res, next) => {
    const accessKeyId = res.locals.accessKeyId as string;
    const account = accounts.get(accessKeyId);
    if (account === undefined) throw new BlbError('InvalidAccessKeyId');
    let store = stores.get(accessKeyId);
    if (store === undefined) stores.set(accessKeyId, (store = new AccountStore(config)));
    const caller: Caller = { account, store };
    res.locals.caller = caller;
    next(standingOf(account));
  });
  app.use(versionCheck);
  app.use(faults.middleware());
  app.use(jsonBodyCheck);
  app.use(express.json({ strict: false, limit: '1mb', verify: keepRawBody }));
  app.use(clientToken({ store: memoryStore() }));
  app.use(
    '/v1',
    instanceRoutes(config),
    listenerRoutes(),
    backendServerRoutes(),
    securityGroupRoutes(),
  );
  app.use(blbErrorHandler());
  return app;
}
