import { createDeployments, type DeploymentsContext } from '@azure/arm-resourcesdeployments/api';
import type { TokenCredential } from '@azure/core-auth';
import { ARM_RETRY_OPTIONS, retryReportingPolicy } from '../azure/arm-client.js';
import type { AzureSettings } from '../azure/azure-settings.js';
import type { Logger } from '../io/action-io.js';

/** The Microsoft.Resources deployments client context, built like the App Service one (arm-client.ts). */
export function createDeploymentsContext(
  credential: TokenCredential,
  settings: AzureSettings,
  log: Logger,
): DeploymentsContext {
  return createDeployments(credential, settings.subscriptionId, {
    endpoint: settings.resourceManagerEndpoint,
    credentials: { scopes: [settings.resourceManagerScope] },
    retryOptions: ARM_RETRY_OPTIONS,
    additionalPolicies: [{ policy: retryReportingPolicy(log), position: 'perRetry' }],
    userAgentOptions: { userAgentPrefix: 'augeo-infra' },
  });
}
