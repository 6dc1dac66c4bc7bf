/**
 * Every resource a template deployment created, by resource ID: what was deployed (the body what-if compares with)
 * and what Azure added on creation (principal IDs, client IDs, host names) that reference() reads. Sites, slots,
 * static sites, identities and role assignments are also materialized into their working models; everything else
 * (Redis, Key Vault, PostgreSQL, ...) lives only here.
 */
export interface StoredResource {
  id: string;
  type: string;
  name: string;
  /** The evaluated body last deployed: location, tags, sku, kind, identity, properties. */
  deployed: Record<string, unknown>;
  /** Read-only properties the resource provider set, kept across updates. */
  computed: { properties: Record<string, unknown>; identity?: Record<string, unknown> };
}

const key = (id: string) => id.toLowerCase();

export class ResourceStore {
  readonly #byId = new Map<string, StoredResource>();

  get(id: string): StoredResource | undefined {
    return this.#byId.get(key(id));
  }

  put(resource: StoredResource): void {
    this.#byId.set(key(resource.id), resource);
  }

  /** The resource as `reference(id, apiVersion, 'full')` returns it: the deployed body with computed values. */
  view(id: string): Record<string, unknown> | undefined {
    const resource = this.get(id);
    if (!resource) return undefined;
    const { deployed, computed } = resource;
    const deployedProperties = (deployed.properties ?? {}) as Record<string, unknown>;
    const identity = deployed.identity as Record<string, unknown> | undefined;
    return {
      ...deployed,
      id: resource.id,
      name: resource.name,
      type: resource.type,
      properties: { ...deployedProperties, ...computed.properties },
      ...(identity || computed.identity ? { identity: { ...identity, ...computed.identity } } : {}),
    };
  }
}
