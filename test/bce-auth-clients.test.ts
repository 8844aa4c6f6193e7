import express4 from 'express4';
import express5 from 'express5';
import { createHash } from 'node:crypto';
import type { RequestListener, Server } from 'node:http';
import { bceAuth } from '../adapters/express/auth.js';
import { blbErrorHandler } from '../adapters/express/index.js';
import { signBceRequest } from '../src/auth/index.js';
import { catalog } from '../src/index.js';
import { close, listen } from './conformance.js';
import { expectBceBody } from './support/bce-body.js';
import { authTargets, DEMO_CREDENTIALS, demoAuthOptions } from './support/bce-auth-apps.js';
import {
  headerLine,
  hostOf,
  rawRequest,
  referenceAuthorization,
  referenceUriEncode,
  type RawResponse,
} from './support/bce-reference-signer.js';

// Requests shaped like the Go, Python and Java SDKs' (spec §3, "Observed signed sets"), written by
// node:http and signed from canonical strings spelled out here, not by signBceRequest.

const bceDate = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const { ak, sk } = DEMO_CREDENTIALS;

function expectError(res: RawResponse, code: keyof typeof catalog): void {
  expect(res.status).toBe(catalog[code].status);
  expect(expectBceBody(res.body).code).toBe(code);
}

describe.each(authTargets)('$name: bceAuth() with requests from other SDKs', (target) => {
  let server: Server;
  beforeAll(async () => {
    server = await listen(target.createApp(demoAuthOptions()));
  });
  afterAll(async () => {
    await close(server);
  });

  it('accepts a Go-style PUT with a ?batchdelete flag sent without "="', async () => {
    const body = '{"portList":[80]}';
    const timestamp = bceDate();
    const headers = {
      host: hostOf(server),
      'content-type': 'application/json;charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'content-md5': createHash('md5').update(body).digest('base64'),
      'x-bce-date': timestamp,
      'x-bce-request-id': '7a0b3c1e-0000-4000-8000-000000000001',
      'accept-encoding': 'gzip',
      'user-agent': 'bce-sdk-go/0.9.200/linux/go1.22',
    };
    const canonicalRequest = [
      'PUT',
      '/v1/blb/lb-1/listener',
      'batchdelete=&clientToken=tok-123_~.x',
      headerLine('content-length', headers['content-length']),
      headerLine('content-md5', headers['content-md5']),
      headerLine('content-type', headers['content-type']),
      headerLine('host', headers.host),
      headerLine('x-bce-date', timestamp),
    ].join('\n');
    const authorization = referenceAuthorization({
      ak,
      sk,
      timestamp,
      signedHeaders: 'content-length;content-md5;content-type;host;x-bce-date',
      canonicalRequest,
    });
    const res = await rawRequest(server, {
      method: 'PUT',
      path: '/v1/blb/lb-1/listener?batchdelete&clientToken=tok-123_~.x',
      headers: { ...headers, authorization },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessKeyId: ak, body: { portList: [80] } });
  });

  it('accepts a Python-style POST whose empty signedHeaders list means the default set', async () => {
    const body = '{"vpcId":"vpc-1","subnetId":"sbn-1"}';
    const timestamp = bceDate();
    const clientToken = 'c0ffee00-1234-4abc-8def-000000000002';
    const headers = {
      host: hostOf(server),
      'content-type': 'application/json;charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-bce-date': timestamp,
      'user-agent': 'bce-sdk-python/0.9.0',
    };
    const canonicalRequest = [
      'POST',
      '/v1/blb',
      `clientToken=${clientToken}`,
      headerLine('content-length', headers['content-length']),
      headerLine('content-type', headers['content-type']),
      headerLine('host', headers.host),
      headerLine('x-bce-date', timestamp),
    ].join('\n');
    const authorization = referenceAuthorization({
      ak,
      sk,
      timestamp,
      signedHeaders: '',
      canonicalRequest,
    });
    expect(authorization).toContain('/1800//');
    const res = await rawRequest(server, {
      method: 'POST',
      path: `/v1/blb?clientToken=${clientToken}`,
      headers: { ...headers, authorization },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessKeyId: ak, body: { vpcId: 'vpc-1' } });
  });

  it('accepts a Java-style PUT with no x-bce-date, an unsigned Date and an empty list', async () => {
    const body = '{"name":"renamed"}';
    const now = new Date();
    const timestamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const headers = {
      host: hostOf(server),
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      date: now.toUTCString(),
    };
    const canonicalRequest = [
      'PUT',
      '/v1/blb/lb-1',
      'clientToken=c0ffee00-1234-4abc-8def-000000000003',
      headerLine('content-length', headers['content-length']),
      headerLine('content-type', headers['content-type']),
      headerLine('host', headers.host),
    ].join('\n');
    const authorization = referenceAuthorization({
      ak,
      sk,
      timestamp,
      signedHeaders: '',
      canonicalRequest,
    });
    const res = await rawRequest(server, {
      method: 'PUT',
      path: '/v1/blb/lb-1?clientToken=c0ffee00-1234-4abc-8def-000000000003',
      headers: { ...headers, authorization },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessKeyId: ak });
  });

  describe('a literal "+" in the query (RFC 3986: a plus, not a space)', () => {
    const send = async (signedQuery: string): Promise<RawResponse> => {
      const timestamp = bceDate();
      const host = hostOf(server);
      const authorization = referenceAuthorization({
        ak,
        sk,
        timestamp,
        signedHeaders: 'host',
        canonicalRequest: ['GET', '/v1/blb', signedQuery, headerLine('host', host)].join('\n'),
      });
      return rawRequest(server, {
        method: 'GET',
        path: '/v1/blb?name=a+b',
        headers: { host, authorization },
      });
    };

    it('verifies when the client signed it as %2B', async () => {
      const res = await send(`name=${referenceUriEncode('a+b')}`);
      expect(res.status).toBe(200);
    });

    it('fails with SignatureDoesNotMatch when the client signed it as a space', async () => {
      expectError(await send(`name=${referenceUriEncode('a b')}`), 'SignatureDoesNotMatch');
    });
  });

  it('answers a request without Authorization with AccessDenied (403)', async () => {
    const res = await rawRequest(server, { method: 'GET', path: '/v1/blb', headers: {} });
    expectError(res, 'AccessDenied');
  });

  it('answers a malformed Authorization with InvalidHTTPAuthHeader (400)', async () => {
    const res = await rawRequest(server, {
      method: 'GET',
      path: '/v1/blb',
      headers: { authorization: 'bce-auth-v1/demo-ak/2024-13-45T00:00:00Z/1800/host/abc' },
    });
    expectError(res, 'InvalidHTTPAuthHeader');
  });

  it('answers a malformed percent-encoding in the URL with InvalidURI (400)', async () => {
    const timestamp = bceDate();
    const host = hostOf(server);
    const authorization = referenceAuthorization({
      ak,
      sk,
      timestamp,
      signedHeaders: 'host',
      canonicalRequest: ['GET', '/v1/blb', 'name=100%25', headerLine('host', host)].join('\n'),
    });
    const res = await rawRequest(server, {
      method: 'GET',
      path: '/v1/blb?name=100%',
      headers: { host, authorization },
    });
    expectError(res, 'InvalidURI');
  });
});

describe.each([
  ['express@4', express4],
  ['express@5', express5],
])('%s: bceAuth() inside a router mounted under a path', (_name, framework) => {
  let server: Server;
  beforeAll(async () => {
    const router = framework.Router();
    router.use(bceAuth(demoAuthOptions()));
    router.get('/blb/:id', (req, res) => {
      res.json({ accessKeyId: res.locals.accessKeyId as unknown, id: req.params.id });
    });
    const app = framework();
    app.use('/v1', router);
    app.use(blbErrorHandler({ onError: () => undefined }));
    server = await listen(app as RequestListener);
  });
  afterAll(async () => {
    await close(server);
  });

  it('verifies the full path the client signed, not the one the router sees', async () => {
    const headers = { host: hostOf(server), 'x-bce-date': bceDate() };
    const authorization = signBceRequest(
      { method: 'GET', url: '/v1/blb/lb-1', headers },
      { accessKeyId: ak, secretAccessKey: sk },
    );
    const res = await rawRequest(server, {
      method: 'GET',
      path: '/v1/blb/lb-1',
      headers: { ...headers, authorization },
    });
    expect(res).toEqual({ status: 200, body: { accessKeyId: ak, id: 'lb-1' } });
  });
});
