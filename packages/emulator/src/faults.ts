import { randomUUID } from 'node:crypto';
import { EmulatorError } from './errors.js';
import type { JournalHost } from './journal.js';

export interface FaultSpec {
  /** HTTP method to match, or '*' for any. */
  method: string;
  /** A regular expression tested against the request path (no query). */
  path: string;
  host?: JournalHost;
  /** Answer with this status instead of routing the request. */
  status?: number;
  /** Seconds, sent as Retry-After with `status`. */
  retryAfter?: number;
  /** Wait this long first; without `status` or `reset` the request is then served normally. */
  delayMs?: number;
  /** Destroy the connection without answering. */
  reset?: true;
  /** Serve the request, but make the long-running operation it starts end Failed with this error. */
  lroFail?: { code: string; message: string };
  /** How many requests it applies to (default 1). */
  times?: number;
}

interface ArmedFault {
  id: string;
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
}

/** Faults armed by tests; each is consumed by the requests it matches. */
export class FaultBook {
  #faults: ArmedFault[] = [];

  add(spec: FaultSpec): string {
    if (typeof spec.method !== 'string' || typeof spec.path !== 'string') {
      throw new EmulatorError('A fault needs a method and a path pattern.');
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(spec.path);
    } catch (error) {
      throw new EmulatorError(`The fault path '${spec.path}' is not a regular expression: ${(error as Error).message}`);
    }
    const id = randomUUID();
    this.#faults.push({ id, spec: { ...spec }, pattern, remaining: spec.times ?? 1 });
    return id;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first armed fault matching this request, consumed once. */
  take(host: JournalHost, method: string, path: string): { id: string; spec: FaultSpec } | undefined {
    const fault = this.#faults.find(
      (candidate) =>
        (candidate.spec.host === undefined || candidate.spec.host === host) &&
        (candidate.spec.method === '*' || candidate.spec.method.toUpperCase() === method.toUpperCase()) &&
        candidate.pattern.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== fault);
    return { id: fault.id, spec: fault.spec };
  }
}
