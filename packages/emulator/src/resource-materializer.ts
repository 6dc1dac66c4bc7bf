import { randomUUID } from 'node:crypto';
import { siteJson } from './arm-shapes.js';
import type { AccessTokenClaims } from './entra-tokens.js';
import { armErrors } from './errors.js';
import { imageOf } from './image-catalogue.js';
import type { Latencies } from './latencies.js';
import { isAllowed } from './rbac.js';
import type { ResourceStore } from './resource-store.js';
import { roleNameOf } from './role-definitions.js';
import { PRODUCTION, type SiteRecord, type SiteRegistry } from './sites.js';
import { restartIfChanged } from './slot-lifecycle.js';
import { PRODUCTION_ENVIRONMENT, type StaticSiteRegistry } from './static-sites.js';
import type { SiteConfig, World } from './world.js';

/** One resource of a deployment, evaluated: what the deployment engine hands over to be created or updated. */
export interface DeployedResource {
  id: string;
  type: string;
  name: string;
  /** For extension resources (role assignments, locks): the resource they apply to. */
  scopeId?: string;
  body: Record<string, unknown>;
}

export interface MaterializeDeps {
  world: World;
  registry: SiteRegistry;
  staticSites: StaticSiteRegistry;
  store: ResourceStore;
  latencies: Latencies;
}

type Json = Record<string, unknown>;

const LINUX_FX_VERSION = /^(DOCKER|COMPOSE)\|\S+$/;
const GROUP_SCOPED =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/[^/]+\/[^/]+\/([^/]+)(?:\/([^/]+)\/([^/]+))?/i;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

/**
 * Creates or updates one resource the way its resource provider would, after ARM checked the caller may write it.
 * Every resource is stored generically (resource-store.ts); the types the emulator runs for real are also
 * materialized into their models, so the deploy actions find them: sites and slots (started from the image
 * catalogue), static sites, user-assigned identities with federated credentials (Entra), role assignments (RBAC).
 */
export async function materialize(resource: DeployedResource, caller: AccessTokenClaims, deps: MaterializeDeps) {
  const action =
    resource.type.toLowerCase() === 'microsoft.resources/resourcegroups'
      ? 'Microsoft.Resources/subscriptions/resourceGroups/write'
      : `${resource.type}/write`;
  if (!isAllowed(deps.world.roleAssignments, caller.oid, action, resource.id))
    throw armErrors.authorizationFailed(caller.appid, caller.oid, action, resource.id);

  const existing = deps.store.get(resource.id);
  deps.store.put({
    id: resource.id,
    type: resource.type,
    name: resource.name,
    deployed: resource.body,
    computed: existing?.computed ?? computedOnCreate(resource, deps.world),
  });
  await modelled[resource.type.toLowerCase()]?.(resource, deps);
}

/** The resource as reference() sees it: live values from the models where the emulator runs it, else the store. */
export function liveView(id: string, deps: MaterializeDeps): Json | undefined {
  const stored = deps.store.view(id);
  if (!stored) return undefined;
  const type = String(stored.type).toLowerCase();
  const [, subscriptionId = '', group = '', name = '', , child] = GROUP_SCOPED.exec(id) ?? [];
  if (type === 'microsoft.web/sites' || type === 'microsoft.web/sites/slots') {
    const site = deps.registry.site(subscriptionId, group, name);
    const slot = site && deps.registry.slot(site, type === 'microsoft.web/sites' ? PRODUCTION : (child ?? ''));
    if (site && slot) {
      const live = siteJson(site, slot) as Json;
      return { ...stored, properties: { ...asObject(stored.properties), ...asObject(live.properties) } };
    }
  }
  if (type === 'microsoft.web/staticsites') {
    const site = deps.staticSites.site(subscriptionId, group, name);
    const production = site && deps.staticSites.environment(site, PRODUCTION_ENVIRONMENT);
    if (production) {
      const defaultHostname = `127.0.0.1:${production.front.port}`;
      return { ...stored, properties: { ...asObject(stored.properties), defaultHostname } };
    }
  }
  return stored;
}

/** Read-only values a resource provider sets when it creates a resource. */
function computedOnCreate(resource: DeployedResource, world: World): StoredComputed {
  const tenantId = tenantOf(resource.id, world);
  const name = resource.name.split('/').pop() ?? resource.name;
  const systemIdentity = /SystemAssigned/i.test(String(asObject(resource.body.identity).type ?? ''))
    ? { principalId: randomUUID(), tenantId }
    : undefined;
  const byType: Record<string, Json> = {
    'microsoft.managedidentity/userassignedidentities': { principalId: randomUUID(), clientId: randomUUID(), tenantId },
    'microsoft.insights/components': {
      InstrumentationKey: randomUUID(),
      ConnectionString: `InstrumentationKey=${randomUUID()};IngestionEndpoint=https://127.0.0.1/`,
    },
    'microsoft.keyvault/vaults': { vaultUri: `https://${name}.vault.azure.net/` },
    'microsoft.dbforpostgresql/flexibleservers': { fullyQualifiedDomainName: `${name}.postgres.database.azure.com` },
    'microsoft.cache/redis': { hostName: `${name}.redis.cache.windows.net` },
    'microsoft.network/dnszones': { nameServers: ['ns1-01.azure-dns.com.', 'ns2-01.azure-dns.net.'] },
  };
  return {
    properties: { provisioningState: 'Succeeded', ...byType[resource.type.toLowerCase()] },
    ...(systemIdentity ? { identity: systemIdentity } : {}),
  };
}

type StoredComputed = { properties: Json; identity?: Json };

function tenantOf(id: string, world: World): string {
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '';
  return (
    world.subscriptions.find((candidate) => candidate.id.toLowerCase() === subscriptionId.toLowerCase())?.tenantId ?? ''
  );
}

function siteParts(resource: DeployedResource, deps: MaterializeDeps) {
  const [, subscriptionId = '', group = '', name = '', , child = ''] = GROUP_SCOPED.exec(resource.id) ?? [];
  return { subscriptionId, group, name, child, site: deps.registry.site(subscriptionId, group, name) };
}

function parentSite(resource: DeployedResource, deps: MaterializeDeps): SiteRecord {
  const { site, group, name } = siteParts(resource, deps);
  if (!site) throw armErrors.resourceNotFound(`Microsoft.Web/sites/${name}`, group);
  return site;
}

/** siteConfig from a template body: checked the way the sites host checks it, app settings apart. */
function siteConfigOf(body: Json): {
  siteConfig: Partial<SiteConfig>;
  appSettings: Record<string, string> | undefined;
} {
  const { appSettings, ...siteConfig } = asObject(asObject(body.properties).siteConfig) as Json & {
    appSettings?: { name: string; value: string }[];
  };
  const fx = siteConfig.linuxFxVersion;
  if (fx !== undefined && fx !== '' && (typeof fx !== 'string' || !LINUX_FX_VERSION.test(fx)))
    throw armErrors.invalidLinuxFxVersion();
  return {
    siteConfig: siteConfig as Partial<SiteConfig>,
    appSettings: appSettings && Object.fromEntries(appSettings.map((setting) => [setting.name, String(setting.value)])),
  };
}

const modelled: Record<string, (resource: DeployedResource, deps: MaterializeDeps) => Promise<void>> = {
  'microsoft.resources/resourcegroups': async (resource, deps) => {
    const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(resource.id)?.[1] ?? '';
    const subscription = deps.registry.subscription(subscriptionId);
    if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
    if (deps.registry.resourceGroup(subscriptionId, resource.name)) return;
    subscription.resourceGroups.push({
      name: resource.name,
      location: String(resource.body.location ?? ''),
      sites: [],
      staticSites: [],
    });
  },
  'microsoft.web/sites': async (resource, deps) => {
    const { subscriptionId, group, name, site } = siteParts(resource, deps);
    const { siteConfig, appSettings } = siteConfigOf(resource.body);
    const tags = asObject(resource.body.tags) as Record<string, string>;
    if (site) {
      const production = deps.registry.slot(site, PRODUCTION);
      site.tags = { ...tags };
      if (production) {
        production.siteConfig = { ...production.siteConfig, ...siteConfig };
        if (appSettings) production.appSettings = appSettings;
        await restartIfChanged(production, deps.latencies);
      }
      return;
    }
    const resourceGroup = deps.registry.resourceGroup(subscriptionId, group);
    if (!resourceGroup) throw armErrors.resourceGroupNotFound(group);
    await deps.registry.addSite(
      {
        subscriptionId,
        tenantId: tenantOf(resource.id, deps.world),
        resourceGroup: resourceGroup.name,
        location: String(resource.body.location ?? resourceGroup.location),
        name,
        kind: String(resource.body.kind ?? 'app,linux,container'),
        slotConfigNames: { appSettingNames: [], connectionStringNames: [], azureStorageConfigNames: [] },
        tags: { ...tags },
      },
      {
        name: PRODUCTION,
        image: imageOf(String(siteConfig.linuxFxVersion ?? '')) ?? '',
        appSettings: appSettings ?? {},
        siteConfig,
      },
    );
  },
  'microsoft.web/sites/slots': async (resource, deps) => {
    const site = parentSite(resource, deps);
    const { child } = siteParts(resource, deps);
    const { siteConfig, appSettings } = siteConfigOf(resource.body);
    const slot = deps.registry.slot(site, child);
    if (slot) {
      slot.siteConfig = { ...slot.siteConfig, ...siteConfig };
      if (appSettings) slot.appSettings = appSettings;
      await restartIfChanged(slot, deps.latencies);
      return;
    }
    await deps.latencies.wait('slotCreate');
    await deps.registry.addSlot(site, {
      name: child,
      image: imageOf(String(siteConfig.linuxFxVersion ?? '')) ?? '',
      appSettings: appSettings ?? {},
      siteConfig,
    });
  },
  'microsoft.web/sites/config': async (resource, deps) => {
    const site = parentSite(resource, deps);
    const { child } = siteParts(resource, deps);
    const properties = asObject(resource.body.properties);
    if (child.toLowerCase() !== 'slotconfignames') return;
    const names = (key: string) => (Array.isArray(properties[key]) ? (properties[key] as unknown[]).map(String) : []);
    site.slotConfigNames = {
      appSettingNames: names('appSettingNames'),
      connectionStringNames: names('connectionStringNames'),
      azureStorageConfigNames: names('azureStorageConfigNames'),
    };
  },
  'microsoft.web/staticsites': async (resource, deps) => {
    const { subscriptionId, group, name } = siteParts(resource, deps);
    if (deps.staticSites.site(subscriptionId, group, name)) return;
    const sku = asObject(resource.body.sku).name === 'Free' ? 'Free' : 'Standard';
    await deps.staticSites.addSite({
      subscriptionId,
      resourceGroup: deps.registry.resourceGroup(subscriptionId, group)?.name ?? group,
      location: String(resource.body.location ?? ''),
      name,
      sku,
    });
  },
  'microsoft.managedidentity/userassignedidentities': async (resource, deps) => {
    const tenant = deps.world.tenants.find((candidate) => candidate.id === tenantOf(resource.id, deps.world));
    const computed = deps.store.get(resource.id)?.computed.properties ?? {};
    const clientId = String(computed.clientId);
    if (!tenant || tenant.identities.some((identity) => identity.clientId === clientId)) return;
    tenant.identities.push({
      name: resource.name,
      clientId,
      objectId: String(computed.principalId),
      federatedCredentials: [],
    });
  },
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials': async (resource, deps) => {
    const identityId = resource.id.replace(/\/federatedIdentityCredentials\/[^/]+$/i, '');
    const clientId = String(deps.store.get(identityId)?.computed.properties.clientId ?? '');
    const identity = deps.world.tenants
      .flatMap((tenant) => tenant.identities)
      .find((candidate) => candidate.clientId === clientId);
    if (!identity) throw armErrors.resourceNotFound('Microsoft.ManagedIdentity/userAssignedIdentities', identityId);
    const properties = asObject(resource.body.properties);
    const credentialName = resource.name.split('/').pop() ?? resource.name;
    identity.federatedCredentials = [
      ...identity.federatedCredentials.filter((credential) => credential.name !== credentialName),
      {
        name: credentialName,
        issuer: String(properties.issuer ?? ''),
        subject: String(properties.subject ?? ''),
        audiences: Array.isArray(properties.audiences) ? properties.audiences.map(String) : [],
      },
    ];
  },
  'microsoft.authorization/roleassignments': async (resource, deps) => {
    const properties = asObject(resource.body.properties);
    const role = roleNameOf(String(properties.roleDefinitionId ?? ''));
    const scope =
      resource.scopeId ?? resource.id.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i, '');
    const principalId = String(properties.principalId ?? '');
    if (!role) return;
    const assignments = deps.world.roleAssignments;
    const known = assignments.some(
      (assignment) =>
        assignment.principalId === principalId &&
        assignment.role === role &&
        assignment.scope.toLowerCase() === scope.toLowerCase(),
    );
    if (!known) assignments.push({ principalId, role, scope });
  },
};
