import { statusMatches, type StatusPattern } from '../inputs/http-status.js';
import type { ProbeSample } from './probe.js';

/** What a single sample must show to count as a success. */
export interface SampleExpectation {
  statuses: readonly StatusPattern[];
  /** Compared exactly: `1.2.3` never matches `1.2.30` or `v1.2.3`. */
  version?: string;
}

/**
 * Why a sample is an error, or undefined when it is a success. A sample is an error when the
 * request got no response (failure or timeout), when its status is not an expected one, or,
 * when a version is expected, when the body did not report exactly that version.
 */
export function sampleProblem(sample: ProbeSample, expectation: SampleExpectation): string | undefined {
  if (sample.status === undefined) return sample.error ?? sample.outcome;
  if (!statusMatches(expectation.statuses, sample.status)) return `status ${sample.status}`;
  if (expectation.version !== undefined && sample.version !== expectation.version) {
    return sample.version === undefined
      ? `no version reported (expected '${expectation.version}')`
      : `version '${sample.version}' (expected '${expectation.version}')`;
  }
  return undefined;
}

/** True when the server answered with an expected status, whatever version it reported. */
export function answeredAsExpected(sample: ProbeSample, expectation: SampleExpectation): boolean {
  return sample.status !== undefined && statusMatches(expectation.statuses, sample.status);
}
