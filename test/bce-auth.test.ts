import {
  formatBceTimestamp,
  signBceRequest,
  verifyBceAuth,
  type BceAuthOptions,
  type BceAuthRequest,
  type BceSignOptions,
} from '../src/auth/index.js';
import { BlbError, catalog, isBlbError, type BlbErrorCode } from '../src/index.js';
import { headerLine, referenceAuthorization } from './support/bce-reference-signer.js';

const T0 = new Date('2024-05-01T12:00:00Z');
const credentials = { 'demo-ak': 'demo-sk' } as Readonly<Record<string, string>>;
const options = (overrides: Partial<BceAuthOptions> = {}): BceAuthOptions => ({
  credentials: (ak) => (Object.hasOwn(credentials, ak) ? credentials[ak] : undefined),
  now: () => T0.getTime() + 1000,
  ...overrides,
});
const signing = (overrides: Partial<BceSignOptions> = {}): BceSignOptions => ({
  accessKeyId: 'demo-ak',
  secretAccessKey: 'demo-sk',
  timestamp: T0,
  ...overrides,
});

const withAuthorization = (request: BceAuthRequest, authorization: string): BceAuthRequest => ({
  ...request,
  headers: { ...request.headers, authorization },
});

/** The request, signed with `signBceRequest`. */
const signed = (request: BceAuthRequest, overrides?: Partial<BceSignOptions>): BceAuthRequest =>
  withAuthorization(request, signBceRequest(request, signing(overrides)));

/** The code `verifyBceAuth` rejects with; fails the test on success or on a non-BlbError. */
async function rejectionCode(request: BceAuthRequest, opts = options()): Promise<BlbErrorCode> {
  try {
    await verifyBceAuth(request, opts);
  } catch (error) {
    expect(isBlbError(error)).toBe(true);
    return (error as BlbError).code;
  }
  throw new Error('verification passed but a rejection was expected');
}

const listenerDelete: BceAuthRequest = {
  method: 'PUT',
  url: '/v1/blb/lb-1/listener?batchdelete&clientToken=tok-1',
  headers: {
    host: 'blb.bj.baidubce.com',
    'content-type': 'application/json;charset=utf-8',
    'x-bce-date': formatBceTimestamp(T0),
    'user-agent': 'bce-sdk-go/0.9.200',
  },
};

describe('the known-answer vectors of the spec', () => {
  const jsVector: BceAuthRequest = {
    method: 'PUT',
    url: '/v1/bucket/object1?A&b=&C=d',
    headers: { Host: 'bce.baidu.com', abc: '123', 'x-bce-meta-key1': 'ABC' },
  };
  const jsAuthorization =
    'bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/host;x-bce-meta-key1/80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25';
  const jsOptions = options({ credentials: () => 'my_sk', now: () => 1402639056_000 });

  it('signs the JS SDK auth.spec.js request exactly', () => {
    const authorization = signBceRequest(jsVector, {
      accessKeyId: 'my_ak',
      secretAccessKey: 'my_sk',
      timestamp: new Date(1402639056_000),
    });
    expect(authorization).toBe(jsAuthorization);
  });

  it('verifies the JS SDK auth.spec.js request', async () => {
    await expect(
      verifyBceAuth(withAuthorization(jsVector, jsAuthorization), jsOptions),
    ).resolves.toEqual({
      accessKeyId: 'my_ak',
    });
  });

  const docAk = 'a'.repeat(32);
  const docSk = 'b'.repeat(32);
  const docSignature = '1816c10fce34ba9c9825eddc05fd6058bf82e05fefeddee8da6f869486ea68c0';
  const docRequest: BceAuthRequest = {
    method: 'PUT',
    url: '/test/myfolder/readme.txt?partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851',
    headers: {
      host: 'bj.bcebos.com',
      'content-length': '8',
      'content-md5': 'NFzcPqhviddjRNnSOGo4rw==',
      'content-type': 'text/plain',
      'x-bce-date': '2015-04-27T08:23:49Z',
    },
  };
  const docOptions = options({
    credentials: () => docSk,
    now: () => Date.parse('2015-04-27T08:23:49Z'),
  });
  const docSigning = {
    accessKeyId: docAk,
    secretAccessKey: docSk,
    timestamp: new Date('2015-04-27T08:23:49Z'),
  };

  it.each([
    ['listed explicitly', undefined, 'content-length;content-md5;content-type;host;x-bce-date'],
    ['left empty', [], ''],
  ])(
    'signs the Baidu doc UploadPart sample with signedHeaders %s',
    (_how, signedHeaders, listed) => {
      const authorization = signBceRequest(
        docRequest,
        signedHeaders === undefined ? docSigning : { ...docSigning, signedHeaders },
      );
      expect(authorization).toBe(
        `bce-auth-v1/${docAk}/2015-04-27T08:23:49Z/1800/${listed}/${docSignature}`,
      );
    },
  );

  it.each(['content-length;content-md5;content-type;host;x-bce-date', ''])(
    'verifies the Baidu doc UploadPart sample with signedHeaders "%s"',
    async (listed) => {
      const authorization = `bce-auth-v1/${docAk}/2015-04-27T08:23:49Z/1800/${listed}/${docSignature}`;
      await expect(
        verifyBceAuth(withAuthorization(docRequest, authorization), docOptions),
      ).resolves.toEqual({
        accessKeyId: docAk,
      });
    },
  );

  it('agrees with a canonical request spelled out by hand', () => {
    const canonicalRequest = [
      'PUT',
      '/v1/blb/lb-1/listener',
      'batchdelete=&clientToken=tok-1',
      headerLine('content-type', 'application/json;charset=utf-8'),
      headerLine('host', 'blb.bj.baidubce.com'),
      headerLine('x-bce-date', formatBceTimestamp(T0)),
    ].join('\n');
    expect(signBceRequest(listenerDelete, signing())).toBe(
      referenceAuthorization({
        ak: 'demo-ak',
        sk: 'demo-sk',
        timestamp: formatBceTimestamp(T0),
        signedHeaders: 'content-type;host;x-bce-date',
        canonicalRequest,
      }),
    );
  });
});

describe('verifyBceAuth', () => {
  it('resolves with the access key id of a correctly signed request', async () => {
    await expect(verifyBceAuth(signed(listenerDelete), options())).resolves.toEqual({
      accessKeyId: 'demo-ak',
    });
  });

  it('answers a request without Authorization with AccessDenied', async () => {
    expect(await rejectionCode(listenerDelete)).toBe('AccessDenied');
    expect(await rejectionCode(withAuthorization(listenerDelete, '  '))).toBe('AccessDenied');
  });

  it('answers an unknown access key with InvalidAccessKeyId', async () => {
    expect(await rejectionCode(signed(listenerDelete, { accessKeyId: 'nobody' }))).toBe(
      'InvalidAccessKeyId',
    );
  });

  it('treats an empty secret as an unknown access key', async () => {
    const request = signed(listenerDelete, { secretAccessKey: '' });
    expect(await rejectionCode(request, options({ credentials: () => '' }))).toBe(
      'InvalidAccessKeyId',
    );
  });

  it('passes on what a failing credentials lookup throws, unchanged', async () => {
    const outage = new Error('secrets store unreachable');
    await expect(
      verifyBceAuth(signed(listenerDelete), options({ credentials: () => Promise.reject(outage) })),
    ).rejects.toBe(outage);
  });

  it('answers a wrong secret key with SignatureDoesNotMatch', async () => {
    expect(await rejectionCode(signed(listenerDelete, { secretAccessKey: 'wrong' }))).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('stops accepting a signature the moment its secret is rotated', async () => {
    const request = signed(listenerDelete);
    await expect(verifyBceAuth(request, options())).resolves.toBeDefined();
    const rotated = options({ credentials: () => 'demo-sk-2' });
    expect(await rejectionCode(request, rotated)).toBe('SignatureDoesNotMatch');
    const resigned = signed(listenerDelete, { secretAccessKey: 'demo-sk-2' });
    await expect(verifyBceAuth(resigned, rotated)).resolves.toBeDefined();
  });

  describe('expiry', () => {
    const at = (ms: number): BceAuthOptions => options({ now: () => ms });
    const request = signed(listenerDelete, { expirationSeconds: 60 });

    it('accepts a request up to timestamp + expiration, inclusive', async () => {
      await expect(verifyBceAuth(request, at(T0.getTime() + 60_000))).resolves.toBeDefined();
    });

    it('answers RequestExpired with the header timestamp one millisecond later', async () => {
      const rejection = verifyBceAuth(request, at(T0.getTime() + 60_001));
      await expect(rejection).rejects.toMatchObject({
        code: 'RequestExpired',
        status: 400,
        message: 'Request has expired. Timestamp date is 2024-05-01T12:00:00Z.',
      });
    });

    it('accepts a timestamp up to 300 seconds in the future by default', async () => {
      await expect(verifyBceAuth(request, at(T0.getTime() - 300_000))).resolves.toBeDefined();
      expect(await rejectionCode(request, at(T0.getTime() - 300_001))).toBe('RequestExpired');
    });

    it('takes the allowed future skew from allowedClockSkewSeconds', async () => {
      const strict = options({ now: () => T0.getTime() - 1000, allowedClockSkewSeconds: 0 });
      expect(await rejectionCode(request, strict)).toBe('RequestExpired');
    });
  });

  describe('tampering', () => {
    const request = signed(listenerDelete);
    const changed = (change: Partial<BceAuthRequest>): BceAuthRequest => ({
      ...request,
      ...change,
    });
    const withHeaders = (headers: Record<string, string | undefined>): BceAuthRequest =>
      changed({ headers: { ...request.headers, ...headers } });

    it.each<[string, BceAuthRequest]>([
      ['the method', changed({ method: 'DELETE' })],
      ['the path', changed({ url: '/v1/blb/lb-2/listener?batchdelete&clientToken=tok-1' })],
      ['a query value', changed({ url: '/v1/blb/lb-1/listener?batchdelete&clientToken=tok-2' })],
      ['a query parameter added', changed({ url: `${listenerDelete.url}&marker=m` })],
      [
        'a flag turned into a value',
        changed({ url: '/v1/blb/lb-1/listener?batchdelete=1&clientToken=tok-1' }),
      ],
      ['a signed header', withHeaders({ host: 'evil.example.com' })],
      ['a signed header removed', withHeaders({ 'x-bce-date': undefined })],
    ])('changing %s fails with SignatureDoesNotMatch', async (_what, tampered) => {
      expect(await rejectionCode(tampered)).toBe('SignatureDoesNotMatch');
    });

    it.each<[string, BceAuthRequest]>([
      ['an unsigned header', withHeaders({ 'user-agent': 'curl/8', accept: '*/*' })],
      [
        'an x-bce-* header added after an explicit list',
        withHeaders({ 'x-bce-request-id': 'r-1' }),
      ],
      [
        'the order of query parameters',
        changed({ url: '/v1/blb/lb-1/listener?clientToken=tok-1&batchdelete=' }),
      ],
      [
        'the percent-encoding of the path and query',
        changed({ url: '/v1/blb/lb%2D1/listener?batchdelete&clientToken=tok%2d1' }),
      ],
      [
        'an authorization query parameter, in any case',
        changed({ url: `${listenerDelete.url}&AuthoriZation=x` }),
      ],
      [
        'the case of a header name',
        withHeaders({ 'x-bce-date': undefined, 'X-BCE-DATE': formatBceTimestamp(T0) }),
      ],
    ])('changing %s still verifies', async (_what, changedRequest) => {
      await expect(verifyBceAuth(changedRequest, options())).resolves.toEqual({
        accessKeyId: 'demo-ak',
      });
    });

    it('signs every x-bce-* header present when the signedHeaders list is empty', async () => {
      const pythonStyle = signed(listenerDelete, { signedHeaders: [] });
      expect(pythonStyle.headers.authorization).toMatch(/\/1800\/\/[0-9a-f]{64}$/);
      await expect(verifyBceAuth(pythonStyle, options())).resolves.toBeDefined();
      const added = {
        ...pythonStyle,
        headers: { ...pythonStyle.headers, 'x-bce-request-id': 'r-1' },
      };
      expect(await rejectionCode(added)).toBe('SignatureDoesNotMatch');
    });
  });

  describe('malformed URLs', () => {
    it.each(['/v1/blb?name=100%', '/v1/blb?name=%zz', '/v1/%E/blb', '/v1/blb?%=1'])(
      'answers %s with InvalidURI',
      async (url) => {
        const request = withAuthorization(
          { ...listenerDelete, url },
          signBceRequest(listenerDelete, signing()),
        );
        expect(await rejectionCode(request)).toBe('InvalidURI');
      },
    );

    it('makes signBceRequest throw the same InvalidURI', () => {
      const attempt = (): string =>
        signBceRequest({ ...listenerDelete, url: '/v1/blb?x=%' }, signing());
      expect(attempt).toThrow(BlbError);
      expect(attempt).toThrow(catalog.InvalidURI.message);
    });
  });

  describe('a malformed Authorization header', () => {
    const ts = formatBceTimestamp(T0);
    const hex = 'a'.repeat(64);
    it.each([
      ['five parts', `bce-auth-v1/demo-ak/${ts}/1800/${hex}`],
      ['seven parts', `bce-auth-v1/demo-ak/${ts}/1800/host/x/${hex}`],
      ['a bad prefix', `bce-auth-v2/demo-ak/${ts}/1800/host/${hex}`],
      ['an uppercase prefix', `BCE-AUTH-V1/demo-ak/${ts}/1800/host/${hex}`],
      ['another scheme', `Bearer ${hex}`],
      ['an empty access key', `bce-auth-v1//${ts}/1800/host/${hex}`],
      ['an impossible date', `bce-auth-v1/demo-ak/2024-13-45T00:00:00Z/1800/host/${hex}`],
      ['February 30th', `bce-auth-v1/demo-ak/2023-02-30T00:00:00Z/1800/host/${hex}`],
      ['hour 24', `bce-auth-v1/demo-ak/2024-01-01T24:00:00Z/1800/host/${hex}`],
      ['milliseconds', `bce-auth-v1/demo-ak/2024-01-01T00:00:00.000Z/1800/host/${hex}`],
      ['no Z', `bce-auth-v1/demo-ak/2024-01-01T00:00:00/1800/host/${hex}`],
      ['epoch seconds', `bce-auth-v1/demo-ak/1714564800/1800/host/${hex}`],
      ['expiration 0', `bce-auth-v1/demo-ak/${ts}/0/host/${hex}`],
      ['expiration -1', `bce-auth-v1/demo-ak/${ts}/-1/host/${hex}`],
      ['expiration abc', `bce-auth-v1/demo-ak/${ts}/abc/host/${hex}`],
      ['expiration 1.5', `bce-auth-v1/demo-ak/${ts}/1.5/host/${hex}`],
      ['an empty expiration', `bce-auth-v1/demo-ak/${ts}//host/${hex}`],
      ['an expiration past 2^53', `bce-auth-v1/demo-ak/${ts}/99999999999999999999/host/${hex}`],
      ['a space in signedHeaders', `bce-auth-v1/demo-ak/${ts}/1800/host;x bce/${hex}`],
      ['an empty name in signedHeaders', `bce-auth-v1/demo-ak/${ts}/1800/host;;x-bce-date/${hex}`],
      ['a non-hex signature', `bce-auth-v1/demo-ak/${ts}/1800/host/${'g'.repeat(64)}`],
      ['an uppercase signature', `bce-auth-v1/demo-ak/${ts}/1800/host/${'A'.repeat(64)}`],
      ['a 63-digit signature', `bce-auth-v1/demo-ak/${ts}/1800/host/${'a'.repeat(63)}`],
      ['a 65-digit signature', `bce-auth-v1/demo-ak/${ts}/1800/host/${'a'.repeat(65)}`],
      ['100 KB of garbage', 'x'.repeat(100_000)],
      ['a 100 KB access key', `bce-auth-v1/${'k'.repeat(100_000)}/${ts}/1800/host/${hex}`],
      ['100 KB of slashes', '/'.repeat(100_000)],
      ['control characters', `bce-auth-v1/demo\u0000ak/${ts}/1800/host/${hex}\r\n`],
    ])('with %s answers InvalidHTTPAuthHeader', async (_shape, authorization) => {
      expect(await rejectionCode(withAuthorization(listenerDelete, authorization))).toBe(
        'InvalidHTTPAuthHeader',
      );
    });

    it('answers an Authorization header sent twice with InvalidHTTPAuthHeader', async () => {
      const authorization = signBceRequest(listenerDelete, signing());
      const twice = {
        ...listenerDelete,
        headers: { ...listenerDelete.headers, authorization: [authorization, authorization] },
      };
      expect(await rejectionCode(twice)).toBe('InvalidHTTPAuthHeader');
    });
  });
});

describe('signBceRequest', () => {
  it('lists the default headers explicitly, sorted, like Go', () => {
    const request: BceAuthRequest = {
      method: 'POST',
      url: '/v1/blb',
      headers: {
        'X-Bce-Date': formatBceTimestamp(T0),
        Host: 'blb.bj.baidubce.com',
        'Content-Type': 'application/json',
        'Content-Length': 2,
        'Content-MD5': '',
        'User-Agent': 'test',
      },
    };
    expect(signBceRequest(request, signing()).split('/')[4]).toBe(
      'content-length;content-type;host;x-bce-date',
    );
  });

  it('signs the headers it is told to, lowercased', () => {
    expect(signBceRequest(listenerDelete, signing({ signedHeaders: ['Host'] })).split('/')[4]).toBe(
      'host',
    );
  });

  it('defaults to an expiration of 1800 seconds and the current time', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const [, , timestamp = '', expiration] = signBceRequest(listenerDelete, {
      accessKeyId: 'demo-ak',
      secretAccessKey: 'demo-sk',
    }).split('/');
    expect(expiration).toBe('1800');
    expect(Date.parse(timestamp)).toBeGreaterThanOrEqual(before);
  });

  it.each<[string, Partial<BceSignOptions>]>([
    ['an empty access key', { accessKeyId: '' }],
    ['a "/" in the access key', { accessKeyId: 'a/b' }],
    ['expiration 0', { expirationSeconds: 0 }],
    ['a fractional expiration', { expirationSeconds: 1.5 }],
    ['a header name with a space', { signedHeaders: ['x bce'] }],
  ])('refuses %s', (_what, bad) => {
    expect(() => signBceRequest(listenerDelete, signing(bad))).toThrow(
      /accessKeyId|expirationSeconds|signedHeaders/,
    );
  });
});
