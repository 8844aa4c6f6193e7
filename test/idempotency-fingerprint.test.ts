import {
  canonicalJson,
  canonicalQuery,
  readClientToken,
  toFingerprint,
  type IdempotentRequest,
} from '../src/idempotency/index.js';
import { isBlbError } from '../src/index.js';

const base: IdempotentRequest = {
  method: 'POST',
  url: '/v1/blb?clientToken=t-1&b=2&a=1',
  parsedBody: { name: 'lb', tags: [{ tagKey: 'k', tagValue: 'v' }] },
  accessKeyId: 'ak-1',
};

describe('readClientToken', () => {
  it.each([
    ['/v1/blb', undefined],
    ['/v1/blb?name=x', undefined],
    ['/v1/blb?clienttoken=x', undefined],
    ['/v1/blb?clientToken=t-1', 't-1'],
    ['/v1/blb?a=1&clientToken=t%2F1', 't/1'],
    [`/v1/blb?clientToken=${'x'.repeat(64)}`, 'x'.repeat(64)],
  ])('reads %s as %p', (url, expected) => {
    expect(readClientToken(url)).toBe(expected);
  });

  it.each([
    '/v1/blb?clientToken=',
    '/v1/blb?clientToken',
    `/v1/blb?clientToken=${'x'.repeat(65)}`,
    '/v1/blb?clientToken=a&clientToken=a',
  ])('rejects %s with InvalidParameter naming clientToken', (url) => {
    let thrown: unknown;
    try {
      readClientToken(url);
    } catch (error) {
      thrown = error;
    }
    expect(isBlbError(thrown, 'InvalidParameter')).toBe(true);
    expect((thrown as Error).message).toBe("The parameter 'clientToken' is invalid.");
  });
});

describe('canonicalQuery and canonicalJson', () => {
  it('drops clientToken and sorts the rest of the query', () => {
    expect(canonicalQuery('/v1/blb?b=2&clientToken=t&a=1&a=0')).toBe('a=1&a=0&b=2');
    expect(canonicalQuery('/v1/blb/lb-1/listener?batchdelete')).toBe('batchdelete=');
    expect(canonicalQuery('/v1/blb')).toBe('');
  });

  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 1], u: undefined })).toBe(
      '{"a":[{"c":3,"d":2},1],"b":1}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('toFingerprint', () => {
  it('is the same for the query in another order, clientToken anywhere, and reordered body fields', () => {
    expect(
      toFingerprint({
        ...base,
        url: '/v1/blb?a=1&b=2&clientToken=t-2',
        parsedBody: { tags: [{ tagValue: 'v', tagKey: 'k' }], name: 'lb' },
      }),
    ).toBe(toFingerprint(base));
  });

  it.each<[string, Partial<IdempotentRequest>]>([
    ['the method', { method: 'PUT' }],
    ['the path', { url: '/v1/appblb?clientToken=t-1&b=2&a=1' }],
    ['a query value', { url: '/v1/blb?clientToken=t-1&b=2&a=3' }],
    ['the parsed body', { parsedBody: { name: 'other' } }],
    ['the access key id', { accessKeyId: 'ak-2' }],
    ['the raw body', { rawBody: '{"name":"lb"}' }],
  ])('changes with %s', (_label, change) => {
    expect(toFingerprint({ ...base, ...change })).not.toBe(toFingerprint(base));
  });

  it('hashes the raw body when there is one, whatever the parsed body', () => {
    const raw = { ...base, rawBody: Buffer.from('{"name":"lb"}') };
    expect(toFingerprint({ ...raw, parsedBody: { something: 'else' } })).toBe(toFingerprint(raw));
    expect(toFingerprint({ ...raw, rawBody: '{"name":"lb"}' })).toBe(toFingerprint(raw));
    expect(toFingerprint({ ...raw, rawBody: '{ "name": "lb" }' })).not.toBe(toFingerprint(raw));
  });
});
