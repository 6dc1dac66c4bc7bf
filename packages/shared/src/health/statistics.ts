import { answeredAsExpected, sampleProblem, type SampleExpectation } from './expectation.js';
import { nearestRankPercentile } from './percentile.js';
import type { ProbeSample } from './probe.js';

export interface UrlStatistics {
  url: string;
  samples: number;
  errors: number;
  /** errors / samples × 100. */
  errorRatePercent: number;
  /** Error descriptions with how often each occurred, e.g. { 'status 503': 2 }. */
  problems: Record<string, number>;
  /**
   * Latency percentiles over samples that got a response or timed out (a timeout counts at the
   * time waited: a lower bound, still honest). Connection failures are left out: they end in
   * microseconds and would flatter the numbers. Undefined when no sample qualifies.
   */
  p50Ms?: number;
  p95Ms?: number;
  maxMs?: number;
  /** Versions reported by samples answered with an expected status, with counts. */
  versions: Record<string, number>;
  /** Samples answered with an expected status. */
  answered: number;
  /** Of those, how many did not report the expected version (0 when no version is expected). */
  versionMismatches: number;
}

export function summarizeSamples(
  url: string,
  samples: readonly ProbeSample[],
  expectation: SampleExpectation,
): UrlStatistics {
  const problems: Record<string, number> = {};
  const versions: Record<string, number> = {};
  let answered = 0;
  let versionMismatches = 0;
  for (const sample of samples) {
    const problem = sampleProblem(sample, expectation);
    if (problem) problems[problem] = (problems[problem] ?? 0) + 1;
    if (!answeredAsExpected(sample, expectation)) continue;
    answered += 1;
    const version = sample.version ?? '(none)';
    versions[version] = (versions[version] ?? 0) + 1;
    if (expectation.version !== undefined && sample.version !== expectation.version) versionMismatches += 1;
  }
  const errors = Object.values(problems).reduce((sum, count) => sum + count, 0);
  const latencies = samples.filter((sample) => sample.outcome !== 'failure').map((sample) => sample.latencyMs);
  return {
    url,
    samples: samples.length,
    errors,
    errorRatePercent: samples.length === 0 ? 0 : (errors * 100) / samples.length,
    problems,
    p50Ms: nearestRankPercentile(latencies, 50),
    p95Ms: nearestRankPercentile(latencies, 95),
    maxMs: latencies.length === 0 ? undefined : Math.max(...latencies),
    versions,
    answered,
    versionMismatches,
  };
}
