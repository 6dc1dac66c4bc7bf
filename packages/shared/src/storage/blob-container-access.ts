import type { TokenCredential } from '@azure/core-auth';
import {
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
  type BlobSASSignatureValues,
  type ContainerClient,
  type UserDelegationKey,
} from '@azure/storage-blob';
import { armRequestFailed, AugeoError } from '../errors.js';
import type { Logger } from '../io/action-io.js';
import type { BlobContainer } from '../inputs/blob-container-url.js';
import { withStorageRetries } from './storage-retry.js';

/**
 * Test-only: the Azurite account key. Azurite cannot check tokens from the emulator's Entra (it accepts only
 * sts.windows.net-style issuers), so tests sign with the well-known dev key. In Azure the OIDC path is used:
 * no key exists in the workflow.
 */
export const TEST_STORAGE_KEY_VARIABLE = 'AUGEO_TEST_STORAGE_ACCOUNT_KEY';

/** Allowance for clock skew between the runner and Azure Storage. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * One blob container, signed in with the action's OIDC credential (or, against Azurite in tests only, the account
 * key). Every call is retried on transient faults and its failure explained; SAS URLs are user-delegation SAS
 * (signed by a key Entra vouches for, revocable, no account key involved) and masked the moment they exist.
 */
export class BlobContainerAccess {
  readonly container: ContainerClient;
  #delegationKey: UserDelegationKey | undefined;

  private constructor(
    readonly location: BlobContainer,
    private readonly service: BlobServiceClient,
    private readonly sharedKey: StorageSharedKeyCredential | undefined,
    private readonly log: Logger,
  ) {
    this.container = service.getContainerClient(location.containerName);
  }

  static open(
    location: BlobContainer,
    credential: TokenCredential,
    env: Readonly<Record<string, string | undefined>>,
    log: Logger,
  ): BlobContainerAccess {
    const testKey = env[TEST_STORAGE_KEY_VARIABLE];
    if (testKey) log.mask(testKey);
    const sharedKey = testKey ? new StorageSharedKeyCredential(location.accountName, testKey) : undefined;
    const service = new BlobServiceClient(location.serviceUrl, sharedKey ?? credential, {
      // withStorageRetries retries and says so; the SDK's own retries are silent.
      retryOptions: { maxTries: 1 },
      userAgentOptions: { userAgentPrefix: 'augeo-infra' },
    });
    return new BlobContainerAccess(location, service, sharedKey, log);
  }

  /** A SAS query string for the container (or one blob of it), valid from now for `lifetimeMs`. */
  async sas(values: Pick<BlobSASSignatureValues, 'blobName' | 'permissions'>, lifetimeMs: number): Promise<string> {
    const now = Date.now();
    const startsOn = new Date(now - CLOCK_SKEW_MS);
    const expiresOn = new Date(now + lifetimeMs);
    const signed: BlobSASSignatureValues = {
      ...values,
      containerName: this.location.containerName,
      startsOn,
      expiresOn,
      protocol: this.location.serviceUrl.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
    };
    let query: string;
    if (this.sharedKey) {
      query = generateBlobSASQueryParameters(signed, this.sharedKey).toString();
    } else {
      this.#delegationKey ??= await this.call('Getting a user delegation key', () =>
        this.service.getUserDelegationKey(startsOn, expiresOn),
      );
      query = generateBlobSASQueryParameters(signed, this.#delegationKey, this.location.accountName).toString();
    }
    this.log.mask(query);
    return query;
  }

  /** Runs one storage call with retries; a permanent failure names the operation and what Storage said. */
  async call<T>(operation: string, body: () => Promise<T>): Promise<T> {
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
