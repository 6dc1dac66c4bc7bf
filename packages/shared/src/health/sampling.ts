import type { Clock } from './clock.js';
import { concurrencyLimit } from './concurrency-limit.js';
import type { ProbeSample } from './probe.js';

export interface SamplingPlan {
  urls: readonly string[];
  /** Samples per URL. */
  samples: number;
  /** Sample i of each URL is due `i × intervalMs` after sampling starts. */
  intervalMs: number;
  /** Requests in flight at once, across all URLs. */
  concurrency: number;
}

/** A probe that never rejects: failures come back as samples. */
export type Probe = (url: string) => Promise<ProbeSample>;

/**
 * Takes `samples` samples of every URL on a fixed schedule. Each sample starts when it is due
 * (or, when `concurrency` requests are already in flight, as soon as one finishes), so a slow
 * answer delays only itself, not the schedule. Returns the samples per URL, in `urls` order.
 */
export async function collectSamples(
  plan: SamplingPlan,
  probe: Probe,
  clock: Clock,
  onSample: (sample: ProbeSample) => void = () => undefined,
): Promise<ProbeSample[][]> {
  const limited = concurrencyLimit(plan.concurrency);
  const start = clock.now();
  return Promise.all(
    plan.urls.map(async (url) => {
      const pending: Promise<ProbeSample>[] = [];
      for (let index = 0; index < plan.samples; index += 1) {
        const wait = start + index * plan.intervalMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        pending.push(
          limited(async () => {
            const sample = await probe(url);
            onSample(sample);
            return sample;
          }),
        );
      }
      return Promise.all(pending);
    }),
  );
}
