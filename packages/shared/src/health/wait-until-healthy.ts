import { formatDuration } from '../inputs/duration.js';
import type { Logger } from '../io/action-io.js';
import type { Clock } from './clock.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { sampleProblem, type SampleExpectation } from './expectation.js';
import type { ProbeSample } from './probe.js';
import { reportProgress } from './progress.js';

export interface WaitPlan {
  urls: readonly string[];
  /** Rounds in a row in which every URL must succeed. */
  consecutiveSuccesses: number;
  /** Pause between rounds. */
  intervalMs: number;
  timeoutMs: number;
  /** Overall bound of the wait, from its start. */
  deadlineMs: number;
  concurrency: number;
  expectation: SampleExpectation;
}

/** Probes a URL with the given per-request timeout; never rejects. */
export type TimedProbe = (url: string, timeoutMs: number) => Promise<ProbeSample>;

export interface WaitOutcome {
  ready: boolean;
  rounds: number;
  elapsedMs: number;
  /** The last round's samples: what each URL showed most recently. */
  lastRound: ProbeSample[];
  /** For each sample of the last round, its problem; undefined when it succeeded. */
  lastProblems: (string | undefined)[];
}

/**
 * Probes every URL once per round until `consecutiveSuccesses` rounds in a row succeed for every
 * URL, or the deadline passes. A round that fails any URL resets the streak: a warming app that
 * flaps is not ready. No request outlives the deadline: each timeout is cut to the time left.
 */
export async function waitUntilHealthy(
  plan: WaitPlan,
  probe: TimedProbe,
  clock: Clock,
  log: Logger,
): Promise<WaitOutcome> {
  const limited = concurrencyLimit(plan.concurrency);
  const start = clock.now();
  const elapsed = (): number => clock.now() - start;
  let outcome: WaitOutcome = { ready: false, rounds: 0, elapsedMs: 0, lastRound: [], lastProblems: [] };
  let streak = 0;
  const stopProgress = reportProgress(
    log,
    clock,
    () =>
      `[wait] ${streak}/${plan.consecutiveSuccesses} healthy rounds in a row after ${outcome.rounds} rounds, ` +
      `elapsed ${formatDuration(elapsed())} of the ${formatDuration(plan.deadlineMs)} deadline` +
      (outcome.rounds > 0 ? `; last: ${describeLastRound(outcome)}` : ''),
  );
  try {
    for (;;) {
      const remaining = plan.deadlineMs - elapsed();
      if (remaining <= 0) return { ...outcome, elapsedMs: elapsed() };
      const timeoutMs = Math.min(plan.timeoutMs, remaining);
      const round = await Promise.all(plan.urls.map((url) => limited(() => probe(url, timeoutMs))));
      const problems = round.map((sample) => sampleProblem(sample, plan.expectation));
      streak = problems.every((problem) => problem === undefined) ? streak + 1 : 0;
      // A timeout the deadline cut short says nothing about the app: keep reporting the round before it.
      const cutShort = timeoutMs < plan.timeoutMs && round.some((sample) => sample.outcome === 'timeout');
      const keepPrevious = cutShort && outcome.rounds > 0 && streak === 0;
      outcome = {
        ready: streak >= plan.consecutiveSuccesses,
        rounds: outcome.rounds + 1,
        elapsedMs: elapsed(),
        lastRound: keepPrevious ? outcome.lastRound : round,
        lastProblems: keepPrevious ? outcome.lastProblems : problems,
      };
      log.debug(`[wait] round ${outcome.rounds}: ${describeLastRound(outcome)}`);
      if (outcome.ready) return outcome;
      const pause = Math.min(plan.intervalMs, plan.deadlineMs - elapsed());
      if (pause > 0) await clock.sleep(pause);
    }
  } finally {
    stopProgress();
  }
}

/** `https://a/health: status 503 (version '1.2.2'); https://b/health: ok (version '1.2.3')` */
export function describeLastRound(outcome: Pick<WaitOutcome, 'lastRound' | 'lastProblems'>): string {
  return outcome.lastRound
    .map((sample, index) => {
      const problem = outcome.lastProblems[index];
      const status = sample.status === undefined ? '' : `status ${sample.status}`;
      const what = problem ?? `ok, ${status}`;
      const version = sample.version === undefined || what.includes('version') ? '' : ` (version '${sample.version}')`;
      return `${sample.url}: ${what}${version}`;
    })
    .join('; ');
}
