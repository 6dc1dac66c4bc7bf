import { formatDuration } from '../inputs/duration.js';
import type { HttpHeader } from '../inputs/http-headers.js';
import type { StatusPattern } from '../inputs/http-status.js';
import type { Logger } from '../io/action-io.js';
import { systemClock, type Clock } from './clock.js';
import type { SampleExpectation } from './expectation.js';
import { formatPercent, judgeUrl, type HealthThresholds, type UrlVerdict } from './judgement.js';
import { probeOnce, type ProbeSample } from './probe.js';
import { reportProgress } from './progress.js';
import { collectSamples } from './sampling.js';
import { summarizeSamples, type UrlStatistics } from './statistics.js';
import { describeLastRound, waitUntilHealthy, type TimedProbe } from './wait-until-healthy.js';

export interface HealthCheckPlan {
  urls: string[];
  headers: HttpHeader[];
  expectedStatuses: StatusPattern[];
  expectedVersion?: string;
  /** Dotted path segments of the version in the JSON body. */
  versionField: string[];
  samples: number;
  intervalMs: number;
  timeoutMs: number;
  concurrency: number;
  maxErrorRatePercent: number;
  maxP95Ms: number;
  /** 0 skips the wait phase. */
  consecutiveSuccesses: number;
  initialDelayMs: number;
  /** Bound of the wait phase. */
  deadlineMs: number;
}

export type UrlReport = UrlStatistics & UrlVerdict;

export interface WaitReport {
  ready: boolean;
  rounds: number;
  elapsedMs: number;
  /** What each URL showed in the last round. */
  lastSeen: string;
  /** Versions reported in the last round. */
  lastVersions: string[];
}

export interface HealthReport {
  healthy: boolean;
  thresholds: HealthThresholds;
  /** Present when a wait phase ran. */
  wait?: WaitReport;
  /** Per URL; empty when the wait phase ran out of time and no measurement was taken. */
  urls: UrlReport[];
}

/**
 * The whole check: initial delay, the optional wait for N healthy rounds in a row, then the
 * measurement (N samples per URL) and its judgement. Returns the verdict; it does not throw for
 * an unhealthy app, so callers (health-check, deploy-backend, rollback) decide what that means.
 */
export async function checkHealth(
  plan: HealthCheckPlan,
  log: Logger,
  clock: Clock = systemClock,
  probe: TimedProbe = (url, timeoutMs) =>
    probeOnce({ url, timeoutMs, headers: plan.headers, versionField: plan.versionField }),
): Promise<HealthReport> {
  const expectation: SampleExpectation = { statuses: plan.expectedStatuses, version: plan.expectedVersion };
  const thresholds: HealthThresholds = {
    maxErrorRatePercent: plan.maxErrorRatePercent,
    maxP95Ms: plan.maxP95Ms,
    expectedVersion: plan.expectedVersion,
  };
  if (plan.initialDelayMs > 0) {
    log.info(`Waiting ${formatDuration(plan.initialDelayMs)} (initial-delay) before the first request.`);
    await clock.sleep(plan.initialDelayMs);
  }

  let wait: WaitReport | undefined;
  if (plan.consecutiveSuccesses > 0) {
    const title = `Waiting for ${plan.consecutiveSuccesses} healthy round(s) in a row (deadline ${formatDuration(plan.deadlineMs)})`;
    const outcome = await log.group(title, () => waitUntilHealthy({ ...plan, expectation }, probe, clock, log));
    wait = {
      ready: outcome.ready,
      rounds: outcome.rounds,
      elapsedMs: outcome.elapsedMs,
      lastSeen: outcome.rounds > 0 ? describeLastRound(outcome) : 'no request finished',
      lastVersions: outcome.lastRound.flatMap((sample) => (sample.version === undefined ? [] : [sample.version])),
    };
    log.info(
      outcome.ready
        ? `Ready after ${outcome.rounds} round(s) in ${formatDuration(outcome.elapsedMs)}.`
        : `Not ready within ${formatDuration(plan.deadlineMs)} (${outcome.rounds} rounds); last: ${wait.lastSeen}`,
    );
    if (!outcome.ready) return { healthy: false, thresholds, wait, urls: [] };
  }

  const samples = await log.group(
    `Measuring ${plan.urls.length} URL(s): ${plan.samples} samples each, every ${formatDuration(plan.intervalMs)}`,
    () => measure(plan, probe, clock, log),
  );
  const urls = plan.urls.map((url, index) => {
    const stats = summarizeSamples(url, samples[index] ?? [], expectation);
    const verdict = judgeUrl(stats, thresholds);
    log.info(
      `${url}: ${verdict.healthy ? 'healthy' : 'UNHEALTHY'}; error rate ${formatPercent(stats.errorRatePercent)}, ` +
        `p95 ${stats.p95Ms === undefined ? 'n/a' : formatDuration(stats.p95Ms)}`,
    );
    return { ...stats, ...verdict };
  });
  return { healthy: urls.every((url) => url.healthy), thresholds, wait, urls };
}

async function measure(plan: HealthCheckPlan, probe: TimedProbe, clock: Clock, log: Logger): Promise<ProbeSample[][]> {
  const total = plan.urls.length * plan.samples;
  const start = clock.now();
  let done = 0;
  const stopProgress = reportProgress(
    log,
    clock,
    () =>
      `[measure] ${done}/${total} samples, elapsed ${formatDuration(clock.now() - start)} ` +
      `of about ${formatDuration((plan.samples - 1) * plan.intervalMs)} planned`,
  );
  try {
    return await collectSamples(
      plan,
      (url) => probe(url, plan.timeoutMs),
      clock,
      (sample) => {
        done += 1;
        log.debug(
          `${sample.url}: ${sample.status ?? sample.error} in ${formatDuration(sample.latencyMs)}` +
            (sample.version === undefined ? '' : ` (version '${sample.version}')`),
        );
      },
    );
  } finally {
    stopProgress();
  }
}
