import type { WebSiteManagementContext } from '@azure/arm-appservice/api';
import { getConfiguration, getConfigurationSlot } from '@azure/arm-appservice/api/webApps';
import { readArmFailure } from '../azure/arm-call.js';
import { imageOfLinuxFxVersion } from '../blue-green/image-reference.js';
import { PRODUCTION_SLOT } from '../blue-green/slot-operations.js';
import { runningImageUnreadable } from '../errors.js';
import type { ImageTarget } from './image-targets.js';

/** What a target slot runs now. */
export type RunningImage =
  | { target: ImageTarget; state: 'running'; image: string }
  /** The site or the slot does not exist yet: a new environment, or a slot the plan only now has room for. */
  | { target: ImageTarget; state: 'absent' }
  /** It runs something other than one container image (a built-in stack, nothing). */
  | { target: ImageTarget; state: 'not-an-image'; linuxFxVersion: string };

/** `augeo-staging-api`, or `augeo-staging-api/staging` for a slot: how ARM and the what-if name it. */
export const slotLabel = (target: ImageTarget) =>
  target.slot === PRODUCTION_SLOT ? target.site : `${target.site}/${target.slot}`;

/**
 * Reads each target's linuxFxVersion from its web config (ARM's `config/web`, the setting deploys write). A 404 (the
 * resource group, the site or the slot missing) is an environment not provisioned that far yet; any other failure
 * stops the run, since deploying without knowing what runs could put an old image back.
 */
export async function readRunningImages(
  webApps: WebSiteManagementContext,
  targets: ImageTarget[],
): Promise<RunningImage[]> {
  return Promise.all(
    targets.map(async (target): Promise<RunningImage> => {
      let linuxFxVersion: string;
      try {
        const config =
          target.slot === PRODUCTION_SLOT
            ? await getConfiguration(webApps, target.resourceGroup, target.site)
            : await getConfigurationSlot(webApps, target.resourceGroup, target.site, target.slot);
        linuxFxVersion = config.linuxFxVersion ?? '';
      } catch (error) {
        const failure = readArmFailure(error);
        if (failure.status === 404) return { target, state: 'absent' };
        throw runningImageUnreadable(slotLabel(target), failure, error);
      }
      const image = imageOfLinuxFxVersion(linuxFxVersion);
      return image ? { target, state: 'running', image } : { target, state: 'not-an-image', linuxFxVersion };
    }),
  );
}
