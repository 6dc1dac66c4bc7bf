import type { LockTiming } from './deploy-lock.js';

const DEFAULT_SETTLE_MS = 1000;

/**
 * Lease 30 minutes (a dead run blocks others at most that long; a live one renews by re-taking it before each
 * swap), settle 1 s (ARM tag writes land in well under half of that). AUGEO_LOCK_SETTLE_MS is a seam for
 * tests and the emulator, like AUGEO_POLL_INTERVAL_MS.
 */
export function lockTimingFrom(env: Readonly<Record<string, string | undefined>>): Omit<LockTiming, 'waitMs'> {
  const settle = Number(env.AUGEO_LOCK_SETTLE_MS ?? DEFAULT_SETTLE_MS);
  const settleMs = Number.isFinite(settle) && settle >= 0 ? settle : DEFAULT_SETTLE_MS;
  return { ttlMs: 30 * 60_000, settleMs, pollMs: Math.max(250, settleMs) };
}
