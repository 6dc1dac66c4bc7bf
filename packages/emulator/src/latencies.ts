import type { LatencyOperation } from './world.js';

/** Waits the emulator adds to stand in for Azure's own; small by default so tests stay fast. */
export class Latencies {
  #ms: Record<LatencyOperation, number> = {
    swap: 50,
    restart: 0,
    slotCreate: 0,
    appStart: 0,
    postgresRestore: 300,
    postgresStartStop: 100,
    postgresDelete: 100,
    redisExport: 200,
  };

  constructor(initial: Partial<Record<LatencyOperation, number>> = {}) {
    this.update(initial);
  }

  update(patch: Partial<Record<string, unknown>>): void {
    for (const operation of Object.keys(this.#ms) as LatencyOperation[]) {
      const value = patch[operation];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) this.#ms[operation] = value;
    }
  }

  snapshot(): Record<LatencyOperation, number> {
    return { ...this.#ms };
  }

  wait(operation: LatencyOperation): Promise<void> {
    const ms = this.#ms[operation];
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }
}
