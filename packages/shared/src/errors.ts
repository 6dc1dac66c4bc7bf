import { formatDuration } from './inputs/duration.js';

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

/** A slot named in an input does not exist: found by reading, before anything was written. */
export function slotNotFound(input: string, slot: string, app: string): InputError {
  return new InputError(input, slot, `a slot that exists in the app '${app}' (ARM answered ResourceNotFound)`);
}

/** Another run holds the site's deploy lock and did not let go within lock-wait. */
export function deployLocked(app: string, holder: string, waitMs: number, tag: string): AugeoError {
  return new AugeoError(
    `Refusing to deploy ${app}: ${holder}. Waited ${formatDuration(waitMs)} (lock-wait) without getting the lock.`,
    {
      code: 'DeployLocked',
      hint:
        `Let the other run finish, or raise lock-wait. If that run is dead, its lease expires by itself; to clear it ` +
        `at once, delete the '${tag}' tag of the app (az tag update --operation Delete --resource-id <app id> --tags ${tag}).`,
    },
  );
}

/** The slot never passed its gate: nothing was swapped, production is as it was. */
export function slotNeverHealthy(slot: string, image: string, reasons: string[], production: string): AugeoError {
  return new AugeoError(
    `Slot '${slot}' with ${image} did not pass its health gate, so nothing was swapped. Production is untouched and ` +
      `serves ${production}.\n${reasons.map((reason) => `- ${reason}`).join('\n')}`,
    {
      code: 'SlotUnhealthy',
      hint: 'The job summary has the gate numbers; the slot still runs the new image for inspection.',
    },
  );
}

/** The swap call failed and ARM shows nothing moved. */
export function swapDidNotHappen(source: string, target: string, cause: unknown, production: string): AugeoError {
  return new AugeoError(
    `The swap ${source} → ${target} failed and nothing was swapped: production serves ${production}.\n` +
      `Azure said: ${describeError(cause).split('\n')[0]}`,
    {
      code: 'SwapFailed',
      hint: 'A swap fails when the source slot does not answer its warm-up ping; check the slot, then re-run.',
      cause,
    },
  );
}

/** Our deadline passed while Azure still runs the swap: loudly, since the slots may still change. */
export function swapStillRunning(source: string, target: string, timeoutMs: number, production: string): AugeoError {
  return new AugeoError(
    `SWAP STILL RUNNING: ${source} → ${target} did not finish within ${formatDuration(timeoutMs)} and Azure is still running ` +
      `it. Right now production serves ${production}; it will switch when Azure finishes.`,
    {
      code: 'SwapStillRunning',
      hint: 'Watch the app in the portal; re-running this step detects a finished swap and verifies production instead of swapping again.',
    },
  );
}

/** Production failed its gate after the swap; it was swapped back and verified. */
export function releaseRolledBack(image: string, reasons: string[], production: string): AugeoError {
  return new AugeoError(
    `${image} failed its health gate in production, so it was swapped back. Production serves ${production} again ` +
      `(verified).\n${reasons.map((reason) => `- ${reason}`).join('\n')}`,
    {
      code: 'RolledBack',
      hint: 'The failed release stays in the slot for inspection; the job summary has the timeline.',
    },
  );
}

/** Production is unhealthy and nothing (more) can be done automatically: the loudest message we have. */
export function productionLeftUnhealthy(what: string, production: string, reasons: string[]): AugeoError {
  return new AugeoError(
    `PRODUCTION IS NOT HEALTHY: ${what}. Production serves ${production}.\n${reasons.map((reason) => `- ${reason}`).join('\n')}`,
    {
      code: 'ProductionUnhealthy',
      hint: 'Run the rollback action (to: previous, or to: <known-good image>) or swap the slots by hand now.',
    },
  );
}

/** rollback `to: previous`: the slot does not hold what it should, verified by what the app reports. */
export function rollbackTargetUnverified(slot: string, detail: string): AugeoError {
  return new AugeoError(`Not rolling back: the '${slot}' slot cannot be verified as the previous release: ${detail}`, {
    code: 'RollbackTargetUnverified',
    hint: 'Name the known-good image instead (to: <image>): it is staged in the slot, verified, then swapped in.',
  });
}

/** The build step of deploy-frontend failed: show the command, its exit code and the end of its output. */
export function frontendBuildFailed(command: string, exitCode: number, outputTail: string): AugeoError {
  return new AugeoError(`The build command '${command}' exited with ${exitCode}. Its last output:\n${outputTail}`, {
    code: 'FrontendBuildFailed',
    hint: 'Run the same command locally in app-location; nothing was uploaded or deployed.',
  });
}

/** The folder to deploy is missing or holds nothing: deploying it would replace the site with an empty one. */
export function frontendOutputUnusable(folder: string, problem: 'missing' | 'empty'): AugeoError {
  return new AugeoError(
    problem === 'missing'
      ? `The build output folder '${folder}' does not exist.`
      : `The build output folder '${folder}' is empty.`,
    {
      code: problem === 'missing' ? 'FrontendOutputMissing' : 'FrontendOutputEmpty',
      hint:
        'Set output-location to the folder your build writes (Vite: dist), relative to app-location, and check that ' +
        'build-command builds it. Nothing was uploaded or deployed.',
    },
  );
}

/** ARM would not show the Static Web App: a wrong name or group, or an identity without a role on it. */
export function staticWebAppNotFound(name: string, resourceGroup: string, cause: AugeoError): AugeoError {
  return new AugeoError(
    `Static Web App '${name}' in resource group '${resourceGroup}' was not found: ${cause.message}`,
    {
      code: cause.code,
      hint:
        'Check static-web-app-name and resource-group. ARM answers AuthorizationFailed rather than NotFound for a name ' +
        "outside the identity's role assignments, so a typo looks like a missing permission. Nothing was deployed.",
      correlationId: cause.correlationId,
      cause,
    },
  );
}

/** The zip deployment itself failed in Azure; say what production serves now, so nobody has to guess. */
export function zipDeploymentFailed(
  target: string,
  buildId: string,
  cause: AugeoError,
  served: string | undefined,
): AugeoError {
  const still = served ? `${target} still serves build ${served}.` : `${target} serves no readable build id.`;
  return new AugeoError(`Deploying build ${buildId} to ${target} failed: ${cause.message}\n${still}`, {
    code: cause.code ?? 'ZipDeploymentFailed',
    hint: 'Azure kept the previous content. Re-run the job; if it fails again, the error code above is what to search for.',
    correlationId: cause.correlationId,
    cause,
  });
}

/** Azure said done, but the site never served the new build: exactly the "Unsure if deployment was successful" case. */
export function servedBuildTimedOut(url: string, buildId: string, deadlineMs: number, lastSeen: string): AugeoError {
  return new AugeoError(
    `${url} did not serve build ${buildId} within ${formatMs(deadlineMs)} after Azure reported the deployment done. ` +
      `Last seen: ${lastSeen}.`,
    {
      code: 'ServedBuildDeadlineExceeded',
      hint:
        'The content may still be propagating, or the deployment went elsewhere. Check the site; raise verify-timeout ' +
        'if propagation is just slow today.',
    },
  );
}

/** Rollback found nothing to go back to, or not the package asked for. */
export function noPackageToRedeploy(target: string, wanted: string | undefined, available: string[]): AugeoError {
  return new AugeoError(
    wanted
      ? `No kept package of ${target} matches '${wanted}'.`
      : `No kept package of ${target} holds a build other than the one it serves.`,
    {
      code: 'NoPackageToRedeploy',
      hint: available.length
        ? `Kept packages (newest first): ${available.join(', ')}.`
        : 'No packages are kept for it yet: deploy at least twice (keep-packages controls how many are kept).',
    },
  );
}
