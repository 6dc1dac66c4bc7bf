/**
 * The bundled deploy-backend, run as GitHub runs it, against the emulator: real @azure/identity and
 * @azure/arm-appservice clients, the real Octokit, and the example FastAPI app in every slot.
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
import { runAction, tokensIn, unmaskedSecrets } from '../../../test/support/run-action.js';

const SITES = {
  good: 'bg-good-api',
  crash: 'bg-crash-api',
  unhealthy: 'bg-unhealthy-api',
  wrongVersion: 'bg-wrongversion-api',
  stageOnly: 'bg-stage-only-api',
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

const deploy = (site: string, image: string, extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  runAction(
    'deploy-backend',
    { 'resource-group': RESOURCE_GROUP, 'app-name': site, image, ...FAST_GATE, ...extra },
    runnerEnv(emulator, env),
  );
const productionUrl = (site: string) => emulator.slotUrl(site, 'production', RESOURCE_GROUP);
const swapsOf = (site: string) =>
  armWrites(emulator.journal()).filter(
    (entry) => entry.path.includes(`/sites/${site}/`) && /slotsswap$/i.test(entry.path),
  );

describe('deploy-backend: a good release', () => {
  it('stages, verifies, swaps, verifies production, and records the deployment', async () => {
    const token = 'ghs_fakeTokenForTheEmulator0123456789';
    const run = await deploy(SITES.good, 'augeo/api:1.1.0', {
      'github-token': token,
      'app-settings':
        'FEATURE_FLAG: "on"\nDB_PASSWORD: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)"',
    });

    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'deployed',
      'previous-image': 'augeo/api:1.0.0',
      'deployed-image': 'augeo/api:1.1.0',
      'production-version': '1.1.0',
      'rolled-back': 'false',
      'production-url': productionUrl(SITES.good),
      'slot-url': emulator.slotUrl(SITES.good, 'staging', RESOURCE_GROUP),
    });
    expect(await servedVersion(productionUrl(SITES.good))).toBe('1.1.0');
    expect(await servedVersion(emulator.slotUrl(SITES.good, 'staging', RESOURCE_GROUP))).toBe('1.0.0');
    expect(swapsOf(SITES.good)).toHaveLength(1);

    const site = emulator.site(RESOURCE_GROUP, SITES.good);
    // The Key Vault reference travelled untouched, and the lock was released.
    expect(site?.slots.production?.appSettings.DB_PASSWORD).toBe(
      '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)',
    );
    expect(site?.slots.production?.appSettings.FEATURE_FLAG).toBe('on');
    expect(site?.tags['augeo-deploy-lock']).toBeUndefined();

    expect(run.summary).toContain('### deploy-backend: ✅ deployed');
    expect(run.summary).toContain('| Phase | Started at | Duration | Outcome | Note |');
    expect(run.summary).toContain('```mermaid\ngantt');
    expect(run.summary).toMatch(/\| production after swap \| .* \| ✅ healthy \|/);
    expect(run.summary).toContain('**Production serves now:** `augeo/api:1.1.0 (reports 1.1.0)`');

    const deployments = (await (
      await fetch(`${emulator.env.GITHUB_API_URL}/repos/${emulator.env.GITHUB_REPOSITORY}/deployments`, {
        headers: { authorization: 'token x' },
      })
    ).json()) as { id: number; environment: string; payload: { image?: string } }[];
    const recorded = deployments.find((deployment) => deployment.payload.image === 'augeo/api:1.1.0');
    expect(recorded?.environment).toBe('production');
    const statuses = (await (
      await fetch(
        `${emulator.env.GITHUB_API_URL}/repos/${emulator.env.GITHUB_REPOSITORY}/deployments/${recorded?.id}/statuses`,
        {
          headers: { authorization: 'token x' },
        },
      )
    ).json()) as { state: string; environment_url?: string }[];
    expect(statuses.map((status) => status.state).sort()).toEqual(['in_progress', 'success']);
    expect(statuses.find((status) => status.state === 'success')?.environment_url).toBe(productionUrl(SITES.good));

    const secrets = [token, emulator.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '', ...tokensIn(run.stdout)];
    expect(tokensIn(run.stdout).length).toBeGreaterThanOrEqual(1);
    expect(unmaskedSecrets(run.stdout, secrets)).toEqual([]);
    expect(run.stdout).not.toContain(emulator.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  }, 90_000);

  it('a re-run after the swap verifies production instead of deploying again', async () => {
    const writesBefore = armWrites(emulator.journal()).length;
    const run = await deploy(SITES.good, 'augeo/api:1.1.0');

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'deployed-image': 'augeo/api:1.1.0' });
    expect(swapsOf(SITES.good)).toHaveLength(1);
    // Only the lock was written (taken and released): nothing in the app changed.
    const writes = armWrites(emulator.journal()).slice(writesBefore);
    expect(writes.every((entry) => /Microsoft\.Resources\/tags\/default$/.test(entry.path))).toBe(true);
  }, 60_000);
});

describe('deploy-backend: the slot never becomes healthy', () => {
  it.each([
    ['crash', SITES.crash, 'augeo/api:1.1.0-crash', /not healthy within the deadline/],
    [
      'unhealthy',
      SITES.unhealthy,
      'augeo/api:1.1.0-unhealthy',
      /not healthy within the deadline; last seen: .*status 503/,
    ],
    [
      'version mismatch',
      SITES.wrongVersion,
      'augeo/api:1.1.0-wrongversion',
      /version '0\.0\.0' \(expected '1\.1\.0-wrongversion'\)/,
    ],
  ])(
    '%s: no swap, production untouched, failed-before-swap',
    async (_, site, image, why) => {
      const run = await deploy(site, image, { deadline: '3s' });

      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({
        result: 'failed-before-swap',
        'previous-image': 'augeo/api:1.0.0',
        'deployed-image': 'augeo/api:1.0.0',
        'production-version': '1.0.0',
        'rolled-back': 'false',
      });
      expect(run.errors.join('\n')).toContain(
        `Slot 'staging' with ${image} did not pass its health gate, so nothing was swapped.`,
      );
      expect(run.errors.join('\n')).toMatch(why);
      expect(swapsOf(site)).toEqual([]);
      expect(await servedVersion(productionUrl(site))).toBe('1.0.0');
      expect(run.summary).toContain('❌ failed before swap (production untouched)');
    },
    60_000,
  );
});

describe('deploy-backend: swap false', () => {
  it('stages and verifies the slot, and leaves production alone', async () => {
    const run = await deploy(SITES.stageOnly, 'augeo/api:1.3.0', { swap: 'false' });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'staged', 'deployed-image': 'augeo/api:1.0.0' });
    expect(await servedVersion(emulator.slotUrl(SITES.stageOnly, 'staging', RESOURCE_GROUP))).toBe('1.3.0');
    expect(await servedVersion(productionUrl(SITES.stageOnly))).toBe('1.0.0');
    expect(swapsOf(SITES.stageOnly)).toEqual([]);
  }, 60_000);
});
