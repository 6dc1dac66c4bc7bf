import { AugeoError } from './augeo-error.js';

/** The errors the migration gate shows users. */

export function programMissing(what: string, command: string, hint: string): AugeoError {
  return new AugeoError(`${what} could not be started: '${command}' was not found or is not executable.`, {
    code: 'ProgramNotFound',
    hint,
  });
}

export function alembicFailed(step: string, detail: string): AugeoError {
  return new AugeoError(`Alembic failed while ${step}:\n${detail}`, {
    code: 'AlembicFailed',
    hint: 'Run the same command locally (see the debug log for it); the database URL is passed in DATABASE_URL.',
  });
}

export function revisionScanFailed(detail: string): AugeoError {
  return new AugeoError(`Could not read the migrations: ${detail}`, {
    code: 'RevisionScanFailed',
    hint: 'Check alembic-config and the script_location / version_locations it sets.',
  });
}

export function squawkFailed(detail: string): AugeoError {
  return new AugeoError(`Squawk could not lint the rendered SQL: ${detail}`, { code: 'SquawkFailed' });
}

export function databaseUnreachable(where: string, reason: string): AugeoError {
  return new AugeoError(`Could not connect to the database at ${where}: ${reason}`, {
    code: 'DatabaseUnreachable',
    hint:
      'Check the host, port and credentials in database-url, that the server accepts connections from this runner ' +
      '(firewall rules / private endpoint), and that sslmode suits the server. Use a direct connection, not a pooler.',
  });
}

export function lockWaitTimedOut(waitedMs: number, holder: string): AugeoError {
  return new AugeoError(
    `Another migration held the migration lock for longer than ${Math.round(waitedMs / 1000)}s (${holder}).`,
    {
      code: 'MigrationLockTimeout',
      hint: 'Wait for the other deploy to finish and re-run, or raise lock-wait-timeout.',
    },
  );
}

export function migrationBlocked(blocked: number, mode: string): AugeoError {
  return new AugeoError(
    `The migration gate blocked this ${mode}: ${blocked} finding(s) would break the release serving production.`,
    {
      code: 'MigrationBlocked',
      hint:
        'Each finding is annotated on the op.* line that causes it, with the fix, in the job summary. Drops and renames ' +
        'belong in a revision marked phase = "contract" (docs/migrations.md); a team can accept a rule with `allow`.',
    },
  );
}

export function upgradeFailed(revision: string | undefined, databaseError: string, stillAt: string): AugeoError {
  const which = revision ? `revision ${revision}` : 'the upgrade';
  return new AugeoError(`Applying ${which} failed; the database is still at ${stillAt}.\n${databaseError}`, {
    code: 'MigrationFailed',
    hint: 'Nothing after the failing revision was applied and the deploy must not go on. Fix the revision and deploy again.',
  });
}

export function notAtTarget(expected: readonly string[], actual: readonly string[]): AugeoError {
  return new AugeoError(
    `After the upgrade the database is at ${actual.join(', ') || 'base'}, not at ${expected.join(', ')}.`,
    { code: 'MigrationNotAtTarget', hint: 'Check env.py: does it run every revision, and commit?' },
  );
}

export function baseRefUnavailable(ref: string, reason: string): AugeoError {
  return new AugeoError(`Could not list the revisions added since base-ref '${ref}': ${reason}`, {
    code: 'BaseRefUnavailable',
    hint: 'Check out with fetch-depth: 0 (actions/checkout) so the base branch is there, or leave base-ref empty to lint every revision.',
  });
}

// Reading the database URL from Key Vault (database-url-secret).

export function secretForbidden(input: string, secretUri: string, clientId: string, azureMessage: string): AugeoError {
  const who = clientId ? `the identity ${clientId}` : 'the signed-in identity';
  return new AugeoError(
    `Key Vault refused to give the secret ${secretUri} (${input}) to ${who}: it lacks the role to read secrets.`,
    {
      code: 'KeyVaultForbidden',
      hint:
        `Assign it 'Key Vault Secrets User' on the vault or on the secret (az role assignment create --role ` +
        `"Key Vault Secrets User" --assignee ${clientId || '<its object id>'} --scope <vault id>); Owner and Contributor ` +
        `do not include reading secrets. Vaults with access policies need a get permission on secrets instead. ` +
        `Key Vault said: ${azureMessage.split(/\r?\n/)[0]}`,
    },
  );
}

export function secretNotFound(input: string, secretUri: string): AugeoError {
  return new AugeoError(`Key Vault has no secret ${secretUri} (${input}).`, {
    code: 'KeyVaultSecretNotFound',
    hint: 'Check the secret name and version in the URI (leave the version out to read the current one), and that it is not disabled or deleted.',
  });
}

export function secretUnreadable(input: string, secretUri: string, detail: string, cause?: unknown): AugeoError {
  return new AugeoError(`Could not read the secret ${secretUri} (${input}) from Key Vault: ${detail}`, {
    code: 'KeyVaultSecretUnreadable',
    hint: 'Check that the vault URL is right and reachable from this runner (firewall, private endpoint), and the sign-in details above.',
    cause,
  });
}
