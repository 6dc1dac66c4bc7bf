import type { TokenCredential } from '@azure/core-auth';
import {
  BlobServiceClient,
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
  type ContainerClient,
} from '@azure/storage-blob';
import { armRequestFailed, AugeoError } from '../errors.js';
import type { BlobContainer } from '../frontend/frontend-parsers.js';
import { TEST_STORAGE_KEY_VARIABLE } from '../frontend/package-store.js';
import { withStorageRetries } from '../frontend/storage-retry.js';
import type { Logger } from '../io/action-io.js';

/** One Redis export kept in the container: `<cache>/<yyyymmddThhmmssZ>.rdb`. */
export interface KeptExport {
  blobName: string;
  takenAt: Date;
}

/** How long the SAS handed to Redis stays valid: an export of a large cache takes minutes, not hours. */
const EXPORT_SAS_LIFETIME_MS = 2 * 60 * 60_000;
const CLOCK_SKEW_MS = 5 * 60_000;
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
  readonly #container: ContainerClient;

  private constructor(
    readonly location: BlobContainer,
    private readonly service: BlobServiceClient,
    private readonly sharedKey: StorageSharedKeyCredential | undefined,
    private readonly log: Logger,
  ) {
    this.#container = service.getContainerClient(location.containerName);
  }

  static open(
    location: BlobContainer,
    credential: TokenCredential,
    env: Readonly<Record<string, string | undefined>>,
    log: Logger,
  ): BackupContainer {
    const testKey = env[TEST_STORAGE_KEY_VARIABLE];
    if (testKey) log.mask(testKey);
    const sharedKey = testKey ? new StorageSharedKeyCredential(location.accountName, testKey) : undefined;
    const service = new BlobServiceClient(location.serviceUrl, sharedKey ?? credential, {
      retryOptions: { maxTries: 1 },
      userAgentOptions: { userAgentPrefix: 'augeo-infra' },
    });
    return new BackupContainer(location, service, sharedKey, log);
  }

  /**
   * The container URL with a SAS that lets Redis create and write blobs: a user-delegation SAS (signed by a key Entra
   * vouches for; no account key in the workflow), masked in the log.
   */
  async writableUrl(): Promise<string> {
    const now = Date.now();
    const startsOn = new Date(now - CLOCK_SKEW_MS);
    const expiresOn = new Date(now + EXPORT_SAS_LIFETIME_MS);
    await this.call('Creating the backup container', () => this.#container.createIfNotExists());
    const values = {
      containerName: this.location.containerName,
      permissions: ContainerSASPermissions.parse('rcw'),
      startsOn,
      expiresOn,
      protocol: this.location.serviceUrl.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
    };
    const query = this.sharedKey
      ? generateBlobSASQueryParameters(values, this.sharedKey).toString()
      : generateBlobSASQueryParameters(
          values,
          await this.call('Getting a user delegation key', () =>
            this.service.getUserDelegationKey(startsOn, expiresOn),
          ),
          this.location.accountName,
        ).toString();
    this.log.mask(query);
    return `${this.#container.url}?${query}`;
  }

  /** The exports of `cache`, newest first; blobs whose names carry no export time are not ours and are left alone. */
  async list(cache: string): Promise<KeptExport[]> {
    return this.call(`Listing exports under ${cache}/`, async () => {
      const found: KeptExport[] = [];
      for await (const blob of this.#container.listBlobsFlat({ prefix: `${cache}/` })) {
        const stamp = STAMP.exec(blob.name.slice(cache.length + 1));
        if (!stamp) continue;
        const [, year, month, day, hour, minute, second] = stamp;
        found.push({ blobName: blob.name, takenAt: new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`) });
      }
      return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
    });
  }

  async exists(blobName: string): Promise<boolean> {
    return this.call(`Reading ${blobName}`, () => this.#container.getBlobClient(blobName).exists());
  }

  /**
   * Deletes the exports taken before `cutoff`, but never the newest one: when exports stop working, retention must
   * not wipe the last backup there is. Returns what it deleted.
   */
  async prune(cache: string, cutoff: Date): Promise<KeptExport[]> {
    const [, ...older] = await this.list(cache);
    const stale = older.filter((kept) => kept.takenAt < cutoff);
    for (const kept of stale)
      await this.call(`Deleting old export ${kept.blobName}`, () => this.#container.deleteBlob(kept.blobName));
    return stale;
  }

  private async call<T>(operation: string, body: () => Promise<T>): Promise<T> {
    try {
      return await withStorageRetries(operation, this.log, body);
    } catch (error) {
      if (error instanceof AugeoError) throw error;
      const failure = error as { statusCode?: number; code?: string; message?: string };
      throw armRequestFailed(
        operation,
        { status: failure.statusCode, code: failure.code, message: failure.message?.split('\n')[0] },
        error,
      );
    }
  }
}
