import type { TokenCredential } from '@azure/core-auth';
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
  type ContainerClient,
  type UserDelegationKey,
} from '@azure/storage-blob';
import { armRequestFailed, AugeoError } from '../errors.js';
import type { Logger } from '../io/action-io.js';
import type { BlobContainer } from './frontend-parsers.js';
import { withStorageRetries } from './storage-retry.js';

/** A deployment package kept in Blob Storage. */
export interface KeptPackage {
  blobName: string;
  buildId: string;
  createdOn: Date;
}

/**
 * Test-only: the Azurite account key. Azurite cannot check tokens from the emulator's Entra (it accepts only
 * sts.windows.net-style issuers), so tests sign with the well-known dev key. In Azure the OIDC path below is used:
 * no key exists in the workflow.
 */
export const TEST_STORAGE_KEY_VARIABLE = 'AUGEO_TEST_STORAGE_ACCOUNT_KEY';

/** How long the package URL handed to Static Web Apps stays valid: enough to fetch it, no more. */
export const PACKAGE_URL_LIFETIME_MS = 30 * 60_000;
/** Allowance for clock skew between the runner and Azure Storage. */
const CLOCK_SKEW_MS = 5 * 60_000;

const BUILD_ID_METADATA = 'buildid';

export class PackageStore {
  readonly #container: ContainerClient;
  #delegationKey: UserDelegationKey | undefined;

  private constructor(
    private readonly location: BlobContainer,
    private readonly service: BlobServiceClient,
    private readonly sharedKey: StorageSharedKeyCredential | undefined,
    private readonly log: Logger,
  ) {
    this.#container = service.getContainerClient(location.containerName);
  }

  /** Signs in with the action's OIDC credential, or, in tests against Azurite only, with the account key. */
  static open(
    location: BlobContainer,
    credential: TokenCredential,
    env: Readonly<Record<string, string | undefined>>,
    log: Logger,
  ): PackageStore {
    const testKey = env[TEST_STORAGE_KEY_VARIABLE];
    const sharedKey = testKey ? new StorageSharedKeyCredential(location.accountName, testKey) : undefined;
    if (testKey) log.mask(testKey);
    const service = new BlobServiceClient(location.serviceUrl, sharedKey ?? credential, {
      retryOptions: { maxTries: 1 },
      userAgentOptions: { userAgentPrefix: 'augeo-infra' },
    });
    return new PackageStore(location, service, sharedKey, log);
  }

  describe(blobName: string): string {
    return `${this.location.serviceUrl}/${this.location.containerName}/${blobName}`;
  }

  async upload(prefix: string, buildId: string, zip: Uint8Array): Promise<KeptPackage> {
    const createdOn = new Date();
    const stamp = createdOn
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const blobName = `${prefix}/${stamp}-${buildId}.zip`;
    await this.call(`Upload of package ${blobName}`, () =>
      this.#container.getBlockBlobClient(blobName).uploadData(zip, {
        blobHTTPHeaders: { blobContentType: 'application/zip' },
        metadata: { [BUILD_ID_METADATA]: buildId },
      }),
    );
    return { blobName, buildId, createdOn };
  }

  /** The packages kept under `prefix`, newest first. */
  async list(prefix: string): Promise<KeptPackage[]> {
    return this.call(`Listing packages under ${prefix}/`, async () => {
      const found: KeptPackage[] = [];
      for await (const blob of this.#container.listBlobsFlat({ prefix: `${prefix}/`, includeMetadata: true })) {
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
      await this.call(`Deleting old package ${blobName}`, () => this.#container.deleteBlob(blobName));
    return stale;
  }

  /**
   * A read-only URL for one package, valid for PACKAGE_URL_LIFETIME_MS. With OIDC it is a user-delegation SAS
   * (signed by a key Entra vouches for, revocable, no account key involved).
   */
  async readUrl(blobName: string): Promise<string> {
    const now = Date.now();
    const startsOn = new Date(now - CLOCK_SKEW_MS);
    const expiresOn = new Date(now + PACKAGE_URL_LIFETIME_MS);
    const values = {
      containerName: this.location.containerName,
      blobName,
      permissions: BlobSASPermissions.parse('r'),
      startsOn,
      expiresOn,
      protocol: this.location.serviceUrl.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
    };
    let query: string;
    if (this.sharedKey) {
      query = generateBlobSASQueryParameters(values, this.sharedKey).toString();
    } else {
      this.#delegationKey ??= await this.call('Getting a user delegation key', () =>
        this.service.getUserDelegationKey(startsOn, expiresOn),
      );
      query = generateBlobSASQueryParameters(values, this.#delegationKey, this.location.accountName).toString();
    }
    const url = `${this.#container.getBlobClient(blobName).url}?${query}`;
    this.log.mask(query);
    return url;
  }

  private async call<T>(operation: string, body: () => Promise<T>): Promise<T> {
    try {
      return await withStorageRetries(operation, this.log, body);
    } catch (error) {
      if (error instanceof AugeoError) throw error;
      const failure = error as { statusCode?: number; code?: string; message?: string };
      throw armRequestFailed(
        operation,
        {
          status: failure.statusCode,
          code: failure.code,
          message: failure.message?.split('\n')[0],
        },
        error,
      );
    }
  }
}
