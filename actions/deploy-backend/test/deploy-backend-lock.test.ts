/** Two deploys of one app at once: the site-tag lease keeps their swaps apart, or refuses with who holds it. */
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

const SITE = 'bg-lock-api';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startBlueGreenEmulator([{ name: SITE, production: 'augeo/api:1.0.0', staging: 'augeo/api:1.0.0' }]);
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

const deploy = (image: string, extra: Record<string, string> = {}) =>
  runAction(
    'deploy-backend',
    { 'resource-group': RESOURCE_GROUP, 'app-name': SITE, image, ...FAST_GATE, ...extra },
    runnerEnv(emulator),
  );

/** The stage and swap writes to the site, in journal order. */
function runsOfSwaps(): string[] {
  return armWrites(emulator.journal())
    .filter((entry) => /slotsswap$|\/restart$|config\/web$/i.test(entry.path))
    .map((entry) => entry.path.split('/').pop() ?? '');
}

describe('deploy-backend: two deploys of the same app', () => {
  it('the second waits for the first; their stage-and-swap sequences never interleave', async () => {
    const [first, second] = await Promise.all([deploy('augeo/api:2.0.0'), deploy('augeo/api:2.1.0')]);

    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    const waited = [first, second].filter((run) => /holds the deploy lock since .*; waiting/.test(run.stdout));
    expect(waited).toHaveLength(1);
    // stage (web config) → swap, then the same again: never two stages before a swap.
    expect(runsOfSwaps()).toEqual(['web', 'slotsswap', 'web', 'slotsswap']);
    const last = waited[0] === first ? first : second;
    expect(await servedVersion(emulator.slotUrl(SITE, 'production', RESOURCE_GROUP))).toBe(
      last.outputs['production-version'],
    );
    expect(last.outputs['previous-image']).toBe(waited[0] === first ? 'augeo/api:2.1.0' : 'augeo/api:2.0.0');
  }, 120_000);

  it('with lock-wait 0s the second refuses at once, naming the run that holds the lock', async () => {
    const first = deploy('augeo/api:3.0.0');
    const deadline = Date.now() + 20_000;
    while (!emulator.site(RESOURCE_GROUP, SITE)?.tags['augeo-deploy-lock'] && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = await deploy('augeo/api:3.1.0', { 'lock-wait': '0s' });
    const firstRun = await first;

    expect(firstRun.exitCode).toBe(0);
    expect(second.exitCode).toBe(1);
    expect(second.errors[0]).toMatch(
      /^Refusing to deploy bg-lock-api: deploy-backend augeo\/api:3\.0\.0 by augeo\/infra run \d+ attempt 1 \(deploy\) holds the deploy lock since \S+ \(lease until \S+\)\. Waited 0ms \(lock-wait\)/,
    );
    expect(second.stdout).not.toMatch(/Set the image|slotsswap/);
    expect(await servedVersion(emulator.slotUrl(SITE, 'production', RESOURCE_GROUP))).toBe('3.0.0');
  }, 120_000);
});
