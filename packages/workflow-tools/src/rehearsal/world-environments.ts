import type { World } from '@augeo/emulator';
import type { RehearsalEnvironment } from './rehearsal-options.js';

const SCOPE = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i;

/**
 * The GitHub environments a repository would configure for a world, derived as docs/setup.md and docs/bootstrap.md
 * tell people to: each environment's variables name the identity whose federated credential trusts
 * `repo:<repository>:environment:<env>`, the subscription of its role assignment and, for a deployer, the resource
 * group it may deploy to with the API site and static site in it. A provisioning principal (`<env>-infra`, rights on
 * the whole subscription) gets no resource group.
 */
export function environmentsFromWorld(
  world: World,
  repository: string,
  protectedEnvironments: string[],
  secrets: Record<string, Record<string, string>> = {},
): Record<string, RehearsalEnvironment> {
  const environments: Record<string, RehearsalEnvironment> = {};
  const prefix = `repo:${repository}:environment:`;
  for (const tenant of world.tenants) {
    for (const identity of tenant.identities) {
      for (const credential of identity.federatedCredentials) {
        if (!credential.subject.startsWith(prefix)) continue;
        const name = credential.subject.slice(prefix.length);
        const assignment = world.roleAssignments.find((candidate) => candidate.principalId === identity.objectId);
        const [, subscriptionId = '', groupName] = SCOPE.exec(assignment?.scope ?? '') ?? [];
        const subscription = world.subscriptions.find((candidate) => candidate.id === subscriptionId);
        const group = subscription?.resourceGroups.find((candidate) => candidate.name === groupName);
        environments[name] = {
          requiresApproval: protectedEnvironments.includes(name),
          secrets: secrets[name] ?? {},
          vars: {
            AZURE_CLIENT_ID: identity.clientId,
            AZURE_TENANT_ID: tenant.id,
            AZURE_SUBSCRIPTION_ID: subscriptionId,
            ...(group
              ? {
                  AZURE_RESOURCE_GROUP: group.name,
                  API_APP_NAME: group.sites[0]?.name ?? '',
                  STATIC_WEB_APP_NAME: group.staticSites?.[0]?.name ?? '',
                }
              : {}),
          },
        };
      }
    }
  }
  return environments;
}
