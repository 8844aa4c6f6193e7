import type { Server } from 'node:http';
import { catalog } from '../src/index.js';
import { close, listen } from './conformance.js';
import {
  authTargets,
  DEMO_CREDENTIALS,
  demoAuthOptions,
  type AuthEcho,
} from './support/bce-auth-apps.js';
import { bceClient, sdkRejection, setSdkClockOffset } from './support/bce-sdk.js';

// Query values the SDK sends over-encoded (`-_.~` as `%2d%5f%7e%2e`) and signs canonically.
const awkwardParams = {
  name: 'a b/c+d*é',
  clientToken: 'tok-123_~.x',
  tag: '中文 🚀',
  marker: "!'()",
  empty: '',
};

describe.each(authTargets)('$name: bceAuth() with the official BCE JavaScript SDK', (target) => {
  let server: Server;
  beforeAll(async () => {
    server = await listen(target.createApp(demoAuthOptions()));
  });
  afterAll(async () => {
    await close(server);
  });
  afterEach(() => {
    setSdkClockOffset(0);
  });

  const send = async (
    method: string,
    path: string,
    args?: { body?: string; params?: Readonly<Record<string, string>> },
  ): Promise<AuthEcho> =>
    (await bceClient(server, DEMO_CREDENTIALS).sendRequest(method, path, args)).body as AuthEcho;

  it('accepts a GET whose query values hold spaces, /, +, *, non-ASCII and -_.~', async () => {
    const echo = await send('GET', '/v1/blb', { params: awkwardParams });
    expect(echo.url).toContain('clientToken=tok%2d123%5f%7e%2ex');
    expect(echo.accessKeyId).toBe('demo-ak');
    expect(echo.query).toEqual(awkwardParams);
  });

  it('accepts a plus the SDK sends as %2B and signs as a plus, not as a space', async () => {
    const echo = await send('GET', '/v1/blb', { params: { name: 'a+b' } });
    expect(echo.url).toBe('/v1/blb?name=a%2Bb');
    expect(echo.accessKeyId).toBe('demo-ak');
  });

  it('accepts a POST with a JSON body, which the routes still get parsed', async () => {
    const body = { name: 'lb-web', vpcId: 'vpc-1', subnetId: 'sbn-1' };
    const echo = await send('POST', '/v1/blb', {
      body: JSON.stringify(body),
      params: { clientToken: 'ct-1' },
    });
    expect(echo).toMatchObject({ accessKeyId: 'demo-ak', method: 'POST', body });
  });

  it('accepts a flag parameter such as ?batchdelete', async () => {
    const echo = await send('PUT', '/v1/blb/lb-1/listener', {
      body: JSON.stringify({ portList: [80] }),
      params: { batchdelete: '', clientToken: 'ct-2' },
    });
    expect(echo).toMatchObject({ accessKeyId: 'demo-ak', method: 'PUT' });
  });

  it('answers a wrong secret key with SignatureDoesNotMatch (400)', async () => {
    const client = bceClient(server, { ak: DEMO_CREDENTIALS.ak, sk: 'wrong-sk' });
    const rejection = await sdkRejection(
      client.sendRequest('GET', '/v1/blb', { params: awkwardParams }),
    );
    expect(rejection).toMatchObject({
      status_code: 400,
      code: 'SignatureDoesNotMatch',
      message: catalog.SignatureDoesNotMatch.message,
    });
  });

  it('answers an unknown access key with InvalidAccessKeyId (403)', async () => {
    const client = bceClient(server, { ak: 'nobody', sk: DEMO_CREDENTIALS.sk });
    const rejection = await sdkRejection(client.sendRequest('GET', '/v1/blb'));
    expect(rejection).toMatchObject({
      status_code: 403,
      code: 'InvalidAccessKeyId',
      message: catalog.InvalidAccessKeyId.message,
    });
  });

  it('answers a request signed an hour ago with RequestExpired (400) naming its timestamp', async () => {
    setSdkClockOffset(-3600_000);
    const before = Date.now();
    const rejection = await sdkRejection(
      bceClient(server, DEMO_CREDENTIALS).sendRequest('GET', '/v1/blb'),
    );
    expect(rejection).toMatchObject({ status_code: 400, code: 'RequestExpired' });
    const message = String(rejection.message);
    const [, timestamp = ''] =
      /^Request has expired\. Timestamp date is (\S+Z)\.$/.exec(message) ?? [];
    expect(Math.abs(Date.parse(timestamp) - (before - 3600_000))).toBeLessThan(5_000);
  });
});
