import { Router } from 'express';
import { BlbError } from '../../../src/index.js';
import { callerOf } from '../context.js';
import { byCodeUnit, page, type BackendServer } from '../store.js';
import {
  invalid,
  objectBody,
  queryInt,
  queryMaxKeys,
  queryParam,
  requiredArray,
} from '../validate.js';

const name = 'backendServerList';

function serverOf(entry: unknown): BackendServer {
  const { instanceId, weight, privateIp } = (entry ?? {}) as Record<string, unknown>;
  if (instanceId === undefined)
    throw new BlbError('MissingParameter', { params: { parameterName: 'instanceId' } });
  if (typeof instanceId !== 'string' || instanceId === '') throw invalid('instanceId');
  if (weight === undefined)
    throw new BlbError('MissingParameter', { params: { parameterName: 'weight' } });
  if (!Number.isInteger(weight) || (weight as number) < 0 || (weight as number) > 100)
    throw invalid('weight');
  if (privateIp !== undefined && typeof privateIp !== 'string') throw invalid('privateIp');
  return {
    instanceId,
    weight: weight as number,
    privateIp: privateIp ?? `10.0.0.${String((instanceId.length % 250) + 2)}`,
  };
}

/** Backend servers: add, list, update (?update), remove, health status (?listenerPort). */
export function backendServerRoutes(): Router {
  const router = Router();

  router.post('/blb/:blbId/backendserver', (req, res) => {
    const instance = callerOf(res).store.writable(req.params.blbId);
    const servers = requiredArray(objectBody(req.body), name).map(serverOf);
    const ids = new Set<string>();
    for (const { instanceId } of servers) {
      if (instance.backendServers.has(instanceId) || ids.has(instanceId)) {
        throw new BlbError('BackendServerAlreadyExist');
      }
      ids.add(instanceId);
    }
    for (const server of servers) instance.backendServers.set(server.instanceId, server);
    instance.version += 1;
    res.status(200).end();
  });

  router.put('/blb/:blbId/backendserver', (req, res) => {
    const instance = callerOf(res).store.writable(req.params.blbId);
    const list = requiredArray(objectBody(req.body), name);
    if ('update' in req.query) {
      const servers = list.map(serverOf);
      if (servers.some((s) => !instance.backendServers.has(s.instanceId))) {
        throw new BlbError('BackendServerNotFound');
      }
      for (const server of servers)
        Object.assign(instance.backendServers.get(server.instanceId) ?? {}, {
          weight: server.weight,
        });
    } else {
      if (!list.every((id) => typeof id === 'string')) throw invalid(name);
      if ((list as string[]).some((id) => !instance.backendServers.has(id))) {
        throw new BlbError('BackendServerNotFound');
      }
      for (const id of list as string[]) instance.backendServers.delete(id);
    }
    instance.version += 1;
    res.status(200).end();
  });

  router.get('/blb/:blbId/backendserver', (req, res) => {
    const instance = callerOf(res).store.find(req.params.blbId);
    const { items, ...meta } = page(
      [...instance.backendServers.values()],
      (s) => s.instanceId,
      byCodeUnit,
      queryParam(req.query, 'marker'),
      queryMaxKeys(req.query),
    );
    const listenerPort = queryInt(req.query, 'listenerPort', 1, 65535);
    if (listenerPort === undefined) {
      res.json({ backendServerList: items, ...meta });
      return;
    }
    const listener = instance.listeners.get(listenerPort);
    if (listener === undefined) throw new BlbError('ListenerNotFound');
    res.json({
      backendServerList: items.map((s) => ({ ...s, status: s.weight > 0 ? 'Alive' : 'Dead' })),
      type: listener.listenerType,
      listenerPort,
      backendPort: listener.backendPort,
      ...meta,
    });
  });

  return router;
}
