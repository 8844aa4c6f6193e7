import fc from 'fast-check';
import {
  signBceRequest,
  verifyBceAuth,
  type BceAuthOptions,
  type BceAuthRequest,
  type BceHeaders,
} from '../src/auth/index.js';
import { formatBceTimestamp, parseBceTimestamp } from '../src/auth/timestamp.js';
import { isBlbError } from '../src/index.js';

const T0 = new Date('2024-05-01T12:00:00Z');
const verifying: BceAuthOptions = { credentials: () => 'demo-sk', now: () => T0.getTime() };
const signing = { accessKeyId: 'demo-ak', secretAccessKey: 'demo-sk', timestamp: T0 };
const numRuns = 300;

// Two ways a client may put the same URL on the wire: as encodeURIComponent leaves it, and as the
// JS SDK sends queries, with `-_.~!*'()` percent-encoded in lowercase hex.
const encoders = {
  plain: encodeURIComponent,
  sdkStyle: (value: string): string =>
    encodeURIComponent(value).replace(
      /[()'!~.*\-_]/g,
      (char) => `%${char.charCodeAt(0).toString(16)}`,
    ),
};
type Encoding = keyof typeof encoders;

interface RequestParts {
  readonly method: string;
  readonly segments: readonly string[];
  /** `undefined` value: a flag parameter sent without `=`. */
  readonly query: readonly (readonly [string, string | undefined])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly signedHeaders: readonly string[] | undefined;
}

function toRequest(parts: RequestParts, encoding: Encoding): BceAuthRequest {
  const encode = encoders[encoding];
  const path = `/${parts.segments.map(encode).join('/')}`;
  const query = parts.query
    .map(([key, value]) => (value === undefined ? encode(key) : `${encode(key)}=${encode(value)}`))
    .join('&');
  return {
    method: parts.method,
    url: query === '' ? path : `${path}?${query}`,
    headers: parts.headers,
  };
}

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const headerName = fc
  .oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.stringMatching(/^x-bce-[a-z0-9-]{1,8}$/))
  .filter((name) => name !== 'authorization');

const requestParts: fc.Arbitrary<RequestParts> = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE'),
    segments: fc.array(text, { maxLength: 4 }),
    query: fc.array(fc.tuple(text, fc.option(text, { nil: undefined })), { maxLength: 5 }),
    headers: fc.dictionary(headerName, text, { maxKeys: 6 }).map((headers) => ({
      ...headers,
      host: 'blb.bj.baidubce.com',
    })),
  })
  .chain((parts) =>
    fc
      .option(fc.subarray(Object.keys(parts.headers)), { nil: undefined })
      .map((signedHeaders) => ({ ...parts, signedHeaders })),
  );

function authorize(parts: RequestParts, signedWith: Encoding, sentWith: Encoding): BceAuthRequest {
  const options =
    parts.signedHeaders === undefined
      ? signing
      : { ...signing, signedHeaders: parts.signedHeaders };
  const authorization = signBceRequest(toRequest(parts, signedWith), options);
  const sent = toRequest(parts, sentWith);
  return { ...sent, headers: { ...sent.headers, authorization } };
}

const encoding = fc.constantFrom<Encoding>('plain', 'sdkStyle');

async function codeOf(request: BceAuthRequest): Promise<string> {
  try {
    await verifyBceAuth(request, verifying);
    return 'verified';
  } catch (error) {
    return isBlbError(error) ? error.code : `not a BlbError: ${String(error)}`;
  }
}

function replaceSignatureChar(
  request: BceAuthRequest,
  index: number,
  char: string,
): BceAuthRequest {
  const authorization = String(request.headers.authorization);
  const at = authorization.length - 64 + index;
  const changed = authorization.slice(0, at) + char + authorization.slice(at + 1);
  return { ...request, headers: { ...request.headers, authorization: changed } };
}

describe('signBceRequest and verifyBceAuth together', () => {
  it('verifies whatever signBceRequest signed, however the URL is percent-encoded on the wire', async () => {
    await fc.assert(
      fc.asyncProperty(requestParts, encoding, encoding, async (parts, signedWith, sentWith) => {
        expect(await codeOf(authorize(parts, signedWith, sentWith))).toBe('verified');
      }),
      { numRuns },
    );
  });

  it('rejects any single hex digit of the signature changed with SignatureDoesNotMatch', async () => {
    const hex = '0123456789abcdef';
    await fc.assert(
      fc.asyncProperty(
        requestParts,
        fc.nat({ max: 63 }),
        fc.integer({ min: 1, max: 15 }),
        async (parts, index, shift) => {
          const request = authorize(parts, 'plain', 'plain');
          const original = String(request.headers.authorization).slice(-64)[index] ?? '0';
          const other = hex[(hex.indexOf(original) + shift) % 16] ?? '0';
          expect(await codeOf(replaceSignatureChar(request, index, other))).toBe(
            'SignatureDoesNotMatch',
          );
        },
      ),
      { numRuns },
    );
  });

  it('rejects any signature character changed to a non-hex one with InvalidHTTPAuthHeader', async () => {
    const nonHex = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((char) => !/[0-9a-f]/.test(char));
    await fc.assert(
      fc.asyncProperty(requestParts, fc.nat({ max: 63 }), nonHex, async (parts, index, char) => {
        const request = replaceSignatureChar(authorize(parts, 'plain', 'plain'), index, char);
        expect(await codeOf(request)).toBe('InvalidHTTPAuthHeader');
      }),
      { numRuns },
    );
  });
});

describe('verifyBceAuth on garbage', () => {
  const anything = fc.string({ unit: 'binary', maxLength: 200 });
  const nearlyValid = fc
    .tuple(anything, anything, anything, anything)
    .map(
      ([ak, expiration, names, signature]) =>
        `bce-auth-v1/${ak}/2024-05-01T12:00:00Z/${expiration}/${names}/${signature}`,
    );
  const headerValue = fc.oneof(
    anything,
    fc.integer(),
    fc.array(anything, { maxLength: 3 }),
    fc.constant(null),
    fc.constant(undefined),
    fc.object({ maxDepth: 1 }),
  );

  it('never throws anything but a BlbError, whatever the method, URL and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        anything,
        fc.oneof(anything, fc.webUrl({ withQueryParameters: true })),
        fc.oneof(anything, nearlyValid),
        fc.dictionary(anything, headerValue, { maxKeys: 5 }),
        async (method, url, authorization, headers) => {
          const request = {
            method,
            url,
            headers: { ...headers, authorization } as unknown as BceHeaders,
          };
          expect(await codeOf(request)).not.toMatch(/^not a BlbError/);
        },
      ),
      { numRuns },
    );
  });
});

describe('parseBceTimestamp', () => {
  it('reads back every second that formatBceTimestamp writes, years 0000 to 9999', () => {
    const seconds = fc.integer({ min: -62167219200, max: 253402300799 });
    fc.assert(
      fc.property(seconds, (second) => {
        expect(parseBceTimestamp(formatBceTimestamp(new Date(second * 1000)))).toBe(second * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the rule it replaced, Date.parse and a formatted round trip, on any digits', () => {
    const roundTrip = (value: string): number | undefined => {
      const ms = Date.parse(value);
      return Number.isNaN(ms) || formatBceTimestamp(new Date(ms)) !== value ? undefined : ms;
    };
    // Each field a little past its range on both sides, so both verdicts come up often.
    const field = (max: number, width = 2) =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, '0'));
    const timestamp = fc
      .tuple(field(9999, 4), field(13), field(32), field(25), field(61), field(61))
      .map(([y, mo, d, h, mi, sec]) => `${y}-${mo}-${d}T${h}:${mi}:${sec}Z`);
    fc.assert(
      fc.property(timestamp, (value) => {
        expect(parseBceTimestamp(value)).toBe(roundTrip(value));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T23:59:59Z', Date.UTC(2000, 1, 29, 23, 59, 59)],
    ['1999-12-31T00:00:00Z', Date.UTC(1999, 11, 31)],
  ])('accepts the real date %s', (value, ms) => {
    expect(parseBceTimestamp(value)).toBe(ms);
  });

  it.each([
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:60Z',
    '2024-01-01T00:00:00.000Z',
    '2024-01-01 00:00:00Z',
    '2024-1-01T00:00:00Z',
  ])('rejects %s', (value) => {
    expect(parseBceTimestamp(value)).toBeUndefined();
  });
});
