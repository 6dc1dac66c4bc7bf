import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EmulatorError } from './errors.js';

/** A workload identity (app registration or user-assigned identity) that GitHub tokens are exchanged for. */
export interface Identity {
  name: string;
  clientId: string;
  objectId: string;
  federatedCredentials: FederatedCredential[];
}

export interface FederatedCredential {
  name?: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface Tenant {
  id: string;
  identities: Identity[];
}

export interface WorldSlot {
  name: string;
  /** Image reference without the `DOCKER|` prefix, e.g. `augeo/api:1.0.0`. */
  image: string;
  appSettings?: Record<string, string>;
  siteConfig?: Partial<SiteConfig>;
}

export interface WorldSite {
  name: string;
  kind?: string;
  slots: WorldSlot[];
  slotConfigNames?: Partial<SlotConfigNames>;
  /** ARM tags of the site. */
  tags?: Record<string, string>;
}

/** A Static Web App; its production (`default`) environment starts empty, preview environments come from deploys. */
export interface WorldStaticSite {
  name: string;
  sku?: 'Free' | 'Standard';
}

/**
 * A Key Vault (RBAC permission model) and its secrets. The emulator serves each vault's data plane on its own HTTPS
 * port, so a vault's URL is `https://127.0.0.1:<port>` (Emulator.keyVaultUrl) instead of `https://<name>.vault.azure.net`.
 */
export interface WorldKeyVault {
  name: string;
  /** Secret name → current value. */
  secrets?: Record<string, string>;
}

export interface WorldResourceGroup {
  name: string;
  location: string;
  sites: WorldSite[];
  staticSites?: WorldStaticSite[];
  keyVaults?: WorldKeyVault[];
  postgresServers?: WorldPostgresServer[];
  redisCaches?: WorldRedisCache[];
}

/**
 * A PostgreSQL flexible server. Its databases live on the local PostgreSQL the emulator is given (postgresUrl), each
 * server behind its own port, so `fullyQualifiedDomainName` is `127.0.0.1:<port>` and a database keeps its name.
 */
export interface WorldPostgresServer {
  name: string;
  /** Names of the server's databases; they start empty. */
  databases: string[];
  administratorLogin?: string;
  /** e.g. `{name: 'Standard_B1ms', tier: 'Burstable'}` (the default). */
  sku?: { name: string; tier: string };
  version?: string;
  backupRetentionDays?: number;
  state?: 'Ready' | 'Stopped';
}

/** An Azure Cache for Redis; only its ARM side (get, export) is modelled, not a Redis server. */
export interface WorldRedisCache {
  name: string;
  sku: { name: 'Basic' | 'Standard' | 'Premium'; family: 'C' | 'P'; capacity: number };
}

export interface WorldSubscription {
  id: string;
  tenantId: string;
  displayName?: string;
  resourceGroups: WorldResourceGroup[];
}

export type RoleName = 'Reader' | 'Contributor' | 'Owner' | 'Website Contributor' | 'Key Vault Secrets User';

export interface RoleAssignment {
  principalId: string;
  role: RoleName;
  scope: string;
}

/** How a slot's image becomes a local process. `{port}`, `{tag}`, `{image}` and `{node}` are substituted. */
export interface CatalogueEntry {
  /** Glob on the image reference (`*` matches anything); a registry host in the reference may be omitted here. */
  image: string;
  command: string;
  args?: string[];
  /** Relative to the repository root. */
  cwd?: string;
  env?: Record<string, string>;
}

export interface OidcContext {
  repository: string;
  ref: string;
  sha: string;
  event_name: string;
  /** Empty or absent means the job runs without an environment. */
  environment?: string;
  job_workflow_ref: string;
  workflow_ref: string;
  actor: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  head_ref?: string;
  base_ref?: string;
}

export type LatencyOperation =
  | 'swap'
  | 'restart'
  | 'slotCreate'
  | 'appStart'
  | 'postgresRestore'
  | 'postgresStartStop'
  | 'postgresDelete'
  | 'redisExport';

export interface World {
  tenants: Tenant[];
  subscriptions: WorldSubscription[];
  roleAssignments: RoleAssignment[];
  imageCatalogue: CatalogueEntry[];
  github: { repository: string; issuer?: string };
  oidcContext?: Partial<OidcContext>;
  latencies?: Partial<Record<LatencyOperation, number>>;
}

export interface SiteConfig {
  linuxFxVersion: string;
  appCommandLine: string;
  healthCheckPath: string | null;
  alwaysOn: boolean;
  minTlsVersion: string;
  http20Enabled: boolean;
  ftpsState: string;
  numberOfWorkers: number;
  autoSwapSlotName: string | null;
  [key: string]: unknown;
}

export interface SlotConfigNames {
  appSettingNames: string[];
  connectionStringNames: string[];
  azureStorageConfigNames: string[];
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export const DEFAULT_WORLD_PATH = fileURLToPath(new URL('../worlds/default.json', import.meta.url));

export async function loadWorld(world: World | string | undefined): Promise<World> {
  if (world !== undefined && typeof world !== 'string') return structuredClone(world);
  const path = world ?? DEFAULT_WORLD_PATH;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new EmulatorError(`Cannot read the world file '${path}': ${(error as Error).message}`);
  }
  return checkWorld(parsed, path);
}

function checkWorld(value: unknown, source: string): World {
  const world = value as Partial<World>;
  for (const key of ['tenants', 'subscriptions', 'roleAssignments', 'imageCatalogue'] as const) {
    if (!Array.isArray(world[key])) {
      throw new EmulatorError(`The world file '${source}' needs an array '${key}'.`);
    }
  }
  if (typeof world.github?.repository !== 'string' || !world.github.repository.includes('/')) {
    throw new EmulatorError(`The world file '${source}' needs github.repository as 'owner/name'.`);
  }
  return world as World;
}
