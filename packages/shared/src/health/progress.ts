import type { Logger } from '../io/action-io.js';
import type { Clock } from './clock.js';

/** Long waits print where they are at least this often (design invariant 6). */
export const PROGRESS_EVERY_MS = 10_000;

/** Logs `describe()` every 10 s until the returned function is called. */
export function reportProgress(log: Logger, clock: Clock, describe: () => string): () => void {
  return clock.every(PROGRESS_EVERY_MS, () => log.info(describe()));
}
