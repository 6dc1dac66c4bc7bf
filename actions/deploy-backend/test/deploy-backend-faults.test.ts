/**
 * deploy-backend under faults: a release that fails only in production, ARM throttling and outages, a swap
 * that fails or outlives its deadline. Each run is the bundled action against the emulator.
 */
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

const SITES = {
  postSwap: 'bg-postswap-api',
  arm: 'bg-armfaults-api',
  lroFail: 'bg-lrofail-api',
  slowSwap: 'bg-slowswap-api',
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startBlueGreenEmulator(
    Object.values(SITES).map((name) => ({ name, production: 'augeo/api:1.0.0', staging: 'augeo/api:1.0.0' })),
  );
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

const deploy = (site: string, image: string, extra: Record<string, string> = {}) =>
  runAction(
    'deploy-backend',
    { 'resource-group': RESOURCE_GROUP, 'app-name': site, image, ...FAST_GATE, ...extra },
    runnerEnv(emulator),
  );
const productionUrl = (site: string) => emulator.slotUrl(site, 'production', RESOURCE_GROUP);
const swapsOf = (site: string) =>
  armWrites(emulator.journal()).filter(
    (entry) => entry.path.includes(`/sites/${site}/`) && /slotsswap$/i.test(entry.path),
  );

describe('deploy-backend: production fails after the swap', () => {
  it('swaps back, verifies production serves the previous version, result rolled-back, exit 1', async () => {
    // The release answers 500 on production's front only (as if it broke against production's database):
    // healthy in the slot, unhealthy once it is production.
    emulator.injectFrontFault({
      site: SITES.postSwap,
      slot: 'production',
      image: 'augeo/api:1.2.0',
      path: '^/healthz$',
      status: 500,
    });
    const run = await deploy(SITES.postSwap, 'augeo/api:1.2.0');
    emulator.clearFaults();

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      result: 'rolled-back',
      'rolled-back': 'true',
      'previous-image': 'augeo/api:1.0.0',
      'deployed-image': 'augeo/api:1.0.0',
      'production-version': '1.0.0',
    });
    expect(await servedVersion(productionUrl(SITES.postSwap))).toBe('1.0.0');
    expect(swapsOf(SITES.postSwap)).toHaveLength(2);
    const error = run.errors.join('\n');
    expect(error).toContain('augeo/api:1.2.0 failed its health gate in production, so it was swapped back.');
    expect(error).toContain('Production serves augeo/api:1.0.0 (reports 1.0.0) again (verified)');
    expect(error).toMatch(/status 500/);
    expect(run.summary).toContain('↩️ rolled back');
    expect(run.summary).toMatch(/\| production after swap \| .*❌ unhealthy \(stopped early\) \|/);
    expect(run.summary).toMatch(/\| production after swap back \| .*\| 1\.0\.0 \| ✅ healthy \|/);
    expect(run.summary).toMatch(/swap back staging → production :done/);
  }, 90_000);
});

describe('deploy-backend: transient ARM faults', () => {
  it('retries 429 with Retry-After, 503, and a dropped connection while polling the swap, and deploys', async () => {
    const site = `/sites/${SITES.arm}`;
    emulator.injectFault({ host: 'arm', method: 'GET', path: `${site}/slots/staging$`, status: 429, retryAfter: 1 });
    emulator.injectFault({
      host: 'arm',
      method: 'PUT',
      path: `${site}/slots/staging/config/appsettings$`,
      status: 503,
    });
    emulator.injectFault({ host: 'arm', method: 'PATCH', path: `${site}/slots/staging/config/web$`, status: 503 });
    emulator.injectFault({ host: 'arm', method: 'GET', path: `${site}/operationresults/`, reset: true });
    emulator.setLatency('swap', 300);
    const run = await deploy(SITES.arm, 'augeo/api:1.4.0', { 'app-settings': 'MODE=blue' });
    emulator.setLatency('swap', 50);

    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'deployed-image': 'augeo/api:1.4.0' });
    expect(await servedVersion(productionUrl(SITES.arm))).toBe('1.4.0');
    const faulted = emulator.journal().filter((entry) => entry.path.includes(site) && entry.faultId);
    expect(faulted.map((entry) => entry.status).sort()).toEqual([0, 429, 503, 503]);
    expect(run.stdout).toMatch(/ARM answered 429 .*Retry-After: 1s/);
    expect(swapsOf(SITES.arm)).toHaveLength(1);
  }, 90_000);
});

describe('deploy-backend: the swap itself fails', () => {
  it('an LRO that ends Failed: reads both slots, reports production unchanged, result failed', async () => {
    emulator.injectFault({
      host: 'arm',
      method: 'POST',
      path: `/sites/${SITES.lroFail}/slots/staging/slotsswap$`,
      lroFail: { code: 'InternalServerError', message: 'The swap failed on a worker.' },
    });
    const run = await deploy(SITES.lroFail, 'augeo/api:1.5.0');

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      result: 'failed',
      'deployed-image': 'augeo/api:1.0.0',
      'production-version': '1.0.0',
      'rolled-back': 'false',
    });
    expect(run.errors.join('\n')).toContain(
      'The swap staging → production failed and nothing was swapped: production serves augeo/api:1.0.0 (reports 1.0.0).',
    );
    expect(run.errors.join('\n')).toContain('The swap failed on a worker.');
    expect(await servedVersion(productionUrl(SITES.lroFail))).toBe('1.0.0');
  }, 90_000);

  it('a swap that outlives swap-timeout: says loudly that Azure is still swapping, and what production serves now', async () => {
    emulator.setLatency('swap', 3000);
    const run = await deploy(SITES.slowSwap, 'augeo/api:1.6.0', { 'swap-timeout': '1s' });
    emulator.setLatency('swap', 50);

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      result: 'failed',
      'deployed-image': 'augeo/api:1.0.0',
      'rolled-back': 'false',
    });
    expect(run.errors.join('\n')).toContain(
      'SWAP STILL RUNNING: staging → production did not finish within 1s and Azure is still running it. Right now production serves augeo/api:1.0.0 (reports 1.0.0)',
    );
    expect(run.summary).toContain('> [!WARNING]');

    // Azure finishes; a re-run of the same deploy sees the finished swap and verifies instead of swapping again.
    await waitFor(async () => (await servedVersion(productionUrl(SITES.slowSwap))) === '1.6.0', 15_000);
    const rerun = await deploy(SITES.slowSwap, 'augeo/api:1.6.0');
    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs).toMatchObject({ result: 'deployed', 'deployed-image': 'augeo/api:1.6.0' });
    expect(swapsOf(SITES.slowSwap)).toHaveLength(1);
  }, 90_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
