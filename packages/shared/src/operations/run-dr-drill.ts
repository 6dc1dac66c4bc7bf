import type { IdTokenSource } from '../azure/github-oidc-credential.js';
import { runPhase } from '../azure/long-running.js';
import {
  describeError,
  drillTargetsMissed,
  resourceMissing,
  restorePointOutsideWindow,
  scratchLeftBehind,
} from '../errors.js';
import { formatDuration } from '../inputs/duration.js';
import type { ActionIO } from '../io/action-io.js';
import { drillAppRedeploy } from './app-redeploy-drill.js';
import { BackupContainer } from './backup-container.js';
import { verifyRestoredDatabase } from './database-verification.js';
import { drDrillInputs } from './dr-drill-inputs.js';
import { drillPassed, measured, renderDrillReport, type DrillReport } from './drill-report.js';
import { environmentResources } from './environment-resources.js';
import { openOperationsSession, type OperationsSession } from './operations-session.js';
import { RECOVERY_TARGETS } from './recovery-targets.js';

type DrillValues = ReturnType<typeof drDrillInputs.read>;

/** Deleting a scratch server is quick in Azure (minutes); it gets its own deadline so clean-up always runs. */
const CLEANUP_TIMEOUT_MS = 30 * 60_000;

/**
 * dr-drill's core, the platform doc's quarterly drill made a run: restore the environment's PostgreSQL to a point in
 * time into a scratch server, verify it with a real query, time it against the RTO and the restore point's age
 * against the RPO; redeploy production's image into a scratch slot and time that against the App Service RTO; list
 * the latest restore points (database window, newest Redis export against the Redis RPO). Scratch resources are
 * deleted whatever happens, and the summary says whether they are gone.
 */
export async function runDrDrill(io: ActionIO, adapters: { idTokens: IdTokenSource }): Promise<void> {
  const values = drDrillInputs.read(io.inputs);
  const names = environmentResources(values.environment);
  const resourceGroup = values.resourceGroup ?? names.resourceGroup;
  const session = openOperationsSession(io, adapters.idTokens);
  const report: DrillReport = { environment: values.environment, measurements: [], restorePoints: [], cleanup: [] };
  const suffix = scratchSuffix(io.env);
  const failures: Error[] = [];

  try {
    await io.log.group('PostgreSQL point-in-time restore', () =>
      drillDatabase(io, session, values, resourceGroup, values.databaseServer ?? names.databaseServer, suffix, report),
    );
  } catch (error) {
    failures.push(error as Error);
  }
  if (values.appDrill) {
    await io.log.group('App Service redeploy', async () => {
      const appName = values.appName ?? names.appName;
      const slot = `drill-${suffix}`;
      const outcome = await drillAppRedeploy(
        session.webApps,
        {
          resourceGroup,
          appName,
          slot,
          healthPath: values.healthPath,
          timeoutMs: values.appTimeout,
          pollIntervalMs: session.settings.pollIntervalMs,
        },
        io.log,
      );
      const target = RECOVERY_TARGETS.appService;
      report.measurements.push({
        component: `${target.component} redeploy of ${outcome.image || '(no image)'}`,
        target: `RTO ${formatDuration(target.rtoMs)}`,
        measured: measured(outcome.elapsedMs),
        passed: outcome.healthy && outcome.elapsedMs <= target.rtoMs,
        note: outcome.healthy ? undefined : outcome.detail,
      });
      report.cleanup.push(
        outcome.cleanedUp
          ? `scratch slot \`${slot}\` of ${appName}: deleted`
          : `❌ scratch slot \`${slot}\` of ${appName}: NOT deleted`,
      );
      if (!outcome.cleanedUp) failures.push(scratchLeftBehind('slot', `${appName}/${slot}`, outcome.cleanupError));
    });
  }
  await io.log
    .group('Redis restore points', () =>
      listRedisExports(io, session, values, values.redisCache ?? names.redisCache, report),
    )
    .catch((error: Error) => failures.push(error));

  io.summary.append(renderDrillReport(report));
  const passed = drillPassed(report) && failures.length === 0;
  io.outputs.set('result', passed ? 'passed' : 'failed');
  for (const failure of failures) io.log.error(describeError(failure));
  if (failures[0]) throw failures[0];
  if (!passed)
    throw drillTargetsMissed(
      report.measurements
        .filter((row) => !row.passed)
        .map((row) => `${row.component}: ${row.measured ?? 'not measured'} against ${row.target}`),
    );
}

async function drillDatabase(
  io: ActionIO,
  session: OperationsSession,
  values: DrillValues,
  resourceGroup: string,
  serverName: string,
  suffix: string,
  report: DrillReport,
): Promise<void> {
  const servers = session.flexibleServers(resourceGroup);
  const source = await servers.get(serverName);
  if (!source) throw resourceMissing('PostgreSQL flexible server', serverName, resourceGroup, 'database-server');
  const drillStart = new Date();
  report.restorePoints.push({
    component: `PostgreSQL ${source.name}`,
    earliest: source.earliestRestoreDate?.toISOString() ?? 'unknown',
    latest: `${drillStart.toISOString()} (continuous: any point up to now)`,
  });
  const pointInTime = new Date(drillStart.getTime() - values.restorePoint);
  if (source.earliestRestoreDate && pointInTime < source.earliestRestoreDate)
    throw restorePointOutsideWindow(pointInTime, source.earliestRestoreDate);
  const target = RECOVERY_TARGETS.postgres;
  const scratch = scratchServerName(source.name, suffix);
  io.outputs.set('scratch-server', scratch);
  io.log.info(`Restoring ${source.name} as of ${pointInTime.toISOString()} into the scratch server ${scratch}.`);
  const started = performance.now();
  try {
    const restored = await runPhase(
      {
        phase: `restore ${source.name} → ${scratch}`,
        timeoutMs: values.restoreTimeout,
        log: io.log,
        timeoutHint: `The restore may still be running in Azure; the drill deletes ${scratch} next.`,
      },
      (abortSignal) => servers.restore(source, scratch, pointInTime, abortSignal),
    );
    const restoreMs = performance.now() - started;
    io.outputs.set('database-restore-seconds', String(Math.round(restoreMs / 1000)));
    report.measurements.push({
      component: `PostgreSQL restore of ${source.name}`,
      target: `RTO ${formatDuration(target.rtoMs)}`,
      measured: measured(restoreMs),
      passed: restoreMs <= target.rtoMs,
    });
    const ageMs = drillStart.getTime() - pointInTime.getTime();
    report.measurements.push({
      component: `PostgreSQL restore point (${pointInTime.toISOString()})`,
      target: `RPO ${formatDuration(target.rpoMs)}`,
      measured: `${measured(ageMs)} old`,
      passed: ageMs <= target.rpoMs,
    });
    report.verification = { query: values.verificationQuery };
    try {
      report.verification.result = await verifyRestoredDatabase(
        {
          host: restored.fullyQualifiedDomainName,
          database: values.databaseName,
          user: values.databaseUser ?? restored.administratorLogin,
          password: values.databasePassword,
          query: values.verificationQuery,
          expected: values.verificationExpected ?? [],
        },
        session.credential,
        io.log,
      );
      report.measurements.push({
        component: `PostgreSQL data on ${scratch}`,
        target: 'verification query',
        measured: `${report.verification.result.rowCount} row(s)`,
        passed: true,
      });
    } catch (error) {
      report.verification.failure = (error as Error).message;
      report.measurements.push({
        component: `PostgreSQL data on ${scratch}`,
        target: 'verification query',
        measured: undefined,
        passed: false,
        note: 'see below',
      });
      throw error;
    }
  } finally {
    report.cleanup.push(await deleteScratchServer(io, session, resourceGroup, scratch));
  }
}

/** Deletes the scratch server and checks that ARM no longer knows it; a failure is reported, never thrown over. */
async function deleteScratchServer(
  io: ActionIO,
  session: OperationsSession,
  resourceGroup: string,
  scratch: string,
): Promise<string> {
  const servers = session.flexibleServers(resourceGroup);
  try {
    await runPhase(
      { phase: `delete scratch server ${scratch}`, timeoutMs: CLEANUP_TIMEOUT_MS, log: io.log },
      (signal) => servers.delete(scratch, signal),
    );
    if (await servers.get(scratch)) throw new Error('ARM still lists it after the delete finished');
    io.log.info(`Deleted the scratch server ${scratch}.`);
    return `scratch server \`${scratch}\`: deleted (ARM answers 404)`;
  } catch (error) {
    const left = scratchLeftBehind('PostgreSQL flexible server', scratch, error);
    io.log.error(describeError(left));
    return `❌ scratch server \`${scratch}\`: NOT deleted (${(error as Error).message})`;
  }
}

async function listRedisExports(
  io: ActionIO,
  session: OperationsSession,
  values: DrillValues,
  cache: string,
  report: DrillReport,
): Promise<void> {
  const target = RECOVERY_TARGETS.redis;
  if (!values.redisBackupStorage) {
    report.restorePoints.push({
      component: `Redis ${cache}`,
      earliest: 'not checked',
      latest: 'no redis-backup-storage given',
    });
    return;
  }
  const container = BackupContainer.open(values.redisBackupStorage, session.credential, io.env, io.log);
  const exports = await container.list(cache);
  const newest = exports[0];
  const oldest = exports.at(-1);
  report.restorePoints.push({
    component: `Redis ${cache} (RDB exports)`,
    earliest: oldest?.takenAt.toISOString() ?? 'none',
    latest: newest ? `${newest.takenAt.toISOString()} (${exports.length} kept)` : 'none',
  });
  const ageMs = newest ? Date.now() - newest.takenAt.getTime() : undefined;
  report.measurements.push({
    component: `Redis newest RDB export of ${cache}`,
    target: `RPO ${formatDuration(target.rpoMs)}`,
    measured: ageMs === undefined ? undefined : `${measured(ageMs)} old`,
    passed: ageMs !== undefined && ageMs <= target.rpoMs,
    note: ageMs === undefined ? 'no export found' : undefined,
  });
}

/** Unique per run and attempt, so a re-run never collides with a scratch resource a cancelled run left behind. */
function scratchSuffix(env: Readonly<Record<string, string | undefined>>): string {
  const run = env.GITHUB_RUN_ID;
  return run ? `${run}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : Date.now().toString(36);
}

/** Flexible server names: 3–63 lower-case letters, digits and hyphens. */
function scratchServerName(source: string, suffix: string): string {
  const tail = `-drill-${suffix}`;
  return `${source.slice(0, 63 - tail.length).replace(/-+$/, '')}${tail}`.toLowerCase();
}
