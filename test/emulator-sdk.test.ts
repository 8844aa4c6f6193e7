import request from 'supertest';
import { catalog } from '../src/index.js';
import { bceClient, sdkRejection } from './support/bce-sdk.js';
import { emulatorClient } from './support/emulator-client.js';
import { demo, startEmulator, type RunningEmulator } from './support/emulator-env.js';
import { accepts, exitWithin, killAll, spawnEmulator } from './support/emulator-process.js';

const sdkCredentials = { ak: demo.accessKeyId, sk: demo.secretAccessKey };

describe('the official BCE JavaScript SDK against the emulator', () => {
  let env: RunningEmulator;
  beforeAll(async () => {
    env = await startEmulator({ provisioningDelayMs: 0 });
  });
  afterAll(async () => {
    await env.stop();
  });

  it('creates an instance, adds listeners and backend servers, and lists them', async () => {
    const client = bceClient(env.server, sdkCredentials);
    const created = await client.sendRequest('POST', '/v1/blb', {
      params: { clientToken: 'sdk-create-1' },
      body: JSON.stringify({ name: 'sdk-lb', vpcId: 'vpc-1', subnetId: 'sbn-1' }),
    });
    const { blbId } = created.body as { blbId: string };
    expect(blbId).toMatch(/^lb-/);
    await client.sendRequest('POST', `/v1/blb/${blbId}/TCPlistener`, {
      body: JSON.stringify({ listenerPort: 80, backendPort: 8080, scheduler: 'RoundRobin' }),
    });
    await client.sendRequest('POST', `/v1/blb/${blbId}/HTTPlistener`, {
      body: JSON.stringify({ listenerPort: 8000, backendPort: 8080, scheduler: 'LeastConnection' }),
    });
    await client.sendRequest('POST', `/v1/blb/${blbId}/backendserver`, {
      body: JSON.stringify({ backendServerList: [{ instanceId: 'i-sdk1', weight: 10 }] }),
    });
    const listeners = await client.sendRequest('GET', `/v1/blb/${blbId}/listener`);
    expect(
      (listeners.body as { listenerList: { listenerPort: number }[] }).listenerList.map(
        (l) => l.listenerPort,
      ),
    ).toEqual([80, 8000]);
    const servers = await client.sendRequest('GET', `/v1/blb/${blbId}/backendserver`);
    expect(servers.body).toMatchObject({
      backendServerList: [{ instanceId: 'i-sdk1', weight: 10 }],
    });
    const list = await client.sendRequest('GET', '/v1/blb', { params: { name: 'sdk-lb' } });
    expect(list.body).toMatchObject({ blbList: [{ blbId, name: 'sdk-lb', status: 'available' }] });
  });

  it('reads the emulator errors back with their code, message, status and request id', async () => {
    const client = bceClient(env.server, sdkCredentials);
    const missing = await sdkRejection(client.sendRequest('GET', '/v1/blb/lb-nothere'));
    expect(missing).toMatchObject({
      status_code: 404,
      code: 'InstanceNotFound',
      message: catalog.InstanceNotFound.message,
    });
    expect(missing.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const invalid = await sdkRejection(
      client.sendRequest('POST', '/v1/blb', { body: JSON.stringify({ subnetId: 'sbn-1' }) }),
    );
    expect(invalid).toMatchObject({
      status_code: 400,
      code: 'MissingParameter',
      message: "A required parameter 'vpcId' is not supplied.",
    });
    const wrongKey = await sdkRejection(
      bceClient(env.server, { ak: demo.accessKeyId, sk: 'wrong' }).sendRequest('GET', '/v1/blb'),
    );
    expect(wrongKey).toMatchObject({ status_code: 400, code: 'SignatureDoesNotMatch' });
    const version = await sdkRejection(client.sendRequest('GET', '/v2/blb'));
    expect(version).toMatchObject({ status_code: 404, code: 'InvalidVersion' });
  });
});

describe('npm start', () => {
  afterEach(killAll);

  it('starts the emulator on the given port, prints the keys and a curl line, and serves signed requests', async () => {
    const emulator = spawnEmulator(['--port', '0']);
    const endpoint = await emulator.ready();
    const output = emulator.stdout();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain(`access key: ${demo.accessKeyId}`);
    expect(output).toContain(`secret key: ${demo.secretAccessKey}`);
    expect(output).not.toContain('signature verification is OFF');
    const curl = /try: (curl .*)$/m.exec(output)?.[1] ?? '';
    expect(curl).toContain(`${endpoint}/v1/blb`);
    // The printed curl line is signed for real: replay its headers.
    const date = /x-bce-date: ([^']+)'/.exec(curl)?.[1] ?? '';
    const authorization = /authorization: ([^']+)'/.exec(curl)?.[1] ?? '';
    const viaCurlLine = await request(endpoint)
      .get('/v1/blb')
      .set('x-bce-date', date)
      .set('authorization', authorization);
    expect(viaCurlLine.status).toBe(200);
    const signed = await emulatorClient(endpoint, demo)('GET', '/v1/blb');
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ blbList: [], isTruncated: false });
    const unsigned = await request(endpoint).get('/v1/blb');
    expect(unsigned.status).toBe(403);
  }, 40_000);

  // Without a handler, tsx passes the signal on and exits 143 (SIGTERM) or 130 (SIGINT).
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'closes the port and exits 0 on %s',
    async (signal) => {
      const emulator = spawnEmulator(['--port', '0']);
      const endpoint = await emulator.ready();
      const port = Number(new URL(endpoint).port);
      expect((await emulatorClient(endpoint, demo)('GET', '/v1/blb')).status).toBe(200);
      process.kill(emulator.child.pid ?? 0, signal);
      const [code, killedBy] = await exitWithin(emulator, 10_000);
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
      expect(await accepts(port)).toBe(false);
    },
    40_000,
  );
});
