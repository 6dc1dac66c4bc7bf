import type { TokenCredential } from '@azure/core-auth';
import { ContainerSASPermissions } from '@azure/storage-blob';
import type { BlobContainer } from '../inputs/blob-container-url.js';
import type { Logger } from '../io/action-io.js';
import { BlobContainerAccess } from '../storage/blob-container-access.js';

/** One Redis export kept in the container: `<cache>/<yyyymmddThhmmssZ>.rdb`. */
export interface KeptExport {
  blobName: string;
  takenAt: Date;
}

/** How long the SAS handed to Redis stays valid: an export of a large cache takes minutes, not hours. */
const EXPORT_SAS_LIFETIME_MS = 2 * 60 * 60_000;
const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.rdb$/;

/** The export's blob name; the time in it is what retention reads, so it never depends on blob metadata. */
export function exportBlobName(cache: string, takenAt: Date): string {
  const stamp = takenAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${cache}/${stamp}.rdb`;
}

/**
 * The storage container Redis exports go to (the platform doc's "Redis persistence" in the Storage Account). Signs
 * in with the action's OIDC credential; in tests against Azurite only, with the account key (see package-store.ts).
 */
export class BackupContainer {
  private constructor(private readonly storage: BlobContainerAccess) {}

  static open(
    location: BlobContainer,
    credential: TokenCredential,
    env: Readonly<Record<string, string | undefined>>,
    log: Logger,
  ): BackupContainer {
    return new BackupContainer(BlobContainerAccess.open(location, credential, env, log));
  }

  get location(): BlobContainer {
    return this.storage.location;
  }

  /**
   * The container URL with a SAS that lets Redis create and write blobs: a user-delegation SAS (signed by a key Entra
   * vouches for; no account key in the workflow), masked in the log.
   */
  async writableUrl(): Promise<string> {
    await this.storage.call('Creating the backup container', () => this.storage.container.createIfNotExists());
    const query = await this.storage.sas({ permissions: ContainerSASPermissions.parse('rcw') }, EXPORT_SAS_LIFETIME_MS);
    return `${this.storage.container.url}?${query}`;
  }

  /** The exports of `cache`, newest first; blobs whose names carry no export time are not ours and are left alone. */
  async list(cache: string): Promise<KeptExport[]> {
    return this.storage.call(`Listing exports under ${cache}/`, async () => {
      const found: KeptExport[] = [];
      for await (const blob of this.storage.container.listBlobsFlat({ prefix: `${cache}/` })) {
        const stamp = STAMP.exec(blob.name.slice(cache.length + 1));
        if (!stamp) continue;
        const [, year, month, day, hour, minute, second] = stamp;
        found.push({ blobName: blob.name, takenAt: new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`) });
      }
      return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
    });
  }

  async exists(blobName: string): Promise<boolean> {
    return this.storage.call(`Reading ${blobName}`, () => this.storage.container.getBlobClient(blobName).exists());
  }

  /**
   * Deletes the exports taken before `cutoff`, but never the newest one: when exports stop working, retention must
   * not wipe the last backup there is. Returns what it deleted.
   */
  async prune(cache: string, cutoff: Date): Promise<KeptExport[]> {
    const [, ...older] = await this.list(cache);
    const stale = older.filter((kept) => kept.takenAt < cutoff);
    for (const kept of stale)
      await this.storage.call(`Deleting old export ${kept.blobName}`, () =>
        this.storage.container.deleteBlob(kept.blobName),
      );
    return stale;
  }
}
