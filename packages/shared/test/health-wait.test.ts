import { describe, expect, it } from '@jest/globals';
import type { Clock } from '@augeo/shared/health/clock';
import type { ProbeSample } from '@augeo/shared/health/probe';
import { waitUntilHealthy, type WaitPlan } from '@augeo/shared/health/wait-until-healthy';
import { createMemoryIO } from '@augeo/shared/io/memory-io';

/** Virtual time: sleeping advances it at once and fires any tickers that fall due. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  const tickers: { every: number; next: number; tick: () => void }[] = [];
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const due = tickers.filter((t) => t.next <= until).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      now = due.next;
      due.next += due.every;
      due.tick();
    }
    now = until;
  };
  return {
    now: () => now,
    sleep: async (ms) => advance(ms),
    every: (ms, tick) => {
      const ticker = { every: ms, next: now + ms, tick };
      tickers.push(ticker);
      return () => void tickers.splice(tickers.indexOf(ticker), 1);
    },
    advance,
  };
}

/** Answers from a script of statuses, each request taking `latencyMs` of virtual time. */
function scriptedProbe(clock: { advance(ms: number): void }, statuses: number[], latencyMs = 100) {
  const timeouts: number[] = [];
  let index = 0;
  const probe = async (url: string, timeoutMs: number): Promise<ProbeSample> => {
    timeouts.push(timeoutMs);
    const status = statuses[Math.min(index, statuses.length - 1)] ?? 200;
    index += 1;
    clock.advance(latencyMs);
    return { url, outcome: 'response', status, latencyMs, version: '1.2.3' };
  };
  return { probe, timeouts, calls: () => index };
}

const plan: WaitPlan = {
  urls: ['https://app.test/health'],
  consecutiveSuccesses: 3,
  intervalMs: 1000,
  timeoutMs: 10_000,
  deadlineMs: 60_000,
  concurrency: 4,
  expectation: { statuses: ['200'] },
};

describe('waitUntilHealthy', () => {
  it('returns once the streak is long enough', async () => {
    const clock = fakeClock();
    const { probe, calls } = scriptedProbe(clock, [503, 503, 200, 200, 200, 503]);
    const io = createMemoryIO();
    const outcome = await waitUntilHealthy(plan, probe, clock, io.log);

    expect(outcome).toMatchObject({ ready: true, rounds: 5 });
    expect(calls()).toBe(5);
    expect(outcome.elapsedMs).toBe(5 * 100 + 4 * 1000);
  });

  it('restarts the streak on any failure', async () => {
    const clock = fakeClock();
    const { probe, calls } = scriptedProbe(clock, [200, 200, 500, 200, 200, 200]);
    const outcome = await waitUntilHealthy(plan, probe, clock, createMemoryIO().log);
    expect(outcome.ready).toBe(true);
    expect(calls()).toBe(6);
  });

  it('needs every URL to succeed in a round', async () => {
    const clock = fakeClock();
    // two URLs per round: the second fails in round 1 only
    const { probe, calls } = scriptedProbe(clock, [200, 503, 200, 200, 200, 200, 200, 200], 0);
    const outcome = await waitUntilHealthy(
      { ...plan, urls: ['https://a.test/', 'https://b.test/'] },
      probe,
      clock,
      createMemoryIO().log,
    );
    expect(outcome).toMatchObject({ ready: true, rounds: 4 });
    expect(calls()).toBe(8);
  });

  it('gives up at the deadline and reports the last answer', async () => {
    const clock = fakeClock();
    const { probe } = scriptedProbe(clock, [503]);
    const outcome = await waitUntilHealthy({ ...plan, deadlineMs: 5000 }, probe, clock, createMemoryIO().log);

    expect(outcome.ready).toBe(false);
    expect(outcome.elapsedMs).toBe(5000);
    expect(outcome.lastProblems).toEqual(['status 503']);
    expect(outcome.lastRound[0]).toMatchObject({ status: 503 });
  });

  it('never lets a request outlive the deadline', async () => {
    const clock = fakeClock();
    const { probe, timeouts } = scriptedProbe(clock, [503], 1000);
    await waitUntilHealthy(
      { ...plan, deadlineMs: 12_500, timeoutMs: 10_000, intervalMs: 2000 },
      probe,
      clock,
      createMemoryIO().log,
    );
    // rounds start at 0, 3000, 6000, 9000, 12000 → the last has 500 ms left
    expect(timeouts).toEqual([10_000, 9500, 6500, 3500, 500]);
  });

  it('prints progress every 10 s with phase, elapsed time and deadline', async () => {
    const clock = fakeClock();
    const { probe } = scriptedProbe(clock, [503], 100);
    const io = createMemoryIO();
    await waitUntilHealthy({ ...plan, deadlineMs: 35_000, intervalMs: 900 }, probe, clock, io.log);

    const progress = io.lines.filter((line) => line.level === 'info').map((line) => line.message);
    expect(progress).toHaveLength(3);
    expect(progress[0]).toMatch(
      /^\[wait\] 0\/3 healthy rounds in a row after 10 rounds, elapsed 10s of the 35s deadline; last: https:\/\/app\.test\/health: status 503/,
    );
    expect(progress[2]).toContain('elapsed 30s of the 35s deadline');
  });
});
