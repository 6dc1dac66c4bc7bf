import { createDeployments, type DeploymentsContext } from '@azure/arm-resourcesdeployments/api';
import type { TokenCredential } from '@azure/core-auth';
import { armClientOptions } from '../azure/arm-client.js';
import type { AzureSettings } from '../azure/azure-settings.js';
import type { Logger } from '../io/action-io.js';

/** The Microsoft.Resources deployments client context, with the options every ARM client of ours shares. */
export function createDeploymentsContext(
  credential: TokenCredential,
  settings: AzureSettings,
  log: Logger,
): DeploymentsContext {
  return createDeployments(credential, settings.subscriptionId, armClientOptions(settings, log));
}
