import { Router, type Request } from 'express';
import { BlbError } from '../../../src/index.js';
import { callerOf } from '../context.js';
import type { EmulatorAccount } from '../config.js';
import {
  listenerModel,
  type CertDomain,
  listenerTypes,
  readListenerFields,
  requireCreateFields,
} from '../listener-spec.js';
import { page, type Instance, type Listener, type ListenerType } from '../store.js';
import {
  invalid,
  objectBody,
  queryInt,
  queryMaxKeys,
  queryParam,
  requiredArray,
  requiredInt,
} from '../validate.js';

const maxListeners = 20;

function typeOf(segment: string): ListenerType | undefined {
  const type = /^(TCP|UDP|HTTP|HTTPS|SSL)listener$/.exec(segment)?.[1];
  return listenerTypes.find((known) => known === type);
}

/** Certificates and redirects must point at something that exists. */
function checkReferences(
  account: EmulatorAccount,
  instance: Instance,
  fields: Readonly<Record<string, unknown>>,
): void {
  const known = new Set(account.certificates ?? []);
  const domains = (fields.additionalCertDomains ?? []) as readonly CertDomain[];
  const ids = [
    ...((fields.certIds ?? []) as readonly string[]),
    ...((fields.clientCertIds ?? []) as readonly string[]),
    ...domains.map((domain) => domain.certId),
  ];
  if (ids.some((id) => !known.has(id))) throw new BlbError('CertificateNotFound');
  const redirect = fields.redirectPort;
  if (
    typeof redirect === 'number' &&
    redirect !== 0 &&
    instance.listeners.get(redirect)?.listenerType !== 'HTTPS'
  ) {
    throw new BlbError('RedirectPortNotFound');
  }
}

function listPage(req: Request, listeners: readonly Listener[]): Record<string, unknown> {
  const port = queryInt(req.query, 'listenerPort', 1, 65535);
  const maxKeys = queryMaxKeys(req.query);
  const marker = queryParam(req.query, 'marker');
  // Listener markers are ports, ordered as numbers.
  if (marker !== undefined && marker !== '' && !/^\d{1,5}$/.test(marker)) throw invalid('marker');
  const { items, ...meta } = page(
    listeners.filter((l) => port === undefined || l.listenerPort === port),
    (l) => String(l.listenerPort),
    (a, b) => Number(a) - Number(b),
    marker,
    maxKeys,
  );
  return {
    listenerList: items.map((l) => ({
      ...listenerModel(l, l.listenerType),
      listenerType: l.listenerType,
    })),
    ...meta,
  };
}

/** The listeners a batch delete names: `portList: [80]` or `portTypeList: [{ port, type }]`. */
function deleteTargets(
  body: Readonly<Record<string, unknown>>,
): { port: number; type?: ListenerType }[] {
  const byType = body.portTypeList !== undefined;
  const name = byType ? 'portTypeList' : 'portList';
  return requiredArray(body, name).map((entry) => {
    const { port, type } = (byType ? (entry ?? {}) : { port: entry }) as {
      port?: unknown;
      type?: unknown;
    };
    const known = listenerTypes.find((t) => t === type);
    if (!Number.isInteger(port) || (byType && known === undefined)) throw invalid(name);
    return known === undefined ? { port: port as number } : { port: port as number, type: known };
  });
}

/** Listeners of the five types: create, list, update (?listenerPort), all, batch delete. */
export function listenerRoutes(): Router {
  const router = Router();

  router.get('/blb/:blbId/listener', (req, res) => {
    const instance = callerOf(res).store.find(req.params.blbId);
    res.json(listPage(req, [...instance.listeners.values()]));
  });

  router.put('/blb/:blbId/listener', (req, res, next) => {
    if (!('batchdelete' in req.query)) {
      next();
      return;
    }
    const instance = callerOf(res).store.writable(req.params.blbId);
    const targets = deleteTargets(objectBody(req.body));
    for (const { port, type } of targets) {
      const found = instance.listeners.get(port);
      if (found === undefined || (type !== undefined && found.listenerType !== type)) {
        throw new BlbError('ListenerNotFound');
      }
    }
    for (const { port } of targets) instance.listeners.delete(port);
    instance.version += 1;
    res.status(200).end();
  });

  router.post('/blb/:blbId/:typed', (req, res, next) => {
    const type = typeOf(req.params.typed);
    if (type === undefined) {
      next();
      return;
    }
    const { account, store } = callerOf(res);
    const instance = store.writable(req.params.blbId);
    const body = objectBody(req.body);
    const listenerPort = requiredInt(body, 'listenerPort', 1, 65535);
    const backendPort = requiredInt(body, 'backendPort', 1, 65535);
    const fields = readListenerFields(type, body);
    requireCreateFields(type, fields);
    if (instance.listeners.has(listenerPort)) throw new BlbError('ListenerAlreadyExist');
    if (instance.listeners.size >= maxListeners) throw new BlbError('ListenerExceeded');
    checkReferences(account, instance, fields);
    instance.listeners.set(listenerPort, {
      ...fields,
      listenerPort,
      listenerType: type,
      backendPort,
    });
    instance.version += 1;
    res.status(200).end();
  });

  router.get('/blb/:blbId/:typed', (req, res, next) => {
    const type = typeOf(req.params.typed);
    if (type === undefined) {
      next();
      return;
    }
    const instance = callerOf(res).store.find(req.params.blbId);
    res.json(
      listPage(
        req,
        [...instance.listeners.values()].filter((l) => l.listenerType === type),
      ),
    );
  });

  router.put('/blb/:blbId/:typed', (req, res, next) => {
    const type = typeOf(req.params.typed);
    if (type === undefined) {
      next();
      return;
    }
    const { account, store } = callerOf(res);
    const instance = store.writable(req.params.blbId);
    const port = queryInt(req.query, 'listenerPort', 1, 65535);
    if (port === undefined)
      throw new BlbError('MissingParameter', { params: { parameterName: 'listenerPort' } });
    const listener = instance.listeners.get(port);
    if (listener?.listenerType !== type) throw new BlbError('ListenerNotFound');
    const body = objectBody(req.body);
    const fields = readListenerFields(type, body);
    const backendPort =
      body.backendPort === undefined ? undefined : requiredInt(body, 'backendPort', 1, 65535);
    checkReferences(account, instance, fields);
    Object.assign(listener, fields, backendPort === undefined ? {} : { backendPort });
    instance.version += 1;
    res.status(200).end();
  });

  return router;
}
