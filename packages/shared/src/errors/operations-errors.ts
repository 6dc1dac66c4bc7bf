import { AugeoError, InputError } from './augeo-error.js';

/** The errors the operations actions (dr-drill, redis-backup, dev-schedule) show users. */

export function scheduleOutsideDev(environment: string): InputError {
  return new InputError(
    'environment',
    environment,
    'dev: the schedule stops and starts only the dev environment; staging and production run around the clock',
  );
}

export function serverVanished(name: string): AugeoError {
  return new AugeoError(
    `Azure reported the operation on flexible server ${name} done, but the server cannot be read.`,
    {
      code: 'ResourceNotFound',
      hint: 'Look at the resource group in the portal; re-run the step once the server shows up.',
    },
  );
}

export function resourceMissing(kind: string, name: string, resourceGroup: string, input: string): AugeoError {
  return new AugeoError(`There is no ${kind} '${name}' in resource group '${resourceGroup}'.`, {
    code: 'ResourceNotFound',
    hint: `Check the ${input} and resource-group inputs (the defaults follow main.bicep's augeo-<environment>-… names).`,
  });
}

export function restorePointOutsideWindow(requested: Date, earliest: Date | undefined): AugeoError {
  return new AugeoError(
    `The restore point ${requested.toISOString()} is not restorable: the server's earliest restore point is ` +
      `${earliest?.toISOString() ?? 'unknown'} and the latest is now.`,
    { code: 'RestorePointOutsideWindow', hint: 'Choose a restore-point within the backup retention window.' },
  );
}

export function redisExportNeedsPremium(cache: string, sku: string, cause: AugeoError): AugeoError {
  return new AugeoError(
    `Azure refused to export ${cache} (${sku}): RDB export is a Premium-tier feature. ${cause.message}`,
    {
      code: cause.code ?? 'RedisExportRefused',
      hint:
        'The platform doc asks for RDB snapshots every 4 hours, but infrastructure/README.md deploys Standard C1, ' +
        'which cannot export. Scale the cache to Premium (P1) in redis.bicep, or accept that Redis is rebuilt empty ' +
        '(the doc lists it as a session store and cache).',
      correlationId: cause.correlationId,
      cause,
    },
  );
}

export function drillVerificationFailed(server: string, detail: string, cause?: unknown): AugeoError {
  return new AugeoError(`The restored database on ${server} failed its verification: ${detail}`, {
    code: 'DrillVerificationFailed',
    hint: 'The scratch server was deleted. Check the verification-query against production, and the backups themselves.',
    cause,
  });
}

export function drillTargetsMissed(missed: string[]): AugeoError {
  return new AugeoError(`The disaster-recovery drill missed its targets: ${missed.join('; ')}.`, {
    code: 'DrillTargetMissed',
    hint: 'The summary table compares each measurement with the platform doc’s RTO/RPO.',
  });
}

export function scratchLeftBehind(kind: string, name: string, cause: unknown): AugeoError {
  return new AugeoError(`The drill could not delete its scratch ${kind} '${name}': it still exists and costs money.`, {
    code: 'DrillCleanupFailed',
    hint: `Delete '${name}' by hand (portal or az CLI), then find out why the delete failed (details below).`,
    cause,
  });
}

export function redisExportMissing(cache: string, blobName: string): AugeoError {
  return new AugeoError(`Azure reported the export of ${cache} done, but ${blobName} is not in the container.`, {
    code: 'RedisExportMissing',
    hint: 'Check the container’s firewall and that the storage account allows the cache to write (SAS not revoked).',
  });
}
