import { createHash } from 'node:crypto';
import type { Listening } from './http.js';
import type { PostgresCluster } from './postgres-cluster.js';
import { listenPostgresFront } from './postgres-front.js';
import type { World, WorldPostgresServer } from './world.js';

const DAY_MS = 86_400_000;

export type PostgresServerState = 'Ready' | 'Stopped' | 'Starting' | 'Stopping' | 'Provisioning' | 'Dropping';

export interface PostgresServerRecord {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  name: string;
  sku: { name: string; tier: string };
  version: string;
  administratorLogin: string;
  backupRetentionDays: number;
  state: PostgresServerState;
  createdAt: Date;
  /** Database name (as the server's users know it) → the cluster database holding it. */
  databases: Map<string, string>;
  front: Listening;
}

/** Read-only view of a server for assertions. */
export interface PostgresServerView {
  name: string;
  resourceGroup: string;
  state: PostgresServerState;
  host: string;
  port: number;
  databases: string[];
}

const key = (value: string) => value.toLowerCase();

/** The world's flexible servers and the ones restores create, each with its own wire-protocol front. */
export class PostgresServers {
  readonly #servers: PostgresServerRecord[] = [];

  private constructor(readonly cluster: PostgresCluster | undefined) {}

  static async create(world: World, cluster: PostgresCluster | undefined): Promise<PostgresServers> {
    const servers = new PostgresServers(cluster);
    for (const subscription of world.subscriptions) {
      for (const group of subscription.resourceGroups) {
        for (const server of group.postgresServers ?? []) {
          const retention = server.backupRetentionDays ?? 7;
          // A world server has been running longer than its backup retention: every retained point is restorable.
          const record = await servers.add(
            subscription.id,
            group.name,
            group.location,
            server,
            new Date(Date.now() - retention * DAY_MS),
          );
          for (const database of server.databases) {
            const clusterName = clusterDatabaseName(record, database);
            await cluster?.createDatabase(clusterName);
            record.databases.set(key(database), clusterName);
          }
        }
      }
    }
    return servers;
  }

  /** Registers a server (state as given) with its front; its databases are added by the caller. */
  async add(
    subscriptionId: string,
    resourceGroup: string,
    location: string,
    server: Omit<WorldPostgresServer, 'state'> & { state?: PostgresServerState },
    createdAt: Date,
  ): Promise<PostgresServerRecord> {
    const record = {
      subscriptionId,
      resourceGroup,
      location,
      name: server.name,
      sku: server.sku ?? { name: 'Standard_B1ms', tier: 'Burstable' },
      version: server.version ?? '15',
      administratorLogin: server.administratorLogin ?? 'augeo_admin',
      backupRetentionDays: server.backupRetentionDays ?? 7,
      state: server.state ?? 'Ready',
      createdAt,
      databases: new Map<string, string>(),
    } as Omit<PostgresServerRecord, 'front'> as PostgresServerRecord;
    const cluster = this.cluster;
    record.front = await listenPostgresFront({
      cluster: { host: cluster?.host ?? '127.0.0.1', port: cluster?.port ?? 0 },
      clusterDatabase: (database) => record.databases.get(key(database)),
      unavailable: () =>
        !cluster
          ? 'the Azure emulator was started without a PostgreSQL (postgresUrl): its flexible servers hold no data'
          : record.state === 'Ready'
            ? undefined
            : `the flexible server '${record.name}' is ${record.state.toLowerCase()}`,
    });
    this.#servers.push(record);
    return record;
  }

  /** Copies each of `source`'s databases into `target` (pg_dump | pg_restore on the cluster). */
  async copyDatabases(source: PostgresServerRecord, target: PostgresServerRecord): Promise<void> {
    for (const [name, from] of source.databases) {
      const to = clusterDatabaseName(target, name);
      await this.cluster?.copyDatabase(from, to);
      target.databases.set(name, to);
    }
  }

  find(subscriptionId: string, resourceGroup: string, name: string): PostgresServerRecord | undefined {
    return this.#servers.find(
      (server) =>
        key(server.subscriptionId) === key(subscriptionId) &&
        key(server.resourceGroup) === key(resourceGroup) &&
        key(server.name) === key(name),
    );
  }

  async remove(server: PostgresServerRecord): Promise<void> {
    this.#servers.splice(this.#servers.indexOf(server), 1);
    await server.front.close();
    for (const clusterName of server.databases.values()) await this.cluster?.dropDatabase(clusterName);
  }

  snapshot(resourceGroup: string, name: string): PostgresServerView | undefined {
    const server = this.#servers.find(
      (candidate) => key(candidate.resourceGroup) === key(resourceGroup) && key(candidate.name) === key(name),
    );
    return (
      server && {
        name: server.name,
        resourceGroup: server.resourceGroup,
        state: server.state,
        host: '127.0.0.1',
        port: server.front.port,
        databases: [...server.databases.keys()],
      }
    );
  }

  /** Closes every front and drops every database the emulator made on the cluster. */
  async stopAll(): Promise<void> {
    for (const server of [...this.#servers]) await this.remove(server);
  }
}

/** A cluster-wide unique, readable database name for one server's database (PostgreSQL allows 63 bytes). */
function clusterDatabaseName(server: PostgresServerRecord, database: string): string {
  const id = `/subscriptions/${server.subscriptionId}/resourceGroups/${server.resourceGroup}/${server.name}`;
  const hash = createHash('sha256').update(key(id)).digest('hex').slice(0, 8);
  const readable = `${server.name}_${database}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `emu_${hash}_${readable}`.slice(0, 63);
}
