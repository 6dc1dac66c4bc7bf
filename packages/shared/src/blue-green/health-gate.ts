import { checkHealth, type HealthCheckPlan, type HealthReport } from '../health/check-health.js';
import { systemClock, type Clock } from '../health/clock.js';
import { sampleProblem, type SampleExpectation } from '../health/expectation.js';
import { judgeUrl, type HealthThresholds } from '../health/judgement.js';
import { probeOnce, type ProbeSample } from '../health/probe.js';
import { summarizeSamples } from '../health/statistics.js';
import { formatDuration } from '../inputs/duration.js';
import type { Logger } from '../io/action-io.js';

/** The health inputs deploy-backend, rollback and swap-slots share with health-check, under the same names. */
export interface GatePlan {
  healthPath: string;
  /** Undefined: each gate expects the version of the image it verifies (its tag). */
  expectedVersion?: string;
  samples: number;
  intervalMs: number;
  timeoutMs: number;
  maxErrorRatePercent: number;
  maxP95Ms: number;
  consecutiveSuccesses: number;
  deadlineMs: number;
}

export interface GateResult {
  /** e.g. `slot staging`, `production after swap`. */
  name: string;
  url: string;
  expectedVersion?: string;
  report: HealthReport;
  /** The production gate stops at the first sample that makes a healthy verdict impossible. */
  stoppedEarly: boolean;
}

const EXPECTED_STATUSES = ['200'];
const VERSION_FIELD = ['version'];

/**
 * The gate before traffic: wait until the slot answers healthy `consecutive-successes` times in a row (bounded
 * by `deadline`), then measure `samples` probes. A slot still serving the old image reports the old version,
 * so every sample is a version mismatch: unhealthy.
 */
export async function verifySlot(
  name: string,
  url: string,
  plan: GatePlan,
  expectedVersion: string | undefined,
  log: Logger,
  clock: Clock = systemClock,
): Promise<GateResult> {
  const check: HealthCheckPlan = {
    urls: [`${url}${plan.healthPath}`],
    headers: [],
    expectedStatuses: EXPECTED_STATUSES,
    expectedVersion,
    versionField: VERSION_FIELD,
    samples: plan.samples,
    intervalMs: plan.intervalMs,
    timeoutMs: plan.timeoutMs,
    concurrency: 1,
    maxErrorRatePercent: plan.maxErrorRatePercent,
    maxP95Ms: plan.maxP95Ms,
    consecutiveSuccesses: plan.consecutiveSuccesses,
    initialDelayMs: 0,
    deadlineMs: plan.deadlineMs,
  };
  const report = await log.group(`Health gate: ${name} (${check.urls[0]})`, () => checkHealth(check, log, clock));
  return { name, url: check.urls[0] ?? url, expectedVersion, report, stoppedEarly: false };
}

/**
 * The gate after traffic moved: the same thresholds, but no wait phase (production already takes traffic;
 * waiting for a streak while users see errors is the wrong order) and it stops at the first sample after
 * which the error budget or the version rule can no longer pass. A bad release is caught at its first
 * failed probe and the swap back starts at once.
 */
export async function verifyProduction(
  name: string,
  url: string,
  plan: GatePlan,
  expectedVersion: string | undefined,
  log: Logger,
  clock: Clock = systemClock,
): Promise<GateResult> {
  const target = `${url}${plan.healthPath}`;
  const expectation: SampleExpectation = { statuses: EXPECTED_STATUSES, version: expectedVersion };
  const thresholds: HealthThresholds = {
    maxErrorRatePercent: plan.maxErrorRatePercent,
    maxP95Ms: plan.maxP95Ms,
    expectedVersion,
  };
  const allowedErrors = Math.floor((plan.maxErrorRatePercent * plan.samples) / 100);
  return log.group(`Health gate: ${name} (${target})`, async () => {
    const samples: ProbeSample[] = [];
    let errors = 0;
    let stoppedEarly = false;
    const start = clock.now();
    for (let index = 0; index < plan.samples; index += 1) {
      const wait = start + index * plan.intervalMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
      const sample = await probeOnce({
        url: target,
        headers: [],
        timeoutMs: plan.timeoutMs,
        versionField: VERSION_FIELD,
      });
      samples.push(sample);
      const problem = sampleProblem(sample, expectation);
      if (problem === undefined) continue;
      errors += 1;
      log.info(`${target}: sample ${index + 1}: ${problem}`);
      const wrongVersion =
        sample.status !== undefined && problem.startsWith('version') && expectedVersion !== undefined;
      if (errors > allowedErrors || wrongVersion) {
        stoppedEarly = index + 1 < plan.samples;
        break;
      }
    }
    const stats = summarizeSamples(target, samples, expectation);
    const verdict = judgeUrl(stats, thresholds);
    log.info(
      `${target}: ${verdict.healthy ? 'healthy' : 'UNHEALTHY'} after ${samples.length} sample(s)` +
        (stoppedEarly ? ' (stopped early: a healthy verdict was no longer possible)' : '') +
        `; p95 ${stats.p95Ms === undefined ? 'n/a' : formatDuration(stats.p95Ms)}`,
    );
    const report: HealthReport = { healthy: verdict.healthy, thresholds, urls: [{ ...stats, ...verdict }] };
    return { name, url: target, expectedVersion, report, stoppedEarly };
  });
}
