/** The bundled swap-slots against the emulator: plain swap with verification, re-run safety, preview and reset. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Emulator } from '@augeo/emulator';
import {
  armWrites,
  FAST_GATE,
  RESOURCE_GROUP,
  runnerEnv,
  servedVersion,
  startBlueGreenEmulator,
} from '../../../test/support/blue-green-emulator.js';
import { runAction } from '../../../test/support/run-action.js';

const SITE = 'bg-swap-api';
const PREVIEW = 'bg-preview-api';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startBlueGreenEmulator([
    { name: SITE, production: 'augeo/api:1.0.0', staging: 'augeo/api:1.1.0' },
    { name: PREVIEW, production: 'augeo/api:1.0.0', staging: 'augeo/api:1.1.0' },
  ]);
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

const swapsOf = (site: string) =>
  armWrites(emulator.journal()).filter(
    (entry) => entry.path.includes(`/sites/${site}/`) && /slotsswap$/i.test(entry.path),
  );

describe('swap-slots', () => {
  it('swaps, verifies the target, reports both slots; a re-run of the same workflow run does not swap again', async () => {
    const env = runnerEnv(emulator);
    const inputs = { 'resource-group': RESOURCE_GROUP, 'app-name': SITE, verify: 'true', ...FAST_GATE };
    const run = await runAction('swap-slots', inputs, env);

    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      result: 'swapped',
      'target-image': 'augeo/api:1.1.0',
      'target-version': '1.1.0',
      'source-image': 'augeo/api:1.0.0',
      'source-version': '1.0.0',
    });
    expect(await servedVersion(emulator.slotUrl(SITE, 'production', RESOURCE_GROUP))).toBe('1.1.0');

    const rerun = await runAction('swap-slots', inputs, { ...env, GITHUB_RUN_ATTEMPT: '2' });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs).toMatchObject({ result: 'already-swapped', 'target-image': 'augeo/api:1.1.0' });
    expect(swapsOf(SITE)).toHaveLength(1);
    expect(rerun.summary).toContain('✅ already swapped');
  }, 90_000);

  it('preview applies production settings to the slot and stops; reset restores them', async () => {
    const inputs = { 'resource-group': RESOURCE_GROUP, 'app-name': PREVIEW };
    const preview = await runAction(
      'swap-slots',
      { ...inputs, mode: 'preview', verify: 'true', ...FAST_GATE },
      runnerEnv(emulator),
    );
    expect(preview.errors).toEqual([]);
    expect(preview.outputs.result).toBe('previewed');
    expect(emulator.site(RESOURCE_GROUP, PREVIEW)?.slots.staging?.appSettings.SLOT_NAME).toBe('production');
    expect(swapsOf(PREVIEW)).toEqual([]);

    const reset = await runAction('swap-slots', { ...inputs, mode: 'reset' }, runnerEnv(emulator));
    expect(reset.outputs.result).toBe('reset');
    expect(emulator.site(RESOURCE_GROUP, PREVIEW)?.slots.staging?.appSettings.SLOT_NAME).toBe('staging');
    expect(await servedVersion(emulator.slotUrl(PREVIEW, 'production', RESOURCE_GROUP))).toBe('1.0.0');
  }, 90_000);
});
