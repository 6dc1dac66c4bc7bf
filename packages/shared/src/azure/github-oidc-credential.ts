import { ClientAssertionCredential } from '@azure/identity';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { azureSignInFailed, githubIdTokenUnavailable } from '../errors.js';
import type { Logger } from '../io/action-io.js';
import type { AzureSettings } from './azure-settings.js';
import { readOidcClaims } from './oidc-claims.js';

/** Asks GitHub for an OIDC ID token (in an action: @actions/core getIDToken). */
export interface IdTokenSource {
  getIdToken(audience: string): Promise<string>;
}

/**
 * GitHub ID tokens live about five minutes and @azure/identity asks for an assertion twice per token:
 * reuse one for a minute, then fetch a fresh one, so a deploy longer than the token's life never
 * presents an expired assertion.
 */
const ASSERTION_REUSE_MS = 60_000;

/**
 * A TokenCredential that exchanges GitHub OIDC tokens for Entra tokens: no stored secret, no az CLI.
 * A refused exchange becomes an error that shows the token's iss/sub/aud/job_workflow_ref (never the token).
 */
export function createGitHubOidcCredential(
  settings: AzureSettings,
  idTokens: IdTokenSource,
  log: Logger,
  now: () => number = Date.now,
): TokenCredential {
  let cached: { token: string; fetchedAt: number } | undefined;
  let lastToken: string | undefined;
  let idTokenFailure: Error | undefined;

  const getAssertion = async (): Promise<string> => {
    if (cached && now() - cached.fetchedAt < ASSERTION_REUSE_MS) return cached.token;
    let token: string;
    try {
      token = await idTokens.getIdToken(settings.oidcAudience);
    } catch (error) {
      idTokenFailure = githubIdTokenUnavailable(error);
      throw idTokenFailure;
    }
    log.mask(token);
    cached = { token, fetchedAt: now() };
    lastToken = token;
    return token;
  };

  const inner = new ClientAssertionCredential(settings.tenantId, settings.clientId, getAssertion, {
    authorityHost: settings.authorityHost,
    // Instance discovery calls the public cloud's discovery endpoint, which a sovereign cloud or the emulator
    // cannot answer; the authority host is given explicitly, so there is nothing to discover.
    disableInstanceDiscovery: true,
  });

  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      try {
        const token = await inner.getToken(scopes, options);
        if (token) log.mask(token.token);
        return token;
      } catch (error) {
        // @azure/identity wraps what the assertion callback throws; surface our own explanation instead.
        if (idTokenFailure) throw idTokenFailure;
        throw azureSignInFailed(settings, error, lastToken ? readOidcClaims(lastToken) : undefined);
      }
    },
  };
}
