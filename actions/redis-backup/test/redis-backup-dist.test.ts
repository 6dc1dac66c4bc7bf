/**
 * The bundled redis-backup against the emulator's Microsoft.Cache and Azurite: Azure refuses RDB export below
 * Premium (the platform runs Standard C1) and the action says why; on Premium the export lands in the container and
 * exports past the retention are deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import type { Emulator } from '@augeo/emulator';
import { exportBlobName } from '@augeo/shared/operations/backup-container';
import { runAction } from '../../../test/support/run-action.js';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../../deploy-frontend/test/support/azurite.js';
import { operationsEnv, startOperationsEmulator } from '../../dr-drill/test/support/operations-emulator.js';

const DAY_MS = 86_400_000;
let emulator: Emulator;
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let container: ContainerClient;

beforeAll(async () => {
  [emulator, azurite] = await Promise.all([startOperationsEmulator(), startAzurite()]);
  container = new BlobServiceClient(
    `${azurite.url}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getContainerClient('redis-backups');
  await container.create();
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
  await azurite?.stop();
});

const blobNames = async () => {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names.sort();
};
const inputs = (environment: string) => ({
  environment,
  'backup-storage': `${azurite.url}/${AZURITE_ACCOUNT}/redis-backups`,
});
const env = (environment: 'staging' | 'production') =>
  operationsEnv(emulator, environment, { AUGEO_TEST_STORAGE_ACCOUNT_KEY: AZURITE_KEY });

describe('redis-backup', () => {
  it('reports clearly that Azure refuses RDB export on the Standard tier production runs', async () => {
    const run = await runAction('redis-backup', inputs('production'), env('production'));
    expect(run.exitCode).toBe(1);
    const error = run.errors.join('\n');
    expect(error).toContain(
      'Azure refused to export augeo-production-redis (Standard C1): RDB export is a Premium-tier feature.',
    );
    expect(error).toContain('Import/Export is only available for Premium tier caches');
    expect(error).toContain('infrastructure/README.md deploys Standard C1');
    expect(await blobNames()).toEqual([]);
  }, 60_000);

  it('exports a Premium cache into the container and deletes exports past the retention, keeping the rest', async () => {
    const cache = 'augeo-staging-redis';
    const old = [10, 8].map((days) => exportBlobName(cache, new Date(Date.now() - days * DAY_MS)));
    const recent = exportBlobName(cache, new Date(Date.now() - 2 * DAY_MS));
    const notAnExport = `${cache}/notes.txt`;
    for (const name of [...old, recent, notAnExport])
      await container.getBlockBlobClient(name).uploadData(Buffer.from('REDIS0009'));

    const run = await runAction('redis-backup', { ...inputs('staging'), 'retention-days': '7' }, env('staging'));

    expect(run.errors).toEqual([]);
    const written = run.outputs.export ?? '';
    expect(written).toMatch(/^augeo-staging-redis\/\d{8}T\d{6}Z\.rdb$/);
    expect(run.outputs.deleted).toBe('2');
    expect(await blobNames()).toEqual([notAnExport, recent, written].sort());
    const rdb = await container.getBlobClient(written).downloadToBuffer();
    expect(rdb.subarray(0, 9).toString('ascii')).toBe('REDIS0009');
    expect(run.summary).toContain(`| ${written} |`);
    // The SAS Redis writes with appears only where it is masked.
    const sasLines = run.stdout.split('\n').filter((line) => line.includes('sig='));
    expect(sasLines.length).toBeGreaterThan(0);
    expect(sasLines.every((line) => line.startsWith('::add-mask::'))).toBe(true);
  }, 60_000);
});
