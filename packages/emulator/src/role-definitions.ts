import type { RoleName } from './world.js';

/** Azure's built-in role definition IDs for the roles rbac.ts models; other roles are stored but grant nothing here. */
const BUILT_IN_ROLES: Record<string, RoleName> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  'de139f84-1756-47ae-9be6-808fbbe84772': 'Website Contributor',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
};

/** The role a roleDefinitionId (`.../roleDefinitions/{guid}` or the bare GUID) names, when the emulator models it. */
export function roleNameOf(roleDefinitionId: string): RoleName | undefined {
  const guid = roleDefinitionId.split('/').pop() ?? '';
  return BUILT_IN_ROLES[guid.toLowerCase()];
}
