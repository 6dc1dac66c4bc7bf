import type { TokenCredential } from '@azure/core-auth';
import { BlobSASPermissions } from '@azure/storage-blob';
import type { Logger } from '../io/action-io.js';
import { BlobContainerAccess } from '../storage/blob-container-access.js';
import type { BlobContainer } from '../inputs/blob-container-url.js';

/** A deployment package kept in Blob Storage. */
export interface KeptPackage {
  blobName: string;
  buildId: string;
  createdOn: Date;
}

/** How long the package URL handed to Static Web Apps stays valid: enough to fetch it, no more. */
export const PACKAGE_URL_LIFETIME_MS = 30 * 60_000;

const BUILD_ID_METADATA = 'buildid';

export class PackageStore {
  private constructor(private readonly storage: BlobContainerAccess) {}

  /** Signs in with the action's OIDC credential, or, in tests against Azurite only, with the account key. */
  static open(
    location: BlobContainer,
    credential: TokenCredential,
    env: Readonly<Record<string, string | undefined>>,
    log: Logger,
  ): PackageStore {
    return new PackageStore(BlobContainerAccess.open(location, credential, env, log));
  }

  describe(blobName: string): string {
    return `${this.storage.location.serviceUrl}/${this.storage.location.containerName}/${blobName}`;
  }

  async upload(prefix: string, buildId: string, zip: Uint8Array): Promise<KeptPackage> {
    const createdOn = new Date();
    const stamp = createdOn
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const blobName = `${prefix}/${stamp}-${buildId}.zip`;
    await this.storage.call(`Upload of package ${blobName}`, () =>
      this.storage.container.getBlockBlobClient(blobName).uploadData(zip, {
        blobHTTPHeaders: { blobContentType: 'application/zip' },
        metadata: { [BUILD_ID_METADATA]: buildId },
      }),
    );
    return { blobName, buildId, createdOn };
  }

  /** The packages kept under `prefix`, newest first. */
  async list(prefix: string): Promise<KeptPackage[]> {
    return this.storage.call(`Listing packages under ${prefix}/`, async () => {
      const found: KeptPackage[] = [];
      for await (const blob of this.storage.container.listBlobsFlat({ prefix: `${prefix}/`, includeMetadata: true })) {
        found.push({
          blobName: blob.name,
          buildId: blob.metadata?.[BUILD_ID_METADATA] ?? '',
          createdOn: blob.properties.createdOn ?? blob.properties.lastModified,
        });
      }
      return found.sort(
        (a, b) => b.createdOn.getTime() - a.createdOn.getTime() || b.blobName.localeCompare(a.blobName),
      );
    });
  }

  /** Deletes all but the newest `keep` packages; returns what it deleted. */
  async prune(prefix: string, keep: number): Promise<string[]> {
    const stale = (await this.list(prefix)).slice(keep).map((kept) => kept.blobName);
    for (const blobName of stale)
      await this.storage.call(`Deleting old package ${blobName}`, () => this.storage.container.deleteBlob(blobName));
    return stale;
  }

  /**
   * A read-only URL for one package, valid for PACKAGE_URL_LIFETIME_MS. With OIDC it is a user-delegation SAS
   * (signed by a key Entra vouches for, revocable, no account key involved).
   */
  async readUrl(blobName: string): Promise<string> {
    const query = await this.storage.sas(
      { blobName, permissions: BlobSASPermissions.parse('r') },
      PACKAGE_URL_LIFETIME_MS,
    );
    return `${this.storage.container.getBlobClient(blobName).url}?${query}`;
  }
}
