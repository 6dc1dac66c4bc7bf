import type { RoleAssignment, RoleName } from './world.js';

const ROLE_ALLOWS: Record<RoleName, (action: string) => boolean> = {
  Owner: () => true,
  Contributor: (action) => !/^microsoft\.authorization\/.*\/(write|delete)$/.test(action),
  Reader: (action) => action.endsWith('/read'),
  'Website Contributor': (action) =>
    action.startsWith('microsoft.web/sites/') ||
    action === 'microsoft.resources/subscriptions/resourcegroups/read' ||
    /^microsoft\.authorization\/.*\/read$/.test(action),
  'Key Vault Secrets User': () => false,
};

/** Data actions (reading a vault's secrets) come only from data roles: an Owner manages a vault but cannot read it. */
const ROLE_DATA_ACTIONS: Partial<Record<RoleName, readonly string[]>> = {
  'Key Vault Secrets User': [
    'microsoft.keyvault/vaults/secrets/getsecret/action',
    'microsoft.keyvault/vaults/secrets/readmetadata/action',
  ],
};

/** True when `scope` equals `assigned` or lies beneath it. */
function within(scope: string, assigned: string): boolean {
  const inner = scope.toLowerCase().replace(/\/+$/, '');
  const outer = assigned.toLowerCase().replace(/\/+$/, '');
  return inner === outer || inner.startsWith(`${outer}/`);
}

/** Azure RBAC, reduced to the built-in roles the toolkit's identities get. */
export function isAllowed(assignments: RoleAssignment[], principalId: string, action: string, scope: string): boolean {
  const normalized = action.toLowerCase();
  return assignments.some(
    (assignment) =>
      assignment.principalId.toLowerCase() === principalId.toLowerCase() &&
      within(scope, assignment.scope) &&
      (ROLE_ALLOWS[assignment.role]?.(normalized) ?? false),
  );
}

/** Azure RBAC for data-plane actions, such as Microsoft.KeyVault/vaults/secrets/getSecret/action. */
export function isDataActionAllowed(
  assignments: RoleAssignment[],
  principalId: string,
  dataAction: string,
  scope: string,
): boolean {
  const normalized = dataAction.toLowerCase();
  return assignments.some(
    (assignment) =>
      assignment.principalId.toLowerCase() === principalId.toLowerCase() &&
      within(scope, assignment.scope) &&
      (ROLE_DATA_ACTIONS[assignment.role]?.includes(normalized) ?? false),
  );
}
