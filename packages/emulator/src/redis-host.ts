import { AsyncOperations } from './async-operations.js';
import type { AccessTokenClaims } from './entra-tokens.js';
import { armErrors, dataServiceErrors } from './errors.js';
import type { Exchange } from './gateway.js';
import { parseJson, sendJson } from './http.js';
import type { Latencies } from './latencies.js';
import { isAllowed } from './rbac.js';
import type { SiteRegistry } from './sites.js';
import type { RoleAssignment, WorldRedisCache } from './world.js';

export interface RedisHostDeps {
  /** Subscriptions and resource groups (and the caches the world puts in them). */
  registry: SiteRegistry;
  roleAssignments: RoleAssignment[];
  latencies: Latencies;
  origin: () => string;
}

/** Answers the request when it is a Microsoft.Cache/redis route and returns true. */
export type RedisRoute = (exchange: Exchange, caller: AccessTokenClaims, apiVersion: string) => Promise<boolean>;

const PROVIDER = 'Microsoft.Cache';
const CACHE =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cache\/redis\/([^/]+)(\/export)?$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An RDB file of an empty dataset: magic, version 9, EOF opcode and a zero checksum (which Redis reads as "not
 * checked"). The emulator models the cache's control plane, not a Redis server, so there is no data to write.
 */
const EMPTY_RDB = Buffer.concat([Buffer.from('REDIS0009', 'ascii'), Buffer.from([0xff]), Buffer.alloc(8)]);

/**
 * Microsoft.Cache/redis: get, and export (POST …/export {format, prefix, container}) as a long-running operation
 * that writes `<container>/<prefix>` through the container's SAS URL (loopback only, e.g. Azurite). As in Azure,
 * export is refused below the Premium tier.
 */
export function redisHost(deps: RedisHostDeps): RedisRoute {
  const operations = new AsyncOperations(PROVIDER, 'asyncOperations');

  return async (exchange, caller, apiVersion) => {
    if (operations.serve(exchange, caller.oid, deps.origin())) return true;
    const matched = CACHE.exec(exchange.path);
    if (!matched) return false;
    const [, subscriptionId = '', groupName = '', name = '', exporting] = matched;
    const subscription = deps.registry.subscription(subscriptionId);
    if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
    if (subscription.tenantId.toLowerCase() !== caller.tid.toLowerCase()) throw armErrors.wrongTenant(subscriptionId);
    const scope = `/subscriptions/${subscriptionId}/resourceGroups/${groupName}/providers/${PROVIDER}/redis/${name}`;
    const permission = `${PROVIDER}/redis/${exporting ? 'export/action' : 'read'}`;
    if (!isAllowed(deps.roleAssignments, caller.oid, permission, scope))
      throw armErrors.authorizationFailed(caller.appid, caller.oid, permission, scope);
    const group = deps.registry.resourceGroup(subscriptionId, groupName);
    if (!group) throw armErrors.resourceGroupNotFound(groupName);
    const cache = group.redisCaches?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!cache) throw armErrors.resourceNotFound(`${PROVIDER}/redis/${name}`, groupName);

    if (exchange.method === 'GET' && !exporting) {
      sendJson(exchange.res, 200, cacheJson(scope, group.location, cache));
    } else if (exchange.method === 'POST' && exporting) {
      if (cache.sku.name !== 'Premium') throw dataServiceErrors.exportNeedsPremium(cache.name, cache.sku.name);
      const blobUrl = exportTarget(exchange);
      const where = { origin: deps.origin(), subscriptionId, location: group.location, apiVersion };
      operations.accept(exchange, where, caller.oid, async () => {
        await deps.latencies.wait('redisExport');
        const response = await fetch(blobUrl, {
          method: 'PUT',
          headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' },
          body: EMPTY_RDB,
        }).catch((error: Error) => {
          throw dataServiceErrors.exportUploadFailed(error.message);
        });
        if (!response.ok)
          throw dataServiceErrors.exportUploadFailed(
            `HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
          );
      });
    } else {
      throw armErrors.routeNotModelled(exchange.method, exchange.path);
    }
    return true;
  };
}

/** The blob the export writes: `<container>/<prefix>`, keeping the container URL's SAS. */
function exportTarget(exchange: Exchange): URL {
  let body: Record<string, unknown>;
  try {
    body = (parseJson(exchange.body) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw armErrors.invalidBody((error as Error).message);
  }
  const { prefix, container, format } = body;
  if (typeof prefix !== 'string' || prefix === '')
    throw dataServiceErrors.invalidExportRequest("'prefix' is required.");
  if (format !== undefined && String(format).toUpperCase() !== 'RDB')
    throw dataServiceErrors.invalidExportRequest(`'format' must be RDB, got '${String(format)}'.`);
  let url: URL;
  try {
    url = new URL(String(container));
  } catch {
    throw dataServiceErrors.invalidExportRequest("'container' must be the container's URL with a SAS token.");
  }
  if (!LOOPBACK_HOSTS.has(url.hostname))
    throw dataServiceErrors.invalidExportRequest('the emulator writes exports only to loopback storage (Azurite).');
  if (!url.searchParams.has('sig'))
    throw dataServiceErrors.invalidExportRequest("'container' carries no SAS token (no 'sig').");
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${prefix.split('/').map(encodeURIComponent).join('/')}`;
  return url;
}

function cacheJson(id: string, location: string, cache: WorldRedisCache): object {
  return {
    id,
    name: cache.name,
    type: `${PROVIDER}/Redis`,
    location,
    properties: {
      provisioningState: 'Succeeded',
      sku: cache.sku,
      hostName: `${cache.name}.redis.cache.windows.net`,
      port: 6379,
      sslPort: 6380,
      redisVersion: '6.0',
      enableNonSslPort: false,
      minimumTlsVersion: '1.2',
    },
  };
}
