import { Router } from 'express';
import { randomBytes } from 'node:crypto';
import { BlbError } from '../../../src/index.js';
import type { EmulatorConfig } from '../config.js';
import { callerOf } from '../context.js';
import { byCodeUnit, page, type Instance } from '../store.js';
import {
  objectBody,
  optionalBool,
  optionalString,
  queryMaxKeys,
  queryParam,
  requiredString,
} from '../validate.js';

const newId = (): string => `lb-${randomBytes(4).toString('hex')}`;
const privateIp = (): string =>
  `192.168.${String(randomBytes(1)[0] ?? 0)}.${String(((randomBytes(1)[0] ?? 0) % 250) + 2)}`;

function summary(instance: Instance, status: string): Record<string, unknown> {
  const { blbId, name, desc, address, publicIp, vpcId, subnetId, tags, allowDelete, ipv6 } =
    instance;
  return {
    blbId,
    name,
    desc,
    address,
    status,
    vpcId,
    subnetId,
    publicIp,
    tags,
    allowDelete,
    ipv6,
    eipRouteType: publicIp === '' ? '' : 'BGP',
    // Shared clusters: an exclusive one has an id; SDK models always carry both fields.
    layer4ClusterId: '',
    layer7ClusterId: '',
  };
}

/** Instances: create, list (marker/maxKeys), detail with ETag, update with If-Match, delete. */
export function instanceRoutes(config: EmulatorConfig): Router {
  const router = Router();

  router.post('/blb', (req, res) => {
    const { account, store } = callerOf(res);
    const body = objectBody(req.body);
    const vpcId = requiredString(body, 'vpcId');
    const subnetId = requiredString(body, 'subnetId');
    const name = optionalString(body, 'name', 65) ?? '';
    const desc = optionalString(body, 'desc', 200) ?? '';
    const eip = optionalString(body, 'eip') ?? '';
    const allowDelete = optionalBool(body, 'allowDelete') ?? true;
    if (account.flags?.serverRequired === true) throw new BlbError('ServerRequired');
    if (store.instances.size >= (account.instanceQuota ?? 10)) throw new BlbError('QuotaExceeded');
    if (account.flags?.instanceCreationFailed === true)
      throw new BlbError('InstanceCreationFailed');
    const blbId = newId();
    const instance: Instance = {
      blbId,
      name: name === '' ? `BLB-${blbId.slice(3)}` : name,
      desc,
      address: privateIp(),
      publicIp: eip,
      vpcId,
      subnetId,
      createTime: new Date(config.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
      allowDelete,
      ipv6: '',
      tags: [],
      busyAs: 'creating',
      busyUntil: config.now() + config.provisioningDelayMs,
      version: 1,
      listeners: new Map(),
      backendServers: new Map(),
      securityGroups: new Set(),
    };
    store.instances.set(blbId, instance);
    res.json({ blbId, name: instance.name, desc, address: instance.address, ipv6: '' });
  });

  router.get('/blb', (req, res) => {
    const { store } = callerOf(res);
    const filters = (['address', 'name', 'blbId'] as const).map(
      (key) => [key, queryParam(req.query, key)] as const,
    );
    // Go sends `true`, Python's str(True) `True`.
    const exact = queryParam(req.query, 'exactlyMatch')?.toLowerCase() === 'true';
    const maxKeys = queryMaxKeys(req.query);
    const matching = [...store.instances.values()].filter((instance) =>
      filters.every(([key, wanted]) => {
        if (wanted === undefined) return true;
        const actual = instance[key];
        return exact ? actual === wanted : actual.includes(wanted);
      }),
    );
    const { items, ...meta } = page(
      matching,
      (i) => i.blbId,
      byCodeUnit,
      queryParam(req.query, 'marker'),
      maxKeys,
    );
    res.json({ blbList: items.map((i) => summary(i, store.statusOf(i))), ...meta });
  });

  router.get('/blb/:blbId', (req, res) => {
    const { store } = callerOf(res);
    const instance = store.find(req.params.blbId);
    res.setHeader('etag', `"${String(instance.version)}"`);
    res.json({
      ...summary(instance, store.statusOf(instance)),
      cidr: '192.168.0.0/16',
      vpcName: `vpc-name-${instance.vpcId}`,
      createTime: instance.createTime,
      listener: [...instance.listeners.values()].map((l) => ({
        port: String(l.listenerPort),
        type: l.listenerType,
      })),
      paymentTiming: 'Postpaid',
      performanceLevel: '',
      expireTime: '',
    });
  });

  router.put('/blb/:blbId', (req, res) => {
    const { store } = callerOf(res);
    const instance = store.find(req.params.blbId);
    const ifMatch = req.get('if-match');
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== `"${String(instance.version)}"`) {
      throw new BlbError('PreconditionFailed');
    }
    store.writable(instance.blbId);
    const body = objectBody(req.body);
    const name = optionalString(body, 'name', 65);
    const desc = optionalString(body, 'desc', 200);
    const allowDelete = optionalBool(body, 'allowDelete');
    const allocateIpv6 = optionalBool(body, 'allocateIpv6');
    if (name !== undefined) instance.name = name;
    if (desc !== undefined) instance.desc = desc;
    if (allowDelete !== undefined) instance.allowDelete = allowDelete;
    if (allocateIpv6 !== undefined) instance.ipv6 = allocateIpv6 ? '240c:4082::2' : '';
    store.markUpdating(instance);
    res.status(200).end();
  });

  router.delete('/blb/:blbId', (req, res) => {
    const { account, store } = callerOf(res);
    const instance = store.writable(req.params.blbId);
    if (!instance.allowDelete)
      throw new BlbError('InvalidParameter', { params: { parameterName: 'allowDelete' } });
    if (instance.publicIp !== '' && account.flags?.eipUnbindFailed === true) {
      throw new BlbError('EipUnbindFailed');
    }
    store.instances.delete(instance.blbId);
    res.status(200).end();
  });

  return router;
}
