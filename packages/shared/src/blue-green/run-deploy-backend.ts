import { openAzureSession } from '../azure/azure-session.js';
import { readKeyVaultSecret } from '../azure/key-vault-secret.js';
import { tolerantRecorder } from '../github/deployments.js';
import type { ActionIO } from '../io/action-io.js';
import { resolveDatabaseUrl } from '../migrations/database-url-secret.js';
import { openSlotOperations, type ActionAdapters } from './action-session.js';
import { deployBackend } from './deploy-backend.js';
import { readDeployBackendInputs } from './deploy-backend-inputs.js';
import { deployMigrationsOf } from './deploy-migration-inputs.js';
import { lockTimingFrom } from './lock-timing.js';
import { migrationHooks } from './migration-hooks.js';
import { deployOutputs } from './run-outputs.js';
import { renderRunSummary } from './run-summary.js';
import { runIdentity } from './run-identity.js';

/**
 * deploy-backend's core: inputs → Azure session → (database URL from Key Vault) → deploy, with the migration gate
 * as its hooks → outputs, summary, deployment status → pass/fail.
 */
export async function runDeployBackend(io: ActionIO, adapters: ActionAdapters): Promise<void> {
  const { values, config } = readDeployBackendInputs(io.inputs, lockTimingFrom(io.env));
  const migrations = deployMigrationsOf(values, io.env.GITHUB_WORKSPACE ?? process.cwd());
  if (values.githubToken) io.log.mask(values.githubToken);
  for (const secret of migrations?.config.databaseUrl?.secrets ?? []) io.log.mask(secret);
  const session = openAzureSession(io, adapters.idTokens);
  const ops = openSlotOperations(io, adapters, values, session);
  // Read before the deploy starts: a secret that cannot be read stops the run before it takes the lock.
  const migration =
    migrations &&
    migrationHooks(
      {
        config: await resolveDatabaseUrl(migrations.config, (secret) =>
          readKeyVaultSecret(session.credential, secret, {
            input: 'database-url-secret',
            clientId: session.settings.clientId,
            log: io.log,
          }),
        ),
        contract: migrations.contract,
      },
      io,
    );
  const recorder = tolerantRecorder(values.githubToken ? adapters.deployments(values.githubToken) : undefined, io.log);
  const run = runIdentity(io.env);
  const deployment = await recorder.create({
    environment: values.environment,
    ref: io.env.GITHUB_SHA || io.env.GITHUB_REF || 'HEAD',
    description: `deploy ${config.image.reference} to ${values.appName}`,
    payload: { image: config.image.reference, app: values.appName, slot: config.slot, run: run.label },
  });
  await deployment.setStatus('in_progress', { description: `Deploying ${config.image.reference}` });

  const report = await deployBackend(ops, config, { log: io.log, run, hooks: migration?.hooks }).catch(
    async (error: unknown) => {
      await deployment.setStatus('failure', { description: `Failed before deploying ${config.image.reference}` });
      throw error;
    },
  );
  for (const [name, value] of Object.entries(deployOutputs(report))) io.outputs.set(name, value);
  io.summary.append(renderRunSummary(report));
  for (const section of migration?.summaries ?? []) io.summary.append(section);
  const served = report.production?.image ?? 'unknown';
  await deployment.setStatus(report.result === 'deployed' || report.result === 'staged' ? 'success' : 'failure', {
    description:
      report.result === 'rolled-back'
        ? `Rolled back: ${config.image.reference} failed in production; serving ${served} again`
        : `${report.result}: production serves ${served}`,
    ...(report.production?.url ? { environmentUrl: report.production.url } : {}),
  });
  if (report.failure) throw report.failure;
}
