import { formatDuration } from '../inputs/duration.js';
import type { UrlStatistics } from './statistics.js';

export interface HealthThresholds {
  /** Inclusive: 5 allows exactly 5% errors. */
  maxErrorRatePercent: number;
  /** Inclusive, in ms. */
  maxP95Ms: number;
  expectedVersion?: string;
}

export interface UrlVerdict {
  healthy: boolean;
  /** One line per failed criterion. */
  reasons: string[];
}

/**
 * Healthy iff the error rate is within max-error-rate, p95 latency is within max-p95 and, when a
 * version is expected, every sample answered with an expected status reported exactly that version.
 * The version criterion is strict on purpose: one old instance behind the load balancer is one
 * too many, even when the error rate would tolerate it.
 */
export function judgeUrl(stats: UrlStatistics, thresholds: HealthThresholds): UrlVerdict {
  const reasons: string[] = [];
  if (stats.errors * 100 > thresholds.maxErrorRatePercent * stats.samples) {
    reasons.push(
      `error rate ${formatPercent(stats.errorRatePercent)} (${stats.errors} of ${stats.samples} samples) is above ` +
        `max-error-rate ${formatPercent(thresholds.maxErrorRatePercent)}: ${describeProblems(stats.problems)}`,
    );
  }
  if (stats.p95Ms === undefined) {
    reasons.push('p95 latency is unknown: no sample got a response');
  } else if (stats.p95Ms > thresholds.maxP95Ms) {
    reasons.push(`p95 latency ${formatDuration(stats.p95Ms)} is above max-p95 ${formatDuration(thresholds.maxP95Ms)}`);
  }
  if (thresholds.expectedVersion !== undefined) {
    const wanted = thresholds.expectedVersion;
    if (stats.answered === 0) {
      reasons.push(`version '${wanted}' was never confirmed: no sample was answered with an expected status`);
    } else if (stats.versionMismatches > 0) {
      const seen = Object.entries(stats.versions)
        .filter(([version]) => version !== wanted)
        .map(([version, count]) => `${version === '(none)' ? 'no version' : `'${version}'`} ×${count}`)
        .join(', ');
      reasons.push(
        `${stats.versionMismatches} of ${stats.answered} answered samples did not report version '${wanted}': ${seen}`,
      );
    }
  }
  return { healthy: reasons.length === 0, reasons };
}

/** 2.5 → `2.5%`, 33.333… → `33.33%`. */
export function formatPercent(percent: number): string {
  return `${Number(percent.toFixed(2))}%`;
}

function describeProblems(problems: Record<string, number>): string {
  return Object.entries(problems)
    .sort(([, a], [, b]) => b - a)
    .map(([problem, count]) => `${problem} ×${count}`)
    .join(', ');
}
