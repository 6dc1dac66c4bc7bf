import { randomUUID } from 'node:crypto';
import { appSettingsJson, configJson, siteId, siteJson, slotConfigNamesJson, tagsJson } from './arm-shapes.js';
import type { EntraTokens } from './entra-tokens.js';
import { ArmError, armErrors } from './errors.js';
import type { DeploymentRoute } from './deployment-host.js';
import type { Exchange } from './gateway.js';
import { parseJson, sendJson } from './http.js';
import type { Latencies } from './latencies.js';
import type { Operations } from './operations.js';
import { isAllowed } from './rbac.js';
import type { PostgresFlexibleRoute } from './postgres-flexible-host.js';
import type { RedisRoute } from './redis-host.js';
import { PRODUCTION, type SiteRecord, type SiteRegistry, type SlotRecord } from './sites.js';
import { restartIfChanged, restartSlot } from './slot-lifecycle.js';
import type { StaticSiteRoute } from './static-site-host.js';
import { isSticky } from './slot-settings.js';
import { applySlotConfig, resetSlotConfig, swapSlots } from './swap.js';
import type { RoleAssignment, SiteConfig } from './world.js';

const LINUX_FX_VERSION = /^(DOCKER|COMPOSE)\|\S+$/;
const TAGS = /^\/providers\/Microsoft\.Resources\/tags\/default$/i;

export interface ArmDeps {
  registry: SiteRegistry;
  tokens: EntraTokens;
  roleAssignments: RoleAssignment[];
  operations: Operations;
  latencies: Latencies;
  origin: () => string;
  /** Microsoft.Web/staticSites routes, tried before the sites routes (static-site-host.ts). */
  staticSites?: StaticSiteRoute;
  /** Microsoft.Resources/deployments routes (deployment-host.ts). */
  deployments?: DeploymentRoute;
  /** Microsoft.DBforPostgreSQL/flexibleServers routes (postgres-flexible-host.ts). */
  postgresServers?: PostgresFlexibleRoute;
  /** Microsoft.Cache/redis routes (redis-host.ts). */
  redisCaches?: RedisRoute;
}

interface SiteCall {
  exchange: Exchange;
  site: SiteRecord;
  slot: SlotRecord;
  /** The slot named in the URL; undefined for the production (site-level) form. */
  slotName: string | undefined;
  body: Record<string, unknown>;
  apiVersion: string;
}

interface SiteRoute {
  method: string;
  op: RegExp;
  /** 'site' routes exist only without /slots/{slot}; 'any' routes exist in both forms. */
  form: 'site' | 'slot' | 'any';
  /** Action suffix after Microsoft.Web/sites or Microsoft.Web/sites/slots. */
  action: string;
  /** Whether the slot must already exist (PUT creates it). */
  needsSlot: boolean;
  handle(call: SiteCall): Promise<void>;
}

const MANAGEMENT_AUDIENCES = [
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net/',
];

/** Azure Resource Manager for Microsoft.Web sites and slots, with token checks and role checks on every call. */
export function armHost(deps: ArmDeps) {
  const routes = siteRoutes(deps);

  return async (exchange: Exchange): Promise<void> => {
    try {
      await route(exchange);
    } catch (error) {
      if (!(error instanceof ArmError)) throw error;
      sendJson(exchange.res, error.status, error.body());
    }
  };

  async function route(exchange: Exchange): Promise<void> {
    const { method, path } = exchange;
    const header = exchange.req.headers.authorization;
    if (!header) throw armErrors.missingAuthorization();
    if (!header.startsWith('Bearer ')) throw armErrors.invalidToken();
    const caller = await deps.tokens.verify(header.slice('Bearer '.length), [
      ...MANAGEMENT_AUDIENCES,
      deps.origin(),
      `${deps.origin()}/`,
    ]);
    exchange.principal = caller.oid;
    const apiVersion = exchange.url.searchParams.get('api-version');
    if (!apiVersion)
      throw new ArmError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    if (await deps.staticSites?.(exchange, caller, apiVersion)) return;
    if (await deps.deployments?.(exchange, caller, apiVersion)) return;
    if (await deps.postgresServers?.(exchange, caller, apiVersion)) return;
    if (await deps.redisCaches?.(exchange, caller, apiVersion)) return;

    const scoped = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(\/.*)?$/i.exec(path);
    if (!scoped) throw armErrors.routeNotModelled(method, path);
    const [, subscriptionId = '', groupName = '', rest = ''] = scoped;
    const subscription = deps.registry.subscription(subscriptionId);
    if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
    if (subscription.tenantId.toLowerCase() !== caller.tid.toLowerCase()) throw armErrors.wrongTenant(subscriptionId);
    const groupScope = `/subscriptions/${subscriptionId}/resourceGroups/${groupName}`;
    const authorize = (action: string, scope: string) => {
      if (!isAllowed(deps.roleAssignments, caller.oid, action, scope))
        throw armErrors.authorizationFailed(caller.appid, caller.oid, action, scope);
    };
    const group = () => {
      const found = deps.registry.resourceGroup(subscriptionId, groupName);
      if (!found) throw armErrors.resourceGroupNotFound(groupName);
      return found;
    };

    if (rest === '' && method === 'GET') {
      authorize('Microsoft.Resources/subscriptions/resourceGroups/read', groupScope);
      const found = group();
      sendJson(exchange.res, 200, {
        id: `/subscriptions/${subscription.id}/resourceGroups/${found.name}`,
        name: found.name,
        type: 'Microsoft.Resources/resourceGroups',
        location: found.location,
        properties: { provisioningState: 'Succeeded' },
      });
      return;
    }
    if (/^\/providers\/Microsoft\.Web\/sites\/?$/i.test(rest) && method === 'GET') {
      authorize('Microsoft.Web/sites/read', groupScope);
      group();
      const sites = deps.registry.sitesIn(subscriptionId, groupName);
      sendJson(exchange.res, 200, { value: sites.map((site) => siteJson(site, productionOf(site))), nextLink: null });
      return;
    }
    const siteMatch = /^\/providers\/Microsoft\.Web\/sites\/([^/]+)(\/.*)?$/i.exec(rest);
    if (!siteMatch) throw armErrors.routeNotModelled(method, path);
    const [, siteName = '', siteRest = ''] = siteMatch;
    const slotMatch = /^\/slots\/([^/]+)(\/.*)?$/i.exec(siteRest);
    const slotName = slotMatch?.[1];
    const op = slotMatch ? (slotMatch[2] ?? '') : siteRest;
    const form = slotName === undefined ? 'site' : 'slot';
    const match = routes.find(
      (candidate) =>
        candidate.method === method && candidate.op.test(op) && (candidate.form === 'any' || candidate.form === form),
    );
    if (!match) throw armErrors.routeNotModelled(method, path);

    const resourceScope = `${groupScope}/providers/Microsoft.Web/sites/${siteName}${slotName === undefined ? '' : `/slots/${slotName}`}`;
    authorize(
      `Microsoft.Web/sites${slotName === undefined || match.form === 'site' ? '' : '/slots'}${match.action}`,
      resourceScope,
    );
    group();
    const site = deps.registry.site(subscriptionId, groupName, siteName);
    if (!site) throw armErrors.resourceNotFound(`Microsoft.Web/sites/${siteName}`, groupName);
    const slot = deps.registry.slot(site, slotName ?? PRODUCTION);
    if (!slot && match.needsSlot)
      throw armErrors.resourceNotFound(`Microsoft.Web/sites/${siteName}/slots/${slotName}`, groupName);
    let body: Record<string, unknown>;
    try {
      body = (parseJson(exchange.body) ?? {}) as Record<string, unknown>;
    } catch (error) {
      throw armErrors.invalidBody((error as Error).message);
    }
    await match.handle({ exchange, site, slot: slot as SlotRecord, slotName, body, apiVersion });
  }
}

function productionOf(site: SiteRecord): SlotRecord {
  return site.slots.get(PRODUCTION) as SlotRecord;
}

function properties(body: Record<string, unknown>): Record<string, unknown> {
  const value = body.properties;
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw armErrors.invalidBody("'properties' must be an object.");
  return value as Record<string, unknown>;
}

function checkSiteConfig(patch: Record<string, unknown>): Partial<SiteConfig> {
  const fx = patch.linuxFxVersion;
  if (fx !== undefined && fx !== null && fx !== '' && (typeof fx !== 'string' || !LINUX_FX_VERSION.test(fx)))
    throw armErrors.invalidLinuxFxVersion();
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<SiteConfig>;
}

function stringDictionary(value: Record<string, unknown>): Record<string, string> {
  for (const [name, setting] of Object.entries(value)) {
    if (typeof setting !== 'string') throw armErrors.invalidBody(`the app setting '${name}' must be a string.`);
  }
  return value as Record<string, string>;
}

function tagsOf(props: Record<string, unknown>): Record<string, unknown> {
  const tags = props.tags ?? {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags))
    throw armErrors.invalidBody("'properties.tags' must be an object.");
  return tags as Record<string, unknown>;
}

function targetOf(call: SiteCall): SlotRecord {
  const name = call.body.targetSlot;
  const sourceName = call.slot.name;
  if (typeof name !== 'string' || name === '' || name.toLowerCase() === sourceName.toLowerCase())
    throw armErrors.missingTargetSlot();
  const target = call.site.slots.get(name.toLowerCase());
  if (!target)
    throw armErrors.resourceNotFound(`Microsoft.Web/sites/${call.site.name}/slots/${name}`, call.site.resourceGroup);
  return target;
}

function ok(call: SiteCall, body?: unknown): void {
  sendJson(call.exchange.res, 200, body);
}

function siteRoutes(deps: ArmDeps): SiteRoute[] {
  const { latencies } = deps;
  const swapDeps = { latencies };
  const operationUrl = (call: SiteCall, id: string) =>
    `${deps.origin()}${siteId(call.site)}/operationresults/${id}?api-version=${encodeURIComponent(call.apiVersion)}`;
  const ensureIdle = (site: SiteRecord) => {
    if (site.operation)
      throw armErrors.operationInProgress(site.operation.id, site.operation.name, site.operation.createdAt);
  };

  return [
    {
      method: 'GET',
      op: /^$/,
      form: 'any',
      action: '/read',
      needsSlot: true,
      handle: async (call) => ok(call, siteJson(call.site, call.slot)),
    },
    {
      method: 'GET',
      op: /^\/slots\/?$/,
      form: 'site',
      action: '/slots/read',
      needsSlot: true,
      handle: async (call) =>
        ok(call, {
          value: [...call.site.slots.values()]
            .filter((slot) => slot.name !== PRODUCTION)
            .map((slot) => siteJson(call.site, slot)),
          nextLink: null,
        }),
    },
    {
      method: 'PUT',
      op: /^$/,
      form: 'slot',
      action: '/write',
      needsSlot: false,
      handle: async (call) => {
        const props = properties(call.body);
        const config = (props.siteConfig ?? {}) as Record<string, unknown> & {
          appSettings?: { name: string; value: string }[];
        };
        const { appSettings, ...siteConfig } = config;
        const checked = checkSiteConfig(siteConfig);
        const settings = Object.fromEntries((appSettings ?? []).map((setting) => [setting.name, setting.value]));
        if (call.slot) {
          call.slot.siteConfig = { ...call.slot.siteConfig, ...checked };
          if (appSettings) call.slot.appSettings = settings;
          void restartIfChanged(call.slot, latencies);
          ok(call, siteJson(call.site, call.slot));
          return;
        }
        await latencies.wait('slotCreate');
        const created = await deps.registry.addSlot(call.site, {
          name: call.slotName ?? '',
          image: '',
          appSettings: settings,
          siteConfig: checked,
          state: 'Running',
        });
        ok(call, siteJson(call.site, created));
      },
    },
    {
      method: 'DELETE',
      op: /^$/,
      form: 'slot',
      action: '/delete',
      needsSlot: true,
      handle: async (call) => {
        ensureIdle(call.site);
        await deps.registry.removeSlot(call.site, call.slot);
        ok(call);
      },
    },
    {
      method: 'GET',
      op: /^\/config\/web$/i,
      form: 'any',
      action: '/config/read',
      needsSlot: true,
      handle: async (call) => ok(call, configJson(call.site, call.slot)),
    },
    ...(['PUT', 'PATCH'] as const).map((method) => ({
      method,
      op: /^\/config\/web$/i,
      form: 'any' as const,
      action: '/config/write',
      needsSlot: true,
      handle: async (call: SiteCall) => {
        call.slot.siteConfig = { ...call.slot.siteConfig, ...checkSiteConfig(properties(call.body)) };
        call.slot.lastModifiedTimeUtc = new Date().toISOString();
        void restartIfChanged(call.slot, latencies);
        ok(call, configJson(call.site, call.slot));
      },
    })),
    {
      method: 'POST',
      op: /^\/config\/appsettings\/list$/i,
      form: 'any',
      action: '/config/list/action',
      needsSlot: true,
      handle: async (call) => ok(call, appSettingsJson(call.site, call.slot)),
    },
    {
      method: 'PUT',
      op: /^\/config\/appsettings$/i,
      form: 'any',
      action: '/config/write',
      needsSlot: true,
      handle: async (call) => {
        call.slot.appSettings = { ...stringDictionary(properties(call.body)) };
        call.slot.lastModifiedTimeUtc = new Date().toISOString();
        void restartIfChanged(call.slot, latencies);
        ok(call, appSettingsJson(call.site, call.slot));
      },
    },
    {
      method: 'GET',
      op: /^\/config\/slotConfigNames$/i,
      form: 'site',
      action: '/config/read',
      needsSlot: true,
      handle: async (call) => ok(call, slotConfigNamesJson(call.site)),
    },
    {
      method: 'PUT',
      op: /^\/config\/slotConfigNames$/i,
      form: 'site',
      action: '/config/write',
      needsSlot: true,
      handle: async (call) => {
        const props = properties(call.body);
        const names = (key: string) => {
          const value = props[key] ?? [];
          if (!Array.isArray(value) || value.some((name) => typeof name !== 'string'))
            throw armErrors.invalidBody(`'${key}' must be an array of names.`);
          return value as string[];
        };
        call.site.slotConfigNames = {
          appSettingNames: names('appSettingNames'),
          connectionStringNames: names('connectionStringNames'),
          azureStorageConfigNames: names('azureStorageConfigNames'),
        };
        ok(call, slotConfigNamesJson(call.site));
      },
    },
    {
      method: 'POST',
      op: /^\/restart$/i,
      form: 'any',
      action: '/restart/action',
      needsSlot: true,
      handle: async (call) => {
        await restartSlot(call.slot, latencies);
        ok(call);
      },
    },
    {
      method: 'POST',
      op: /^\/start$/i,
      form: 'any',
      action: '/start/action',
      needsSlot: true,
      handle: async (call) => {
        if (call.slot.state !== 'Running') {
          call.slot.state = 'Running';
          await restartSlot(call.slot, latencies);
        }
        ok(call);
      },
    },
    {
      method: 'POST',
      op: /^\/stop$/i,
      form: 'any',
      action: '/stop/action',
      needsSlot: true,
      handle: async (call) => {
        call.slot.state = 'Stopped';
        await call.slot.runtime.stop();
        ok(call);
      },
    },
    {
      method: 'POST',
      op: /^\/slotsswap$/i,
      form: 'any',
      action: '/slotsswap/action',
      needsSlot: true,
      handle: async (call) => {
        const target = targetOf(call);
        ensureIdle(call.site);
        const site = call.site;
        const operation = deps.operations.run(async () => {
          try {
            await swapSlots(site, call.slot, target, {
              ...swapDeps,
              ...(call.exchange.lroFail ? { lroFail: call.exchange.lroFail } : {}),
            });
          } finally {
            site.operation = undefined;
          }
        });
        site.operation = { id: operation.id, name: 'SwapSiteSlots', createdAt: new Date() };
        sendJson(call.exchange.res, 202, undefined, { location: operationUrl(call, operation.id) });
      },
    },
    {
      method: 'GET',
      op: /^\/operationresults\/[^/]+$/i,
      form: 'site',
      action: '/operationresults/read',
      needsSlot: true,
      handle: async (call) => {
        const id = call.exchange.path.split('/').pop() ?? '';
        const operation = deps.operations.get(id);
        if (!operation) throw armErrors.operationNotFound(id);
        if (operation.status === 'InProgress') {
          sendJson(call.exchange.res, 202, undefined, { location: operationUrl(call, operation.id) });
        } else if (operation.error) {
          throw operation.error;
        } else {
          ok(call);
        }
      },
    },
    // Tags at the site's scope (Microsoft.Resources/tags/default). ARM lets a principal tag a resource it may
    // write, so the check is Microsoft.Web/sites/write, the permission a Website Contributor holds.
    {
      method: 'GET',
      op: TAGS,
      form: 'site',
      action: '/read',
      needsSlot: true,
      handle: async (call) => ok(call, tagsJson(call.site)),
    },
    ...(['PUT', 'PATCH'] as const).map((method) => ({
      method,
      op: TAGS,
      form: 'site' as const,
      action: '/write',
      needsSlot: true,
      handle: async (call: SiteCall) => {
        const given = stringDictionary(tagsOf(properties(call.body)));
        const operation = method === 'PUT' ? 'Replace' : String(call.body.operation ?? '');
        if (operation === 'Replace') call.site.tags = { ...given };
        else if (operation === 'Merge') call.site.tags = { ...call.site.tags, ...given };
        else if (operation === 'Delete') {
          call.site.tags = Object.fromEntries(
            Object.entries(call.site.tags).filter(
              ([name, value]) => !(name in given) || (given[name] !== '' && given[name] !== value),
            ),
          );
        } else throw armErrors.invalidBody("'operation' must be Replace, Merge or Delete.");
        ok(call, tagsJson(call.site));
      },
    })),
    {
      method: 'POST',
      op: /^\/applySlotConfig$/i,
      form: 'any',
      action: '/applySlotConfig/action',
      needsSlot: true,
      handle: async (call) => {
        const target = targetOf(call);
        ensureIdle(call.site);
        await applySlotConfig(call.site, call.slot, target, swapDeps);
        ok(call);
      },
    },
    {
      method: 'POST',
      op: /^\/resetSlotConfig$/i,
      form: 'any',
      action: '/resetSlotConfig/action',
      needsSlot: true,
      handle: async (call) => {
        ensureIdle(call.site);
        await resetSlotConfig(call.site, call.slot, swapDeps);
        ok(call);
      },
    },
    {
      method: 'POST',
      op: /^\/slotsdiffs$/i,
      form: 'any',
      action: '/slotsdiffs/action',
      needsSlot: true,
      handle: async (call) => {
        const target = targetOf(call);
        const names = [...new Set([...Object.keys(call.slot.appSettings), ...Object.keys(target.appSettings)])].sort();
        const differences = names
          .filter((name) => call.slot.appSettings[name] !== target.appSettings[name])
          .map((name) => {
            const sticky = isSticky(call.site, name);
            return {
              id: `${siteId(call.site)}/slotsdiffs/${name}`,
              name,
              type: 'Microsoft.Web/sites/slotsdiffs',
              properties: {
                level: sticky ? 'Information' : 'Warning',
                settingType: 'AppSetting',
                diffRule: sticky ? 'SettingsNotSwapped' : 'SettingsWillBeSwapped',
                settingName: name,
                valueInCurrentSlot: call.slot.appSettings[name] ?? null,
                valueInTargetSlot: target.appSettings[name] ?? null,
                description: sticky
                  ? `The slot setting '${name}' stays with its slot.`
                  : `The app setting '${name}' moves with the swap.`,
              },
            };
          });
        ok(call, { value: differences, nextLink: null });
      },
    },
  ];
}

export function armPrepare(exchange: Exchange): void {
  const requested = exchange.req.headers['x-ms-correlation-request-id'];
  exchange.correlationId = typeof requested === 'string' && requested !== '' ? requested : randomUUID();
  exchange.res.setHeader('x-ms-correlation-request-id', exchange.correlationId);
  exchange.res.setHeader('x-ms-request-id', randomUUID());
}
