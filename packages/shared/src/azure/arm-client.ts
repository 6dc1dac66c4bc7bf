import { createWebSiteManagement, type WebSiteManagementContext } from '@azure/arm-appservice/api';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Logger } from '../io/action-io.js';
import type { AzureSettings } from './azure-settings.js';

/**
 * Bounded retries: the SDK's own retry policy already honours Retry-After on 429/503 and backs off
 * exponentially on 5xx and connection resets; we only cap it so a flapping endpoint fails in minutes, not hours.
 */
export const ARM_RETRY_OPTIONS = { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 } as const;

/** Tells the user when Azure pushes back, so a slow step is never a silent one. */
export function retryReportingPolicy(log: Logger): PipelinePolicy {
  return {
    name: 'augeoRetryReporting',
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status === 429 || response.status >= 500) {
        const retryAfter = response.headers.get('retry-after');
        log.warning(
          `ARM answered ${response.status} to ${request.method} ${new URL(request.url).pathname}` +
            `${retryAfter ? ` (Retry-After: ${retryAfter}s)` : ''}; retrying up to ${ARM_RETRY_OPTIONS.maxRetries} times.`,
        );
      }
      return response;
    },
  };
}

/** What every ARM client of ours shares: the cloud's endpoint and token scope, bounded retries that are reported. */
export function armClientOptions(settings: AzureSettings, log: Logger) {
  return {
    endpoint: settings.resourceManagerEndpoint,
    credentials: { scopes: [settings.resourceManagerScope] },
    retryOptions: ARM_RETRY_OPTIONS,
    additionalPolicies: [{ policy: retryReportingPolicy(log), position: 'perRetry' as const }],
    userAgentOptions: { userAgentPrefix: 'augeo-infra' },
  };
}

/** The App Service (Microsoft.Web) client context; operations are imported one by one to keep bundles small. */
export function createWebAppsContext(
  credential: TokenCredential,
  settings: AzureSettings,
  log: Logger,
): WebSiteManagementContext {
  return createWebSiteManagement(credential, settings.subscriptionId, armClientOptions(settings, log));
}
