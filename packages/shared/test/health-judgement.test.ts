import { describe, expect, it } from '@jest/globals';
import { judgeUrl } from '@augeo/shared/health/judgement';
import type { UrlStatistics } from '@augeo/shared/health/statistics';

const base: UrlStatistics = {
  url: 'https://app.test/health',
  samples: 20,
  errors: 0,
  errorRatePercent: 0,
  problems: {},
  p50Ms: 40,
  p95Ms: 120,
  maxMs: 130,
  versions: { '1.2.3': 20 },
  answered: 20,
  versionMismatches: 0,
};
const thresholds = { maxErrorRatePercent: 5, maxP95Ms: 500, expectedVersion: '1.2.3' };

describe('judgeUrl', () => {
  it('is healthy when every criterion holds', () => {
    expect(judgeUrl(base, thresholds)).toEqual({ healthy: true, reasons: [] });
  });

  it('holds thresholds inclusively: 1 error in 20 is exactly 5%, p95 exactly 500ms', () => {
    const edge = { ...base, errors: 1, errorRatePercent: 5, problems: { 'status 500': 1 }, answered: 19, p95Ms: 500 };
    expect(judgeUrl(edge, thresholds).healthy).toBe(true);
  });

  it('fails an error rate above the limit, with what the errors were', () => {
    const verdict = judgeUrl(
      { ...base, errors: 2, errorRatePercent: 10, problems: { 'status 500': 1, 'connection refused': 1 } },
      thresholds,
    );
    expect(verdict.reasons).toEqual([
      'error rate 10% (2 of 20 samples) is above max-error-rate 5%: status 500 ×1, connection refused ×1',
    ]);
  });

  it('fails a p95 above the limit', () => {
    expect(judgeUrl({ ...base, p95Ms: 612.4 }, thresholds).reasons).toEqual([
      'p95 latency 612.4ms is above max-p95 500ms',
    ]);
  });

  it('fails on one wrong version even when the error rate tolerates it', () => {
    const stats = {
      ...base,
      errors: 1,
      errorRatePercent: 5,
      versions: { '1.2.3': 19, '1.2.30': 1 },
      versionMismatches: 1,
    };
    expect(judgeUrl(stats, thresholds).reasons).toEqual([
      "1 of 20 answered samples did not report version '1.2.3': '1.2.30' ×1",
    ]);
  });

  it('does not confirm a version no sample was answered with', () => {
    const stats = {
      ...base,
      errors: 20,
      errorRatePercent: 100,
      problems: { 'status 503': 20 },
      versions: {},
      answered: 0,
    };
    const verdict = judgeUrl(stats, { ...thresholds, maxErrorRatePercent: 100 });
    expect(verdict.reasons).toEqual([
      "version '1.2.3' was never confirmed: no sample was answered with an expected status",
    ]);
  });

  it('lists every failed criterion', () => {
    const stats = {
      ...base,
      errors: 20,
      errorRatePercent: 100,
      problems: { 'connection refused': 20 },
      p95Ms: undefined,
      answered: 0,
      versions: {},
    };
    expect(judgeUrl(stats, thresholds).reasons).toHaveLength(3);
  });
});
