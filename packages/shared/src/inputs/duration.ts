import { accept, reject, type Parser } from './parser.js';

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;
const EXAMPLES = 'such as 500ms, 30s, 2m, 1h or 1m30s';

export interface DurationBounds {
  /** Smallest accepted duration in milliseconds (inclusive). */
  minMs?: number;
  /** Largest accepted duration in milliseconds (inclusive). */
  maxMs?: number;
}

/**
 * Durations in milliseconds, written as Go and Argo write them: `500ms`, `30s`, `2m`, `1h`, `1m30s`.
 * A bare number is refused: `30` could be seconds or milliseconds, and guessing wrong by 1000x is
 * the kind of mistake that passes review.
 */
export function duration(bounds: DurationBounds = {}): Parser<number> {
  const { minMs = 0, maxMs = Number.POSITIVE_INFINITY } = bounds;
  const range = describeRange(minMs, maxMs);
  const expected = `a duration ${EXAMPLES}${range}`;
  return {
    expected,
    parse(raw) {
      const text = raw.trim();
      if (BARE_NUMBER.test(text)) {
        return reject(
          `a duration with a unit, such as ${text}s or ${text}ms (a bare number is ambiguous; add ms, s, m or h)${range}`,
        );
      }
      const match = DURATION.exec(text);
      if (!text || !match) return reject(expected);
      const [, h, m, s, ms] = match;
      const total = Math.round(
        Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s + Number(ms ?? 0),
      );
      return total < minMs || total > maxMs ? reject(expected) : accept(total);
    },
  };
}

function describeRange(minMs: number, maxMs: number): string {
  const limits = [
    ...(minMs > 0 ? [`at least ${formatDuration(minMs)}`] : []),
    ...(Number.isFinite(maxMs) ? [`at most ${formatDuration(maxMs)}`] : []),
  ];
  return limits.length ? ` of ${limits.join(' and ')}` : '';
}

/** Milliseconds back to the notation users write: 90000 → `1m30s`, 1500 → `1.5s`, 250 → `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(1))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`;
  const whole = Math.round(ms / 1000);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}` || '0s';
}
