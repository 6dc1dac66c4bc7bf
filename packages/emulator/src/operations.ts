import { randomUUID } from 'node:crypto';
import type { ArmError } from './errors.js';

export interface Operation {
  id: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error: ArmError | undefined;
}

/** Long-running operations whose results ARM serves at `.../operationresults/{id}`. */
export class Operations {
  readonly #byId = new Map<string, Operation>();

  /** Registers an operation and settles it when `work` does; a thrown ArmError becomes its failure. */
  run(work: () => Promise<void>): Operation {
    const operation: Operation = { id: randomUUID(), status: 'InProgress', error: undefined };
    this.#byId.set(operation.id, operation);
    void work().then(
      () => {
        operation.status = 'Succeeded';
      },
      (error: ArmError) => {
        operation.status = 'Failed';
        operation.error = error;
      },
    );
    return operation;
  }

  get(id: string): Operation | undefined {
    return this.#byId.get(id.toLowerCase());
  }
}
