import { randomBytes } from 'node:crypto';
import { EmulatorError } from './errors.js';
import { listen, type Listening, type TlsIdentity } from './http.js';
import { serveStaticContent, type StaticContent } from './static-site-front.js';
import type { World } from './world.js';

/** The environment ARM calls `default`: the site's production content. */
export const PRODUCTION_ENVIRONMENT = 'default';

/** StaticSiteBuildARMResource.status values (part C.6). */
export type StaticBuildStatus = 'WaitingForDeployment' | 'Uploading' | 'Deploying' | 'Ready' | 'Failed' | 'Deleting';

export interface StaticEnvironment {
  name: string;
  status: StaticBuildStatus;
  createdTimeUtc: string;
  lastUpdatedOn: string;
  deploymentTitle: string | null;
  /** What the last successful zip deploy put there: path (no leading slash) → bytes. */
  files: StaticContent;
  /** While a test holds the content, the front keeps serving this snapshot whatever is deployed. */
  held: StaticContent | undefined;
  front: Listening;
}

export interface StaticSiteRecord {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  name: string;
  sku: 'Free' | 'Standard';
  /** The deployment token `listSecrets` returns; the toolkit never needs it, ARM zip deploy does not. */
  apiKey: string;
  environments: Map<string, StaticEnvironment>;
}

/** Read-only view of a static site for assertions. */
export interface StaticSiteState {
  name: string;
  resourceGroup: string;
  sku: string;
  environments: Record<string, { url: string; status: StaticBuildStatus; files: string[]; held: boolean }>;
}

/** Which environment a test keeps frozen: a content server that never picks up new deployments. */
export interface StaticContentHold {
  site: string;
  /** Default: production (`default`). */
  environment?: string;
  resourceGroup?: string;
}

const key = (value: string) => value.toLowerCase();

/** Every static site the world seeded, each environment with its own HTTPS content server on 127.0.0.1. */
export class StaticSiteRegistry {
  readonly #sites: StaticSiteRecord[] = [];

  private constructor(private readonly tls: TlsIdentity) {}

  static async create(world: World, tls: TlsIdentity): Promise<StaticSiteRegistry> {
    const registry = new StaticSiteRegistry(tls);
    for (const subscription of world.subscriptions) {
      for (const group of subscription.resourceGroups) {
        for (const site of group.staticSites ?? []) {
          const record: StaticSiteRecord = {
            subscriptionId: subscription.id,
            resourceGroup: group.name,
            location: group.location,
            name: site.name,
            sku: site.sku ?? 'Standard',
            apiKey: randomBytes(32).toString('hex'),
            environments: new Map(),
          };
          registry.#sites.push(record);
          await registry.addEnvironment(record, PRODUCTION_ENVIRONMENT);
        }
      }
    }
    return registry;
  }

  /** Adds a static site a template deployment created, with its empty production environment. */
  async addSite(site: Omit<StaticSiteRecord, 'apiKey' | 'environments'>): Promise<StaticSiteRecord> {
    const record: StaticSiteRecord = { ...site, apiKey: randomBytes(32).toString('hex'), environments: new Map() };
    this.#sites.push(record);
    await this.addEnvironment(record, PRODUCTION_ENVIRONMENT);
    return record;
  }

  site(subscriptionId: string, resourceGroup: string, name: string): StaticSiteRecord | undefined {
    return this.#sites.find(
      (site) =>
        key(site.subscriptionId) === key(subscriptionId) &&
        key(site.resourceGroup) === key(resourceGroup) &&
        key(site.name) === key(name),
    );
  }

  environment(site: StaticSiteRecord, name: string): StaticEnvironment | undefined {
    return site.environments.get(key(name));
  }

  async addEnvironment(site: StaticSiteRecord, name: string): Promise<StaticEnvironment> {
    const now = new Date().toISOString();
    const environment = {
      name: key(name),
      status: 'WaitingForDeployment',
      createdTimeUtc: now,
      lastUpdatedOn: now,
      deploymentTitle: null,
      files: new Map(),
      held: undefined,
    } as Omit<StaticEnvironment, 'front'> as StaticEnvironment;
    environment.front = await listen(
      serveStaticContent(() => environment.held ?? environment.files),
      this.tls,
    );
    site.environments.set(environment.name, environment);
    return environment;
  }

  async removeEnvironment(site: StaticSiteRecord, environment: StaticEnvironment): Promise<void> {
    site.environments.delete(environment.name);
    await environment.front.close();
  }

  /** The site's one match by name (and resource group when names repeat), for the test-facing helpers. */
  find(name: string, resourceGroup?: string): StaticSiteRecord {
    const found = this.#sites.filter(
      (site) =>
        key(site.name) === key(name) && (resourceGroup === undefined || key(site.resourceGroup) === key(resourceGroup)),
    );
    if (found.length !== 1)
      throw new EmulatorError(
        found.length === 0
          ? `No static site '${name}' in the world.`
          : `Several static sites are named '${name}'; pass the resource group.`,
      );
    return found[0]!;
  }

  url(name: string, environmentName = PRODUCTION_ENVIRONMENT, resourceGroup?: string): string {
    const environment = this.environment(this.find(name, resourceGroup), environmentName);
    if (!environment) throw new EmulatorError(`The static site '${name}' has no environment '${environmentName}'.`);
    return `https://127.0.0.1:${environment.front.port}`;
  }

  hold(spec: StaticContentHold): void {
    const site = this.find(spec.site, spec.resourceGroup);
    const name = spec.environment ?? PRODUCTION_ENVIRONMENT;
    const environment = this.environment(site, name);
    if (!environment) throw new EmulatorError(`The static site '${spec.site}' has no environment '${name}'.`);
    environment.held = new Map(environment.files);
  }

  releaseAll(): void {
    for (const site of this.#sites) for (const environment of site.environments.values()) environment.held = undefined;
  }

  snapshot(name: string, resourceGroup?: string): StaticSiteState {
    const site = this.find(name, resourceGroup);
    return {
      name: site.name,
      resourceGroup: site.resourceGroup,
      sku: site.sku,
      environments: Object.fromEntries(
        [...site.environments.values()].map((environment) => [
          environment.name,
          {
            url: `https://127.0.0.1:${environment.front.port}`,
            status: environment.status,
            files: [...environment.files.keys()].sort(),
            held: environment.held !== undefined,
          },
        ]),
      ),
    };
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.#sites.flatMap((site) => [...site.environments.values()].map((environment) => environment.front.close())),
    );
  }
}

/** What tests reach through `emulator.staticSites`. */
export interface StaticSitesControl {
  /** `https://127.0.0.1:<port>` of an environment's content server (default: production). */
  url(site: string, environment?: string, resourceGroup?: string): string;
  snapshot(site: string, resourceGroup?: string): StaticSiteState;
  /** Keeps an environment serving its current content: later deploys succeed in ARM but never show. */
  holdContent(hold: StaticContentHold): void;
}
