import type { WebSiteManagementContext } from '@azure/arm-appservice/api';
import { createOrUpdateSlot, deleteSlot, get, getConfiguration } from '@azure/arm-appservice/api/webApps';
import { armCall } from '../azure/arm-call.js';
import { runPhase } from '../azure/long-running.js';
import { imageOfLinuxFxVersion, parseImage } from '../blue-green/image-reference.js';
import { systemClock } from '../health/clock.js';
import { probeOnce } from '../health/probe.js';
import { describeLastRound, waitUntilHealthy } from '../health/wait-until-healthy.js';
import type { Logger } from '../io/action-io.js';

export interface RedeployPlan {
  resourceGroup: string;
  appName: string;
  /** The scratch slot's name; it must not exist yet and is deleted at the end. */
  slot: string;
  healthPath: string;
  timeoutMs: number;
  pollIntervalMs: number;
}

export interface RedeployOutcome {
  /** The known-good image: what production runs. */
  image: string;
  /** From the slot's creation request to its first healthy streak. */
  elapsedMs: number;
  healthy: boolean;
  detail: string;
  /** Whether the scratch slot is gone at the end. */
  cleanedUp: boolean;
  cleanupError?: unknown;
}

/**
 * The App Service part of the drill: production's running image is the last known-good one (every deploy verifies
 * it before it stays); bring it up from nothing in a scratch slot (create the slot with that image, wait until its
 * health path answers 200 with the image's version twice in a row) and time it. The slot is deleted whatever
 * happens. What it measures is a redeploy onto fresh workers, the doc's "Redeploy from GitHub" minus the image
 * build, which a real recovery skips too because the image is already in the registry.
 */
export async function drillAppRedeploy(
  webApps: WebSiteManagementContext,
  plan: RedeployPlan,
  log: Logger,
): Promise<RedeployOutcome> {
  const site = await armCall(`Reading App Service ${plan.appName}`, () =>
    get(webApps, plan.resourceGroup, plan.appName),
  );
  const config = await armCall(`Reading the configuration of ${plan.appName}`, () =>
    getConfiguration(webApps, plan.resourceGroup, plan.appName),
  );
  const linuxFxVersion = config.linuxFxVersion ?? '';
  const image = imageOfLinuxFxVersion(linuxFxVersion) ?? linuxFxVersion;
  const tag = parseImage(image)?.tag;
  const started = performance.now();
  let outcome: Omit<RedeployOutcome, 'cleanedUp' | 'cleanupError'> = {
    image,
    elapsedMs: 0,
    healthy: false,
    detail: 'not started',
  };
  try {
    const slot = await runPhase(
      { phase: `create scratch slot ${plan.slot} with ${image}`, timeoutMs: plan.timeoutMs, log },
      (abortSignal) =>
        createOrUpdateSlot(
          webApps,
          plan.resourceGroup,
          plan.appName,
          plan.slot,
          { location: site.location, siteConfig: { linuxFxVersion } },
          { updateIntervalInMs: plan.pollIntervalMs, abortSignal },
        ).pollUntilDone(),
    );
    const url = `https://${slot.defaultHostName ?? ''}${plan.healthPath}`;
    const waited = await waitUntilHealthy(
      {
        urls: [url],
        consecutiveSuccesses: 2,
        intervalMs: 1000,
        timeoutMs: 10_000,
        deadlineMs: Math.max(0, plan.timeoutMs - (performance.now() - started)),
        concurrency: 1,
        expectation: { statuses: ['200'], ...(tag && tag !== 'latest' ? { version: tag } : {}) },
      },
      (probeUrl, timeoutMs) => probeOnce({ url: probeUrl, headers: [], timeoutMs, versionField: ['version'] }),
      systemClock,
      log,
    );
    outcome = {
      image,
      elapsedMs: performance.now() - started,
      healthy: waited.ready,
      detail: waited.ready ? `healthy at ${url}` : `not healthy: ${describeLastRound(waited)}`,
    };
  } catch (error) {
    outcome = { image, elapsedMs: performance.now() - started, healthy: false, detail: (error as Error).message };
  }
  try {
    await runPhase({ phase: `delete scratch slot ${plan.slot}`, timeoutMs: plan.timeoutMs, log }, () =>
      deleteSlot(webApps, plan.resourceGroup, plan.appName, plan.slot),
    );
    return { ...outcome, cleanedUp: true };
  } catch (error) {
    return { ...outcome, cleanedUp: false, cleanupError: error };
  }
}
