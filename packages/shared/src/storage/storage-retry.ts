import { describeError } from '../errors.js';
import type { Logger } from '../io/action-io.js';

const ATTEMPTS = 4;
const FIRST_DELAY_MS = 500;

interface StorageFailure {
  statusCode?: number;
  code?: string;
}

/** Connection resets, timeouts, throttling and 5xx: what a second try can fix. */
function isTransient(error: unknown): boolean {
  const { statusCode, code } = (typeof error === 'object' && error !== null ? error : {}) as StorageFailure;
  if (statusCode === undefined) return code !== 'AbortError';
  return statusCode === 408 || statusCode === 429 || statusCode >= 500;
}

/**
 * Runs one Blob Storage call with bounded, logged retries. The storage SDK's own retry is turned off (maxTries 1)
 * because it retries silently; here every retry says what failed, as ARM retries do (design invariant 3).
 */
export async function withStorageRetries<T>(operation: string, log: Logger, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransient(error)) throw error;
      const delayMs = FIRST_DELAY_MS * 2 ** (attempt - 1);
      log.warning(
        `${operation} failed (${describeError(error).split('\n')[0]}); retrying in ${delayMs} ms ` +
          `(attempt ${attempt + 1} of ${ATTEMPTS}).`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
