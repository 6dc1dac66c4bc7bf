import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { armHost, armPrepare } from './arm-host.js';
import { controlApi } from './control-api.js';
import { deploymentHost } from './deployment-host.js';
import { Deployments } from './deployments.js';
import { entraHost } from './entra-host.js';
import { EntraTokens } from './entra-tokens.js';
import { aadstsErrors, armErrors, EmulatorError, githubError } from './errors.js';
import { FaultBook, type FaultSpec } from './faults.js';
import { FrontFaults, type FrontFaultSpec } from './front-faults.js';
import { gateway } from './gateway.js';
import { githubHost, ID_TOKEN_PATH, JWKS_PATH } from './github-host.js';
import { defaultOidcContext, GithubOidcIssuer } from './github-oidc.js';
import { GithubRest } from './github-rest.js';
import { listen, type Listening } from './http.js';
import { Journal, type JournalEntry } from './journal.js';
import { listenKeyVaults } from './key-vault.js';
import { Latencies } from './latencies.js';
import { Operations } from './operations.js';
import { PostgresCluster } from './postgres-cluster.js';
import { postgresFlexibleHost } from './postgres-flexible-host.js';
import { PostgresServers, type PostgresServerView } from './postgres-servers.js';
import { redisHost } from './redis-host.js';
import { ResourceStore } from './resource-store.js';
import { SiteRegistry, type SiteState } from './sites.js';
import { staticSiteHost } from './static-site-host.js';
import { StaticSiteRegistry, type StaticSitesControl } from './static-sites.js';
import { ensureTestCa, issueLoopbackCertificate } from './test-ca.js';
import { GITHUB_ISSUER, loadWorld, type LatencyOperation, type OidcContext, type World } from './world.js';

export interface EmulatorOptions {
  /** A world object or the path of a JSON world file; default: worlds/default.json. */
  world?: World | string;
  /** Where the test CA lives (reused when ca.pem and ca.key exist); default: $AUGEO_EMULATOR_CA_DIR or a fresh temp dir. */
  caDir?: string;
  /** Root that catalogue `cwd`s are relative to; default: the repository holding this package. */
  repoRoot?: string;
  /**
   * A superuser URL of a local PostgreSQL that keeps the flexible servers' databases (e.g. $TEST_DATABASE_URL);
   * default: $AUGEO_EMULATOR_POSTGRES_URL. Without one, flexible servers answer ARM but hold no data.
   */
  postgresUrl?: string;
}

export interface Emulator {
  /** Exactly what a runner step needs to reach the emulated clouds. */
  env: Record<string, string>;
  controlUrl: string;
  armUrl: string;
  slotUrl(site: string, slot?: string, resourceGroup?: string): string;
  /** A world Key Vault's URL, what `https://<name>.vault.azure.net` is in Azure: secret URIs start with it. */
  keyVaultUrl(name: string): string;
  setOidcContext(patch: Partial<OidcContext>): void;
  injectFault(fault: FaultSpec): string;
  /** Makes a slot's front answer `status` instead of its app (see front-faults.ts). */
  injectFrontFault(fault: FrontFaultSpec): string;
  /** Disarms every ARM, Entra, GitHub and front fault. */
  clearFaults(): void;
  setLatency(operation: LatencyOperation, ms: number): void;
  journal(): JournalEntry[];
  clearJournal(): void;
  site(resourceGroup: string, site: string): SiteState | undefined;
  /** Static Web Apps: each environment's content URL, a snapshot, and the held-content seam. */
  staticSites: StaticSitesControl;
  /** A flexible server's state and its front's address (`127.0.0.1`, port), as its fullyQualifiedDomainName says. */
  postgresServer(resourceGroup: string, name: string): PostgresServerView | undefined;
  stop(): Promise<void>;
}

const SLOT_START_TIMEOUT_MS = 30_000;

/** The directory holding the root package.json with workspaces, above this file. */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8'))) return dir;
    dir = dirname(dir);
  }
  throw new EmulatorError(
    'Cannot find the repository root (a package.json with workspaces) above the emulator; pass repoRoot.',
  );
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const world = await loadWorld(options.world);
  const caDir =
    options.caDir ?? process.env.AUGEO_EMULATOR_CA_DIR ?? (await mkdtemp(join(tmpdir(), 'augeo-emulator-ca-')));
  const ca = await ensureTestCa(caDir);
  const tls = await issueLoopbackCertificate(ca);
  const repoRoot = options.repoRoot ?? findRepoRoot();
  const issuer = world.github.issuer ?? GITHUB_ISSUER;
  const [entraTokens, oidc] = await Promise.all([
    EntraTokens.create(),
    GithubOidcIssuer.create(issuer, defaultOidcContext(world.github.repository, world.oidcContext)),
  ]);
  const journal = new Journal();
  const faults = new FaultBook();
  const frontFaults = new FrontFaults();
  const latencies = new Latencies(world.latencies);
  const operations = new Operations();
  const requestToken = randomBytes(24).toString('hex');
  const origins = { github: '', entra: '', arm: '' };

  const listeners: Listening[] = [];
  let registry: SiteRegistry | undefined;
  let staticSites: StaticSiteRegistry | undefined;
  let postgresServers: PostgresServers | undefined;
  const stopAll = async () => {
    await registry?.stopAll();
    await staticSites?.stopAll();
    await postgresServers?.stopAll();
    await Promise.all(listeners.map((listener) => listener.close()));
  };
  try {
    const github = await listen(
      gateway({
        host: 'github',
        journal,
        faults,
        handle: githubHost({
          oidc,
          rest: new GithubRest(
            world.github.repository,
            () => origins.github,
            () => oidc.context().sha,
          ),
          requestToken,
          origin: () => origins.github,
        }),
        faultBody: (status) => githubError(`Fault injected by the emulator (HTTP ${status}).`),
        crashBody: (error) => githubError(error.message),
      }),
    );
    listeners.push(github);
    origins.github = github.origin;
    const entra = await listen(
      gateway({
        host: 'entra',
        journal,
        faults,
        handle: entraHost({
          tenants: world.tenants,
          tokens: entraTokens,
          origin: () => origins.entra,
          github: { issuer, jwksUrl: () => `${origins.github}${JWKS_PATH}` },
        }),
        faultBody: (status) => ({
          error: 'temporarily_unavailable',
          error_description: `Fault injected by the emulator (HTTP ${status}).`,
          error_codes: [],
        }),
        crashBody: (error) => aadstsErrors.malformedAssertion(error.message).body(),
      }),
      tls,
    );
    listeners.push(entra);
    origins.entra = entra.origin;
    const keyVaults = await listenKeyVaults(world, {
      tls,
      journal,
      faults,
      tokens: entraTokens,
      roleAssignments: world.roleAssignments,
      entraOrigin: () => origins.entra,
    });
    listeners.push(...keyVaults.values());
    registry = await SiteRegistry.create(
      world,
      tls,
      {
        catalogue: world.imageCatalogue,
        repoRoot,
        latencies,
        startTimeoutMs: SLOT_START_TIMEOUT_MS,
      },
      frontFaults,
    );
    const sites = registry;
    const staticSiteRegistry = (staticSites = await StaticSiteRegistry.create(world, tls));
    const postgresUrl = options.postgresUrl ?? process.env.AUGEO_EMULATOR_POSTGRES_URL;
    const servers = (postgresServers = await PostgresServers.create(
      world,
      postgresUrl ? new PostgresCluster(postgresUrl) : undefined,
    ));
    const arm = await listen(
      gateway({
        host: 'arm',
        journal,
        faults,
        prepare: armPrepare,
        handle: armHost({
          registry: sites,
          tokens: entraTokens,
          roleAssignments: world.roleAssignments,
          operations,
          latencies,
          origin: () => origins.arm,
          staticSites: staticSiteHost({
            registry: sites,
            staticSites: staticSiteRegistry,
            roleAssignments: world.roleAssignments,
            origin: () => origins.arm,
          }),
          deployments: deploymentHost({
            registry: sites,
            deployments: new Deployments({
              world,
              registry: sites,
              staticSites: staticSiteRegistry,
              store: new ResourceStore(),
              latencies,
            }),
            roleAssignments: world.roleAssignments,
            origin: () => origins.arm,
          }),
          postgresServers: postgresFlexibleHost({
            registry: sites,
            servers,
            roleAssignments: world.roleAssignments,
            latencies,
            origin: () => origins.arm,
          }),
          redisCaches: redisHost({
            registry: sites,
            roleAssignments: world.roleAssignments,
            latencies,
            origin: () => origins.arm,
          }),
        }),
        faultBody: (status) => armErrors.injected(status).body(),
        crashBody: (error) => ({ error: { code: 'InternalServerError', message: error.message } }),
      }),
      tls,
    );
    listeners.push(arm);
    origins.arm = arm.origin;

    const findSite = (name: string, resourceGroup?: string) => {
      const found = sites
        .all()
        .filter(
          (site) =>
            site.name.toLowerCase() === name.toLowerCase() &&
            (resourceGroup === undefined || site.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()),
        );
      if (found.length !== 1)
        throw new EmulatorError(
          found.length === 0
            ? `No site '${name}' in the world.`
            : `Several sites are named '${name}'; pass the resource group.`,
        );
      return found[0]!;
    };
    const slotUrl = (siteName: string, slotName = 'production', resourceGroup?: string) => {
      const site = findSite(siteName, resourceGroup);
      const slot = sites.slot(site, slotName);
      if (!slot) throw new EmulatorError(`The site '${siteName}' has no slot '${slotName}'.`);
      return `https://127.0.0.1:${slot.front.port}`;
    };

    const keyVaultUrl = (name: string) => {
      const vault = keyVaults.get(name.toLowerCase());
      if (!vault) throw new EmulatorError(`No Key Vault '${name}' in the world.`);
      return vault.origin;
    };

    const deployer = defaultDeployer(world, oidc.subject(), issuer);
    const env: Record<string, string> = {
      AZURE_AUTHORITY_HOST: origins.entra,
      AZURE_RESOURCE_MANAGER_ENDPOINT: origins.arm,
      AZURE_TENANT_ID: deployer.tenantId,
      AZURE_CLIENT_ID: deployer.clientId,
      AZURE_SUBSCRIPTION_ID: deployer.subscriptionId,
      NODE_EXTRA_CA_CERTS: ca.caCertPath,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${origins.github}${ID_TOKEN_PATH}?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      GITHUB_API_URL: origins.github,
      GITHUB_SERVER_URL: origins.github,
      GITHUB_REPOSITORY: world.github.repository,
      AUGEO_EMULATOR_URL: '',
      AUGEO_POLL_INTERVAL_MS: '50',
    };

    let stopping: Promise<void> | undefined;
    const emulator: Emulator = {
      env,
      controlUrl: '',
      armUrl: origins.arm,
      slotUrl,
      keyVaultUrl,
      setOidcContext: (patch) => oidc.setContext(patch),
      injectFault: (fault) => faults.add(fault),
      injectFrontFault: (fault) => frontFaults.add(fault),
      clearFaults: () => {
        faults.clear();
        frontFaults.clear();
        staticSiteRegistry.releaseAll();
      },
      setLatency: (operation, ms) => latencies.update({ [operation]: ms }),
      journal: () => journal.entries(),
      clearJournal: () => journal.clear(),
      site: (resourceGroup, name) => {
        const site = sites
          .all()
          .find(
            (candidate) =>
              candidate.resourceGroup.toLowerCase() === resourceGroup.toLowerCase() &&
              candidate.name.toLowerCase() === name.toLowerCase(),
          );
        return site && sites.snapshot(site);
      },
      postgresServer: (resourceGroup, name) => servers.snapshot(resourceGroup, name),
      staticSites: {
        url: (name, environment, resourceGroup) => staticSiteRegistry.url(name, environment, resourceGroup),
        snapshot: (name, resourceGroup) => staticSiteRegistry.snapshot(name, resourceGroup),
        holdContent: (hold) => staticSiteRegistry.hold(hold),
      },
      stop: () => (stopping ??= stopAll()),
    };
    const control = await listen(
      controlApi({
        journal: emulator.journal,
        clearJournal: emulator.clearJournal,
        injectFault: emulator.injectFault,
        injectFrontFault: emulator.injectFrontFault,
        clearFaults: emulator.clearFaults,
        setOidcContext: (patch) => {
          oidc.setContext(patch);
          return { ...oidc.context(), sub: oidc.subject() };
        },
        setLatencies: (patch) => {
          latencies.update(patch);
          return latencies.snapshot();
        },
        state: () => ({
          env,
          oidcContext: { ...oidc.context(), sub: oidc.subject() },
          latencies: latencies.snapshot(),
          sites: sites.all().map((site) => sites.snapshot(site)),
        }),
      }),
    );
    listeners.push(control);
    env.AUGEO_EMULATOR_URL = control.origin;
    emulator.controlUrl = control.origin;
    return emulator;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The identity a job with the default OIDC context would log in as, and the subscription it may deploy to. */
function defaultDeployer(
  world: World,
  subject: string,
  issuer: string,
): { tenantId: string; clientId: string; subscriptionId: string } {
  for (const tenant of world.tenants) {
    const identity = tenant.identities.find((candidate) =>
      candidate.federatedCredentials.some(
        (credential) => credential.subject === subject && credential.issuer === issuer,
      ),
    );
    if (!identity) continue;
    const assignment = world.roleAssignments.find(
      (candidate) => candidate.principalId.toLowerCase() === identity.objectId.toLowerCase(),
    );
    const subscriptionId =
      /^\/subscriptions\/([^/]+)/i.exec(assignment?.scope ?? '')?.[1] ??
      world.subscriptions.find((candidate) => candidate.tenantId === tenant.id)?.id ??
      '';
    return { tenantId: tenant.id, clientId: identity.clientId, subscriptionId };
  }
  const tenant = world.tenants[0];
  return {
    tenantId: tenant?.id ?? '',
    clientId: tenant?.identities[0]?.clientId ?? '',
    subscriptionId: world.subscriptions[0]?.id ?? '',
  };
}
