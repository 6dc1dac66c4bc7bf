import { describe, expect, it } from '@jest/globals';
import { nearestRankPercentile } from '@augeo/shared/health/percentile';
import type { ProbeSample } from '@augeo/shared/health/probe';
import { summarizeSamples } from '@augeo/shared/health/statistics';

const range = (n: number): number[] => Array.from({ length: n }, (_, index) => index + 1);

describe('nearest-rank percentile', () => {
  it('n=1: every percentile is the only value', () => {
    expect(nearestRankPercentile([42], 95)).toBe(42);
    expect(nearestRankPercentile([42], 50)).toBe(42);
  });

  it('n=20: p95 is rank ceil(19) = 19, the second largest', () => {
    const shuffled = [...range(20)].reverse();
    expect(nearestRankPercentile(shuffled, 95)).toBe(19);
    expect(nearestRankPercentile(shuffled, 50)).toBe(10);
    expect(nearestRankPercentile(shuffled, 100)).toBe(20);
  });

  it('n=100: p95 is rank 95', () => {
    expect(
      nearestRankPercentile(
        range(100).map((n) => n * 10),
        95,
      ),
    ).toBe(950);
  });

  it('n=21: rank ceil(19.95) = 20', () => {
    expect(nearestRankPercentile(range(21), 95)).toBe(20);
  });

  it('ties: returns the tied value', () => {
    expect(nearestRankPercentile([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 900], 95)).toBe(5);
    expect(nearestRankPercentile([1, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7], 95)).toBe(7);
  });

  it('sorts numerically, not as text', () => {
    expect(nearestRankPercentile([100, 9, 20], 50)).toBe(20);
  });

  it('has no value for no samples', () => {
    expect(nearestRankPercentile([], 95)).toBeUndefined();
  });
});

const url = 'https://app.test/health';
const ok = (latencyMs: number, version = '1.2.3'): ProbeSample => ({
  url,
  outcome: 'response',
  status: 200,
  latencyMs,
  version,
});

describe('summarizeSamples', () => {
  it('counts wrong status, failures, timeouts and version mismatches as errors', () => {
    const samples: ProbeSample[] = [
      ok(10),
      ok(20),
      ok(30, '1.2.2'),
      { url, outcome: 'response', status: 503, latencyMs: 5 },
      { url, outcome: 'timeout', latencyMs: 1000, error: 'timed out after 1s' },
      { url, outcome: 'failure', latencyMs: 0.2, error: 'connection refused' },
    ];
    const stats = summarizeSamples(url, samples, { statuses: ['2xx'], version: '1.2.3' });

    expect(stats).toMatchObject({ samples: 6, errors: 4, answered: 3, versionMismatches: 1 });
    expect(stats.errorRatePercent).toBeCloseTo(66.667, 2);
    expect(stats.problems).toEqual({
      "version '1.2.2' (expected '1.2.3')": 1,
      'status 503': 1,
      'timed out after 1s': 1,
      'connection refused': 1,
    });
    expect(stats.versions).toEqual({ '1.2.3': 2, '1.2.2': 1 });
  });

  it('measures latency over answers and timeouts, leaving out connection failures', () => {
    const samples: ProbeSample[] = [
      ok(10),
      { url, outcome: 'response', status: 500, latencyMs: 40 },
      { url, outcome: 'timeout', latencyMs: 1000, error: 'timed out after 1s' },
      { url, outcome: 'failure', latencyMs: 0.1, error: 'connection refused' },
    ];
    const stats = summarizeSamples(url, samples, { statuses: ['200'] });
    expect(stats).toMatchObject({ p50Ms: 40, p95Ms: 1000, maxMs: 1000 });
  });

  it('without an expected version, any version is fine and a missing one is recorded as (none)', () => {
    const samples: ProbeSample[] = [ok(1, 'a'), { url, outcome: 'response', status: 200, latencyMs: 2 }];
    const stats = summarizeSamples(url, samples, { statuses: ['200'] });
    expect(stats).toMatchObject({ errors: 0, versionMismatches: 0, versions: { a: 1, '(none)': 1 } });
  });
});
