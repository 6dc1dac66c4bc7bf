import { randomUUID } from 'node:crypto';
import { ArmError, armErrors } from './errors.js';
import type { Exchange } from './gateway.js';
import { sendJson } from './http.js';

/** An Azure-AsyncOperation record, as resource providers that poll at location scope keep them. */
export interface AsyncOperation {
  id: string;
  /** Only the principal that started an operation may read it (ARM ties async results to their caller). */
  principal: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  startTime: string;
  endTime?: string;
  error?: ArmError;
}

/**
 * Long-running operations of one resource provider, answered the way Microsoft.DBforPostgreSQL and Microsoft.Cache
 * answer them: the request gets 202 with `Azure-AsyncOperation` (status document) and `Location` (202 while running,
 * then 200), both under `/subscriptions/{sub}/providers/{provider}/locations/{location}/`.
 */
export class AsyncOperations {
  readonly #byId = new Map<string, AsyncOperation>();

  constructor(
    private readonly provider: string,
    /** The path segment of the status document: `azureAsyncOperation` (PostgreSQL) or `asyncOperations` (Redis). */
    private readonly statusSegment: string,
  ) {}

  /** Starts `work`, answers the request with 202 and the two polling URLs; a thrown ArmError fails the operation. */
  accept(
    exchange: Exchange,
    where: { origin: string; subscriptionId: string; location: string; apiVersion: string },
    principal: string,
    work: () => Promise<void>,
  ): AsyncOperation {
    const operation: AsyncOperation = {
      id: randomUUID(),
      principal,
      status: 'InProgress',
      startTime: new Date().toISOString(),
    };
    this.#byId.set(operation.id, operation);
    void work().then(
      () => {
        operation.status = 'Succeeded';
        operation.endTime = new Date().toISOString();
      },
      (error: unknown) => {
        operation.status = 'Failed';
        operation.endTime = new Date().toISOString();
        operation.error =
          error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', (error as Error).message);
      },
    );
    const base = `${where.origin}/subscriptions/${where.subscriptionId}/providers/${this.provider}/locations/${encodeURIComponent(where.location)}`;
    const version = `?api-version=${encodeURIComponent(where.apiVersion)}`;
    sendJson(exchange.res, 202, undefined, {
      'azure-asyncoperation': `${base}/${this.statusSegment}/${operation.id}${version}`,
      location: `${base}/operationResults/${operation.id}${version}`,
      'retry-after': '0',
    });
    return operation;
  }

  /** Serves the status document or the operation result when `path` is one of this provider's; true if it was. */
  serve(exchange: Exchange, principal: string, origin: string): boolean {
    const pattern = new RegExp(
      `^/subscriptions/[^/]+/providers/${this.provider.replace('.', '\\.')}/locations/[^/]+/(${this.statusSegment}|operationResults)/([^/]+)$`,
      'i',
    );
    const matched = pattern.exec(exchange.path);
    if (!matched || exchange.method !== 'GET') return false;
    const [, kind = '', id = ''] = matched;
    const operation = this.#byId.get(id.toLowerCase());
    if (!operation || operation.principal !== principal) throw armErrors.operationNotFound(id);
    if (kind.toLowerCase() === 'operationresults') {
      if (operation.status === 'InProgress')
        sendJson(exchange.res, 202, undefined, {
          location: `${origin}${exchange.path}${exchange.url.search}`,
          'retry-after': '0',
        });
      else if (operation.error) sendJson(exchange.res, operation.error.status, operation.error.body());
      else sendJson(exchange.res, 200, undefined);
      return true;
    }
    sendJson(exchange.res, 200, {
      name: operation.id,
      status: operation.status,
      startTime: operation.startTime,
      ...(operation.endTime ? { endTime: operation.endTime } : {}),
      ...(operation.error ? { error: operation.error.body().error } : {}),
    });
    return true;
  }
}
