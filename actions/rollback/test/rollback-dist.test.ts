/** The bundled rollback against the emulator: `to: previous` after a deploy, verified; refused when unverifiable; `to: <image>`. */
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

const SITE = 'bg-rollback-api';
const BROKEN_SLOT = 'bg-rollback-broken-api';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startBlueGreenEmulator([
    { name: SITE, production: 'augeo/api:1.0.0', staging: 'augeo/api:1.0.0' },
    { name: BROKEN_SLOT, production: 'augeo/api:2.0.0', staging: 'augeo/api:1.9.0-wrongversion' },
  ]);
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

const productionUrl = (site: string) => emulator.slotUrl(site, 'production', RESOURCE_GROUP);

describe('rollback', () => {
  it('to: previous swaps the previous release back after a deploy, verified by the version it reports', async () => {
    const deploy = await runAction(
      'deploy-backend',
      { 'resource-group': RESOURCE_GROUP, 'app-name': SITE, image: 'augeo/api:1.1.0', ...FAST_GATE },
      runnerEnv(emulator),
    );
    expect(deploy.outputs.result).toBe('deployed');

    const run = await runAction(
      'rollback',
      { 'resource-group': RESOURCE_GROUP, 'app-name': SITE, reason: 'error budget burnt at 3 a.m.', ...FAST_GATE },
      runnerEnv(emulator),
    );
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({
      result: 'rolled-back',
      'production-image': 'augeo/api:1.0.0',
      'production-version': '1.0.0',
    });
    expect(await servedVersion(productionUrl(SITE))).toBe('1.0.0');
    expect(run.summary).toContain('Reason given: error budget burnt at 3 a.m.');
  }, 90_000);

  it('to: previous refuses a slot whose app does not report the version of its image, and swaps nothing', async () => {
    const run = await runAction(
      'rollback',
      { 'resource-group': RESOURCE_GROUP, 'app-name': BROKEN_SLOT, ...FAST_GATE },
      runnerEnv(emulator),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toContain(
      "Not rolling back: the 'staging' slot cannot be verified as the previous release: it runs augeo/api:1.9.0-wrongversion but reports version '0.0.0', not '1.9.0-wrongversion'.",
    );
    expect(run.outputs).toMatchObject({
      result: 'failed',
      'production-image': 'augeo/api:2.0.0',
      'production-version': '2.0.0',
    });
    expect(
      armWrites(emulator.journal()).filter((entry) => entry.path.includes(BROKEN_SLOT) && /slotsswap/.test(entry.path)),
    ).toEqual([]);
  }, 60_000);

  it('to: <image> stages the known-good image, verifies it and swaps it in', async () => {
    const run = await runAction(
      'rollback',
      { 'resource-group': RESOURCE_GROUP, 'app-name': BROKEN_SLOT, to: 'augeo/api:1.8.0', ...FAST_GATE },
      runnerEnv(emulator),
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs).toEqual({
      result: 'rolled-back',
      'production-image': 'augeo/api:1.8.0',
      'production-version': '1.8.0',
    });
    expect(await servedVersion(productionUrl(BROKEN_SLOT))).toBe('1.8.0');
  }, 90_000);
});
