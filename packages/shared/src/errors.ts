/**
 * Every error a user of @augeo/shared sees is built here, so messages keep one voice:
 * what happened, what to do, and the ARM correlation id when there is one.
 */

export interface AugeoErrorDetails {
  /** A stable, greppable code, e.g. ARM's `AuthorizationFailed` or ours `InvalidInput`. */
  code?: string;
  /** What the user can do about it. */
  hint?: string;
  /** ARM's x-ms-correlation-request-id: what Azure support asks for. */
  correlationId?: string;
  cause?: unknown;
}

export class AugeoError extends Error {
  readonly code?: string;
  readonly hint?: string;
  readonly correlationId?: string;

  constructor(message: string, details: AugeoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AugeoError';
    this.code = details.code;
    this.hint = details.hint;
    this.correlationId = details.correlationId;
  }

  /** The full text for a failed step: message, hint and correlation id on their own lines. */
  describe(): string {
    const parts = [this.message];
    if (this.hint) parts.push(this.hint);
    if (this.correlationId) parts.push(`Correlation id: ${this.correlationId}`);
    return parts.join('\n');
  }
}

/** A bad input: raised before anything in Azure changes. */
export class InputError extends AugeoError {
  readonly input: string;

  constructor(input: string, received: string | undefined, accepted: string) {
    const got = received === undefined ? 'nothing' : `'${received}'`;
    super(`Input '${input}' is invalid: got ${got}, expected ${accepted}.`, { code: 'InvalidInput' });
    this.name = 'InputError';
    this.input = input;
  }
}

/** Every bad input at once: users should not have to fix one input per run. */
export function invalidInputs(problems: InputError[]): AugeoError {
  if (problems.length === 1 && problems[0]) return problems[0];
  return new AugeoError(`${problems.length} inputs are invalid:\n${problems.map((p) => `- ${p.message}`).join('\n')}`, {
    code: 'InvalidInput',
  });
}

/** A feature whose issue has not landed yet: fail loudly rather than pretend. */
export function notImplemented(action: string, issue: string): AugeoError {
  return new AugeoError(`The ${action} action is not implemented yet.`, {
    code: 'NotImplemented',
    hint: `It is tracked in ${issue} of augeo/infra; until it lands, do not use this action in a workflow.`,
  });
}

/** Turns anything thrown into the text a failed step shows. */
export function describeError(error: unknown): string {
  if (error instanceof AugeoError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}

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
  return new AugeoError(`Phase '${phase}' did not finish within ${formatMs(timeoutMs)}.`, {
    code: 'PhaseTimedOut',
    hint: hint ?? 'Raise the phase timeout if Azure is slow today, or check the resource in the portal.',
  });
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The app did not answer healthy enough times in a row before the deadline: say what it last showed. */
export function healthWaitTimedOut(
  consecutiveSuccesses: number,
  deadlineMs: number,
  rounds: number,
  lastSeen: string,
): AugeoError {
  return new AugeoError(
    `Not healthy within ${formatMs(deadlineMs)}: needed ${consecutiveSuccesses} healthy round(s) in a row, ` +
      `none came in ${rounds} round(s). Last seen: ${lastSeen}`,
    {
      code: 'HealthDeadlineExceeded',
      hint: 'Check that the app started and serves this URL; raise deadline if it is just slow to start.',
    },
  );
}

/** One line per failed criterion per URL, so the step's error says exactly what to look at. */
export function healthCheckFailed(failures: { url: string; reasons: string[] }[]): AugeoError {
  const lines = failures.flatMap(({ url, reasons }) => reasons.map((reason) => `- ${url}: ${reason}`));
  return new AugeoError(`Health check failed for ${failures.length} URL(s):\n${lines.join('\n')}`, {
    code: 'Unhealthy',
    hint: 'The job summary has the per-URL numbers and the thresholds used.',
  });
}
