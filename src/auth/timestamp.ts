const shape = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

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
 * `YYYY-MM-DDTHH:MM:SSZ` and a real date. Each field is range-checked: `Date.parse` would read
 * `2023-02-30` as March 2nd. It runs on every signed request, so it checks numbers instead of
 * formatting a date back for comparison.
 *
 * @example
 * ```ts
 * parseBceTimestamp('2014-06-13T05:57:36Z'); // 1402639056000
 * parseBceTimestamp('2024-13-45T00:00:00Z'); // undefined
 * ```
 */
export function parseBceTimestamp(value: string): number | undefined {
  const fields = shape.exec(value);
  if (fields === null) return undefined;
  const [year, month, day, hour, minute, second] = fields.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const monthDays = month === 2 && isLeapYear(year) ? 29 : daysInMonth[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  return date.getTime();
}
