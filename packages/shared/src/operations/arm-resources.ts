import { createRestError, getClient, type Client, type HttpResponse } from '@azure-rest/core-client';
import type { TokenCredential } from '@azure/core-auth';
import { createHttpPoller, type OperationResponse, type OperationState } from '@azure/core-lro';
import { armClientOptions } from '../azure/arm-client.js';
import { armCall } from '../azure/arm-call.js';
import type { AzureSettings } from '../azure/azure-settings.js';
import { armRequestFailed } from '../errors.js';
import type { Logger } from '../io/action-io.js';

/**
 * ARM calls for resource providers the toolkit has no per-operation SDK for (PostgreSQL flexible servers, Redis):
 * the same pipeline as the App Service client (OIDC credential, bounded retries, retry reporting) and
 * @azure/core-lro for long-running operations, so Azure-AsyncOperation, Location and Retry-After are followed as
 * the SDKs follow them. The packaged clients (@azure/arm-postgresql-flexible, @azure/arm-rediscache) are
 * whole-service clients with no per-operation entry points: each would add hundreds of KiB to a bundle.
 */
export interface ArmResources {
  /** GET a resource; undefined when ARM answers 404. */
  get<T>(operation: string, path: string, apiVersion: string): Promise<T | undefined>;
  /** Runs a long-running PUT, POST or DELETE to its end; returns the final resource (PUT) or nothing. */
  longRunning<T>(
    operation: string,
    request: { method: 'PUT' | 'POST' | 'DELETE'; path: string; apiVersion: string; body?: unknown },
    options: { pollIntervalMs: number; abortSignal: AbortSignal },
  ): Promise<T | undefined>;
}

const INITIAL_STATUSES: Record<string, string[]> = {
  PUT: ['200', '201', '202'],
  POST: ['200', '202'],
  DELETE: ['200', '202', '204'],
};
const POLL_STATUSES = ['200', '201', '202', '204'];
const LRO_FAILURE = /^The long-running operation has failed\. ([^.]+)\. ([\s\S]*)$/;

export function createArmResources(credential: TokenCredential, settings: AzureSettings, log: Logger): ArmResources {
  const { endpoint, ...options } = armClientOptions(settings, log);
  const client = getClient(endpoint, credential, options);

  return {
    async get<T>(operation: string, path: string, apiVersion: string) {
      return armCall(operation, async () => {
        const response = await client.pathUnchecked(withVersion(path, apiVersion)).get();
        if (response.status === '404') return undefined;
        if (response.status !== '200') throw createRestError(response);
        return response.body as T;
      });
    },

    async longRunning<T>(
      operation: string,
      request: { method: 'PUT' | 'POST' | 'DELETE'; path: string; apiVersion: string; body?: unknown },
      options: { pollIntervalMs: number; abortSignal: AbortSignal },
    ) {
      return armCall(operation, async () => {
        const url = withVersion(request.path, request.apiVersion);
        const poller = createHttpPoller<unknown, OperationState<unknown>>(
          {
            sendInitialRequest: async () =>
              lroResponse(
                await send(client, request.method, url, request.body),
                { method: request.method, url },
                INITIAL_STATUSES[request.method] ?? [],
              ),
            sendPollRequest: async (pollPath, pollOptions) =>
              lroResponse(
                await client
                  .pathUnchecked(withVersion(pollPath, request.apiVersion))
                  .get({ abortSignal: pollOptions?.abortSignal ?? options.abortSignal }),
                { method: 'GET', url: pollPath },
                POLL_STATUSES,
              ),
          },
          { intervalInMs: options.pollIntervalMs },
        );
        try {
          return (await poller.pollUntilDone({ abortSignal: options.abortSignal })) as T | undefined;
        } catch (error) {
          const failed = error instanceof Error ? LRO_FAILURE.exec(error.message) : null;
          if (failed) throw armRequestFailed(operation, { code: failed[1], message: failed[2] }, error);
          throw error;
        }
      });
    },
  };
}

async function send(client: Client, method: string, url: string, body: unknown): Promise<HttpResponse> {
  const resource = client.pathUnchecked(url);
  if (method === 'PUT') return await resource.put({ body, contentType: 'application/json' });
  if (method === 'POST') return await resource.post({ body: body ?? {}, contentType: 'application/json' });
  return await resource.delete();
}

function lroResponse(
  response: HttpResponse,
  request: { method: string; url: string },
  expected: string[],
): OperationResponse<unknown> {
  if (!expected.includes(response.status)) throw createRestError(response);
  return {
    flatResponse: response.body,
    rawResponse: { statusCode: Number(response.status), request, headers: response.headers, body: response.body },
  };
}

/** Adds `api-version` unless the URL (a polling URL from Azure) already carries one. */
function withVersion(path: string, apiVersion: string): string {
  if (/[?&]api-version=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}api-version=${encodeURIComponent(apiVersion)}`;
}
