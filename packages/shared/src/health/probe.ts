import type { HttpHeader } from '../inputs/http-headers.js';
import { formatDuration } from '../inputs/duration.js';
import { describeFetchFailure } from './fetch-failure.js';
import { readReportedVersion } from './reported-version.js';

export interface ProbeRequest {
  url: string;
  headers: readonly HttpHeader[];
  timeoutMs: number;
  /** Where the JSON body carries the version, e.g. ['version'] or ['build', 'version']. */
  versionField: readonly string[];
}

/** `response`: the server answered (any status); `timeout`: it did not answer in time; `failure`: no answer at all. */
export type ProbeOutcome = 'response' | 'timeout' | 'failure';

export interface ProbeSample {
  url: string;
  outcome: ProbeOutcome;
  /** Request start to the end of the body, in ms; for a timeout, the time waited. */
  latencyMs: number;
  status?: number;
  version?: string;
  error?: string;
}

/**
 * One GET, never retried, never rejected. Redirects are not followed: a health URL that
 * redirects (to a login page, another slot, http → https) is misconfigured, and following it
 * would report the health of something else. A 3xx is therefore just a status like any other.
 */
export async function probeOnce(request: ProbeRequest): Promise<ProbeSample> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  try {
    const response = await fetch(request.url, {
      headers: request.headers.map(([name, value]) => [name, value]),
      redirect: 'manual',
      // AbortSignal.timeout wants whole milliseconds; a deadline-trimmed timeout can be fractional.
      signal: AbortSignal.timeout(Math.max(1, Math.ceil(request.timeoutMs))),
    });
    const body = await response.text();
    return {
      url: request.url,
      outcome: 'response',
      latencyMs: elapsed(),
      status: response.status,
      version: readReportedVersion(body, request.versionField),
    };
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return {
        url: request.url,
        outcome: 'timeout',
        latencyMs: elapsed(),
        error: `timed out after ${formatDuration(request.timeoutMs)}`,
      };
    }
    return { url: request.url, outcome: 'failure', latencyMs: elapsed(), error: describeFetchFailure(error) };
  }
}
