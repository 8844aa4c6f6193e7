/** The median and range of a few rounds' figures. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Median with min–max of a non-empty list: with a handful of noisy rounds, the median resists
 * one disturbed round and the range shows how far the rounds spread.
 *
 * @example
 * ```ts
 * summarize([1.1, 0.9, 1.0]); // { median: 1.0, min: 0.9, max: 1.1 }
 * ```
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('nothing to summarize');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

/**
 * The per-round ratios `a[i] / b[i]` of two figures measured in the same rounds.
 *
 * @example
 * ```ts
 * roundRatios([10, 12], [5, 4]); // [2, 3]
 * ```
 */
export function roundRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error('ratios need figures from the same rounds');
  return a.map((value, i) => value / (b[i] ?? NaN));
}

/**
 * A ratio summary as the tables print it: `1.07× (0.98–1.12)`.
 *
 * @example
 * ```ts
 * formatRatio({ median: 1.07, min: 0.98, max: 1.12 }); // '1.07× (0.98–1.12)'
 * ```
 */
export function formatRatio({ median, min, max }: Summary): string {
  return `${median.toFixed(2)}× (${min.toFixed(2)}–${max.toFixed(2)})`;
}

/**
 * A rate summary as the tables print it: `12,345 (11,900–12,800)`.
 *
 * @example
 * ```ts
 * formatRate({ median: 12345, min: 11900, max: 12800 }); // '12,345 (11,900–12,800)'
 * ```
 */
export function formatRate({ median, min, max }: Summary): string {
  const n = (value: number): string => Math.round(value).toLocaleString('en-US');
  return `${n(median)} (${n(min)}–${n(max)})`;
}

/** A target on a same-run ratio: `numerator / denominator ≥ atLeast`. */
export interface RatioTarget {
  readonly label: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly atLeast: number;
}

/**
 * The verdict on a target from its ratio summary. The median decides; a range reaching below
 * the target says the margin is within this machine's noise.
 *
 * @example
 * ```ts
 * verdict({ median: 1.1, min: 0.95, max: 1.2 }, 1.0); // 'met (median; min below target)'
 * ```
 */
export function verdict(summary: Summary, atLeast: number): string {
  if (summary.median < atLeast) return summary.max < atLeast ? '**MISSED**' : '**MISSED** (median)';
  return summary.min < atLeast ? 'met (median; min below target)' : 'met (every round)';
}

/**
 * A positive integer setting from the environment (BENCH_ROUNDS, …), or `fallback` when unset.
 *
 * @example
 * ```ts
 * const rounds = positiveInteger('BENCH_ROUNDS', 5);
 * ```
 */
export function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}
