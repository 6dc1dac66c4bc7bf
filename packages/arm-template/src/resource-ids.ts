/**
 * Resource IDs as ARM builds them: `{scope}/providers/{namespace}/{type}/{name}[/{childType}/{childName}...]`,
 * where a type `A.B/c/d` pairs with a name `x/y`.
 */
export function resourceIdAt(scopeId: string, type: string, nameSegments: string[]): string {
  const [namespace = '', ...types] = type.split('/');
  if (types.length !== nameSegments.length) {
    throw new Error(`type '${type}' needs ${types.length} name segment(s), got ${nameSegments.length}`);
  }
  const pairs = types.map((typeSegment, index) => `${typeSegment}/${nameSegments[index]}`);
  return `${scopeId}/providers/${namespace}/${pairs.join('/')}`;
}

export const subscriptionScopeId = (subscriptionId: string) => `/subscriptions/${subscriptionId}`;

export const resourceGroupScopeId = (subscriptionId: string, resourceGroupName: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;

export const sameResourceId = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

/** True when `id` is `scopeId` itself or lies beneath it (a lock on a resource group covers what is in it). */
export function isWithinScope(id: string, scopeId: string): boolean {
  const resource = id.toLowerCase();
  const scope = scopeId.toLowerCase();
  return resource === scope || resource.startsWith(`${scope}/`);
}
