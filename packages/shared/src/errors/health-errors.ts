import { AugeoError } from './augeo-error.js';
import { formatDuration } from '../inputs/duration.js';

/** The app did not answer healthy enough times in a row before the deadline: say what it last showed. */
export function healthWaitTimedOut(
  consecutiveSuccesses: number,
  deadlineMs: number,
  rounds: number,
  lastSeen: string,
): AugeoError {
  return new AugeoError(
    `Not healthy within ${formatDuration(deadlineMs)}: needed ${consecutiveSuccesses} healthy round(s) in a row, ` +
      `none came in ${rounds} round(s). Last seen: ${lastSeen}`,
    {
      code: 'HealthDeadlineExceeded',
      hint: 'Check that the app started and serves this URL; raise deadline if it is just slow to start.',
    },
  );
}

/** One line per failed criterion per URL, so the step's error says exactly what to look at. */
export function healthCheckFailed(failures: { url: string; reasons: string[] }[]): AugeoError {
  const lines = failures.flatMap(({ url, reasons }) => reasons.map((reason) => `- ${url}: ${reason}`));
  return new AugeoError(`Health check failed for ${failures.length} URL(s):\n${lines.join('\n')}`, {
    code: 'Unhealthy',
    hint: 'The job summary has the per-URL numbers and the thresholds used.',
  });
}
