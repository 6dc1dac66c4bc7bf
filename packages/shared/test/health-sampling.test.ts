import { describe, expect, it } from '@jest/globals';
import { systemClock } from '@augeo/shared/health/clock';
import type { ProbeSample } from '@augeo/shared/health/probe';
import { collectSamples } from '@augeo/shared/health/sampling';

/** A probe that takes `latencyMs` of real time and records when it started and how many were in flight. */
function recordingProbe(latencyMs: number) {
  const started: { url: string; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const origin = performance.now();
  const probe = async (url: string): Promise<ProbeSample> => {
    started.push({ url, at: performance.now() - origin });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    inFlight -= 1;
    return { url, outcome: 'response', status: 200, latencyMs };
  };
  return { probe, started, maxInFlight: () => maxInFlight };
}

describe('collectSamples', () => {
  it('takes N samples of every URL, returned per URL in order', async () => {
    const { probe } = recordingProbe(1);
    const samples = await collectSamples(
      { urls: ['a', 'b'], samples: 3, intervalMs: 5, concurrency: 4 },
      probe,
      systemClock,
    );
    expect(samples.map((perUrl) => perUrl.map((s) => s.url))).toEqual([
      ['a', 'a', 'a'],
      ['b', 'b', 'b'],
    ]);
  });

  it('never has more than `concurrency` requests in flight across URLs', async () => {
    const { probe, maxInFlight } = recordingProbe(30);
    await collectSamples({ urls: ['a', 'b', 'c'], samples: 4, intervalMs: 0, concurrency: 2 }, probe, systemClock);
    expect(maxInFlight()).toBe(2);
  });

  it('starts samples on the interval schedule, not after the previous answer', async () => {
    const { probe, started } = recordingProbe(120);
    await collectSamples({ urls: ['a'], samples: 3, intervalMs: 50, concurrency: 3 }, probe, systemClock);
    const offsets = started.map((s) => s.at - (started[0]?.at ?? 0));
    expect(offsets[1]).toBeGreaterThanOrEqual(45);
    expect(offsets[1]).toBeLessThan(110);
    expect(offsets[2]).toBeGreaterThanOrEqual(95);
    expect(offsets[2]).toBeLessThan(160);
  });
});
