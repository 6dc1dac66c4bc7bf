import { request } from 'node:http';
import { ArmError, armErrors } from './errors.js';
import type { Latencies } from './latencies.js';
import type { SiteRecord, SlotRecord } from './sites.js';
import { restartIfChanged } from './slot-lifecycle.js';
import { ownSticky, stickyPart, swappablePart } from './slot-settings.js';

const WARM_UP_BUDGET_MS = 3000;
const WARM_UP_RETRY_MS = 200;

export interface SwapDeps {
  latencies: Latencies;
}

function ping(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 2000 }, (answer) => {
      answer.resume();
      resolve(answer.statusCode);
    });
    probe.on('timeout', () => probe.destroy());
    probe.on('error', () => resolve(undefined));
    probe.end();
  });
}

/** App Service's warm-up: ping WEBSITE_SWAP_WARMUP_PING_PATH until an accepted status answers, within a budget. */
async function warmUp(slot: SlotRecord): Promise<boolean> {
  const path = slot.appSettings.WEBSITE_SWAP_WARMUP_PING_PATH || '/';
  const accepted = (slot.appSettings.WEBSITE_SWAP_WARMUP_PING_STATUSES ?? '')
    .split(',')
    .map((status) => Number(status.trim()))
    .filter((status) => Number.isInteger(status) && status > 0);
  const deadline = Date.now() + WARM_UP_BUDGET_MS;
  do {
    const port = slot.runtime.backendPort();
    const status = port === undefined ? undefined : await ping(port, path.startsWith('/') ? path : `/${path}`);
    if (status !== undefined && (accepted.length === 0 || accepted.includes(status))) return true;
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_RETRY_MS));
  } while (Date.now() < deadline);
  return false;
}

/** Swap with preview, phase one: the source takes the target's sticky settings and restarts. */
export async function applySlotConfig(
  site: SiteRecord,
  source: SlotRecord,
  target: SlotRecord,
  deps: SwapDeps,
): Promise<void> {
  source.previewStickyBackup ??= stickyPart(site, source.appSettings);
  source.appSettings = { ...swappablePart(site, source.appSettings), ...ownSticky(site, target) };
  source.targetSwapSlot = target.name;
  await restartIfChanged(source, deps.latencies);
}

/** Cancels a swap with preview: the slot gets its own sticky settings back. */
export async function resetSlotConfig(site: SiteRecord, slot: SlotRecord, deps: SwapDeps): Promise<void> {
  if (slot.previewStickyBackup) {
    slot.appSettings = { ...swappablePart(site, slot.appSettings), ...slot.previewStickyBackup };
    slot.previewStickyBackup = undefined;
  }
  slot.targetSwapSlot = null;
  await restartIfChanged(slot, deps.latencies);
}

/**
 * The swap itself (part C.5): warm the source up under the target's sticky settings, then exchange the
 * running apps, the image and every non-sticky setting. Throws the ArmError the operation fails with;
 * on failure nothing is exchanged and the source gets its own settings back.
 */
export async function swapSlots(
  site: SiteRecord,
  source: SlotRecord,
  target: SlotRecord,
  deps: SwapDeps & { lroFail?: { code: string; message: string } },
): Promise<void> {
  await deps.latencies.wait('swap');
  await applySlotConfig(site, source, target, deps);
  const failure = deps.lroFail
    ? new ArmError(400, deps.lroFail.code, deps.lroFail.message)
    : (await warmUp(source))
      ? undefined
      : armErrors.swapWarmUpFailed(site.name, source.name);
  if (failure) {
    await resetSlotConfig(site, source, deps);
    throw failure;
  }

  const sourceOwnSticky = ownSticky(site, source);
  const targetOwnSticky = ownSticky(site, target);
  const sourceSwappable = swappablePart(site, source.appSettings);
  const targetSwappable = swappablePart(site, target.appSettings);
  const sourceImage = source.siteConfig.linuxFxVersion;

  source.siteConfig = { ...source.siteConfig, linuxFxVersion: target.siteConfig.linuxFxVersion };
  target.siteConfig = { ...target.siteConfig, linuxFxVersion: sourceImage };
  source.appSettings = { ...targetSwappable, ...sourceOwnSticky };
  target.appSettings = { ...sourceSwappable, ...targetOwnSticky };
  [source.runtime, target.runtime] = [target.runtime, source.runtime];

  const status = {
    timestampUtc: new Date().toISOString(),
    sourceSlotName: source.name,
    destinationSlotName: target.name,
  };
  for (const slot of [source, target]) {
    slot.slotSwapStatus = status;
    slot.targetSwapSlot = null;
    slot.previewStickyBackup = undefined;
    slot.lastModifiedTimeUtc = status.timestampUtc;
  }
  // The former target now serves the source slot under the source's sticky settings.
  await restartIfChanged(source, deps.latencies);
}
