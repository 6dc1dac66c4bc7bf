import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { Logger } from '../io/action-io.js';
import type { AzureSettings } from './azure-settings.js';
import { createGitHubOidcCredential, type IdTokenSource } from './github-oidc-credential.js';

/**
 * A credential its host already has, outside GitHub Actions: an operator's `az login`, a client secret in the
 * environment. Built from the same settings (authority host, tenant, client) an action's sign-in uses.
 */
export interface HostCredential {
  credentialFor(settings: AzureSettings): TokenCredential;
  /** False when the credential knows who it is (az login): client and tenant ids may then be left out. */
  readonly needsClientId: boolean;
}

/**
 * How a core signs in to Azure: an action hands it GitHub's ID tokens (exchanged with Entra), the CLI may hand it
 * a host credential instead. Everything after sign-in (clients, retries, errors) is the same either way.
 */
export type AzureSignIn = IdTokenSource | HostCredential;

export function needsClientId(signIn: AzureSignIn): boolean {
  return 'getIdToken' in signIn || signIn.needsClientId;
}

export function createAzureCredential(settings: AzureSettings, signIn: AzureSignIn, log: Logger): TokenCredential {
  if ('getIdToken' in signIn) return createGitHubOidcCredential(settings, signIn, log);
  return maskingTokens(signIn.credentialFor(settings), log);
}

/** An access token is a secret the moment it exists, whoever minted it. */
function maskingTokens(credential: TokenCredential, log: Logger): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const token = await credential.getToken(scopes, options);
      if (token) log.mask(token.token);
      return token;
    },
  };
}
