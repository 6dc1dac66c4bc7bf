import type { RoleAssignment, RoleName } from './world.js';

const ROLE_ALLOWS: Record<RoleName, (action: string) => boolean> = {
  Owner: () => true,
  Contributor: (action) => !/^microsoft\.authorization\/.*\/(write|delete)$/.test(action),
  Reader: (action) => action.endsWith('/read'),
  'Website Contributor': (action) =>
    action.startsWith('microsoft.web/sites/') ||
    action === 'microsoft.resources/subscriptions/resourcegroups/read' ||
    /^microsoft\.authorization\/.*\/read$/.test(action),
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
