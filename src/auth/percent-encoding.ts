// One `%XX` (uppercase, as every SDK signs it) or the byte itself, per byte value.
const encodedBytes: readonly string[] = Array.from({ length: 256 }, (_unused, byte) => {
  const char = String.fromCharCode(byte);
  return /[A-Za-z0-9\-_.~]/.test(char)
    ? char
    : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

const percentTriplet = /^[0-9A-Fa-f]{2}/;

/**
 * BCE's `UriEncode`: every byte except `A–Z a–z 0–9 - _ . ~` becomes `%XX` (uppercase), and
 * `/` too unless `keepSlash`. Strings are taken as UTF-8. It works on bytes, not on
 * `encodeURIComponent`, so it never throws: a lone surrogate or a byte sequence that is not UTF-8
 * is encoded like any other.
 *
 * @example
 * ```ts
 * uriEncode('a b/c+d*é'); // 'a%20b%2Fc%2Bd%2A%C3%A9'
 * uriEncode('/v1/blb', true); // '/v1/blb'
 * ```
 */
export function uriEncode(value: string | Uint8Array, keepSlash = false): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  let encoded = '';
  for (const byte of bytes) {
    encoded += keepSlash && byte === 0x2f ? '/' : (encodedBytes[byte] ?? '');
  }
  return encoded;
}

/**
 * The bytes a piece of a URL stands for, RFC 3986 style: `%XX` is a byte and everything else,
 * `+` included, is itself (a `+` meaning space is HTML forms, not URIs). `undefined` when a `%`
 * is not followed by two hex digits.
 *
 * @example
 * ```ts
 * percentDecode('a%20b+c'); // the bytes of 'a b+c'
 * percentDecode('100%'); // undefined
 * ```
 */
export function percentDecode(raw: string): Buffer | undefined {
  const [head = '', ...rest] = raw.split('%');
  const chunks = [Buffer.from(head, 'utf8')];
  for (const piece of rest) {
    if (!percentTriplet.test(piece)) return undefined;
    chunks.push(Buffer.of(parseInt(piece.slice(0, 2), 16)), Buffer.from(piece.slice(2), 'utf8'));
  }
  return Buffer.concat(chunks);
}
