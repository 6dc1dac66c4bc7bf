import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEmulator, type Emulator, type JournalEntry } from '@augeo/emulator';
import { loadWorld } from '@augeo/emulator/world';

export const SUBSCRIPTION = '00000000-0000-0000-0000-00000000a000';
const EXAMPLE_API = resolve(import.meta.dirname, '../../../../examples/api');

/** The deployer identity of each environment in the default world (client ids). */
export const DEPLOYERS = {
  dev: '3a9e1c47-6b2d-4f85-a0c3-7e5d9b1f2a64',
  staging: 'c41f7a2e-9d3b-4e68-b5a0-1f2e3d4c5b86',
  production: '9b6d3e12-4a7c-4f08-8e91-6c5b2d7a1e39',
} as const;
export type Environment = keyof typeof DEPLOYERS;

/** The local PostgreSQL `npm test` starts (scripts/postgres.sh); these tests need it. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run through `npm test`, or `eval "$(bash scripts/postgres.sh start)"`.',
    );
  return url;
}

/**
 * The default world (identities, sites, the examples/api catalogue) plus what main.bicep gives every environment
 * and the operations need: a flexible server `augeo-<env>-db` holding the database `augeo`, a Redis cache
 * `augeo-<env>-redis` (Basic C0 in dev, Standard C1 elsewhere, as infrastructure/README.md deploys them; staging's
 * is Premium P1 so the export can be shown working), and each deployer as Contributor of its own resource group
 * only, as deployer-identity.bicep grants it. The flexible servers keep their data on TEST_DATABASE_URL's cluster.
 */
export async function startOperationsEmulator(): Promise<Emulator> {
  const world = await loadWorld(undefined);
  const subscription = world.subscriptions[0];
  if (!subscription || subscription.id !== SUBSCRIPTION) throw new Error('the default world changed');
  for (const group of subscription.resourceGroups) {
    const environment = group.name.replace(/^augeo-|-rg$/g, '') as Environment;
    group.postgresServers = [{ name: `augeo-${environment}-db`, databases: ['augeo'], administratorLogin: 'postgres' }];
    group.redisCaches = [
      {
        name: `augeo-${environment}-redis`,
        sku:
          environment === 'dev'
            ? { name: 'Basic', family: 'C', capacity: 0 }
            : environment === 'staging'
              ? { name: 'Premium', family: 'P', capacity: 1 }
              : { name: 'Standard', family: 'C', capacity: 1 },
      },
    ];
  }
  world.roleAssignments = world.roleAssignments.map((assignment) =>
    assignment.role === 'Website Contributor' ? { ...assignment, role: 'Contributor' } : assignment,
  );
  return startEmulator({ world, caDir: process.env.AUGEO_EMULATOR_CA_DIR, postgresUrl: testDatabaseUrl() });
}

/** A runner step's environment in `environment`, signed in as that environment's deployer. */
export function operationsEnv(
  emulator: Emulator,
  environment: Environment,
  extra: Record<string, string> = {},
): Record<string, string> {
  emulator.setOidcContext({ environment });
  return {
    ...emulator.env,
    AZURE_CLIENT_ID: DEPLOYERS[environment],
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: '1',
    ...extra,
  };
}

/** The server's front as ARM's fullyQualifiedDomainName names it, for clients the test itself runs. */
export function serverUrl(emulator: Emulator, environment: Environment, database = 'augeo'): string {
  const server = emulator.postgresServer(`augeo-${environment}-rg`, `augeo-${environment}-db`);
  if (!server) throw new Error(`no flexible server in ${environment}`);
  return `postgresql://postgres@127.0.0.1:${server.port}/${database}`;
}

/** examples/api's real Alembic migrations, applied through the server's front, and a few users. */
export async function seedExampleDatabase(emulator: Emulator, environment: Environment, users: number): Promise<void> {
  const url = serverUrl(emulator, environment);
  await promisify(execFile)('/usr/bin/alembic', ['upgrade', 'head'], {
    cwd: EXAMPLE_API,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: url.replace(/^postgresql:/, 'postgresql+psycopg2:'),
    },
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let index = 0; index < users; index += 1)
      await client.query('INSERT INTO users (email) VALUES ($1)', [`user${index}@augeo.app`]);
  } finally {
    await client.end();
  }
}

/** The ARM requests that reached a path under `scope`, by anyone. */
export function armCallsUnder(journal: JournalEntry[], scope: string): JournalEntry[] {
  return journal.filter((entry) => entry.host === 'arm' && entry.path.toLowerCase().startsWith(scope.toLowerCase()));
}
