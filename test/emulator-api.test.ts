import '../src/testing/jest.js';
import request from 'supertest';
import { startEmulator, type RunningEmulator } from './support/emulator-env.js';

let env: RunningEmulator;
beforeAll(async () => {
  env = await startEmulator();
});
afterAll(async () => {
  await env.stop();
});

const create = { vpcId: 'vpc-1', subnetId: 'sbn-1' };
const tcp = (listenerPort: number) => ({
  listenerPort,
  backendPort: 8080,
  scheduler: 'RoundRobin',
});

describe('instances', () => {
  it('creates an instance that is creating, then available after the delay', async () => {
    const created = await env.call('POST', '/v1/blb', {
      body: { ...create, name: 'web', desc: 'front' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'web',
      desc: 'front',
      address: expect.stringMatching(/^192\.168\./) as string,
    });
    const id = (created.body as { blbId: string }).blbId;
    expect(id).toMatch(/^lb-[0-9a-f]{8}$/);
    const before = await env.call('GET', `/v1/blb/${id}`);
    expect(before.body).toMatchObject({
      blbId: id,
      status: 'creating',
      vpcId: 'vpc-1',
      subnetId: 'sbn-1',
      listener: [],
    });
    env.advance(61_000);
    const after = await env.call('GET', `/v1/blb/${id}`);
    expect(after.body).toMatchObject({ status: 'available' });
    expect(after.headers.etag).toBe('"1"');
    expect(after.headers['x-bce-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists instances with marker and maxKeys paging', async () => {
    for (let i = 0; i < 3; i += 1) await env.availableInstance();
    const all = await env.call('GET', '/v1/blb');
    const ids = (all.body as { blbList: { blbId: string }[] }).blbList.map((b) => b.blbId);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual([...ids].sort());
    const first = await env.call('GET', '/v1/blb', { query: 'maxKeys=2' });
    expect(first.body).toMatchObject({
      isTruncated: true,
      nextMarker: ids[2],
      maxKeys: 2,
      marker: '',
    });
    const second = await env.call('GET', '/v1/blb', {
      query: `maxKeys=2&marker=${String(ids[2])}`,
    });
    expect((second.body as { blbList: { blbId: string }[] }).blbList[0]?.blbId).toBe(ids[2]);
    expect(await env.call('GET', '/v1/blb', { query: 'maxKeys=0' })).toBeBceError(
      'InvalidParameter',
      { message: /maxKeys/ },
    );
    const byId = await env.call('GET', '/v1/blb', {
      query: `blbId=${String(ids[0])}&exactlyMatch=true`,
    });
    expect((byId.body as { blbList: unknown[] }).blbList).toHaveLength(1);
  });

  it('updates with a matching If-Match, marks the instance updating, and bumps the ETag', async () => {
    const id = await env.availableInstance();
    const updated = await env.call('PUT', `/v1/blb/${id}`, {
      query: 'clientToken=upd-1',
      body: { name: 'renamed' },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status).toBe(200);
    const detail = await env.call('GET', `/v1/blb/${id}`);
    expect(detail.body).toMatchObject({ name: 'renamed' });
    expect(detail.headers.etag).toBe('"2"');
    expect(
      await env.call('PUT', `/v1/blb/${id}`, {
        body: { name: 'x' },
        headers: { 'if-match': '"1"' },
      }),
    ).toBeBceError('PreconditionFailed');
  });

  it('answers writes to an updating instance with LastOperationNotFinished', async () => {
    const slow = await startEmulator({ updateDelayMs: 30_000 });
    try {
      const id = await slow.availableInstance();
      expect((await slow.call('PUT', `/v1/blb/${id}`, { body: { desc: 'a' } })).status).toBe(200);
      expect((await slow.call('GET', `/v1/blb/${id}`)).body).toMatchObject({ status: 'updating' });
      expect(await slow.call('PUT', `/v1/blb/${id}`, { body: { desc: 'b' } })).toBeBceError(
        'LastOperationNotFinished',
        { status: 409 },
      );
      slow.advance(31_000);
      expect((await slow.call('PUT', `/v1/blb/${id}`, { body: { desc: 'b' } })).status).toBe(200);
    } finally {
      await slow.stop();
    }
  });

  it('deletes an instance', async () => {
    const id = await env.availableInstance();
    expect((await env.call('DELETE', `/v1/blb/${id}`)).status).toBe(200);
    expect(await env.call('GET', `/v1/blb/${id}`)).toBeBceError('InstanceNotFound');
  });

  it('replays a create with the same clientToken without creating twice', async () => {
    const first = await env.call('POST', '/v1/blb', {
      query: 'clientToken=same-create-1',
      body: create,
    });
    const count = ((await env.call('GET', '/v1/blb')).body as { blbList: unknown[] }).blbList
      .length;
    const again = await env.call('POST', '/v1/blb', {
      query: 'clientToken=same-create-1',
      body: create,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['x-bce-request-id']).not.toBe(first.headers['x-bce-request-id']);
    expect(
      ((await env.call('GET', '/v1/blb')).body as { blbList: unknown[] }).blbList,
    ).toHaveLength(count);
    expect(
      await env.call('POST', '/v1/blb', { query: `clientToken=${'x'.repeat(65)}`, body: create }),
    ).toBeBceError('InvalidParameter', { message: /clientToken/ });
  });

  it('keeps the accounts apart', async () => {
    const id = await env.availableInstance();
    expect(await env.callAs('quota', 'GET', `/v1/blb/${id}`)).toBeBceError('InstanceNotFound');
  });

  it('scopes a clientToken to the access key that signed it', async () => {
    const options = { query: 'clientToken=shared-by-two-callers', body: create };
    const mine = await env.call('POST', '/v1/blb', options);
    const theirs = await env.callAs('other', 'POST', '/v1/blb', options);
    expect(mine.status).toBe(200);
    expect(theirs.status).toBe(200);
    // A replay would hand the other caller this caller's instance.
    const theirId = (theirs.body as { blbId: string }).blbId;
    expect(theirId).not.toBe((mine.body as { blbId: string }).blbId);
    expect((await env.callAs('other', 'GET', `/v1/blb/${theirId}`)).status).toBe(200);
  });
});

describe('listeners', () => {
  it.each([
    ['TCP', tcp(80), { tcpSessionTimeout: 900, healthCheckTimeoutInSecond: 3 }],
    [
      'UDP',
      { ...tcp(53), healthCheckString: 'ping' },
      { udpSessionTimeout: 90, healthCheckString: 'ping' },
    ],
    [
      'HTTP',
      { ...tcp(8000), keepSession: true },
      { keepSession: true, xForwardFor: false, xForwardedProto: false, healthCheckURI: '/' },
    ],
    [
      'HTTPS',
      { ...tcp(443), certIds: ['cert-demo0001'] },
      { certIds: ['cert-demo0001'], encryptionType: 'tls_cipher_policy_default' },
    ],
    [
      'SSL',
      { ...tcp(465), certIds: ['cert-demo0001'] },
      { certIds: ['cert-demo0001'], dualAuth: false },
    ],
  ])('creates, lists and updates a %s listener', async (type, body, defaults) => {
    const id = await env.availableInstance();
    expect(
      (
        await env.call('POST', `/v1/blb/${id}/${type}listener`, {
          query: 'clientToken=l-' + type,
          body,
        })
      ).status,
    ).toBe(200);
    const listed = await env.call('GET', `/v1/blb/${id}/${type}listener`);
    expect(listed.body).toMatchObject({
      listenerList: [
        {
          listenerPort: body.listenerPort,
          backendPort: 8080,
          scheduler: 'RoundRobin',
          ...defaults,
        },
      ],
      isTruncated: false,
    });
    const updated = await env.call('PUT', `/v1/blb/${id}/${type}listener`, {
      query: `listenerPort=${String(body.listenerPort)}`,
      body: { backendPort: 9090, scheduler: 'LeastConnection' },
    });
    expect(updated.status).toBe(200);
    const after = await env.call('GET', `/v1/blb/${id}/${type}listener`, {
      query: `listenerPort=${String(body.listenerPort)}`,
    });
    expect(after.body).toMatchObject({
      listenerList: [{ backendPort: 9090, scheduler: 'LeastConnection' }],
    });
    const detail = await env.call('GET', `/v1/blb/${id}`);
    expect(detail.body).toMatchObject({ listener: [{ port: String(body.listenerPort), type }] });
  });

  it('lists all listeners and deletes them in a batch by port and by port and type', async () => {
    const id = await env.availableInstance();
    for (const port of [80, 81, 82])
      await env.call('POST', `/v1/blb/${id}/TCPlistener`, { body: tcp(port) });
    await env.call('POST', `/v1/blb/${id}/HTTPlistener`, { body: tcp(8080) });
    const all = await env.call('GET', `/v1/blb/${id}/listener`);
    expect(
      (
        all.body as { listenerList: { listenerPort: number; listenerType: string }[] }
      ).listenerList.map((l) => `${l.listenerType}:${String(l.listenerPort)}`),
    ).toEqual(['TCP:80', 'TCP:81', 'TCP:82', 'HTTP:8080']);
    expect(
      (
        await env.call('PUT', `/v1/blb/${id}/listener`, {
          query: 'batchdelete',
          body: { portList: [80, 81] },
        })
      ).status,
    ).toBe(200);
    expect(
      await env.call('PUT', `/v1/blb/${id}/listener`, {
        query: 'batchdelete',
        body: { portTypeList: [{ port: 82, type: 'UDP' }] },
      }),
    ).toBeBceError('ListenerNotFound');
    expect(
      (
        await env.call('PUT', `/v1/blb/${id}/listener`, {
          query: 'batchdelete',
          body: { portTypeList: [{ port: 82, type: 'TCP' }] },
        })
      ).status,
    ).toBe(200);
    const left = await env.call('GET', `/v1/blb/${id}/listener`);
    expect((left.body as { listenerList: unknown[] }).listenerList).toHaveLength(1);
  });

  it('validates listener fields', async () => {
    const id = await env.availableInstance();
    expect(
      await env.call('POST', `/v1/blb/${id}/TCPlistener`, {
        body: { backendPort: 80, scheduler: 'Hash' },
      }),
    ).toBeBceError('MissingParameter', { message: /listenerPort/ });
    expect(
      await env.call('POST', `/v1/blb/${id}/TCPlistener`, {
        body: { ...tcp(80), listenerPort: 70000 },
      }),
    ).toBeBceError('InvalidParameter', { message: /listenerPort/ });
    expect(
      await env.call('POST', `/v1/blb/${id}/HTTPlistener`, {
        body: { ...tcp(80), scheduler: 'Hash' },
      }),
    ).toBeBceError('InvalidParameter', { message: /scheduler/ });
    expect(await env.call('POST', `/v1/blb/${id}/HTTPSlistener`, { body: tcp(443) })).toBeBceError(
      'MissingParameter',
      { message: /certIds/ },
    );
    expect(
      await env.call('PUT', `/v1/blb/${id}/TCPlistener`, { body: { scheduler: 'Hash' } }),
    ).toBeBceError('MissingParameter', { message: /listenerPort/ });
    expect(await env.call('POST', `/v1/blb/${id}/FTPlistener`, { body: tcp(21) })).toBeBceError(
      'InvalidURI',
    );
  });

  it('accepts an HTTP redirect to an existing HTTPS listener', async () => {
    const id = await env.availableInstance();
    await env.call('POST', `/v1/blb/${id}/HTTPSlistener`, {
      body: { ...tcp(443), certIds: ['cert-demo0001'] },
    });
    expect(
      (
        await env.call('POST', `/v1/blb/${id}/HTTPlistener`, {
          body: { ...tcp(80), redirectPort: 443 },
        })
      ).status,
    ).toBe(200);
  });
});

describe('backend servers and security groups', () => {
  it('adds, lists, updates, reports health for and removes backend servers', async () => {
    const id = await env.availableInstance();
    await env.call('POST', `/v1/blb/${id}/TCPlistener`, { body: tcp(80) });
    const add = await env.call('POST', `/v1/blb/${id}/backendserver`, {
      body: {
        backendServerList: [
          { instanceId: 'i-1', weight: 50 },
          { instanceId: 'i-2', weight: 0, privateIp: '10.0.0.9' },
        ],
      },
    });
    expect(add.status).toBe(200);
    const listed = await env.call('GET', `/v1/blb/${id}/backendserver`);
    expect(listed.body).toMatchObject({
      backendServerList: [
        { instanceId: 'i-1', weight: 50 },
        { instanceId: 'i-2', weight: 0, privateIp: '10.0.0.9' },
      ],
      isTruncated: false,
    });
    expect(
      (
        await env.call('PUT', `/v1/blb/${id}/backendserver`, {
          query: 'update',
          body: { backendServerList: [{ instanceId: 'i-2', weight: 30 }] },
        })
      ).status,
    ).toBe(200);
    const health = await env.call('GET', `/v1/blb/${id}/backendserver`, {
      query: 'listenerPort=80',
    });
    expect(health.body).toMatchObject({
      type: 'TCP',
      listenerPort: 80,
      backendPort: 8080,
      backendServerList: [
        { instanceId: 'i-1', status: 'Alive' },
        { instanceId: 'i-2', weight: 30, status: 'Alive' },
      ],
    });
    expect(
      await env.call('GET', `/v1/blb/${id}/backendserver`, { query: 'listenerPort=81' }),
    ).toBeBceError('ListenerNotFound');
    expect(
      await env.call('POST', `/v1/blb/${id}/backendserver`, {
        body: { backendServerList: [{ instanceId: 'i-3', weight: 101 }] },
      }),
    ).toBeBceError('InvalidParameter', { message: /weight/ });
    expect(
      (
        await env.call('PUT', `/v1/blb/${id}/backendserver`, {
          body: { backendServerList: ['i-1'] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        (await env.call('GET', `/v1/blb/${id}/backendserver`)).body as {
          backendServerList: unknown[];
        }
      ).backendServerList,
    ).toHaveLength(1);
  });

  it('binds, lists and unbinds security groups', async () => {
    const id = await env.availableInstance();
    expect(
      (
        await env.call('PUT', `/v1/blb/${id}/securitygroup`, {
          query: 'bind',
          body: { securityGroupIds: ['g-1', 'g-2'] },
        })
      ).status,
    ).toBe(200);
    const listed = await env.call('GET', `/v1/blb/${id}/securitygroup`);
    expect(
      (listed.body as { blbSecurityGroups: { securityGroupId: string }[] }).blbSecurityGroups.map(
        (g) => g.securityGroupId,
      ),
    ).toEqual(['g-1', 'g-2']);
    expect(
      (
        await env.call('PUT', `/v1/blb/${id}/securitygroup`, {
          query: 'unbind',
          body: { securityGroupIds: ['g-1'] },
        })
      ).status,
    ).toBe(200);
    expect(
      await env.call('PUT', `/v1/blb/${id}/securitygroup`, {
        query: 'unbind',
        body: { securityGroupIds: ['g-1'] },
      }),
    ).toBeBceError('InvalidParameter', { message: /securityGroupIds/ });
    expect(
      await env.call('PUT', `/v1/blb/${id}/securitygroup`, { body: { securityGroupIds: ['g-1'] } }),
    ).toBeBceError('InvalidURI');
  });
});

describe('fault injection', () => {
  it('fails exactly the next N matching requests with the given code', async () => {
    const added = await env.control('POST', '/_emulator/faults', {
      method: 'GET',
      path: '/v1/blb/*',
      code: 'ServiceBlocked',
      count: 2,
    });
    expect(added.status).toBe(201);
    expect(await env.call('GET', '/v1/blb/lb-x')).toBeBceError('ServiceBlocked');
    expect(await env.call('GET', '/v1/blb/lb-y')).toBeBceError('ServiceBlocked');
    expect(await env.call('GET', '/v1/blb/lb-z')).toBeBceError('InstanceNotFound');
    expect((await env.control('DELETE', '/_emulator/faults')).status).toBe(200);
  });

  it('fails a given fraction of matching requests', async () => {
    await env.control('POST', '/_emulator/faults', {
      method: 'GET',
      path: '/v1/blb',
      code: 'InternalError',
      fraction: 0.5,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await env.call('GET', '/v1/blb')).status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(5);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    await env.control('DELETE', '/_emulator/faults');
  });

  it('is never reachable without the admin token, and absent unless enabled', async () => {
    const noToken = await request(env.server)
      .post('/_emulator/faults')
      .send({ method: 'GET', path: '/v1/blb', code: 'InternalError' });
    expect(noToken).toBeBceError('AccessDenied');
    const wrong = await request(env.server)
      .get('/_emulator/faults')
      .set('x-emulator-admin-token', 'guess');
    expect(wrong).toBeBceError('AccessDenied');
    const off = await startEmulator({ control: { enabled: false } });
    try {
      expect(
        await off.call('GET', '/_emulator/faults', {
          headers: { 'x-emulator-admin-token': 'admin-secret-token' },
        }),
      ).toBeBceError('InvalidURI');
    } finally {
      await off.stop();
    }
  });
});
