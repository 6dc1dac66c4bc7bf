import type { WebSiteManagementContext } from '@azure/arm-appservice/api';
import {
  createZipDeploymentForStaticSite,
  createZipDeploymentForStaticSiteBuild,
  deleteStaticSiteBuild,
  getStaticSite,
  getStaticSiteBuild,
} from '@azure/arm-appservice/api/staticSites';
import { armCall } from '../azure/arm-call.js';
import { AugeoError, staticWebAppNotFound } from '../errors.js';

/** A deploy target: the site's production, or one of its preview environments. */
export interface StaticTarget {
  resourceGroup: string;
  name: string;
  /** undefined for production. */
  environment: string | undefined;
}

export function describeTarget(target: StaticTarget): string {
  return target.environment
    ? `preview environment '${target.environment}' of ${target.name}`
    : `production of ${target.name}`;
}

/** The Static Web Apps calls deploy-frontend makes, through ARM with the OIDC credential: no deployment token. */
export class StaticSiteClient {
  constructor(
    private readonly context: WebSiteManagementContext,
    private readonly pollIntervalMs: number,
  ) {}

  /** Fails with a message naming the site when ARM will not show it; returns production's host name. */
  async productionHostname(target: StaticTarget): Promise<string> {
    try {
      const site = await armCall(`Reading Static Web App ${target.name}`, () =>
        getStaticSite(this.context, target.resourceGroup, target.name),
      );
      return site.defaultHostname ?? '';
    } catch (error) {
      if (error instanceof AugeoError && ['ResourceNotFound', 'AuthorizationFailed'].includes(error.code ?? ''))
        throw staticWebAppNotFound(target.name, target.resourceGroup, error);
      throw error;
    }
  }

  /** The host name of the target's environment, or undefined when a preview environment does not exist yet. */
  async hostname(target: StaticTarget): Promise<string | undefined> {
    if (!target.environment) return this.productionHostname(target);
    const environment = target.environment;
    try {
      const build = await armCall(`Reading environment ${environment} of ${target.name}`, () =>
        getStaticSiteBuild(this.context, target.resourceGroup, target.name, environment),
      );
      return build.hostname;
    } catch (error) {
      if (error instanceof AugeoError && error.code === 'ResourceNotFound') return undefined;
      throw error;
    }
  }

  /** Zip deploy from a package URL, as a long-running operation, polled until Azure says done or the signal aborts. */
  async zipDeploy(target: StaticTarget, appZipUrl: string, title: string, abortSignal: AbortSignal): Promise<void> {
    const envelope = { appZipUrl, deploymentTitle: title, provider: 'augeo-infra' };
    const options = { updateIntervalInMs: this.pollIntervalMs, abortSignal };
    const poller = target.environment
      ? createZipDeploymentForStaticSiteBuild(
          this.context,
          target.resourceGroup,
          target.name,
          target.environment,
          envelope,
          options,
        )
      : createZipDeploymentForStaticSite(this.context, target.resourceGroup, target.name, envelope, options);
    await poller.pollUntilDone();
  }

  /** Deletes a preview environment; true when it existed. */
  async deleteEnvironment(target: StaticTarget & { environment: string }, abortSignal: AbortSignal): Promise<boolean> {
    if ((await this.hostname(target)) === undefined) return false;
    await deleteStaticSiteBuild(this.context, target.resourceGroup, target.name, target.environment, {
      updateIntervalInMs: this.pollIntervalMs,
      abortSignal,
    }).pollUntilDone();
    return true;
  }
}
