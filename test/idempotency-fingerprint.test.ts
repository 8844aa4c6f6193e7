import fc from 'fast-check';
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

  // The obvious recursive way: JSON.stringify with a key-sorting replacer. Exact only where no key
  // looks like an array index (objects list those first, whatever order they were added in).
  const sortedStringify = (value: unknown): string =>
    JSON.stringify({ json: value }, (_key, inner: unknown) =>
      inner !== null && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : inner,
    ).slice('{"json":'.length, -1);
  const sameData = (value: unknown): void => {
    const viaJson = JSON.parse(JSON.stringify({ v: value })) as { v?: unknown };
    expect(JSON.parse(canonicalJson(value))).toEqual(viaJson.v ?? null);
  };
  // The same members added in reverse order, at every depth.
  const reversedKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reversedKeys);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reversedKeys(inner)]),
    );
  };

  it('writes the same data, whatever order the keys came in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        sameData(value);
        expect(canonicalJson(reversedKeys(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('writes what a key-sorting JSON.stringify writes, where no key is an array index', () => {
    const key = fc.string().filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null)),
        fc.array(tie('node')),
        fc.dictionary(key, tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(sortedStringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts index-like keys as strings too', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, '': 4 })).toBe('{"":4,"10":2,"9":3,"b":1}');
  });

  it('follows JSON.stringify on toJSON, left-out members, non-finite numbers and boxed values', () => {
    const odd = {
      when: new Date(0),
      skip: () => 1,
      sym: Symbol('s'),
      list: [undefined, () => 1, Number.NaN, Infinity],
      boxed: [Object(1) as unknown, Object('s') as unknown, Object(true) as unknown],
      custom: { toJSON: (key: string) => `key:${key}` },
    };
    sameData(odd);
    expect(canonicalJson(odd)).toBe(
      '{"boxed":[1,"s",true],"custom":"key:custom","list":[null,null,null,null],"when":"1970-01-01T00:00:00.000Z"}',
    );
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson([Object(1n)])).toThrow(TypeError);
  });

  it('throws a RangeError, as JSON.stringify does, for a toJSON that nests forever', () => {
    class Endless {
      toJSON(): unknown {
        return { inner: new Endless() };
      }
    }
    expect(() => JSON.stringify(new Endless())).toThrow(RangeError);
    expect(() => canonicalJson(new Endless())).toThrow(RangeError);
  });

  it('fingerprints a body nested 100,000 levels deep, which a recursive serialiser cannot', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;
    expect(() => sortedStringify(deep)).toThrow(RangeError);
    expect(canonicalJson(deep)).toBe(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    const deepList = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    expect(canonicalJson(deepList)).toBe(`${'['.repeat(depth)}${']'.repeat(depth)}`);
  });

  it('refuses a cycle as JSON.stringify does, and allows the same object twice side by side', () => {
    const shared = { z: 1 };
    expect(canonicalJson({ b: shared, a: [shared, shared] })).toBe(
      '{"a":[{"z":1},{"z":1}],"b":{"z":1}}',
    );
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = [cyclic];
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
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
