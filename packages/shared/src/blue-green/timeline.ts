/** One phase of a deploy as it happened: the summary draws these as a table and a Mermaid gantt. */
export interface PhaseRecord {
  phase: string;
  /** Milliseconds since the timeline started. */
  startMs: number;
  durationMs: number;
  outcome: 'ok' | 'failed' | 'skipped';
  /** One line: what the phase found or changed. */
  note?: string;
}

/**
 * Records the phases of a run in order. `run` times a phase and records it as failed when it throws, so the
 * summary shows where a run stopped even when the error ends it.
 */
export class Timeline {
  readonly phases: PhaseRecord[] = [];
  readonly #origin: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.#origin = now();
  }

  async run<T>(phase: string, body: (note: (text: string) => void) => Promise<T>): Promise<T> {
    const start = this.now();
    let note: string | undefined;
    const setNote = (text: string): void => void (note = text);
    try {
      const result = await body(setNote);
      this.#record(phase, start, 'ok', note);
      return result;
    } catch (error) {
      this.#record(phase, start, 'failed', note);
      throw error;
    }
  }

  /** Records a phase whose outcome the caller decides (e.g. a health gate that returned unhealthy). */
  async judge<T>(
    phase: string,
    body: () => Promise<T>,
    verdict: (result: T) => { ok: boolean; note?: string },
  ): Promise<T> {
    const start = this.now();
    let result: T;
    try {
      result = await body();
    } catch (error) {
      this.#record(phase, start, 'failed');
      throw error;
    }
    const { ok, note } = verdict(result);
    this.#record(phase, start, ok ? 'ok' : 'failed', note);
    return result;
  }

  skip(phase: string, note: string): void {
    this.phases.push({ phase, startMs: this.now() - this.#origin, durationMs: 0, outcome: 'skipped', note });
  }

  elapsedMs(): number {
    return this.now() - this.#origin;
  }

  #record(phase: string, start: number, outcome: PhaseRecord['outcome'], note?: string): void {
    this.phases.push({
      phase,
      startMs: start - this.#origin,
      durationMs: this.now() - start,
      outcome,
      ...(note === undefined ? {} : { note }),
    });
  }
}
