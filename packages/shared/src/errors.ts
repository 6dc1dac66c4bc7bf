/**
 * Every error a user of @augeo/shared sees is built here, so messages keep one voice:
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

/** A feature whose issue has not landed yet: fail loudly rather than pretend. */
export function notImplemented(action: string, issue: string): AugeoError {
  return new AugeoError(`The ${action} action is not implemented yet.`, {
    code: 'NotImplemented',
    hint: `It is tracked in ${issue}; until it lands, pin to a release that has it or use the documented az commands.`,
  });
}

/** Turns anything thrown into the text a failed step shows. */
export function describeError(error: unknown): string {
  if (error instanceof AugeoError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}
