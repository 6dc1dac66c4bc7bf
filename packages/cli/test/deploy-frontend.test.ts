/**
 * deploy-frontend as the bundled action and as `augeo deploy-frontend`, each against its own emulator (twin worlds:
 * the same Static Web App) and its own container of one Azurite: examples/web built with Vite by each, deployed,
 * served. Only the package container differs between the two runs' inputs, so their packages cannot mix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { startEmulator, type Emulator } from '@augeo/emulator';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../../../actions/deploy-frontend/test/support/azurite.js';
import { installExampleWeb, REPO_ROOT } from '../../../actions/deploy-frontend/test/support/example-web.js';
import { runAction } from '../../../test/support/run-action.js';
import { Cli, flags } from './support/run-cli.js';

const RESOURCE_GROUP = 'augeo-staging-rg';
const SITE = 'augeo-staging-admin';
const CONTAINERS = { action: 'packages-by-action', cli: 'packages-by-cli' };

let emulators: { action: Emulator; cli: Emulator };
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let cli: Cli;
const storage = () =>
  new BlobServiceClient(
    `${azurite.url}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  );

beforeAll(async () => {
  const caDir = process.env.AUGEO_EMULATOR_CA_DIR;
  let action: Emulator;
  let terminal: Emulator;
  [action, terminal, azurite, cli] = await Promise.all([
    startEmulator({ caDir }),
    startEmulator({ caDir }),
    startAzurite(),
    Cli.build(),
    installExampleWeb(),
  ]);
  emulators = { action, cli: terminal };
  await Promise.all(Object.values(CONTAINERS).map((name) => storage().createContainer(name)));
}, 180_000);
afterAll(async () => {
  await emulators?.action.stop();
  await emulators?.cli.stop();
  await azurite?.stop();
  await cli?.remove();
});

const inputs = (container: string) => ({
  'resource-group': RESOURCE_GROUP,
  'static-web-app-name': SITE,
  'app-location': 'examples/web',
  'build-command': 'npm run build',
  'build-env': 'VITE_API_BASE_URL=https://api.staging.example.invalid',
  'build-id': 'side-by-side-1',
  'package-storage': `${azurite.url}/${AZURITE_ACCOUNT}/${container}`,
  'verify-timeout': '30s',
});
const storageKey = { AUGEO_TEST_STORAGE_ACCOUNT_KEY: AZURITE_KEY };

async function packagesIn(container: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of storage().getContainerClient(container).listBlobsFlat()) names.push(blob.name);
  return names.map((name) => name.replace(/\d{8}T\d{6}Z/, '<time>'));
}

async function servedBuildId(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/version.json`);
  return response.ok ? ((await response.json()) as { buildId: string }).buildId : undefined;
}

describe('deploy-frontend: augeo and the bundled action', () => {
  it('builds, deploys and verifies the same build: the same outputs, served build and kept package', async () => {
    // One after the other: both build into examples/web/dist.
    const action = await runAction('deploy-frontend', inputs(CONTAINERS.action), {
      ...emulators.action.env,
      ...storageKey,
      GITHUB_WORKSPACE: REPO_ROOT,
    });
    const terminal = await cli.run(['deploy-frontend', ...flags(inputs(CONTAINERS.cli)), '--json'], {
      envFile: emulators.cli.env,
      env: storageKey,
      cwd: REPO_ROOT,
    });
    expect(action.errors).toEqual([]);
    expect([action.exitCode, terminal.exitCode]).toEqual([0, 0]);
    const production = {
      action: emulators.action.staticSites.url(SITE, 'default', RESOURCE_GROUP),
      cli: emulators.cli.staticSites.url(SITE, 'default', RESOURCE_GROUP),
    };
    expect(action.outputs).toEqual({ url: production.action, 'build-id': 'side-by-side-1', 'previous-build-id': '' });
    expect(terminal.json?.outputs).toEqual({ ...action.outputs, url: production.cli });
    expect(await servedBuildId(production.cli)).toBe('side-by-side-1');
    expect(await servedBuildId(production.action)).toBe('side-by-side-1');
    expect(await packagesIn(CONTAINERS.cli)).toEqual(await packagesIn(CONTAINERS.action));
    expect(await packagesIn(CONTAINERS.cli)).toEqual([`${SITE}/production/<time>-side-by-side-1.zip`]);
  }, 180_000);
});
