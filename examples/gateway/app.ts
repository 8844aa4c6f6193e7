import express, { type Express } from 'express';
import { blbErrorHandler, requestId } from '../../adapters/express/index.js';
import { BlbError } from '../../src/index.js';

interface Instance {
  blbId: string;
  name: string;
  vpcId: string;
  subnetId: string;
  status: 'available';
}

/**
 * A small BLB-shaped gateway: a few routes of the BLB API over an in-memory map, answering every
 * failure through blbErrorHandler(). `npm start` serves it.
 */
export function createGatewayApp(): Express {
  const instances = new Map<string, Instance>([
    [
      'lb-demo0001',
      {
        blbId: 'lb-demo0001',
        name: 'demo',
        vpcId: 'vpc-1',
        subnetId: 'sbn-1',
        status: 'available',
      },
    ],
  ]);
  let nextId = 2;
  const find = (id: string): Instance => {
    const instance = instances.get(id);
    if (instance === undefined) {
      throw new BlbError('InstanceNotFound', { message: `The BLB instance ${id} does not exist.` });
    }
    return instance;
  };
  const requiredString = (body: unknown, name: 'vpcId' | 'subnetId'): string => {
    const value = (body as Record<string, unknown> | undefined)?.[name];
    if (value === undefined)
      throw new BlbError('MissingParameter', { params: { parameterName: name } });
    if (typeof value !== 'string' || value === '') {
      throw new BlbError('InvalidParameter', { params: { parameterName: name } });
    }
    return value;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(requestId());
  app.use(express.json({ limit: '64kb' }));

  app.get('/v1/blb', (_req, res) => {
    res.json({ blbList: [...instances.values()], isTruncated: false, maxKeys: 1000 });
  });
  app.get('/v1/blb/:blbId', (req, res) => {
    res.json(find(req.params.blbId));
  });
  app.post('/v1/blb', (req, res) => {
    const vpcId = requiredString(req.body, 'vpcId');
    const subnetId = requiredString(req.body, 'subnetId');
    const blbId = `lb-demo${String(nextId++).padStart(4, '0')}`;
    const name = `blb-${blbId}`;
    instances.set(blbId, { blbId, name, vpcId, subnetId, status: 'available' });
    res.status(201).json({ blbId, name, desc: '', address: '192.168.0.2' });
  });
  app.delete('/v1/blb/:blbId', (req, res) => {
    find(req.params.blbId);
    instances.delete(req.params.blbId);
    res.status(200).end();
  });
  app.get('/v1/boom', () => {
    throw new Error('an internal failure the client must never see');
  });
  app.use(blbErrorHandler());
  return app;
}
