import { AsyncOperations } from './async-operations.js';
import type { AccessTokenClaims } from './entra-tokens.js';
import { armErrors, dataServiceErrors } from './errors.js';
import type { Exchange } from './gateway.js';
import { parseJson, sendJson } from './http.js';
import type { Latencies } from './latencies.js';
import type { PostgresServerRecord, PostgresServers } from './postgres-servers.js';
import { isAllowed } from './rbac.js';
import type { SiteRegistry } from './sites.js';
import type { RoleAssignment } from './world.js';

export interface PostgresFlexibleHostDeps {
  /** Subscriptions and resource groups live there. */
  registry: SiteRegistry;
  servers: PostgresServers;
  roleAssignments: RoleAssignment[];
  latencies: Latencies;
  origin: () => string;
}

/** Answers the request when it is a flexible-server route and returns true. */
export type PostgresFlexibleRoute = (
  exchange: Exchange,
  caller: AccessTokenClaims,
  apiVersion: string,
) => Promise<boolean>;

const PROVIDER = 'Microsoft.DBforPostgreSQL';
const SERVER =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)(\/start|\/stop)?$/i;
const RESOURCE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)$/i;

/**
 * Microsoft.DBforPostgreSQL/flexibleServers: get, point-in-time restore (PUT with createMode PointInTimeRestore,
 * sourceServerResourceId, pointInTimeUTC), delete, start and stop, each write a long-running operation with
 * Azure-AsyncOperation. A restore copies the source's databases with pg_dump/pg_restore (postgres-cluster.ts): the
 * data is the source's as it is when the restore runs, whatever point in the window was asked for.
 */
export function postgresFlexibleHost(deps: PostgresFlexibleHostDeps): PostgresFlexibleRoute {
  const operations = new AsyncOperations(PROVIDER, 'azureAsyncOperation');

  return async (exchange, caller, apiVersion) => {
    if (operations.serve(exchange, caller.oid, deps.origin())) return true;
    const matched = SERVER.exec(exchange.path);
    if (!matched) return false;
    const [, subscriptionId = '', groupName = '', name = '', action = ''] = matched;
    const subscription = deps.registry.subscription(subscriptionId);
    if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
    if (subscription.tenantId.toLowerCase() !== caller.tid.toLowerCase()) throw armErrors.wrongTenant(subscriptionId);
    const scope = `/subscriptions/${subscriptionId}/resourceGroups/${groupName}/providers/${PROVIDER}/flexibleServers/${name}`;
    const authorize = (permission: string, on: string) => {
      if (!isAllowed(deps.roleAssignments, caller.oid, `${PROVIDER}/flexibleServers/${permission}`, on))
        throw armErrors.authorizationFailed(caller.appid, caller.oid, `${PROVIDER}/flexibleServers/${permission}`, on);
    };
    const method = exchange.method;
    const verb = action.slice(1).toLowerCase();
    authorize(verb ? `${verb}/action` : method === 'GET' ? 'read' : method === 'DELETE' ? 'delete' : 'write', scope);
    const group = deps.registry.resourceGroup(subscriptionId, groupName);
    if (!group) throw armErrors.resourceGroupNotFound(groupName);
    const existing = deps.servers.find(subscriptionId, groupName, name);
    const notFound = () => armErrors.resourceNotFound(`${PROVIDER}/flexibleServers/${name}`, groupName);
    const where = { origin: deps.origin(), subscriptionId, location: group.location, apiVersion };

    if (method === 'GET' && !verb) {
      if (!existing) throw notFound();
      sendJson(exchange.res, 200, serverJson(existing));
    } else if (method === 'PUT' && !verb) {
      if (existing) throw dataServiceErrors.serverExists(name);
      const request = restoreRequest(exchange);
      const source = RESOURCE_ID.exec(request.sourceServerResourceId);
      const sourceServer = source && deps.servers.find(source[1] ?? '', source[2] ?? '', source[3] ?? '');
      if (!source || !sourceServer)
        throw armErrors.resourceNotFound(`${PROVIDER}/flexibleServers/${source?.[3] ?? '?'}`, source?.[2] ?? '?');
      authorize('read', request.sourceServerResourceId);
      const earliest = earliestRestoreDate(sourceServer);
      const now = new Date();
      if (!(request.pointInTime >= earliest && request.pointInTime <= now))
        throw dataServiceErrors.pointInTimeOutOfRange(
          request.pointInTimeUTC,
          earliest.toISOString(),
          now.toISOString(),
        );
      const target = await deps.servers.add(
        subscriptionId,
        group.name,
        request.location ?? group.location,
        {
          name,
          databases: [],
          administratorLogin: sourceServer.administratorLogin,
          sku: sourceServer.sku,
          version: sourceServer.version,
          backupRetentionDays: sourceServer.backupRetentionDays,
          state: 'Provisioning',
        },
        now,
      );
      operations.accept(exchange, where, caller.oid, async () => {
        try {
          await deps.latencies.wait('postgresRestore');
          await deps.servers.copyDatabases(sourceServer, target);
          target.state = 'Ready';
        } catch (error) {
          await deps.servers.remove(target);
          throw error;
        }
      });
    } else if (method === 'DELETE' && !verb) {
      if (!existing) {
        sendJson(exchange.res, 204, undefined);
        return true;
      }
      existing.state = 'Dropping';
      operations.accept(exchange, where, caller.oid, async () => {
        await deps.latencies.wait('postgresDelete');
        await deps.servers.remove(existing);
      });
    } else if (method === 'POST' && verb) {
      if (!existing) throw notFound();
      const [from, passing, to] =
        verb === 'stop' ? (['Ready', 'Stopping', 'Stopped'] as const) : (['Stopped', 'Starting', 'Ready'] as const);
      if (existing.state !== from && existing.state !== to) throw dataServiceErrors.serverBusy(name, existing.state);
      const already = existing.state === to;
      if (!already) existing.state = passing;
      operations.accept(exchange, where, caller.oid, async () => {
        if (already) return;
        await deps.latencies.wait('postgresStartStop');
        existing.state = to;
      });
    } else {
      throw armErrors.routeNotModelled(method, exchange.path);
    }
    return true;
  };
}

interface RestoreRequest {
  location: string | undefined;
  sourceServerResourceId: string;
  pointInTimeUTC: string;
  pointInTime: Date;
}

function restoreRequest(exchange: Exchange): RestoreRequest {
  let body: { location?: unknown; properties?: Record<string, unknown> };
  try {
    body = (parseJson(exchange.body) ?? {}) as typeof body;
  } catch (error) {
    throw armErrors.invalidBody((error as Error).message);
  }
  const properties = body.properties ?? {};
  if (properties.createMode !== 'PointInTimeRestore')
    throw dataServiceErrors.createModeNotModelled(properties.createMode);
  const sourceServerResourceId = properties.sourceServerResourceId;
  if (typeof sourceServerResourceId !== 'string' || sourceServerResourceId === '')
    throw dataServiceErrors.missingRestoreParameter('sourceServerResourceId');
  const pointInTimeUTC = properties.pointInTimeUTC;
  const pointInTime = new Date(typeof pointInTimeUTC === 'string' ? pointInTimeUTC : Number.NaN);
  if (typeof pointInTimeUTC !== 'string' || Number.isNaN(pointInTime.getTime()))
    throw dataServiceErrors.missingRestoreParameter('pointInTimeUTC');
  return {
    location: typeof body.location === 'string' && body.location !== '' ? body.location : undefined,
    sourceServerResourceId,
    pointInTimeUTC,
    pointInTime,
  };
}

/** Azure keeps backups for the retention period, but not from before the server existed. */
function earliestRestoreDate(server: PostgresServerRecord): Date {
  return new Date(Math.max(server.createdAt.getTime(), Date.now() - server.backupRetentionDays * 86_400_000));
}

function serverJson(server: PostgresServerRecord): object {
  return {
    id: `/subscriptions/${server.subscriptionId}/resourceGroups/${server.resourceGroup}/providers/${PROVIDER}/flexibleServers/${server.name}`,
    name: server.name,
    type: `${PROVIDER}/flexibleServers`,
    location: server.location,
    sku: server.sku,
    systemData: { createdAt: server.createdAt.toISOString() },
    properties: {
      administratorLogin: server.administratorLogin,
      version: server.version,
      state: server.state,
      // The server's own front: an address the emulator hands out, as sites get 127.0.0.1:<port> host names.
      fullyQualifiedDomainName: `127.0.0.1:${server.front.port}`,
      storage: { storageSizeGB: 32, autoGrow: 'Disabled' },
      backup: {
        backupRetentionDays: server.backupRetentionDays,
        geoRedundantBackup: 'Disabled',
        earliestRestoreDate: earliestRestoreDate(server).toISOString(),
      },
      highAvailability: { mode: 'Disabled', state: 'NotEnabled' },
      network: { publicNetworkAccess: 'Enabled' },
      replicationRole: 'Primary',
    },
  };
}
