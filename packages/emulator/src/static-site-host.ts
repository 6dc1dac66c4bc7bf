import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { AccessTokenClaims } from './entra-tokens.js';
import { ArmError, armErrors, staticSiteErrors } from './errors.js';
import type { Exchange } from './gateway.js';
import { parseJson, sendJson } from './http.js';
import { isAllowed } from './rbac.js';
import type { SiteRegistry } from './sites.js';
import {
  PRODUCTION_ENVIRONMENT,
  type StaticEnvironment,
  type StaticSiteRecord,
  type StaticSiteRegistry,
} from './static-sites.js';
import type { RoleAssignment } from './world.js';

export interface StaticSiteHostDeps {
  /** Subscriptions and resource groups live there; static sites only add to them. */
  registry: SiteRegistry;
  staticSites: StaticSiteRegistry;
  roleAssignments: RoleAssignment[];
  origin: () => string;
}

/** Answers the request when it is a static-site route and returns true; false leaves it to the sites host. */
export type StaticSiteRoute = (exchange: Exchange, caller: AccessTokenClaims, apiVersion: string) => Promise<boolean>;

const STATIC_SITE =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/staticSites\/([^/]+)(\/.*)?$/i;
const OPERATION_RESULT =
  /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Web\/locations\/([^/]+)\/operationResults\/([^/]+)$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface ZipDeployment {
  id: string;
  /** Only the principal that started an operation may read it (ARM ties async results to their caller). */
  principal: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  startTime: string;
  endTime?: string;
  error?: ArmError;
}

interface StaticCall {
  exchange: Exchange;
  site: StaticSiteRecord;
  /** The environment named in the URL (`default` for the site-level forms). */
  environmentName: string;
  apiVersion: string;
  caller: AccessTokenClaims;
}

interface StaticRoute {
  method: string;
  op: RegExp;
  /** Action suffix after Microsoft.Web/staticSites, checked against the caller's roles on the site. */
  action: string;
  handle(call: StaticCall): Promise<void>;
}

/**
 * Microsoft.Web/staticSites (research part C.6): get, builds (list, get, delete), zip deploy as a long-running
 * operation whose package the emulator downloads from `appZipUrl`, and listSecrets. Each environment's content
 * is served by its own HTTPS server (static-site-front.ts).
 */
export function staticSiteHost(deps: StaticSiteHostDeps): StaticSiteRoute {
  const deployments = new Map<string, ZipDeployment>();
  const routes = staticRoutes(deps, deployments);

  return async (exchange, caller, apiVersion) => {
    const { method, path } = exchange;
    const result = OPERATION_RESULT.exec(path);
    if (result && method === 'GET') {
      const id = (result[3] ?? '').toLowerCase();
      const deployment = deployments.get(id);
      if (!deployment || deployment.principal !== caller.oid) throw armErrors.operationNotFound(id);
      sendJson(exchange.res, 200, {
        id: path,
        name: deployment.id,
        status: deployment.status,
        startTime: deployment.startTime,
        ...(deployment.endTime ? { endTime: deployment.endTime } : {}),
        ...(deployment.error ? { error: deployment.error.body().error } : {}),
      });
      return true;
    }
    const matched = STATIC_SITE.exec(path);
    if (!matched) return false;
    const [, subscriptionId = '', groupName = '', siteName = '', rest = ''] = matched;
    const route = routes.find((candidate) => candidate.method === method && candidate.op.test(rest));
    if (!route) throw armErrors.routeNotModelled(method, path);

    const subscription = deps.registry.subscription(subscriptionId);
    if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
    if (subscription.tenantId.toLowerCase() !== caller.tid.toLowerCase()) throw armErrors.wrongTenant(subscriptionId);
    const scope = `/subscriptions/${subscriptionId}/resourceGroups/${groupName}/providers/Microsoft.Web/staticSites/${siteName}`;
    const action = `Microsoft.Web/staticSites${route.action}`;
    if (!isAllowed(deps.roleAssignments, caller.oid, action, scope))
      throw armErrors.authorizationFailed(caller.appid, caller.oid, action, scope);
    if (!deps.registry.resourceGroup(subscriptionId, groupName)) throw armErrors.resourceGroupNotFound(groupName);
    const site = deps.staticSites.site(subscriptionId, groupName, siteName);
    if (!site) throw armErrors.resourceNotFound(`Microsoft.Web/staticSites/${siteName}`, groupName);
    const environmentName = decodeURIComponent(/^\/builds\/([^/]+)/i.exec(rest)?.[1] ?? PRODUCTION_ENVIRONMENT);
    await route.handle({ exchange, site, environmentName, apiVersion, caller });
    return true;
  };
}

function siteIdOf(site: StaticSiteRecord): string {
  return `/subscriptions/${site.subscriptionId}/resourceGroups/${site.resourceGroup}/providers/Microsoft.Web/staticSites/${site.name}`;
}

function hostnameOf(environment: StaticEnvironment): string {
  return `127.0.0.1:${environment.front.port}`;
}

function staticSiteJson(site: StaticSiteRecord): object {
  const production = site.environments.get(PRODUCTION_ENVIRONMENT);
  return {
    id: siteIdOf(site),
    name: site.name,
    type: 'Microsoft.Web/staticSites',
    location: site.location,
    tags: {},
    sku: { name: site.sku, tier: site.sku },
    properties: {
      defaultHostname: production ? hostnameOf(production) : null,
      repositoryUrl: null,
      branch: null,
      customDomains: [],
      stagingEnvironmentPolicy: 'Enabled',
      allowConfigFileUpdates: true,
      provider: 'None',
      enterpriseGradeCdnStatus: 'Disabled',
      publicNetworkAccess: 'Enabled',
      keyVaultReferenceIdentity: 'SystemAssigned',
      userProvidedFunctionApps: [],
      linkedBackends: [],
      privateEndpointConnections: [],
      databaseConnections: [],
    },
  };
}

function buildJson(site: StaticSiteRecord, environment: StaticEnvironment): object {
  return {
    id: `${siteIdOf(site)}/builds/${environment.name}`,
    name: environment.name,
    type: 'Microsoft.Web/staticSites/builds',
    properties: {
      buildId: environment.name,
      sourceBranch: null,
      pullRequestTitle: environment.deploymentTitle,
      hostname: hostnameOf(environment),
      createdTimeUtc: environment.createdTimeUtc,
      lastUpdatedOn: environment.lastUpdatedOn,
      status: environment.status,
      userProvidedFunctionApps: [],
      linkedBackends: [],
      databaseConnections: [],
    },
  };
}

function environmentOf(call: StaticCall, staticSites: StaticSiteRegistry): StaticEnvironment {
  const environment = staticSites.environment(call.site, call.environmentName);
  if (!environment)
    throw armErrors.resourceNotFound(
      `Microsoft.Web/staticSites/${call.site.name}/builds/${call.environmentName}`,
      call.site.resourceGroup,
    );
  return environment;
}

function zipDeploymentOf(body: Buffer): { appZipUrl: URL; deploymentTitle: string | null } {
  let parsed: { properties?: { appZipUrl?: unknown; deploymentTitle?: unknown } } | undefined;
  try {
    parsed = parseJson(body) as typeof parsed;
  } catch (error) {
    throw armErrors.invalidBody((error as Error).message);
  }
  const raw = parsed?.properties?.appZipUrl;
  if (typeof raw !== 'string' || !URL.canParse(raw)) throw staticSiteErrors.missingAppZipUrl();
  const title = parsed?.properties?.deploymentTitle;
  return { appZipUrl: new URL(raw), deploymentTitle: typeof title === 'string' ? title : null };
}

/** Downloads and unzips a package; the emulator reaches only loopback, as every test part lives there. */
async function fetchPackage(appZipUrl: URL): Promise<Map<string, Uint8Array>> {
  if (!LOOPBACK_HOSTS.has(appZipUrl.hostname))
    throw staticSiteErrors.packageDownloadFailed(`the emulator downloads only from 127.0.0.1 or localhost.`);
  let bytes: Uint8Array;
  try {
    const response = await fetch(appZipUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw staticSiteErrors.packageDownloadFailed((error as Error).message);
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw staticSiteErrors.invalidPackage((error as Error).message);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    if (name.split('/').some((segment) => segment === '..' || segment === ''))
      throw staticSiteErrors.invalidPackage(`the entry '${name}' leaves the package root.`);
    files.set(name, content);
  }
  if (files.size === 0) throw staticSiteErrors.invalidPackage('it holds no files.');
  return files;
}

function staticRoutes(deps: StaticSiteHostDeps, deployments: Map<string, ZipDeployment>): StaticRoute[] {
  const { staticSites } = deps;
  const ok = (call: StaticCall, body?: unknown) => sendJson(call.exchange.res, 200, body);

  const zipDeploy = async (call: StaticCall): Promise<void> => {
    const { appZipUrl, deploymentTitle } = zipDeploymentOf(call.exchange.body);
    const environment =
      staticSites.environment(call.site, call.environmentName) ??
      (await staticSites.addEnvironment(call.site, call.environmentName));
    if (environment.status === 'Uploading' || environment.status === 'Deploying')
      throw staticSiteErrors.deploymentInProgress(environment.name);
    const deployment: ZipDeployment = {
      id: randomUUID(),
      principal: call.caller.oid,
      status: 'InProgress',
      startTime: new Date().toISOString(),
    };
    deployments.set(deployment.id, deployment);
    const lroFail = call.exchange.lroFail;
    const hadContent = environment.files.size > 0;
    environment.status = 'Uploading';
    environment.deploymentTitle = deploymentTitle;
    void (async () => {
      const files = await fetchPackage(appZipUrl);
      environment.status = 'Deploying';
      if (lroFail) throw new ArmError(500, lroFail.code, lroFail.message);
      environment.files = files;
    })()
      .then(
        () => {
          deployment.status = 'Succeeded';
          environment.status = 'Ready';
        },
        (error: unknown) => {
          deployment.status = 'Failed';
          deployment.error =
            error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', (error as Error).message);
          // The content served before stays: a failed deploy never replaces it.
          environment.status = hadContent ? 'Ready' : 'Failed';
        },
      )
      .finally(() => {
        deployment.endTime = new Date().toISOString();
        environment.lastUpdatedOn = deployment.endTime;
      });
    const operationUrl =
      `${deps.origin()}/subscriptions/${call.site.subscriptionId}/providers/Microsoft.Web/locations/` +
      `${encodeURIComponent(call.site.location)}/operationResults/${deployment.id}?api-version=${encodeURIComponent(call.apiVersion)}`;
    sendJson(call.exchange.res, 202, undefined, { 'azure-asyncoperation': operationUrl });
  };

  return [
    { method: 'GET', op: /^\/?$/, action: '/read', handle: async (call) => ok(call, staticSiteJson(call.site)) },
    {
      method: 'GET',
      op: /^\/builds\/?$/i,
      action: '/builds/read',
      handle: async (call) =>
        ok(call, {
          value: [...call.site.environments.values()].map((environment) => buildJson(call.site, environment)),
          nextLink: null,
        }),
    },
    {
      method: 'GET',
      op: /^\/builds\/[^/]+$/i,
      action: '/builds/read',
      handle: async (call) => ok(call, buildJson(call.site, environmentOf(call, staticSites))),
    },
    {
      method: 'DELETE',
      op: /^\/builds\/[^/]+$/i,
      action: '/builds/delete',
      handle: async (call) => {
        const environment = environmentOf(call, staticSites);
        if (environment.name === PRODUCTION_ENVIRONMENT) throw staticSiteErrors.cannotDeleteDefaultBuild();
        environment.status = 'Deleting';
        await staticSites.removeEnvironment(call.site, environment);
        ok(call);
      },
    },
    { method: 'POST', op: /^\/zipdeploy$/i, action: '/zipdeploy/action', handle: zipDeploy },
    { method: 'POST', op: /^\/builds\/[^/]+\/zipdeploy$/i, action: '/builds/zipdeploy/action', handle: zipDeploy },
    {
      method: 'POST',
      op: /^\/listSecrets$/i,
      action: '/listsecrets/action',
      // Both keys: the spec example shows dnsOwnershipKey, real-world scripts read apiKey (part C.6).
      handle: async (call) =>
        ok(call, {
          id: `${siteIdOf(call.site)}/secrets`,
          name: 'secrets',
          type: 'Microsoft.Web/staticSites/secrets',
          properties: { apiKey: call.site.apiKey, dnsOwnershipKey: call.site.apiKey.slice(0, 32) },
        }),
    },
  ];
}
