import type { World } from '@augeo/emulator';
import type { RehearsalEnvironment } from './rehearsal-options.js';

/**
 * The GitHub environments a repository would configure for a world, derived as docs/setup.md tells people to: each
 * environment's variables name the identity whose federated credential trusts `repo:<repository>:environment:<env>`,
 * and the resource group that identity may deploy to, with the API site in it.
 */
export function environmentsFromWorld(
  world: World,
  repository: string,
  protectedEnvironments: string[],
): Record<string, RehearsalEnvironment> {
  const environments: Record<string, RehearsalEnvironment> = {};
  const prefix = `repo:${repository}:environment:`;
  for (const tenant of world.tenants) {
    for (const identity of tenant.identities) {
      for (const credential of identity.federatedCredentials) {
        if (!credential.subject.startsWith(prefix)) continue;
        const name = credential.subject.slice(prefix.length);
        const assignment = world.roleAssignments.find((candidate) => candidate.principalId === identity.objectId);
        const scope = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(assignment?.scope ?? '');
        const subscription = world.subscriptions.find((candidate) => candidate.id === scope?.[1]);
        const group = subscription?.resourceGroups.find((candidate) => candidate.name === scope?.[2]);
        environments[name] = {
          requiresApproval: protectedEnvironments.includes(name),
          vars: {
            AZURE_CLIENT_ID: identity.clientId,
            AZURE_TENANT_ID: tenant.id,
            AZURE_SUBSCRIPTION_ID: scope?.[1] ?? '',
            AZURE_RESOURCE_GROUP: scope?.[2] ?? '',
            API_APP_NAME: group?.sites[0]?.name ?? '',
            STATIC_WEB_APP_NAME: group?.staticSites?.[0]?.name ?? '',
          },
        };
      }
    }
  }
  return environments;
}
