import { parseBceError, type BceErrorParseResult, type ParseBceErrorOptions } from './parse.js';

/**
 * The part of a fetch `Response` that `parseBceErrorResponse` reads.
 *
 * @example
 * ```ts
 * const response: FetchResponseLike = await fetch(`${origin}/v1/blb/lb-missing`);
 * ```
 */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * `parseBceError` for a fetch `Response`: reads its body once, then applies the same rules.
 *
 * @example
 * ```ts
 * const result = await parseBceErrorResponse(await fetch(`${origin}/v1/blb/lb-missing`));
 * ```
 */
export async function parseBceErrorResponse(
  response: FetchResponseLike,
  options: ParseBceErrorOptions = {},
): Promise<BceErrorParseResult> {
  const text = await response.text();
  return parseBceError({ status: response.status, headers: response.headers, text }, options);
}

/**
 * Whether a value is a fetch `Response` (its body must be read asynchronously).
 *
 * @example
 * ```ts
 * if (isFetchResponse(value)) await parseBceErrorResponse(value);
 * ```
 */
export function isFetchResponse(value: unknown): value is FetchResponseLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { text?: unknown }).text === 'function' &&
    typeof (value as { headers?: { get?: unknown } }).headers?.get === 'function'
  );
}
