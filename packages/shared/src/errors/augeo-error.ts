/**
 * The error types of @augeo/shared. Every message a user sees is built in this folder (one file per area), so messages keep one voice:
 * what happened, what to do, and the ARM correlation id when there is one.
 */

export interface AugeoErrorDetails {
  /** A stable, greppable code, e.g. ARM's `AuthorizationFailed` or ours `InvalidInput`. */
  code?: string;
  /** What the user can do about it. */
  hint?: string;
  /** ARM's x-ms-correlation-request-id: what Azure support asks for. */
  correlationId?: string;
  cause?: unknown;
}

export class AugeoError extends Error {
  readonly code?: string;
  readonly hint?: string;
  readonly correlationId?: string;

  constructor(message: string, details: AugeoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AugeoError';
    this.code = details.code;
    this.hint = details.hint;
    this.correlationId = details.correlationId;
  }

  /** The full text for a failed step: message, hint and correlation id on their own lines. */
  describe(): string {
    const parts = [this.message];
    if (this.hint) parts.push(this.hint);
    if (this.correlationId) parts.push(`Correlation id: ${this.correlationId}`);
    return parts.join('\n');
  }
}

/** A bad input: raised before anything in Azure changes. */
export class InputError extends AugeoError {
  readonly input: string;

  constructor(input: string, received: string | undefined, accepted: string) {
    const got = received === undefined ? 'nothing' : `'${received}'`;
    super(`Input '${input}' is invalid: got ${got}, expected ${accepted}.`, { code: 'InvalidInput' });
    this.name = 'InputError';
    this.input = input;
  }
}

/** Every bad input at once: users should not have to fix one input per run. */
export function invalidInputs(problems: InputError[]): AugeoError {
  if (problems.length === 1 && problems[0]) return problems[0];
  return new AugeoError(`${problems.length} inputs are invalid:\n${problems.map((p) => `- ${p.message}`).join('\n')}`, {
    code: 'InvalidInput',
  });
}

/** Turns anything thrown into the text a failed step shows. */
export function describeError(error: unknown): string {
  if (error instanceof AugeoError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}
