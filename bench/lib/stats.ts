/** Pure statistics for the benchmark: no I/O, unit-tested in test/bench-stats.test.ts. */

/**
 * The p-th percentile (0–100) of a sample by linear interpolation between closest ranks
 * (the "R-7" / spreadsheet PERCENTILE.INC rule). NaN for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export type Summary = { n: number; min: number; p50: number; p99: number; max: number; mean: number };

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, min: Number.NaN, p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  return {
    n,
    // Loops, not Math.min(...values): that overflows the call stack past about 100,000 values.
    min: values.reduce((m, v) => (v < m ? v : m), Number.POSITIVE_INFINITY),
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.reduce((m, v) => (v > m ? v : m), Number.NEGATIVE_INFINITY),
    mean: values.reduce((s, v) => s + v, 0) / n,
  };
}

/** a ÷ b, or NaN when b is not a positive number. */
export function ratio(a: number, b: number): number {
  return b > 0 && Number.isFinite(a) ? a / b : Number.NaN;
}
