import { openAzureSession, type AzureSession } from '../azure/azure-session.js';
import type { IdTokenSource } from '../azure/github-oidc-credential.js';
import type { ActionIO } from '../io/action-io.js';
import { createArmResources, type ArmResources } from './arm-resources.js';
import { FlexibleServers } from './flexible-servers.js';
import { RedisCaches } from './redis-caches.js';

export interface OperationsSession extends AzureSession {
  arm: ArmResources;
  flexibleServers(resourceGroup: string): FlexibleServers;
  redisCaches(resourceGroup: string): RedisCaches;
}

/** Signs in with GitHub OIDC (the Azure settings are validated first) and opens the clients the operations use. */
export function openOperationsSession(io: ActionIO, idTokens: IdTokenSource): OperationsSession {
  const session = openAzureSession(io, idTokens);
  const arm = createArmResources(session.credential, session.settings, io.log);
  const { subscriptionId, pollIntervalMs } = session.settings;
  return {
    ...session,
    arm,
    flexibleServers: (resourceGroup) => new FlexibleServers(arm, subscriptionId, resourceGroup, pollIntervalMs),
    redisCaches: (resourceGroup) => new RedisCaches(arm, subscriptionId, resourceGroup, pollIntervalMs),
  };
}
