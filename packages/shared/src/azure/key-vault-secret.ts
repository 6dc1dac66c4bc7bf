import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';
import { AugeoError, InputError, secretForbidden, secretNotFound, secretUnreadable } from '../errors.js';
import type { Logger } from '../io/action-io.js';
import { readArmFailure } from './arm-call.js';

/** A Key Vault secret identifier: `https://<vault>.vault.azure.net/secrets/<name>[/<version>]`. */
export interface SecretUri {
  /** As given, for messages (it names the secret, it does not hold it). */
  uri: string;
  vaultUrl: string;
  name: string;
  version?: string;
}

const ACCEPTED =
  'a Key Vault secret URI such as https://my-vault.vault.azure.net/secrets/database-url (optionally /<version>)';
const SECRET_PATH = /^\/secrets\/([0-9a-zA-Z-]{1,127})(?:\/([0-9a-zA-Z]{32}))?\/?$/;

/**
 * Any https origin is accepted as the vault: sovereign clouds have other vault suffixes (vault.azure.cn,
 * vault.usgovcloudapi.net), and the emulator serves each vault on its own https://127.0.0.1:<port>.
 */
export function parseSecretUri(input: string, raw: string): SecretUri {
  const trimmed = raw.trim();
  if (!URL.canParse(trimmed)) throw new InputError(input, raw, ACCEPTED);
  const url = new URL(trimmed);
  const path = SECRET_PATH.exec(url.pathname);
  if (url.protocol !== 'https:' || !path || url.search || url.hash || url.username)
    throw new InputError(input, raw, ACCEPTED);
  return { uri: trimmed, vaultUrl: url.origin, name: path[1]!, ...(path[2] ? { version: path[2] } : {}) };
}

/**
 * Reads a secret with the run's credential and masks it before anything else can print it. The real client does
 * Key Vault's challenge: a first request without a token, a 401 naming the tenant and resource, then a token for
 * `<resource>/.default`. It checks that the resource belongs to the vault's domain; a loopback vault (the
 * emulator's) has no such domain, so the check is off for loopback addresses only.
 */
export async function readKeyVaultSecret(
  credential: TokenCredential,
  secret: SecretUri,
  deps: { input: string; clientId: string; log: Logger },
): Promise<string> {
  const client = new SecretClient(secret.vaultUrl, credential, {
    disableChallengeResourceVerification: isLoopback(new URL(secret.vaultUrl).hostname),
    retryOptions: { maxRetries: 3 },
    userAgentOptions: { userAgentPrefix: 'augeo-infra' },
  });
  let value: string | undefined;
  try {
    value = (await client.getSecret(secret.name, secret.version ? { version: secret.version } : {})).value;
  } catch (error) {
    if (error instanceof AugeoError) throw error;
    const failure = readArmFailure(error);
    if (failure.status === 403)
      throw secretForbidden(deps.input, secret.uri, deps.clientId, failure.message ?? 'Forbidden');
    if (failure.status === 404) throw secretNotFound(deps.input, secret.uri);
    const detail = failure.status
      ? `HTTP ${failure.status} ${failure.code ?? ''}: ${failure.message}`
      : failure.message;
    throw secretUnreadable(deps.input, secret.uri, detail ?? String(error), error);
  }
  if (!value) throw secretUnreadable(deps.input, secret.uri, 'the secret is empty');
  deps.log.mask(value);
  deps.log.debug(`Read ${secret.uri} from Key Vault.`);
  return value;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
