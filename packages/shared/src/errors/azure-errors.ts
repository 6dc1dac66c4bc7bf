import { AugeoError, describeError } from './augeo-error.js';
import { formatDuration } from '../inputs/duration.js';

/** GitHub would not hand out an OIDC token: almost always a missing `id-token: write` permission. */
export function githubIdTokenUnavailable(cause: unknown): AugeoError {
  return new AugeoError(`Could not get a GitHub OIDC token: ${describeError(cause)}`, {
    code: 'GitHubOidcTokenUnavailable',
    hint:
      'Give the job `permissions: id-token: write` (and `contents: read`). GitHub sets ACTIONS_ID_TOKEN_REQUEST_URL ' +
      'only for jobs that may request a token; pull requests from forks never get one.',
    cause,
  });
}

/** Entra refused the exchange; the claims say which federated credential the identity would need. */
export function azureSignInFailed(
  settings: { clientId: string; tenantId: string; authorityHost: string },
  cause: unknown,
  claims: { iss?: string; sub?: string; aud?: string; job_workflow_ref?: string } | undefined,
): AugeoError {
  const reason = describeError(cause).split('\n')[0];
  const presented = claims
    ? [
        'The GitHub OIDC token presented to Entra had:',
        `  iss: ${claims.iss ?? '(none)'}`,
        `  sub: ${claims.sub ?? '(none)'}`,
        `  aud: ${claims.aud ?? '(none)'}`,
        `  job_workflow_ref: ${claims.job_workflow_ref ?? '(none)'}`,
      ].join('\n')
    : 'No GitHub OIDC token was presented.';
  return new AugeoError(
    `Azure sign-in failed for client ${settings.clientId} in tenant ${settings.tenantId} (${settings.authorityHost}): ${reason}\n${presented}`,
    {
      code: 'AzureSignInFailed',
      hint:
        'The identity needs a federated credential whose issuer and subject equal the iss and sub above exactly ' +
        '(no wildcards; a job with an `environment:` gets the subject repo:OWNER/REPO:environment:NAME).',
      cause,
    },
  );
}

/** What ARM said about a failed request, with the correlation id Azure support asks for. */
export function armRequestFailed(
  operation: string,
  details: { status?: number; code?: string; message?: string; correlationId?: string },
  cause?: unknown,
): AugeoError {
  const code = details.code ?? (details.status ? `HTTP ${details.status}` : 'RequestFailed');
  const hints: Record<string, string> = {
    AuthorizationFailed:
      "The identity lacks a role on this scope. Grant it (e.g. 'Website Contributor' on the resource group), " +
      'or check that the job uses the identity of the environment it deploys to.',
    ResourceNotFound: 'Check the resource group and name inputs, and that the subscription is the right one.',
    ResourceGroupNotFound: 'Check the resource-group input and the subscription id.',
    InvalidAuthenticationToken: 'The access token was refused; check AZURE_RESOURCE_MANAGER_ENDPOINT and the tenant.',
    Conflict: 'Another operation is running on this resource; wait for it or re-run this step.',
  };
  return new AugeoError(`${operation} failed: ${code}: ${details.message ?? 'no message from Azure'}`, {
    code,
    hint:
      hints[code] ??
      (details.status && details.status >= 500 ? 'Azure had a transient fault; re-run the step.' : undefined),
    correlationId: details.correlationId,
    cause,
  });
}

/** A phase overran its deadline: name it, and say what was left in which state. */
export function phaseTimedOut(phase: string, timeoutMs: number, hint?: string): AugeoError {
  return new AugeoError(`Phase '${phase}' did not finish within ${formatDuration(timeoutMs)}.`, {
    code: 'PhaseTimedOut',
    hint: hint ?? 'Raise the phase timeout if Azure is slow today, or check the resource in the portal.',
  });
}
