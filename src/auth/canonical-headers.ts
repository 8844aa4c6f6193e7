import { uriEncode } from './percent-encoding.js';

/**
 * Request headers as Node gives them (`IncomingHttpHeaders`) or as a client builds them, in any
 * case, numbers allowed.
 *
 * @example
 * ```ts
 * const headers: BceHeaders = { Host: 'blb.bj.baidubce.com', 'content-length': 17 };
 * ```
 */
export type BceHeaders = Readonly<Record<string, string | number | readonly string[] | undefined>>;

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Whether a string is an HTTP header name (an RFC 9110 token), as `signedHeaders` must list.
 *
 * @example
 * ```ts
 * isHeaderName('x-bce-date'); // true
 * isHeaderName('x bce'); // false
 * ```
 */
export function isHeaderName(value: string): boolean {
  return token.test(value);
}

const alwaysSignedByDefault = new Set(['host', 'content-length', 'content-type', 'content-md5']);

/**
 * Headers by lowercase name with trimmed values, dropping the empty ones (no SDK signs an empty
 * value). Values that are neither strings, numbers nor lists of strings count as absent.
 *
 * @example
 * ```ts
 * headerValues({ Host: ' a.com ', 'X-Empty': '' }); // Map { 'host' => 'a.com' }
 * ```
 */
export function headerValues(headers: BceHeaders): Map<string, string> {
  const values = new Map<string, string>();
  // Read as `unknown`: a JavaScript caller may hand over anything, and this reads the wire.
  for (const [name, raw] of Object.entries(headers as Readonly<Record<string, unknown>>)) {
    const value = headerText(raw).trim();
    if (value !== '') values.set(name.toLowerCase(), value);
  }
  return values;
}

function headerText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return String(raw);
  if (!Array.isArray(raw)) return '';
  return raw.filter((item): item is string => typeof item === 'string').join(', ');
}

/**
 * The headers signed when the `signedHeaders` list is empty (Python and Java send it empty):
 * `host`, `content-length`, `content-type`, `content-md5` and every `x-bce-*` header present.
 *
 * @example
 * ```ts
 * defaultSignedHeaders(headerValues({ host: 'a.com', 'x-bce-date': '…', accept: '*' }));
 * // ['host', 'x-bce-date']
 * ```
 */
export function defaultSignedHeaders(values: ReadonlyMap<string, string>): string[] {
  return [...values.keys()]
    .filter((name) => alwaysSignedByDefault.has(name) || name.startsWith('x-bce-'))
    .sort();
}

/**
 * `CanonicalHeaders`: `UriEncode(name):UriEncode(value)` for each listed header present,
 * sorted, joined by newlines. Listing a header twice or listing an absent one changes nothing,
 * as in the SDKs, which walk the request's headers and check membership in the list.
 *
 * @example
 * ```ts
 * canonicalHeaders(headerValues({ host: 'a.com:8080' }), ['host']); // 'host:a.com%3A8080'
 * ```
 */
export function canonicalHeaders(
  values: ReadonlyMap<string, string>,
  names: readonly string[],
): string {
  const lines: string[] = [];
  for (const name of new Set(names.map((listed) => listed.toLowerCase()))) {
    const value = values.get(name);
    if (value !== undefined) lines.push(`${uriEncode(name)}:${uriEncode(value)}`);
  }
  return lines.sort().join('\n');
}
