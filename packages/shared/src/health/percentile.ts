/**
 * The nearest-rank percentile: sort ascending, take the value at 1-based rank ceil(p/100 × n).
 * It always returns a value that was observed, never an interpolation, so "p95 = 480 ms" means a
 * request really took 480 ms. Integer arithmetic keeps ranks exact (0.95 × 20 must be 19, not 19.000…1).
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[rank - 1];
}
