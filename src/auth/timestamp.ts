const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * A date as bce-auth-v1 writes it: UTC, whole seconds, `YYYY-MM-DDTHH:MM:SSZ` (the JS SDK's
 * `toISOString()` minus the milliseconds).
 *
 * @example
 * ```ts
 * formatBceTimestamp(new Date(1402639056000)); // '2014-06-13T05:57:36Z'
 * ```
 */
export function formatBceTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The epoch milliseconds of a bce-auth-v1 timestamp, or `undefined` unless it is exactly
 * `YYYY-MM-DDTHH:MM:SSZ` and a real date. The round trip matters: `Date.parse` reads
 * `2023-02-30` as March 2nd.
 *
 * @example
 * ```ts
 * parseBceTimestamp('2014-06-13T05:57:36Z'); // 1402639056000
 * parseBceTimestamp('2024-13-45T00:00:00Z'); // undefined
 * ```
 */
export function parseBceTimestamp(value: string): number | undefined {
  if (!shape.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || formatBceTimestamp(new Date(ms)) !== value ? undefined : ms;
}
