import { armRequestFailed, AugeoError } from '../errors.js';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
  details?: unknown;
}

/** Pulls ARM's error code, message and correlation id out of whatever the SDK threw. */
export function readArmFailure(error: unknown): {
  status?: number;
  code?: string;
  message?: string;
  correlationId?: string;
} {
  const rest = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  const body = rest.details as { error?: { code?: string; message?: string } } | undefined;
  return {
    status: rest.statusCode,
    code: body?.error?.code ?? rest.code,
    message: body?.error?.message ?? rest.message,
    correlationId: rest.response?.headers?.get('x-ms-correlation-request-id') ?? undefined,
  };
}

/** Runs one ARM call and turns a failure into an error that says what, why, and the correlation id. */
export async function armCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AugeoError) throw error;
    throw armRequestFailed(operation, readArmFailure(error), error);
  }
}
