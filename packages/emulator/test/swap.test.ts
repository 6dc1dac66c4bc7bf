import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  applySlotConfigurationSlot,
  resetSlotConfigurationSlot,
  restartSlot,
  swapSlot,
  updateConfigurationSlot,
} from '@azure/arm-appservice/api/webApps';
import type { Emulator } from '../src/index.js';
import { armContextFor } from './support/arm-context.js';
import {
  eventually,
  fetchSlot,
  silenceWorkflowCommands,
  STAGING_CLIENT,
  startTestEmulator,
} from './support/test-emulator.js';

const RG = 'shop-staging-rg';
const SITE = 'shop-staging-api';
const POLL = { updateIntervalInMs: 20 };
const TO_PRODUCTION = { targetSlot: 'production', preserveVnet: true };

describe('slot swap and slot apps', () => {
  let emulator: Emulator;
  let arm: ReturnType<typeof armContextFor>;
  /** What the slot serves: its JSON body, or `{status}` while the front has no app to route to. */
  const served = async (slot: string, path: string) => {
    const answer = await fetchSlot(emulator.slotUrl(SITE, slot), path);
    return (answer.status === 200 ? JSON.parse(answer.body) : { status: answer.status }) as Record<string, string>;
  };
  const version = async (slot: string) => (await served(slot, '/version')).version ?? 'unavailable';
  const env = (slot: string) => served(slot, '/env');
  const setImage = async (slot: string, image: string) => {
    await updateConfigurationSlot(arm, RG, SITE, slot, { linuxFxVersion: `DOCKER|${image}` });
  };

  beforeAll(async () => {
    silenceWorkflowCommands();
    emulator = await startTestEmulator();
    arm = armContextFor(emulator, STAGING_CLIENT);
  });
  afterAll(() => emulator?.stop());

  it('swaps through LRO polling: routing and non-sticky settings move, sticky settings stay', async () => {
    expect([await version('production'), await version('staging')]).toEqual(['1.0.0', '2.0.0']);
    emulator.setLatency('swap', 300);
    emulator.clearJournal();
    await swapSlot(arm, RG, SITE, 'staging', TO_PRODUCTION, POLL).pollUntilDone();
    emulator.setLatency('swap', 20);

    expect([await version('production'), await version('staging')]).toEqual(['2.0.0', '1.0.0']);
    expect(await env('production')).toEqual({ SLOT_NAME: 'production', FEATURE: 'staging-feature' });
    expect(await env('staging')).toEqual({ SLOT_NAME: 'staging', FEATURE: 'production-feature' });
    const state = emulator.site(RG, SITE);
    expect(state?.slots.production?.siteConfig.linuxFxVersion).toBe('DOCKER|test/app:2.0.0');
    expect(state?.slots.production?.slotSwapStatus).toMatchObject({
      sourceSlotName: 'staging',
      destinationSlotName: 'production',
    });

    const polls = emulator.journal().filter((entry) => entry.path.includes('/operationresults/'));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.map((entry) => entry.status).slice(-2)).toEqual([202, 200]);
  });

  it('refuses a second swap while one runs, naming the operation', async () => {
    emulator.setLatency('swap', 500);
    const first = swapSlot(arm, RG, SITE, 'staging', TO_PRODUCTION, POLL);
    await first.submitted();
    try {
      await expect(swapSlot(arm, RG, SITE, 'staging', TO_PRODUCTION, POLL).pollUntilDone()).rejects.toMatchObject({
        statusCode: 409,
        message: expect.stringContaining('OperationName: SwapSiteSlots'),
      });
    } finally {
      await first.pollUntilDone();
      emulator.setLatency('swap', 20);
    }
    expect([await version('production'), await version('staging')]).toEqual(['1.0.0', '2.0.0']);
  });

  it('fails the swap when warm-up gets a status outside WEBSITE_SWAP_WARMUP_PING_STATUSES, and swaps nothing', async () => {
    await setImage('staging', 'test/app:3.0.0-unhealthy');
    await eventually(
      () => version('staging'),
      (current) => current === '3.0.0-unhealthy',
    );
    await expect(swapSlot(arm, RG, SITE, 'staging', TO_PRODUCTION, POLL).pollUntilDone()).rejects.toMatchObject({
      statusCode: 417,
      message: expect.stringContaining("because the 'staging' slot did not respond to http ping"),
    });
    expect([await version('production'), await version('staging')]).toEqual(['1.0.0', '3.0.0-unhealthy']);
    expect(await env('staging')).toMatchObject({ SLOT_NAME: 'staging' });
  });

  it('ends the LRO Failed when an lroFail fault is armed, and swaps nothing', async () => {
    await setImage('staging', 'test/app:3.1.0');
    await eventually(
      () => version('staging'),
      (current) => current === '3.1.0',
    );
    emulator.injectFault({
      method: 'POST',
      path: '/slots/staging/slotsswap$',
      lroFail: { code: 'InternalError', message: 'The swap broke on purpose.' },
    });
    await expect(swapSlot(arm, RG, SITE, 'staging', TO_PRODUCTION, POLL).pollUntilDone()).rejects.toMatchObject({
      code: 'InternalError',
      message: 'The swap broke on purpose.',
    });
    expect([await version('production'), await version('staging')]).toEqual(['1.0.0', '3.1.0']);
  });

  it("swaps with preview: apply gives the source the target's sticky settings, reset gives them back", async () => {
    await applySlotConfigurationSlot(arm, RG, SITE, 'staging', TO_PRODUCTION);
    expect(emulator.site(RG, SITE)?.slots.staging?.targetSwapSlot).toBe('production');
    expect(
      await eventually(
        () => env('staging'),
        (current) => current.SLOT_NAME === 'production',
      ),
    ).toMatchObject({ SLOT_NAME: 'production' });
    await resetSlotConfigurationSlot(arm, RG, SITE, 'staging');
    expect(emulator.site(RG, SITE)?.slots.staging?.targetSwapSlot).toBeNull();
    expect(
      await eventually(
        () => env('staging'),
        (current) => current.SLOT_NAME === 'staging',
      ),
    ).toMatchObject({ SLOT_NAME: 'staging' });
  });

  it('answers 503 for an image the catalogue cannot run, and serves the app after a fix and a restart', async () => {
    await setImage('staging', 'ghcr.io/acme/unknown:9.9.9');
    const app = await eventually(
      async () => emulator.site(RG, SITE)?.slots.staging?.app,
      (current) => current?.status === 'Failed',
    );
    expect(app?.detail).toContain('ghcr.io/acme/unknown:9.9.9');
    const failed = await fetchSlot(emulator.slotUrl(SITE, 'staging'), '/version');
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('Application Error');

    await setImage('staging', 'test/app:4.0.0');
    await restartSlot(arm, RG, SITE, 'staging');
    expect(await version('staging')).toBe('4.0.0');
  });

  it('answers 503 when the process behind a slot has exited', async () => {
    const appPid = Number(JSON.parse((await fetchSlot(emulator.slotUrl(SITE, 'staging'), '/pid')).body).pid);
    process.kill(appPid, 'SIGKILL');
    const app = await eventually(
      async () => emulator.site(RG, SITE)?.slots.staging?.app,
      (current) => current?.status === 'Failed',
    );
    expect(app?.detail).toContain('exited');
    expect((await fetchSlot(emulator.slotUrl(SITE, 'staging'), '/version')).status).toBe(503);
  });
});
