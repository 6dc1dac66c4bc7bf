import { phaseTimedOut } from '../errors.js';
import type { Logger } from '../io/action-io.js';
import { armCall } from './arm-call.js';

/** How often a long wait says it is still alive (the brief asks for at least every 10 s). */
export const PROGRESS_EVERY_MS = 10_000;

export interface PhaseOptions {
  /** The phase's name as the user sees it, e.g. "swap staging → production". */
  phase: string;
  timeoutMs: number;
  log: Logger;
  /** A hint for the timeout message: what state the phase may have left behind. */
  timeoutHint?: string;
}

/**
 * Runs one phase under its own deadline, printing phase, elapsed time and deadline while it waits.
 * The abort signal reaches the SDK, so polling and retry back-off stop when the deadline passes.
 */
export async function runPhase<T>(options: PhaseOptions, body: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const { phase, timeoutMs, log } = options;
  const started = Date.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const progress = setInterval(() => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    log.info(`… ${phase}: still running after ${elapsed}s (deadline ${Math.round(timeoutMs / 1000)}s)`);
  }, PROGRESS_EVERY_MS);
  try {
    return await armCall(phase, async () => {
      try {
        return await body(deadline.signal);
      } catch (error) {
        if (deadline.signal.aborted) throw phaseTimedOut(phase, timeoutMs, options.timeoutHint);
        throw error;
      }
    });
  } finally {
    clearTimeout(timer);
    clearInterval(progress);
  }
}
