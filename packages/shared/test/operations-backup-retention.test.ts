/** Retention of Redis exports against Azurite, the real storage emulator: by the time in the name, never the newest. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../../../actions/deploy-frontend/test/support/azurite.js';
import { TEST_STORAGE_KEY_VARIABLE } from '../src/storage/blob-container-access.js';
import { createMemoryIO } from '../src/io/memory-io.js';
import { BackupContainer, exportBlobName } from '../src/operations/backup-container.js';

const DAY_MS = 86_400_000;
const now = new Date('2025-06-01T12:00:00Z');
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let container: ContainerClient;
let backups: BackupContainer;

beforeAll(async () => {
  azurite = await startAzurite();
  container = new BlobServiceClient(
    `${azurite.url}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getContainerClient('exports');
  await container.create();
  const noCredential = { getToken: async () => null };
  backups = BackupContainer.open(
    { serviceUrl: `${azurite.url}/${AZURITE_ACCOUNT}`, accountName: AZURITE_ACCOUNT, containerName: 'exports' },
    noCredential,
    { [TEST_STORAGE_KEY_VARIABLE]: AZURITE_KEY },
    createMemoryIO().log,
  );
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

const put = (name: string) => container.getBlockBlobClient(name).uploadData(Buffer.from('REDIS0009'));
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

describe('Redis export retention', () => {
  it('lists exports newest first and ignores blobs that are not exports', async () => {
    for (const days of [3, 1, 2]) await put(exportBlobName('listed', daysAgo(days)));
    await put('listed/readme.txt');
    const kept = await backups.list('listed');
    expect(kept.map((entry) => entry.takenAt)).toEqual([daysAgo(1), daysAgo(2), daysAgo(3)]);
  });

  it('keeps the newest export even when every export is past the retention', async () => {
    for (const days of [30, 20, 10]) await put(exportBlobName('stale', daysAgo(days)));
    const deleted = await backups.prune('stale', daysAgo(7));
    expect(deleted.map((entry) => entry.takenAt)).toEqual([daysAgo(20), daysAgo(30)]);
    expect((await backups.list('stale')).map((entry) => entry.blobName)).toEqual([
      exportBlobName('stale', daysAgo(10)),
    ]);
  });
});
