import type request from 'supertest';
import type { BlbErrorCode } from '../../src/index.js';
import type { Call, CallOptions } from './emulator-client.js';

/** What a recipe can use: signed calls as the demo or a flagged account, the control API. */
export interface RecipeEnv {
  readonly call: Call;
  readonly callAs: (
    account: string,
    method: string,
    path: string,
    options?: CallOptions,
  ) => Promise<request.Response>;
  readonly control: (method: string, path: string, body?: unknown) => Promise<request.Response>;
  /** A new instance of the demo account, already `available`. */
  readonly availableInstance: (body?: Record<string, unknown>) => Promise<string>;
  /** A new instance of the demo account, still `creating`. */
  readonly creatingInstance: () => Promise<string>;
  /** Moves the emulator's clock (instance provisioning and update delays) forward. */
  readonly advance: (ms: number) => void;
}

export interface Recipe {
  readonly code: BlbErrorCode;
  /** The request, as the README's table shows it. */
  readonly request: string;
  readonly run: (env: RecipeEnv) => Promise<request.Response>;
}

const create = { vpcId: 'vpc-1', subnetId: 'sbn-1' };
const tcp = (listenerPort: number) => ({
  listenerPort,
  backendPort: 8080,
  scheduler: 'RoundRobin',
});

/** One real request per catalog code. The README's table is checked against this list. */
export const recipes: readonly Recipe[] = [
  {
    code: 'AccessDenied',
    request: '`GET /v1/blb` without an `Authorization` header',
    run: ({ call }) => call('GET', '/v1/blb', { credentials: null }),
  },
  {
    code: 'InappropriateJSON',
    request: '`POST /v1/blb` with the body `[]` (well-formed JSON, but not an object)',
    run: ({ call }) => call('POST', '/v1/blb', { raw: '[]' }),
  },
  {
    code: 'InternalError',
    request:
      'a fault set through the control API (`POST /_emulator/faults` `{"method":"GET","path":"/v1/blb","code":"InternalError"}`), then `GET /v1/blb`',
    run: async ({ call, control }) => {
      await control('POST', '/_emulator/faults', {
        method: 'GET',
        path: '/v1/blb',
        code: 'InternalError',
      });
      return call('GET', '/v1/blb');
    },
  },
  {
    code: 'InvalidAccessKeyId',
    request: 'any request signed with an unknown access key',
    run: ({ call }) =>
      call('GET', '/v1/blb', { credentials: { accessKeyId: 'ak-unknown', secretAccessKey: 'x' } }),
  },
  {
    code: 'InvalidHTTPAuthHeader',
    request: '`Authorization: bce-auth-v1/garbage`',
    run: ({ call }) =>
      call('GET', '/v1/blb', {
        credentials: null,
        headers: { authorization: 'bce-auth-v1/garbage' },
      }),
  },
  {
    code: 'InvalidHTTPRequest',
    request: '`POST /v1/blb` with `Content-Type: text/plain`',
    run: ({ call }) =>
      call('POST', '/v1/blb', { raw: 'vpcId=vpc-1', headers: { 'content-type': 'text/plain' } }),
  },
  {
    code: 'InvalidURI',
    request: '`GET /v1/nowhere` (no such API)',
    run: ({ call }) => call('GET', '/v1/nowhere'),
  },
  {
    code: 'MalformedJSON',
    request: '`POST /v1/blb` with the body `{"vpcId":`',
    run: ({ call }) => call('POST', '/v1/blb', { raw: '{"vpcId":' }),
  },
  { code: 'InvalidVersion', request: '`GET /v2/blb`', run: ({ call }) => call('GET', '/v2/blb') },
  {
    code: 'OptInRequired',
    request: 'any request from an account with `flags.optInRequired`',
    run: ({ callAs }) => callAs('optin', 'GET', '/v1/blb'),
  },
  {
    code: 'PreconditionFailed',
    request: '`PUT /v1/blb/{blbId}` with `If-Match: "0"` (a stale ETag of `GET /v1/blb/{blbId}`)',
    run: async ({ call, availableInstance }) =>
      call('PUT', `/v1/blb/${await availableInstance()}`, {
        body: { name: 'x' },
        headers: { 'if-match': '"0"' },
      }),
  },
  {
    code: 'RequestExpired',
    request: 'any request signed with a timestamp more than 1800 s old',
    run: ({ call }) => call('GET', '/v1/blb', { timestamp: new Date(Date.now() - 3_600_000) }),
  },
  {
    code: 'IdempotentParameterMismatch',
    request: '`POST /v1/blb?clientToken=t-1` twice, with different bodies',
    run: async ({ call }) => {
      await call('POST', '/v1/blb', { query: 'clientToken=recipe-t-1', body: create });
      return call('POST', '/v1/blb', {
        query: 'clientToken=recipe-t-1',
        body: { ...create, name: 'other' },
      });
    },
  },
  {
    code: 'SignatureDoesNotMatch',
    request: 'any request signed with a wrong secret key',
    run: ({ call }) =>
      call('GET', '/v1/blb', {
        credentials: { accessKeyId: 'demo-access-key', secretAccessKey: 'wrong' },
      }),
  },
  {
    code: 'InstanceNotFound',
    request: '`GET /v1/blb/lb-missing`',
    run: ({ call }) => call('GET', '/v1/blb/lb-missing'),
  },
  {
    code: 'ListenerNotFound',
    request: '`PUT /v1/blb/{blbId}/TCPlistener?listenerPort=81` with no listener on port 81',
    run: async ({ call, availableInstance }) =>
      call('PUT', `/v1/blb/${await availableInstance()}/TCPlistener`, {
        query: 'listenerPort=81',
        body: { scheduler: 'Hash' },
      }),
  },
  {
    code: 'BackendServerNotFound',
    request: '`PUT /v1/blb/{blbId}/backendserver` removing `["i-absent"]`',
    run: async ({ call, availableInstance }) =>
      call('PUT', `/v1/blb/${await availableInstance()}/backendserver`, {
        body: { backendServerList: ['i-absent'] },
      }),
  },
  {
    code: 'ListenerAlreadyExist',
    request: '`POST /v1/blb/{blbId}/TCPlistener` twice with `listenerPort` 80',
    run: async ({ call, availableInstance }) => {
      const id = await availableInstance();
      await call('POST', `/v1/blb/${id}/TCPlistener`, { body: tcp(80) });
      return call('POST', `/v1/blb/${id}/TCPlistener`, { body: tcp(80) });
    },
  },
  {
    code: 'BackendServerAlreadyExist',
    request: '`POST /v1/blb/{blbId}/backendserver` adding `i-1` when it is already there',
    run: async ({ call, availableInstance }) => {
      const id = await availableInstance();
      const body = { backendServerList: [{ instanceId: 'i-1', weight: 50 }] };
      await call('POST', `/v1/blb/${id}/backendserver`, { body });
      return call('POST', `/v1/blb/${id}/backendserver`, { body });
    },
  },
  {
    code: 'LastOperationNotFinished',
    request: '`POST /v1/blb/{blbId}/TCPlistener` while the instance is still `creating`',
    run: async ({ call, creatingInstance }) =>
      call('POST', `/v1/blb/${await creatingInstance()}/TCPlistener`, { body: tcp(80) }),
  },
  {
    code: 'RealNameAuthenticationRequired',
    request: 'any request from an account with `flags.realNameAuthenticationRequired`',
    run: ({ callAs }) => callAs('realname', 'GET', '/v1/blb'),
  },
  {
    code: 'QuotaExceeded',
    request: "`POST /v1/blb` beyond the account's `instanceQuota`",
    run: async ({ callAs }) => {
      await callAs('quota', 'POST', '/v1/blb', { body: create });
      return callAs('quota', 'POST', '/v1/blb', { body: create });
    },
  },
  {
    code: 'ServerRequired',
    request: '`POST /v1/blb` from an account with `flags.serverRequired`',
    run: ({ callAs }) => callAs('noserver', 'POST', '/v1/blb', { body: create }),
  },
  {
    code: 'ListenerExceeded',
    request: 'the 21st `POST /v1/blb/{blbId}/TCPlistener` on one instance',
    run: async ({ call, availableInstance }) => {
      const id = await availableInstance();
      for (let port = 1; port <= 20; port += 1)
        await call('POST', `/v1/blb/${id}/TCPlistener`, { body: tcp(port) });
      return call('POST', `/v1/blb/${id}/TCPlistener`, { body: tcp(21) });
    },
  },
  {
    code: 'ServiceBlocked',
    request: 'any request from an account with `flags.serviceBlocked`',
    run: ({ callAs }) => callAs('blocked', 'GET', '/v1/blb'),
  },
  {
    code: 'InstanceCreationFailed',
    request: '`POST /v1/blb` from an account with `flags.instanceCreationFailed`',
    run: ({ callAs }) => callAs('createfail', 'POST', '/v1/blb', { body: create }),
  },
  {
    code: 'MissingParameter',
    request: '`POST /v1/blb` without `vpcId`',
    run: ({ call }) => call('POST', '/v1/blb', { body: { subnetId: 'sbn-1' } }),
  },
  {
    code: 'InvalidParameter',
    request: '`POST /v1/blb` with `"vpcId": 42`',
    run: ({ call }) => call('POST', '/v1/blb', { body: { ...create, vpcId: 42 } }),
  },
  {
    code: 'EipUnbindFailed',
    request:
      '`DELETE /v1/blb/{blbId}` of an instance created with an `eip`, from an account with `flags.eipUnbindFailed`',
    run: async ({ callAs, advance }) => {
      const created = await callAs('eipfail', 'POST', '/v1/blb', {
        body: { ...create, eip: '100.88.0.1' },
      });
      advance(61_000);
      return callAs('eipfail', 'DELETE', `/v1/blb/${(created.body as { blbId: string }).blbId}`);
    },
  },
  {
    code: 'RedirectPortNotFound',
    request:
      '`POST /v1/blb/{blbId}/HTTPlistener` with `redirectPort` 443 and no HTTPS listener on 443',
    run: async ({ call, availableInstance }) =>
      call('POST', `/v1/blb/${await availableInstance()}/HTTPlistener`, {
        body: { ...tcp(80), redirectPort: 443 },
      }),
  },
  {
    code: 'CertificateNotFound',
    request: '`POST /v1/blb/{blbId}/HTTPSlistener` with `certIds: ["cert-unknown"]`',
    run: async ({ call, availableInstance }) =>
      call('POST', `/v1/blb/${await availableInstance()}/HTTPSlistener`, {
        body: { ...tcp(443), certIds: ['cert-unknown'] },
      }),
  },
  {
    code: 'NoSuchKey',
    request: '`GET /_emulator/faults/fault-absent` (control API: a well-formed URI, no such fault)',
    run: ({ control }) => control('GET', '/_emulator/faults/fault-absent'),
  },
];
