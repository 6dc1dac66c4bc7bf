/**
 * The bundled deploy-frontend, run as GitHub runs it, against the emulator (ARM, Entra, GitHub), Azurite for the
 * packages, and Debian's Chromium looking at the deployed page. examples/web is built with Vite by the action.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { startEmulator, type Emulator } from '@augeo/emulator';
import type { Browser } from 'playwright-core';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from './support/azurite.js';
import { launchChromium, readAdminPage } from './support/browser.js';
import { installExampleWeb, REPO_ROOT } from './support/example-web.js';
import { startResetProxy } from './support/reset-proxy.js';
import { runAction, type ActionRun as DistRun } from '../../../test/support/run-action.js';

const runDist = (inputs: Record<string, string>, env: Record<string, string>, event?: object) =>
  runAction('deploy-frontend', inputs, env, { pullRequestEvent: event });

const RESOURCE_GROUP = 'augeo-staging-rg';
const SITE = 'augeo-staging-admin';
const CONTAINER = 'frontend-packages';
const API_VERSION = '1.0.0';

let emulator: Emulator;
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let proxy: Awaited<ReturnType<typeof startResetProxy>>;
let browser: Browser;
let apiUrl: string;

const runnerEnv = () => ({
  ...emulator.env,
  GITHUB_WORKSPACE: REPO_ROOT,
  GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  AUGEO_TEST_STORAGE_ACCOUNT_KEY: AZURITE_KEY,
});

/** A deploy of examples/web, built by the action with this environment's API URL and the given build id. */
const deployInputs = (buildId: string, extra: Record<string, string> = {}) => ({
  'resource-group': RESOURCE_GROUP,
  'static-web-app-name': SITE,
  'app-location': 'examples/web',
  'build-command': 'npm run build',
  'build-env': `VITE_API_BASE_URL=${apiUrl}`,
  'build-id': buildId,
  'package-storage': `${proxy.url}/${AZURITE_ACCOUNT}/${CONTAINER}`,
  'verify-timeout': '30s',
  ...extra,
});

const productionUrl = () => emulator.staticSites.url(SITE, 'default', RESOURCE_GROUP);

async function servedBuildId(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/version.json`);
  return response.ok ? ((await response.json()) as { buildId: string }).buildId : undefined;
}

function expectSuccess(run: DistRun): void {
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
}

/** What ARM changed (anything but reads) in the static site since the journal was cleared. */
const staticSiteWrites = () =>
  emulator
    .journal()
    .filter((entry) => entry.host === 'arm' && /staticSites/i.test(entry.path) && entry.method !== 'GET');

async function packageNames(): Promise<string[]> {
  const container = new BlobServiceClient(
    `${azurite.url}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getContainerClient(CONTAINER);
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names;
}

beforeAll(async () => {
  await installExampleWeb();
  azurite = await startAzurite();
  await new BlobServiceClient(
    `${azurite.url}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).createContainer(CONTAINER);
  proxy = await startResetProxy(new URL(azurite.url));
  emulator = await startEmulator({ caDir: process.env.AUGEO_EMULATOR_CA_DIR });
  apiUrl = emulator.slotUrl('augeo-staging-api', 'production', RESOURCE_GROUP);
  browser = await launchChromium(productionUrl());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
  await proxy?.close();
  await azurite?.stop();
});

describe('deploy-frontend (bundled) against the emulator, Azurite and Chromium', () => {
  it('builds examples/web, deploys it to production, and the page shows its build id and the API version', async () => {
    const run = await runDist(deployInputs('build-1'), runnerEnv());
    expectSuccess(run);
    expect(run.outputs).toEqual({ url: productionUrl(), 'build-id': 'build-1', 'previous-build-id': '' });
    expect(await readAdminPage(browser, run.outputs.url ?? '')).toEqual({
      buildId: 'build-1',
      apiVersion: API_VERSION,
    });
    expect(run.summary).toContain('build-1');
    expect(await packageNames()).toEqual([
      expect.stringMatching(/^augeo-staging-admin\/production\/\d{8}T\d{6}Z-build-1\.zip$/),
    ]);
  });

  it('deploys a PR preview to its own URL without touching production, comments once, and close-preview removes it', async () => {
    const pullRequest = { pull_request: { number: 7 }, number: 7 };
    const preview = { 'environment-name': 'pr-7', 'github-token': 'ghs_test' };
    const first = await runDist(deployInputs('build-pr7-a', preview), runnerEnv(), pullRequest);
    expectSuccess(first);
    const previewUrl = first.outputs.url ?? '';
    expect(previewUrl).not.toBe(productionUrl());
    expect(await readAdminPage(browser, previewUrl)).toEqual({ buildId: 'build-pr7-a', apiVersion: API_VERSION });
    expect(await servedBuildId(productionUrl())).toBe('build-1');

    const second = await runDist(deployInputs('build-pr7-b', preview), runnerEnv(), pullRequest);
    expectSuccess(second);
    expect(second.outputs).toMatchObject({
      url: previewUrl,
      'build-id': 'build-pr7-b',
      'previous-build-id': 'build-pr7-a',
    });
    const comments = (await (
      await fetch(`${emulator.env.GITHUB_API_URL}/repos/augeo/infra/issues/7/comments`, {
        headers: { authorization: 'Bearer ghs_test' },
      })
    ).json()) as { body: string }[];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(previewUrl);
    expect(comments[0]?.body).toContain('build-pr7-b');

    const close = await runDist(
      {
        'resource-group': RESOURCE_GROUP,
        'static-web-app-name': SITE,
        mode: 'close-preview',
        'environment-name': 'pr-7',
      },
      runnerEnv(),
    );
    expectSuccess(close);
    expect(Object.keys(emulator.staticSites.snapshot(SITE).environments)).toEqual(['default']);
    await expect(fetch(`${previewUrl}/version.json`)).rejects.toThrow();
    expect(await servedBuildId(productionUrl())).toBe('build-1');
  });

  it('rollback redeploys the previous package and the page shows the previous build id again', async () => {
    expectSuccess(await runDist(deployInputs('build-2'), runnerEnv()));
    expect((await readAdminPage(browser, productionUrl())).buildId).toBe('build-2');

    const rollback = await runDist(
      {
        'resource-group': RESOURCE_GROUP,
        'static-web-app-name': SITE,
        mode: 'rollback',
        'package-storage': `${proxy.url}/${AZURITE_ACCOUNT}/${CONTAINER}`,
      },
      runnerEnv(),
    );
    expectSuccess(rollback);
    expect(rollback.outputs).toMatchObject({ 'build-id': 'build-1', 'previous-build-id': 'build-2' });
    expect(await readAdminPage(browser, productionUrl())).toEqual({ buildId: 'build-1', apiVersion: API_VERSION });
  });

  it('retries a storage upload whose connection is reset', async () => {
    proxy.resetNext(1);
    const run = await runDist(deployInputs('build-3'), runnerEnv());
    expectSuccess(run);
    expect(proxy.resets).toBe(1);
    expect(run.stdout).toMatch(/Upload of package .*build-3\.zip failed .*retrying/);
    expect(await servedBuildId(productionUrl())).toBe('build-3');
  });

  it('fails clearly when the zip deployment fails in Azure, and production keeps serving the old build', async () => {
    emulator.injectFault({
      method: 'POST',
      path: '/staticSites/[^/]+/zipdeploy$',
      host: 'arm',
      lroFail: { code: 'ContentDeploymentFailed', message: 'The content server rejected the upload.' },
    });
    const run = await runDist(deployInputs('build-4'), runnerEnv());
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /Deploying build build-4 to production of augeo-staging-admin failed: .*ContentDeploymentFailed/,
    );
    expect(run.errors.join('\n')).toContain('production of augeo-staging-admin still serves build build-3');
    expect(await servedBuildId(productionUrl())).toBe('build-3');
  });

  it('fails at the verify deadline when the site never serves the new build, and says what it serves', async () => {
    emulator.staticSites.holdContent({ site: SITE });
    try {
      const run = await runDist(deployInputs('build-5', { 'verify-timeout': '3s' }), runnerEnv());
      expect(run.exitCode).toBe(1);
      expect(run.errors.join('\n')).toMatch(/did not serve build build-5 within 3s .*Last seen: build build-3/);
      expect(run.outputs['build-id']).toBe('build-5');
    } finally {
      emulator.clearFaults();
    }
  });

  describe('bad inputs fail with a clear message and deploy nothing', () => {
    let emptyWorkspace: string;
    beforeAll(async () => {
      emptyWorkspace = await mkdtemp(join(tmpdir(), 'deploy-frontend-empty-'));
      await mkdir(join(emptyWorkspace, 'dist'));
    });
    afterAll(() => rm(emptyWorkspace, { recursive: true, force: true }));

    const cases: [string, Record<string, string>, Record<string, string>, RegExp][] = [
      [
        'a missing build output',
        { 'build-command': '', 'output-location': 'no-such-output' },
        {},
        /build output folder '.*no-such-output' does not exist/,
      ],
      [
        'an empty dist',
        { 'build-command': '', 'app-location': '.' },
        { GITHUB_WORKSPACE: '' },
        /build output folder '.*dist' is empty/,
      ],
      [
        'an unknown site',
        { 'static-web-app-name': 'augeo-staging-nope' },
        {},
        /Static Web App 'augeo-staging-nope' in resource group 'augeo-staging-rg' was not found/,
      ],
      [
        'an environment name with a space',
        { 'environment-name': 'PR 7' },
        {},
        /Input 'environment-name' is invalid: got 'PR 7'/,
      ],
      [
        'production named as a preview',
        { 'environment-name': 'default' },
        {},
        /Input 'environment-name' is invalid: got 'default'.*leave it empty/,
      ],
    ];
    it.each(cases)('%s', async (_name, inputs, env, message) => {
      const packagesBefore = await packageNames();
      const servedBefore = await servedBuildId(productionUrl());
      emulator.clearJournal();
      const run = await runDist(deployInputs('build-bad', inputs), {
        ...runnerEnv(),
        ...(env.GITHUB_WORKSPACE === '' ? { GITHUB_WORKSPACE: emptyWorkspace } : env),
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors.join('\n')).toMatch(message);
      expect(staticSiteWrites()).toEqual([]);
      expect(await packageNames()).toEqual(packagesBefore);
      expect(await servedBuildId(productionUrl())).toBe(servedBefore);
    });
  });
});
