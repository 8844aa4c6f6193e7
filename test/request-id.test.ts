import { isValidRequestId, resolveRequestId } from '../src/index.js';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const req = (headers: Record<string, string | string[]>) => ({ headers });

describe('resolveRequestId', () => {
  it.each(['ae2225f7-1c2e-427a-a1ad-5413b762957d', 'r-1', 'a_b.c=', 'x'.repeat(128)])(
    'reuses the valid incoming id %s',
    (id) => {
      expect(resolveRequestId(req({ 'x-bce-request-id': id }))).toBe(id);
    },
  );

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['a space', 'a b'],
    ['CRLF', 'a\r\nSet-Cookie: x=1'],
    ['non-ASCII', 'réq'],
    ['a slash', 'a/b'],
    ['a control character', 'a\u0000'],
  ])('replaces an incoming id with %s by a UUID v4', (_name, id) => {
    const resolved = resolveRequestId(req({ 'x-bce-request-id': id }));
    expect(resolved).toMatch(uuidV4);
  });

  it('replaces duplicate incoming ids (an array) and a missing one', () => {
    expect(resolveRequestId(req({ 'x-bce-request-id': ['a', 'b'] }))).toMatch(uuidV4);
    expect(resolveRequestId(req({}))).toMatch(uuidV4);
  });

  it('generates distinct ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => resolveRequestId(req({}))));
    expect(ids.size).toBe(1000);
  });

  it('reads another header when told to', () => {
    const headers = { 'x-request-id': 'gw-7', 'x-bce-request-id': 'bce-7' };
    expect(resolveRequestId(req(headers), { requestIdHeader: 'X-Request-Id' })).toBe('gw-7');
  });

  it('ignores the incoming id when reuse is off', () => {
    const resolved = resolveRequestId(req({ 'x-bce-request-id': 'r-1' }), {
      trustIncomingRequestId: false,
    });
    expect(resolved).toMatch(uuidV4);
  });

  it('uses the generator, but never an invalid or throwing one', () => {
    expect(resolveRequestId(req({}), { generateRequestId: () => 'gw-1' })).toBe('gw-1');
    expect(resolveRequestId(req({}), { generateRequestId: () => 'bad id\n' })).toMatch(uuidV4);
    const throwing = (): string => {
      throw new Error('no entropy');
    };
    expect(resolveRequestId(req({}), { generateRequestId: throwing })).toMatch(uuidV4);
  });

  it('validates ids', () => {
    expect(isValidRequestId('abc')).toBe(true);
    expect(isValidRequestId(42)).toBe(false);
  });
});
