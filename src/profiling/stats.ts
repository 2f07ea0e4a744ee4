/** Small statistics for profiling summaries (samples are small: Wilson intervals, not normal ones). */

/** Wilson score interval for `passed` out of `n` at 95% confidence (z = 1.96). [0, 0] when n = 0. */
export function wilsonInterval(passed: number, n: number, z = 1.959964): [number, number] {
  if (n <= 0) return [0, 0];
  const p = passed / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Nearest-rank percentile (p in [0, 100]) of a list of numbers; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
